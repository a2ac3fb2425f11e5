// The search: incremental bounded model checking from the standard identity, the depth
// growing until the budget is spent, and k-induction for unbounded proofs.
//
// BMC: one solver holds the unrolled relation; depth k adds the k-th action (fresh Z3
// constants), its validity and scope, and the state after it. A request rejected without a
// change is left out (Transition::noop): it leaves the same states, so depth k covers every
// path of k steps that change something, and so every path of at most k steps; then one query asks
// whether any still open invariant is violated at that step (or, for an end-of-run invariant, in
// the state it leaves). A model names the violated ones (each gets its counterexample: the actions
// of the model) and the query repeats for the rest; `unsat` means every open one holds to depth k.
// Queries are bounded by the remaining budget, less a reserve for destroying the solver (which
// grows with the depth it holds); a query that runs out leaves its invariants at the depth
// before ("unknown" beyond it).
//
// k-induction (induction.h) tries the invariants BMC did not violate.
#ifndef RECLAIM_SYMBOLIC_BMC_H_
#define RECLAIM_SYMBOLIC_BMC_H_

#include <functional>
#include <string>
#include <vector>

#include "symbolic/invariants.h"
#include "symbolic/step.h"

namespace reclaim::sym {

struct SearchProgress {
  int depth = 0;       // depth just finished
  double seconds = 0;  // since the search began
  double depth_seconds = 0;
  int open = 0;  // invariants still holding
  int violated = 0;
};

struct SearchOptions {
  int max_depth = 12;
  double budget_seconds = 60;
  std::vector<std::string> invariants;  // encoded ids; empty = every encoded one
  std::function<void(const SearchProgress&)> progress;
};

struct Counterexample {
  std::vector<SymAction> actions;  // numerals, in order
  std::vector<SymState> states;    // numerals: the initial state, then after each action
};

struct SearchResult {
  std::string id;
  bool violated = false;
  int depth = 0;               // holds for every path of at most `depth` actions (or the
                               // counterexample's length when violated)
  bool exhausted = false;      // stopped by the budget (or a solver `unknown`) before max_depth
  std::string why;             // why the search stopped short of max_depth
  double seconds_to_find = 0;  // when violated
  Counterexample cx;
};

struct SearchReport {
  std::vector<SearchResult> results;  // in the order asked
  int depth = 0;                      // deepest depth every open invariant was checked at
  std::vector<double> seconds_per_depth;
  double seconds = 0;
};

SearchReport bmc(const Encoding& enc, const Invariants& inv, const SearchOptions& options);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_BMC_H_
