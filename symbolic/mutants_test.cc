// The engine's teeth. Each test-only mutant of model/mutant.h is
//   - switched on in the model only: the differential phase reports a mismatch;
//   - switched on in both (the encoding reads Policy::mutant too): the search finds a
//     counterexample to an invariant the variant claims, which replays on the model with the
//     mutant, and no longer violates it without the mutant (it is the mutant's doing).
// REPLAY is not encoded, so replay-not-stored has the first test only (see its test). A mutant
// of a rule the encoding does not model at all (asset-one-factor breaks R-AST-9, whose policy
// switch the encoding does not read) is listed apart: the engine must claim nothing about it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/mutant.h"
#include "symbolic/counterexample.h"
#include "symbolic/coverage.h"
#include "symbolic/differential.h"
#include "symbolic/engine.h"
#include "trace/parse.h"

namespace reclaim {
namespace {

struct Case {
  Mutant mutant;
  std::string variant;    // built-in variant the mutant is tried under
  std::string invariant;  // the claimed invariant its counterexample violates
  // Policy tweaks that make the mutant's rule reachable in the scope.
  uint32_t max_devices = 0;  // 0 = as the variant says
  bool no_registration = false;
};

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  std::string n(mutant_name(info.param.mutant));
  for (char& c : n)
    if (c == '-') c = '_';
  return n;
}

Variant variant_of(const Case& c) {
  Result<Variant> v = load_variant(c.variant);
  EXPECT_TRUE(v.ok());
  Variant out = *v;
  if (c.max_devices > 0) out.policy.max_devices = c.max_devices;
  if (c.no_registration) out.policy.registration = false;
  return out;
}

const std::vector<Case> kCases = {
    {Mutant::kDelayDecreaseImmediate, "timelock", "DELAY-MONO"},
    {Mutant::kProtectedUnchecked, "ii-protected", "PROTECTED"},
    {Mutant::kGuardianWeightTwice, "social", "GUARDIAN-MINORITY"},
    {Mutant::kReplayNotStored, "timelock", "REPLAY"},
    {Mutant::kDeadlineEarly, "timelock", "DELAY"},
    {Mutant::kTimelockSkipped, "timelock", "DELAY"},
    {Mutant::kTwoFactorOneDevice, "timelock-2fa", "TWO-FACTOR"},
    {Mutant::kRemovalUnnotified, "timelock", "NOTIFY"},
    {Mutant::kSessionManagesDevices, "timelock", "ASSET"},
    {Mutant::kVetoIgnored, "social", "VETO"},
    {Mutant::kAssetLockIgnored, "ii-2021", "ASSET"},
    {Mutant::kTentativeCodeUnchecked, "ii-protected", "TENTATIVE"},
    {Mutant::kDeviceLimitOffByOne, "ii-2021", "BOUNDS", 3, true},
    {Mutant::kRecoveryWithoutQuorum, "social", "GUARDIAN-MINORITY"},
};

// Mutants of rules outside the encoding, with the built-in variant that claims what they break.
const std::vector<Case> kOutsideTheEncoding = {
    {Mutant::kAssetOneFactor, "thread-proposal", "ASSET-2FA"},
};

class Mutants : public ::testing::TestWithParam<Case> {};

TEST(MutantCases, EveryMutantHasACase) {
  EXPECT_EQ(kCases.size() + kOutsideTheEncoding.size(), static_cast<std::size_t>(kMutantCount));
  for (int m = 1; m <= kMutantCount; ++m) {
    bool found = false;
    for (const Case& c : kCases) found |= c.mutant == static_cast<Mutant>(m);
    for (const Case& c : kOutsideTheEncoding) found |= c.mutant == static_cast<Mutant>(m);
    EXPECT_TRUE(found) << mutant_name(static_cast<Mutant>(m));
  }
}

// A mutant the encoding cannot mirror: its variant sets what the encoding does not read, so the
// engine labels the broken claim `not encoded` instead of proving or bounding it.
TEST(MutantCases, AMutantOutsideTheEncodingGetsNoClaim) {
  for (const Case& c : kOutsideTheEncoding) {
    SCOPED_TRACE(std::string(mutant_name(c.mutant)));
    Variant v = variant_of(c);
    EXPECT_FALSE(sym::unencoded_settings(v.policy).empty());
    ASSERT_NE(std::find(v.claims.begin(), v.claims.end(), c.invariant), v.claims.end());
    v.policy.mutant = c.mutant;
    SymbolicOptions o;
    o.depth = 3;
    o.budget_seconds = 60;
    o.invariants = {c.invariant};
    o.differential_steps = 20;
    o.induction = false;
    const SymbolicReport r = run_symbolic(v, o);
    const ClaimVerdict* verdict = nullptr;
    for (const ClaimVerdict& x : r.verdicts)
      if (x.invariant == c.invariant) verdict = &x;
    ASSERT_NE(verdict, nullptr);
    EXPECT_EQ(verdict->label, Label::kNotEncoded) << label_text(*verdict);
  }
}

TEST_P(Mutants, InTheModelOnlyTheDifferentialPhaseReportsAMismatch) {
  const Case& c = GetParam();
  const Variant v = variant_of(c);
  Policy mutated = v.policy;
  mutated.mutant = c.mutant;
  z3::context ctx;
  sym::Scope scope;
  scope.devices = 6;  // room for the random runs' new devices: longer runs before the edge
  const sym::Encoding enc(ctx, v.policy, scope);
  const sym::Evaluator ev(enc);
  sym::DifferentialOptions o;
  o.seed = 3;
  o.steps = 6000;  // the random attacker crafts as well: fewer steps reach a given rule
  o.concrete_policy = &mutated;
  const sym::DifferentialReport r = sym::run_differential(enc, ev, v.name, o);
  EXPECT_FALSE(r.ok) << "no mismatch in " << r.steps << " steps";
  EXPECT_FALSE(r.scn_text.empty());
  std::printf("%s: mismatch after %ld steps: %s\n", std::string(mutant_name(c.mutant)).c_str(),
              r.steps, r.mismatch.substr(0, 200).c_str());
}

TEST_P(Mutants, InBothTheSearchFindsTheMutantsCounterexample) {
  const Case& c = GetParam();
  Variant v = variant_of(c);
  const Policy clean = v.policy;
  v.policy.mutant = c.mutant;
  ASSERT_NE(std::find(v.claims.begin(), v.claims.end(), c.invariant), v.claims.end());
  SymbolicOptions o;
  o.depth = 8;
  o.budget_seconds = 500;  // a bound against a hung solver, not a speed target
  o.invariants = {c.invariant};
  o.differential_steps = 20;
  o.induction = false;
  const SymbolicReport r = run_symbolic(v, o);
  for (const std::string& f : r.failures) ADD_FAILURE() << f;
  const ClaimVerdict* verdict = nullptr;
  for (const ClaimVerdict& x : r.verdicts)
    if (x.invariant == c.invariant) verdict = &x;
  ASSERT_NE(verdict, nullptr);
  if (c.invariant == "REPLAY") {
    // Signatures and digests are not in the encoding: it says so rather than "holds".
    EXPECT_EQ(verdict->label, Label::kNotEncoded);
    return;
  }
  ASSERT_EQ(verdict->label, Label::kViolated) << label_text(*verdict) << " " << verdict->why;
  Result<Scenario> sc = parse_scenario(verdict->scn_text, "cx.scn");
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  EXPECT_TRUE(sym::violates(v.policy, *sc, c.invariant)) << verdict->scn_text;
  EXPECT_FALSE(sym::violates(clean, *sc, c.invariant))
      << "the counterexample does not need the mutant:\n"
      << verdict->scn_text;
  std::printf("%s: %s at depth %d in %.2f s\n", std::string(mutant_name(c.mutant)).c_str(),
              c.invariant.c_str(), verdict->depth, verdict->seconds_to_find);
}

INSTANTIATE_TEST_SUITE_P(All, Mutants, ::testing::ValuesIn(kCases), name_of);

}  // namespace
}  // namespace reclaim
