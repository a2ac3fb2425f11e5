// Tests of the GUARDIAN-MINORITY checker (guardian_minority.cc): guardians below the threshold
// weight never change the devices. Runs that satisfy it, and runs that violate it, each caught at
// the step where the break shows; and the mutants of model/mutant.h that break it.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(GuardianMinority, HoldsForAQuorumRecovery) {
  Bed a(social(), kStandard);
  const std::size_t done = recover_with_bob_and_carol(a);
  ASSERT_NE(done, static_cast<std::size_t>(-1));
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "GUARDIAN-MINORITY")));
}

TEST(GuardianMinority, CatchesTheWrongQuorumRule) {
  // The run counts heads (ceil(n/2)) where the identity's policy counts weight: bob and
  // carol (weight 1 + 1) outvote dave and erin (weight 1 + 3) against a threshold of 4.
  Policy broken = social();
  broken.quorum = RecoveryQuorum::kHalf;
  Bed run(broken, kStandard), judge(social(), kStandard);
  for (Bed* x : {&run, &judge}) {
    x->AddGuardian(x->erin, 3);
    x->world.set_guardian_threshold(x->id, 4);
    x->world.begin();
  }
  const std::size_t done = recover_with_bob_and_carol(run);
  ASSERT_NE(done, static_cast<std::size_t>(-1));
  EXPECT_TRUE(Holds(first_violation(run.world, "GUARDIAN-MINORITY")));
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "GUARDIAN-MINORITY"),
                         "GUARDIAN-MINORITY", done));
}

// --- mutants ---

// alice loses everything and bob alone starts a recovery for her: below the threshold (2)
// with his weight (1), it must not complete. The index of the tick that completes it, if any.
std::size_t lose_and_let_bob_recover(Bed& a) {
  lose_everything(a);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.world.advance_to(8 * kDay);
  return first_tick(a.world, TickEvent::kRecoveryCompleted, a.id);
}

const MutantCase kGuardianWeightTwice =
    mutant_case({Mutant::kGuardianWeightTwice, "GUARDIAN-MINORITY", social, kStandard,
                 lose_and_let_bob_recover});

const MutantCase kRecoveryWithoutQuorum =
    mutant_case({Mutant::kRecoveryWithoutQuorum, "GUARDIAN-MINORITY", social, kStandard,
                 lose_and_let_bob_recover});

TEST(GuardianMinority, CatchesTheMutantGuardianWeightTwice) { ExpectCaught(kGuardianWeightTwice); }
TEST(GuardianMinority, CatchesTheMutantRecoveryWithoutQuorum) {
  ExpectCaught(kRecoveryWithoutQuorum);
}

}  // namespace
}  // namespace reclaim
