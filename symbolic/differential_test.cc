// The differential phase on every built-in variant: the encoding and the model agree on
// random runs from the standard identity.
#include "symbolic/differential.h"

#include <gtest/gtest.h>

#include <cstdlib>

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

INSTANTIATE_TEST_SUITE_P(Variants, Differential,
                         ::testing::Values("ii-2021", "ii-protected", "timelock", "timelock-2fa",
                                           "social", "argent", "candide", "vault"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace reclaim::sym
