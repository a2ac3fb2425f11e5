// The catalogue as a whole: one checker per id, in catalogue order, each with a precise
// statement; make_checker and check_all behave as invariant.h promises; every invariant holds
// on a benign run of the richest policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "model/step.h"
#include "properties/invariant.h"
#include "properties/test_support.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

std::vector<std::string> all_ids() {
  std::vector<std::string> ids;
  for (const InvariantInfo& i : catalogue()) ids.emplace_back(i.id);
  return ids;
}

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
  Alice a(timelock());
  a.submit(a.alice, Op::kLogin, {}, by({a.laptop}));
  std::unique_ptr<Checker> first = make_checker("REPLAY"), second = make_checker("REPLAY");
  EXPECT_FALSE(first->on_step(a.w, a.w.steps()[0], 0));
  EXPECT_TRUE(first->on_step(a.w, a.w.steps()[0], 0));  // the same accepted request again
  EXPECT_FALSE(second->on_step(a.w, a.w.steps()[0], 0));
}

TEST(Catalogue, CheckAllSeparatesHeldFromViolated) {
  Alice a(timelock());  // no two-factor
  a.event(EventKind::kCopy, a.mallory, a.yubikey);
  a.submit(a.mallory, Op::kAddDevice,
           add_args(a.device("alice/evil"), DeviceKind::kSecurityKey, Purpose::kAuth),
           by({a.yubikey}));
  CheckReport r = check_all(a.w, {"AUTH", "TWO-FACTOR", "NOT-AN-ID", "NOTIFY"});
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
  Alice a(social(), {.phrase_protected = true, .guardians = true, .asset = true});
  a.event(EventKind::kReacts, a.alice, kNone, kDay);
  a.submit(a.alice, Op::kLogin, {}, by({a.laptop}));
  a.submit(a.alice, Op::kAddDevice,
           add_args(a.device("alice/tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           by({a.laptop, a.yubikey}));
  Args up;
  up.duration = kMonth;
  a.submit(a.alice, Op::kSetRemovalDelay, up, by({a.laptop, a.yubikey}));
  Args follow;
  follow.actor = a.carol;
  follow.actor2 = a.bob;
  a.submit(a.carol, Op::kFollow, follow, by_guardian());
  Args add_dave;
  add_dave.actor = a.dave;
  add_dave.weight = 1;
  a.submit(a.alice, Op::kAddGuardian, add_dave, by({a.laptop, a.yubikey}));
  Args transfer;
  transfer.asset = a.neuron;
  transfer.amount = 10;
  transfer.actor = a.bob;
  a.submit(a.alice, Op::kTransfer, transfer, by({a.laptop}));
  a.submit(a.alice, Op::kEnterRegistration, {}, by({a.laptop}));
  a.submit(a.alice, Op::kAddTentative,
           add_args(a.device("alice/phone"), DeviceKind::kPasskey, Purpose::kAuth), by({}));
  Args code;
  code.code = a.state().registration.code;
  a.submit(a.alice, Op::kVerifyTentative, code, by({a.laptop, a.yubikey}));
  a.w.advance_to(kHour);
  Args rec;
  rec.device2 = a.device("alice/other");
  a.submit(a.bob, Op::kStartRecovery, rec, by_guardian(), a.bob);  // the reactive owner vetoes
  a.w.advance_to(40 * kDay);
  EXPECT_FALSE(a.state().recovery.active);
  EXPECT_NE(a.state().guardian(a.dave), nullptr);
  CheckReport r = check_all(a.w, all_ids());
  for (const Violation& v : r.violated)
    ADD_FAILURE() << v.invariant << " at step " << v.step << ": " << v.message;
  EXPECT_EQ(r.held.size(), catalogue().size());
}

}  // namespace
}  // namespace reclaim
