// Tests of the world around the model (world.h): who holds which secret after steal, copy
// and lose; submitting with a secret the actor does not hold is an input error, not an
// outcome; the reactive owner defends a timelocked identity; and a run is a pure function of
// its seed and script.
#include "sim/world.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/policy.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/testing.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy II2021() { return Policy{}; }

// `timelock` as its variant file sets it, with the proposal's override: a protected phrase
// may be removed by another device's request, but only through the delay.
Policy Timelock() { return timelock(); }

Policy Social() {
  Policy p = Timelock();
  p.name = "social";
  p.two_factor = true;
  p.guardians = true;
  p.default_guardian_threshold = 2;
  p.following = true;
  return p;
}

// The stolen-YubiKey cast: alice/laptop, alice/yubikey (auth), alice/phrase (recovery,
// protected where the policy has protection); mallory the thief.
struct Cast : Bed {
  explicit Cast(Policy policy, uint64_t seed = kStandardSeed) : Bed(std::move(policy), seed) {
    Three(/*phrase_protected=*/true);
  }
};

// --- setup and names ----------------------------------------------------------------------------

TEST(WorldTest, SetupNamesAndTheInitialState) {
  Cast c(II2021());
  EXPECT_EQ(c.world.find_actor("alice"), c.alice);
  EXPECT_EQ(c.world.find_actor("nobody"), kNone);
  EXPECT_EQ(c.world.actor("alice"), c.alice);  // find, not create
  EXPECT_EQ(c.world.find_identity("alice"), c.id);
  EXPECT_EQ(c.world.owner_of(c.id), c.alice);
  EXPECT_EQ(c.world.find_device("alice/yubikey"), c.yubikey);
  EXPECT_EQ(c.world.device_name(c.yubikey), "alice/yubikey");
  EXPECT_FALSE(
      c.world.add_device(c.id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {})
          .ok());
  EXPECT_TRUE(c.world.holds(c.alice, c.laptop));
  EXPECT_FALSE(c.world.holds(c.mallory, c.laptop));
  // Protection is only recorded where the policy has it.
  EXPECT_FALSE(c.I().device(c.phrase)->is_protected);
  EXPECT_EQ(c.I().device(c.laptop)->key, c.world.device_key(c.laptop));
  c.world.begin();
  EXPECT_EQ(c.world.initial(), c.world.state());
  EXPECT_TRUE(c.world.steps().empty());
  const Namer n = c.world.namer();
  EXPECT_EQ(dump(c.world.state(), &n),
            "identity alice removal-delay 0s\n"
            "  device alice/laptop passkey auth added 0s\n"
            "  device alice/yubikey security-key auth added 0s\n"
            "  device alice/phrase seed-phrase recovery added 0s\n"
            "  notifications 0\n");
}

// --- compromise events --------------------------------------------------------------------------

TEST(WorldTest, StealRemovesTheOwnersHold) {
  Cast c(II2021());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  EXPECT_TRUE(c.world.holds(c.mallory, c.yubikey));
  EXPECT_FALSE(c.world.holds(c.alice, c.yubikey));
  EXPECT_TRUE(c.world.ever_compromised(c.yubikey));
  EXPECT_FALSE(c.world.ever_compromised(c.laptop));
  ASSERT_EQ(c.world.steps().size(), 1u);
  EXPECT_EQ(c.world.steps()[0].kind, Step::Kind::kEvent);
  EXPECT_EQ(c.world.steps()[0].event, EventKind::kSteal);
  EXPECT_EQ(c.world.steps()[0].knowledge, c.world.knowledge());
  // The owner can no longer sign with it.
  EXPECT_EQ(c.Do(c.alice, Op::kRemoveDevice, On(c.laptop), By({c.yubikey})),
            "error: alice does not hold alice/yubikey");
}

TEST(WorldTest, CopyKeepsBothHolders) {
  Cast c(II2021());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kCopy, c.mallory, c.id, c.phrase).ok());
  EXPECT_TRUE(c.world.holds(c.mallory, c.phrase));
  EXPECT_TRUE(c.world.holds(c.alice, c.phrase));
  EXPECT_TRUE(c.world.ever_compromised(c.phrase));
  // A phished phrase is a full authenticator.
  Args add;
  add.device2 = c.world.device_id("alice/evil");
  EXPECT_EQ(c.Do(c.mallory, Op::kAddDevice, add, By({c.phrase})), "accepted none R-DEV-11");
  EXPECT_TRUE(c.world.holds(c.mallory, add.device2));
  EXPECT_FALSE(c.world.holds(c.alice, add.device2));
  EXPECT_TRUE(c.world.ever_compromised(add.device2));
}

TEST(WorldTest, LoseDropsOnlyThatActorsHold) {
  Cast c(II2021());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kCopy, c.mallory, c.id, c.laptop).ok());
  ASSERT_TRUE(c.world.event(EventKind::kLose, c.alice, c.id, c.laptop).ok());
  EXPECT_FALSE(c.world.holds(c.alice, c.laptop));
  EXPECT_TRUE(c.world.holds(c.mallory, c.laptop));
}

TEST(WorldTest, ColludingGuardianIsRecorded) {
  Cast c(Social());
  c.AddGuardian(c.bob);
  c.world.begin();
  EXPECT_EQ(c.world.knowledge().colluding[c.bob], 0u);
  ASSERT_TRUE(c.world.event(EventKind::kCollude, c.bob, c.id, kNone).ok());
  EXPECT_EQ(c.world.knowledge().colluding[c.bob], 1u);
}

// --- input errors
// ---------------------------------------------------------------------------------

TEST(WorldTest, SubmittingWithAnUnheldSecretIsAnErrorNotAnOutcome) {
  Cast c(II2021());
  c.world.begin();
  const State before = c.world.state();
  Result<const Step*> s =
      c.world.submit(c.mallory, c.id, Op::kRemoveDevice, On(c.phrase), By({c.laptop}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().str(), "mallory does not hold alice/laptop");
  EXPECT_TRUE(c.world.steps().empty());  // nothing recorded
  EXPECT_EQ(c.world.state(), before);
  EXPECT_FALSE(c.world.submit(c.alice, 99, Op::kLogin, Args{}, By({c.laptop})).ok());
  EXPECT_FALSE(c.world.submit(42, c.id, Op::kLogin, Args{}, By({c.laptop})).ok());
  EXPECT_FALSE(c.world.submit(c.alice, c.id, Op::kLogin, Args{}, SignWith{{}, true, false}).ok());
  EXPECT_TRUE(c.world.steps().empty());
  // Holding it makes the same request an ordinary outcome.
  EXPECT_EQ(c.Do(c.alice, Op::kRemoveDevice, On(c.phrase), By({c.laptop})),
            "accepted none R-DEV-11");
}

// The co-signing rule: a guardian's key signs for itself, for the owner while the guardian
// is honest, and for anyone but the owner once it colludes; the rest is an input error.
TEST(WorldTest, GuardiansCoSignUnderTheCoSigningRule) {
  Bed b(argent());
  const DeviceId phone = b.Dev("phone", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId mkey = b.Fresh("mkey");
  const DeviceId tablet = b.Fresh("tablet");
  b.AddGuardian(b.bob);
  b.AddGuardian(b.carol);
  b.world.begin();
  auto with = [](std::initializer_list<DeviceId> devices, std::vector<ActorId> guardians) {
    SignWith w = By(devices);
    w.cosigners = std::move(guardians);
    return w;
  };
  // The owner with one honest guardian: ceil(2/2) = 1 co-signature, after the device.
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, Add(tablet), with({phone}, {b.bob})),
            "accepted none R-DEV-11");
  const Request& r = b.world.steps().back().request;
  ASSERT_EQ(r.signers.size(), 2u);
  EXPECT_EQ(r.signers[0].kind, SignerKind::kDevice);
  EXPECT_EQ(r.signers[1].kind, SignerKind::kGuardian);
  EXPECT_EQ(r.signers[1].id, b.bob);
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(tablet), By({phone})),
            "rejected threshold R-DEV-12");
  // A thief with the owner's key cannot obtain an honest guardian's signature.
  ASSERT_TRUE(b.world.event(EventKind::kSteal, b.mallory, b.id, phone).ok());
  const std::size_t steps = b.world.steps().size();
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice, Add(mkey), with({phone}, {b.carol})),
            "error: alice/carol does not co-sign for mallory (an honest guardian co-signs only "
            "the owner's requests)");
  EXPECT_EQ(b.world.steps().size(), steps);  // nothing recorded
  // A guardian signs for itself (the protocol judges the request: no owner device here).
  EXPECT_EQ(b.Do(b.carol, Op::kAddDevice, Add(mkey), with({}, {b.carol})),
            "rejected unauthorized R-DEV-1");
  // Once carol colludes she signs for the thief, and no longer for the owner.
  ASSERT_TRUE(b.world.event(EventKind::kCollude, b.carol, b.id, kNone).ok());
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(tablet), with({tablet}, {b.carol})),
            "error: alice/carol does not co-sign for alice (a colluding guardian acts for the "
            "attacker, not the owner)");
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice, Add(mkey), with({phone}, {b.carol})),
            "accepted none R-DEV-11");
  EXPECT_TRUE(b.world.holds(b.mallory, mkey));
}

TEST(WorldTest, ReplayOfASeenRequestIsRejected) {
  Cast c(II2021());
  c.world.begin();
  Result<const Step*> s = c.world.submit(c.alice, c.id, Op::kLogin, Args{}, By({c.laptop}));
  ASSERT_TRUE(s.ok());
  const Request seen = (*s)->request;
  c.world.advance_to(kMinute);
  const Step& again = c.world.replay(c.mallory, seen);
  EXPECT_EQ(Describe(again), "rejected replay R-REQ-3");
  EXPECT_EQ(again.actor, c.mallory);
}

// --- control and lockout -------------------------------------------------------------------------

TEST(WorldTest, ThiefLocksTheOwnerOutInII2021) {
  Cast c(II2021());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  EXPECT_TRUE(c.world.in_control(c.id, c.alice));
  EXPECT_TRUE(c.world.in_control(c.id, c.mallory));
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.phrase), By({c.yubikey})),
            "accepted none R-DEV-11");
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.laptop), By({c.yubikey})),
            "accepted none R-DEV-11");
  EXPECT_FALSE(c.world.in_control(c.id, c.alice));
  EXPECT_TRUE(c.world.locked_out(c.id));
  EXPECT_TRUE(c.world.in_control(c.id, c.mallory));
}

// --- the reactive owner --------------------------------------------------------------------------

TEST(WorldTest, ReactiveOwnerCancelsAThiefsPendingPhraseRemoval) {
  Cast c(Timelock());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  c.world.advance_to(kHour);
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.phrase), By({c.yubikey})),
            "pending none R-DEV-10");
  const std::size_t before = c.world.steps().size();
  c.world.advance_to(kHour + kDay - 1);
  EXPECT_EQ(c.world.steps().size(), before);  // at exactly ρ after the notification, not sooner
  EXPECT_EQ(c.I().pending.size(), 1u);
  c.world.advance_to(8 * kDay);

  std::vector<std::string> reactions;
  for (const Step& s : c.world.steps())
    if (s.kind == Step::Kind::kRequest && s.actor == c.alice)
      reactions.push_back(std::to_string(s.time) + " " + std::string(op_name(s.request.op)) + " " +
                          Describe(s));
  const std::string t = std::to_string(kHour + kDay);
  EXPECT_EQ(reactions, (std::vector<std::string>{t + " cancel accepted none R-TL-8",
                                                 t + " remove-device accepted none R-DEV-11"}));
  EXPECT_TRUE(c.Has(c.phrase));    // the recovery phrase survived
  EXPECT_FALSE(c.Has(c.yubikey));  // the stolen device is gone
  EXPECT_TRUE(c.I().pending.empty());
  EXPECT_TRUE(c.world.in_control(c.id, c.alice));
  EXPECT_FALSE(c.world.in_control(c.id, c.mallory));
  EXPECT_FALSE(c.world.locked_out(c.id));
}

TEST(WorldTest, ReactiveOwnerDefeatsTheStolenYubikeyScenario) {
  // The stolen-yubikey scenario: the thief also adds her own key an hour later.
  Cast c(Timelock());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  c.world.advance_to(kHour);
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.phrase), By({c.yubikey})),
            "pending none R-DEV-10");
  c.world.advance_to(2 * kHour);
  Args add;
  add.device2 = c.world.device_id("alice/evil");
  add.kind = DeviceKind::kSecurityKey;
  ASSERT_EQ(c.Do(c.mallory, Op::kAddDevice, add, By({c.yubikey})), "accepted none R-DEV-11");
  c.world.advance_to(8 * kDay);
  EXPECT_TRUE(c.Has(c.phrase));
  EXPECT_FALSE(c.Has(c.yubikey));
  EXPECT_FALSE(c.Has(add.device2));
  EXPECT_TRUE(c.world.in_control(c.id, c.alice));
  EXPECT_FALSE(c.world.in_control(c.id, c.mallory));
}

TEST(WorldTest, EveryRequestOfTheReactiveOwnerIsMarkedReactive) {
  // Two notifications fall due at the same instant (the thief's pending removal and her new
  // key): the owner's reaction to the first nests the reaction to the second. Each request the
  // strategy made must carry `reactive` (trace/write.cc leaves exactly those out of a written
  // scenario, since replaying it runs the strategy again).
  Cast c(Timelock());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  c.world.advance_to(kHour);
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.phrase), By({c.yubikey})),
            "pending none R-DEV-10");
  Args add;
  add.device2 = c.world.device_id("alice/evil");
  add.kind = DeviceKind::kSecurityKey;
  ASSERT_EQ(c.Do(c.mallory, Op::kAddDevice, add, By({c.yubikey})), "accepted none R-DEV-11");
  c.world.advance_to(8 * kDay);
  std::string unmarked;
  int owner_requests = 0;
  for (const Step& s : c.world.steps()) {
    if (s.kind != Step::Kind::kRequest || s.actor != c.alice) continue;
    ++owner_requests;
    if (!s.reactive) unmarked += " " + std::string(op_name(s.request.op));
  }
  EXPECT_GE(owner_requests, 3);
  EXPECT_TRUE(unmarked.empty());
}

TEST(WorldTest, ReactiveOwnerIsNotBlindedByANotificationFlood) {
  // RECLAIM: an uncompromised recovery device of a reactive owner (ρ = 1 d < delay 1 w) is
  // never removed, whatever else the attacker holds. Here the thief holds one auth device,
  // asks for the phrase's removal, then sends 16 logins (each notified) within ρ.
  Cast c(Timelock());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.yubikey).ok());
  c.world.advance_to(kHour);
  ASSERT_EQ(c.Do(c.mallory, Op::kRemoveDevice, On(c.phrase), By({c.yubikey})),
            "pending none R-DEV-10");
  for (std::size_t i = 0; i < kMaxNotifications; ++i)
    ASSERT_EQ(c.Do(c.mallory, Op::kLogin, Args{}, By({c.yubikey})), "accepted none R-SES-2");
  c.world.advance_to(8 * kDay);
  EXPECT_FALSE(c.Has(c.yubikey));
  EXPECT_TRUE(c.Has(c.phrase));
  EXPECT_TRUE(c.I().pending.empty());
}

TEST(WorldTest, OwnerDoesNotReactToItsOwnRequests) {
  Cast c(Timelock());
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kHour).ok());
  ASSERT_EQ(c.Do(c.alice, Op::kRemoveDevice, On(c.phrase), By({c.laptop})),
            "pending none R-DEV-10");
  const std::size_t steps = c.world.steps().size();
  c.world.advance_to(kWeek);
  EXPECT_FALSE(c.Has(c.phrase));
  for (std::size_t i = steps; i < c.world.steps().size(); ++i)
    EXPECT_NE(c.world.steps()[i].kind, Step::Kind::kRequest) << i;
}

// A reaction window of 0 would answer in the request's own instant, before any other step;
// no engine models that, so the World refuses it and records nothing.
TEST(WorldTest, AReactionWindowMustBePositive) {
  Cast c(Timelock());
  c.world.begin();
  const std::size_t steps = c.world.steps().size();
  EXPECT_FALSE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, 0).ok());
  EXPECT_FALSE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, -1).ok());
  EXPECT_EQ(c.world.steps().size(), steps);
  EXPECT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, 1).ok());
  EXPECT_EQ(c.world.steps().size(), steps + 1);
}

TEST(WorldTest, ReactiveOwnerVetoesARecoveryItDidNotStart) {
  Cast c(Social());
  c.AddGuardian(c.bob);
  c.AddGuardian(c.carol);
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  ASSERT_TRUE(c.world.event(EventKind::kCollude, c.bob, c.id, kNone).ok());
  ASSERT_TRUE(c.world.event(EventKind::kCollude, c.carol, c.id, kNone).ok());
  Args r;
  r.device2 = c.world.device_id("alice/mallory-new");
  ASSERT_EQ(c.Do(c.bob, Op::kStartRecovery, r, SignWith{{}, false, true}, c.mallory),
            "accepted none R-SOC-4");
  ASSERT_EQ(c.Do(c.carol, Op::kApproveRecovery, Args{}, SignWith{{}, false, true}),
            "accepted none R-SOC-5");
  c.world.advance_to(2 * kWeek);
  EXPECT_FALSE(c.I().recovery.active);
  EXPECT_TRUE(c.Has(c.laptop));
  EXPECT_FALSE(c.Has(r.device2));
  EXPECT_TRUE(c.world.in_control(c.id, c.alice));
}

// An answer the reactive owner cannot give (a veto with her only recovery device stolen)
// holds no deadline back: her removal of the stolen phrase takes effect when it falls due,
// not at the next moment something else happens.
TEST(WorldTest, ClockKeepsDeadlinesWhileAnAnswerWaits) {
  Cast c(Social());
  c.AddGuardian(c.bob);
  c.AddGuardian(c.carol);
  c.world.begin();
  ASSERT_TRUE(c.world.event(EventKind::kReacts, c.alice, c.id, kNone, kDay).ok());
  Args r;
  r.device2 = c.world.device_id("alice/rec1");
  ASSERT_EQ(c.Do(c.bob, Op::kStartRecovery, r, SignWith{{}, false, true}, c.alice),
            "accepted none R-SOC-4");
  ASSERT_TRUE(c.world.event(EventKind::kSteal, c.mallory, c.id, c.phrase).ok());
  c.world.advance_to(9 * kDay);
  Time removed = kNever;
  for (const Step& s : c.world.steps())
    for (const Matured& m : s.matured)
      if (m.event == TickEvent::kMatured && m.change.op == Op::kRemoveDevice) removed = s.time;
  EXPECT_EQ(removed, kDay + kWeek);  // her removal at 1d, due a week later
  EXPECT_FALSE(c.Has(c.phrase));
}

// Where guardians co-sign device changes (Argent), the reactive owner's removals carry her
// honest guardians' co-signatures, up to the quorum; a colluding one is never asked.
TEST(WorldTest, ReactiveOwnerHasHerHonestGuardiansCoSignRemovals) {
  Bed b(argent());
  const DeviceId phone = b.Dev("phone", DeviceKind::kPasskey, Purpose::kAuth);
  const DeviceId mkey = b.Fresh("mkey");
  b.AddGuardian(b.carol);
  b.AddGuardian(b.bob);
  b.world.begin();
  ASSERT_TRUE(b.world.event(EventKind::kReacts, b.alice, b.id, kNone, kDay).ok());
  ASSERT_TRUE(b.world.event(EventKind::kCopy, b.mallory, b.id, phone).ok());
  ASSERT_TRUE(b.world.event(EventKind::kCollude, b.carol, b.id, kNone).ok());
  SignWith with = By({phone});
  with.cosigners = {b.carol};
  ASSERT_EQ(b.Do(b.mallory, Op::kAddDevice, Add(mkey), with), "accepted none R-DEV-11");
  b.world.advance_to(2 * kDay);
  EXPECT_FALSE(b.Has(mkey));
  std::size_t removals = 0;
  for (const Step& s : b.world.steps()) {
    if (!s.reactive || s.request.op != Op::kRemoveDevice) continue;
    ++removals;
    EXPECT_EQ(Describe(s), "accepted none R-DEV-11");
    ASSERT_EQ(s.request.signers.size(), 2u);
    EXPECT_EQ(s.request.signers[1].kind, SignerKind::kGuardian);
    EXPECT_EQ(s.request.signers[1].id, b.bob);  // the honest one, not carol
  }
  EXPECT_GE(removals, 1u);
}

// --- determinism
// ------------------------------------------------------------------------------------

// A fixed script on the cast, with bob a guardian of weight 2: compromise, attack,
// registration, a recovery, a reactive owner.
void Script(Cast& c) {
  c.AddGuardian(c.bob, 2);
  c.world.begin();
  World& w = c.world;
  const ActorId alice = c.alice, mallory = c.mallory, bob = c.bob;
  const IdentityId id = c.id;
  const DeviceId laptop = c.laptop, yubikey = c.yubikey, phrase = c.phrase;
  auto submit = [&](ActorId a, Op op, Args args, SignWith with) {
    EXPECT_TRUE(w.submit(a, id, op, args, with).ok());
  };
  EXPECT_TRUE(w.event(EventKind::kReacts, alice, id, kNone, kDay).ok());
  submit(alice, Op::kLogin, Args{}, By({laptop}));
  EXPECT_TRUE(w.event(EventKind::kCopy, mallory, id, yubikey).ok());
  EXPECT_TRUE(w.event(EventKind::kCopy, mallory, id, laptop).ok());
  w.advance_to(kHour);
  submit(mallory, Op::kRemoveDevice, On(phrase), By({yubikey}));          // two-factor
  submit(mallory, Op::kRemoveDevice, On(phrase), By({yubikey, laptop}));  // pending
  Args add;
  add.device2 = w.device_id("alice/evil");
  add.kind = DeviceKind::kHardwareWallet;
  submit(mallory, Op::kAddDevice, add, By({yubikey, laptop}));
  submit(alice, Op::kEnterRegistration, Args{}, By({laptop}));
  Args offer;
  offer.device2 = w.device_id("alice/phone");
  submit(alice, Op::kAddTentative, offer, SignWith{});
  Args code;
  code.code = w.state().identity(id)->registration.code;
  submit(alice, Op::kVerifyTentative, code, By({laptop, phrase}));
  Args start;
  start.device2 = w.device_id("alice/new");
  submit(bob, Op::kStartRecovery, start, SignWith{{}, false, true});
  w.advance_to(3 * kWeek);
}

void ExpectSameSteps(const World& a, const World& b, bool same_keys) {
  ASSERT_EQ(a.steps().size(), b.steps().size());
  for (std::size_t i = 0; i < a.steps().size(); ++i) {
    const Step& x = a.steps()[i];
    const Step& y = b.steps()[i];
    SCOPED_TRACE("step " + std::to_string(i));
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.time, y.time);
    EXPECT_EQ(x.actor, y.actor);
    EXPECT_EQ(x.reactive, y.reactive);
    EXPECT_EQ(Describe(x), Describe(y));
    EXPECT_EQ(x.change, y.change);
    EXPECT_EQ(x.request.op, y.request.op);
    EXPECT_EQ(x.request.nonce, y.request.nonce);
    EXPECT_EQ(x.matured.size(), y.matured.size());
    EXPECT_EQ(x.knowledge, y.knowledge);
    if (same_keys) {
      EXPECT_EQ(x.request, y.request);
      EXPECT_EQ(x.before, y.before);
      EXPECT_EQ(x.after, y.after);
      EXPECT_EQ(hash(x.after), hash(y.after));
    }
  }
}

// --- branching a run (graph/) -------------------------------------------------------------------

TEST(WorldTest, ForgettingStepsKeepsTheCountAndTheFuture) {
  Cast a(Timelock()), b(Timelock());
  for (Cast* c : {&a, &b}) {
    c->world.begin();
    ASSERT_TRUE(c->world.event(EventKind::kReacts, c->alice, c->id, kNone, kDay).ok());
    ASSERT_TRUE(c->world.event(EventKind::kSteal, c->mallory, c->id, c->yubikey).ok());
  }
  b.world.forget_steps();
  EXPECT_EQ(b.world.steps().size(), 0u);
  EXPECT_EQ(b.world.steps_forgotten(), 2u);
  for (Cast* c : {&a, &b}) {
    ASSERT_EQ(c->Do(c->mallory, Op::kRemoveDevice, On(c->phrase), By({c->yubikey})),
              "pending none R-DEV-10");
    c->world.advance_to(8 * kDay);
  }
  EXPECT_EQ(b.world.step_count(), a.world.steps().size());
  EXPECT_EQ(b.world.state(), a.world.state());  // the reactive owner answered alike
  EXPECT_EQ(b.world.future_hash(), a.world.future_hash());
}

TEST(WorldTest, FutureHashLeavesOutTheNonceCounterAndThePast) {
  // A rejected request changes nothing but the nonce counter: the same future.
  Cast a(Timelock()), b(Timelock());
  a.world.begin();
  b.world.begin();
  EXPECT_EQ(a.world.future_hash(), b.world.future_hash());
  ASSERT_TRUE(b.world.event(EventKind::kCopy, b.mallory, b.id, b.laptop).ok());
  ASSERT_TRUE(a.world.event(EventKind::kCopy, a.mallory, a.id, a.laptop).ok());
  ASSERT_EQ(b.Do(b.mallory, Op::kRemoveDevice, On(99), By({b.laptop})).rfind("rejected", 0), 0u);
  EXPECT_EQ(a.world.future_hash(), b.world.future_hash());
  // What the future depends on is seen: the clock, who holds what, an accepted request.
  Cast c(Timelock());
  c.world.begin();
  EXPECT_NE(c.world.future_hash(), a.world.future_hash());  // mallory holds no laptop
  c.world.advance_to(kHour);
  ASSERT_TRUE(c.world.event(EventKind::kCopy, c.mallory, c.id, c.laptop).ok());
  EXPECT_NE(c.world.future_hash(), a.world.future_hash());  // a later clock
  ASSERT_EQ(a.Do(a.mallory, Op::kLogin, {}, By({a.laptop})), "accepted none R-SES-2");
  EXPECT_NE(a.world.future_hash(), b.world.future_hash());
  EXPECT_TRUE(a.world.holds_session(a.mallory, a.id));
  EXPECT_FALSE(a.world.holds_session(a.alice, a.id));
}

TEST(WorldTest, FutureHashSeesNotificationsTheOwnerHasNotAnsweredYet) {
  // Two worlds with equal states; in one the owner reacts and has a notification to answer.
  Cast a(Timelock()), b(Timelock());
  for (Cast* c : {&a, &b}) {
    c->world.begin();
    ASSERT_TRUE(c->world.event(EventKind::kCopy, c->mallory, c->id, c->yubikey).ok());
  }
  ASSERT_TRUE(a.world.event(EventKind::kReacts, a.alice, a.id, kNone, kDay).ok());
  ASSERT_TRUE(b.world.event(EventKind::kReacts, b.alice, b.id, kNone, kDay).ok());
  EXPECT_EQ(a.world.future_hash(), b.world.future_hash());
  ASSERT_EQ(a.Do(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey})),
            "pending none R-DEV-10");
  EXPECT_EQ(a.world.next_reaction(), kDay);
  EXPECT_EQ(b.world.next_reaction(), kNever);
  const uint64_t waiting = a.world.future_hash();
  a.world.advance_to(kDay);  // answered: cancelled, and the YubiKey removed
  EXPECT_EQ(a.world.next_reaction(), kNever);
  EXPECT_NE(a.world.future_hash(), waiting);
}

TEST(WorldTest, SameSeedAndScriptGiveIdenticalRuns) {
  Cast ca(Social(), 77), cb(Social(), 77);
  Script(ca);
  Script(cb);
  const World &a = ca.world, &b = cb.world;
  ASSERT_GT(a.steps().size(), 10u);
  ExpectSameSteps(a, b, true);
  EXPECT_EQ(a.state(), b.state());
  EXPECT_EQ(hash(a.state()), hash(b.state()));
}

TEST(WorldTest, DifferentRunSeedsGiveDifferentKeysButIdenticalVerdicts) {
  Cast ca(Social(), 77), cb(Social(), 78);
  Script(ca);
  Script(cb);
  const World &a = ca.world, &b = cb.world;
  EXPECT_NE(a.device_key(1), b.device_key(1));
  EXPECT_NE(a.guardian_key(3), b.guardian_key(3));
  EXPECT_NE(a.session_key(1, 1), b.session_key(1, 1));
  ExpectSameSteps(a, b, false);
  EXPECT_NE(hash(a.state()), hash(b.state()));  // the keys are part of the state
  const Namer na = a.namer(), nb = b.namer();
  EXPECT_EQ(dump(a.state(), &na), dump(b.state(), &nb));  // the dump shows no keys
}

}  // namespace
}  // namespace reclaim
