// Tests of the two-factor rules (rules/two_factor.cc, R-2FA-1..2): sensitive changes need two
// distinct registered devices once the identity has two or more; a session never counts;
// cancelling and vetoing are never sensitive.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "model/policy.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy Timelock2fa() { return absolute_protection(timelock_2fa()); }

Policy Social() {
  Policy p = Timelock2fa();
  p.name = "social";
  p.guardians = true;
  p.quorum = RecoveryQuorum::kWeight;
  p.default_guardian_threshold = 2;
  p.veto = CancelRight::kRecoveryDevice;
  p.following = true;
  return p;
}

// --- R-2FA-1 ----------------------------------------------------------------------------------

TEST(TwoFactorRules, AddDeviceNeedsTwoDistinctDevices) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  const DeviceId tablet = b.Fresh("tablet");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(tablet, DeviceKind::kPasskey, Purpose::kAuth),
                 By({b.laptop})),
            "rejected two-factor R-2FA-1");
  EXPECT_FALSE(b.Has(tablet));
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(tablet, DeviceKind::kPasskey, Purpose::kAuth),
                 By({b.laptop, b.yubikey})),
            "accepted none R-DEV-11");
  EXPECT_TRUE(b.Has(tablet));
}

TEST(TwoFactorRules, OneDeviceSufficesWhileTheIdentityHasOnlyOne) {
  Bed b(Timelock2fa());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("yubikey"), DeviceKind::kSecurityKey, Purpose::kAuth), By({laptop})),
            "accepted none R-DEV-11");
  // Now there are two: the next one needs both.
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({laptop})),
            "rejected two-factor R-2FA-1");
}

TEST(TwoFactorRules, RemoveAndReplaceAreSensitive) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(b.laptop), By({b.yubikey})),
            "rejected two-factor R-2FA-1");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(b.phrase), By({b.yubikey})),
            "rejected two-factor R-2FA-1");
  Args r = Add(b.Fresh("trezor"), DeviceKind::kHardwareWallet, Purpose::kAuth);
  r.device = b.laptop;
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice, r, By({b.laptop})), "rejected two-factor R-2FA-1");
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice, r, By({b.laptop, b.phrase})),
            "accepted none R-DEV-11");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(b.phrase), By({b.yubikey, r.device2})),
            "pending none R-DEV-10");
}

TEST(TwoFactorRules, RemovalDelayIsSensitive) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  Args d;
  d.duration = kYear;
  EXPECT_EQ(b.Do(b.alice, Op::kSetRemovalDelay, d, By({b.phrase})), "rejected two-factor R-2FA-1");
  EXPECT_EQ(b.Do(b.alice, Op::kSetRemovalDelay, d, By({b.phrase, b.laptop})),
            "accepted none R-TL-4");
  EXPECT_EQ(b.I().removal_delay, kYear);
}

TEST(TwoFactorRules, GuardianChangesAreSensitive) {
  Bed b(Social());
  b.Three();
  b.world.begin();
  Args g;
  g.actor = b.bob;
  g.weight = 1;
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, g, By({b.laptop})), "rejected two-factor R-2FA-1");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, g, By({b.laptop, b.yubikey})), "pending none R-SOC-2");
  Args t;
  t.number = 1;
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, t, By({b.phrase})),
            "rejected two-factor R-2FA-1");
}

TEST(TwoFactorRules, SessionNeverCountsAsADevice) {
  Policy p = Timelock2fa();
  p.session_manages_devices = true;
  Bed b(p);
  b.Three();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.laptop})), "accepted none R-SES-2");
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           SignWith{{b.laptop}, true, false}),
      "rejected two-factor R-2FA-1");
}

TEST(TwoFactorRules, TheSameDeviceTwiceIsNotTwoDevices) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           By({b.laptop, b.laptop})),
      "rejected malformed R-REQ-6");
}

TEST(TwoFactorRules, WithoutTwoFactorOneDeviceSuffices) {
  Policy p = Timelock2fa();
  p.two_factor = false;
  Bed b(p);
  b.Three();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({b.laptop})),
            "accepted none R-DEV-11");
}

TEST(TwoFactorRules, ProtectIsNotSensitive) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(b.phrase), By({b.laptop})), "accepted none R-DEV-11");
}

// A thief holding one device must not add a second one through the tentative-registration
// flow: verifying the tentative device adds a device (a sensitive change, R-2FA-1), which
// would then give the thief the two devices every other sensitive change asks for.
TEST(TwoFactorRules, TentativeRegistrationDoesNotBypassTwoFactor) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  ASSERT_TRUE(b.world.event(EventKind::kSteal, b.mallory, b.id, b.yubikey).ok());
  ASSERT_EQ(b.Do(b.mallory, Op::kEnterRegistration, Args{}, By({b.yubikey})),
            "accepted none R-REG-1");
  const DeviceId evil = b.Fresh("evil");
  ASSERT_EQ(b.Do(b.mallory, Op::kAddTentative, Add(evil, DeviceKind::kSecurityKey, Purpose::kAuth),
                 SignWith{}),
            "accepted none R-REG-4");
  Args v;
  v.code = b.I().registration.code;
  const std::string got = b.Do(b.mallory, Op::kVerifyTentative, v, By({b.yubikey}));
  EXPECT_EQ(got, "rejected two-factor R-2FA-1");
  EXPECT_FALSE(b.Has(evil));
}

// --- R-2FA-2 ----------------------------------------------------------------------------------

TEST(TwoFactorRules, CancelIsNeverSensitive) {
  Bed b(Timelock2fa());
  b.Three();
  b.world.begin();
  ASSERT_TRUE(b.world.event(EventKind::kCopy, b.mallory, b.id, b.laptop).ok());
  ASSERT_TRUE(b.world.event(EventKind::kCopy, b.mallory, b.id, b.yubikey).ok());
  ASSERT_EQ(b.Do(b.mallory, Op::kRemoveDevice, On(b.phrase), By({b.laptop, b.yubikey})),
            "pending none R-DEV-10");
  Args c;
  c.number = b.change;
  EXPECT_EQ(b.Do(b.alice, Op::kCancel, c, By({b.phrase})), "accepted none R-TL-8");
  EXPECT_TRUE(b.I().pending.empty());
}

TEST(TwoFactorRules, VetoIsNeverSensitive) {
  Bed b(Social());
  b.Three();
  b.AddGuardian(b.bob, 2);
  b.world.begin();
  Args r;
  r.device2 = b.world.device_id("bob/new");
  r.kind = DeviceKind::kPasskey;
  ASSERT_EQ(b.Do(b.bob, Op::kStartRecovery, r, SignWith{{}, false, true}), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, By({b.phrase})), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
}

}  // namespace
}  // namespace reclaim
