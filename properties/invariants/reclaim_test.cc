// Tests of the RECLAIM checker (reclaim.cc): a reactive owner's uncompromised recovery device is
// never removed. Runs that satisfy it, and runs that violate it, each caught at the step where the
// break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Reclaim, HoldsWhenTheReactiveOwnerCancelsInTime) {
  Bed a(timelock(), StandardOptions{.phrase_protected = false});
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.world.advance_to(kHour);
  const std::size_t i = a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kPending);
  a.world.advance_to(30 * kDay);
  EXPECT_NE(a.I().device(a.phrase), nullptr);
  EXPECT_EQ(a.I().device(a.yubikey), nullptr);  // the owner removed the stolen key
  EXPECT_TRUE(Holds(first_violation(a.world, "RECLAIM")));
}

TEST(Reclaim, CatchesARemovalWithoutTimelock) {
  Policy p = ii_protected();
  p.notifications = true;  // the owner would react, but removals are immediate
  Bed a(p, StandardOptions{.phrase_protected = false});
  a.world.set_removal_delay(a.id, kWeek);  // the owner's chosen delay, which nothing enforces
  a.world.begin();
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  const std::size_t i = a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  a.world.advance_to(30 * kDay);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "RECLAIM"), "RECLAIM", i));
}

TEST(Reclaim, IgnoresTheOwnersOwnRemovalAndSlowOwners) {
  Bed a(ii_protected(), StandardOptions{.phrase_protected = false});
  a.world.set_removal_delay(a.id, kWeek);
  a.world.begin();
  a.Event(EventKind::kReacts, a.alice, kNone, kMonth);  // slower than the delay: no promise
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  EXPECT_TRUE(Holds(first_violation(a.world, "RECLAIM")));
}

// --- mutants ---

const MutantCase kTimelockSkipped =
    mutant_case({Mutant::kTimelockSkipped, "RECLAIM", timelock,
                 StandardOptions{.phrase_protected = false}, [](Bed& a) {
                   a.Event(EventKind::kReacts, a.alice, kNone, kDay);
                   a.Event(EventKind::kSteal, a.mallory, a.yubikey);
                   const std::size_t i =
                       a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
                   a.world.advance_to(30 * kDay);
                   return i;
                 }});

TEST(Reclaim, CatchesTheMutantTimelockSkipped) { ExpectCaught(kTimelockSkipped); }

}  // namespace
}  // namespace reclaim
