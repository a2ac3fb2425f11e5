// Tests for the strict flag parsers: a seed is exactly a decimal integer in 0..2^64-1;
// anything CLI11 would have clamped or wrapped is an error naming the flag and the value.
#include "cli/flags.h"

#include <gtest/gtest.h>

#include <string>

namespace reclaim::cli {
namespace {

TEST(ParseSeed, AcceptsEveryDecimalInRange) {
  for (const auto& [text, want] :
       std::vector<std::pair<std::string, uint64_t>>{{"0", 0},
                                                     {"1", 1},
                                                     {"007", 7},
                                                     {"20240611", 20240611},
                                                     {"18446744073709551615", UINT64_MAX}}) {
    Result<uint64_t> r = parse_seed(text, "--seed");
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().str();
    EXPECT_EQ(*r, want) << text;
  }
}

TEST(ParseSeed, RejectsWhatWouldBeClampedWrappedOrGuessed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"18446744073709551616", "out of range"},
      {"99999999999999999999999999", "out of range"},
      {"-1", "negative"},
      {"-0", "negative"},
      {"", "empty"},
      {"+1", "not a decimal number"},
      {"0x10", "not a decimal number"},
      {"1e3", "not a decimal number"},
      {" 1", "not a decimal number"},
      {"1 ", "not a decimal number"},
      {"1.0", "not a decimal number"},
      {"nan", "not a decimal number"},
      {std::string("1\0", 2), "not a decimal number"},
  };
  for (const auto& [text, why] : cases) {
    Result<uint64_t> r = parse_seed(text, "--seed");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("--seed \"", 0), 0u) << r.error().message;
    EXPECT_NE(r.error().message.find("from 0 to 18446744073709551615"), std::string::npos);
  }
}

TEST(ParseSeed, TheValueIsShownPrintably) {
  Result<uint64_t> r = parse_seed("1\n2", "--seed");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("--seed \"1\\x0a2\": ", 0), 0u) << r.error().message;
}

}  // namespace
}  // namespace reclaim::cli
