// The differential phase on every built-in variant the encoding covers: the encoding and the
// model agree on random runs from the standard identity.
#include "symbolic/differential.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "symbolic/coverage.h"

namespace reclaim::sym {
namespace {

class Differential : public ::testing::TestWithParam<std::string> {};

TEST_P(Differential, EncodingAgreesWithTheModel) {
  Result<Variant> v = load_variant(GetParam());
  ASSERT_TRUE(v.ok());
  z3::context c;
  Scope scope;
  scope.devices = 8;
  scope.pending = 4;
  scope.sessions = 2;
  scope.queue = 3;
  const Encoding enc(c, v->policy, scope);
  const Evaluator ev(enc);
  DifferentialOptions o;
  o.seed = 7;
  o.steps = 300;
  if (const char* n = std::getenv("RECLAIM_DIFFERENTIAL_STEPS")) o.steps = std::atoi(n);
  if (const char* n = std::getenv("RECLAIM_DIFFERENTIAL_SEED"))
    o.seed = std::strtoull(n, nullptr, 10);
  const DifferentialReport r = run_differential(enc, ev, v->name, o);
  EXPECT_TRUE(r.ok) << r.mismatch << "\n" << r.scn_text;
  EXPECT_GE(r.steps, o.steps);
  std::printf("%s: %ld steps in %ld runs (%ld left the scope), %ld answers, %.1f s\n",
              GetParam().c_str(), r.steps, r.runs, r.left_scope, r.reactions, r.seconds);
  for (const auto& [why, n] : r.scope_reasons) std::printf("  %ld: %s\n", n, why.c_str());
}

// The built-ins whose every setting the encoding models (coverage.h); the engine runs no
// differential phase, and claims nothing that needs one, for the others (argent,
// argent-starknet, thread-proposal, hardware-recovery).
const std::vector<std::string> kCovered = {"ii-2021", "ii-protected", "timelock",
                                           "timelock-2fa", "social", "vault", "candide"};

TEST(DifferentialVariants, EveryBuiltInTheEncodingCoversIsCompared) {
  std::vector<std::string> covered;
  for (const std::string& name : builtin_variant_names()) {
    Result<Variant> v = load_variant(name);
    ASSERT_TRUE(v.ok()) << name;
    if (unencoded_settings(v->policy).empty()) covered.push_back(name);
  }
  std::vector<std::string> listed = kCovered;
  std::sort(covered.begin(), covered.end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(covered, listed);
}

INSTANTIATE_TEST_SUITE_P(Variants, Differential, ::testing::ValuesIn(kCovered),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace reclaim::sym
