// Bookkeeping around each micro step (see ghosts.h).
#include "symbolic/ghosts.h"

#include <array>

#include "model/state.h"

namespace reclaim::sym::ghosts {
namespace {

using rules::Enc;

expr ceil_half(const Enc& e, const expr& n) {
  expr out = e.i(0);
  for (int k = 1; k <= static_cast<int>(kMaxGuardians) + 1; ++k)
    out = If(Eq(n, e.i(k)), e.i((k + 1) / 2), out);
  return out;
}

expr held_count(const Enc& e, const SymState& s, const std::vector<expr>& holds) {
  std::vector<expr> n;
  for (int d = 0; d < e.devices(); ++d) n.push_back(Count(And(s.dev[d].present, holds[d])));
  return Sum(n, e.c);
}

expr controls(const Enc& e, const SymState& s, const std::vector<expr>& holds) {
  const expr need =
      e.p.two_factor ? If(Ge(rules::device_count(e, s), e.i(2)), e.i(2), e.i(1)) : e.i(1);
  return Ge(held_count(e, s, holds), need);
}

expr may_veto(const Enc& e, const Device& d) {
  switch (e.p.veto) {
    case CancelRight::kNone:
      return e.b(false);
    case CancelRight::kRecoveryDevice:
      return d.recovery;
    case CancelRight::kAnyDevice:
    case CancelRight::kMajority:
      return e.b(true);
  }
  return e.b(false);
}

// The fields of one obligation ghost: SOCIAL-LIVENESS's (ob_*) or GUARDIANS-PREVAIL's (gp_*).
struct ObligationFields {
  expr SymState::*live;
  expr SymState::*serial;
  expr SymState::*due;
  expr SymState::*armed;
  expr SymState::*armed_at;
  expr SymState::*dev;
};
constexpr ObligationFields kSocialLiveness{&SymState::ob_live,  &SymState::ob_serial,
                                           &SymState::ob_due,   &SymState::ob_armed,
                                           &SymState::ob_armed_at, &SymState::ob_dev};
constexpr ObligationFields kGuardiansPrevail{&SymState::gp_live,  &SymState::gp_serial,
                                             &SymState::gp_due,   &SymState::gp_armed,
                                             &SymState::gp_armed_at, &SymState::gp_dev};

// One obligation through one step (properties/invariants/social_liveness.cc). `thief_waives`:
// another actor holding a registered device that may veto waives it (SOCIAL-LIVENESS), or
// not (GUARDIANS-PREVAIL, guardians_prevail.cc).
void obligation(const Encoding& enc, const SymState& pre, SymState& s, const SymAction& a,
                MicroKind kind, const StepOut& out, const expr& started, expr* oos,
                const ObligationFields& f, bool thief_waives) {
  const Enc& e = enc.enc();
  const Policy& p = enc.policy();
  if (!p.guardians) return;
  const bool quorum_clock = p.recovery_clock == RecoveryClock::kQuorum;
  if (kind == MicroKind::kRequest) {
    // maybe_start: honest guardians alone start a recovery for an owner holding no device.
    const expr receiver_owner = If(a.replay, Eq(a.actor, e.i(kOwner)), Eq(a.receiver, e.i(kOwner)));
    std::vector<expr> owner_had;
    for (int d = 0; d < e.devices(); ++d) owner_had.push_back(And(pre.dev[d].present, s.own[d]));
    std::vector<expr> any_device;
    for (const expr& x : a.sig) any_device.push_back(x);
    const expr colluder = Select(s.colluding, a.gsigner, e.b(false));
    const expr begins = AndAll({started, receiver_owner, Not(OrAll(owner_had, e.c)), a.sig_guardian,
                                Not(OrAll(any_device, e.c)), Not(colluder)},
                               e.c);
    const expr delay = p.recovery_delay < 0 ? pre.removal_delay : e.i(p.recovery_delay);
    const expr with_strict = Add(delay, e.i(p.boundary == Boundary::kStrict ? 1 : 0));
    // Under the quorum clock (R-SOC-10) the delay runs from quorum: `due` holds the delay
    // until the obligation is armed, and the deadline from then on.
    const expr due = quorum_clock ? with_strict : Add(pre.now, with_strict);
    *oos = Or(*oos, AndAll({begins, pre.*f.live, pre.*f.armed}, e.c));
    s.*f.live = Or(pre.*f.live, begins);
    s.*f.serial = If(begins, s.serial, pre.*f.serial);
    s.*f.due = If(begins, due, pre.*f.due);
    s.*f.armed = And(pre.*f.armed, Not(begins));
    s.*f.armed_at = If(begins, e.i(0), pre.*f.armed_at);
    s.*f.dev = If(begins, a.dev2, pre.*f.dev);
  }
  const expr live = s.*f.live;
  const expr discharged = controls(e, s, s.own);
  std::vector<expr> waive;
  for (const SymState* x : std::array<const SymState*, 2>{&pre, &s}) {
    if (thief_waives)
      for (int d = 0; d < e.devices(); ++d)
        waive.push_back(AndAll({x->dev[d].present, s.oth[d], may_veto(e, x->dev[d])}, e.c));
    if (p.veto == CancelRight::kMajority)
      for (int j = 0; j < e.gslots(); ++j)
        waive.push_back(And(x->guard[j].present, s.colluding[j]));
  }
  waive.push_back(Not(Select(s.own, s.*f.dev, e.b(false))));
  if (kind == MicroKind::kRequest)
    waive.push_back(AndAll({Ne(out.verdict, e.i(static_cast<int>(Verdict::kRejected))),
                            Eq(a.op, e.op(Op::kVetoRecovery)), Eq(a.actor, e.i(kOwner))},
                           e.c));
  const expr stays = And(live, And(Not(discharged), Not(OrAll(waive, e.c))));
  std::vector<expr> arms;
  for (const SymState* x : std::array<const SymState*, 2>{&pre, &s}) {
    std::vector<expr> approved;
    for (int j = 0; j < e.gslots(); ++j)
      approved.push_back(And(x->r_approved[j], Not(s.colluding[j])));
    arms.push_back(
        AndAll({x->r_active, Eq(x->r_serial, s.*f.serial), chain_quorum(e, *x, approved)}, e.c));
  }
  const expr arm = AndAll({stays, Not(s.*f.armed), OrAll(arms, e.c)}, e.c);
  s.*f.live = stays;
  s.*f.armed_at = If(arm, s.now, s.*f.armed_at);
  if (quorum_clock) s.*f.due = If(arm, Add(s.now, s.*f.due), s.*f.due);
  s.*f.armed = Or(s.*f.armed, arm);
}

}  // namespace

std::vector<expr> owner_recovery_devices(const SymState& s) {
  std::vector<expr> v;
  for (std::size_t d = 0; d < s.dev.size(); ++d)
    v.push_back(And(And(s.dev[d].present, s.dev[d].recovery), s.own[d]));
  return v;
}

expr plan_current(const Encoding& enc, const SymState& s) {
  const Enc& e = enc.enc();
  return AndAll({s.plan_live, s.r_active, Eq(s.plan_serial, s.r_serial), Not(s.plan_done),
                 Not(s.r_owner_sent)},
                e.c);
}

expr plan_due(const Encoding& enc, const SymState& s) {
  const Enc& e = enc.enc();
  return AndAll({plan_current(enc, s), OrAll(owner_recovery_devices(s), e.c),
                 Ge(s.now, Add(s.plan_since, s.rho))},
                e.c);
}

expr plan_stale(const Encoding& enc, const SymState& s) {
  const Enc& e = enc.enc();
  return And(plan_current(enc, s), Not(OrAll(owner_recovery_devices(s), e.c)));
}

expr chain_quorum(const Enc& e, const SymState& s, const std::vector<expr>& approved) {
  const int NG = e.gslots();
  std::vector<expr> presents, follows, weight, count;
  for (const Guardian& g : s.guard) {
    presents.push_back(g.present);
    follows.push_back(g.follows);
  }
  for (int j = 0; j < NG; ++j) {
    expr cur = e.i(j), counts = e.b(false);
    for (int hop = 0; hop <= NG; ++hop) {
      const expr live = Ne(cur, e.i(kNoSlot));
      counts = Or(counts, And(live, Select(approved, cur, e.b(false))));
      const expr next = Select(follows, cur, e.i(kNoSlot));
      cur = If(And(live, Select(presents, next, e.b(false))), next, e.i(kNoSlot));
    }
    const expr c = And(s.guard[j].present, counts);
    weight.push_back(If(c, s.guard[j].weight, e.i(0)));
    count.push_back(Count(c));
  }
  const expr w = Sum(weight, e.c), n = Sum(count, e.c), g = rules::guardian_count(e, s);
  switch (e.p.quorum) {
    case RecoveryQuorum::kWeight:
      return And(Gt(w, e.i(0)), Ge(w, s.threshold));
    case RecoveryQuorum::kHalf:
      return And(Gt(g, e.i(0)), Ge(n, ceil_half(e, g)));
    case RecoveryQuorum::kThreshold:
      return And(Gt(n, e.i(0)), Ge(n, s.threshold));
  }
  return e.b(false);
}

expr owner_controls(const Enc& e, const SymState& s) { return controls(e, s, s.own); }
expr others_control(const Enc& e, const SymState& s) { return controls(e, s, s.oth); }

SymState after_step(const Encoding& enc, const SymState& pre, SymState s, const SymAction& a,
                    MicroKind kind, const StepOut& out, const expr& reactive, expr* oos) {
  const Enc& e = enc.enc();
  const Policy& p = enc.policy();
  (void)reactive;
  s.stepno = Add(pre.stepno, e.i(1));
  // DELAY-MONO's raises: this step raised the removal delay above what a change requested at
  // an earlier step was asked under.
  const expr raised = Gt(s.removal_delay, pre.removal_delay);
  for (Pending& q : s.pend)
    q.o_raised =
        Or(q.o_raised,
           AndAll({q.present, raised, Gt(s.removal_delay, q.o_rdelay), Lt(q.o_step, pre.stepno)},
                  e.c));
  for (int d = 0; d < e.devices(); ++d) {
    s.comp[d] = Or(pre.comp[d], s.oth[d]);
    // RECLAIM's readiness: registered recovery device before the step, held after it.
    const expr ready = AndAll({pre.dev[d].present, pre.dev[d].recovery, s.own[d]}, e.c);
    s.ready_since[d] = If(And(ready, Not(pre.was_ready[d])), pre.stepno, pre.ready_since[d]);
    s.was_ready[d] = ready;
  }
  expr started = e.b(false);
  if (kind == MicroKind::kRequest) {
    const expr effective = Ne(out.verdict, e.i(static_cast<int>(Verdict::kRejected)));
    const expr sent_by_owner = If(a.replay, a.replay_owner, Eq(a.actor, e.i(kOwner)));
    const expr op_is_start = Eq(a.op, e.op(Op::kStartRecovery));
    started = And(effective, op_is_start);
    // ASSET's record of trusted contacts (asset.cc): an accepted add-contact that a registered
    // device signed trusts its recipient from now when ceil(n/2) guardians co-signed it, else
    // once the contact delay has passed (strict boundary: a second later).
    if (p.trusted_contacts) {
      std::vector<expr> devices, guardians;
      for (int d = 0; d < e.devices(); ++d) devices.push_back(And(a.sig[d], pre.dev[d].present));
      for (int j = 0; j < e.gslots(); ++j)
        guardians.push_back(Count(And(Or(And(a.sig_guardian, Eq(a.gsigner, e.i(j))), a.cosig[j]),
                                      pre.guard[j].present)));
      const expr cosigned = Ge(Mul(Sum(guardians, e.c), 2), rules::guardian_count(e, pre));
      const expr from = If(cosigned, pre.now,
                           Add(pre.now, e.i(p.contact_delay +
                                            (p.boundary == Boundary::kStrict ? 1 : 0))));
      const expr adds =
          AndAll({effective, Eq(a.op, e.op(Op::kAddContact)), OrAll(devices, e.c)}, e.c);
      for (std::size_t x = 0; x < s.trusted_from.size(); ++x)
        s.trusted_from[x] = If(And(adds, Eq(a.to, e.i(static_cast<int64_t>(x)))),
                               Min(pre.trusted_from[x], from), pre.trusted_from[x]);
    }
    s.serial = If(started, Add(pre.serial, e.i(1)), pre.serial);
    s.r_serial = If(started, s.serial, s.r_serial);
    s.r_owner_sent = If(started, sent_by_owner, s.r_owner_sent);
    s.r_o_owner = If(started, Eq(a.actor, e.i(kOwner)), s.r_o_owner);
    s.r_o_step = If(started, pre.stepno, s.r_o_step);
    s.r_o_rdelay = If(started, pre.removal_delay, s.r_o_rdelay);
    s.r_o_notified = If(started, out.notified, s.r_o_notified);
    s.r_o_reactive = If(started, And(pre.reacts, Lt(pre.rho, pre.removal_delay)), s.r_o_reactive);
    for (int d = 0; d < e.devices(); ++d) s.r_o_held[d] = If(started, s.own[d], s.r_o_held[d]);
    // VETO's tally of the running recovery.
    const expr veto = AndAll({effective, Eq(a.op, e.op(Op::kVetoRecovery)), pre.r_active}, e.c);
    std::vector<expr> devices;
    for (const expr& x : a.sig) devices.push_back(x);
    const expr by_device = OrAll(devices, e.c);
    expr vetoed = And(pre.r_vetoed, Not(started));
    if (p.veto == CancelRight::kMajority) {
      s.r_voter_owner = And(Or(pre.r_voter_owner, And(veto, by_device)), Not(started));
      std::vector<expr> size = {Count(s.r_voter_owner)};
      for (int j = 0; j < e.gslots(); ++j) {
        const expr g = And(a.sig_guardian, Eq(a.gsigner, e.i(j)));
        s.r_voter[j] = And(Or(pre.r_voter[j], And(veto, g)), Not(started));
        size.push_back(Count(s.r_voter[j]));
      }
      vetoed = Or(vetoed, And(veto, Ge(Sum(size, e.c), ceil_half(e, Add(pre.r_n0, e.i(1))))));
    } else {
      vetoed = Or(vetoed, And(veto, by_device));
    }
    s.r_vetoed = vetoed;
    // The reactive owner's inbox: a notification of a request she did not send.
    if (p.notifications) {
      const int Q = enc.scope().queue;
      const expr push = AndAll({pre.reacts, out.notified, Not(sent_by_owner)}, e.c);
      std::vector<expr> present;
      for (const Notice& n : pre.queue) present.push_back(Count(n.present));
      const expr count = Sum(present, e.c);
      Notice entry = pre.queue[0];
      entry.present = e.b(true);
      entry.at = pre.now;
      entry.start = op_is_start;
      entry.change =
          If(Eq(out.verdict, e.i(static_cast<int>(Verdict::kPending))), out.change, e.i(0));
      entry.serial = s.serial;
      entry.signer = a.sig;
      for (int k = 0; k < Q; ++k)
        s.queue[k] = merge(And(push, Eq(count, e.i(k))), entry, pre.queue[k]);
      // Out of scope: more unanswered notifications than the scope holds, or two at one
      // instant (the World would answer them nested, one inside the other's first request).
      std::vector<expr> same_instant;
      for (const Notice& n : pre.queue) same_instant.push_back(And(n.present, Eq(n.at, pre.now)));
      *oos = Or(*oos, And(push, Or(Ge(count, e.i(Q)), OrAll(same_instant, e.c))));
    }
  }
  obligation(enc, pre, s, a, kind, out, started, oos, kSocialLiveness, true);
  if (enc.scope().prevail)
    obligation(enc, pre, s, a, kind, out, started, oos, kGuardiansPrevail, false);
  // The reactive owner's plan for a recovery she did not start (World::veto_foreign_recoveries,
  // run after every step): it restarts whenever the set of her recovery devices changes.
  {
    const std::vector<expr> mine = owner_recovery_devices(s);
    std::vector<expr> same_set;
    for (int d = 0; d < e.devices(); ++d) same_set.push_back(Eq(s.plan_mine[d], mine[d]));
    const expr same =
        AndAll({s.plan_live, Eq(s.plan_serial, s.r_serial), AndAll(same_set, e.c)}, e.c);
    const expr reset =
        AndAll({s.reacts, s.r_active, Not(s.r_owner_sent), OrAll(mine, e.c), Not(same)}, e.c);
    s.plan_live = Or(s.plan_live, reset);
    s.plan_serial = If(reset, s.r_serial, s.plan_serial);
    s.plan_since = If(reset, s.now, s.plan_since);
    s.plan_done = And(s.plan_done, Not(reset));
    for (int d = 0; d < e.devices(); ++d) s.plan_mine[d] = If(reset, mine[d], s.plan_mine[d]);
  }
  return s;
}

}  // namespace reclaim::sym::ghosts
