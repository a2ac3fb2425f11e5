// `reclaim audit` and `reclaim compare` as a user runs them: the files, the exit codes both
// ways (a candidate that breaks nothing the base held exits 0; one that makes an attack
// worse exits 1; a variant file that drops two-factor, compared with the built-in that has
// it, exits 1 and names the broken claim with its counterexample, which replays), two
// versions of one file, --json, and bad input (exit 2) before anything runs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/testing.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

using testing::run_cli;

// Fast bounds: the scenario library and the random engine.
std::vector<std::string> fast(std::vector<std::string> args, const std::string& out) {
  for (const char* a : {"--check", "scenarios", "--check", "random", "--traces", "50", "--out"})
    args.push_back(a);
  args.push_back(out);
  return args;
}

class AuditCommand : public testing::TempFolder {
 protected:
  // timelock-2fa without its second factor: the researcher's weakened copy.
  std::string without_two_factor();
};

std::string AuditCommand::without_two_factor() {
  std::ifstream in(variants_dir() + "/timelock-2fa.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto replace = [&text](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  };
  replace("name = \"timelock-2fa\"", "name = \"no-2fa\"");
  replace(", \"TWO-FACTOR\"", "");
  const std::size_t table = text.find("[two_factor]");
  EXPECT_NE(table, std::string::npos);
  text.replace(text.find("enabled = true", table), 14, "enabled = false");
  return write("mine/no-2fa.toml", text);
}

TEST_F(AuditCommand, WritesTheReportAndExitsZeroWhenEveryClaimHolds) {
  const auto r = run_cli(fast({"audit", "--variant", "timelock", "--variant", "ii-protected"},
                              path("out")));
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  for (const char* f : {"report.json", "report.md", "index.html", "measured.json"})
    EXPECT_TRUE(std::filesystem::exists(path("out/") + f)) << f;
  EXPECT_NE(r.out.find("timelock: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("repeat: reclaim audit --seed 1 --traces 50"), std::string::npos) << r.out;
  const auto j = run_cli(fast({"audit", "--variant", "timelock", "--json"}, path("out2")));
  EXPECT_EQ(j.rc, 0);
  const auto report = nlohmann::json::parse(j.out);
  EXPECT_EQ(report["schema_version"], 1);
  EXPECT_EQ(report["variants"][0]["name"], "timelock");
}

TEST_F(AuditCommand, BadInputIsExitTwo) {
  EXPECT_EQ(run_cli({"audit", "--variant", "no-such-variant", "--out", path("o")}).rc, 2);
  EXPECT_EQ(run_cli({"audit", "--seed", "-1", "--out", path("o")}).rc, 2);
  EXPECT_EQ(run_cli({"audit", "--check", "astrology", "--out", path("o")}).rc, 2);
  EXPECT_EQ(run_cli({"audit", "--symbolic-depth", "0", "--out", path("o")}).rc, 2);
  for (const char* budget : {"nan", "NaN", "-1", "inf", "1e12", "x"})
    EXPECT_EQ(run_cli({"audit", "--budget", budget, "--out", path("o")}).rc, 2) << budget;
  EXPECT_EQ(run_cli({"audit", "--out", write("a-file", "x")}).rc, 2);
  EXPECT_EQ(run_cli({"compare", "timelock"}).rc, 2);
  EXPECT_EQ(run_cli({"compare", "timelock", "no-such-variant", "--out", path("o")}).rc, 2);
  EXPECT_EQ(run_cli({"audit", "--help"}).rc, 0);
  EXPECT_EQ(run_cli({"compare", "--help"}).rc, 0);
}

TEST_F(AuditCommand, CompareAStrongerCandidateExitsZero) {
  const auto r = run_cli(fast({"compare", "ii-2021", "ii-protected"}, path("cmp")));
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PROTECTED: newly holds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ii-protected breaks nothing ii-2021 held"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(path("cmp/comparison.json")));
}

// timelock-2fa gains TWO-FACTOR but loses an attack timelock survives: a burglar with two
// devices satisfies two-factor, and the owner left with her phrase cannot remove them.
TEST_F(AuditCommand, CompareAWorseAttackOutcomeExitsOne) {
  const auto r = run_cli(fast({"compare", "timelock", "timelock-2fa"}, path("cmp")));
  EXPECT_EQ(r.rc, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("TWO-FACTOR: newly holds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("BREAKS burglar-laptop-and-yubikey: worse: keeps control -> taken over"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(
      std::filesystem::exists(path("cmp/timelines/timelock-2fa/burglar-laptop-and-yubikey.txt")));
}

TEST_F(AuditCommand, CompareTwoVersionsOfOneFile) {
  std::ifstream in(variants_dir() + "/timelock.toml");
  const std::string copy = write(
      "pr/timelock.toml",
      std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  const auto r = run_cli(fast({"compare", "timelock", copy}, path("cmp")));
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("breaks nothing"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(path("cmp/timelines/timelock.candidate")));
}

// Two versions of one file under a folder whose name holds terminal escapes: the text
// printed names their sources with every control byte escaped.
TEST_F(AuditCommand, CompareEscapesControlBytesInSourcePaths) {
  std::ifstream in(variants_dir() + "/timelock.toml");
  const std::string copy = write(
      "x\x1b]0;pwned\x07\x1b[31mred/timelock.toml",
      std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  const auto r = run_cli(fast({"compare", "timelock", copy}, path("cmp")));
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\\x1b]0;pwned"), std::string::npos) << r.out;
}

TEST_F(AuditCommand, CompareAWeakenedVariantFileExitsOneWithItsCounterexample) {
  const std::string mine = without_two_factor();
  const auto r = run_cli(fast({"compare", "timelock-2fa", mine}, path("cmp")));
  EXPECT_EQ(r.rc, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("BREAKS TWO-FACTOR: newly breaks"), std::string::npos) << r.out;
  const auto j = run_cli(fast({"compare", "timelock-2fa", mine, "--json"}, path("cmp2")));
  EXPECT_EQ(j.rc, 1);
  const auto cmp = nlohmann::json::parse(j.out);
  EXPECT_GE(cmp["breaks"].get<int>(), 1);
  bool found = false;
  for (const auto& c : cmp["claims"])
    if (c["invariant"] == "TWO-FACTOR") {
      found = true;
      EXPECT_EQ(c["change"], "newly breaks");
      const std::string cx = c["counterexample"];
      EXPECT_TRUE(std::filesystem::exists(path("cmp2/") + cx)) << cx;
      // The evidence replays.
      EXPECT_EQ(run_cli({"run", path("cmp2/") + cx}).rc, 0);
    }
  EXPECT_TRUE(found) << j.out;
}

}  // namespace
}  // namespace reclaim::cli
