// The exhaustive engine: explicit-state exploration of the concrete model. From an identity
// setup (setup.h) and a prelude of statements (the attacker's credentials, the owner's
// reaction: each prelude is a root), every sequence of actions the menu offers (menu.h) is
// applied through the interpreter to a World, every given invariant is checked by the one
// monitor (properties/monitor.h) after every step and at every state (each state is a
// possible end of the run), and every given goal (an outcome such as a takeover) is tested
// at every state.
//
// States. A state is what the future depends on: the World's future_hash (protocol state,
// clock, holders, the reactive owner's pending answers), the monitor's digest (what each
// checker remembers), and the path's replayable request lines. Two paths to equal states
// are merged: the engine keeps only the state's 64-bit key and the depth it was reached at,
// so a stored state costs a table slot, not a World. Live Worlds exist only along the path
// being explored (one per depth); a finding's World is re-derived by replaying its
// statements (counterexample.h).
//
// Search. Iterative deepening: depth 0 (the roots), 1, 2, ... up to the bound, each a
// depth-first search that expands a state again when it reaches it by a shorter path. So the
// first finding of an invariant or goal is a shortest one, and the report's depth is the
// deepest bound explored completely. When a depth adds no new state, the reachable graph is
// closed: "complete (no new states)". Bounds: depth, states, seconds; the report says which
// one stopped the search, and claims nothing beyond the last complete depth.
//
// Deterministic: the same inputs give the same report (but seconds) and the same findings.
#ifndef RECLAIM_GRAPH_EXPLORE_H_
#define RECLAIM_GRAPH_EXPLORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/menu.h"
#include "graph/setup.h"
#include "model/policy.h"
#include "sim/world.h"
#include "trace/scenario.h"

namespace reclaim::graph {

struct Scope {
  MenuScope menu;  // who acts and which compromises the menu offers
  // Each prelude is a root: statements applied before the search (not counted in depth).
  // Empty: one root, the setup alone.
  std::vector<std::vector<Statement>> preludes;
  // Fresh device names the menu may use (pre-allocated at every root); at least one per
  // action of the depth bound, at most 32.
  std::size_t fresh_names = 6;
};

// An outcome tested at every state.
struct Goal {
  std::string name;
  std::function<bool(const World&)> reached;
};

struct Bounds {
  int max_depth = 6;             // actions after the prelude
  long max_states = 20'000'000;  // distinct states of one depth's search
  double max_seconds = 0;        // wall clock; 0 = no limit
  // false: no state is merged, every path is explored on its own (a tree search, exponential:
  // for cross-checking the merging on small bounds, where both must find the same).
  bool merge = true;
};

// A shortest path to an invariant's violation or to a goal.
struct Finding {
  std::string what;             // the invariant id or the goal's name
  std::size_t root = 0;         // which prelude
  std::vector<Statement> path;  // the prelude's statements, then the actions
  int depth = 0;                // actions after the prelude
  std::string message;          // the checker's message when found (replays re-judge it)
};

struct ExploreProgress {
  int depth = 0;     // the depth being searched
  long states = 0;   // distinct states so far at this depth
  long actions = 0;  // actions applied so far, all depths
  double seconds = 0;
};

struct ExploreReport {
  int depth = -1;         // every path of at most this many actions was explored
  bool complete = false;  // depth `depth` added no new state: the reachable graph is closed
  long states = 0;        // distinct states within `depth` actions
  std::vector<long> states_by_depth;  // distinct states within d actions, d = 0..depth
  long new_states = 0;                // states inserted over every depth's search (the work done)
  long actions = 0;                   // actions applied over every depth's search
  double seconds = 0;
  bool stopped_by_states = false;
  bool stopped_by_time = false;
  bool stopped_found_all = false;   // every invariant violated and every goal reached
  std::size_t table_bytes = 0;      // the state table's memory at its largest
  long peak_states = 0;             // the states it held then: bytes per state is the ratio
  std::vector<Finding> violations;  // the first (shortest) per invariant, in the order found
  std::vector<Finding> goals;       // the first (shortest) per goal, in the order found
  // Statements the interpreter refused or roots that did not build: a fault of the scope or
  // of the menu, never a verdict. A report with errors has checked nothing.
  std::vector<std::string> errors;

  // "complete (no new states), N states" or "exhaustive to depth k (N states)".
  std::string label() const;
  const Finding* violation(const std::string& id) const;
  const Finding* goal(const std::string& name) const;
};

// Explores from `setup` under `policy`. `invariants`: catalogue ids checked on every path
// (empty: none); `goals`: outcomes looked for. The search stops early once every invariant
// is violated and every goal reached.
ExploreReport explore(const Policy& policy, const IdentitySetup& setup, const Scope& scope,
                      const std::vector<std::string>& invariants, const std::vector<Goal>& goals,
                      const Bounds& bounds,
                      const std::function<void(const ExploreProgress&)>& progress = {});

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_EXPLORE_H_
