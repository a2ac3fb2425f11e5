// Tests of the TIMELY checker (timely.cc): the model does what falls due at its time and
// reports it. Real runs hold it; tampered copies of their steps — a tick that comes late,
// one that leaves its work undone, one that does not report it — are caught.
#include <gtest/gtest.h>

#include <vector>

#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

// alice logs in at 0 (a 30-minute session) and asks to remove her phrase (pending a week);
// the clock runs past both. The index of the tick that expired the session.
std::size_t login_and_remove(Bed& a) {
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.laptop}));
  a.world.advance_to(2 * kWeek);
  return first_tick(a.world, TickEvent::kSessionExpired, a.id);
}

TEST(Timely, HoldsOnARunThroughItsDeadlines) {
  Bed a(timelock(), kStandard);
  const std::size_t expiry = login_and_remove(a);
  ASSERT_LT(expiry, a.world.steps().size());
  EXPECT_LT(first_tick(a.world, TickEvent::kMatured, a.id), a.world.steps().size());
  EXPECT_TRUE(Holds(first_violation(a.world, "TIMELY")));
}

TEST(Timely, CatchesATickThatComesLate) {
  Bed a(timelock(), kStandard);
  const std::size_t expiry = login_and_remove(a);
  std::vector<Step> steps(a.world.steps().begin(), a.world.steps().begin() + expiry + 1);
  steps[expiry].time += kHour;  // the session expired an hour before anything ticked
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TIMELY"), "TIMELY", expiry));
}

TEST(Timely, CatchesARequestBeforeTheTickDueAtItsTime) {
  Bed a(timelock(), kStandard);
  const std::size_t expiry = login_and_remove(a);
  std::vector<Step> steps(a.world.steps().begin(), a.world.steps().begin() + expiry);
  Step request = steps[0];  // the login, again, at the session's expiry: no tick came first
  request.time = a.world.steps()[expiry].time;
  request.before = steps.back().after;
  request.after = steps.back().after;
  steps.push_back(request);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TIMELY"), "TIMELY", expiry));
}

TEST(Timely, CatchesATickThatLeavesItsWorkUndone) {
  Bed a(timelock(), kStandard);
  const std::size_t expiry = login_and_remove(a);
  std::vector<Step> steps(a.world.steps().begin(), a.world.steps().begin() + expiry + 1);
  steps[expiry].after = steps[expiry].before;  // the session outlives the tick at its expiry
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TIMELY"), "TIMELY", expiry));
}

TEST(Timely, CatchesATickThatDoesNotReportWhatItDid) {
  Bed a(timelock(), kStandard);
  const std::size_t expiry = login_and_remove(a);
  std::vector<Step> steps(a.world.steps().begin(), a.world.steps().begin() + expiry + 1);
  steps[expiry].matured.clear();
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TIMELY"), "TIMELY", expiry));
  // One that reports what did not happen.
  std::vector<Step> noise(a.world.steps().begin(), a.world.steps().begin() + expiry + 1);
  noise[expiry].matured.push_back({a.id, TickEvent::kUnlocked, {}, "R-SOC-9"});
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, noise, "TIMELY"), "TIMELY", expiry));
  // And one that reports a change it did not take.
  const std::size_t matured = first_tick(a.world, TickEvent::kMatured, a.id);
  std::vector<Step> again(a.world.steps().begin(), a.world.steps().begin() + matured + 1);
  ASSERT_FALSE(again[matured].matured.empty());
  again[matured].matured[0].change.number += 100;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, again, "TIMELY"), "TIMELY", matured));
}

// A guardian change that falls due while a recovery runs waits (R-TL-12): no violation.
TEST(Timely, HeldGuardianChangesAreNotLate) {
  Bed a(social(), kStandard);
  const std::size_t change =
      a.Submit(a.alice, Op::kRemoveGuardian, GuardianArgs(a.dave), By({a.laptop, a.yubikey}));
  ASSERT_EQ(a.world.steps()[change].verdict, Verdict::kPending);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.world.advance_to(kWeek + kDay);
  EXPECT_TRUE(Holds(first_violation(a.world, "TIMELY")));
}

// A tick that takes a guardian change a running recovery holds (R-TL-12) is caught.
TEST(Timely, CatchesATickThatTakesAHeldChange) {
  Bed a(social(), kStandard);
  a.Submit(a.alice, Op::kRemoveGuardian, GuardianArgs(a.dave), By({a.laptop, a.yubikey}));
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.world.advance_to(kWeek + kDay);
  std::vector<Step> steps = a.world.steps();
  const Identity& held = *steps.back().after.identity(a.id);
  ASSERT_TRUE(held.recovery.active);
  ASSERT_EQ(held.pending.size(), 1u);
  Step tick;  // the held removal taken anyway, at the next second
  tick.kind = Step::Kind::kTick;
  tick.time = kWeek + kDay + 1;
  tick.before = steps.back().after;
  tick.after = tick.before;
  tick.after.identities[0].pending.erase_at(0);
  tick.matured.push_back({a.id, TickEvent::kMatured, held.pending[0], "R-TL-5"});
  tick.knowledge = steps.back().knowledge;
  steps.push_back(tick);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TIMELY"), "TIMELY", steps.size() - 1));
}

// A veto that ends the recovery releases a guardian change already due: it is owed at the
// next second, and a tick that comes later is late.
TEST(Timely, AChangeAVetoReleasesIsOwedAtTheNextSecond) {
  Bed a(social(), kStandard);
  a.Submit(a.alice, Op::kRemoveGuardian, GuardianArgs(a.dave), By({a.laptop, a.yubikey}));
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.world.advance_to(8 * kDay);
  const std::size_t veto = a.Submit(a.alice, Op::kVetoRecovery, {}, By({a.phrase}));
  ASSERT_EQ(a.world.steps()[veto].verdict, Verdict::kAccepted);
  a.world.advance_to(9 * kDay);
  const std::size_t matured = first_tick(a.world, TickEvent::kMatured, a.id);
  ASSERT_LT(matured, a.world.steps().size());
  EXPECT_EQ(a.world.steps()[matured].time, 8 * kDay + 1);
  EXPECT_TRUE(Holds(first_violation(a.world, "TIMELY")));
  std::vector<Step> late(a.world.steps().begin(), a.world.steps().begin() + matured + 1);
  late[matured].time = 9 * kDay;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, late, "TIMELY"), "TIMELY", matured));
}

}  // namespace
}  // namespace reclaim
