// Tests of the VETO checker (veto.cc): a recovery the owner vetoed never completes, and one
// ends early only by a veto that meets the policy. Runs that satisfy it, and runs that violate
// it, each caught at the step where the break shows; and the mutant of model/mutant.h that
// breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Veto, HoldsWhenTheOwnersVetoEndsTheRecovery) {
  Bed a(social(), kStandard);
  a.Event(EventKind::kCollude, a.bob);
  a.Event(EventKind::kCollude, a.carol);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("evil")), AsGuardian(), a.mallory);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  const std::size_t v = a.Submit(a.alice, Op::kVetoRecovery, {}, By({a.phrase}));
  ASSERT_EQ(a.world.steps()[v].verdict, Verdict::kAccepted);
  a.world.advance_to(8 * kDay);
  EXPECT_NE(a.I().device(a.laptop), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "VETO")));
}

TEST(Veto, CatchesAVetoThatDoesNotStopTheRecovery) {
  // The run counts the owner's veto as one vote of a majority (Argent's rule) where the
  // identity's policy lets any recovery device veto alone.
  Policy broken = social();
  broken.veto = CancelRight::kMajority;
  Bed run(broken, kStandard), judge(social(), kStandard);
  run.Event(EventKind::kCollude, run.bob);
  run.Event(EventKind::kCollude, run.carol);
  run.Submit(run.bob, Op::kStartRecovery, Add(run.Fresh("evil")), AsGuardian(), run.mallory);
  run.Submit(run.carol, Op::kApproveRecovery, {}, AsGuardian());
  const std::size_t v = run.Submit(run.alice, Op::kVetoRecovery, {}, By({run.phrase}));
  ASSERT_EQ(run.world.steps()[v].verdict, Verdict::kAccepted);
  run.world.advance_to(8 * kDay);
  const std::size_t done = first_tick(run.world, TickEvent::kRecoveryCompleted, run.id);
  ASSERT_NE(done, static_cast<std::size_t>(-1));
  EXPECT_TRUE(Holds(first_violation(run.world, "VETO")));  // one vote of two: not a veto there
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "VETO"), "VETO", done));
}

// The other direction: a veto the policy gives no right to ends the recovery anyway. The run
// lets any owner device veto (Candide's rule); social asks for a recovery device.
TEST(Veto, CatchesARecoveryEndedByAVetoWithoutTheRight) {
  Policy broken = social();
  broken.veto = CancelRight::kAnyDevice;
  Bed run(broken, kStandard), judge(social(), kStandard);
  run.Event(EventKind::kCollude, run.bob);
  run.Submit(run.bob, Op::kStartRecovery, Add(run.Fresh("evil")), AsGuardian(), run.mallory);
  const std::size_t v = run.Submit(run.alice, Op::kVetoRecovery, {}, By({run.laptop}));
  ASSERT_EQ(run.world.steps()[v].verdict, Verdict::kAccepted);
  ASSERT_FALSE(run.I().recovery.active);
  EXPECT_TRUE(Holds(first_violation(run.world, "VETO")));
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "VETO"), "VETO", v));
}

// A recovery that vanishes at a step that is no veto at all (a broken rule clearing it).
TEST(Veto, CatchesARecoveryEndedByAnotherRequest) {
  Bed a(social(), kStandard);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  ASSERT_TRUE(a.I().recovery.active);
  Args login;
  login.key = a.world.session_key(a.id, 1);
  const std::size_t l = a.Submit(a.alice, Op::kLogin, login, By({a.laptop}));
  ASSERT_EQ(a.world.steps()[l].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "VETO")));
  std::vector<Step> steps = a.world.steps();
  steps[l].after.identity(a.id)->recovery = Recovery{};
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "VETO"), "VETO", l));
}

// R-SOC-16: where the owner's guardian removal ends a guardians' recovery, it ends it
// legitimately; judged under the same policy without that switch, the removal is no veto.
TEST(Veto, AnOwnersGuardianRemovalEndsARecoveryOnlyWhereThePolicySays) {
  Policy judged = argent_starknet();
  judged.removal_ends_recovery = false;
  Bed run(argent_starknet(), kStandard), judge(judged, kStandard);
  run.Event(EventKind::kCollude, run.bob);
  run.Submit(run.bob, Op::kStartRecovery, Add(run.Fresh("evil")), AsGuardian(), run.mallory);
  ASSERT_TRUE(run.I().recovery.active);
  const std::size_t r = run.Submit(run.alice, Op::kRemoveGuardian, GuardianArgs(run.dave),
                                   By({run.laptop}));
  ASSERT_EQ(run.world.steps()[r].verdict, Verdict::kPending);
  ASSERT_FALSE(run.I().recovery.active);
  EXPECT_TRUE(Holds(first_violation(run.world, "VETO")));
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "VETO"), "VETO", r));
}

// --- mutants ---

const MutantCase kVetoIgnored = mutant_case(
    {Mutant::kVetoIgnored, "VETO", social, kStandard, [](Bed& a) {
       a.Event(EventKind::kCollude, a.bob);
       a.Event(EventKind::kCollude, a.carol);
       a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("evil")), AsGuardian(), a.mallory);
       a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
       a.Submit(a.alice, Op::kVetoRecovery, {}, By({a.phrase}));
       a.world.advance_to(8 * kDay);
       return first_tick(a.world, TickEvent::kRecoveryCompleted, a.id);
     }});

TEST(Veto, CatchesTheMutantVetoIgnored) { ExpectCaught(kVetoIgnored); }

}  // namespace
}  // namespace reclaim
