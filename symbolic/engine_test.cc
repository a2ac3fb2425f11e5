// The Z3 engine's headline results on the built-in variants, each a short search.
#include "symbolic/engine.h"

#include <gtest/gtest.h>

#include "scenarios/runner.h"
#include "trace/parse.h"

namespace reclaim {
namespace {

Variant load(const std::string& name) {
  Result<Variant> v = load_variant(name);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().str());
  return v.ok() ? *v : Variant{};
}

const ClaimVerdict& find(const SymbolicReport& r, const std::string& id) {
  for (const ClaimVerdict& v : r.verdicts)
    if (v.invariant == id) return v;
  return r.verdicts.front();
}

std::string failures(const SymbolicReport& r) {
  std::string out;
  for (const std::string& f : r.failures) out += f + "\n";
  return out;
}

TEST(SymbolicEngine, Ii2021ReclaimIsViolatedAndTheCounterexampleReplays) {
  const Variant v = load("ii-2021");
  SymbolicOptions o;
  o.depth = 6;
  o.budget_seconds = 60;
  o.invariants = {"RECLAIM"};
  o.differential_steps = 40;
  const SymbolicReport r = run_symbolic(v, o);
  ASSERT_TRUE(r.ok()) << failures(r);
  const ClaimVerdict& reclaim = find(r, "RECLAIM");
  ASSERT_EQ(reclaim.label, Label::kViolated) << label_text(reclaim) << " " << reclaim.why;
  std::printf("%s\nfound in %.2f s\n", reclaim.scn_text.c_str(), reclaim.seconds_to_find);
  // `reclaim run` replays it: the scenario parses and the runner sees RECLAIM violated.
  Result<Scenario> sc = parse_scenario(reclaim.scn_text, "cx.scn");
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  Result<std::vector<VariantRun>> runs = run_scenario(*sc, RunOptions{});
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_TRUE(runs->front().passed());
  bool violated = false;
  for (const InvariantResult& i : runs->front().invariants) violated |= i.id == "RECLAIM" && !i.held;
  EXPECT_TRUE(violated);
}

}  // namespace
}  // namespace reclaim
