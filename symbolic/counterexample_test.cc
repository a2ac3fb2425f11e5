// Counterexamples as scenarios: a BMC model becomes statements that replay on the model and
// a scenario `reclaim run` accepts; one that does not replay is reported with both traces.
#include "symbolic/counterexample.h"

#include <gtest/gtest.h>

#include "symbolic/evaluate.h"
#include "symbolic/initial.h"
#include "trace/write.h"

namespace reclaim::sym {
namespace {

Variant load(const std::string& name) {
  Result<Variant> v = load_variant(name);
  EXPECT_TRUE(v.ok());
  return *v;
}

TEST(Counterexample, ABmcModelReplaysMinimisedThroughTheRunner) {
  const Variant v = load("ii-2021");
  z3::context c;
  const Encoding enc(c, v.policy, Scope{});
  const Invariants inv(enc);
  SearchOptions o;
  o.max_depth = 4;
  o.budget_seconds = 300;
  o.invariants = {"RECLAIM"};
  const SearchReport r = bmc(enc, inv, o);
  ASSERT_EQ(r.results.size(), 1u);
  ASSERT_TRUE(r.results[0].violated);
  const Counterexample& cx = r.results[0].cx;
  EXPECT_EQ(cx.actions.size() + 1, cx.states.size());
  const Concrete out = concretize(enc, v, "ii-2021", cx, "RECLAIM", "cx-test");
  EXPECT_TRUE(out.reproduced) << out.message << "\n" << out.concrete_trace;
  EXPECT_TRUE(out.runner_checked);
  EXPECT_LE(out.statements, out.symbolic_steps);
  EXPECT_NE(out.scn_text.find("scenario cx-test"), std::string::npos);
  EXPECT_NE(out.scn_text.find("variants ii-2021"), std::string::npos);
  EXPECT_NE(out.scn_text.find("expect violates RECLAIM"), std::string::npos);
  EXPECT_NE(out.scn_text.find("mallory"), std::string::npos);  // the attacker removes it
}

// A model's trace that the World does not take (the thief signs with a key it never stole) is
// not dropped: concretize says so and carries both traces for the report.
TEST(Counterexample, OneThatDoesNotReplayIsReportedWithBothTraces) {
  const Variant v = load("ii-2021");
  z3::context c;
  const Encoding enc(c, v.policy, Scope{});
  const Evaluator ev(enc);
  SymAction a = make_action(c, enc.scope());
  a.kind = c.int_val(static_cast<int>(ActionKind::kRequest));
  a.actor = c.int_val(kAttacker);
  a.receiver = c.int_val(kAttacker);
  a.op = c.int_val(static_cast<int>(Op::kRemoveDevice));
  a.dev = c.int_val(kPhrase);
  a.sig[kYubikey] = c.bool_val(true);
  Counterexample cx;
  cx.actions = {a};
  cx.states = {enc.initial(), ev.step(enc.initial(), a).post};
  const std::vector<Statement> sts = statements_of(enc, cx);
  ASSERT_EQ(sts.size(), 1u);
  EXPECT_EQ(write_statement(sts[0]), "mallory: remove-device alice/phrase by alice/yubikey");
  const Concrete out = concretize(enc, v, "ii-2021", cx, "RECLAIM", "cx-test");
  EXPECT_FALSE(out.reproduced);
  EXPECT_NE(out.message.find("does not hold alice/yubikey"), std::string::npos) << out.message;
  EXPECT_NE(out.symbolic_trace.find("mallory: remove-device alice/phrase"), std::string::npos);
  EXPECT_TRUE(out.scn_text.empty());
}

}  // namespace
}  // namespace reclaim::sym
