// The attack matrix's outcomes: value the owner pays away herself is not a loss; value that
// leaves to another actor is.
#include "reports/attacks.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace reclaim::reports
