// The symbolic state, action and step outputs: every field a Z3 term (Int for times, delays,
// counters, kinds and slot indices; Bool for flags, purposes, protection and knowledge).
//
// One identity (alice) in a bounded scope (scope.h). Device ids are slots 0..D-1 (the
// standard identity's laptop, yubikey and phrase are slots 0..2; the others are new device
// ids a request may register); a slot keeps its knowledge (who holds its secret) whether or
// not it is registered, as a World keeps it per device id. Guardian slots 0..G-1 are the
// honest guardian actors (bob, carol, dave, ...), slot G is the attacker, who may become a
// guardian too. Actors: 0 the owner alice, 1 the attacker mallory, 2.. the guardian actors.
//
// Left out of the state (never read by a rule the encoding has): keys, signatures, digests,
// nonces, the seen-request memory (a step output says whether the request was remembered),
// device added_at times, the notification ring (its total count is kept), the asset id.
// Kept beside the protocol state: what each side holds, the reactive owner's strategy state
// (her unanswered notifications, her veto plan) and the ghost fields the invariants read
// (where each pending change came from, what the attacker ever held).
//
// Every record lists its fields once in visit(), so fresh copies, equality, substitution and
// model reading are written once (record.h).
#ifndef RECLAIM_SYMBOLIC_STATE_H_
#define RECLAIM_SYMBOLIC_STATE_H_

#include <z3++.h>

#include <string>
#include <vector>

#include "model/policy.h"
#include "symbolic/scope.h"
#include "symbolic/z3_expr.h"

namespace reclaim::sym {

inline constexpr int kOwner = 0;     // actor alice
inline constexpr int kAttacker = 1;  // actor mallory
inline constexpr int kNoSlot = -1;   // "none" for a slot-valued field

// A field visitor gets (name, term, is_bool, ghost); ghost fields have no concrete counterpart.
struct Device {
  expr present, kind, recovery, prot, order;  // order: position key in the device list
  template <typename V>
  void visit(V&& v) {
    v("present", present, true, false);
    v("kind", kind, false, false);
    v("recovery", recovery, true, false);
    v("prot", prot, true, false);
    v("order", order, false, false);
  }
};

// A pending change (PendingChange) with its origin: the ghost fields o_* record the request
// that created it, as the invariant checkers' Origin does.
struct Pending {
  expr present, number, op, dev, dev2, kind2, rec2, prot2, duration, gslot, weight, amount;
  expr threshold;  // set-guardian-threshold's new threshold
  expr requested_at, due_at, expires_at, delay;
  expr o_owner;       // requested by the owner
  expr o_held;        // the owner held the target device then
  expr o_step;        // step number of the request
  expr o_rdelay;      // the identity's removal delay then
  expr o_reactive;    // the owner was reactive then with rho below that delay
  expr o_notified;    // the request notified the owner with this change's number
  expr o_signed;      // the target device verifiably signed the request
  expr o_authorized;  // a device (or a managing session) signed it
  expr o_raised;      // a later step raised the removal delay above o_rdelay (R-TL-11)
  template <typename V>
  void visit(V&& v) {
    v("present", present, true, false);
    v("number", number, false, false);
    v("op", op, false, false);
    v("dev", dev, false, false);
    v("dev2", dev2, false, false);
    v("kind2", kind2, false, false);
    v("rec2", rec2, true, false);
    v("prot2", prot2, true, false);
    v("duration", duration, false, false);
    v("gslot", gslot, false, false);
    v("weight", weight, false, false);
    v("amount", amount, false, false);
    v("threshold", threshold, false, false);
    v("requested_at", requested_at, false, false);
    v("due_at", due_at, false, false);
    v("expires_at", expires_at, false, false);
    v("delay", delay, false, false);
    v("o_owner", o_owner, true, true);
    v("o_held", o_held, true, true);
    v("o_step", o_step, false, true);
    v("o_rdelay", o_rdelay, false, true);
    v("o_reactive", o_reactive, true, true);
    v("o_notified", o_notified, true, true);
    v("o_signed", o_signed, true, true);
    v("o_authorized", o_authorized, true, true);
    v("o_raised", o_raised, true, true);
  }
};

struct Guardian {
  expr present, weight, follows;  // follows: a guardian slot or kNoSlot
  template <typename V>
  void visit(V&& v) {
    v("present", present, true, false);
    v("weight", weight, false, false);
    v("follows", follows, false, false);
  }
};

struct Session {
  expr present, id, expires_at;
  expr app;  // an app delegation (R-SES-4, R-SES-5), not the front end's own session
  template <typename V>
  void visit(V&& v) {
    v("present", present, true, false);
    v("id", id, false, false);
    v("expires_at", expires_at, false, false);
    v("app", app, true, false);
  }
};

// The reactive owner's unanswered notification of a request she did not send.
struct Notice {
  expr present, at, start, change, serial;  // start: it notified a start-recovery
  std::vector<expr> signer;                 // device slots that signed the request
  template <typename V>
  void visit(V&& v) {
    v("present", present, true, true);
    v("at", at, false, true);
    v("start", start, true, true);
    v("change", change, false, true);
    v("serial", serial, false, true);
    for (std::size_t d = 0; d < signer.size(); ++d)
      v("signer" + std::to_string(d), signer[d], true, true);
  }
};

struct SymState {
  explicit SymState(z3::context& c);  // every field null: make_state() gives defaults
  // --- the protocol state of the identity ---
  expr now;
  std::vector<Device> dev;
  std::vector<Pending> pend;  // a list: present entries first, oldest first
  expr next_change, removal_delay;
  std::vector<Guardian> guard;
  expr threshold;
  // the recovery
  expr r_active, r_dev, r_kind, r_started, r_due, r_n0, r_owner_started, r_veto_owner;
  std::vector<expr> r_approved, r_veto;  // per guardian slot
  expr locked_until;
  expr lock_by_rec;  // the lock is the recovery's (R-SOC-11): guardians cannot lift it
  // R-SOC-18's last accepted recovery start and guardian removal (kNoTime: none yet)
  expr last_start, last_removal;
  // R-AST-10: per actor, the first instant it is a trusted contact (kNever: not a contact);
  // contacts name actors, never removed, at most kMaxContacts (>= the scope's actors)
  std::vector<expr> contact_from;
  expr asset_amount, asset_locked, asset_swept;  // swept: value on the recovery path (R-AST-7)
  std::vector<Session> sess;  // a list: present entries first, oldest first
  expr next_session, notifications;
  // the tentative registration
  expr g_open, g_end, g_tentative, g_dev, g_kind, g_rec, g_prot, g_wrong;
  // --- knowledge: who holds which secret ---
  std::vector<expr> own, oth;     // per device slot: the owner / anyone else holds its secret
  std::vector<expr> colluding;    // per guardian slot
  // The newest session id of each kind each side holds (0: none): the front end's own
  // (login) and app delegations (app-login); and the newest id of each kind issued so far,
  // which a hijack hands over.
  expr own_session, oth_session, own_app, oth_app, last_session, last_app;
  // --- the reactive owner (sim/world.cc's strategy) ---
  expr reacts, rho;
  std::vector<Notice> queue;  // oldest first
  expr plan_live, plan_serial, plan_since, plan_done;
  std::vector<expr> plan_mine;  // per device slot
  // --- ghosts ---
  expr stepno, seq, serial;  // steps so far, device insertions so far, recoveries started
  std::vector<expr> comp;    // per device slot: someone other than the owner ever held it
  std::vector<expr> was_ready, ready_since;  // RECLAIM's readiness of each recovery device
  // the running recovery's origin (as Pending's o_*); r_owner_sent: the owner sent its start
  // (the reactive owner's test, by digest), r_o_owner: the start's step actor is the owner
  // (the checkers' test)
  expr r_owner_sent, r_o_owner, r_o_step, r_o_rdelay, r_o_notified, r_o_reactive, r_serial,
      r_vetoed;
  std::vector<expr> r_o_held;  // per device slot: the owner held it at the start
  std::vector<expr> r_voter;   // VETO's tally per guardian slot; r_voter_owner the owner's
  expr r_voter_owner;
  // ASSET's own record of trusted contacts (as contact_from, from the accepted add-contacts
  // it saw)
  std::vector<expr> trusted_from;
  // SOCIAL-LIVENESS's open obligation (ob_due: its deadline; under the quorum clock, until it
  // is armed, the delay that will run from its arming)
  expr ob_live, ob_serial, ob_due, ob_armed, ob_armed_at, ob_dev;
  // GUARDIANS-PREVAIL's open obligation: the same with one waiver fewer (tracked only under
  // Scope::prevail; false/unset otherwise)
  expr gp_live, gp_serial, gp_due, gp_armed, gp_armed_at, gp_dev;

  template <typename V>
  void visit(V&& v);
};

// One action: a move of the clock (with the tick there), a request, a compromise or reaction
// event, or the reactive owner's answer (a macro of her requests, see rules/owner.cc).
enum class ActionKind : int { kAdvance = 0, kRequest = 1, kEvent = 2, kReact = 3 };

struct SymAction {
  explicit SymAction(z3::context& c);
  expr kind, time, actor, op;
  expr dev, dev2, kind2, rec2, prot2, duration, number, gslot, gslot2, weight, amount;
  expr code_right, receiver, event;
  std::vector<expr> sig;         // per device slot
  expr sig_session, session_id;  // signed by session number session_id
  expr sig_app;                  // ... named as an app delegation ('by app-session')
  expr sig_guardian, gsigner;    // signed by the key of guardian slot gsigner (G+1: a non-guardian)
  // Guardians co-signing after the devices, per guardian slot (Argent's owner-plus-guardians
  // requests, R-DEV-12, R-AST-6, R-AST-10), under the co-signing rule (sim/world.h)
  std::vector<expr> cosig;
  expr to;  // a transfer's or add-contact's recipient actor
  // Replays exist only in the differential phase: the concrete request is stale (R-REQ-2), its
  // digest was remembered (R-REQ-3), or it was signed before the running recovery started
  // (R-SOC-6); a replay grants nothing, and it is the owner's own when she sent the original.
  expr stale, seen, early, replay, replay_owner;
  template <typename V>
  void visit(V&& v);
};

// What one request, tick or event did (beside the state after it).
struct StepOut {
  explicit StepOut(z3::context& c);
  expr verdict, reject, rule, change;
  expr notified;                      // the request appended a notification of itself
  expr remembered;                    // R-REQ-5 stored the request's digest
  expr oos;                           // the step left the scope
  expr completed;                     // a social recovery completed
  std::vector<expr> matured, lapsed;  // per pending entry of the state before (ticks)
  template <typename V>
  void visit(V&& v);
};

// Record operations (record.h) over any of the three.
template <typename R, typename F>
void for_each_field(R& r, F&& f) {
  r.visit(std::forward<F>(f));
}

// Makers: every field of a fresh record named `prefix`.field (constants of the right sort),
// or set to the default value (false / 0).
SymState make_state(z3::context& c, const Scope& scope);  // default values
SymAction make_action(z3::context& c, const Scope& scope);
StepOut make_out(z3::context& c, const Scope& scope);

template <typename R>
R fresh(z3::context& c, const R& shape, const std::string& prefix) {
  R out = shape;
  for_each_field(out, [&](const std::string& name, expr& e, bool is_bool, bool) {
    e = is_bool ? c.bool_const((prefix + "." + name).c_str())
                : c.int_const((prefix + "." + name).c_str());
  });
  return out;
}

// Field-wise If.
template <typename R>
R merge(const expr& cond, const R& then, const R& otherwise);

// The guardian actor of guardian slot j, and the slot of an actor (kNoSlot for the owner).
inline int guardian_actor(int slot, const Scope& s) { return slot < s.guardians ? 2 + slot : 1; }
inline int guardian_slot(int actor, const Scope& s) {
  return actor >= 2 ? actor - 2 : (actor == kAttacker ? s.guardians : kNoSlot);
}
inline int guardian_slots(const Scope& s) { return s.guardians + 1; }
inline int actor_count(const Scope& s) { return s.guardians + 2; }

}  // namespace reclaim::sym

#include "symbolic/record.h"

#endif  // RECLAIM_SYMBOLIC_STATE_H_
