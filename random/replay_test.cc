// The random engine's counterexamples replay: every .scn it writes, run by the scenario
// runner exactly as `reclaim run` does, violates the same invariant and records the very
// same trace (equal trace hashes). Headline: ii-2021's RECLAIM weakness, found by the engine
// and shrunk to a few steps, replays to the same violation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "random/engine.h"
#include "scenarios/runner.h"
#include "trace/parse.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int kTraces = 100;
#else
constexpr int kTraces = 400;
#endif
constexpr uint64_t kSeed = 20240611;

// A folder of this process's own: other test processes (ctest -j, other checkouts' runs on the
// same machine) run the same cases at the same time.
std::string out_dir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      ("reclaim-random-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

// Steps of a scenario: events, requests and replays (not setup, clock moves, expectations).
int steps_of(const Scenario& sc) {
  int n = 0;
  for (const Statement& st : sc.statements)
    n += st.kind == StmtKind::kEvent || st.kind == StmtKind::kRequest ||
         st.kind == StmtKind::kReplay;
  return n;
}

// Replays the verdict's counterexample file and checks it reproduces the violation.
void expect_replays(const std::string& variant, const InvariantVerdict& v) {
  SCOPED_TRACE(variant + " " + v.id);
  ASSERT_FALSE(v.counterexample_path.empty());
  Result<Scenario> sc = load_scenario(v.counterexample_path);
  ASSERT_TRUE(sc.ok()) << sc.error().str() << "\n" << v.scn_text;
  Result<std::vector<VariantRun>> runs = run_scenario(*sc, RunOptions{});
  ASSERT_TRUE(runs.ok()) << runs.error().str() << "\n" << v.scn_text;
  ASSERT_EQ(runs->size(), 1u);
  const VariantRun& run = runs->front();
  EXPECT_EQ(run.variant, variant);
  bool violated = false;
  for (const InvariantResult& inv : run.invariants)
    if (inv.id == v.id) violated = !inv.held;
  EXPECT_TRUE(violated) << v.scn_text;
  for (const ExpectResult& e : run.expectations)
    EXPECT_TRUE(e.passed) << e.text << ": " << e.detail;
  EXPECT_EQ(run.trace_hash, v.trace_hash) << "the replay recorded another trace\n" << v.scn_text;
}

TEST(RandomReplay, Ii2021ReclaimShrunkAndReplayedByTheRunner) {
  Result<Variant> v = load_variant("ii-2021");
  ASSERT_TRUE(v.ok()) << v.error().str();
  RandomOptions o;
  o.seed = kSeed;
  o.max_traces = kTraces;
  o.invariants = {"RECLAIM"};
  o.out_dir = out_dir("ii-2021");
  const RandomReport r = run_random(*v, o);
  ASSERT_EQ(r.verdicts.size(), 1u);
  const InvariantVerdict& reclaim = r.verdicts[0];
  ASSERT_FALSE(reclaim.held) << "RECLAIM not found in " << reclaim.traces << " traces";
  std::printf("%s\n", reclaim.scn_text.c_str());
  // How soon, in traces (the seed fixes them); the seconds it took are the bench's figure.
  EXPECT_LE(reclaim.found_after, 100);
  Result<Scenario> sc = load_scenario(reclaim.counterexample_path);
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  EXPECT_LE(steps_of(*sc), 4);
  // The attack itself: a device of alice taken, alice/phrase removed with it.
  bool taken = false, removed = false;
  for (const Statement& st : sc->statements) {
    taken |= st.kind == StmtKind::kEvent && st.actor == "mallory" &&
             (st.event == EventKind::kSteal || st.event == EventKind::kCopy);
    removed |= st.kind == StmtKind::kRequest && st.actor == "mallory" &&
               (st.op == Op::kRemoveDevice || st.op == Op::kReplaceDevice) &&
               st.device == "alice/phrase";
  }
  EXPECT_TRUE(taken && removed) << reclaim.scn_text;
  expect_replays("ii-2021", reclaim);
  if (!HasFailure()) std::filesystem::remove_all(o.out_dir);
}

// Every counterexample of every built-in variant (broken claims and expected weaknesses).
TEST(RandomReplay, EveryCounterexampleReplaysToTheSameViolation) {
  int replayed = 0;
  for (const std::string& name : builtin_variant_names()) {
    Result<Variant> v = load_variant(name);
    ASSERT_TRUE(v.ok()) << v.error().str();
    RandomOptions o;
    o.seed = kSeed;
    o.max_traces = kTraces;
    o.out_dir = out_dir(name);
    const RandomReport r = run_random(*v, o);
    for (const std::string& n : r.problems) ADD_FAILURE() << name << ": " << n;
    for (const InvariantVerdict& verdict : r.verdicts) {
      if (verdict.held) continue;
      expect_replays(name, verdict);
      ++replayed;
    }
    if (!HasFailure()) std::filesystem::remove_all(o.out_dir);
  }
  std::printf("%d counterexamples replayed\n", replayed);
  EXPECT_GT(replayed, 0);
}

}  // namespace
}  // namespace reclaim
