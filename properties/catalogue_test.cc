// The catalogue as a whole: one checker per DESIGN id, in DESIGN order, each with a precise
// statement; make_checker and check_all behave as invariant.h promises; every invariant holds
// on a benign run of the richest policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <random>
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

TEST(Catalogue, HasOneCheckerPerDesignIdInOrder) {
  const std::vector<std::string_view>& design = invariant_ids();
  ASSERT_EQ(catalogue().size(), design.size());
  for (std::size_t i = 0; i < design.size(); ++i) {
    const InvariantInfo& info = catalogue()[i];
    EXPECT_EQ(info.id, design[i]);
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

// Cost: checking every invariant at a step should cost about as much as the apply() that
// made it (the target is at most about 2x). A long mixed run of the social policy is checked
// by check_all and its request steps re-applied; the ratio is printed, and bounded loosely
// (10x, against noise) in optimized, unsanitized builds only.
TEST(Cost, CheckingEveryInvariantCostsAboutOneApplyPerStep) {
  std::vector<std::unique_ptr<Alice>> runs;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    auto a =
        std::make_unique<Alice>(social(), SetupOptions{.guardians = true, .asset = true}, seed);
    std::mt19937_64 rng(seed);
    a->event(EventKind::kReacts, a->alice, kNone, kDay);
    a->event(EventKind::kCopy, a->mallory, a->yubikey);
    const ActorId actors[] = {a->alice, a->mallory, a->bob, a->carol};
    for (int k = 0; k < 150; ++k) {
      const Identity& id = a->state();
      if (rng() % 10 == 0) a->w.advance_to(a->w.now() + (rng() % 2 ? kHour : kDay));
      const ActorId actor = actors[rng() % 4];
      Args args;
      args.device = id.devices.empty() ? kNone : id.devices[rng() % id.devices.size()].id;
      args.device2 = a->device("alice/n" + std::to_string(rng() % 30));
      args.duration = rng() % 2 ? kWeek : kMonth;
      args.actor = actors[rng() % 4];
      args.weight = 1;
      args.asset = a->neuron;
      args.amount = 1;
      args.code = id.registration.code;
      SignWith with;
      for (const Device& d : id.devices)
        if (a->w.holds(actor, d.id) && with.devices.size() < 2) with.devices.push_back(d.id);
      with.guardian = id.guardian(actor) != nullptr;
      (void)a->w.submit(actor, a->id, static_cast<Op>(1 + rng() % kOpCount), args, with, actor);
    }
    a->w.advance_to(a->w.now() + 30 * kDay);
    runs.push_back(std::move(a));
  }
  using Clock = std::chrono::steady_clock;
  std::size_t steps = 0, requests = 0;
  uint64_t sink = 0;
  const Clock::time_point t0 = Clock::now();
  for (const auto& a : runs)
    for (const Step& s : a->w.steps()) {
      if (s.kind != Step::Kind::kRequest) continue;
      ++requests;
      sink += static_cast<uint64_t>(apply(a->w.policy(), s.before, s.request, s.time).verdict);
    }
  const Clock::time_point t1 = Clock::now();
  for (const auto& a : runs) {
    steps += a->w.steps().size();
    sink += check_all(a->w, all_ids()).held.size();
  }
  const Clock::time_point t2 = Clock::now();
  const double apply_ns = std::chrono::duration<double, std::nano>(t1 - t0).count() /
                          static_cast<double>(std::max<std::size_t>(requests, 1));
  const double check_ns = std::chrono::duration<double, std::nano>(t2 - t1).count() /
                          static_cast<double>(std::max<std::size_t>(steps, 1));
  const double ratio = check_ns / apply_ns;
  std::cout << "  " << steps << " steps (" << requests << " requests): apply " << apply_ns
            << " ns/request, check_all(" << catalogue().size() << ") " << check_ns
            << " ns/step, ratio " << ratio << " (" << sink % 2 << ")\n";
  RecordProperty("check_to_apply_ratio", std::to_string(ratio));
  ASSERT_GT(steps, 1000u);
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(ratio, 10.0);
#endif
}

}  // namespace
}  // namespace reclaim
