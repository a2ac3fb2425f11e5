// Mutation tests: every deliberately broken rule of model/mutant.h is caught by the checker
// of the invariant it breaks, at the step where the break shows, while the same run with the
// intact rules satisfies that invariant. The checkers never read Policy::mutant: they judge
// the run against the policy it claims to have.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "model/mutant.h"
#include "properties/invariant.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

constexpr std::size_t kAtEnd = static_cast<std::size_t>(-2);  // at_end: steps().size()
constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);

struct Case {
  Mutant mutant;
  std::string invariant;
  std::function<Policy()> policy;
  SetupOptions setup;
  // Drives the run; returns the step index where the mutant's break must be reported.
  std::function<std::size_t(Alice&)> run;
};

Args one_delay(Duration d) {
  Args a;
  a.duration = d;
  return a;
}

std::size_t lose_and_let_bob_recover(Alice& a) {
  a.event(EventKind::kLose, a.alice, a.laptop);
  a.event(EventKind::kLose, a.alice, a.yubikey);
  a.event(EventKind::kLose, a.alice, a.phrase);
  Args r;
  r.device2 = a.device("alice/new");
  a.submit(a.bob, Op::kStartRecovery, r, by_guardian(), a.alice);
  a.w.advance_to(8 * kDay);
  return first_tick(a.w, TickEvent::kRecoveryCompleted, a.id);
}

std::vector<Case> cases() {
  std::vector<Case> c;
  c.push_back({Mutant::kDelayDecreaseImmediate, "DELAY-MONO", timelock, {}, [](Alice& a) {
                 a.submit(a.alice, Op::kSetRemovalDelay, one_delay(kMonth), by({a.laptop}));
                 return a.submit(a.alice, Op::kSetRemovalDelay, one_delay(kWeek), by({a.laptop}));
               }});
  c.push_back({Mutant::kProtectedUnchecked, "PROTECTED", ii_protected, {}, [](Alice& a) {
                 a.event(EventKind::kCopy, a.mallory, a.yubikey);
                 return a.submit(a.mallory, Op::kRemoveDevice, remove_args(a.phrase),
                                 by({a.yubikey}));
               }});
  c.push_back({Mutant::kGuardianWeightTwice,
               "GUARDIAN-MINORITY",
               social,
               {.guardians = true},
               lose_and_let_bob_recover});
  c.push_back({Mutant::kReplayNotStored, "REPLAY", timelock, {}, [](Alice& a) {
                 const std::size_t i = a.submit(a.alice, Op::kLogin, {}, by({a.laptop}));
                 const Request r = a.w.steps()[i].request;
                 a.w.replay(a.mallory, r);
                 for (std::size_t k = a.w.steps().size(); k-- > 0;)
                   if (a.w.steps()[k].actor == a.mallory) return k;
                 return kNowhere;
               }});
  c.push_back({Mutant::kDeadlineEarly, "DELAY", timelock, {}, [](Alice& a) {
                 a.submit(a.alice, Op::kRemoveDevice, remove_args(a.phrase), by({a.phrase}));
                 a.w.advance_to(kWeek - 1);  // one second before the phrase may leave
                 const std::size_t t = first_tick(a.w, TickEvent::kMatured, a.id);
                 a.w.advance_to(8 * kDay);
                 return t;
               }});
  c.push_back({Mutant::kTimelockSkipped, "DELAY", timelock, {}, [](Alice& a) {
                 return a.submit(a.alice, Op::kRemoveDevice, remove_args(a.phrase), by({a.phrase}));
               }});
  c.push_back(
      {Mutant::kTimelockSkipped, "RECLAIM", timelock, {.phrase_protected = false}, [](Alice& a) {
         a.event(EventKind::kReacts, a.alice, kNone, kDay);
         a.event(EventKind::kSteal, a.mallory, a.yubikey);
         const std::size_t i =
             a.submit(a.mallory, Op::kRemoveDevice, remove_args(a.phrase), by({a.yubikey}));
         a.w.advance_to(30 * kDay);
         return i;
       }});
  c.push_back({Mutant::kTwoFactorOneDevice, "TWO-FACTOR", timelock_2fa, {}, [](Alice& a) {
                 a.event(EventKind::kCopy, a.mallory, a.yubikey);
                 return a.submit(
                     a.mallory, Op::kAddDevice,
                     add_args(a.device("alice/evil"), DeviceKind::kSecurityKey, Purpose::kAuth),
                     by({a.yubikey}));
               }});
  c.push_back({Mutant::kRemovalUnnotified, "NOTIFY", timelock, {}, [](Alice& a) {
                 a.event(EventKind::kCopy, a.mallory, a.yubikey);
                 return a.submit(a.mallory, Op::kRemoveDevice, remove_args(a.laptop),
                                 by({a.yubikey}));
               }});
  c.push_back({Mutant::kRemovalUnnotified, "EVICT", timelock, {}, [](Alice& a) {
                 a.event(EventKind::kReacts, a.alice, kNone, kDay);
                 a.event(EventKind::kSteal, a.mallory, a.yubikey);
                 a.w.advance_to(kHour);
                 a.submit(a.mallory, Op::kRemoveDevice, remove_args(a.laptop), by({a.yubikey}));
                 a.w.advance_to(10 * kDay);
                 return kAtEnd;
               }});
  c.push_back({Mutant::kSessionManagesDevices, "AUTH", timelock, {}, [](Alice& a) {
                 a.submit(a.alice, Op::kLogin, {}, by({a.laptop}));
                 a.event(EventKind::kHijack, a.mallory);
                 return a.submit(a.mallory, Op::kRemoveDevice, remove_args(a.yubikey),
                                 by_session());
               }});
  c.push_back({Mutant::kVetoIgnored, "VETO", social, {.guardians = true}, [](Alice& a) {
                 a.event(EventKind::kCollude, a.bob);
                 a.event(EventKind::kCollude, a.carol);
                 Args r;
                 r.device2 = a.device("alice/evil");
                 a.submit(a.bob, Op::kStartRecovery, r, by_guardian(), a.mallory);
                 a.submit(a.carol, Op::kApproveRecovery, {}, by_guardian());
                 a.submit(a.alice, Op::kVetoRecovery, {}, by({a.phrase}));
                 a.w.advance_to(8 * kDay);
                 return first_tick(a.w, TickEvent::kRecoveryCompleted, a.id);
               }});
  c.push_back({Mutant::kAssetLockIgnored,
               "ASSET",
               ii2021,
               {.asset = true, .asset_locked_until = 180 * kDay},
               [](Alice& a) {
                 Args t;
                 t.asset = a.neuron;
                 t.amount = 100;
                 t.actor = a.mallory;
                 return a.submit(a.alice, Op::kTransfer, t, by({a.laptop}));
               }});
  c.push_back({Mutant::kTentativeCodeUnchecked, "TENTATIVE", ii2021, {}, [](Alice& a) {
                 a.submit(a.alice, Op::kEnterRegistration, {}, by({a.laptop}));
                 a.submit(a.mallory, Op::kAddTentative,
                          add_args(a.device("alice/evil"), DeviceKind::kPasskey, Purpose::kAuth),
                          by({}));
                 Args wrong;
                 wrong.code = a.state().registration.code ^ 1;
                 return a.submit(a.alice, Op::kVerifyTentative, wrong, by({a.laptop}));
               }});
  c.push_back({Mutant::kDeviceLimitOffByOne,
               "BOUNDS",
               [] {
                 Policy p = ii2021();
                 p.max_devices = 3;
                 return p;
               },
               {},
               [](Alice& a) {
                 return a.submit(
                     a.alice, Op::kAddDevice,
                     add_args(a.device("alice/tablet"), DeviceKind::kPasskey, Purpose::kAuth),
                     by({a.laptop}));
               }});
  c.push_back({Mutant::kRecoveryWithoutQuorum,
               "GUARDIAN-MINORITY",
               social,
               {.guardians = true},
               lose_and_let_bob_recover});
  return c;
}

class Mutants : public ::testing::TestWithParam<Case> {};

TEST_P(Mutants, CaughtByItsInvariantAndAbsentWithIntactRules) {
  const Case& c = GetParam();
  Policy broken = c.policy();
  broken.mutant = c.mutant;
  Alice run(broken, c.setup);
  std::size_t at = c.run(run);
  ASSERT_NE(at, kNowhere) << "the run never showed the break";
  if (at == kAtEnd) at = run.w.steps().size();
  std::optional<Violation> v = first_violation(run.w, c.invariant);
  ASSERT_TRUE(v.has_value()) << c.invariant << " missed the mutant";
  EXPECT_EQ(v->invariant, c.invariant);
  EXPECT_EQ(v->step, at) << v->message;

  Alice intact(c.policy(), c.setup);
  c.run(intact);
  std::optional<Violation> ok = first_violation(intact.w, c.invariant);
  EXPECT_FALSE(ok.has_value()) << "intact rules: " << ok->message;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = std::string(mutant_name(info.param.mutant)) + "_" + info.param.invariant;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllMutants, Mutants, ::testing::ValuesIn(cases()), case_name);

TEST(MutantCoverage, EveryMutantHasACase) {
  std::vector<bool> covered(kMutantCount + 1, false);
  for (const Case& c : cases()) covered[static_cast<std::size_t>(c.mutant)] = true;
  for (int m = 1; m <= kMutantCount; ++m)
    EXPECT_TRUE(covered[static_cast<std::size_t>(m)])
        << mutant_name(static_cast<Mutant>(m)) << " has no test case";
}

}  // namespace
}  // namespace reclaim
