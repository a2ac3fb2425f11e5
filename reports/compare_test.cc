// Comparing two variants: on report entries built by hand (each kind of change, one at a
// time), and on a real audit of a built-in variant against a variant file that weakens it.
#include "reports/compare.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "reports/audit.h"
#include "reports/test_support.h"
#include "variants/variant.h"

namespace reclaim::reports {
namespace {

using json = nlohmann::ordered_json;

json cell(const std::string& id, bool claimed, const std::string& status) {
  return {{"invariant", id},
          {"claimed", claimed},
          {"status", status},
          {"headline", status == "violated" || status == "weakness" ? "violated" : "tested"},
          {"headline_text", status},
          {"headline_engines", {"random"}},
          {"evidence", json::array()}};
}

json entry(const std::string& name) {
  return {{"name", name},
          {"claims_matrix", {cell("AUTH", true, "holds"), cell("PROTECTED", true, "holds")}},
          {"attacks",
           {{{"scenario", "stolen-yubikey"}, {"outcome", "keeps-control"}, {"timeline", "t/a.txt"}}}},
          {"margins",
           {{{"outcome", "takeover"}, {"owner", "passive"}, {"depth", 3}, {"smallest", 2},
             {"summary", "a + b"}}}}};
}

TEST(Compare, NothingChangedBreaksNothing) {
  const Comparison c = compare_variants(entry("a"), entry("b"));
  EXPECT_EQ(c.breaks, 0);
  EXPECT_TRUE(c.json["claims"].empty());
  EXPECT_TRUE(c.json["attacks"].empty());
  EXPECT_TRUE(c.json["margins"].empty());
  EXPECT_NE(c.text.find("b breaks nothing a held"), std::string::npos) << c.text;
}

TEST(Compare, AClaimTheBaseHeldViolatedBreaksWithItsCounterexample) {
  json cand = entry("b");
  cand["claims_matrix"][1] = cell("PROTECTED", false, "weakness");
  cand["claims_matrix"][1]["counterexample"] = "counterexamples/b/random/b-protected.scn";
  const Comparison c = compare_variants(entry("a"), cand);
  EXPECT_EQ(c.breaks, 1);
  ASSERT_EQ(c.json["claims"].size(), 1u);
  EXPECT_EQ(c.json["claims"][0]["change"], "newly breaks");
  EXPECT_EQ(c.json["claims"][0]["counterexample"], "counterexamples/b/random/b-protected.scn");
  // The other way round the claim newly holds, and nothing breaks.
  const Comparison back = compare_variants(cand, entry("a"));
  EXPECT_EQ(back.breaks, 0);
  EXPECT_EQ(back.json["claims"][0]["change"], "newly holds");
}

TEST(Compare, AWorseAttackOutcomeBreaksAndAMarginMoves) {
  json cand = entry("b");
  cand["attacks"][0]["outcome"] = "taken-over, loses-assets";
  cand["margins"][0]["smallest"] = 1;
  const Comparison c = compare_variants(entry("a"), cand);
  EXPECT_EQ(c.breaks, 1);
  EXPECT_EQ(c.json["attacks"][0]["change"], "worse");
  EXPECT_EQ(c.json["margins"][0]["change"], "narrower");
  const Comparison back = compare_variants(cand, entry("a"));
  EXPECT_EQ(back.breaks, 0);
  EXPECT_EQ(back.json["attacks"][0]["change"], "better");
  EXPECT_EQ(back.json["margins"][0]["change"], "wider");
  // No set within the depth is the widest margin of all.
  json none = entry("c");
  none["margins"][0]["smallest"] = nullptr;
  EXPECT_EQ(compare_variants(entry("a"), none).json["margins"][0]["change"], "wider");
}

TEST(Compare, ADroppedClaimIsReportedButBreaksNothing) {
  json cand = entry("b");
  cand["claims_matrix"][0] = cell("AUTH", false, "not-claimed");
  const Comparison c = compare_variants(entry("a"), cand);
  EXPECT_EQ(c.breaks, 0);
  EXPECT_EQ(c.json["claims"][0]["change"], "claim dropped");
}

// A claim both hold is still news when the kind of evidence changes: a proof that became a
// tested-only verdict is weaker evidence (reported, breaks nothing); the other way stronger.
TEST(Compare, AProofThatBecameTestedOnlyIsWeakerEvidence) {
  json base = entry("a");
  base["claims_matrix"][0]["headline"] = "proved";
  const Comparison c = compare_variants(base, entry("b"));
  EXPECT_EQ(c.breaks, 0);
  ASSERT_EQ(c.json["claims"].size(), 1u);
  EXPECT_EQ(c.json["claims"][0]["invariant"], "AUTH");
  EXPECT_EQ(c.json["claims"][0]["change"], "weaker evidence");
  EXPECT_NE(c.text.find("AUTH: weaker evidence"), std::string::npos) << c.text;
  EXPECT_EQ(compare_variants(entry("b"), base).json["claims"][0]["change"], "stronger evidence");
  json depth = entry("c");
  depth["claims_matrix"][0]["headline"] = "holds-to-depth";
  EXPECT_EQ(compare_variants(base, depth).json["claims"][0]["change"], "weaker evidence");
}

}  // namespace
}  // namespace reclaim::reports
