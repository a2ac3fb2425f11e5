// Tests of the social-recovery rules (rules/social.cc, R-SOC-1..9): timelocked guardian
// changes, following, recovery quorum by weight / half / count, the owner's veto (and
// Argent's majority veto counted across requests), the recovery deadline under both
// boundaries, and the Argent guardian lock. Policies are built here as the `social`,
// `argent` and `candide` variant files set them (model/testing.h).
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "model/policy.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy Social() {
  Policy p = social();
  // The timelock variants' protected phrase may leave through the delay; these tests
  // keep protection absolute.
  p.delay_overrides_protection = false;
  return p;
}

Args Guardian(ActorId a, uint32_t weight = 1) {
  Args g;
  g.actor = a;
  g.weight = weight;
  return g;
}
Args Follow(ActorId follower, ActorId followee) {
  Args f;
  f.actor = follower;
  f.actor2 = followee;
  return f;
}
Args Threshold(uint32_t n) {
  Args t;
  t.number = n;
  return t;
}

// Alice (laptop + recovery phrase; in Argent/Candide a single owner key) and guardians bob,
// carol and dave. The recovery's new device is "alice/new".
class Bed {
 public:
  explicit Bed(Policy policy, bool wallet = false) : world(std::move(policy), 9) {
    alice = world.actor("alice");
    mallory = world.actor("mallory");
    bob = world.actor("bob");
    carol = world.actor("carol");
    dave = world.actor("dave");
    erin = world.actor("erin");
    id = world.add_identity("alice", alice);
    if (wallet) {
      laptop = Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
      owner = By({laptop});
    } else {
      laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
      phrase = Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
      owner = By({laptop, phrase});
    }
    fresh = world.device_id("alice/new");
  }
  DeviceId Dev(const std::string& name, DeviceKind kind, Purpose purpose) {
    Result<DeviceId> d = world.add_device(id, "alice/" + name, kind, purpose, false, {});
    if (!d.ok()) {
      ADD_FAILURE() << d.error().str();
      return kNone;
    }
    return *d;
  }
  void Guardians(uint32_t wb = 1, uint32_t wc = 1, uint32_t wd = 1) {
    ASSERT_TRUE(world.add_guardian(id, bob, wb).ok());
    ASSERT_TRUE(world.add_guardian(id, carol, wc).ok());
    ASSERT_TRUE(world.add_guardian(id, dave, wd).ok());
  }
  std::string Do(ActorId actor, Op op, const Args& args, const SignWith& with,
                 ActorId receiver = kNone) {
    Result<const Step*> s = world.submit(actor, id, op, args, with, receiver);
    if (!s.ok()) return "error: " + s.error().str();
    change = (*s)->change;
    return Describe((*s)->verdict, (*s)->reject, (*s)->rule);
  }
  // A guardian starts a recovery to a new passkey for alice.
  std::string Start(ActorId guardian) {
    Args r;
    r.device2 = fresh;
    r.kind = DeviceKind::kPasskey;
    return Do(guardian, Op::kStartRecovery, r, AsGuardian(), alice);
  }
  std::string Approve(ActorId guardian) {
    return Do(guardian, Op::kApproveRecovery, Args{}, AsGuardian());
  }
  const Identity& I() const { return *world.state().identity(id); }
  bool Has(DeviceId d) const { return I().device(d) != nullptr; }
  // Only the recovery's new device is left.
  bool Recovered() const { return I().devices.size() == 1 && Has(fresh); }

  World world;
  ActorId alice = kNone, mallory = kNone, bob = kNone, carol = kNone, dave = kNone, erin = kNone;
  IdentityId id = kNone;
  DeviceId laptop = kNone, phrase = kNone, fresh = kNone;
  SignWith owner;
  uint32_t change = 0;
};

// --- R-SOC-1 --------------------------------------------------------------------------------

TEST(SocialRules, SocialOpsNeedGuardiansInThePolicy) {
  Policy p = Social();
  p.guardians = false;
  Bed b(p);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.bob), b.owner), "rejected disabled R-SOC-1");
  Args r;
  r.device2 = b.fresh;
  EXPECT_EQ(b.Do(b.alice, Op::kStartRecovery, r, b.owner), "rejected disabled R-SOC-1");
  EXPECT_EQ(b.Do(b.alice, Op::kLock, Args{}, b.owner), "rejected disabled R-SOC-1");
}

// --- R-SOC-2: guardian changes ---------------------------------------------------------------

TEST(SocialRules, GuardianAddIsTimelocked) {
  Bed b(Social());
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin, 3), b.owner), "pending none R-SOC-2");
  EXPECT_EQ(b.I().guardian(b.erin), nullptr);
  ASSERT_EQ(b.I().pending.size(), 1u);
  EXPECT_EQ(b.I().pending[0].due_at, kHour + kWeek);
  ASSERT_EQ(b.I().notifications.size(), 1u);
  EXPECT_EQ(b.I().notifications[0].op, Op::kAddGuardian);
  EXPECT_EQ(b.I().notifications[0].change, 1u);
  b.world.advance_to(kHour + kWeek - 1);
  EXPECT_EQ(b.I().guardian(b.erin), nullptr);
  b.world.advance_to(kHour + kWeek);
  ASSERT_NE(b.I().guardian(b.erin), nullptr);
  EXPECT_EQ(b.I().guardian(b.erin)->weight, 3u);
  EXPECT_EQ(b.I().guardian(b.erin)->key, b.world.guardian_key(b.erin));
}

TEST(SocialRules, GuardianAddCancelledByRecoveryDevice) {
  Bed b(Social());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.mallory), b.owner), "pending none R-SOC-2");
  Args c;
  c.number = b.change;
  EXPECT_EQ(b.Do(b.alice, Op::kCancel, c, By({b.phrase})), "accepted none R-TL-8");
  b.world.advance_to(kMonth);
  EXPECT_EQ(b.I().guardian(b.mallory), nullptr);
}

TEST(SocialRules, GuardianChangeArgumentsAndAuthority) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kAddGuardian, Guardian(b.erin), AsGuardian()),
            "rejected unauthorized R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin, 0), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(kNone), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.bob), b.owner), "rejected exists R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, Guardian(b.erin), b.owner),
            "rejected not-found R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(0), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(3), b.owner),
            "pending none R-SOC-2");
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().guardian_threshold, 3u);
}

TEST(SocialRules, AtMostEightGuardians) {
  Bed b(Social());
  b.Guardians();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(b.world.add_guardian(b.id, b.world.actor("g" + std::to_string(i)), 1).ok());
  b.world.begin();
  ASSERT_EQ(b.I().guardians.size(), kMaxGuardians);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "rejected limit R-SOC-2");
}

TEST(SocialRules, RemovingAGuardianResetsItsFollowers) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.carol, b.bob), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, Guardian(b.bob), b.owner), "pending none R-SOC-2");
  EXPECT_NE(b.I().guardian(b.bob), nullptr);
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);
  ASSERT_NE(b.I().guardian(b.carol), nullptr);
  EXPECT_EQ(b.I().guardian(b.carol)->follows, kNone);
}

TEST(SocialRules, CandideGuardianChangesAreImmediate) {
  Bed b(candide(), true);
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "accepted none R-SOC-2");
  EXPECT_NE(b.I().guardian(b.erin), nullptr);
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(2), b.owner),
            "accepted none R-SOC-2");
  EXPECT_EQ(b.I().guardian_threshold, 2u);
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, Guardian(b.bob), b.owner), "accepted none R-SOC-2");
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);
  EXPECT_TRUE(b.I().pending.empty());
}

TEST(SocialRules, ArgentGuardianLockBlocksAddingNotRemoving) {
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  EXPECT_EQ(b.I().locked_until, kHour + 5 * kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "rejected locked R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, Guardian(b.dave), b.owner), "pending none R-SOC-2");
  b.world.advance_to(kHour + 5 * kDay - 1);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "rejected locked R-SOC-2");
  b.world.advance_to(kHour + 5 * kDay);
  EXPECT_EQ(b.I().locked_until, 0);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "pending none R-SOC-2");
}

TEST(SocialRules, ArgentGuardianAdditionConfirmsInsideTheSecurityWindow) {
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "pending none R-SOC-2");
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  // Strictly after the 36 h security period...
  EXPECT_EQ(tick(p, s, 36 * kHour).events.size(), 0u);
  const TickResult in = tick(p, s, 36 * kHour + 1);
  ASSERT_EQ(in.events.size(), 1u);
  EXPECT_EQ(in.events[0].event, TickEvent::kMatured);
  EXPECT_NE(in.state.identity(b.id)->guardian(b.erin), nullptr);
  // ...and never once the window is over.
  const TickResult late = tick(p, s, 48 * kHour + 1);
  ASSERT_EQ(late.events.size(), 1u);
  EXPECT_EQ(late.events[0].event, TickEvent::kLapsed);
  EXPECT_EQ(late.events[0].rule, "R-TL-6");
  EXPECT_EQ(late.state.identity(b.id)->guardian(b.erin), nullptr);
}

TEST(SocialRules, ArgentSecurityWindowEndsBeforeThirtySixPlusTwelveHours) {
  // Argent v2.5: confirmable strictly after 36 h and *before* 36 + 12 h (SecurityManager:
  // `block.timestamp < pending + securityWindow`). At exactly 48 h the addition must have
  // lapsed.
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, Guardian(b.erin), b.owner), "pending none R-SOC-2");
  const TickResult at = tick(b.world.policy(), b.world.state(), 48 * kHour);
  ASSERT_EQ(at.events.size(), 1u);
  EXPECT_EQ(at.events[0].event, TickEvent::kLapsed);
  EXPECT_EQ(at.events[0].rule, "R-TL-6");
}

// --- R-SOC-3: following -----------------------------------------------------------------------

TEST(SocialRules, FollowMovesWeightToTheFollowee) {
  // Threshold 2, three guardians of weight 1. Bob alone is 1; with carol following him, 2.
  Bed with(Social());
  with.Guardians();
  with.world.begin();
  EXPECT_EQ(with.Do(with.carol, Op::kFollow, Follow(with.carol, with.bob), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(with.I().guardian(with.carol)->follows, with.bob);
  ASSERT_EQ(with.Start(with.bob), "accepted none R-SOC-4");
  with.world.advance_to(kWeek);
  EXPECT_TRUE(with.Recovered());
  EXPECT_TRUE(with.world.holds(with.alice, with.fresh));

  Bed without(Social());
  without.Guardians();
  without.world.begin();
  ASSERT_EQ(without.Start(without.bob), "accepted none R-SOC-4");
  without.world.advance_to(kWeek);
  EXPECT_FALSE(without.Recovered());
  EXPECT_TRUE(without.I().recovery.active);
}

TEST(SocialRules, FollowCycleIsRejected) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kFollow, Follow(b.bob, b.bob), AsGuardian()), "rejected cycle R-SOC-3");
  ASSERT_EQ(b.Do(b.bob, Op::kFollow, Follow(b.bob, b.carol), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.carol, b.bob), AsGuardian()),
            "rejected cycle R-SOC-3");
  ASSERT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.carol, b.dave), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(b.Do(b.dave, Op::kFollow, Follow(b.dave, b.bob), AsGuardian()),
            "rejected cycle R-SOC-3");
  EXPECT_EQ(b.I().guardian(b.dave)->follows, kNone);
  // Unfollowing is always allowed.
  EXPECT_EQ(b.Do(b.bob, Op::kFollow, Follow(b.bob, kNone), AsGuardian()), "accepted none R-SOC-3");
  EXPECT_EQ(b.I().guardian(b.bob)->follows, kNone);
}

TEST(SocialRules, FollowNeedsTheFollowersKeyAndAKnownFollowee) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.bob, b.dave), AsGuardian()),
            "rejected unauthorized R-SOC-3");
  EXPECT_EQ(b.Do(b.alice, Op::kFollow, Follow(b.bob, b.dave), b.owner),
            "rejected unauthorized R-SOC-3");
  EXPECT_EQ(b.Do(b.bob, Op::kFollow, Follow(b.bob, b.erin), AsGuardian()),
            "rejected not-found R-SOC-3");

  Bed argent(fixtures::argent(), true);
  argent.Guardians();
  argent.world.begin();
  EXPECT_EQ(argent.Do(argent.bob, Op::kFollow, Follow(argent.bob, argent.carol), AsGuardian()),
            "rejected disabled R-SOC-3");
}

// --- R-SOC-4 / R-SOC-5: starting and approving ----------------------------------------------

TEST(SocialRules, GuardianStartsARecoveryThatCountsAsItsApproval) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  const Recovery& r = b.I().recovery;
  EXPECT_TRUE(r.active);
  EXPECT_EQ(r.new_device, b.fresh);
  EXPECT_EQ(r.new_key, b.world.device_key(b.fresh));
  EXPECT_EQ(r.started_at, kHour);
  EXPECT_EQ(r.due_at, kHour + kWeek);  // the identity's removal delay
  EXPECT_EQ(r.guardians_at_start, 3u);
  ASSERT_EQ(r.approvals.size(), 1u);
  EXPECT_EQ(r.approvals[0], b.bob);
  EXPECT_FALSE(r.owner_started);
  ASSERT_EQ(b.I().notifications.size(), 1u);
  EXPECT_EQ(b.I().notifications[0].op, Op::kStartRecovery);
  EXPECT_EQ(b.I().locked_until, 0);  // no lock period in `social`
  // One at a time.
  EXPECT_EQ(b.Start(b.carol), "rejected exists R-SOC-4");
}

TEST(SocialRules, StartNeedsAGuardianOrAnAllowedOwnerAndAFreshDevice) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  Args r;
  r.device2 = b.fresh;
  EXPECT_EQ(b.Do(b.mallory, Op::kStartRecovery, r, SignWith{}), "rejected unauthorized R-SOC-4");
  Args taken;
  taken.device2 = b.laptop;
  EXPECT_EQ(b.Do(b.bob, Op::kStartRecovery, taken, AsGuardian()), "rejected exists R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kStartRecovery, r, By({b.laptop})), "accepted none R-SOC-4");
  EXPECT_TRUE(b.I().recovery.owner_started);
  EXPECT_TRUE(b.I().recovery.approvals.empty());

  Bed argent(fixtures::argent(), true);  // the owner may not sign a recovery
  argent.Guardians();
  argent.world.begin();
  EXPECT_EQ(argent.Do(argent.alice, Op::kStartRecovery, r, argent.owner),
            "rejected unauthorized R-SOC-4");
}

TEST(SocialRules, ApproveOnceByAGuardianOfARunningRecovery) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Approve(b.carol), "rejected not-found R-SOC-5");
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Approve(b.bob), "rejected exists R-SOC-5");
  EXPECT_EQ(b.Do(b.alice, Op::kApproveRecovery, Args{}, b.owner), "rejected unauthorized R-SOC-5");
  EXPECT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_EQ(b.I().recovery.approvals.size(), 2u);
  EXPECT_EQ(b.Approve(b.carol), "rejected exists R-SOC-5");
  // A non-guardian's key is no guardian signature at all.
  EXPECT_EQ(b.Do(b.mallory, Op::kApproveRecovery, Args{}, AsGuardian()),
            "rejected unauthorized R-REQ-4");
}

TEST(SocialRules, ArgentStartLocksTheWalletUntilTheRecoveryEnds) {
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().locked_until, 48 * kHour + 1);  // strict: the recovery runs until 48 h + 1 s
  Args add;
  add.device2 = b.world.device_id("alice/k");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, add, b.owner), "rejected locked R-DEV-9");
}

TEST(SocialRules, ArgentWalletStaysLockedWhileTheRecoveryRuns) {
  // R-SOC-4: starting a recovery locks the identity "until it ends" (Argent: executing a
  // recovery locks the wallet). Under Argent's strict boundary the recovery is still running
  // at exactly 48 h (it executes only after), so the wallet must still be locked then.
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  b.world.advance_to(48 * kHour);
  ASSERT_TRUE(b.I().recovery.active);
  Args add;
  add.device2 = b.world.device_id("alice/k");
  const std::string got = b.Do(b.alice, Op::kAddDevice, add, b.owner);
  EXPECT_EQ(got, "rejected locked R-DEV-9");
}

// --- R-SOC-6: veto ----------------------------------------------------------------------------

TEST(SocialRules, RecoveryDeviceVetoes) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, By({b.phrase})), "rejected not-found R-SOC-6");
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, By({b.laptop})),
            "rejected unauthorized R-SOC-6");
  EXPECT_EQ(b.Do(b.dave, Op::kVetoRecovery, Args{}, AsGuardian()), "rejected unauthorized R-SOC-6");
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, By({b.phrase})), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
  b.world.advance_to(kMonth);
  EXPECT_FALSE(b.Recovered());
  EXPECT_TRUE(b.Has(b.laptop));
  EXPECT_TRUE(b.Has(b.phrase));
}

TEST(SocialRules, AVetoSignedBeforeTheRecoveryStartedDoesNotEndIt) {
  // The owner's veto, sent while nothing ran, is on the wire; replayed once guardians have
  // started a recovery for her, it is stale, and the recovery goes on to completion.
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, By({b.phrase})), "rejected not-found R-SOC-6");
  const Request early = b.world.steps().back().request;
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  const Step& replayed = b.world.replay(b.mallory, early);
  EXPECT_EQ(Describe(replayed.verdict, replayed.reject, replayed.rule), "rejected stale R-SOC-6");
  EXPECT_TRUE(b.I().recovery.active);
  b.world.advance_to(kMonth);
  EXPECT_TRUE(b.Recovered());
}

TEST(SocialRules, CandideOwnerCancelsWithAnyDevice) {
  Bed b(candide(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
}

TEST(SocialRules, ArgentMajorityVetoCountedAcrossRequests) {
  // n0 = 3 guardians: cancelling needs ceil((3+1)/2) = 2 votes of owner + guardians.
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.I().recovery.vetoes.size(), 1u);
  // The owner's vote counts once, however often it is cast.
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "rejected unauthorized R-SOC-6");
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.Do(b.carol, Op::kVetoRecovery, Args{}, AsGuardian()), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
  EXPECT_EQ(b.I().locked_until, 0);
  b.world.advance_to(kWeek);
  EXPECT_TRUE(b.Has(b.laptop));
}

TEST(SocialRules, ArgentWithOneGuardianTheOwnerAloneCancels) {
  // Argent: with n = 1 the owner alone can cancel (ceil((1+1)/2) = 1).
  Bed b(argent(), true);
  ASSERT_TRUE(b.world.add_guardian(b.id, b.bob, 1).ok());
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
}

// --- R-SOC-7 / R-SOC-8: quorum and completion -----------------------------------------------

TEST(SocialRules, RecoveryQuorumByWeight) {
  Bed b(Social());
  b.Guardians(2, 1, 1);
  b.world.set_guardian_threshold(b.id, 3);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");  // weight 2 of 3
  b.world.advance_to(kWeek);
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_FALSE(b.Recovered());
  // Due and now at quorum: the approval completes it at once.
  b.world.advance_to(kWeek + kHour);
  EXPECT_EQ(b.Approve(b.dave), "accepted none R-SOC-5");
  EXPECT_FALSE(b.I().recovery.active);
  EXPECT_TRUE(b.Recovered());
  EXPECT_EQ(b.I().device(b.fresh)->purpose, Purpose::kRecovery);
  EXPECT_EQ(b.I().device(b.fresh)->added_at, kWeek + kHour);
}

TEST(SocialRules, AFollowThatBringsQuorumToADueRecoveryCompletesIt) {
  // Threshold 2: bob's start is 1; once due, carol following bob makes 2 and completes it at
  // that request, as an approval would (not at some later tick).
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(kWeek + kHour);
  ASSERT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.carol, b.bob), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_FALSE(b.I().recovery.active);
  EXPECT_TRUE(b.Recovered());
  EXPECT_EQ(b.I().device(b.fresh)->added_at, kWeek + kHour);
}

TEST(SocialRules, RecoveryWithQuorumCompletesAtTheDueTickAndClearsTheIdentity) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  b.world.advance_to(kDay);
  Args login;
  login.duration = 30 * kDay;
  ASSERT_EQ(b.Do(b.alice, Op::kLogin, login, By({b.laptop})), "accepted none R-SES-2");
  Args rm;
  rm.device = b.phrase;
  ASSERT_EQ(b.Do(b.alice, Op::kRemoveDevice, rm, b.owner), "pending none R-DEV-10");
  b.world.advance_to(kWeek - kMinute);
  ASSERT_EQ(b.Do(b.alice, Op::kEnterRegistration, Args{}, By({b.laptop})), "accepted none R-REG-1");
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  EXPECT_EQ(tick(p, s, kWeek - 1).events.size(), 0u);
  const TickResult t = tick(p, s, kWeek);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].event, TickEvent::kRecoveryCompleted);
  EXPECT_EQ(t.events[0].rule, "R-SOC-8");
  const Identity& after = *t.state.identity(b.id);
  ASSERT_EQ(after.devices.size(), 1u);
  EXPECT_EQ(after.devices[0].id, b.fresh);
  EXPECT_TRUE(after.pending.empty());
  EXPECT_TRUE(after.sessions.empty());
  EXPECT_FALSE(after.registration.open);
  EXPECT_FALSE(after.recovery.active);
  EXPECT_EQ(after.guardians.size(), 3u);  // guardians stay
}

TEST(SocialRules, ArgentRecoveryNeedsHalfTheGuardiansAndExecutesStrictlyAfter48h) {
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  const Policy& p = b.world.policy();
  {
    // One of three is below ceil(3/2) = 2.
    const TickResult t = tick(p, b.world.state(), 48 * kHour + 1);
    EXPECT_TRUE(t.state.identity(b.id)->recovery.active);
  }
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  const State s = b.world.state();
  EXPECT_EQ(next_due(p, s, 48 * kHour), 48 * kHour + 1);
  const TickResult at = tick(p, s, 48 * kHour);
  EXPECT_TRUE(at.state.identity(b.id)->recovery.active);
  const TickResult after = tick(p, s, 48 * kHour + 1);
  ASSERT_GE(after.events.size(), 1u);
  EXPECT_EQ(after.events[0].event, TickEvent::kRecoveryCompleted);
  EXPECT_EQ(after.events[0].rule, "R-SOC-8");
  EXPECT_EQ(after.state.identity(b.id)->devices.size(), 1u);
  EXPECT_NE(after.state.identity(b.id)->device(b.fresh), nullptr);
  EXPECT_EQ(after.state.identity(b.id)->locked_until, 0);
  // The world's clock agrees.
  b.world.advance_to(48 * kHour);
  EXPECT_TRUE(b.Has(b.laptop));
  b.world.advance_to(48 * kHour + 1);
  EXPECT_TRUE(b.Recovered());
}

TEST(SocialRules, CandideFinalizesAtExactlyThreeDays) {
  Bed b(candide(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  EXPECT_EQ(next_due(p, s, 0), 3 * kDay);
  EXPECT_TRUE(tick(p, s, 3 * kDay - 1).state.identity(b.id)->recovery.active);
  const TickResult at = tick(p, s, 3 * kDay);
  ASSERT_EQ(at.events.size(), 1u);
  EXPECT_EQ(at.events[0].event, TickEvent::kRecoveryCompleted);
  EXPECT_EQ(at.state.identity(b.id)->devices.size(), 1u);
}

TEST(SocialRules, CandideCountsGuardiansAgainstTheOwnersThreshold) {
  Bed b(candide(), true);
  b.Guardians(5, 1, 1);  // weights do not matter for a count
  b.world.set_guardian_threshold(b.id, 2);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(3 * kDay);
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.Approve(b.dave), "accepted none R-SOC-5");
  EXPECT_TRUE(b.Recovered());
}

// --- R-SOC-9: lock ----------------------------------------------------------------------------

TEST(SocialRules, LockIsGuardianOnlyAndEndsAfterTheLockPeriod) {
  Bed b(argent(), true);
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kLock, Args{}, b.owner), "rejected unauthorized R-SOC-9");
  EXPECT_EQ(b.Do(b.alice, Op::kUnlock, Args{}, b.owner), "rejected unauthorized R-SOC-9");
  ASSERT_EQ(b.Do(b.dave, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  EXPECT_EQ(b.I().locked_until, 5 * kDay);
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  EXPECT_EQ(tick(p, s, 5 * kDay - 1).events.size(), 0u);
  const TickResult t = tick(p, s, 5 * kDay);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].event, TickEvent::kUnlocked);
  EXPECT_EQ(t.events[0].rule, "R-SOC-9");
  EXPECT_EQ(t.state.identity(b.id)->locked_until, 0);
  // Any guardian unlocks early.
  EXPECT_EQ(b.Do(b.carol, Op::kUnlock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  EXPECT_EQ(b.I().locked_until, 0);
}

TEST(SocialRules, NoLockWithoutALockPeriod) {
  Bed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "rejected disabled R-SOC-9");
}

}  // namespace
}  // namespace reclaim
