// `reclaim check --engine exhaustive`: the exhaustive engine's check of a variant's claims
// (graph/check.h) behind the engine interface (engine.h): every claimed invariant on every
// path of the state graph of the standard identity to the depth (--depth, default
// kDefaultExhaustiveDepth), the attacker free to steal or copy any device
// and any guardian to collude, the owner passive and reactive within a day; each violation
// the shortest, written as a .scn that replays. Deterministic: the same depth gives the same
// verdicts; a --budget that stops the search short of the depth makes the run incomplete.
// Under `--engine all` the depth is always the default: --depth there is the random engine's
// trace length and the symbolic engine's BMC depth, far beyond what an exhaustive search
// reaches.
#include <cstdio>

#include "engines/engine.h"
#include "graph/check.h"

namespace reclaim {
namespace {

constexpr int kDefaultExhaustiveDepth = 4;

}  // namespace

EngineResult check_exhaustive(const EngineRequest& request) {
  graph::CheckOptions options;
  const bool alone = request.engine == "exhaustive";
  options.bounds.max_depth = alone && request.depth > 0 ? request.depth : kDefaultExhaustiveDepth;
  options.bounds.max_seconds = request.budget_seconds;
  options.invariants = request.invariants;
  options.weaknesses = !request.claims_only;
  options.out_dir = request.out_dir;
  if (request.progress)
    options.progress = [](const graph::ExploreProgress& p) {
      std::fprintf(stderr, "\r[exhaustive] depth %d, %ld states, %ld actions, %.1f s\033[K",
                   p.depth, p.states, p.actions, p.seconds);
      std::fflush(stderr);
    };
  const graph::CheckReport r = graph::check_exhaustive(
      request.variant, graph::standard_setup(request.variant.policy), options);
  if (request.progress) std::fprintf(stderr, "\r\033[K");

  EngineResult out;
  out.engine = "exhaustive";
  out.verdicts = r.verdicts;
  out.problems = r.failures;
  const graph::ExploreReport& s = r.search;
  const int asked = options.bounds.max_depth;
  if (s.depth < asked && !s.complete && !s.stopped_found_all && s.errors.empty()) {
    out.incomplete = true;
    out.incomplete_why = std::string(s.stopped_by_time ? "the time budget" : "the state bound") +
                         " stopped the search at depth " + std::to_string(s.depth) + " of " +
                         std::to_string(asked);
  }
  const double bytes = s.peak_states > 0
                           ? static_cast<double>(s.table_bytes) / static_cast<double>(s.peak_states)
                           : 0;
  // The search is deterministic: unless the time bound cut it, it repeats exactly without one
  // (under `all` the random engine's flags already carry the budget).
  if (alone) {
    char budget[64];
    std::snprintf(budget, sizeof budget, " --budget %g", request.budget_seconds);
    out.repeat_flags = s.stopped_by_time ? budget : " --budget 0";
  }
  out.figures = {{"depth", s.depth},
                 {"asked_depth", asked},
                 {"complete", s.complete},
                 {"states", s.states},
                 {"states_by_depth", s.states_by_depth},
                 {"new_states", s.new_states},
                 {"actions", s.actions},
                 {"seconds", s.seconds},
                 {"bytes_per_state", bytes},
                 {"stopped_by_time", s.stopped_by_time},
                 {"stopped_by_states", s.stopped_by_states},
                 {"scope", r.scope}};
  char line[240];
  std::snprintf(line, sizeof line,
                "%s; %ld actions, %ld new states in %.1f s (%.0f new states/s), %.0f bytes per "
                "stored state\n",
                s.label().c_str(), s.actions, s.new_states, s.seconds,
                s.seconds > 0 ? static_cast<double>(s.new_states) / s.seconds : 0.0, bytes);
  out.text = "exhaustive search: " + std::string(line) + "scope: " + r.scope + "\n";
  return out;
}

}  // namespace reclaim
