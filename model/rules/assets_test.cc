// Tests of the asset rules (rules/assets.cc, R-AST-1..10): what a takeover puts at risk. A
// locked neuron cannot move before its lock ends; a vault withdrawal is pending for the
// delay and the recovery path claws it back before it matures; an Argent transfer needs the
// guardians' co-signatures; a BIP-345 sweep moves the value to the recovery path for good.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/policy.h"
#include "model/rules/common.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy II2021WithNotifications() {
  Policy p;
  p.notifications = true;
  return p;
}

// Alice with a hot wallet (authentication), a cold one (recovery) and 500 of alice/neuron.
class AssetsBed : public Bed {
 public:
  explicit AssetsBed(Policy policy, Time locked_until = 0) : Bed(std::move(policy)) {
    hot = Dev("hot", DeviceKind::kHardwareWallet, Purpose::kAuth);
    cold = Dev("cold", DeviceKind::kHardwareWallet, Purpose::kRecovery);
    Asset(500, locked_until);
  }
  Args Move(int64_t amount, ActorId to) const { return fixtures::Move(neuron, amount, to); }
  int64_t Balance() const { return I().asset(neuron)->amount; }

  DeviceId hot = kNone, cold = kNone;
};

// --- R-AST-1 ----------------------------------------------------------------------------------

TEST(AssetsRules, TransferNeedsAuthorityAKnownAssetAndABalance) {
  AssetsBed b(II2021WithNotifications());
  b.world.begin();
  Args unknown = b.Move(1, b.bob);
  unknown.asset = b.world.asset_id("nothing");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, unknown, By({b.hot})), "rejected not-found R-AST-1");
  EXPECT_EQ(b.Do(b.mallory, Op::kTransfer, b.Move(100, b.mallory), SignWith{}),
            "rejected unauthorized R-AST-1");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(0, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(-5, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(501, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
  EXPECT_EQ(b.Balance(), 500);
}

// --- R-AST-5 ----------------------------------------------------------------------------------

TEST(AssetsRules, TransferIsImmediateAndNotified) {
  AssetsBed b(II2021WithNotifications());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(500, b.bob), By({b.hot})), "accepted none R-AST-5");
  EXPECT_EQ(b.Balance(), 0);
  ASSERT_EQ(b.I().notifications.size(), 1u);
  EXPECT_EQ(b.I().notifications[0].op, Op::kTransfer);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(1, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
}

// --- R-AST-2 ----------------------------------------------------------------------------------

TEST(AssetsRules, LockedNeuronCannotMoveBeforeItsLockEnds) {
  AssetsBed b(II2021WithNotifications(), 180 * kDay);
  b.world.begin();
  b.world.advance_to(kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.bob), By({b.hot})),
            "rejected locked R-AST-2");
  b.world.advance_to(180 * kDay - 1);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.bob), By({b.hot})),
            "rejected locked R-AST-2");
  EXPECT_EQ(b.Balance(), 500);
  b.world.advance_to(180 * kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.bob), By({b.hot})), "accepted none R-AST-5");
  EXPECT_EQ(b.Balance(), 400);
}

TEST(AssetsRules, NothingLeavesWhileTheIdentityIsLocked) {
  Policy p = II2021WithNotifications();
  p.guardians = true;
  p.lock_period = 5 * kDay;
  AssetsBed b(p);
  b.AddGuardian(b.bob);
  b.world.begin();
  ASSERT_EQ(b.Do(b.bob, Op::kLock, Args{}, SignWith{{}, false, true}), "accepted none R-SOC-9");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.mallory), By({b.hot})),
            "rejected locked R-AST-2");
  b.world.advance_to(5 * kDay);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.mallory), By({b.hot})),
            "accepted none R-AST-5");
}

// --- R-AST-3 ----------------------------------------------------------------------------------

TEST(AssetsRules, WithdrawIsDisabledWithoutAWithdrawalDelay) {
  AssetsBed b(II2021WithNotifications());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(100, b.bob), By({b.hot})),
            "rejected disabled R-AST-3");
}

TEST(AssetsRules, VaultWithdrawIsPendingThenMatures) {
  AssetsBed b(vault());
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.bob), By({b.hot})),
            "rejected disabled R-AST-3");
  EXPECT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(100, b.bob), By({b.hot})), "pending none R-AST-3");
  ASSERT_EQ(b.I().pending.size(), 1u);
  EXPECT_EQ(b.I().pending[0].op, Op::kWithdraw);
  EXPECT_EQ(b.I().pending[0].due_at, kHour + kDay);
  EXPECT_EQ(b.I().notifications[b.I().notifications.size() - 1].change,
            b.change);  // the trigger is visible
  EXPECT_EQ(b.Balance(), 500);
  b.world.advance_to(kHour + kDay - 1);
  EXPECT_EQ(b.Balance(), 500);
  b.world.advance_to(kHour + kDay);
  EXPECT_EQ(b.Balance(), 400);
  EXPECT_TRUE(b.I().pending.empty());
}

TEST(AssetsRules, WithdrawalsBeyondTheBalanceLapse) {
  AssetsBed b(vault());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(400, b.bob), By({b.hot})), "pending none R-AST-3");
  ASSERT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(400, b.mallory), By({b.hot})),
            "pending none R-AST-3");
  const TickResult t = tick(b.world.policy(), b.world.state(), kDay);
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(t.events[0].event, TickEvent::kMatured);
  EXPECT_EQ(t.events[1].event, TickEvent::kLapsed);
  EXPECT_EQ(t.events[1].rule, "R-TL-5");
  EXPECT_EQ(t.state.identity(b.id)->asset(b.neuron)->amount, 100);
}

// --- R-AST-4 ----------------------------------------------------------------------------------

TEST(AssetsRules, ClawbackCancelsAPendingWithdrawal) {
  AssetsBed b(vault());
  b.world.begin();
  ASSERT_TRUE(b.world.event(EventKind::kSteal, b.mallory, b.id, b.hot).ok());
  ASSERT_EQ(b.Do(b.mallory, Op::kWithdraw, b.Move(500, b.mallory), By({b.hot})),
            "pending none R-AST-3");
  b.world.advance_to(kHour);
  Args claw;
  claw.asset = b.neuron;
  EXPECT_EQ(b.Do(b.mallory, Op::kClawback, claw, By({b.hot})), "rejected unauthorized R-AST-4");
  EXPECT_EQ(b.Do(b.alice, Op::kClawback, claw, By({b.cold})), "accepted none R-AST-4");
  EXPECT_TRUE(b.I().pending.empty());
  EXPECT_EQ(b.I().notifications[b.I().notifications.size() - 1].op, Op::kClawback);
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.Balance(), 500);
  // Nothing left to claw back.
  EXPECT_EQ(b.Do(b.alice, Op::kClawback, claw, By({b.cold})), "rejected not-found R-AST-4");
}

TEST(AssetsRules, ClawbackOnlyWhereThePolicyHasIt) {
  AssetsBed b(II2021WithNotifications());
  b.world.begin();
  Args claw;
  claw.asset = b.neuron;
  EXPECT_EQ(b.Do(b.alice, Op::kClawback, claw, By({b.cold})), "rejected disabled R-AST-4");
}

// --- R-AST-7, R-AST-8 ---------------------------------------------------------------------

Args SweepOf(uint32_t asset) {
  Args a;
  a.asset = asset;
  return a;
}

TEST(AssetsRules, SweepTakesTriggeredValueToTheRecoveryPathForGood) {
  // BIP-345: the recovery path sweeps a triggered withdrawal before it confirms; the swept
  // value is out of the trigger key's reach.
  AssetsBed b(vault());
  b.world.begin();
  ASSERT_TRUE(b.world.event(EventKind::kSteal, b.mallory, b.id, b.hot).ok());
  ASSERT_EQ(b.Do(b.mallory, Op::kWithdraw, b.Move(300, b.mallory), By({b.hot})),
            "pending none R-AST-3");
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Do(b.mallory, Op::kSweep, SweepOf(b.neuron), By({b.hot})),
            "rejected unauthorized R-AST-8");
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, SweepOf(b.neuron), By({b.cold})), "accepted none R-AST-7");
  EXPECT_TRUE(b.I().pending.empty());
  EXPECT_EQ(b.Balance(), 0);
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 500);
  EXPECT_EQ(b.I().notifications[b.I().notifications.size() - 1].op, Op::kSweep);
  // The stolen trigger key can no longer withdraw anything, now or after the delay.
  EXPECT_EQ(b.Do(b.mallory, Op::kWithdraw, b.Move(1, b.mallory), By({b.hot})),
            "rejected insufficient R-AST-1");
  b.world.advance_to(kWeek);
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 500);
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, SweepOf(b.neuron), By({b.cold})),
            "rejected not-found R-AST-7");
}

TEST(AssetsRules, SweepNeedsNoTriggeredWithdrawal) {
  AssetsBed b(vault());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, SweepOf(b.neuron), By({b.cold})), "accepted none R-AST-7");
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 500);
  EXPECT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(1, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
}

TEST(AssetsRules, SweepAfterAWithdrawalMaturedTakesOnlyWhatIsLeft) {
  AssetsBed b(vault());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(200, b.bob), By({b.hot})), "pending none R-AST-3");
  b.world.advance_to(kDay);  // the spend delay has passed: the withdrawal confirmed
  EXPECT_EQ(b.Balance(), 300);
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, SweepOf(b.neuron), By({b.cold})), "accepted none R-AST-7");
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 300);
}

TEST(AssetsRules, UnauthorizedRecoveryLetsAnyoneSweep) {
  // BIP-345's unauthorized recovery: anyone may sweep, so anyone may grief the owner.
  Policy p = vault();
  p.sweep = SweepRight::kAnyone;
  AssetsBed b(p);
  b.world.begin();
  EXPECT_EQ(b.Do(b.mallory, Op::kSweep, SweepOf(b.neuron), SignWith{}), "accepted none R-AST-7");
  EXPECT_EQ(b.Balance(), 0);
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 500);
  // The owner's own withdrawal now has nothing to draw on.
  EXPECT_EQ(b.Do(b.alice, Op::kWithdraw, b.Move(1, b.bob), By({b.hot})),
            "rejected insufficient R-AST-1");
}

TEST(AssetsRules, SweepOnlyWhereThePolicyHasIt) {
  Policy p = vault();
  p.sweep = SweepRight::kNone;
  AssetsBed b(p);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, SweepOf(b.neuron), By({b.cold})), "rejected disabled R-AST-7");
  EXPECT_EQ(b.I().asset(b.neuron)->swept, 0);
}

// --- R-AST-6 ----------------------------------------------------------------------------------

TEST(AssetsRules, ArgentTransferNeedsTheOwnerAndHalfTheGuardians) {
  // ArgentModule.getRequiredSignatures: multiCallWithGuardians needs owner + ceil(n/2).
  AssetsBed b(argent());
  const ActorId carol = b.world.actor("carol");
  const ActorId dave = b.world.actor("dave");
  for (ActorId g : {b.bob, carol, dave}) ASSERT_TRUE(b.world.add_guardian(b.id, g, 1).ok());
  b.world.begin();
  // A stolen owner key alone drains nothing.
  ASSERT_TRUE(b.world.event(EventKind::kSteal, b.mallory, b.id, b.hot).ok());
  EXPECT_EQ(b.Do(b.mallory, Op::kTransfer, b.Move(500, b.mallory), By({b.hot})),
            "rejected threshold R-AST-6");
  const Policy& p = b.world.policy();
  auto with = [&](std::initializer_list<ActorId> guardians) {
    const Outcome o =
        apply(p, b.world.state(),
              CoSigned(b.world, b.id, Op::kTransfer, b.Move(100, b.bob), {b.hot}, guardians),
              b.world.now());
    return Describe(o.verdict, o.reject, o.rule);
  };
  EXPECT_EQ(with({b.bob}), "rejected threshold R-AST-6");
  EXPECT_EQ(with({b.bob, dave}), "accepted none R-AST-5");
  // Guardians without the owner move nothing.
  const Outcome o =
      apply(p, b.world.state(),
            CoSigned(b.world, b.id, Op::kTransfer, b.Move(100, b.bob), {}, {b.bob, carol, dave}),
            b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected unauthorized R-AST-1");
}

TEST(AssetsRules, WithoutGuardiansTheOwnerAloneTransfers) {
  AssetsBed b(argent());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(100, b.bob), By({b.hot})), "accepted none R-AST-5");
}

// --- R-AST-10 ----------------------------------------------------------------------------------

Args Contact(ActorId who) {
  Args a;
  a.actor = who;
  return a;
}

TEST(AssetsRules, ArgentOwnerAloneTrustsAContactAfterTheSecurityPeriod) {
  // TransactionManager.addToWhitelist: whitelistAfter = now + 36 h, trusted when it is < now.
  AssetsBed b(argent());
  const ActorId carol = b.world.actor("carol");
  ASSERT_TRUE(b.world.add_guardian(b.id, carol, 1).ok());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddContact, Contact(b.bob), By({b.hot})), "accepted none R-AST-10");
  ASSERT_EQ(b.I().contacts.size(), 1u);
  EXPECT_EQ(b.I().contacts[0].from, 36 * kHour + 1);
  EXPECT_EQ(b.Do(b.alice, Op::kAddContact, Contact(b.bob), By({b.hot})), "rejected exists R-AST-10");
  b.world.advance_to(36 * kHour);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(10, b.bob), By({b.hot})),
            "rejected threshold R-AST-6");
  b.world.advance_to(36 * kHour + 1);
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(10, b.bob), By({b.hot})), "accepted none R-AST-5");
  // Anyone else still needs the guardian.
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, b.Move(10, b.mallory), By({b.hot})),
            "rejected threshold R-AST-6");
}

TEST(AssetsRules, ArgentGuardiansCoSigningTrustAContactAtOnce) {
  AssetsBed b(argent());
  const ActorId carol = b.world.actor("carol");
  for (ActorId g : {carol, b.world.actor("dave")}) ASSERT_TRUE(b.world.add_guardian(b.id, g, 1).ok());
  b.world.begin();
  const Outcome o = apply(b.world.policy(), b.world.state(),
                          CoSigned(b.world, b.id, Op::kAddContact, Contact(b.bob), {b.hot}, {carol}),
                          b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "accepted none R-AST-10");
  ASSERT_EQ(o.state.identity(b.id)->contacts.size(), 1u);
  EXPECT_EQ(o.state.identity(b.id)->contacts[0].from, b.world.now());
  EXPECT_TRUE(rules::trusted_contact(b.world.policy(), *o.state.identity(b.id), b.bob, b.world.now()));
  EXPECT_FALSE(rules::trusted_contact(b.world.policy(), *o.state.identity(b.id), b.mallory, b.world.now()));
}

TEST(AssetsRules, AddContactNeedsTheFeatureADeviceAnUnlockedWalletAndRoom) {
  AssetsBed off(argent_owner_alone());
  off.world.begin();
  EXPECT_EQ(off.Do(off.alice, Op::kAddContact, Contact(off.bob), By({off.hot})),
            "rejected disabled R-AST-10");

  AssetsBed b(argent());
  ASSERT_TRUE(b.world.add_guardian(b.id, b.world.actor("carol"), 1).ok());
  std::vector<ActorId> contacts;
  for (const char* who : {"c1", "c2", "c3", "c4", "c5"}) contacts.push_back(b.world.actor(who));
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAddContact, Contact(kNone), By({b.hot})),
            "rejected malformed R-AST-10");
  for (std::size_t k = 0; k < kMaxContacts; ++k)
    EXPECT_EQ(b.Do(b.alice, Op::kAddContact, Contact(contacts[k]), By({b.hot})),
              "accepted none R-AST-10");
  EXPECT_EQ(b.Do(b.alice, Op::kAddContact, Contact(contacts[kMaxContacts]), By({b.hot})),
            "rejected limit R-AST-10");
  State s = b.world.state();
  s.identity(b.id)->locked_until = b.world.now() + kDay;
  s.identity(b.id)->contacts.clear();
  const Outcome o = apply(b.world.policy(), s,
                          CoSigned(b.world, b.id, Op::kAddContact, Contact(b.bob), {b.hot}, {}),
                          b.world.now());
  EXPECT_EQ(Describe(o.verdict, o.reject, o.rule), "rejected locked R-AST-10");
}

// --- R-AST-9 -----------------------------------------------------------------------------------

TEST(AssetsRules, TwoFactorsToMoveAssetsDirectlyOrThroughASession) {
  Policy p = ii_protected();
  p.two_factor_assets = true;
  Bed b(p);
  b.Three();
  b.Asset(500, 0);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), By({b.laptop})),
            "rejected two-factor R-AST-9");
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Args{}, By({b.laptop})), "accepted none R-SES-2");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), BySession()),
            "rejected two-factor R-AST-9");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), By({b.laptop, b.yubikey})),
            "accepted none R-AST-5");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Args{}, By({b.laptop, b.yubikey})),
            "accepted none R-SES-4");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(b.neuron, 10, b.bob), ByAppSession()),
            "accepted none R-AST-5");
  EXPECT_EQ(b.I().asset(b.neuron)->amount, 480);
}

TEST(AssetsRules, ASweepIsNotAMoveForTwoFactors) {
  Policy p = vault();
  p.two_factor_assets = true;
  Bed b(p);
  b.Three();
  b.Asset(500, 0);
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kWithdraw, Move(b.neuron, 10, b.alice), By({b.laptop})),
            "rejected two-factor R-AST-9");
  EXPECT_EQ(b.Do(b.alice, Op::kSweep, Move(b.neuron, 0, kNone), By({b.phrase})),
            "accepted none R-AST-7");
}

}  // namespace
}  // namespace reclaim
