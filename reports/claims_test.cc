// The claims matrix's cells: the strongest evidence is the headline, the status says what it
// means for the variant, and counterexample paths are relative to the report's folder.
#include "reports/claims.h"

#include <gtest/gtest.h>

namespace reclaim::reports {
namespace {

ClaimVerdict verdict(const std::string& engine, Label label, bool claimed = true) {
  ClaimVerdict v;
  v.invariant = "RECLAIM";
  v.engine = engine;
  v.claimed = claimed;
  v.label = label;
  v.depth = 4;
  v.traces = 200;
  return v;
}

TEST(ClaimCell, StrongestEvidenceIsTheHeadline) {
  const auto cell = claim_cell("RECLAIM", true,
                               {verdict("random", Label::kTested),
                                verdict("symbolic", Label::kProved),
                                verdict("exhaustive", Label::kHoldsToDepth)},
                               "out");
  EXPECT_EQ(cell["headline"], "proved");
  EXPECT_EQ(cell["status"], kHolds);
  EXPECT_EQ(cell["headline_engines"], nlohmann::ordered_json::array({"symbolic"}));
  EXPECT_EQ(cell["evidence"].size(), 3u);
}

TEST(ClaimCell, ViolationBeatsAProofAndLinksItsCounterexample) {
  ClaimVerdict v = verdict("exhaustive", Label::kViolated);
  v.counterexample_path = "out/counterexamples/timelock/exhaustive/x.scn";
  const auto cell =
      claim_cell("RECLAIM", true, {verdict("symbolic", Label::kProved), v}, "out");
  EXPECT_EQ(cell["status"], kBroken);
  EXPECT_EQ(cell["counterexample"], "counterexamples/timelock/exhaustive/x.scn");
  const auto weak = claim_cell("RECLAIM", false, {v}, "out");
  EXPECT_EQ(weak["status"], kWeakness);
}

TEST(ClaimCell, OnlyNotEncodedIsUndecidedAndOtherInvariantsAreIgnored) {
  ClaimVerdict other = verdict("random", Label::kViolated);
  other.invariant = "AUTH";
  const auto cell =
      claim_cell("RECLAIM", true, {verdict("symbolic", Label::kNotEncoded), other}, "out");
  EXPECT_EQ(cell["status"], kUndecided);
  EXPECT_EQ(cell["evidence"].size(), 1u);
  EXPECT_EQ(claim_cell("RECLAIM", false, {verdict("random", Label::kTested, false)}, "o")["status"],
            kNotClaimed);
}

TEST(ClaimCell, StrengthOrder) {
  EXPECT_GT(label_strength(Label::kViolated), label_strength(Label::kProved));
  EXPECT_GT(label_strength(Label::kProved), label_strength(Label::kHoldsToDepth));
  EXPECT_GT(label_strength(Label::kHoldsToDepth), label_strength(Label::kTested));
  EXPECT_GT(label_strength(Label::kTested), label_strength(Label::kUnknown));
  EXPECT_GT(label_strength(Label::kUnknown), label_strength(Label::kNotEncoded));
}

TEST(RelativeTo, InsideOrUnchanged) {
  EXPECT_EQ(relative_to("a/b/c.scn", "a"), "b/c.scn");
  EXPECT_EQ(relative_to("x/c.scn", "a"), "x/c.scn");
  EXPECT_EQ(relative_to("", "a"), "");
}

}  // namespace
}  // namespace reclaim::reports
