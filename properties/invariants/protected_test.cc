// Tests of the PROTECTED checker (protected.cc): a protected device changes only by a request it
// signed. Runs that satisfy it, and runs that violate it, each caught at the step where the break
// shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Protected, HoldsWhenOnlyThePhraseChangesItself) {
  Bed a(ii_protected(), kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t r = a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  EXPECT_EQ(a.world.steps()[r].reject, Reject::kProtected);
  a.Submit(a.alice, Op::kUnprotect, On(a.phrase), By({a.phrase}));
  a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.laptop}));
  EXPECT_EQ(a.I().device(a.phrase), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "PROTECTED")));
}

TEST(Protected, CatchesADelayThatOverridesProtection) {
  Policy p = timelock();
  p.delay_overrides_protection = true;  // another device removes the phrase by waiting
  Bed a(p, kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t r = a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[r].verdict, Verdict::kPending);
  a.world.advance_to(8 * kDay);
  ASSERT_EQ(a.I().device(a.phrase), nullptr);
  const std::size_t tick = first_tick(a.world, TickEvent::kMatured, a.id);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "PROTECTED"), "PROTECTED", tick));
}

TEST(Protected, CatchesAStepThatUnprotectsWithoutTheDevice) {
  Bed a(ii_protected(), kStandard);
  const std::size_t i =
      a.Submit(a.alice, Op::kAddDevice,
               Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  steps[i].after.identity(a.id)->device(a.phrase)->is_protected = false;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "PROTECTED"), "PROTECTED", i));
}

// A removal made pending while the phrase was unprotected matures after the owner protected
// it: the protected phrase leaves without its signature. (The model checks R-DEV-5 only when
// the request is made; see the properties report.) Whatever the model does, the checker must
// agree with what happened.
TEST(Protected, JudgesAPendingRemovalThatMaturesAfterProtection) {
  // A replacement asked while the phrase was unprotected, then the owner protects it. Where
  // only the phrase may remove itself (R-TL-10) the change lapses and PROTECTED holds; where
  // the delay overrides protection it matures and PROTECTED (unclaimed there) is violated.
  for (const bool overrides : {false, true}) {
    Policy p = timelock();
    p.delay_overrides_protection = overrides;
    Bed a(p, StandardOptions{.phrase_protected = false});
    a.Event(EventKind::kCopy, a.mallory, a.yubikey);
    a.Submit(
        a.mallory, Op::kReplaceDevice,
        [&] {
          Args r = Add(a.Fresh("evil"), DeviceKind::kSeedPhrase, Purpose::kRecovery);
          r.device = a.phrase;
          return r;
        }(),
        By({a.yubikey}));
    a.Submit(a.alice, Op::kProtect, On(a.phrase), By({a.laptop}));
    a.world.advance_to(8 * kDay);
    if (!overrides) {
      EXPECT_NE(a.I().device(a.phrase), nullptr);
      EXPECT_TRUE(Holds(first_violation(a.world, "PROTECTED")));
    } else {
      EXPECT_EQ(a.I().device(a.phrase), nullptr);
      EXPECT_TRUE(ViolatedAt(first_violation(a.world, "PROTECTED"), "PROTECTED",
                             first_tick(a.world, TickEvent::kMatured, a.id)));
    }
  }
}

// --- mutants ---

const MutantCase kProtectedUnchecked =
    mutant_case({Mutant::kProtectedUnchecked, "PROTECTED", ii_protected, kStandard, [](Bed& a) {
                   a.Event(EventKind::kCopy, a.mallory, a.yubikey);
                   return a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
                 }});

TEST(Protected, CatchesTheMutantProtectedUnchecked) { ExpectCaught(kProtectedUnchecked); }

}  // namespace
}  // namespace reclaim
