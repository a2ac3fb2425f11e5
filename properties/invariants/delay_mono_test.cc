// Tests of the DELAY-MONO checker (delay_mono.cc): a decrease of the removal delay takes effect
// only after the old delay. Runs that satisfy it, and runs that violate it, each caught at the step
// where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(DelayMono, HoldsWhenADecreaseWaitsTheOldDelay) {
  Bed a(timelock(), kStandard);
  const std::size_t up = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[up].verdict, Verdict::kAccepted);
  const std::size_t down = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[down].verdict, Verdict::kPending);
  a.world.advance_to(29 * kDay);
  EXPECT_EQ(a.I().removal_delay, kMonth);
  a.world.advance_to(31 * kDay);
  EXPECT_EQ(a.I().removal_delay, kWeek);
  EXPECT_TRUE(Holds(first_violation(a.world, "DELAY-MONO")));
}

TEST(DelayMono, CatchesADecreaseAppliedAtOnce) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  const std::size_t down = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  steps[down].after.identity(a.id)->removal_delay = kWeek;  // R-TL-3 skipped
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "DELAY-MONO"), "DELAY-MONO", down));
}

TEST(DelayMono, CatchesADecreaseThatWaitsTheNewDelay) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  // A broken R-TL-3 that waits the new delay (1 w) instead of the old one (1 mo).
  State s = a.world.state();
  PendingChange& c = s.identity(a.id)->pending[0];
  c.due_at = c.requested_at + kWeek;
  steps.push_back(tick_step(a.world, s, a.world.now() + kWeek));
  ASSERT_EQ(steps.back().after.identity(a.id)->removal_delay, kWeek);
  EXPECT_TRUE(
      ViolatedAt(first_violation(a.world, steps, "DELAY-MONO"), "DELAY-MONO", steps.size() - 1));
}

// R-TL-11 broken: a raise leaves the older pending decrease in place, and the decrease, once
// it has waited the old (shorter) delay, undoes the raise.
TEST(DelayMono, CatchesADecreaseThatUndoesALaterRaise) {
  Bed a(timelock(), kStandard);  // removal delay 1 w
  const std::size_t down = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(0), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[down].verdict, Verdict::kPending);
  const std::size_t up = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kYear), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[up].verdict, Verdict::kAccepted);
  ASSERT_TRUE(a.I().pending.empty()) << "R-TL-11 drops the older decrease";
  std::vector<Step> steps = a.world.steps();
  // The broken rule keeps it.
  Identity& after = *steps[up].after.identity(a.id);
  after.pending.push_back(steps[up].before.identity(a.id)->pending[0]);
  steps.push_back(tick_step(a.world, steps[up].after, a.world.now() + kWeek));
  ASSERT_EQ(steps.back().after.identity(a.id)->removal_delay, 0);
  EXPECT_TRUE(
      ViolatedAt(first_violation(a.world, steps, "DELAY-MONO"), "DELAY-MONO", steps.size() - 1));
  // Without the raise the same decrease is fine.
  Bed b(timelock(), kStandard);
  b.Submit(b.alice, Op::kSetRemovalDelay, Delay(0), By({b.laptop}));
  b.world.advance_to(kWeek);
  ASSERT_EQ(b.I().removal_delay, 0);
  EXPECT_TRUE(Holds(first_violation(b.world, "DELAY-MONO")));
}

// A matured decrease can raise the delay again when an earlier one went lower. Such a raise
// drops the decreases asked under a weaker delay (R-TL-11), and keeps one asked under a
// stronger delay, which then lands after the wait it was asked under.
TEST(DelayMono, HoldsWhenAMaturedDecreaseRaisesTheDelayAgain) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kYear), By({a.laptop}));
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));  // due at 1 y
  a.world.advance_to(1);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));  // due at 1 y + 1
  a.world.advance_to(2);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));  // asked under 1 y
  ASSERT_EQ(a.I().pending.size(), 3u);
  a.world.advance_to(kYear);
  ASSERT_EQ(a.I().removal_delay, kWeek);
  const std::size_t weak = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(0), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[weak].verdict, Verdict::kPending);  // asked under 1 w
  a.world.advance_to(kYear + 1);
  ASSERT_EQ(a.I().removal_delay, kMonth);
  ASSERT_EQ(a.I().pending.size(), 1u) << "R-TL-11 drops the decrease asked under 1 w";
  EXPECT_EQ(a.I().pending[0].delay, kYear);
  a.world.advance_to(kYear + 2);
  EXPECT_EQ(a.I().removal_delay, kWeek);
  a.world.advance_to(kYear + 2 * kWeek);
  EXPECT_EQ(a.I().removal_delay, kWeek);
  EXPECT_TRUE(Holds(first_violation(a.world, "DELAY-MONO")));
}

// --- mutants ---

const MutantCase kDelayDecreaseImmediate =
    mutant_case({Mutant::kDelayDecreaseImmediate, "DELAY-MONO", timelock, kStandard, [](Bed& a) {
                   a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
                   return a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kWeek), By({a.laptop}));
                 }});

TEST(DelayMono, CatchesTheMutantDelayDecreaseImmediate) { ExpectCaught(kDelayDecreaseImmediate); }

}  // namespace
}  // namespace reclaim
