// Every engine behind one interface: each takes the same request (a variant, a seed, bounds,
// selections) and answers with one ClaimVerdict per invariant (properties/verdict.h), its
// figures, its own text section, the flags that repeat its part of the run exactly, and what
// went wrong in it. `reclaim check` and the audit run engines only through here. An engine's
// adapter is one file, engines/ENGINE_engine.cc, listed in engine.cc.
#ifndef RECLAIM_ENGINES_ENGINE_H_
#define RECLAIM_ENGINES_ENGINE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "properties/verdict.h"
#include "variants/variant.h"

namespace reclaim {

struct EngineRequest {
  Variant variant;
  std::string variant_spelling;  // as given on the command line (for the repeat command)
  std::string engine;            // as given: one engine or "all"
  uint64_t seed = 0;
  int depth = 0;                 // longest trace; 0 = each engine's default
  int symbolic_depth = 0;        // the symbolic engine's depth in place of `depth`; 0 = `depth`
  double budget_seconds = 0;     // 0 = no time bound
  long traces = 0;               // claims phase; 0 = no trace bound
  long weakness_traces = 0;      // weaknesses phase
  std::vector<std::string> invariants;  // empty = the claims (and, unless claims_only, the rest)
  bool claims_only = false;
  bool first_violation = false;  // stop at the first violated claim (mutation campaigns)
  bool full_bounds = false;      // the state's memories at full capacity, not kSmallLimits
  std::string out_dir;
  bool progress = false;  // progress lines on stderr
  std::string scope;      // the symbolic engine's bounds, "devices=D,pending=P,guardians=G"
                          // (symbolic/scope.h); empty = its default
};

struct EngineResult {
  std::string engine;
  std::vector<ClaimVerdict> verdicts;  // catalogue order
  nlohmann::ordered_json figures = nlohmann::ordered_json::object();
  std::string text;          // the engine's own section of the text report
  std::string repeat_flags;  // e.g. " --budget 0 --traces 1200,1000"
  bool incomplete = false;   // it checked less than asked
  std::string incomplete_why;
  std::vector<std::string> problems;  // the engine itself failed: no verdict may pass
};

// The engine names --engine accepts ("all" runs each of engines_of("all")).
std::vector<std::string> engine_choices();
std::string engine_help();
std::vector<std::string> engines_of(const std::string& choice);
EngineResult run_engine(const std::string& engine, const EngineRequest& request);

// One adapter each (engines/random_engine.cc, engines/symbolic_engine.cc,
// engines/exhaustive_engine.cc).
EngineResult check_random(const EngineRequest& request);
EngineResult check_symbolic(const EngineRequest& request);
EngineResult check_exhaustive(const EngineRequest& request);

nlohmann::ordered_json verdict_json(const ClaimVerdict& v);

}  // namespace reclaim

#endif  // RECLAIM_ENGINES_ENGINE_H_
