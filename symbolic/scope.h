// The bounded scope of the symbolic encoding: how many device ids, pending changes,
// guardians, sessions and unanswered notifications one symbolic state holds. A trace that
// needs more than the scope holds is outside it: the search never takes it (so "holds to depth
// k" is always stated with its scope) and the differential phase stops a concrete trace there.
#ifndef RECLAIM_SYMBOLIC_SCOPE_H_
#define RECLAIM_SYMBOLIC_SCOPE_H_

#include <string>
#include <string_view>

#include "model/result.h"

namespace reclaim::sym {

struct Scope {
  int devices = 4;    // device ids (the standard identity uses 3; the rest are new devices)
  int pending = 2;    // pending changes at once
  int guardians = 3;  // honest guardian actors (the attacker may become one more guardian)
  int sessions = 1;   // session delegations at once
  int queue = 2;      // hostile notifications the reactive owner has not answered yet
  // Also track GUARDIANS-PREVAIL's obligation (one open at a time, as SOCIAL-LIVENESS's). It
  // narrows the scope (a second honest start while one is armed is outside it), so the engine
  // sets it only when that invariant is searched for by name or claimed.
  bool prevail = false;

  // "devices=4,pending=2,guardians=3"
  std::string text() const;
};

inline constexpr int kMaxScopeDevices = 12;
inline constexpr int kMaxScopePending = 8;
inline constexpr int kMaxScopeGuardians = 6;

// Parses "devices=D,pending=P,guardians=G" (any subset, any order) over `base`.
Result<Scope> parse_scope(std::string_view text, Scope base = {});

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_SCOPE_H_
