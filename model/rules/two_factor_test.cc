// Tests of the two-factor rules (rules/two_factor.cc, R-2FA-1..5): sensitive changes need two
// distinct registered devices once the identity has two or more; a session never counts;
// cancelling and vetoing are never sensitive; a TOTP authenticator signs nothing alone and
// counts only beside a real signer; two factors to create a session where the policy says so.
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

// --- R-2FA-3, R-2FA-4: the TOTP authenticator -------------------------------------------------

// alice's laptop, yubikey and protected phrase, her TOTP app, and an unlocked neuron of 500.
struct TotpBed : Bed {
  explicit TotpBed(Policy p) : Bed(std::move(p)) {
    Three(true);
    app = Dev("app", DeviceKind::kTotp, Purpose::kAuth);
    Asset(500, 0);
    world.begin();
  }
  DeviceId app = kNone;
};

TEST(TwoFactorRules, ATotpSignsNothingAlone) {
  TotpBed b(thread_proposal());
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.app})), "rejected unauthorized R-2FA-3");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), By({b.app})),
            "rejected unauthorized R-2FA-3");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(b.app), By({b.app})),
            "rejected unauthorized R-2FA-3");
  // Under a policy without any two-factor switch too: the kind, not the policy, says so.
  TotpBed flat(ii2021());
  EXPECT_EQ(flat.Do(flat.alice, Op::kTransfer, Move(flat.neuron, 10, flat.bob), By({flat.app})),
            "rejected unauthorized R-2FA-3");
  EXPECT_EQ(flat.I().asset(flat.neuron)->amount, 500);
}

TEST(TwoFactorRules, ATotpCountsOnlyBesideARealSigner) {
  TotpBed b(thread_proposal());
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), By({b.laptop})),
            "rejected two-factor R-AST-9");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), By({b.laptop, b.app})),
            "accepted none R-AST-5");
  // A sensitive change, too (R-2FA-1 counts factors).
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({b.yubikey, b.app})),
            "accepted none R-DEV-11");
}

TEST(TwoFactorRules, ATotpIsRegisteredOnlyWhereThePolicyHasIt) {
  Bed b(timelock_2fa());
  b.Three();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("app"), DeviceKind::kTotp, Purpose::kAuth),
                 By({b.laptop, b.yubikey})),
            "rejected malformed R-2FA-3");
  Bed t(thread_proposal());
  t.Three();
  t.world.begin();
  EXPECT_EQ(t.Do(t.alice, Op::kAddDevice, Add(t.Fresh("app"), DeviceKind::kTotp, Purpose::kRecovery),
                 By({t.laptop, t.yubikey})),
            "rejected malformed R-2FA-3");
  EXPECT_EQ(t.Do(t.alice, Op::kAddDevice,
                 Add(t.Fresh("app"), DeviceKind::kTotp, Purpose::kAuth, true),
                 By({t.laptop, t.yubikey})),
            "rejected malformed R-2FA-3");
  EXPECT_EQ(t.Do(t.alice, Op::kAddDevice, Add(t.Fresh("app"), DeviceKind::kTotp, Purpose::kAuth),
                 By({t.laptop, t.yubikey})),
            "accepted none R-DEV-11");
  EXPECT_EQ(t.I().device(t.Fresh("app"))->kind, DeviceKind::kTotp);
}

// --- R-2FA-5: two factors to create a session ---------------------------------------------------

TEST(TwoFactorRules, LoginNeedsTwoFactorsWhereThePolicySays) {
  TotpBed b(thread_proposal());
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.yubikey})), "rejected two-factor R-2FA-5");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Args{}, By({b.yubikey})), "rejected two-factor R-2FA-5");
  EXPECT_TRUE(b.I().sessions.empty());
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Args{}, By({b.yubikey, b.app})), "accepted none R-SES-4");
  ASSERT_EQ(b.I().sessions.size(), 1u);
  EXPECT_TRUE(b.I().sessions[0].two_factor);
  // The two-factor app delegation moves the neuron alone.
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), ByAppSession()),
            "accepted none R-AST-5");
}

TEST(TwoFactorRules, AnAppDelegationCarriesItsLoginsFactors) {
  Policy p = ii_protected();  // the front end's session mints app delegations
  p.two_factor_login = true;
  p.totp = true;
  TotpBed b(p);
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.laptop, b.app})), "accepted none R-SES-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Args{}, BySession()), "accepted none R-SES-4");
  ASSERT_EQ(b.I().sessions.size(), 2u);
  EXPECT_TRUE(b.I().sessions[1].two_factor);

  Policy q = ii_protected();
  q.two_factor_assets = true;  // factors are recorded, but a one-factor login is allowed
  TotpBed one(q);
  EXPECT_EQ(one.Do(one.alice, Op::kLogin, Args{}, By({one.laptop})), "accepted none R-SES-2");
  EXPECT_EQ(one.Do(one.alice, Op::kAppLogin, Args{}, BySession()), "accepted none R-SES-4");
  ASSERT_EQ(one.I().sessions.size(), 2u);
  EXPECT_FALSE(one.I().sessions[1].two_factor);
  EXPECT_EQ(one.Do(one.alice, Op::kTransfer, Move(one.neuron, 10, one.bob), ByAppSession()),
            "rejected two-factor R-AST-9");
}

TEST(TwoFactorRules, SessionsRecordNoFactorsWhereThePolicyCountsNone) {
  TotpBed b(ii_protected());
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.laptop, b.yubikey})), "accepted none R-SES-2");
  ASSERT_EQ(b.I().sessions.size(), 1u);
  EXPECT_FALSE(b.I().sessions[0].two_factor);
}

}  // namespace
}  // namespace reclaim
