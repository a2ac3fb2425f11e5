// Unbounded proofs by k-induction, strengthened with lemmas.
//
// Lemmas are facts about every reachable state the encoding's own bookkeeping guarantees
// (a pending change is due its delay after its request, a device change pending names a
// registered device, the pending list is a prefix with increasing numbers, ...). They start
// as a list of candidates; Houdini keeps the largest subset that holds in the initial state
// and is inductive (assuming all kept lemmas before a step, each holds after it), so every
// kept lemma is proved, not assumed.
//
// k-induction for an invariant then asks: from any state satisfying the lemmas, is there a
// valid path of k steps that violates it at step k only? `unsat` at some k, together with
// BMC finding no violation up to depth k from the initial state, proves it for every depth at
// the scope. For an end-of-run invariant the property is "the state after each step is not a
// violating end".
#ifndef RECLAIM_SYMBOLIC_INDUCTION_H_
#define RECLAIM_SYMBOLIC_INDUCTION_H_

#include <string>
#include <vector>

#include "symbolic/invariants.h"
#include "symbolic/step.h"

namespace reclaim::sym {

struct Lemmas {
  std::vector<std::string> names;  // the kept ones
  std::vector<expr> over;          // over the state `shape`
  SymState shape;
  int candidates = 0;
  bool complete = true;  // Houdini reached its fixpoint within the budget
};

// Houdini over the candidate lemmas, within `budget_seconds`.
Lemmas find_lemmas(const Encoding& enc, double budget_seconds);

// The kept lemmas about state `s`.
expr lemmas_about(const Lemmas& lemmas, const SymState& s);

struct InductionResult {
  std::string id;
  bool proved = false;
  int k = 0;        // the induction depth that closed it
  std::string why;  // why not (a step path breaks it, budget, solver unknown)
};

// Tries k = 0..max_k for each of `ids` (encoded ids), within `budget_seconds` in total.
std::vector<InductionResult> k_induction(const Encoding& enc, const Invariants& inv,
                                         const Lemmas& lemmas, const std::vector<std::string>& ids,
                                         int max_k, double budget_seconds);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_INDUCTION_H_
