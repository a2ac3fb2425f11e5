// Tests for the run reports: the text timeline and the JSON form spell a trace hash the same
// way, with its leading zeros, so that the two can be compared as text.
#include "scenarios/timeline.h"

#include <gtest/gtest.h>

#include <string>

#include "trace/parse.h"

namespace reclaim {
namespace {

constexpr std::string_view kScenario =
    "scenario small\n"
    "variants timelock\n"
    "identity alice\n"
    "device alice/k passkey auth\n"
    "at 1h alice: login alice by alice/k\n"
    "expect accepted\n";

VariantRun run_once(const Scenario& sc) {
  Result<std::vector<VariantRun>> runs = run_scenario(sc, RunOptions{});
  EXPECT_TRUE(runs.ok()) << runs.error().str();
  EXPECT_EQ(runs->size(), 1u);
  return std::move(runs->front());
}

TEST(TraceHash, SixteenDigitsWithLeadingZeros) {
  EXPECT_EQ(format_trace_hash(0), "0000000000000000");
  EXPECT_EQ(format_trace_hash(0xabc), "0000000000000abc");
  EXPECT_EQ(format_trace_hash(0x0123456789abcdefULL), "0123456789abcdef");
  EXPECT_EQ(format_trace_hash(UINT64_MAX), "ffffffffffffffff");
}

TEST(TraceHash, TextAndJsonAgreeForASmallHash) {
  Result<Scenario> sc = parse_scenario(kScenario, "small.scn");
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  VariantRun run = run_once(*sc);
  run.trace_hash = 0x00000000000fe001ULL;  // a hash with eleven leading zeros
  const std::string text = format_timeline(*sc, run);
  EXPECT_NE(text.find("PASS small [timelock] trace 00000000000fe001\n"), std::string::npos) << text;
  EXPECT_EQ(timeline_json(*sc, run, false)["trace_hash"], "00000000000fe001");
}

TEST(TraceHash, TheRealHashIsPrintedTheSameInBoth) {
  Result<Scenario> sc = parse_scenario(kScenario, "small.scn");
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  const VariantRun run = run_once(*sc);
  const std::string hex = timeline_json(*sc, run, true)["trace_hash"];
  EXPECT_EQ(hex.size(), 16u);
  EXPECT_NE(format_timeline(*sc, run).find("trace " + hex + "\n"), std::string::npos);
}

}  // namespace
}  // namespace reclaim
