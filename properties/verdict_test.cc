// Verdict labels say exactly what was checked (verdict.h).
#include "properties/verdict.h"

#include <gtest/gtest.h>

namespace reclaim {
namespace {

TEST(Verdict, EachLabelSaysWhatWasChecked) {
  ClaimVerdict v;
  v.invariant = "RECLAIM";
  v.scope = "devices=4,pending=2,guardians=3";
  v.label = Label::kProved;
  EXPECT_EQ(label_text(v), "proved (scope devices=4,pending=2,guardians=3)");
  v.label = Label::kHoldsToDepth;
  v.depth = 12;
  EXPECT_EQ(label_text(v), "holds to depth 12 (scope devices=4,pending=2,guardians=3)");
  v.states = 5000;
  v.scope.clear();
  EXPECT_EQ(label_text(v), "holds to depth 12 (5000 states)");
  v.label = Label::kTested;
  v.traces = 400;
  v.steps = 5211;
  EXPECT_EQ(label_text(v), "tested on 400 traces (5211 steps)");
  v.label = Label::kViolated;
  EXPECT_EQ(label_text(v), "violated (counterexample not written)");
  v.counterexample_path = "cx/a.scn";
  EXPECT_EQ(label_text(v), "violated (cx/a.scn)");
  v.label = Label::kNotEncoded;
  v.why = "about signatures";
  EXPECT_EQ(label_text(v), "not encoded (about signatures)");
}

TEST(Verdict, OnlyAPassingLabelPassesAClaim) {
  ClaimVerdict v;
  v.claimed = true;
  for (Label l : {Label::kNotChecked, Label::kViolated, Label::kUnknown})
    EXPECT_TRUE((v.label = l, v.claim_fails())) << label_name(l);
  for (Label l : {Label::kProved, Label::kHoldsToDepth, Label::kTested, Label::kNotEncoded})
    EXPECT_FALSE((v.label = l, v.claim_fails())) << label_name(l);
  v.claimed = false;
  v.label = Label::kViolated;
  EXPECT_FALSE(v.claim_fails());  // an unclaimed violation is an expected weakness
}

}  // namespace
}  // namespace reclaim
