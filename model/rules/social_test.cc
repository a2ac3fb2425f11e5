// Tests of the social-recovery rules (rules/social.cc, R-SOC-1..15): timelocked guardian
// changes, following, recovery quorum by weight / half / count, the owner's veto (and
// Argent's majority veto counted across requests), the recovery deadline under both
// boundaries and both clocks, Argent's guardian and recovery locks, Candide's bounded
// threshold and replacement. Policies mirror the `social`, `argent` and `candide` variants
// (model/testing.h).
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

Policy Social() { return absolute_protection(social()); }

// Alice (laptop + recovery phrase; in Argent/Candide a single owner key, "alice/owner") whose
// guardians, when asked for, are bob, carol and dave. The recovery's new device is
// "alice/new".
class SocialBed : public Bed {
 public:
  explicit SocialBed(Policy policy, bool wallet = false) : Bed(std::move(policy)) {
    if (wallet) {
      laptop = Dev("owner", DeviceKind::kHardwareWallet, Purpose::kAuth);
      owner = By({laptop});
    } else {
      laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
      phrase = Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
      owner = By({laptop, phrase});
    }
    fresh = Fresh("new");
  }
  // A guardian starts a recovery to a new passkey for alice.
  std::string Start(ActorId guardian) {
    return Do(guardian, Op::kStartRecovery, Add(fresh), AsGuardian(), alice);
  }
  std::string Approve(ActorId guardian) {
    return Do(guardian, Op::kApproveRecovery, Args{}, AsGuardian());
  }
  // Only the recovery's new device is left.
  bool Recovered() const { return I().devices.size() == 1 && Has(fresh); }

  DeviceId fresh = kNone;
  SignWith owner;  // the owner's own signature: every device she has
};

// --- R-SOC-1 --------------------------------------------------------------------------------

TEST(SocialRules, SocialOpsNeedGuardiansInThePolicy) {
  Policy p = Social();
  p.guardians = false;
  SocialBed b(p);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.bob), b.owner),
            "rejected disabled R-SOC-1");
  Args r;
  r.device2 = b.fresh;
  EXPECT_EQ(b.Do(b.alice, Op::kStartRecovery, r, b.owner), "rejected disabled R-SOC-1");
  EXPECT_EQ(b.Do(b.alice, Op::kLock, Args{}, b.owner), "rejected disabled R-SOC-1");
}

// --- R-SOC-2: guardian changes ---------------------------------------------------------------

TEST(SocialRules, GuardianAddIsTimelocked) {
  SocialBed b(Social());
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin, 3), b.owner),
            "pending none R-SOC-2");
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
  SocialBed b(Social());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.mallory), b.owner),
            "pending none R-SOC-2");
  Args c;
  c.number = b.change;
  EXPECT_EQ(b.Do(b.alice, Op::kCancel, c, By({b.phrase})), "accepted none R-TL-8");
  b.world.advance_to(kMonth);
  EXPECT_EQ(b.I().guardian(b.mallory), nullptr);
}

TEST(SocialRules, GuardianChangeArgumentsAndAuthority) {
  SocialBed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kAddGuardian, GuardianArgs(b.erin), AsGuardian()),
            "rejected unauthorized R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin, 0), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(kNone), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.bob), b.owner),
            "rejected exists R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.erin), b.owner),
            "rejected not-found R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(0), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(3), b.owner),
            "pending none R-SOC-2");
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().guardian_threshold, 3u);
}

TEST(SocialRules, AtMostEightGuardians) {
  SocialBed b(Social());
  b.Guardians();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(b.world.add_guardian(b.id, b.world.actor("g" + std::to_string(i)), 1).ok());
  b.world.begin();
  ASSERT_EQ(b.I().guardians.size(), kMaxGuardians);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner),
            "rejected limit R-SOC-2");
}

TEST(SocialRules, RemovingAGuardianResetsItsFollowers) {
  SocialBed b(Social());
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.carol, b.bob), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.bob), b.owner),
            "pending none R-SOC-2");
  EXPECT_NE(b.I().guardian(b.bob), nullptr);
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);
  ASSERT_NE(b.I().guardian(b.carol), nullptr);
  EXPECT_EQ(b.I().guardian(b.carol)->follows, kNone);
}

TEST(SocialRules, CandideGuardianChangesAreImmediate) {
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner),
            "accepted none R-SOC-2");
  EXPECT_NE(b.I().guardian(b.erin), nullptr);
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(2), b.owner),
            "accepted none R-SOC-2");
  EXPECT_EQ(b.I().guardian_threshold, 2u);
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.bob), b.owner),
            "accepted none R-SOC-2");
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);
  EXPECT_TRUE(b.I().pending.empty());
}

TEST(SocialRules, ArgentGuardianLockBlocksAddingNotRemoving) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  EXPECT_EQ(b.I().locked_until, kHour + 5 * kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner),
            "rejected locked R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.dave), b.owner),
            "pending none R-SOC-2");
  b.world.advance_to(kHour + 5 * kDay - 1);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner),
            "rejected locked R-SOC-2");
  b.world.advance_to(kHour + 5 * kDay);
  EXPECT_EQ(b.I().locked_until, 0);
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner), "pending none R-SOC-2");
}

TEST(SocialRules, ArgentGuardianAdditionConfirmsInsideTheSecurityWindow) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner), "pending none R-SOC-2");
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
  // Argent v2.5: confirmable strictly after 36 h and *before* 36 + 12 h
  // (SecurityManager: `block.timestamp < pending + securityWindow`). At exactly 48 h the
  // addition must have lapsed.
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner), "pending none R-SOC-2");
  const TickResult at = tick(b.world.policy(), b.world.state(), 48 * kHour);
  ASSERT_EQ(at.events.size(), 1u);
  EXPECT_EQ(at.events[0].event, TickEvent::kLapsed);
  EXPECT_EQ(at.events[0].rule, "R-TL-6");
}

// --- R-SOC-3: following -----------------------------------------------------------------------

TEST(SocialRules, FollowMovesWeightToTheFollowee) {
  // Threshold 2, three guardians of weight 1. Bob alone is 1; with carol following him, 2.
  SocialBed with(Social());
  with.Guardians();
  with.world.begin();
  EXPECT_EQ(with.Do(with.carol, Op::kFollow, Follow(with.carol, with.bob), AsGuardian()),
            "accepted none R-SOC-3");
  EXPECT_EQ(with.I().guardian(with.carol)->follows, with.bob);
  ASSERT_EQ(with.Start(with.bob), "accepted none R-SOC-4");
  with.world.advance_to(kWeek);
  EXPECT_TRUE(with.Recovered());
  EXPECT_TRUE(with.world.holds(with.alice, with.fresh));

  SocialBed without(Social());
  without.Guardians();
  without.world.begin();
  ASSERT_EQ(without.Start(without.bob), "accepted none R-SOC-4");
  without.world.advance_to(kWeek);
  EXPECT_FALSE(without.Recovered());
  EXPECT_TRUE(without.I().recovery.active);
}

TEST(SocialRules, FollowCycleIsRejected) {
  SocialBed b(Social());
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
  SocialBed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.carol, Op::kFollow, Follow(b.bob, b.dave), AsGuardian()),
            "rejected unauthorized R-SOC-3");
  EXPECT_EQ(b.Do(b.alice, Op::kFollow, Follow(b.bob, b.dave), b.owner),
            "rejected unauthorized R-SOC-3");
  EXPECT_EQ(b.Do(b.bob, Op::kFollow, Follow(b.bob, b.erin), AsGuardian()),
            "rejected not-found R-SOC-3");

  SocialBed argent(fixtures::argent(), true);
  argent.Guardians();
  argent.world.begin();
  EXPECT_EQ(argent.Do(argent.bob, Op::kFollow, Follow(argent.bob, argent.carol), AsGuardian()),
            "rejected disabled R-SOC-3");
}

// --- R-SOC-4 / R-SOC-5: starting and approving ----------------------------------------------

TEST(SocialRules, GuardianStartsARecoveryThatCountsAsItsApproval) {
  SocialBed b(Social());
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

// R-DEV-13: a recovery's new device is no id the tentative registration or a pending
// replacement already names.
TEST(SocialRules, StartingARecoveryToAnIdAlreadyNamedIsRejected) {
  SocialBed b(Social());
  b.yubikey = b.Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
  b.Guardians();
  b.world.begin();
  const DeviceId replacement = b.Fresh("new1"), tentative = b.Fresh("tent1");
  ASSERT_EQ(b.Do(b.alice, Op::kReplaceDevice,
                 Replace(b.phrase, replacement, DeviceKind::kSeedPhrase, Purpose::kRecovery),
                 By({b.laptop, b.yubikey})),
            "pending none R-DEV-10");
  ASSERT_EQ(b.Do(b.alice, Op::kEnterRegistration, Args{}, By({b.laptop})),
            "accepted none R-REG-1");
  ASSERT_EQ(b.Do(b.mallory, Op::kAddTentative, Add(tentative), Unsigned()),
            "accepted none R-REG-4");
  const State before = b.world.state();
  EXPECT_EQ(b.Do(b.bob, Op::kStartRecovery, Add(replacement), AsGuardian(), b.alice),
            "rejected exists R-DEV-13");
  EXPECT_EQ(b.Do(b.alice, Op::kStartRecovery, Add(tentative), By({b.laptop})),
            "rejected exists R-DEV-13");
  EXPECT_EQ(b.world.state(), before);
  EXPECT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
}

TEST(SocialRules, StartNeedsAGuardianOrAnAllowedOwnerAndAFreshDevice) {
  SocialBed b(Social());
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

  SocialBed argent(fixtures::argent(), true);  // the owner may not sign a recovery
  argent.Guardians();
  argent.world.begin();
  EXPECT_EQ(argent.Do(argent.alice, Op::kStartRecovery, r, argent.owner),
            "rejected unauthorized R-SOC-4");
}

TEST(SocialRules, ApproveOnceByAGuardianOfARunningRecovery) {
  SocialBed b(Social());
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

TEST(SocialRules, ArgentExecutionLocksTheWalletForTheLockPeriod) {
  // R-SOC-10/11: with 3 guardians the starter alone is no quorum: nothing is executed or locked
  // until the second approval, which starts both the 48 h and the 5-day lock.
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().recovery.due_at, kNever);
  EXPECT_EQ(b.I().locked_until, 0);
  b.world.advance_to(kHour);
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_EQ(b.I().recovery.due_at, kHour + 48 * kHour);
  EXPECT_EQ(b.I().locked_until, kHour + 5 * kDay);
  EXPECT_TRUE(b.I().lock_by_recovery);
  Args add;
  add.device2 = b.world.device_id("alice/k");
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, add, b.owner), "rejected locked R-DEV-9");
}

TEST(SocialRules, ArgentWalletStaysLockedWhileTheRecoveryRuns) {
  // R-SOC-11: executing a recovery locks the wallet until it ends (SecurityManager
  // executeRecovery). Under Argent's strict boundary the recovery is still running at exactly
  // 48 h (it finalizes only after), so the wallet must still be locked then.
  SocialBed b(argent(), true);
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
  SocialBed b(Social());
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
  SocialBed b(Social());
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
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
}

TEST(SocialRules, ArgentMajorityVetoCountedAcrossRequests) {
  // n0 = 3 guardians: cancelling needs ceil((3+1)/2) = 2 votes of owner + guardians.
  SocialBed b(argent(), true);
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
  // With n = 1 the owner alone can cancel (ArgentModule.getRequiredSignatures:
  // ceil((1+1)/2) = 1).
  SocialBed b(argent(), true);
  b.AddGuardian(b.bob);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
}

// --- R-SOC-7 / R-SOC-8: quorum and completion -----------------------------------------------

TEST(SocialRules, RecoveryQuorumByWeight) {
  SocialBed b(Social());
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
  SocialBed b(Social());
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
  SocialBed b(Social());
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
  SocialBed b(argent(), true);
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
  SocialBed b(candide(), true);
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
  SocialBed b(candide(), true);
  b.Guardians(5, 1, 1);  // weights do not matter for a count
  b.world.set_guardian_threshold(b.id, 2);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(3 * kDay);
  EXPECT_TRUE(b.I().recovery.active);
  // The second confirmation executes it (R-SOC-10): 3 days from now, not at once.
  EXPECT_EQ(b.Approve(b.dave), "accepted none R-SOC-5");
  EXPECT_EQ(b.I().recovery.due_at, 6 * kDay);
  b.world.advance_to(6 * kDay - 1);
  EXPECT_FALSE(b.Recovered());
  b.world.advance_to(6 * kDay);
  EXPECT_TRUE(b.Recovered());
}

// --- R-SOC-10: the recovery clock -----------------------------------------------------------

TEST(SocialRules, ArgentRecoveryWithoutQuorumIsNeverDueAndALateQuorumStartsTheDelay) {
  // A recovery that waited a month for its quorum does not complete the moment the late
  // approval arrives: the approval executes it, and the 48 h start then.
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  const Policy& p = b.world.policy();
  EXPECT_EQ(next_due(p, b.world.state(), 0), kNever);
  EXPECT_TRUE(tick(p, b.world.state(), kYear).state.identity(b.id)->recovery.active);
  b.world.advance_to(kMonth);
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_FALSE(b.Recovered());
  EXPECT_EQ(next_due(p, b.world.state(), kMonth), kMonth + 48 * kHour + 1);
  b.world.advance_to(kMonth + 48 * kHour);
  EXPECT_FALSE(b.Recovered());
  b.world.advance_to(kMonth + 48 * kHour + 1);
  EXPECT_TRUE(b.Recovered());
}

TEST(SocialRules, StartClockCountsFromTheStart) {
  // The `social` variant keeps the start clock: a late approval completes a due recovery.
  SocialBed b(Social());
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().recovery.due_at, kWeek);
  b.world.advance_to(kMonth);
  EXPECT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_TRUE(b.Recovered());
}

TEST(SocialRules, CandideLoweredThresholdExecutesAWaitingRecovery) {
  // Candide: once confirmations meet the (lowered) threshold, executeRecovery may be called;
  // the model executes at the change that brings the quorum.
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.set_guardian_threshold(b.id, 2);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().recovery.due_at, kNever);
  b.world.advance_to(kDay);
  ASSERT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(1), b.owner),
            "accepted none R-SOC-2");
  EXPECT_EQ(b.I().recovery.due_at, kDay + 3 * kDay);
}

// --- R-SOC-11: the recovery's lock ------------------------------------------------------------

TEST(SocialRules, ArgentGuardiansCannotLiftOrReplaceARecoveryLock) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  ASSERT_TRUE(b.I().lock_by_recovery);
  EXPECT_EQ(b.Do(b.dave, Op::kUnlock, Args{}, AsGuardian()), "rejected locked R-SOC-11");
  EXPECT_EQ(b.Do(b.dave, Op::kLock, Args{}, AsGuardian()), "rejected locked R-SOC-11");
  // Completion ends it.
  b.world.advance_to(48 * kHour + 1);
  EXPECT_TRUE(b.Recovered());
  EXPECT_EQ(b.I().locked_until, 0);
  EXPECT_FALSE(b.I().lock_by_recovery);
}

TEST(SocialRules, ArgentExecutionReplacesAGuardianLockAndAVetoEndsIt) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.dave, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(kDay);
  ASSERT_EQ(b.Approve(b.carol), "accepted none R-SOC-5");
  EXPECT_EQ(b.I().locked_until, kDay + 5 * kDay);
  EXPECT_TRUE(b.I().lock_by_recovery);
  // Cancelling (2 of owner + 3 guardians) ends the recovery and its lock.
  ASSERT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  ASSERT_EQ(b.Do(b.dave, Op::kVetoRecovery, Args{}, AsGuardian()), "accepted none R-SOC-6");
  EXPECT_FALSE(b.I().recovery.active);
  EXPECT_EQ(b.I().locked_until, 0);
  EXPECT_FALSE(b.I().lock_by_recovery);
}

TEST(SocialRules, AVetoBeforeQuorumLeavesAGuardiansLock) {
  // Under a recovery lock, ending a recovery that never executed lifts no lock: the one in
  // force is a guardian's.
  Policy p = argent();
  p.veto = CancelRight::kAnyDevice;
  SocialBed b(p, true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.dave, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Do(b.alice, Op::kVetoRecovery, Args{}, b.owner), "accepted none R-SOC-6");
  EXPECT_EQ(b.I().locked_until, 5 * kDay);
  EXPECT_FALSE(b.I().lock_by_recovery);
}

TEST(SocialRules, UntilDueLockIsTheOldRule) {
  // recovery_lock "until-due": the lock runs from the execution until the recovery is due,
  // and a guardian may lift it.
  Policy p = argent();
  p.recovery_lock = RecoveryLock::kUntilDue;
  p.recovery_clock = RecoveryClock::kStart;
  SocialBed b(p, true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().locked_until, 48 * kHour + 1);
  EXPECT_FALSE(b.I().lock_by_recovery);
  EXPECT_EQ(b.Do(b.dave, Op::kUnlock, Args{}, AsGuardian()), "accepted none R-SOC-9");
}

// --- R-SOC-14: Candide's bounded threshold -----------------------------------------------------

TEST(SocialRules, CandideThresholdStaysBetweenOneAndTheGuardianCount) {
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(4), b.owner),
            "rejected threshold R-SOC-14");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(0), b.owner),
            "rejected malformed R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(3), b.owner),
            "accepted none R-SOC-2");
  // Three guardians, threshold 3: none may go until the threshold comes down.
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.bob), b.owner),
            "rejected threshold R-SOC-14");
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(1), b.owner),
            "accepted none R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.bob), b.owner), "accepted none R-SOC-2");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.carol), b.owner),
            "accepted none R-SOC-2");
  // The last guardian may go (Candide then sets the threshold to 0).
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.dave), b.owner), "accepted none R-SOC-2");
  EXPECT_TRUE(b.I().guardians.empty());
  EXPECT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(1), b.owner),
            "rejected threshold R-SOC-14");
}

TEST(SocialRules, BoundedThresholdIsJudgedAgainWhenADelayedChangeMatures) {
  Policy p = Social();
  p.quorum = RecoveryQuorum::kThreshold;
  p.default_guardian_threshold = 1;
  p.bounded_threshold = true;
  p.two_factor = false;
  SocialBed b(p);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.bob), By({b.phrase})),
            "pending none R-SOC-2");
  ASSERT_EQ(b.Do(b.alice, Op::kSetGuardianThreshold, Threshold(3), By({b.phrase})),
            "pending none R-SOC-2");
  // Both were in bounds when asked; once bob is gone, 3 no longer is.
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);
  EXPECT_EQ(b.I().guardian_threshold, 1u);
  EXPECT_TRUE(b.I().pending.empty());
}

// --- R-SOC-15: Candide's replacement by more approvals ----------------------------------------

TEST(SocialRules, CandideReplacesARecoveryOnlyWithStrictlyMoreApprovals) {
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");  // executed: threshold 1
  const Policy& p = b.world.policy();
  Args other;
  other.device2 = b.world.device_id("alice/other");
  other.kind = DeviceKind::kPasskey;
  // One guardian is not more than one.
  {
    const Outcome o =
        apply(p, b.world.state(), CoSigned(b.world, b.id, Op::kStartRecovery, other, {}, {b.carol}),
              b.world.now());
    EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected threshold R-SOC-15");
  }
  // Two guardians in one request (multiConfirmRecovery) are.
  const Outcome o = apply(p, b.world.state(),
                          CoSigned(b.world, b.id, Op::kStartRecovery, other, {}, {b.carol, b.dave}),
                          b.world.now());
  ASSERT_EQ(Describe(o.verdict, o.reject, o.rule), "accepted none R-SOC-15");
  const Recovery& rec = o.state.identity(b.id)->recovery;
  EXPECT_EQ(rec.new_device, other.device2);
  EXPECT_EQ(rec.approvals.size(), 2u);
  EXPECT_EQ(rec.due_at, b.world.now() + 3 * kDay);
}

TEST(SocialRules, ReplacementNeedsQuorumOfItsOwn) {
  // Threshold 3: the running recovery waits with one approval; two co-signers are more but
  // are no quorum, so they replace nothing.
  SocialBed b(candide(), true);
  b.Guardians();
  b.world.set_guardian_threshold(b.id, 3);
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  Args other;
  other.device2 = b.world.device_id("alice/other");
  const Outcome o = apply(b.world.policy(), b.world.state(),
                          CoSigned(b.world, b.id, Op::kStartRecovery, other, {}, {b.carol, b.dave}),
                          b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected threshold R-SOC-15");
}

TEST(SocialRules, WithoutReplacementASecondStartIsRejected) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  Args other;
  other.device2 = b.world.device_id("alice/other");
  const Outcome o = apply(b.world.policy(), b.world.state(),
                          CoSigned(b.world, b.id, Op::kStartRecovery, other, {}, {b.carol, b.dave}),
                          b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected exists R-SOC-4");
}

// --- R-SOC-15 (always), R-SOC-16..18: Argent on Starknet's escapes -----------------------------

// alice's single owner key and bob, her one guardian, under argent-starknet; the recovery
// bob starts is the owner escape, alice's removal of bob the guardian escape.
class EscapeBed : public SocialBed {
 public:
  explicit EscapeBed(Policy policy) : SocialBed(std::move(policy), true) {
    AddGuardian(bob);
    world.begin();
  }
  std::string RemoveBob() { return Do(alice, Op::kRemoveGuardian, GuardianArgs(bob), owner); }
  // bob starts a recovery to "alice/NAME", judged on the current state without recording it.
  std::string StartTo(const std::string& name, uint64_t nonce = 1'000'000) {
    const Outcome o = apply(world.policy(), world.state(),
                            CoSigned(world, id, Op::kStartRecovery, Add(Fresh(name)), {}, {bob},
                                     nonce),
                            world.now());
    return Describe(o.verdict, o.reject, o.rule);
  }
};

TEST(SocialRules, StarknetOwnerRemovalEndsTheGuardiansRecovery) {
  EscapeBed b(argent_starknet());
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(kHour);
  const uint32_t notified = b.I().notification_count;
  ASSERT_EQ(b.RemoveBob(), "pending none R-SOC-2");
  EXPECT_FALSE(b.I().recovery.active);  // R-SOC-16: the owner wins the tie
  EXPECT_EQ(b.I().notification_count, notified + 1);
  b.world.advance_to(8 * kDay);
  EXPECT_FALSE(b.Has(b.fresh));
  EXPECT_EQ(b.I().guardian(b.bob), nullptr);  // the guardian escape took effect at 7 d 1 h
  // Without the switch the removal waits (R-TL-12) and the recovery completes at 7 d.
  Policy off = argent_starknet();
  off.removal_ends_recovery = false;
  EscapeBed c(off);
  ASSERT_EQ(c.Start(c.bob), "accepted none R-SOC-4");
  c.world.advance_to(kHour);
  ASSERT_EQ(c.RemoveBob(), "pending none R-SOC-2");
  EXPECT_TRUE(c.I().recovery.active);
  c.world.advance_to(7 * kDay);
  EXPECT_TRUE(c.Recovered());
}

TEST(SocialRules, StarknetOwnerRemovalLeavesARecoveryTheOwnerStarted) {
  Policy p = argent_starknet();
  p.owner_may_start_recovery = true;
  EscapeBed b(p);
  ASSERT_EQ(b.Do(b.alice, Op::kStartRecovery, Add(b.fresh), b.owner), "accepted none R-SOC-4");
  ASSERT_EQ(b.RemoveBob(), "pending none R-SOC-2");
  EXPECT_TRUE(b.I().recovery.active);
}

TEST(SocialRules, StarknetGuardianCannotStartWhileTheOwnersRemovalIsPending) {
  EscapeBed b(argent_starknet());
  ASSERT_EQ(b.RemoveBob(), "pending none R-SOC-2");
  b.world.advance_to(7 * kDay - 1);  // still pending: due at 7 d
  EXPECT_EQ(b.StartTo("other"), "rejected timelock-pending R-SOC-17");
  // Expired (its window over but not yet dropped by a tick): no longer in the way.
  State expired = b.world.state();
  expired.identity(b.id)->pending[0].expires_at = b.world.now();
  const Outcome o = apply(b.world.policy(), expired,
                          CoSigned(b.world, b.id, Op::kStartRecovery, Add(b.Fresh("other")), {},
                                   {b.bob}),
                          b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "accepted none R-SOC-4");
  // Without the switch a pending removal is no obstacle.
  Policy off = argent_starknet();
  off.removal_blocks_recovery = false;
  EscapeBed c(off);
  ASSERT_EQ(c.RemoveBob(), "pending none R-SOC-2");
  EXPECT_EQ(c.StartTo("other"), "accepted none R-SOC-4");
}

TEST(SocialRules, StarknetAGuardiansStartReplacesItsRunningRecovery) {
  EscapeBed b(argent_starknet());
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  b.world.advance_to(12 * kHour);
  const Outcome o = apply(b.world.policy(), b.world.state(),
                          CoSigned(b.world, b.id, Op::kStartRecovery, Add(b.Fresh("other")), {},
                                   {b.bob}),
                          b.world.now());
  ASSERT_EQ(Describe(o.verdict, o.reject, o.rule), "accepted none R-SOC-15");
  const Recovery& rec = o.state.identity(b.id)->recovery;
  EXPECT_EQ(rec.new_device, b.Fresh("other"));
  EXPECT_EQ(rec.due_at, 12 * kHour + 7 * kDay);  // the escape's clock starts again
}

TEST(SocialRules, StarknetEscapeStartsAreTwelveHoursApart) {
  EscapeBed b(argent_starknet());
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  EXPECT_EQ(b.I().last_recovery_start, 0);
  b.world.advance_to(12 * kHour - 1);
  EXPECT_EQ(b.StartTo("other"), "rejected locked R-SOC-18");
  b.world.advance_to(12 * kHour);
  EXPECT_EQ(b.StartTo("other"), "accepted none R-SOC-15");
  // Without an interval a start is never too soon, and no time is recorded.
  Policy off = argent_starknet();
  off.escape_interval = 0;
  EscapeBed c(off);
  ASSERT_EQ(c.Start(c.bob), "accepted none R-SOC-4");
  EXPECT_EQ(c.I().last_recovery_start, kNoTime);
  EXPECT_EQ(c.StartTo("other"), "accepted none R-SOC-15");
}

TEST(SocialRules, StarknetGuardianRemovalsAreTwelveHoursApart) {
  EscapeBed b(argent_starknet());
  ASSERT_EQ(b.RemoveBob(), "pending none R-SOC-2");
  EXPECT_EQ(b.I().last_guardian_removal, 0);
  b.world.advance_to(12 * kHour - 1);
  EXPECT_EQ(b.RemoveBob(), "rejected locked R-SOC-18");
  EXPECT_EQ(b.I().pending.size(), 1u);
  b.world.advance_to(12 * kHour);
  EXPECT_EQ(b.RemoveBob(), "pending none R-SOC-2");  // the owner re-triggers her escape
  EXPECT_EQ(b.I().last_guardian_removal, 12 * kHour);
  // Additions are not throttled.
  EXPECT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.carol), b.owner), "pending none R-SOC-2");
}

TEST(SocialRules, WithoutEscapeSwitchesAGuardianRemovalLeavesTheRecoveryAlone) {
  SocialBed b(argent_owner_alone(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Start(b.bob), "accepted none R-SOC-4");
  ASSERT_EQ(b.Do(b.alice, Op::kRemoveGuardian, GuardianArgs(b.dave), b.owner),
            "pending none R-SOC-2");
  EXPECT_TRUE(b.I().recovery.active);
  EXPECT_EQ(b.I().last_guardian_removal, kNoTime);
  EXPECT_EQ(b.I().last_recovery_start, kNoTime);
}

// --- R-SOC-9: lock ----------------------------------------------------------------------------

TEST(SocialRules, LockIsGuardianOnlyAndEndsAfterTheLockPeriod) {
  SocialBed b(argent(), true);
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

TEST(SocialRules, ArgentLockNeedsAnUnlockedWalletAndUnlockALockedOne) {
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kUnlock, Args{}, AsGuardian()), "rejected not-found R-SOC-12");
  ASSERT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  b.world.advance_to(4 * kDay);
  // A second lock would stretch the first: refused.
  EXPECT_EQ(b.Do(b.carol, Op::kLock, Args{}, AsGuardian()), "rejected locked R-SOC-12");
  EXPECT_EQ(b.I().locked_until, 5 * kDay);
  b.world.advance_to(5 * kDay);
  EXPECT_EQ(b.Do(b.carol, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  EXPECT_EQ(b.I().locked_until, 10 * kDay);
}

TEST(SocialRules, ArgentLockHoldsBackAGuardianAdditionUntilItLapses) {
  // R-SOC-13: confirmGuardianAddition is onlyWhenUnlocked. Locked through the whole window,
  // the addition lapses; a lock that ends inside the window lets it through at its end.
  SocialBed b(argent(), true);
  b.Guardians();
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAddGuardian, GuardianArgs(b.erin), b.owner), "pending none R-SOC-2");
  b.world.advance_to(kHour);
  ASSERT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  EXPECT_EQ(tick(p, s, 36 * kHour + 1).events.size(), 0u);  // due, but held by the lock
  const TickResult late = tick(p, s, 48 * kHour);
  ASSERT_EQ(late.events.size(), 1u);
  EXPECT_EQ(late.events[0].event, TickEvent::kLapsed);
  EXPECT_EQ(late.state.identity(b.id)->guardian(b.erin), nullptr);
  // Unlocked at 40 h, inside the window: it is confirmed then.
  b.world.advance_to(40 * kHour);
  ASSERT_EQ(b.Do(b.carol, Op::kUnlock, Args{}, AsGuardian()), "accepted none R-SOC-9");
  b.world.advance_to(40 * kHour + 1);
  EXPECT_NE(b.I().guardian(b.erin), nullptr);
}

TEST(SocialRules, NoLockWithoutALockPeriod) {
  SocialBed b(Social());
  b.Guardians();
  b.world.begin();
  EXPECT_EQ(b.Do(b.bob, Op::kLock, Args{}, AsGuardian()), "rejected disabled R-SOC-9");
}

}  // namespace
}  // namespace reclaim
