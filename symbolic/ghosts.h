// The bookkeeping around each micro step that is not the protocol itself: what the invariant
// checkers track (properties/invariants/*.cc) and what the reactive owner remembers
// (sim/world.cc). after_step() updates, in the order the World and the checkers do:
//   - the step counter and the attacker's cumulative knowledge (RECLAIM's `compromised`);
//   - RECLAIM's readiness of each recovery device (registered before the step, held after);
//   - at a request: the reactive owner's inbox (a notification of a request she did not
//     send), the origin of a started recovery, VETO's tally;
//   - SOCIAL-LIVENESS's obligation (started, discharged, waived, armed), and under
//     Scope::prevail GUARDIANS-PREVAIL's (the same with one waiver fewer);
//   - the reactive owner's veto plan for a recovery she did not start.
// Steps that would need more than the scope holds set *oos.
#ifndef RECLAIM_SYMBOLIC_GHOSTS_H_
#define RECLAIM_SYMBOLIC_GHOSTS_H_

#include <vector>

#include "symbolic/step.h"

namespace reclaim::sym::ghosts {

SymState after_step(const Encoding& enc, const SymState& pre, SymState post, const SymAction& a,
                    MicroKind kind, const StepOut& out, const expr& reactive, expr* oos);

// The reactive owner's veto plan (World::veto_foreign_recoveries): one for the running
// recovery, not yet carried out; due once she has held the same recovery devices for rho;
// stale when she holds none of them any more.
expr plan_current(const Encoding& enc, const SymState& s);
expr plan_due(const Encoding& enc, const SymState& s);
expr plan_stale(const Encoding& enc, const SymState& s);
// The registered recovery devices the owner holds.
std::vector<expr> owner_recovery_devices(const SymState& s);

// Quorum as the checkers re-derive it (properties/invariants/util.h quorum()): a guardian
// counts when it or one up its follow chain is `approved`.
expr chain_quorum(const rules::Enc& e, const SymState& s, const std::vector<expr>& approved);

// Does `owner` (or the other side) hold registered devices enough for any sensitive change
// (World::in_control, inv::controls)?
expr owner_controls(const rules::Enc& e, const SymState& s);
expr others_control(const rules::Enc& e, const SymState& s);

}  // namespace reclaim::sym::ghosts

#endif  // RECLAIM_SYMBOLIC_GHOSTS_H_
