// Tests of tentative device registration (rules/registration.cc, R-REG-1..6), Internet
// Identity's add-a-device flow: a 900 s window that re-entering does not extend, one
// tentative device offered by anyone, a 6-digit code an authorized device confirms, and the
// 3rd wrong code ending it.
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

Policy II2021() { return Policy{}; }

// Alice with a laptop, and the steps of the registration flow.
class RegistrationBed : public Bed {
 public:
  explicit RegistrationBed(Policy policy) : Bed(std::move(policy)) {
    laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  }
  std::string Enter() { return Do(alice, Op::kEnterRegistration, Args{}, By({laptop})); }
  // `who` offers the new device `d`, unsigned.
  std::string Offer(ActorId who, DeviceId d, DeviceKind kind = DeviceKind::kPasskey,
                    Purpose purpose = Purpose::kAuth, bool protect = false) {
    return Do(who, Op::kAddTentative, Add(d, kind, purpose, protect), Unsigned());
  }
  std::string Verify(uint32_t code, const SignWith& with) {
    return Do(alice, Op::kVerifyTentative, Code(code), with);
  }
  uint32_t RightCode() const { return I().registration.code; }
  uint32_t WrongCode() const { return (RightCode() + 1) % 1000000; }
};

// --- R-REG-1 / R-REG-2 / R-REG-3: the window --------------------------------------------------

TEST(RegistrationRules, EnteringOpensA900SecondWindow) {
  RegistrationBed b(II2021());
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.mallory, Op::kEnterRegistration, Args{}, Unsigned()),
            "rejected unauthorized R-REG-1");
  EXPECT_FALSE(b.I().registration.open);
  EXPECT_EQ(b.Enter(), "accepted none R-REG-1");
  EXPECT_TRUE(b.I().registration.open);
  EXPECT_EQ(b.I().registration.window_end, kHour + 900);
}

TEST(RegistrationRules, ReenteringDoesNotExtendTheWindow) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  b.world.advance_to(600);
  EXPECT_EQ(b.Enter(), "accepted none R-REG-2");
  EXPECT_EQ(b.I().registration.window_end, 900);
  b.world.advance_to(899);
  EXPECT_EQ(b.Offer(b.alice, b.world.device_id("alice/phone")), "accepted none R-REG-4");
  // At exactly 900 s from the first entry the window has ended.
  RegistrationBed late(II2021());
  late.world.begin();
  ASSERT_EQ(late.Enter(), "accepted none R-REG-1");
  late.world.advance_to(600);
  ASSERT_EQ(late.Enter(), "accepted none R-REG-2");
  late.world.advance_to(900);
  EXPECT_FALSE(late.I().registration.open);
  EXPECT_EQ(late.Offer(late.alice, late.world.device_id("alice/phone")),
            "rejected expired R-REG-3");
}

TEST(RegistrationRules, WindowEndClosesRegistrationOnTick) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const State s = b.world.state();
  const Policy& p = b.world.policy();
  EXPECT_EQ(next_due(p, s, 0), 900);
  EXPECT_EQ(tick(p, s, 899).events.size(), 0u);
  const TickResult t = tick(p, s, 900);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].event, TickEvent::kRegistrationClosed);
  EXPECT_EQ(t.events[0].rule, "R-REG-3");
  EXPECT_FALSE(t.state.identity(b.id)->registration.open);
}

TEST(RegistrationRules, NothingTentativeWithoutAnOpenWindow) {
  RegistrationBed b(II2021());
  b.world.begin();
  EXPECT_EQ(b.Offer(b.mallory, b.world.device_id("alice/evil")), "rejected expired R-REG-3");
  EXPECT_EQ(b.Verify(123456, By({b.laptop})), "rejected expired R-REG-3");
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  // Open, but nothing offered yet.
  EXPECT_EQ(b.Verify(123456, By({b.laptop})), "rejected expired R-REG-3");
  // After the window a new one may be opened.
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Enter(), "accepted none R-REG-1");
  EXPECT_EQ(b.I().registration.window_end, kHour + 900);
}

TEST(RegistrationRules, DisabledByPolicy) {
  Policy p = II2021();
  p.registration = false;
  RegistrationBed b(p);
  b.world.begin();
  EXPECT_EQ(b.Enter(), "rejected disabled R-REG-1");
}

// --- R-REG-4: one tentative device, offered by anyone ----------------------------------------

TEST(RegistrationRules, OnlyOneTentativeDevice) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId phone = b.world.device_id("alice/phone");
  EXPECT_EQ(b.Offer(b.alice, b.laptop), "rejected exists R-REG-4");
  EXPECT_EQ(b.Offer(b.alice, kNone), "rejected exists R-REG-4");
  EXPECT_EQ(b.Offer(b.alice, phone), "accepted none R-REG-4");
  EXPECT_TRUE(b.I().registration.has_tentative);
  EXPECT_EQ(b.I().registration.device, phone);
  EXPECT_LT(b.I().registration.code, 1000000u);
  EXPECT_FALSE(b.Has(phone));  // tentative is not registered
  EXPECT_EQ(b.Offer(b.mallory, b.world.device_id("alice/evil")), "rejected exists R-REG-4");
  EXPECT_EQ(b.I().registration.device, phone);
}

// --- R-REG-5: the right code adds the device -------------------------------------------------

TEST(RegistrationRules, RightCodeFromAnAuthorizedDeviceAddsTheDevice) {
  RegistrationBed b(II2021());
  b.world.begin();
  b.world.advance_to(kMinute);
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId key = b.world.device_id("alice/key");
  ASSERT_EQ(b.Offer(b.alice, key, DeviceKind::kSecurityKey, Purpose::kRecovery),
            "accepted none R-REG-4");
  EXPECT_EQ(b.Verify(b.RightCode(), Unsigned()), "rejected unauthorized R-REG-5");
  b.world.advance_to(2 * kMinute);
  EXPECT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "accepted none R-REG-5");
  ASSERT_TRUE(b.Has(key));
  const Device& d = *b.I().device(key);
  EXPECT_EQ(d.kind, DeviceKind::kSecurityKey);
  EXPECT_EQ(d.purpose, Purpose::kRecovery);
  EXPECT_EQ(d.key, b.world.device_key(key));
  EXPECT_EQ(d.added_at, 2 * kMinute);
  EXPECT_FALSE(b.I().registration.open);  // registration ends
  EXPECT_TRUE(b.world.holds(b.alice, key));
}

// R-REG-4/R-REG-5 with R-DEV-4: the device is confirmed as it was offered, protection
// included; protection R-DEV-4 forbids for its kind is refused when offered.
TEST(RegistrationRules, TheConfirmedDeviceKeepsTheProtectionItWasOfferedWith) {
  Policy p = II2021();
  p.protection = true;
  RegistrationBed b(p);
  b.world.begin();
  b.world.advance_to(kMinute);
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId phone = b.world.device_id("alice/phone");
  EXPECT_EQ(b.Offer(b.alice, phone, DeviceKind::kPasskey, Purpose::kAuth, true),
            "rejected malformed R-DEV-4");
  EXPECT_FALSE(b.I().registration.has_tentative);
  const DeviceId phrase = b.world.device_id("alice/phrase");
  ASSERT_EQ(b.Offer(b.alice, phrase, DeviceKind::kSeedPhrase, Purpose::kRecovery, true),
            "accepted none R-REG-4");
  EXPECT_TRUE(b.I().registration.protect);
  ASSERT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "accepted none R-REG-5");
  ASSERT_TRUE(b.Has(phrase));
  EXPECT_TRUE(b.I().device(phrase)->is_protected);
  // Offered unprotected, added unprotected.
  b.world.advance_to(kHour);
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId key = b.world.device_id("alice/key");
  ASSERT_EQ(b.Offer(b.alice, key, DeviceKind::kSecurityKey, Purpose::kRecovery),
            "accepted none R-REG-4");
  ASSERT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "accepted none R-REG-5");
  EXPECT_FALSE(b.I().device(key)->is_protected);
  // Without protection in the policy, nothing may be offered protected.
  RegistrationBed none(II2021());
  none.world.begin();
  none.world.advance_to(kMinute);
  ASSERT_EQ(none.Enter(), "accepted none R-REG-1");
  EXPECT_EQ(none.Offer(none.alice, none.world.device_id("alice/phrase"), DeviceKind::kSeedPhrase,
                       Purpose::kRecovery, true),
            "rejected malformed R-DEV-4");
}

TEST(RegistrationRules, ConfirmingRespectsTheDeviceLimits) {
  RegistrationBed b(II2021());
  for (int i = 0; i < 9; ++i) b.Dev("d" + std::to_string(i), DeviceKind::kPasskey, Purpose::kAuth);
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  ASSERT_EQ(b.Offer(b.alice, b.world.device_id("alice/eleventh")), "accepted none R-REG-4");
  EXPECT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "rejected limit R-DEV-2");

  Policy one_phrase = II2021();
  one_phrase.max_seed_phrases = 1;
  RegistrationBed c(one_phrase);
  c.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  c.world.begin();
  ASSERT_EQ(c.Enter(), "accepted none R-REG-1");
  ASSERT_EQ(c.Offer(c.mallory, c.world.device_id("alice/phrase2"), DeviceKind::kSeedPhrase,
                    Purpose::kRecovery),
            "accepted none R-REG-4");
  EXPECT_EQ(c.Verify(c.RightCode(), By({c.laptop})), "rejected limit R-DEV-3");
}

// The tentative device's id names it alone (R-DEV-13): adding that id by another path is
// refused, so the confirmation still adds the device it was offered as.
TEST(RegistrationRules, TheTentativeIdCannotBeRegisteredMeanwhile) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId phone = b.world.device_id("alice/phone");
  ASSERT_EQ(b.Offer(b.alice, phone, DeviceKind::kSecurityKey), "accepted none R-REG-4");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(phone), By({b.laptop})), "rejected exists R-DEV-13");
  EXPECT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "accepted none R-REG-5");
  ASSERT_TRUE(b.Has(phone));
  EXPECT_EQ(b.I().device(phone)->kind, DeviceKind::kSecurityKey);
}

// R-DEV-13: an id a pending replacement or a running recovery names is not offered.
TEST(RegistrationRules, OfferingAnIdAlreadyNamedIsRejected) {
  RegistrationBed b(social());
  b.yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  b.phrase = b.Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
  b.Guardians();
  b.world.begin();
  const DeviceId replacement = b.Fresh("new1"), recovery = b.Fresh("rec1");
  ASSERT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(b.phrase, replacement, DeviceKind::kSeedPhrase, Purpose::kRecovery),
                 By({b.laptop, b.yubikey})),
            "pending none R-DEV-10");
  ASSERT_EQ(b.Do(b.bob, Op::kStartRecovery, Add(recovery), AsGuardian(), b.alice),
            "accepted none R-SOC-4");
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const State before = b.world.state();
  EXPECT_EQ(b.Offer(b.mallory, replacement), "rejected exists R-DEV-13");
  EXPECT_EQ(b.Offer(b.mallory, recovery), "rejected exists R-DEV-13");
  EXPECT_EQ(b.world.state(), before);
  EXPECT_EQ(b.Offer(b.mallory, b.Fresh("tent1")), "accepted none R-REG-4");
}

TEST(RegistrationRules, ConfirmingCannotGrowAnImmutableRecoveryPath) {
  // A researcher's variant: a vault that keeps II's registration flow.
  Policy p = II2021();
  p.immutable_recovery_path = true;
  RegistrationBed b(p);
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  ASSERT_EQ(b.Offer(b.alice, b.world.device_id("alice/cold2"), DeviceKind::kHardwareWallet,
                    Purpose::kRecovery),
            "accepted none R-REG-4");
  const std::string got = b.Verify(b.RightCode(), By({b.laptop}));
  EXPECT_EQ(got, "rejected locked R-DEV-8");
}

TEST(RegistrationRules, ConfirmingIsADeviceChangeRefusedWhileLocked) {
  // A researcher's variant: Argent's guardian lock with II's registration flow.
  Policy p = II2021();
  p.guardians = true;
  p.lock_period = 5 * kDay;
  RegistrationBed b(p);
  b.AddGuardian(b.bob);
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  ASSERT_EQ(b.Offer(b.alice, b.world.device_id("alice/phone")), "accepted none R-REG-4");
  ASSERT_EQ(b.Do(b.bob, Op::kLock, Args{}, SignWith{{}, false, true}), "accepted none R-SOC-9");
  const std::string got = b.Verify(b.RightCode(), By({b.laptop}));
  EXPECT_EQ(got, "rejected locked R-DEV-9");
}

// --- R-REG-6: wrong codes ---------------------------------------------------------------------

TEST(RegistrationRules, WrongCodesCountAndTheThirdEndsRegistration) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId evil = b.world.device_id("alice/evil");
  ASSERT_EQ(b.Offer(b.mallory, evil), "accepted none R-REG-4");
  const uint32_t right = b.RightCode();
  EXPECT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  EXPECT_EQ(b.I().registration.wrong_attempts, 1u);  // the one rejection that changes state
  EXPECT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  EXPECT_EQ(b.I().registration.wrong_attempts, 2u);
  EXPECT_TRUE(b.I().registration.open);
  EXPECT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  EXPECT_FALSE(b.I().registration.open);
  EXPECT_FALSE(b.I().registration.has_tentative);
  // The right code is too late now.
  EXPECT_EQ(b.Verify(right, By({b.laptop})), "rejected expired R-REG-3");
  EXPECT_FALSE(b.Has(evil));
}

TEST(RegistrationRules, TwoWrongCodesThenTheRightOne) {
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  const DeviceId phone = b.world.device_id("alice/phone");
  ASSERT_EQ(b.Offer(b.alice, phone), "accepted none R-REG-4");
  EXPECT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  EXPECT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  EXPECT_EQ(b.Verify(b.RightCode(), By({b.laptop})), "accepted none R-REG-5");
  EXPECT_TRUE(b.Has(phone));
}

TEST(RegistrationRules, WrongCodeOutcomeCarriesTheCountedAttempt) {
  // step.h: a rejected outcome's state equals the input state, except a counted wrong code.
  RegistrationBed b(II2021());
  b.world.begin();
  ASSERT_EQ(b.Enter(), "accepted none R-REG-1");
  ASSERT_EQ(b.Offer(b.mallory, b.world.device_id("alice/evil")), "accepted none R-REG-4");
  const State before = b.world.state();
  ASSERT_EQ(b.Verify(b.WrongCode(), By({b.laptop})), "rejected bad-code R-REG-6");
  const State& after = b.world.state();
  EXPECT_NE(after, before);
  State expected = before;
  expected.identity(b.id)->registration.wrong_attempts = 1;
  EXPECT_EQ(after, expected);  // nothing else changed: no digest remembered
}

}  // namespace
}  // namespace reclaim
