// Test support for the invariant suites (properties/invariants/*_test.cc, beside their
// checkers, and the catalogue's): a runner that feeds recorded steps to one checker,
// optionally judging them against another World (same names, another policy); assertions
// that an invariant held, or was violated at a given step; a tick step recorded by hand; and
// the mutant cases of model/mutant.h, each written beside the invariant it breaks and
// registered so that the catalogue's suite can tell that every mutant has one. A violating
// run is built by running the World under a deliberately broken policy (judged against the
// intended one), by re-running the real step function on a state that a broken rule would
// have produced, by tampering with a copy of a real step, or by a mutant. The World and
// alice's identity come from the test bed (sim/testing.h).
#ifndef RECLAIM_PROPERTIES_TEST_SUPPORT_H_
#define RECLAIM_PROPERTIES_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/mutant.h"
#include "model/step.h"
#include "properties/invariant.h"
#include "sim/testing.h"

namespace reclaim::fixtures {

// Every invariant id of the catalogue, in its order.
inline std::vector<std::string> all_ids() {
  std::vector<std::string> ids;
  for (const InvariantInfo& i : catalogue()) ids.emplace_back(i.id);
  return ids;
}

// Feeds `steps` to a fresh checker for `id`, judging against `judge` (its policy, names,
// owners and, for at_end, its final state); the first violation, if any.
inline std::optional<Violation> first_violation(const World& judge, const std::vector<Step>& steps,
                                                std::string_view id) {
  std::unique_ptr<Checker> c = make_checker(id);
  if (c == nullptr) SetupError("unknown invariant " + std::string(id));
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (auto v = c->on_step(judge, steps[i], i)) return v;
  return c->at_end(judge);
}
inline std::optional<Violation> first_violation(const World& w, std::string_view id) {
  return first_violation(w, w.steps(), id);
}

inline ::testing::AssertionResult Holds(const std::optional<Violation>& v) {
  if (!v) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << v->invariant << " violated at step " << v->step << ": " << v->message;
}

inline ::testing::AssertionResult ViolatedAt(const std::optional<Violation>& v, std::string_view id,
                                             std::size_t step) {
  if (!v) return ::testing::AssertionFailure() << id << " held; expected a violation at " << step;
  if (v->invariant != id || v->step != step)
    return ::testing::AssertionFailure()
           << "expected " << id << " at step " << step << ", got " << v->invariant << " at step "
           << v->step << ": " << v->message;
  // RECLAIM_SHOW_VIOLATIONS=1 prints every expected violation: a quick read of the messages.
  if (std::getenv("RECLAIM_SHOW_VIOLATIONS") != nullptr)
    std::cout << "  " << v->invariant << " @" << v->step << ": " << v->message << "\n";
  return ::testing::AssertionSuccess();
}

// The index of the first tick step with an event `e` for identity `identity`.
inline std::size_t first_tick(const World& w, TickEvent e, IdentityId identity) {
  for (std::size_t i = 0; i < w.steps().size(); ++i) {
    const Step& s = w.steps()[i];
    if (s.kind != Step::Kind::kTick) continue;
    for (const Matured& m : s.matured)
      if (m.event == e && m.identity == identity) return i;
  }
  return static_cast<std::size_t>(-1);
}

// A tick step recorded by hand: the real tick() run on `state` at `now`.
inline Step tick_step(const World& w, const State& state, Time now) {
  TickResult t = tick(w.policy(), state, now);
  Step s;
  s.kind = Step::Kind::kTick;
  s.time = now;
  for (const Matured& m : t.events) s.matured.push_back(m);
  s.before = state;
  s.after = t.state;
  s.knowledge = w.knowledge();
  return s;
}

// alice loses all three of her devices.
inline void lose_everything(Bed& a) {
  a.Event(EventKind::kLose, a.alice, a.laptop);
  a.Event(EventKind::kLose, a.alice, a.yubikey);
  a.Event(EventKind::kLose, a.alice, a.phrase);
}

// alice loses everything; bob starts a recovery to alice/new for her, carol approves, and the
// clock runs past the delay. The index of the tick that completes the recovery, if any.
inline std::size_t recover_with_bob_and_carol(Bed& a) {
  lose_everything(a);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  a.world.advance_to(8 * kDay);
  return first_tick(a.world, TickEvent::kRecoveryCompleted, a.id);
}

// --- mutants ---

inline constexpr std::size_t kAtEnd = static_cast<std::size_t>(-2);  // at_end: steps().size()
inline constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);

// A deliberately broken rule (model/mutant.h) and the invariant that must catch it.
struct MutantCase {
  Mutant mutant = Mutant::kNone;
  std::string invariant;
  std::function<Policy()> policy;  // the intact policy; the mutant is set on a copy
  StandardOptions setup;           // of the standard identity
  // Drives the run; returns the step index where the mutant's break must be reported.
  std::function<std::size_t(Bed&)> run;
};

// The mutants that have a case, one entry per registered case (see mutant_case).
inline std::vector<Mutant>& mutants_with_a_case() {
  static std::vector<Mutant> covered;
  return covered;
}
// Registers `c` as a case of its mutant and returns it: a test file holds its cases as
// `const MutantCase kName = mutant_case({...});`, so every case is known before any test runs.
inline MutantCase mutant_case(MutantCase c) {
  mutants_with_a_case().push_back(c.mutant);
  return c;
}

// The mutant is caught by its invariant's checker at the step where the break shows, while the
// same run with the intact rules satisfies that invariant. The checkers never read
// Policy::mutant: they judge the run against the policy it claims to have.
inline void ExpectCaught(const MutantCase& c) {
  Policy broken = c.policy();
  broken.mutant = c.mutant;
  Bed run(broken, c.setup);
  std::size_t at = c.run(run);
  ASSERT_NE(at, kNowhere) << "the run never showed the break";
  if (at == kAtEnd) at = run.world.steps().size();
  std::optional<Violation> v = first_violation(run.world, c.invariant);
  ASSERT_TRUE(v.has_value()) << c.invariant << " missed the mutant";
  EXPECT_EQ(v->invariant, c.invariant);
  EXPECT_EQ(v->step, at) << v->message;

  Bed intact(c.policy(), c.setup);
  c.run(intact);
  std::optional<Violation> ok = first_violation(intact.world, c.invariant);
  EXPECT_FALSE(ok.has_value()) << "intact rules: " << ok->message;
}

}  // namespace reclaim::fixtures

#endif  // RECLAIM_PROPERTIES_TEST_SUPPORT_H_
