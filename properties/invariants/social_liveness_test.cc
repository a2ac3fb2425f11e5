// Tests of the SOCIAL-LIVENESS checker (social_liveness.cc): honest guardians of threshold weight
// give a locked-out owner control back. Runs that satisfy it, and runs that violate it, each caught
// at the step where the break shows.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(SocialLiveness, HoldsWhenHonestGuardiansRecover) {
  Bed a(social(), kStandard);
  recover_with_bob_and_carol(a);
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "SOCIAL-LIVENESS")));
}

TEST(SocialLiveness, CatchesImmediateGuardianChanges) {
  // Guardian changes that do not wait (the social variant times them like removals): a thief
  // with Alice's two authentication keys drops bob while the recovery runs.
  Policy p = social();
  p.guardian_change_delay = 0;
  Bed a(p, kStandard);
  a.Event(EventKind::kSteal, a.mallory, a.laptop);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.Event(EventKind::kLose, a.alice, a.phrase);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  const std::size_t drop =
      a.Submit(a.mallory, Op::kRemoveGuardian, GuardianArgs(a.bob), By({a.laptop, a.yubikey}));
  ASSERT_EQ(a.world.steps()[drop].verdict, Verdict::kAccepted);
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "SOCIAL-LIVENESS"), "SOCIAL-LIVENESS",
                         a.world.steps().size()));
}

TEST(SocialLiveness, IsWaivedWhenTheThiefCanVeto) {
  Bed a(social(), kStandard);
  a.Event(EventKind::kSteal, a.mallory, a.phrase);  // a recovery device vetoes
  a.Event(EventKind::kLose, a.alice, a.laptop);
  a.Event(EventKind::kLose, a.alice, a.yubikey);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  a.Submit(a.mallory, Op::kVetoRecovery, {}, By({a.phrase}));
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "SOCIAL-LIVENESS")));
}

// Under the quorum clock (R-SOC-10) a recovery's delay runs from its quorum: one whose quorum
// comes late is not late when it completes a delay after it.
TEST(SocialLiveness, UnderTheQuorumClockTheDelayRunsFromQuorum) {
  Policy p = social();
  p.recovery_clock = RecoveryClock::kQuorum;
  Bed a(p, kStandard);
  lose_everything(a);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.world.advance_to(2 * kDay);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  a.world.advance_to(kWeek + kDay);  // past start + delay, before quorum + delay
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "SOCIAL-LIVENESS")));
  a.world.advance_to(2 * kDay + kWeek);
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "SOCIAL-LIVENESS")));
}

// The same clock, and a thief who lengthens the delay before quorum: the recovery is executed
// with the longer delay, and the owner is not in control a delay after quorum.
TEST(SocialLiveness, UnderTheQuorumClockCatchesADelayLengthenedBeforeQuorum) {
  Policy p = social();
  p.recovery_clock = RecoveryClock::kQuorum;
  Bed a(p, kStandard);
  a.Event(EventKind::kSteal, a.mallory, a.laptop);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.Event(EventKind::kLose, a.alice, a.phrase);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  const std::size_t up =
      a.Submit(a.mallory, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop, a.yubikey}));
  ASSERT_EQ(a.world.steps()[up].verdict, Verdict::kAccepted);
  a.world.advance_to(kDay);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  a.world.advance_to(kDay + kWeek + 1);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "SOCIAL-LIVENESS"), "SOCIAL-LIVENESS",
                         a.world.steps().size()));
}

}  // namespace
}  // namespace reclaim
