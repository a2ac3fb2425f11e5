// The attack matrix's outcomes: value the owner pays away herself is not a loss; value that
// leaves to another actor is.
#include "reports/attacks.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "reports/audit.h"
#include "reports/test_support.h"

namespace reclaim::reports {
namespace {

std::string outcome(const LibraryRun& run, const std::string& scenario) {
  for (const auto& cell : run.attacks)
    if (cell["scenario"] == scenario) return cell["outcome"].get<std::string>();
  return "(not run)";
}

LibraryRun library(const std::string& variant_name) {
  Result<Variant> variant = load_variant(variant_name);
  EXPECT_TRUE(variant) << variant.error().str();
  return run_library(*variant, variant_name, scenarios_source_dir(),
                     scratch_folder("attacks-" + variant_name).string());
}

// Under the proposal every move of the thief is rejected and alice then pays bob 100 herself:
// she keeps control. Under ii-2021 the thief with the forgotten YubiKey moves the neuron away.
TEST(AttackOutcomes, TheOwnersOwnPaymentsAreNotALoss) {
  const LibraryRun proposal = library("thread-proposal");
  EXPECT_TRUE(proposal.problems.empty());
  EXPECT_EQ(outcome(proposal, "forgotten-yubikey-two-factor-login"), "keeps-control");
  EXPECT_EQ(outcome(proposal, "owner-one-device-left"), "keeps-control");
  const LibraryRun ii = library("ii-2021");
  EXPECT_EQ(outcome(ii, "forgotten-yubikey-neuron"), "loses-assets");
}

TEST(AttackOutcomes, SeverityCountsEachBadOutcome) {
  EXPECT_EQ(outcome_severity("keeps-control"), 0);
  EXPECT_EQ(outcome_severity("not-applicable"), -1);
  EXPECT_EQ(outcome_severity("loses-assets"), 1);
  EXPECT_EQ(outcome_severity("taken-over, loses-assets"), 2);
}

// A timeline that cannot be written (its folder's place is taken by a file) is reported as
// unwritten, and its cell keeps no link to it; the audit then exits 2.
TEST(AttackOutcomes, ATimelineNotWrittenIsNotLinked) {
  Result<Variant> variant = load_variant("vault");
  ASSERT_TRUE(variant) << variant.error().str();
  const std::filesystem::path out = scratch_folder("attacks-unwritten");
  { std::ofstream(out / "timelines") << "a file where the folder would go\n"; }
  const LibraryRun run = run_library(*variant, "vault", scenarios_source_dir(), out.string());
  ASSERT_FALSE(run.attacks.empty());
  EXPECT_FALSE(run.unwritten.empty());
  for (const auto& cell : run.attacks) EXPECT_FALSE(cell.contains("timeline")) << cell.dump();
  Audit audit;
  audit.unwritten = run.unwritten;
  EXPECT_EQ(audit_exit_code(audit), 2);
  audit.unwritten.clear();
  EXPECT_EQ(audit_exit_code(audit), 0);
  // Written where it can be: every applicable cell links its timeline.
  const LibraryRun ok = library("vault");
  EXPECT_TRUE(ok.unwritten.empty());
  int linked = 0;
  for (const auto& cell : ok.attacks) linked += cell.contains("timeline");
  EXPECT_GT(linked, 0);
}

}  // namespace
}  // namespace reclaim::reports
