// Tests of the NOTIFY checker (notify.cc): every security change notifies the owner no later than
// it takes effect. Runs that satisfy it, and runs that violate it, each caught at the step where
// the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Notify, HoldsWhenEverySecurityChangeIsNotified) {
  Bed a(timelock(), kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kAddDevice,
           Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), By({a.yubikey}));
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  a.world.advance_to(10 * kDay);
  EXPECT_EQ(a.I().device(a.phrase), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "NOTIFY")));
}

TEST(Notify, CatchesAnUnnotifiedImmediateChange) {
  Policy p = timelock();
  p.notifications = false;
  Bed a(p, kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t i =
      a.Submit(a.mallory, Op::kAddDevice,
               Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "NOTIFY"), "NOTIFY", i));
}

TEST(Notify, CatchesAnUnnotifiedPendingChangeWhenItMatures) {
  Policy p = timelock();
  p.notifications = false;
  Bed a(p, kStandard);
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  a.world.advance_to(8 * kDay);
  const std::size_t tick = first_tick(a.world, TickEvent::kMatured, a.id);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "NOTIFY"), "NOTIFY", tick));
}

template <typename V>
auto& last(V& v) {
  return v[v.size() - 1];
}

// Every notification is an accurate account of its request: the change it names, its time,
// and who appended it. Each break is a copy of a real run's step, tampered.
TEST(Notify, HoldsForTheChangeNumbersARunWrites) {
  Bed a(timelock(), kStandard);
  const std::size_t pending = a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[pending].verdict, Verdict::kPending);
  const uint32_t number = a.world.steps()[pending].change;
  ASSERT_NE(number, 0u);
  EXPECT_EQ(last(a.I().notifications).change, number);
  a.Submit(a.alice, Op::kCancel, Change(number), By({a.laptop}));
  EXPECT_EQ(last(a.I().notifications).change, number);
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  EXPECT_EQ(last(a.I().notifications).change, 0u);
  EXPECT_TRUE(Holds(first_violation(a.world, "NOTIFY")));
}

TEST(Notify, CatchesANotificationNamingTheWrongChange) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  std::vector<Step> steps = a.world.steps();
  last(steps[i].after.identities[0].notifications).change = 1;  // as if it made change #1
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "NOTIFY"), "NOTIFY", i));
  steps = a.world.steps();
  last(steps[i].after.identities[0].notifications).at += 1;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "NOTIFY"), "NOTIFY", i));
}

TEST(Notify, CatchesANotificationAPendingChangeDoesNotName) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kPending);
  std::vector<Step> steps = a.world.steps();
  last(steps[i].after.identities[0].notifications).change = 0;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "NOTIFY"), "NOTIFY", i));
}

TEST(Notify, CatchesANotificationNoRequestAppended) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  a.world.advance_to(8 * kDay);
  const std::size_t tick = first_tick(a.world, TickEvent::kMatured, a.id);
  std::vector<Step> steps = a.world.steps();
  Identity& after = steps[tick].after.identities[0];
  Notification extra = last(after.notifications);
  extra.seq = ++after.notification_count;
  after.notifications.push_back(extra);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "NOTIFY"), "NOTIFY", tick));
}

// --- mutants ---

const MutantCase kRemovalUnnotified =
    mutant_case({Mutant::kRemovalUnnotified, "NOTIFY", timelock, kStandard, [](Bed& a) {
                   a.Event(EventKind::kCopy, a.mallory, a.yubikey);
                   return a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
                 }});

TEST(Notify, CatchesTheMutantRemovalUnnotified) { ExpectCaught(kRemovalUnnotified); }

}  // namespace
}  // namespace reclaim
