// Tests of the device rules (rules/devices.cc, R-DEV-1..13): adding, removing, replacing,
// protecting and unprotecting credentials, with the limits, the protected seed phrase, the
// vault's immutable recovery path, the Argent lock and Argent's guardian co-signatures. Every
// outcome is checked as one "verdict reject rule" string so a failure shows all three.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/policy.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy II2021() { return Policy{}; }

Policy Timelock() { return absolute_protection(timelock()); }

// --- R-DEV-1: device authority --------------------------------------------------------------

TEST(DevicesRules, AnyDeviceAddsADeviceInII2021) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  b.world.advance_to(5 * kMinute);
  const DeviceId tablet = b.Fresh("tablet");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(tablet, DeviceKind::kPasskey, Purpose::kAuth),
                 By({laptop})),
            "accepted none R-DEV-11");
  ASSERT_TRUE(b.Has(tablet));
  EXPECT_EQ(b.I().device(tablet)->added_at, 5 * kMinute);
  EXPECT_EQ(b.I().device(tablet)->key, b.world.device_key(tablet));
}

TEST(DevicesRules, UnsignedDeviceChangeIsUnauthorized) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  const State before = b.world.state();
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice,
                 Add(b.Fresh("evil"), DeviceKind::kPasskey, Purpose::kAuth), Unsigned()),
            "rejected unauthorized R-DEV-1");
  EXPECT_EQ(b.Do(b.mallory, Op::kRemoveDevice, On(laptop), Unsigned()),
            "rejected unauthorized R-DEV-1");
  EXPECT_EQ(b.Do(b.mallory, Op::kProtect, On(laptop), Unsigned()), "rejected unauthorized R-DEV-1");
  EXPECT_EQ(b.world.state(), before);  // a rejection changes nothing
}

TEST(DevicesRules, FlatAuthorityAuthDeviceRemovesRecoveryPhraseInII2021) {
  // The 2021 weakness: purpose gives no difference in power.
  Bed b(II2021());
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({yubikey})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(phrase));
}

// --- R-DEV-2: device limit ------------------------------------------------------------------

TEST(DevicesRules, AtMostTenDevicesInII2021) {
  Bed b(II2021());
  DeviceId first = kNone;
  for (int i = 0; i < 10; ++i) {
    const DeviceId d = b.Dev("d" + std::to_string(i), DeviceKind::kPasskey, Purpose::kAuth);
    if (i == 0) first = d;
  }
  b.world.begin();
  ASSERT_EQ(b.I().devices.size(), 10u);
  const DeviceId eleventh = b.Fresh("eleventh");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(eleventh, DeviceKind::kPasskey, Purpose::kAuth),
                 By({first})),
            "rejected limit R-DEV-2");
  EXPECT_EQ(b.I().devices.size(), 10u);
  // Replacing keeps the count, so it is allowed at the limit.
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(first, eleventh, DeviceKind::kSecurityKey, Purpose::kAuth), By({first})),
            "accepted none R-DEV-11");
  EXPECT_EQ(b.I().devices.size(), 10u);
  // After a removal there is room again.
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(eleventh), By({eleventh})),
            "accepted none R-DEV-11");
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("twelfth"), DeviceKind::kPasskey, Purpose::kAuth),
           By({b.world.find_device("alice/d1")})),
      "accepted none R-DEV-11");
  EXPECT_EQ(b.I().devices.size(), 10u);
}

TEST(DevicesRules, TwentyDevicesWhenThePolicySaysSo) {
  Bed b(ii_protected());
  DeviceId first = kNone;
  for (int i = 0; i < 19; ++i) {
    const DeviceId d = b.Dev("d" + std::to_string(i), DeviceKind::kPasskey, Purpose::kAuth);
    if (i == 0) first = d;
  }
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("x"), DeviceKind::kPasskey, Purpose::kAuth),
                 By({first})),
            "accepted none R-DEV-11");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("y"), DeviceKind::kPasskey, Purpose::kAuth),
                 By({first})),
            "rejected limit R-DEV-2");
}

// --- R-DEV-3: seed-phrase limit -------------------------------------------------------------

TEST(DevicesRules, AtMostOneSeedPhraseWhenLimited) {
  Bed b(ii_protected());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  // The attack the rule stops: a second, attacker-protected phrase.
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("phrase2"), DeviceKind::kSeedPhrase, Purpose::kRecovery, true),
                 By({laptop})),
            "rejected limit R-DEV-3");
  // Replacing the one phrase by another keeps the count at one.
  const DeviceId phrase3 = b.Fresh("phrase3");
  EXPECT_EQ(
      b.Do(b.alice, Op::kReplaceDevice,
           Replace(phrase, phrase3, DeviceKind::kSeedPhrase, Purpose::kRecovery), By({laptop})),
      "accepted none R-DEV-11");
  EXPECT_TRUE(b.Has(phrase3));
  EXPECT_EQ(b.I().count_kind(DeviceKind::kSeedPhrase), 1u);
  // Replacing a passkey by a phrase would make two.
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(laptop, b.Fresh("phrase4"), DeviceKind::kSeedPhrase, Purpose::kRecovery),
                 By({laptop})),
            "rejected limit R-DEV-3");
}

TEST(DevicesRules, SeedPhrasesUnlimitedInII2021) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice,
           Add(b.Fresh("phrase2"), DeviceKind::kSeedPhrase, Purpose::kRecovery), By({laptop})),
      "accepted none R-DEV-11");
  EXPECT_EQ(b.I().count_kind(DeviceKind::kSeedPhrase), 2u);
}

// --- R-DEV-4: only seed phrases are protected, only with protection ---------------------------

TEST(DevicesRules, ProtectionNeedsAPolicyWithProtection) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice,
           Add(b.Fresh("p2"), DeviceKind::kSeedPhrase, Purpose::kRecovery, true), By({laptop})),
      "rejected malformed R-DEV-4");
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(phrase), By({phrase})), "rejected malformed R-DEV-4");
}

TEST(DevicesRules, OnlySeedPhrasesAreProtected) {
  Bed b(ii_protected());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("key"), DeviceKind::kSecurityKey, Purpose::kAuth, true), By({laptop})),
            "rejected malformed R-DEV-4");
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(laptop), By({laptop})), "rejected malformed R-DEV-4");
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(phrase), By({phrase})), "rejected exists R-DEV-4");
}

// R-DEV-4 with protectable: any recovery device may be protected, an auth device still not.
TEST(DevicesRules, ProtectableRecoveryHardware) {
  Bed b(hardware_recovery());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId ledger = b.Dev("ledger", DeviceKind::kHardwareWallet, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(ledger), By({laptop})), "accepted none R-DEV-11");
  EXPECT_TRUE(b.I().device(ledger)->is_protected);
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(laptop), By({laptop})), "rejected malformed R-DEV-4");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("key"), DeviceKind::kSecurityKey, Purpose::kRecovery, true),
                 By({laptop})),
            "accepted none R-DEV-11");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("key2"), DeviceKind::kSecurityKey, Purpose::kAuth, true), By({laptop})),
            "rejected malformed R-DEV-4");
  // R-DEV-5: another device cannot remove it, nor unprotect it; it removes itself.
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(ledger), By({laptop})),
            "rejected protected R-DEV-5");
  EXPECT_EQ(b.Do(b.alice, Op::kUnprotect, On(ledger), By({laptop})), "rejected protected R-DEV-5");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(ledger), By({ledger})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(ledger));

  Bed ii(ii_protected());  // without protectable, a hardware wallet is never protected
  const DeviceId l2 = ii.Dev("ledger", DeviceKind::kHardwareWallet, Purpose::kRecovery);
  ii.world.begin();
  EXPECT_EQ(ii.Do(ii.alice, Op::kProtect, On(l2), By({l2})), "rejected malformed R-DEV-4");
}

// Through the timelock's delay where the variant lets the delay override protection.
TEST(DevicesRules, ProtectedHardwareLeavesThroughTheDelay) {
  Bed b(thread_proposal());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId ledger = b.Dev("ledger", DeviceKind::kHardwareWallet, Purpose::kRecovery, true);
  b.world.begin();
  ASSERT_TRUE(b.I().device(ledger)->is_protected);
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(ledger), By({laptop, yubikey})),
            "pending none R-DEV-10");
  b.world.advance_to(8 * kDay);
  EXPECT_FALSE(b.Has(ledger));
}

// --- R-DEV-5: the protected phrase ----------------------------------------------------------

TEST(DevicesRules, ProtectNeedsNoProof) {
  Bed b(ii_protected());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  // Signed by the laptop, not by the phrase: marking protected needs no proof of the phrase.
  EXPECT_EQ(b.Do(b.alice, Op::kProtect, On(phrase), By({laptop})), "accepted none R-DEV-11");
  EXPECT_TRUE(b.I().device(phrase)->is_protected);
}

TEST(DevicesRules, ProtectedPhraseOnlyRemovableByItself) {
  Bed b(ii_protected());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({laptop})),
            "rejected protected R-DEV-5");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({laptop, yubikey})),
            "rejected protected R-DEV-5");
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(phrase, b.Fresh("p2"), DeviceKind::kSeedPhrase, Purpose::kRecovery),
                 By({laptop})),
            "rejected protected R-DEV-5");
  EXPECT_TRUE(b.Has(phrase));
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({phrase})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(phrase));
}

TEST(DevicesRules, ProtectedPhraseReplacedByItself) {
  Bed b(ii_protected());
  b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  b.world.begin();
  const DeviceId next = b.Fresh("phrase2");
  EXPECT_EQ(
      b.Do(b.alice, Op::kReplaceDevice,
           Replace(phrase, next, DeviceKind::kSeedPhrase, Purpose::kRecovery, true), By({phrase})),
      "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(phrase));
  ASSERT_TRUE(b.Has(next));
  EXPECT_TRUE(b.I().device(next)->is_protected);
}

TEST(DevicesRules, UnprotectNeedsThePhrase) {
  Bed b(ii_protected());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kUnprotect, On(phrase), By({laptop})), "rejected protected R-DEV-5");
  EXPECT_TRUE(b.I().device(phrase)->is_protected);
  EXPECT_EQ(b.Do(b.alice, Op::kUnprotect, On(phrase), By({phrase})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.I().device(phrase)->is_protected);
  // Nothing left to unprotect.
  EXPECT_EQ(b.Do(b.alice, Op::kUnprotect, On(phrase), By({phrase})), "rejected not-found R-DEV-5");
  // Once unprotected, any device removes it (the II weakness protection exists for).
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({laptop})), "accepted none R-DEV-11");
}

TEST(DevicesRules, DelayOverridesProtectionOnlyThroughTheTimelock) {
  Policy p = Timelock();
  p.delay_overrides_protection = true;
  Bed b(p);
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({yubikey})), "pending none R-DEV-10");
  EXPECT_TRUE(b.Has(phrase));

  Bed strict(Timelock());  // without the override, R-DEV-5 rejects outright
  const DeviceId y2 = strict.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId p2 = strict.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true);
  strict.world.begin();
  EXPECT_EQ(strict.Do(strict.alice, Op::kRemoveDevice, On(p2), By({y2})),
            "rejected protected R-DEV-5");
}

// R-TL-1 with the override: a protected device of any purpose leaves only through the delay,
// not only a recovery one. Else a thief holding an authentication device adds a protected
// authentication phrase that no other device can ever remove (found by the random engine as
// an EVICT counterexample under timelock).
TEST(DevicesRules, DelayOverridesProtectionOfAnAuthenticationPhraseToo) {
  Policy p = Timelock();
  p.delay_overrides_protection = true;
  Bed b(p);
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kAuth, true);
  const DeviceId other = b.Dev("other", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({laptop})), "pending none R-DEV-10");
  EXPECT_TRUE(b.Has(phrase));
  // An unprotected authentication device still leaves at once (all_removals is off).
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(other), By({laptop})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(other));
}

// --- R-DEV-6: ids ---------------------------------------------------------------------------

TEST(DevicesRules, NewIdMustBeUnusedAndTargetRegistered) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(yubikey, DeviceKind::kPasskey, Purpose::kAuth),
                 By({laptop})),
            "rejected exists R-DEV-6");
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice, Add(kNone, DeviceKind::kPasskey, Purpose::kAuth), By({laptop})),
      "rejected exists R-DEV-6");
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(laptop, yubikey, DeviceKind::kPasskey, Purpose::kAuth), By({laptop})),
            "rejected exists R-DEV-6");
  const DeviceId ghost = b.Fresh("ghost");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(ghost), By({laptop})),
            "rejected not-found R-DEV-6");
  EXPECT_EQ(
      b.Do(b.alice, Op::kReplaceDevice,
           Replace(ghost, b.Fresh("new"), DeviceKind::kPasskey, Purpose::kAuth), By({laptop})),
      "rejected not-found R-DEV-6");
}

// --- R-DEV-13: one id, one device ----------------------------------------------------------

// Under `social`, alice (laptop, yubikey, phrase; guardians bob, carol, dave) with an
// unregistered id named each way: a pending replacement of the phrase, a running recovery and
// the tentative device.
struct NamedIds {
  DeviceId replacement, recovery, tentative;
};
NamedIds NameThreeIds(Bed& b) {
  b.Three();
  b.Guardians();
  b.world.begin();
  const NamedIds n{b.Fresh("new1"), b.Fresh("rec1"), b.Fresh("tent1")};
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(b.phrase, n.replacement, DeviceKind::kSeedPhrase, Purpose::kRecovery),
                 By({b.laptop, b.yubikey})),
            "pending none R-DEV-10");
  EXPECT_EQ(b.Do(b.bob, Op::kStartRecovery, Add(n.recovery), AsGuardian(), b.alice),
            "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kEnterRegistration, Args{}, By({b.laptop})),
            "accepted none R-REG-1");
  EXPECT_EQ(b.Do(b.mallory, Op::kAddTentative, Add(n.tentative), Unsigned()),
            "accepted none R-REG-4");
  return n;
}

TEST(DevicesRules, AddingAnIdAlreadyNamedIsRejected) {
  Bed b(social());
  const NamedIds n = NameThreeIds(b);
  const State before = b.world.state();
  for (DeviceId d : {n.replacement, n.recovery, n.tentative})
    EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(d), By({b.laptop, b.yubikey})),
              "rejected exists R-DEV-13")
        << d;
  EXPECT_EQ(b.world.state(), before);
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("new2")), By({b.laptop, b.yubikey})),
            "accepted none R-DEV-11");
}

TEST(DevicesRules, ReplacingInAnIdAlreadyNamedIsRejected) {
  Bed b(social());
  const NamedIds n = NameThreeIds(b);
  const State before = b.world.state();
  for (DeviceId d : {n.replacement, n.recovery, n.tentative})
    EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                   Replace(b.laptop, d, DeviceKind::kPasskey, Purpose::kAuth),
                   By({b.laptop, b.yubikey})),
              "rejected exists R-DEV-13")
        << d;
  EXPECT_EQ(b.world.state(), before);
}

// --- R-DEV-7: the last device ---------------------------------------------------------------

TEST(DevicesRules, LastDeviceRemovableOnlyWhenAllowed) {
  Policy guarded = II2021();
  guarded.allow_remove_last_device = false;
  Bed b(guarded);
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(laptop), By({laptop})), "rejected limit R-DEV-7");
  EXPECT_TRUE(b.Has(laptop));

  Bed ii(II2021());  // the canister allows it; only the front end stops it
  const DeviceId l2 = ii.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  ii.world.begin();
  EXPECT_EQ(ii.Do(ii.alice, Op::kRemoveDevice, On(l2), By({l2})), "accepted none R-DEV-11");
  EXPECT_TRUE(ii.I().devices.empty());
}

// --- R-DEV-8: the vault's immutable recovery path --------------------------------------------

TEST(DevicesRules, ImmutableRecoveryPathInVault) {
  Bed b(vault());
  const DeviceId hot = b.Dev("hot", DeviceKind::kHardwareWallet, Purpose::kAuth);
  const DeviceId cold = b.Dev("cold", DeviceKind::kHardwareWallet, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(cold), By({cold})), "rejected locked R-DEV-8");
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(cold, b.Fresh("cold2"), DeviceKind::kHardwareWallet, Purpose::kRecovery),
                 By({cold})),
            "rejected locked R-DEV-8");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice,
                 Add(b.Fresh("cold3"), DeviceKind::kHardwareWallet, Purpose::kRecovery), By({hot})),
            "rejected locked R-DEV-8");
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(hot, b.Fresh("cold4"), DeviceKind::kHardwareWallet, Purpose::kRecovery),
                 By({hot})),
            "rejected locked R-DEV-8");
  // An authentication device may still be added; its removal is triggered and waits.
  const DeviceId hot2 = b.Fresh("hot2");
  EXPECT_EQ(
      b.Do(b.alice, Op::kAddDevice, Add(hot2, DeviceKind::kPasskey, Purpose::kAuth), By({hot})),
      "accepted none R-DEV-11");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(hot2), By({hot})), "pending none R-DEV-10");
  EXPECT_TRUE(b.Has(cold));
}

// --- R-DEV-9: Argent lock -------------------------------------------------------------------

TEST(DevicesRules, LockedIdentityRefusesDeviceChangesUntilTheLockEnds) {
  Bed b(argent());
  const DeviceId owner = b.Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
  b.AddGuardian(b.bob);
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  b.world.advance_to(kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("k1"), DeviceKind::kPasskey, Purpose::kAuth),
                 By({owner})),
            "rejected locked R-DEV-9");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(owner), By({owner})), "rejected locked R-DEV-9");
  b.world.advance_to(5 * kDay);
  SignWith cosigned = By({owner});  // Argent: the owner plus ceil(1/2) = 1 guardian (R-DEV-12)
  cosigned.cosigners = {b.bob};
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(b.Fresh("k2"), DeviceKind::kPasskey, Purpose::kAuth),
                 cosigned),
            "accepted none R-DEV-11");
}

// --- R-DEV-12: Argent's guardians co-sign owner changes ----------------------------------------

// Argent's transferOwnership needs the owner plus ceil(n/2) guardians (argent-contracts
// ArgentModule.getRequiredSignatures): 2, 2, 3, 3, 4 signatures for n = 1..5. Replacing the
// owner key with k co-signing guardians is accepted exactly when k >= ceil(n/2).
TEST(DevicesRules, ArgentOwnerReplacementNeedsTheOwnerAndHalfTheGuardians) {
  for (uint32_t n = 1; n <= 5; ++n) {
    Bed b(argent());
    const DeviceId owner = b.Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
    std::vector<ActorId> guardians;
    for (uint32_t i = 1; i <= n; ++i) {
      guardians.push_back(b.world.actor("g" + std::to_string(i)));
      ASSERT_TRUE(b.world.add_guardian(b.id, guardians.back(), 1).ok());
    }
    b.world.begin();
    const uint32_t need = (n + 1) / 2;
    EXPECT_EQ(1 + need, std::vector<uint32_t>({2, 2, 3, 3, 4})[n - 1]);
    for (uint32_t k = 0; k <= need; ++k) {
      Request r = CoSigned(
          b.world, b.id, Op::kReplaceDevice,
          Replace(owner, b.Fresh("new"), DeviceKind::kHardwareWallet, Purpose::kAuth), {owner}, {});
      for (uint32_t i = 0; i < k; ++i) {
        const Request g = CoSigned(b.world, b.id, r.op, r.args, {}, {guardians[i]}, r.nonce);
        r.signers.push_back(g.signers[0]);
      }
      const Outcome o = apply(b.world.policy(), b.world.state(), r, b.world.now());
      EXPECT_EQ(Describe(o.verdict, o.reject, o.rule),
                k >= need ? "accepted none R-DEV-11" : "rejected threshold R-DEV-12")
          << "n = " << n << ", k = " << k;
    }
    // Guardians alone are never enough: the owner must sign too (R-DEV-1).
    const Request alone =
        CoSigned(b.world, b.id, Op::kReplaceDevice,
                 Replace(owner, b.Fresh("new"), DeviceKind::kHardwareWallet, Purpose::kAuth), {},
                 {guardians[0]});
    const Outcome o = apply(b.world.policy(), b.world.state(), alone, b.world.now());
    EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected unauthorized R-DEV-1");
  }
}

TEST(DevicesRules, ArgentStolenOwnerKeyAloneAddsAndRemovesNothing) {
  Bed b(argent());
  const DeviceId owner = b.Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
  const DeviceId spare = b.Dev("spare", DeviceKind::kPasskey, Purpose::kAuth);
  ASSERT_TRUE(b.world.add_guardian(b.id, b.bob, 1).ok());
  b.world.begin();
  b.world.event(EventKind::kSteal, b.mallory, b.id, owner);
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice,
                 Add(b.Fresh("evil"), DeviceKind::kPasskey, Purpose::kAuth), By({owner})),
            "rejected threshold R-DEV-12");
  EXPECT_EQ(b.Do(b.mallory, Op::kRemoveDevice, On(spare), By({owner})),
            "rejected threshold R-DEV-12");
  EXPECT_TRUE(b.Has(spare));
}

TEST(DevicesRules, WithoutGuardiansTheOwnerAloneChangesDevices) {
  Bed b(argent());
  const DeviceId owner = b.Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(owner, b.Fresh("new"), DeviceKind::kHardwareWallet, Purpose::kAuth),
                 By({owner})),
            "accepted none R-DEV-11");
}

// --- R-DEV-10 / R-DEV-11: pending or immediate, notified ------------------------------------

TEST(DevicesRules, TimelockedRemovalIsPendingAuthRemovalImmediate) {
  Bed b(Timelock());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(phrase), By({laptop})), "pending none R-DEV-10");
  EXPECT_EQ(b.change, 1u);
  EXPECT_TRUE(b.Has(phrase));
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(yubikey), By({laptop})), "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(yubikey));
}

TEST(DevicesRules, AcceptedChangesNotifyTheOwner) {
  Bed b(Timelock());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.world.begin();
  const DeviceId tablet = b.Fresh("tablet");
  ASSERT_EQ(b.Do(b.alice, Op::kAddDevice, Add(tablet, DeviceKind::kPasskey, Purpose::kAuth),
                 By({laptop})),
            "accepted none R-DEV-11");
  ASSERT_EQ(b.I().notifications.size(), 1u);
  EXPECT_EQ(b.I().notifications[0].op, Op::kAddDevice);
  EXPECT_EQ(b.I().notifications[0].device, tablet);
  EXPECT_EQ(b.I().notifications[0].change, 0u);
  ASSERT_EQ(b.Do(b.alice, Op::kProtect, On(phrase), By({laptop})), "accepted none R-DEV-11");
  EXPECT_EQ(b.I().notification_count, 2u);
  EXPECT_EQ(b.I().notifications[1].op, Op::kProtect);
  // Without notifications in the policy nothing is recorded.
  Bed quiet(II2021());
  const DeviceId l2 = quiet.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  quiet.world.begin();
  ASSERT_EQ(quiet.Do(quiet.alice, Op::kAddDevice,
                     Add(quiet.Fresh("t"), DeviceKind::kPasskey, Purpose::kAuth), By({l2})),
            "accepted none R-DEV-11");
  EXPECT_EQ(quiet.I().notification_count, 0u);
}

TEST(DevicesRules, ReplaceSwapsTheDeviceAtOnce) {
  Bed b(II2021());
  const DeviceId laptop = b.Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  b.world.advance_to(kHour);
  const DeviceId trezor = b.Fresh("trezor");
  EXPECT_EQ(
      b.Do(b.alice, Op::kReplaceDevice,
           Replace(laptop, trezor, DeviceKind::kHardwareWallet, Purpose::kRecovery), By({laptop})),
      "accepted none R-DEV-11");
  EXPECT_FALSE(b.Has(laptop));
  ASSERT_TRUE(b.Has(trezor));
  const Device& t = *b.I().device(trezor);
  EXPECT_EQ(t.kind, DeviceKind::kHardwareWallet);
  EXPECT_EQ(t.purpose, Purpose::kRecovery);
  EXPECT_EQ(t.added_at, kHour);
  EXPECT_TRUE(b.world.holds(b.alice, trezor));  // the new secret goes to the requester
}

}  // namespace
}  // namespace reclaim
