// The scenario runner: replays a Scenario (trace/scenario.h) under each variant it lists.
// For every variant it builds a World from the setup, drives the timeline (ticking on the
// way, applying compromise events, running the reactive owner), checks every `expect` where
// it stands and every invariant of the catalogue after every step, and returns per variant:
// each expectation's result, which claimed invariants held or were violated, which
// unclaimed ones failed (expected weaknesses), and the full recorded run.
#ifndef RECLAIM_SCENARIOS_RUNNER_H_
#define RECLAIM_SCENARIOS_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "model/result.h"
#include "sim/world.h"
#include "properties/invariant.h"
#include "trace/scenario.h"
#include "variants/variant.h"

namespace reclaim {

struct ExpectResult {
  Loc loc;
  std::string text;    // the expectation, as written (normalized)
  bool passed = false;
  std::string detail;  // what was found instead, when it failed
};

struct InvariantResult {
  std::string id;
  bool claimed = false;
  bool held = true;
  Violation violation;  // when !held
};

struct VariantRun {
  std::string variant;
  std::vector<ExpectResult> expectations;
  std::vector<InvariantResult> invariants;  // catalogue order
  std::unique_ptr<World> world;             // the recorded run
  uint64_t trace_hash = 0;                  // over every step's outcome and state hash
  // (statement index, index of the first step it produced), for the timeline.
  std::vector<std::pair<std::size_t, std::size_t>> statement_steps;
  bool passed() const;  // every expectation met and no claimed invariant violated
};

struct RunOptions {
  CryptoBackend crypto = CryptoBackend::kIdeal;
  uint64_t seed = 1;
  // Restrict to these: a name picks the scenario's variant of that name (a listed file by its
  // name), a path (containing '/' or ending in .toml) is run as given. Empty: as listed.
  std::vector<std::string> variants;
  // Run under exactly this variant instead of the scenario's list: how an engine replays a
  // counterexample found under a policy no file names (a test-only mutant).
  const Variant* only_variant = nullptr;
};

// Input errors (unknown variant file, a signer the actor does not hold at run time, a setup
// the policy cannot hold) are Errors with the statement's location; outcomes never are. A
// variant file the scenario lists is read relative to the scenario's folder, and failing to
// load it is an Error at its place on the `variants` line.
Result<std::vector<VariantRun>> run_scenario(const Scenario& scenario, const RunOptions& options);

// trace_hash (sim/world.h) gives a run's hash.

}  // namespace reclaim

#endif  // RECLAIM_SCENARIOS_RUNNER_H_
