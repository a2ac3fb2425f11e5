// Tests of the ASSET-2FA checker (asset_2fa.cc): assets leave, and sessions that can move them
// are created, only with two distinct factors. Runs that satisfy it, and runs that violate it,
// each caught at the step where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

constexpr std::string_view kId = "ASSET-2FA";
const StandardOptions kUnlocked{.asset_locked_until = 0};

TEST(Asset2fa, HoldsWhenMovesAndLoginsNeedTwoFactors) {
  Bed a(thread_proposal(), kUnlocked);
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t t =
      a.Submit(a.mallory, Op::kTransfer, Move(a.neuron, 500, a.mallory), By({a.yubikey}));
  EXPECT_EQ(a.world.steps()[t].reject, Reject::kTwoFactor);
  const std::size_t l = a.Submit(a.mallory, Op::kAppLogin, Args{}, By({a.yubikey}));
  EXPECT_EQ(a.world.steps()[l].reject, Reject::kTwoFactor);
  const std::size_t ok = a.Submit(a.alice, Op::kAppLogin, Args{}, By({a.laptop, a.yubikey}));
  ASSERT_EQ(a.world.steps()[ok].verdict, Verdict::kAccepted);
  const std::size_t moved =
      a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 100, a.bob), ByAppSession());
  ASSERT_EQ(a.world.steps()[moved].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));
}

TEST(Asset2fa, CatchesAOneFactorTransfer) {
  Bed a(timelock_2fa(), kUnlocked);  // no two-factor asset moves: one stolen key moves a neuron
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t t =
      a.Submit(a.mallory, Op::kTransfer, Move(a.neuron, 500, a.mallory), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, kId), kId, t));
}

TEST(Asset2fa, CatchesAOneFactorSessionThatMovesAssets) {
  Bed a(ii_protected(), kUnlocked);  // an app delegation from one device moves the neuron
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t l = a.Submit(a.mallory, Op::kAppLogin, Args{}, By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[l].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, kId), kId, l));
}

// A front-end session that cannot move assets (sessions manage nothing) may come from one
// factor; a TOTP counts only beside a real signer.
TEST(Asset2fa, JudgesOnlySessionsThatMoveAssetsAndCountsTotpBesideADevice) {
  Policy p = thread_proposal();
  p.two_factor_login = false;
  Bed a(p, kUnlocked);
  const std::size_t l = a.Submit(a.alice, Op::kLogin, Args{}, By({a.laptop}));
  ASSERT_EQ(a.world.steps()[l].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));

  // A recorded step whose two signers are a TOTP and a device whose entry was made a second
  // TOTP: one kind of factor alone is not two.
  Bed b(thread_proposal(), kUnlocked);
  const DeviceId app = b.Fresh("app");
  const std::size_t add = b.Submit(b.alice, Op::kAddDevice, Add(app, DeviceKind::kTotp),
                                   By({b.laptop, b.yubikey}));
  ASSERT_EQ(b.world.steps()[add].verdict, Verdict::kAccepted);
  const std::size_t t =
      b.Submit(b.alice, Op::kTransfer, Move(b.neuron, 100, b.bob), By({b.laptop, app}));
  ASSERT_EQ(b.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(b.world, kId)));
  std::vector<Step> steps = b.world.steps();
  steps[t].before.identity(b.id)->device(b.laptop)->kind = DeviceKind::kTotp;
  EXPECT_TRUE(ViolatedAt(first_violation(b.world, steps, kId), kId, t));
}

// A session the checker did not see created with two factors does not carry two.
TEST(Asset2fa, RemembersWhichSessionsWereCreatedWithTwoFactors) {
  Bed a(thread_proposal(), kUnlocked);
  const std::size_t l = a.Submit(a.alice, Op::kAppLogin, Args{}, By({a.laptop, a.yubikey}));
  ASSERT_EQ(a.world.steps()[l].verdict, Verdict::kAccepted);
  const std::size_t t = a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 100, a.bob), ByAppSession());
  ASSERT_EQ(a.world.steps()[t].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));
  std::vector<Step> steps = a.world.steps();
  steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(l));  // the login is not seen
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, kId), kId, t - 1));
}

// --- mutants ---

const MutantCase kAssetOneFactor = mutant_case(
    {Mutant::kAssetOneFactor, "ASSET-2FA", thread_proposal, kUnlocked, [](Bed& a) {
       a.Event(EventKind::kCopy, a.mallory, a.yubikey);
       return a.Submit(a.mallory, Op::kTransfer, Move(a.neuron, 500, a.mallory), By({a.yubikey}));
     }});

TEST(Asset2fa, CatchesTheMutantAssetOneFactor) { ExpectCaught(kAssetOneFactor); }

}  // namespace
}  // namespace reclaim
