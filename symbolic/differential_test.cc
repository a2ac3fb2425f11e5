// The differential phase on every built-in variant: the encoding and the model agree on
// random runs from the standard identity.
#include "symbolic/differential.h"

#include <gtest/gtest.h>

namespace reclaim::sym {
namespace {

class Differential : public ::testing::TestWithParam<std::string> {};

TEST_P(Differential, EncodingAgreesWithTheModel) {
  Result<Variant> v = load_variant(GetParam());
  ASSERT_TRUE(v.ok());
  z3::context c;
  const Encoding enc(c, v->policy, Scope{});
  const Evaluator ev(enc);
  DifferentialOptions o;
  o.seed = 7;
  o.steps = 150;
  const DifferentialReport r = run_differential(enc, ev, v->name, o);
  EXPECT_TRUE(r.ok) << r.mismatch << "\n" << r.scn_text;
  EXPECT_GE(r.steps, 150);
  std::printf("%s: %ld steps in %ld runs (%ld left the scope), %ld answers, %.1f s\n",
              GetParam().c_str(), r.steps, r.runs, r.left_scope, r.reactions, r.seconds);
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
