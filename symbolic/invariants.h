// The invariant catalogue, symbolically: each encoded invariant as a predicate over one micro
// step (what its checker in properties/invariants/ judges at one World step, reading the ghost
// fields where the checker reads what it tracked), or over the state at the end of a run.
//
// Encoded: PROTECTED, DELAY, DELAY-MONO, NOTIFY, TWO-FACTOR, RECLAIM, GUARDIAN-MINORITY,
// SOCIAL-LIVENESS (at the end of a run), GUARDIANS-PREVAIL (at the end of a run, under
// Scope::prevail only), VETO (its first clause alone: searched, never claimed), ASSET, BOUNDS,
// TENTATIVE.
// Not encoded, and reported so: AUTH and REPLAY (about signatures and digests: the encoding
// has neither, and its attacker never forges or replays; they stay with the concrete engines)
// EVICT (its ten premises over the whole run are not encoded) and TIMELY (about the World's
// clock: the encoding's never passes anything due by construction).
#ifndef RECLAIM_SYMBOLIC_INVARIANTS_H_
#define RECLAIM_SYMBOLIC_INVARIANTS_H_

#include <string>
#include <vector>

#include "symbolic/step.h"

namespace reclaim::sym {

class Invariants {
 public:
  explicit Invariants(const Encoding& enc);

  struct Coverage {
    std::string id;
    bool encoded = false;
    bool at_end = false;  // judged on the state at the end of a run
    std::string why;      // for one not encoded
    // Non-empty for one encoded in part (why not whole): its counterexamples are searched
    // and reported (a violation of a part violates the whole), but nothing is claimed when
    // none is found.
    std::string partial;
  };
  // Every catalogue id, in catalogue order.
  const std::vector<Coverage>& coverage() const { return coverage_; }
  // The encoded ids, in catalogue order; indices below refer to this list.
  const std::vector<std::string>& ids() const { return ids_; }
  int index(const std::string& id) const;  // -1 when not encoded

  // Some active micro step of `t` violates encoded invariant k.
  expr violated(int k, const Transition& t) const;
  // The run ending in state `s` violates encoded invariant k's end-of-run judgment.
  expr violated_at_end(int k, const SymState& s) const;

 private:
  expr micro(const std::string& id, const Micro& m) const;

  const Encoding& enc_;
  std::vector<Coverage> coverage_;
  std::vector<std::string> ids_;
};

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_INVARIANTS_H_
