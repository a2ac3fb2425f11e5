// Tests for `reclaim variants`: the JSON list survives a variants folder whose path is not
// UTF-8 (each variant's path is in it), each real system's variant shows what it follows
// (as_of), and a folder lacking the built-ins is exit 2.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/testing.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

class VariantsCommand : public testing::TempFolder {
 protected:
  void TearDown() override {
    unsetenv("RECLAIM_VARIANTS_DIR");
    TempFolder::TearDown();
  }
};

TEST_F(VariantsCommand, JsonSurvivesAFolderNameThatIsNotUtf8) {
  const std::string dir = folder("variants-\xff");
  for (const std::string& name : builtin_variant_names())
    std::filesystem::copy_file(variants_dir() + "/" + name + ".toml", dir + "/" + name + ".toml");
  setenv("RECLAIM_VARIANTS_DIR", dir.c_str(), 1);
  const testing::CliResult r = testing::run_cli({"variants", "--json"});
  EXPECT_EQ(r.rc, 0) << r.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out;
  ASSERT_EQ(j.size(), builtin_variant_names().size());
  EXPECT_EQ(j[0]["path"], path("variants-\xef\xbf\xbd/ii-2021.toml"));
}

TEST_F(VariantsCommand, ShowsWhatEachRealSystemVariantFollows) {
  const testing::CliResult text = testing::run_cli({"variants"});
  EXPECT_EQ(text.rc, 0) << text.err;
  EXPECT_NE(text.out.find("argent\n  Argent v2.5"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\n  as of: argent-contracts v2.5\n"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("social\n  timelock-2fa plus weighted, following guardians who decide "
                          "who the real owner is, after the removal delay.\n  as of:"),
            std::string::npos)
      << text.out;
  const testing::CliResult json = testing::run_cli({"variants", "--json"});
  ASSERT_EQ(json.rc, 0) << json.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(json.out)) << json.out;
  bool seen = false;
  for (const auto& v : j)
    if (v["name"] == "vault") seen = v["as_of"] == "BIP-345";
  EXPECT_TRUE(seen) << json.out;
}

TEST_F(VariantsCommand, AFolderWithoutTheBuiltinsIsBadInput) {
  setenv("RECLAIM_VARIANTS_DIR", folder("empty").c_str(), 1);
  const testing::CliResult r = testing::run_cli({"variants", "--json"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("unknown variant \"ii-2021\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace reclaim::cli
