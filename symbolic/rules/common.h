// Shared machinery of the symbolic rule families, mirroring model/rules/common.h: the
// request being decided (the state before, the action, its verified signers), the ordered
// chain of rejections every family builds, and the helpers the families share (notify,
// remember, make a change pending, device authority, the device-list and pending-list
// updates). Rules common to every request (R-REQ-1..6) are decided in step.cc before a
// family is asked; see model/rules/common.h for their text.
#ifndef RECLAIM_SYMBOLIC_RULES_COMMON_H_
#define RECLAIM_SYMBOLIC_RULES_COMMON_H_

#include <string_view>
#include <vector>

#include "model/policy.h"
#include "model/types.h"
#include "symbolic/expr.h"
#include "symbolic/state.h"

namespace reclaim::sym::rules {

// What every rule reads: the Z3 context, the policy (read in C++: a feature the policy lacks
// builds no term) and the scope.
struct Enc {
  z3::context& c;
  const Policy& p;
  const Scope& scope;
  expr i(int64_t v) const { return c.int_val(v); }
  expr b(bool v) const { return c.bool_val(v); }
  expr op(Op o) const { return c.int_val(static_cast<int>(o)); }
  int devices() const { return scope.devices; }
  int pending() const { return scope.pending; }
  int gslots() const { return guardian_slots(scope); }
};

// The stable code of a rule id ("R-DEV-5"), for comparing with model/ outcomes; -1 if unknown.
int rule_code(std::string_view rule);
std::string_view rule_name(int code);

// A request past R-REQ-1..6: the state before, the action and who verifiably signed it.
struct Rq {
  const Enc& e;
  const SymState& s;
  const SymAction& a;
  std::vector<expr> dev_signed;    // per device slot: a registered device signed
  expr session_signed;             // a live front-end session signed
  expr app_signed;                 // a live app delegation signed (R-SES-5)
  std::vector<expr> guard_signed;  // per guardian slot: that guardian's own key signed
  expr devices_signed;             // how many devices signed
  expr by_owner;                   // the owner's request (her own, or a replay of one)
  expr is(Op o) const { return Eq(a.op, e.op(o)); }
};

// The outcome of deciding one request.
struct Res {
  expr verdict, reject, rule, change;
  SymState post;
  expr notified, remembered, oos, completed;
};
Res merge_res(const expr& cond, const Res& then, const Res& otherwise);

// The rejections of a rule family in the order the concrete code tries them; the first whose
// condition holds decides. A rejection leaves the state as it was (R-REG-6 aside).
class Decision {
 public:
  explicit Decision(const Rq& rq) : rq_(rq) {}
  void reject_if(const expr& cond, Reject code, std::string_view rule);
  void reject_with_state_if(const expr& cond, Reject code, std::string_view rule,
                            const SymState& post);
  // Folds the rejections over the outcome of the request that passed them all.
  Res otherwise(const Res& success) const;

 private:
  struct Guard {
    expr cond;
    Res res;
  };
  const Rq& rq_;
  std::vector<Guard> guards_;
};

Res rejected(const Rq& rq, Reject code, std::string_view rule);
Res rejected_with_state(const Rq& rq, Reject code, std::string_view rule, const SymState& post);
// Accepted with `post` (R-REQ-5 remembers the request).
Res accepted(const Rq& rq, const SymState& post, std::string_view rule, const expr& notified);
// make_pending: the request becomes pending change number next_change, due after `delay`,
// lapsing at `expires` (kNever: never); notified; remembered. R-TL-7: a run whose bound on
// waiting changes (policy.limits.pending) fits in the scope's slots refuses the change at that
// bound (`limit`); otherwise a full queue in the scope is a trace outside it (`oos`).
Res make_pending(const Rq& rq, const SymState& post, const expr& delay, const expr& expires,
                 std::string_view rule);

// notify(): appends a notification when the policy has them (and the request is not a
// removal under the removal-unnotified mutant). Returns whether it did; counts it in *s.
expr notify(const Enc& e, SymState* s, const expr& op);

// R-DEV-1, and whether a recovery device signed.
expr device_authority(const Rq& rq);
expr signed_by_recovery_device(const Rq& rq);
expr owner_device_signed(const Rq& rq);
// R-DEV-12, R-AST-6, R-AST-10: ceil(n/2) of the identity's n guardians signed (co-signers or
// the actor's own guardian key; every one of them a guardian, R-REQ-4).
expr guardians_cosigned(const Rq& rq);

// Deadline test honouring the policy's boundary (and the deadline-early mutant).
expr reached(const Enc& e, const expr& due, const expr& now);

// Counts over the state.
expr device_count(const Enc& e, const SymState& s);
expr kind_count(const Enc& e, const SymState& s, DeviceKind k);
expr pending_count(const Enc& e, const SymState& s);
expr guardian_count(const Enc& e, const SymState& s);
// BOUNDS: guardian slot j follows someone, and walking the follows of present guardians from
// it comes back to j within the guardian slots' count of hops (a follow cycle through j).
expr in_follow_cycle(const Enc& e, const SymState& s, int j);

// The device slot's field for a symbolic slot index.
expr dev_present(const Enc& e, const SymState& s, const expr& slot);
// R-DEV-13: is `slot` the new device that the tentative registration, a pending replacement or
// (when `recovery`) the running recovery already names?
expr device_id_named(const Enc& e, const SymState& s, const expr& slot, bool recovery);
expr dev_field(const SymState& s, const expr& slot, expr Device::*field, const expr& otherwise);

// Device-list updates. add_device appends (its order key is the next insertion number).
void add_device(const Enc& e, SymState* s, const expr& slot, const expr& kind, const expr& recovery,
                const expr& prot);
void drop_device(const Enc& e, SymState* s, const expr& slot);
// model/rules/common.cc drop_changes_for_device: pending remove/replace/unprotect/protect of
// the device are dropped.
void drop_changes_for_device(const Enc& e, SymState* s, const expr& slot);
// Pending-list updates: keep only the entries whose flag is true (order kept).
void keep_pending(const Enc& e, SymState* s, const std::vector<expr>& keep);
// Session-list updates likewise.
void keep_sessions(const Enc& e, SymState* s, const std::vector<expr>& keep);

// rules/devices: the shared device mutations of the direct and matured paths.
expr remove_device_now(const Enc& e, SymState* s, const expr& slot);  // returns success
expr replace_device_now(const Enc& e, SymState* s, const expr& old_slot, const expr& new_slot,
                        const expr& kind, const expr& recovery, const expr& prot);
// rules/timelock
expr device_change_delayed(const Enc& e, const expr& op, const SymState& s, const expr& target);
// tick's maturing of one pending change (rules/timelock apply_matured): the state after it
// and whether it applied.
expr apply_matured(const Enc& e, SymState* s, const Pending& c);
// rules/social
expr recovery_quorum(const Enc& e, const SymState& s);
void complete_recovery(const Enc& e, SymState* s);
// R-SOC-14: does a bounded threshold allow removing a guardian (`remove`) or setting the
// threshold to `number`? Always true without bounded_threshold.
expr threshold_allows(const Enc& e, const SymState& s, bool remove, const expr& number);
// rules/assets: R-AST-10, is `actor` a trusted contact now?
expr trusted_contact(const Enc& e, const SymState& s, const expr& actor);
// rules/two_factor
expr is_sensitive(const Enc& e, const expr& op);
expr two_factor_ok(const Rq& rq, const expr& op);

// Family entry points: each decides the ops of its file (the op is symbolic: the result is
// the one for whichever of its ops the action names).
Res devices_apply(const Rq& rq);
Res timelock_apply(const Rq& rq);
Res social_apply(const Rq& rq);
Res assets_apply(const Rq& rq);
Res registration_apply(const Rq& rq);
Res session_apply(const Rq& rq);

}  // namespace reclaim::sym::rules

#endif  // RECLAIM_SYMBOLIC_RULES_COMMON_H_
