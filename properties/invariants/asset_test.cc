// Tests of the ASSET checker (asset.cc): assets leave only by an authorized request, after their
// lock and, in a vault, the delay. Runs that satisfy it, and runs that violate it, each caught at
// the step where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Asset, HoldsForDelayedWithdrawalsAndClawbacks) {
  Bed a(vault(), StandardOptions{.phrase_protected = false, .asset_locked_until = 0});
  const std::size_t w =
      a.Submit(a.alice, Op::kWithdraw, Move(a.neuron, 100, a.alice), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[w].verdict, Verdict::kPending);
  a.world.advance_to(2 * kDay);
  EXPECT_EQ(a.I().asset(a.neuron)->amount, 400);
  a.Event(EventKind::kCopy, a.mallory, a.laptop);
  a.Submit(a.mallory, Op::kWithdraw, Move(a.neuron, 400, a.mallory), By({a.laptop}));
  const std::size_t c = a.Submit(a.alice, Op::kClawback, Move(a.neuron, 0, kNone), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[c].verdict, Verdict::kAccepted);
  a.world.advance_to(5 * kDay);
  EXPECT_EQ(a.I().asset(a.neuron)->amount, 400);
  EXPECT_TRUE(Holds(first_violation(a.world, "ASSET")));
}

TEST(Asset, HoldsForASweepTriggeredOrNot) {
  Bed a(vault(), StandardOptions{.phrase_protected = false, .asset_locked_until = 0});
  a.Event(EventKind::kCopy, a.mallory, a.laptop);
  a.Submit(a.mallory, Op::kWithdraw, Move(a.neuron, 400, a.mallory), By({a.laptop}));
  const std::size_t s = a.Submit(a.alice, Op::kSweep, Move(a.neuron, 0, kNone), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[s].verdict, Verdict::kAccepted);
  a.world.advance_to(5 * kDay);
  EXPECT_EQ(a.I().asset(a.neuron)->amount, 0);
  EXPECT_EQ(a.I().asset(a.neuron)->swept, 500);
  EXPECT_TRUE(Holds(first_violation(a.world, "ASSET")));
}

TEST(Asset, CatchesASweepThatLosesValueOrLacksTheRecoveryKey) {
  Bed a(vault(), StandardOptions{.phrase_protected = false, .asset_locked_until = 0});
  const std::size_t s = a.Submit(a.alice, Op::kSweep, Move(a.neuron, 0, kNone), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[s].verdict, Verdict::kAccepted);
  a.Submit(a.alice, Op::kWithdraw, Move(a.neuron, 1, a.alice), By({a.laptop}));  // nothing left
  std::vector<Step> lost = a.world.steps();
  lost[s].after.identity(a.id)->asset(a.neuron)->swept = 499;  // one unit vanished
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, lost, "ASSET"), "ASSET", s));
  std::vector<Step> unsigned_steps = a.world.steps();
  unsigned_steps[s].request.signers.clear();  // nobody signed, under authorized recovery
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, unsigned_steps, "ASSET"), "ASSET", s));
  std::vector<Step> drained = a.world.steps();  // swept value later taken back
  for (std::size_t i = s + 1; i < drained.size(); ++i)
    drained[i].after.identity(a.id)->asset(a.neuron)->swept = 0;
  ASSERT_GT(drained.size(), s + 1);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, drained, "ASSET"), "ASSET", s + 1));
}

TEST(Asset, CatchesImmediateTransfersInAVault) {
  Policy broken = vault();
  broken.withdrawal_delay = 0;  // transfers leave at once
  broken.clawback = false;
  Bed run(broken, StandardOptions{.phrase_protected = false, .asset_locked_until = 0});
  Bed judge(vault(), StandardOptions{.phrase_protected = false, .asset_locked_until = 0});
  const std::size_t t =
      run.Submit(run.alice, Op::kTransfer, Move(run.neuron, 100, run.mallory), By({run.laptop}));
  ASSERT_EQ(run.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "ASSET"), "ASSET", t));
}

TEST(Asset, CatchesAMoveBeforeTheLockEnds) {
  Bed a(ii2021(), StandardOptions{.asset_locked_until = 0});
  const std::size_t t =
      a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 100, a.mallory), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "ASSET")));
  std::vector<Step> steps = a.world.steps();
  steps[t].before.identity(a.id)->asset(a.neuron)->locked_until = 180 * kDay;  // R-AST-2 skipped
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "ASSET"), "ASSET", t));
}

// R-AST-1 broken both ways: a transfer beyond the balance leaves it below 0, and a negative
// amount adds to the asset. Either is an accepted transfer of exactly the amount that moved.
TEST(Asset, CatchesABalanceBelowZeroOrRaised) {
  Bed a(ii2021(), StandardOptions{.asset_locked_until = 0});
  const int64_t balance = a.I().asset(a.neuron)->amount;
  const std::size_t t =
      a.Submit(a.alice, Op::kTransfer, Move(a.neuron, balance, a.mallory), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[t].verdict, Verdict::kAccepted);
  ASSERT_EQ(a.I().asset(a.neuron)->amount, 0);
  EXPECT_TRUE(Holds(first_violation(a.world, "ASSET")));
  std::vector<Step> over = a.world.steps();
  over[t].request.args.amount = balance + 1;  // the balance check skipped
  over[t].after.identity(a.id)->asset(a.neuron)->amount = -1;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, over, "ASSET"), "ASSET", t));
  std::vector<Step> negative = a.world.steps();
  negative[t].request.args.amount = -5;  // a negative amount taken
  negative[t].after.identity(a.id)->asset(a.neuron)->amount = balance + 5;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, negative, "ASSET"), "ASSET", t));
}

TEST(Asset, CatchesATransferWithoutGuardianCoSigners) {
  const StandardOptions unlocked{.asset_locked_until = 0};
  Bed run(argent_owner_alone(), unlocked), judge(argent(), unlocked);
  const std::size_t t = run.Submit(run.alice, Op::kTransfer, Move(run.neuron, 100, run.mallory),
                                   By({run.laptop}));
  ASSERT_EQ(run.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(run.world, "ASSET")));
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "ASSET"), "ASSET", t));
}

// R-AST-10: a transfer to a trusted contact needs no guardian, once its trust has begun; the
// checker dates that trust from the add-contact requests itself, not from the model's state.
Args Trust(ActorId who) {
  Args a;
  a.actor = who;
  return a;
}

TEST(Asset, HoldsForATransferToATrustedContactAfterTheDelay) {
  Bed a(argent(), StandardOptions{.asset_locked_until = 0});
  ASSERT_FALSE(a.I().guardians.empty());
  ASSERT_EQ(a.world.steps()[a.Submit(a.alice, Op::kAddContact, Trust(a.mallory), By({a.laptop}))]
                .verdict,
            Verdict::kAccepted);
  a.world.advance_to(a.world.now() + 36 * kHour);  // Argent's check is strict: not yet
  std::size_t t = a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 10, a.mallory), By({a.laptop}));
  EXPECT_EQ(a.world.steps()[t].reject, Reject::kThreshold);
  a.world.advance_to(a.world.now() + 1);
  t = a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 10, a.mallory), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "ASSET")));
  EXPECT_TRUE(Holds(first_violation(a.world, "AUTH")));
}

TEST(Asset, CatchesATransferToAContactTrustedTooSoon) {
  // Run where an owner-only contact is trusted after 1 s; judged where it waits 36 h.
  Policy soon = argent();
  soon.contact_delay = 0;
  const StandardOptions unlocked{.asset_locked_until = 0};
  Bed run(soon, unlocked), judge(argent(), unlocked);
  run.Submit(run.alice, Op::kAddContact, Trust(run.mallory), By({run.laptop}));
  run.world.advance_to(run.world.now() + 1);
  const std::size_t t =
      run.Submit(run.alice, Op::kTransfer, Move(run.neuron, 10, run.mallory), By({run.laptop}));
  ASSERT_EQ(run.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(run.world, "ASSET")));
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "ASSET"), "ASSET", t));
}

// --- mutants ---

const MutantCase kAssetLockIgnored = mutant_case(
    {Mutant::kAssetLockIgnored, "ASSET", ii2021, StandardOptions{.asset_locked_until = 180 * kDay},
     [](Bed& a) {
       return a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 100, a.mallory), By({a.laptop}));
     }});

TEST(Asset, CatchesTheMutantAssetLockIgnored) { ExpectCaught(kAssetLockIgnored); }

}  // namespace
}  // namespace reclaim
