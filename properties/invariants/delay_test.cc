// Tests of the DELAY checker (delay.cc): a recovery device leaves only through a notified,
// uncancelled pending change that waited the delay. Runs that satisfy it, and runs that violate it,
// each caught at the step where the break shows; and the mutants of model/mutant.h that break it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Delay, HoldsForANotifiedPendingRemoval) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kPending);
  a.world.advance_to(8 * kDay);
  EXPECT_EQ(a.I().device(a.phrase), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "DELAY")));
}

TEST(Delay, CatchesARemovalWithoutTimelock) {
  Policy p = ii_protected();
  p.notifications = true;  // everything but the timelock
  Bed a(p, StandardOptions{.phrase_protected = false});
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t i = a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "DELAY"), "DELAY", i));
}

TEST(Delay, CatchesAChangeThatMaturesEarly) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  std::vector<Step> steps = a.world.steps();
  // A broken R-TL-1 that dates the change one day out: the real tick() then matures it.
  State s = a.world.state();
  s.identity(a.id)->pending[0].due_at = a.world.now() + kDay;
  steps.push_back(tick_step(a.world, s, a.world.now() + kDay));
  ASSERT_EQ(steps.back().after.identity(a.id)->device(a.phrase), nullptr);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "DELAY"), "DELAY", steps.size() - 1));
}

// --- mutants ---

const MutantCase kDeadlineEarly =
    mutant_case({Mutant::kDeadlineEarly, "DELAY", timelock, kStandard, [](Bed& a) {
                   a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
                   a.world.advance_to(kWeek - 1);  // one second before the phrase may leave
                   const std::size_t t = first_tick(a.world, TickEvent::kMatured, a.id);
                   a.world.advance_to(8 * kDay);
                   return t;
                 }});

const MutantCase kTimelockSkipped =
    mutant_case({Mutant::kTimelockSkipped, "DELAY", timelock, kStandard, [](Bed& a) {
                   return a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
                 }});

TEST(Delay, CatchesTheMutantDeadlineEarly) { ExpectCaught(kDeadlineEarly); }
TEST(Delay, CatchesTheMutantTimelockSkipped) { ExpectCaught(kTimelockSkipped); }

}  // namespace
}  // namespace reclaim
