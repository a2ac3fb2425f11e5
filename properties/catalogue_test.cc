// The catalogue as a whole: one checker per id, in catalogue order, each with a precise
// statement; make_checker and check_all behave as invariant.h promises; every invariant holds
// on a benign run of the richest policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "model/mutant.h"
#include "model/step.h"
#include "properties/invariant.h"
#include "properties/test_support.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Catalogue, HasOneCheckerPerIdInOrder) {
  const std::vector<std::string_view>& ids = invariant_ids();
  ASSERT_EQ(catalogue().size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const InvariantInfo& info = catalogue()[i];
    EXPECT_EQ(info.id, ids[i]);
    EXPECT_GT(info.statement.size(), 80u) << info.id << ": the statement should be precise";
    std::unique_ptr<Checker> c = make_checker(info.id);
    ASSERT_NE(c, nullptr) << info.id;
    EXPECT_EQ(c->id(), info.id);
  }
  EXPECT_EQ(make_checker("NO-SUCH-INVARIANT"), nullptr);
  EXPECT_EQ(make_checker("auth"), nullptr);  // ids are exact
}

TEST(Catalogue, CheckersAreFreshAndIndependent) {
  // Two checkers of one id keep no shared state: a replay seen by one is unknown to the other.
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  std::unique_ptr<Checker> first = make_checker("REPLAY"), second = make_checker("REPLAY");
  EXPECT_FALSE(first->on_step(a.world, a.world.steps()[0], 0));
  EXPECT_TRUE(first->on_step(a.world, a.world.steps()[0], 0));  // the same accepted request again
  EXPECT_FALSE(second->on_step(a.world, a.world.steps()[0], 0));
}

TEST(Catalogue, CheckAllSeparatesHeldFromViolated) {
  Bed a(timelock(), kStandard);  // no two-factor
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kAddDevice,
           Add(a.Fresh("evil"), DeviceKind::kSecurityKey, Purpose::kAuth), By({a.yubikey}));
  CheckReport r = check_all(a.world, {"AUTH", "TWO-FACTOR", "NOT-AN-ID", "NOTIFY"});
  EXPECT_EQ(r.held, (std::vector<std::string>{"AUTH", "NOTIFY"}));
  ASSERT_EQ(r.violated.size(), 2u);
  EXPECT_EQ(r.violated[0].invariant, "TWO-FACTOR");
  EXPECT_EQ(r.violated[0].step, 1u);
  EXPECT_EQ(r.violated[1].invariant, "NOT-AN-ID");
  EXPECT_NE(r.violated[1].message.find("unknown"), std::string::npos);
}

// A benign run of the social policy touches every family: devices, sessions, the delay,
// guardians and following, a recovery the owner vetoes, assets, tentative registration.
TEST(Catalogue, EveryInvariantHoldsOnABenignSocialRun) {
  Bed a(social(), StandardOptions{.asset_locked_until = 0});
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  a.Submit(a.alice, Op::kAddDevice, Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           By({a.laptop, a.yubikey}));
  a.Submit(a.alice, Op::kSetRemovalDelay, Delay(kMonth), By({a.laptop, a.yubikey}));
  a.Submit(a.carol, Op::kFollow, Follow(a.carol, a.bob), AsGuardian());
  a.Submit(a.alice, Op::kAddGuardian, GuardianArgs(a.erin), By({a.laptop, a.yubikey}));
  a.Submit(a.alice, Op::kTransfer, Move(a.neuron, 10, a.bob), By({a.laptop, a.yubikey}));
  a.Submit(a.alice, Op::kEnterRegistration, {}, By({a.laptop}));
  a.Submit(a.alice, Op::kAddTentative, Add(a.Fresh("phone"), DeviceKind::kPasskey, Purpose::kAuth),
           Unsigned());
  a.Submit(a.alice, Op::kVerifyTentative, Code(a.I().registration.code), By({a.laptop, a.yubikey}));
  a.world.advance_to(kHour);
  // The reactive owner vetoes.
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("other")), AsGuardian(), a.bob);
  a.world.advance_to(40 * kDay);
  EXPECT_FALSE(a.I().recovery.active);
  EXPECT_NE(a.I().guardian(a.erin), nullptr);
  CheckReport r = check_all(a.world, all_ids());
  for (const Violation& v : r.violated)
    ADD_FAILURE() << v.invariant << " at step " << v.step << ": " << v.message;
  EXPECT_EQ(r.held.size(), catalogue().size());
}

// Every deliberately broken rule of model/mutant.h has a case beside the invariant it breaks
// (properties/invariants/*_test.cc), which its checker must catch.
TEST(MutantCoverage, EveryMutantHasACase) {
  std::vector<bool> covered(kMutantCount + 1, false);
  for (const Mutant m : mutants_with_a_case()) covered[static_cast<std::size_t>(m)] = true;
  for (int m = 1; m <= kMutantCount; ++m)
    EXPECT_TRUE(covered[static_cast<std::size_t>(m)])
        << mutant_name(static_cast<Mutant>(m)) << " has no test case";
}

}  // namespace
}  // namespace reclaim
