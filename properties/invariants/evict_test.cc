// Tests of the EVICT checker (evict.cc): a reactive owner against an attacker with authentication
// devices only ends in exclusive control. Runs that satisfy it, and runs that violate it, each
// caught at the step where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Evict, HoldsWhenTheReactiveOwnerRemovesTheStolenKey) {
  Bed a(timelock_2fa(), kStandard);
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.world.advance_to(kHour);
  a.Submit(a.mallory, Op::kLogin, {}, By({a.yubikey}));
  a.world.advance_to(10 * kDay);
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_EQ(a.I().device(a.yubikey), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "EVICT")));
}

TEST(Evict, CatchesAnOwnerWhoIsNeverNotified) {
  Policy p = timelock_2fa();
  p.notifications = false;  // the reactive owner never learns of the thief
  Bed a(p, kStandard);
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.world.advance_to(kHour);
  a.Submit(a.mallory, Op::kLogin, {}, By({a.yubikey}));
  a.world.advance_to(10 * kDay);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "EVICT"), "EVICT", a.world.steps().size()));
}

// Two stolen authentication keys under two-factor: the reactive owner keeps only the phrase,
// one device of three, and cannot remove either key (R-2FA-1 wants two). The claim's premises
// hold (the thief holds authentication devices only), so whatever the model does, EVICT must
// judge the outcome: violated exactly when the owner ends without control.
TEST(Evict, JudgesTwoStolenKeysUnderTwoFactor) {
  Bed a(timelock_2fa(), kStandard);
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.laptop);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.world.advance_to(kHour);
  a.Submit(a.mallory, Op::kLogin, {}, By({a.yubikey}));
  a.world.advance_to(10 * kDay);
  if (a.world.in_control(a.id, a.alice) && !a.world.in_control(a.id, a.mallory)) {
    EXPECT_TRUE(Holds(first_violation(a.world, "EVICT")));
  } else {
    EXPECT_TRUE(ViolatedAt(first_violation(a.world, "EVICT"), "EVICT", a.world.steps().size()));
  }
}

TEST(Evict, DoesNotJudgeARunThatEndedTooEarly) {
  Policy p = timelock_2fa();
  p.notifications = false;
  Bed a(p, kStandard);
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kLogin, {}, By({a.yubikey}));
  a.world.advance_to(2 * kDay);  // < 1 d reaction + 1 w delay after the login
  EXPECT_TRUE(Holds(first_violation(a.world, "EVICT")));
}

// --- mutants ---

const MutantCase kRemovalUnnotified =
    mutant_case({Mutant::kRemovalUnnotified, "EVICT", timelock, kStandard, [](Bed& a) {
                   a.Event(EventKind::kReacts, a.alice, kNone, kDay);
                   a.Event(EventKind::kSteal, a.mallory, a.yubikey);
                   a.world.advance_to(kHour);
                   a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
                   a.world.advance_to(10 * kDay);
                   return kAtEnd;
                 }});

TEST(Evict, CatchesTheMutantRemovalUnnotified) { ExpectCaught(kRemovalUnnotified); }

}  // namespace
}  // namespace reclaim
