// The committed reference report (reports/reference/, `make audit-reference`) against an
// audit at a small budget: the two agree (reference.h), every counterexample and attack the
// reference names replays, and the check has teeth: a tampered copy of the reference, or a
// counterexample whose expectation no longer holds, fails it.
#include "reports/reference.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "reports/audit.h"
#include "reports/test_support.h"

namespace reclaim::reports {
namespace {

namespace fs = std::filesystem;

const std::string kReference = std::string(RECLAIM_SOURCE_DIR) + "/reports/reference";

TEST(Reference, SmallAuditAgreesAndATamperedReferenceDoesNot) {
  const nlohmann::ordered_json reference = read_report(kReference);
  ASSERT_FALSE(reference.is_null()) << "no " << kReference << "/report.json";
  const fs::path out = scratch_folder("reference-small");
  Result<Audit> audit = run_audit(small_options(out.string()));
  ASSERT_TRUE(audit) << audit.error().str();
  for (const std::string& d : disagreements(reference, audit->report)) ADD_FAILURE() << d;

  // An attack outcome changed in the reference is caught, naming the attack.
  nlohmann::ordered_json tampered = reference;
  auto& attack = tampered["variants"][0]["attacks"][0];
  attack["outcome"] = attack["outcome"] == "keeps-control" ? "taken-over" : "keeps-control";
  const std::vector<std::string> found = disagreements(tampered, audit->report);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find(attack["scenario"].get<std::string>()), std::string::npos) << found[0];

  // A violation the small audit finds, which the reference says holds, is caught.
  tampered = reference;
  bool flipped = false;
  for (std::size_t v = 0; v < audit->report["variants"].size() && !flipped; ++v)
    for (std::size_t c = 0; c < audit->report["variants"][v]["claims_matrix"].size(); ++c) {
      const auto& cell = audit->report["variants"][v]["claims_matrix"][c];
      if (cell["status"] != "weakness" && cell["status"] != "violated") continue;
      tampered["variants"][v]["claims_matrix"][c]["status"] =
          cell["status"] == "weakness" ? "not-claimed" : "holds";
      flipped = true;
      break;
    }
  ASSERT_TRUE(flipped) << "the small audit found no violation at all";
  EXPECT_EQ(disagreements(tampered, audit->report).size(), 1u);

  // A margin narrower than the reference's is caught: a set the small audit found where the
  // reference says no set reaches the outcome.
  tampered = reference;
  bool widened = false;
  for (std::size_t v = 0; v < audit->report["variants"].size() && !widened; ++v)
    for (std::size_t m = 0; m < audit->report["variants"][v]["margins"].size(); ++m)
      if (!audit->report["variants"][v]["margins"][m]["smallest"].is_null()) {
        tampered["variants"][v]["margins"][m]["smallest"] = nullptr;
        widened = true;
        break;
      }
  ASSERT_TRUE(widened) << "the small audit found no margin at all";
  EXPECT_EQ(disagreements(tampered, audit->report).size(), 1u);
}

TEST(Reference, EveryCounterexampleReplaysAndABrokenOneIsCaught) {
  const nlohmann::ordered_json reference = read_report(kReference);
  ASSERT_FALSE(reference.is_null());
  int replayed = 0;
  for (const std::string& f : replay_failures(reference, kReference, &replayed)) ADD_FAILURE() << f;
  EXPECT_GT(replayed, 0);

  // A copy of the reference with one counterexample's violation expected to hold instead.
  const fs::path copy = scratch_folder("reference-copy");
  fs::copy(kReference, copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  std::string victim;
  for (const auto& v : reference["variants"])
    for (const auto& c : v["claims_matrix"])
      if (victim.empty() && c.contains("counterexample")) victim = c["counterexample"];
  ASSERT_FALSE(victim.empty());
  std::ifstream in(copy / victim);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.rfind("expect violates");
  ASSERT_NE(at, std::string::npos) << victim;
  text.replace(at, std::string("expect violates").size(), "expect holds");
  std::ofstream(copy / victim) << text;
  const std::vector<std::string> failures = replay_failures(reference, copy.string());
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find(victim), std::string::npos) << failures[0];
}

}  // namespace
}  // namespace reclaim::reports
