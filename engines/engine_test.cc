// Tests of the engine interface (engine.h) for what a mutation campaign asks of it: with
// first_violation, an engine stops at the first claim that falls and says how soon it fell;
// without it, the same run goes on through the traces it was asked for.
#include "engines/engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "model/mutant.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

namespace fs = std::filesystem;

// A request on timelock with the removal-delay decrease applied at once (breaks R-TL-3,
// which its DELAY-MONO claim guards), asking for `traces` traces in each phase.
EngineRequest broken_timelock(long traces, bool first_violation, const fs::path& out) {
  Result<Variant> v = load_variant("timelock");
  EXPECT_TRUE(v.ok()) << v.error().str();
  EngineRequest r;
  r.variant = *v;
  r.variant.policy.mutant = Mutant::kDelayDecreaseImmediate;
  r.variant_spelling = "timelock";
  r.engine = "random";
  r.seed = 7;
  r.traces = traces;
  r.weakness_traces = traces;
  r.first_violation = first_violation;
  r.out_dir = out.string();
  return r;
}

int violated_claims(const EngineResult& r) {
  int n = 0;
  for (const ClaimVerdict& v : r.verdicts) n += v.claimed && v.violated();
  return n;
}

TEST(Engine, FirstViolationStopsAtTheFirstFallenClaim) {
  const fs::path out = fs::temp_directory_path() /
                       ("reclaim-engine-test-" + std::to_string(getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  constexpr long kTraces = 400;

  const EngineResult first = run_engine("random", broken_timelock(kTraces, true, out));
  EXPECT_TRUE(first.problems.empty());
  ASSERT_GE(violated_claims(first), 1);
  bool delay_mono = false;
  for (const ClaimVerdict& v : first.verdicts)
    if (v.invariant == "DELAY-MONO" && v.violated()) {
      delay_mono = true;
      EXPECT_GE(v.seconds_to_find, 0);
      EXPECT_FALSE(v.scn_text.empty());
    }
  EXPECT_TRUE(delay_mono);
  // It stopped in the claims phase: fewer traces than asked, and no weaknesses searched.
  EXPECT_LT(first.figures["phase_traces"][0].get<long>(), kTraces);
  EXPECT_EQ(first.figures["phase_traces"][1].get<long>(), 0);

  // Without the flag the same run searches every asked trace of both phases.
  const EngineResult all = run_engine("random", broken_timelock(kTraces, false, out));
  EXPECT_TRUE(all.problems.empty());
  EXPECT_GE(violated_claims(all), 1);
  EXPECT_EQ(all.figures["phase_traces"][0].get<long>(), kTraces);
  EXPECT_GT(all.figures["phase_traces"][1].get<long>(), 0);
  fs::remove_all(out);
}

}  // namespace
}  // namespace reclaim
