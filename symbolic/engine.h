// The Z3 engine's entry point: `reclaim check --engine symbolic` calls run_symbolic().
//
// A run is three phases under one budget:
//   1. the differential phase (differential.h): random concrete steps through the model and
//      the encoding; a mismatch fails the run (every verdict is then `unknown`) and is written
//      as a .scn;
//   2. k-induction with Houdini lemmas (induction.h);
//   3. incremental BMC from the standard identity (bmc.h) for the invariants induction left
//      open and the base case of each proof with k > 0, depth growing to `depth` or until the
//      budget is spent; every counterexample is replayed on the concrete model, minimised and
//      written (counterexample.h) — one that does not replay fails the run loudly, with both
//      traces.
// One ClaimVerdict per catalogue invariant (properties/verdict.h): proved, holds to depth k
// (scope ...), violated (a replayed counterexample), unknown (budget, solver), or not encoded
// (AUTH and REPLAY stay concrete-only; EVICT, ASSET-2FA and TIMELY are not encoded).
#ifndef RECLAIM_SYMBOLIC_ENGINE_H_
#define RECLAIM_SYMBOLIC_ENGINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "properties/verdict.h"
#include "symbolic/differential.h"
#include "symbolic/scope.h"
#include "variants/variant.h"

namespace reclaim {

struct SymbolicProgress {
  std::string phase;  // "differential", "bmc", "induction"
  int depth = 0;      // BMC depth just finished
  double depth_seconds = 0;
  double seconds = 0;  // since the run began
  int open = 0;        // invariants still holding
  int violated = 0;
};

struct SymbolicOptions {
  int depth = 12;              // BMC depth to reach
  double budget_seconds = 60;  // the whole run (differential, BMC, induction)
  sym::Scope scope;
  std::string out_dir;  // counterexamples and mismatches are written here; "" = not
  std::function<void(const SymbolicProgress&)> progress;
  uint64_t seed = 1;                    // the differential phase's random runs
  int differential_steps = 200;         // World steps the differential phase compares
  std::vector<std::string> invariants;  // catalogue ids to search; empty = all
  bool induction = true;
  int max_k = 2;  // k-induction depth
  bool minimise = true;
};

struct SymbolicReport {
  std::string variant;
  std::string scope;                   // Scope::text()
  std::vector<ClaimVerdict> verdicts;  // one per invariant asked (all: the catalogue), in
                                       // catalogue order
  sym::DifferentialReport differential;
  int depth = 0;  // deepest BMC depth reached
  std::vector<double> seconds_per_depth;
  double seconds = 0;
  int lemmas = 0, lemma_candidates = 0;
  std::vector<std::string> notes;
  // Failures of the check itself: a differential mismatch, a counterexample that did not
  // replay (with both traces), a solver or input error.
  std::vector<std::string> failures;

  bool ok() const { return failures.empty(); }
  bool claims_hold() const;  // ok() and no claimed invariant violated or unknown
};

SymbolicReport run_symbolic(const Variant& variant, const SymbolicOptions& options);

}  // namespace reclaim

#endif  // RECLAIM_SYMBOLIC_ENGINE_H_
