// Tests of the TWO-FACTOR checker (two_factor.cc): a sensitive change needs two distinct devices
// once the identity has two. Runs that satisfy it, and runs that violate it, each caught at the
// step where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(TwoFactor, HoldsWhenSensitiveChangesNeedTwoDevices) {
  Bed a(timelock_2fa(), kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t r =
      a.Submit(a.mallory, Op::kAddDevice,
               Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), By({a.yubikey}));
  EXPECT_EQ(a.world.steps()[r].reject, Reject::kTwoFactor);
  const std::size_t ok = a.Submit(a.alice, Op::kAddDevice,
                                  Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
                                  By({a.laptop, a.yubikey}));
  EXPECT_EQ(a.world.steps()[ok].verdict, Verdict::kAccepted);
  a.Submit(a.alice, Op::kCancel, {}, By({a.phrase}));  // never sensitive (nothing to cancel)
  EXPECT_TRUE(Holds(first_violation(a.world, "TWO-FACTOR")));
}

TEST(TwoFactor, CatchesAPolicyWithoutTwoFactor) {
  Bed a(timelock(), kStandard);  // no two-factor: one stolen key adds a device
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t i =
      a.Submit(a.mallory, Op::kAddDevice,
               Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, "TWO-FACTOR"), "TWO-FACTOR", i));
}

// Tentative registration adds a device too: confirming it with one device is a single-factor
// addition. (The model's R-REG-5 applies no two-factor check; see the properties report.)
TEST(TwoFactor, JudgesATentativeConfirmationAsAnAddition) {
  Bed a(timelock_2fa(), kStandard);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kEnterRegistration, {}, By({a.yubikey}));
  a.Submit(a.mallory, Op::kAddTentative,
           Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), Unsigned());
  const std::size_t i =
      a.Submit(a.mallory, Op::kVerifyTentative, Code(a.I().registration.code), By({a.yubikey}));
  if (a.world.steps()[i].verdict == Verdict::kRejected) {
    EXPECT_TRUE(Holds(first_violation(a.world, "TWO-FACTOR")));
  } else {
    EXPECT_TRUE(ViolatedAt(first_violation(a.world, "TWO-FACTOR"), "TWO-FACTOR", i));
  }
}

// --- mutants ---

const MutantCase kTwoFactorOneDevice =
    mutant_case({Mutant::kTwoFactorOneDevice, "TWO-FACTOR", timelock_2fa, kStandard, [](Bed& a) {
                   a.Event(EventKind::kCopy, a.mallory, a.yubikey);
                   return a.Submit(a.mallory, Op::kAddDevice,
                                   Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth),
                                   By({a.yubikey}));
                 }});

TEST(TwoFactor, CatchesTheMutantTwoFactorOneDevice) { ExpectCaught(kTwoFactorOneDevice); }

}  // namespace
}  // namespace reclaim
