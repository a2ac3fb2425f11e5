// The encoded invariants (see invariants.h). Each predicate below restates its checker's
// "Precisely" paragraph (properties/invariants/<id>.cc) over one micro step: `pre` and `post`
// are the states before and after, `act` the request or event, `out` what the step did; the
// o_* ghosts of a pending change are its checker's Origin, r_o_* the recovery start's.
#include "symbolic/invariants.h"

#include <algorithm>

#include "model/state.h"
#include "properties/invariant.h"
#include "symbolic/ghosts.h"

namespace reclaim::sym {
namespace {

using rules::Enc;

struct View {
  const Enc& e;
  const Micro& m;
  const SymState& pre() const { return m.pre; }
  const SymState& post() const { return m.post; }
  const SymAction& act() const { return m.act; }
  bool request() const { return m.kind == MicroKind::kRequest; }
  bool tick() const { return m.kind == MicroKind::kTick; }
  bool event() const { return m.kind == MicroKind::kEvent; }
  expr i(int64_t v) const { return e.i(v); }
  expr b(bool v) const { return e.b(v); }
  expr effective() const {
    return request() ? Ne(m.out.verdict, i(static_cast<int>(Verdict::kRejected))) : b(false);
  }
  expr op_is(Op o) const { return Eq(act().op, e.op(o)); }
  expr pend_op(int p, Op o) const { return Eq(pre().pend[p].op, e.op(o)); }
  expr matured(int p) const { return tick() ? m.out.matured[p] : b(false); }
  // The device in slot d is not the same before and after (added, removed or any field).
  expr changed(int d) const {
    const Device& x = pre().dev[d];
    const Device& y = post().dev[d];
    return Or(Ne(x.present, y.present),
              And(x.present, Or(Or(Ne(x.kind, y.kind), Ne(x.recovery, y.recovery)),
                                Or(Ne(x.prot, y.prot), Ne(x.order, y.order)))));
  }
  expr devices_changed() const {
    std::vector<expr> any;
    for (int d = 0; d < e.devices(); ++d) any.push_back(changed(d));
    return OrAll(any, e.c);
  }
  // A social recovery completed: it ran before and its new device, absent before, is
  // registered after (util.h recovery_completed).
  expr completed() const {
    return AndAll(
        {pre().r_active, Not(post().r_active), Not(rules::dev_present(e, pre(), pre().r_dev)),
         rules::dev_present(e, post(), pre().r_dev)},
        e.c);
  }
  // The recovery's new device arrives (GUARDIAN-MINORITY and VETO's wording: it ran before).
  expr recovery_lands() const {
    return AndAll({pre().r_active, Not(rules::dev_present(e, pre(), pre().r_dev)),
                   rules::dev_present(e, post(), pre().r_dev)},
                  e.c);
  }
  expr devices_signed() const {
    std::vector<expr> n;
    for (const expr& s : act().sig) n.push_back(Count(s));
    return Sum(n, e.c);
  }
  expr any_device_signed() const {
    std::vector<expr> n(act().sig.begin(), act().sig.end());
    return OrAll(n, e.c);
  }
  // Guardian slot j's key signed: as the actor's own key or as a co-signer.
  expr guardian_signed(int j) const {
    return Or(And(act().sig_guardian, Eq(act().gsigner, i(j))), act().cosig[j]);
  }
  // ceil(n/2) of the n guardians before the step verifiably signed (R-DEV-12, R-AST-6).
  expr guardians_cosigned() const {
    std::vector<expr> n;
    for (int j = 0; j < e.gslots(); ++j)
      n.push_back(Count(And(guardian_signed(j), pre().guard[j].present)));
    return Ge(Mul(Sum(n, e.c), 2), rules::guardian_count(e, pre()));
  }
  // Every signature of the request verifies (util.h verify_signers: ok()).
  expr all_verify() const {
    std::vector<expr> ok;
    for (int d = 0; d < e.devices(); ++d) ok.push_back(Implies(act().sig[d], pre().dev[d].present));
    std::vector<expr> live;
    for (const Session& x : pre().sess)
      live.push_back(
          AndAll({x.present, Eq(x.id, act().session_id), Gt(x.expires_at, post().now)}, e.c));
    ok.push_back(Implies(act().sig_session, OrAll(live, e.c)));
    std::vector<expr> g;
    for (const Guardian& x : pre().guard) g.push_back(x.present);
    ok.push_back(Implies(act().sig_guardian, Select(g, act().gsigner, b(false))));
    for (int j = 0; j < e.gslots(); ++j) ok.push_back(Implies(act().cosig[j], g[j]));
    return AndAll(ok, e.c);
  }
  // A live session of the kind asked (app: an app delegation, else the front end's own)
  // verifiably signed.
  expr session_verified(bool app = false) const {
    std::vector<expr> live;
    for (const Session& x : pre().sess)
      live.push_back(AndAll({x.present, Eq(x.id, act().session_id), Gt(x.expires_at, post().now),
                             app ? x.app : Not(x.app)},
                            e.c));
    return And(act().sig_session, OrAll(live, e.c));
  }
  expr device_verified(int d) const { return And(act().sig[d], pre().dev[d].present); }
  expr verified_devices() const {
    std::vector<expr> n;
    for (int d = 0; d < e.devices(); ++d) n.push_back(Count(device_verified(d)));
    return Sum(n, e.c);
  }
};

// --- PROTECTED -------------------------------------------------------------------------
expr protected_inv(const View& v) {
  const Policy& p = v.e.p;
  std::vector<expr> bad;
  for (int d = 0; d < v.e.devices(); ++d) {
    const Device& x = v.pre().dev[d];
    const expr prot = And(x.present, p.immutable_recovery_path ? Or(x.prot, x.recovery) : x.prot);
    const expr hit = AndAll({prot, v.changed(d), Not(v.completed())}, v.e.c);
    if (v.request()) {
      bad.push_back(And(hit, Not(v.device_verified(d))));
    } else if (v.tick()) {
      std::vector<expr> ok;
      for (int c = 0; c < v.e.pending(); ++c) {
        const Pending& q = v.pre().pend[c];
        const expr device_op =
            OrAll({v.pend_op(c, Op::kRemoveDevice), v.pend_op(c, Op::kReplaceDevice),
                   v.pend_op(c, Op::kUnprotect)},
                  v.e.c);
        ok.push_back(AndAll({v.matured(c), device_op, Eq(q.dev, v.i(d)), q.o_signed}, v.e.c));
      }
      bad.push_back(And(hit, Not(OrAll(ok, v.e.c))));
    } else {
      bad.push_back(hit);
    }
  }
  return OrAll(bad, v.e.c);
}

// --- DELAY -----------------------------------------------------------------------------
expr delay_inv(const View& v) {
  std::vector<expr> left;
  std::vector<expr> bad;
  for (int d = 0; d < v.e.devices(); ++d) {
    const Device& x = v.pre().dev[d];
    const Device& y = v.post().dev[d];
    const expr gone = AndAll({x.present, x.recovery, Not(And(y.present, y.recovery))}, v.e.c);
    left.push_back(gone);
    if (v.tick()) {
      std::vector<expr> ok;
      for (int c = 0; c < v.e.pending(); ++c) {
        const Pending& q = v.pre().pend[c];
        const expr removes = Or(v.pend_op(c, Op::kRemoveDevice), v.pend_op(c, Op::kReplaceDevice));
        ok.push_back(AndAll({v.matured(c), removes, Eq(q.dev, v.i(d)), q.o_notified,
                             Ge(Sub(v.post().now, q.requested_at), q.o_rdelay)},
                            v.e.c));
      }
      bad.push_back(And(gone, Not(OrAll(ok, v.e.c))));
    } else {
      bad.push_back(gone);  // a request or event made it leave at once
    }
  }
  const SymState& pre = v.pre();
  const expr recovery_ok =
      And(pre.r_o_notified, Ge(Sub(v.post().now, pre.r_started), pre.r_o_rdelay));
  return If(v.completed(), And(OrAll(left, v.e.c), Not(recovery_ok)), OrAll(bad, v.e.c));
}

// --- DELAY-MONO ------------------------------------------------------------------------
expr delay_mono_inv(const View& v) {
  const expr lowered = Lt(v.post().removal_delay, v.pre().removal_delay);
  if (!v.tick()) return lowered;
  std::vector<expr> explained, bad;
  for (int c = 0; c < v.e.pending(); ++c) {
    const Pending& q = v.pre().pend[c];
    const expr m = And(v.matured(c), v.pend_op(c, Op::kSetRemovalDelay));
    explained.push_back(And(m, Eq(q.duration, v.post().removal_delay)));
    bad.push_back(And(m, Or(Lt(Sub(v.post().now, q.requested_at), q.o_rdelay), q.o_raised)));
  }
  return And(lowered, Or(OrAll(bad, v.e.c), Not(OrAll(explained, v.e.c))));
}

// --- NOTIFY ----------------------------------------------------------------------------
expr notify_inv(const View& v) {
  const Enc& e = v.e;
  const SymState& pre = v.pre();
  const SymState& post = v.post();
  std::vector<expr> gchange;
  for (int j = 0; j < e.gslots(); ++j) {
    const Guardian& x = pre.guard[j];
    const Guardian& y = post.guard[j];
    gchange.push_back(Or(Ne(x.present, y.present),
                         And(x.present, Or(Ne(x.weight, y.weight), Ne(x.follows, y.follows)))));
  }
  const expr devices = v.devices_changed();
  const expr delay = Ne(pre.removal_delay, post.removal_delay);
  const expr guardians = Or(Ne(pre.threshold, post.threshold), OrAll(gchange, e.c));
  const expr started = And(post.r_active, Or(Not(pre.r_active), Ne(pre.r_serial, post.r_serial)));
  const expr assets = Lt(post.asset_amount, pre.asset_amount);
  const expr any = OrAll({devices, delay, guardians, started, assets}, e.c);
  if (v.request()) return And(any, Not(v.m.out.notified));
  if (v.event()) return any;
  // A tick: each change explained by a matured change whose request notified.
  auto explained = [&](const std::function<expr(int)>& match) {
    std::vector<expr> ok;
    for (int c = 0; c < e.pending(); ++c)
      ok.push_back(AndAll({v.matured(c), match(c), pre.pend[c].o_notified}, e.c));
    return OrAll(ok, e.c);
  };
  std::vector<expr> bad = {started};
  std::vector<expr> device_bad;
  for (int d = 0; d < e.devices(); ++d) {
    const expr was = pre.dev[d].present;
    device_bad.push_back(
        And(And(was, v.changed(d)), Not(explained([&](int c) {
              return AndAll({OrAll({v.pend_op(c, Op::kRemoveDevice),
                                    v.pend_op(c, Op::kReplaceDevice), v.pend_op(c, Op::kUnprotect)},
                                   e.c),
                             Eq(pre.pend[c].dev, v.i(d))},
                            e.c);
            }))));
    device_bad.push_back(And(And(Not(was), post.dev[d].present), Not(explained([&](int c) {
                               return And(v.pend_op(c, Op::kReplaceDevice),
                                          Eq(pre.pend[c].dev2, v.i(d)));
                             }))));
  }
  bad.push_back(And(devices, If(v.completed(), Not(pre.r_o_notified), OrAll(device_bad, e.c))));
  bad.push_back(And(delay, Not(explained([&](int c) {
                      return And(v.pend_op(c, Op::kSetRemovalDelay),
                                 Eq(pre.pend[c].duration, post.removal_delay));
                    }))));
  for (int j = 0; j < e.gslots(); ++j) {
    const Guardian& x = pre.guard[j];
    const Guardian& y = post.guard[j];
    bad.push_back(And(And(x.present, Not(y.present)), Not(explained([&](int c) {
                        return And(v.pend_op(c, Op::kRemoveGuardian),
                                   Eq(pre.pend[c].gslot, v.i(j)));
                      }))));
    bad.push_back(And(And(Not(x.present), y.present), Not(explained([&](int c) {
                        return And(v.pend_op(c, Op::kAddGuardian), Eq(pre.pend[c].gslot, v.i(j)));
                      }))));
    bad.push_back(And(
        AndAll({x.present, y.present, Or(Ne(x.weight, y.weight), Ne(x.follows, y.follows))}, e.c),
        Not(explained([&](int c) { return v.pend_op(c, Op::kRemoveGuardian); }))));
  }
  bad.push_back(And(Ne(pre.threshold, post.threshold), Not(explained([&](int c) {
                      return And(v.pend_op(c, Op::kSetGuardianThreshold),
                                 Eq(pre.pend[c].threshold, post.threshold));
                    }))));
  bad.push_back(And(assets, Not(explained([&](int c) { return v.pend_op(c, Op::kWithdraw); }))));
  return OrAll(bad, e.c);
}

// --- TWO-FACTOR ------------------------------------------------------------------------
expr two_factor_inv(const View& v) {
  if (!v.request()) return v.b(false);
  const Enc& e = v.e;
  const expr adds = Gt(rules::device_count(e, v.post()), rules::device_count(e, v.pre()));
  std::vector<expr> new_device;
  for (int d = 0; d < e.devices(); ++d)
    new_device.push_back(And(Not(v.pre().dev[d].present), v.post().dev[d].present));
  const expr sensitive =
      OrAll({v.op_is(Op::kAddDevice), v.op_is(Op::kRemoveDevice), v.op_is(Op::kReplaceDevice),
             v.op_is(Op::kSetRemovalDelay), v.op_is(Op::kAddGuardian), v.op_is(Op::kRemoveGuardian),
             v.op_is(Op::kSetGuardianThreshold),
             And(v.op_is(Op::kVerifyTentative), Or(adds, OrAll(new_device, e.c)))},
            e.c);
  return AndAll({v.effective(), Ge(rules::device_count(e, v.pre()), v.i(2)), sensitive,
                 Lt(v.verified_devices(), v.i(2))},
                e.c);
}

// --- RECLAIM ---------------------------------------------------------------------------
expr reclaim_inv(const View& v) {
  const Enc& e = v.e;
  const SymState& pre = v.pre();
  const SymState& post = v.post();
  const expr completed = v.completed();
  // A recovery that hands the identity to its owner takes nothing from her.
  const expr hers = And(completed, Select(post.own, pre.r_dev, v.b(false)));
  std::vector<expr> bad;
  for (int d = 0; d < e.devices(); ++d) {
    const Device& x = pre.dev[d];
    const Device& y = post.dev[d];
    const expr removed = AndAll(
        {x.present, x.recovery, Not(And(y.present, y.recovery)), Not(post.comp[d]), post.own[d]},
        e.c);
    // The causing request: by whom, at which step, under which delay, holding what, reactive.
    expr by_owner = v.request() ? Eq(v.act().actor, v.i(kOwner)) : v.b(false);
    expr at = pre.stepno, held = v.b(true);
    expr reactive = And(pre.reacts, Lt(pre.rho, pre.removal_delay));
    if (v.tick()) {
      for (int c = e.pending(); c-- > 0;) {
        const Pending& q = pre.pend[c];
        const expr cause = AndAll(
            {v.matured(c), Or(v.pend_op(c, Op::kRemoveDevice), v.pend_op(c, Op::kReplaceDevice)),
             Eq(q.dev, v.i(d))},
            e.c);
        by_owner = If(cause, q.o_owner, by_owner);
        at = If(cause, q.o_step, at);
        held = If(cause, q.o_held, held);
        reactive = If(cause, q.o_reactive, reactive);
      }
    }
    by_owner = If(completed, pre.r_o_owner, by_owner);
    at = If(completed, pre.r_o_step, at);
    held = If(completed, pre.r_o_held[d], held);
    reactive = If(completed, pre.r_o_reactive, reactive);
    bad.push_back(
        AndAll({removed, Not(by_owner), held, Le(post.ready_since[d], at), reactive}, e.c));
  }
  return And(Not(hers), OrAll(bad, e.c));
}

// --- GUARDIAN-MINORITY -----------------------------------------------------------------
expr guardian_minority_inv(const View& v) {
  const Enc& e = v.e;
  if (!e.p.guardians) return v.b(false);
  const SymState& pre = v.pre();
  const expr approve = v.request() ? v.op_is(Op::kApproveRecovery) : v.b(false);
  std::vector<expr> approved, signers;
  for (int j = 0; j < e.gslots(); ++j) {
    const expr g = v.request() ? And(v.guardian_signed(j), pre.guard[j].present) : v.b(false);
    approved.push_back(Or(pre.r_approved[j], And(approve, g)));
    signers.push_back(g);
  }
  const expr lands = v.recovery_lands();
  const expr short_of_quorum = And(Not(ghosts::chain_quorum(e, pre, approved)),
                                   Not(ghosts::chain_quorum(e, v.post(), approved)));
  expr bad = And(lands, short_of_quorum);
  if (v.request()) {
    const bool manages = e.p.session_manages_devices;
    const expr by_guardians_only =
        AndAll({OrAll(signers, e.c), Not(Gt(v.verified_devices(), v.i(0))),
                Not(And(v.session_verified(), v.b(manages)))},
               e.c);
    bad = Or(bad, AndAll({v.devices_changed(), Not(lands), by_guardians_only,
                          Not(ghosts::chain_quorum(e, pre, signers))},
                         e.c));
  }
  return bad;
}

// --- VETO ------------------------------------------------------------------------------
expr veto_inv(const View& v) {
  if (!v.e.p.guardians) return v.b(false);
  return And(v.recovery_lands(), v.pre().r_vetoed);
}

// --- ASSET -----------------------------------------------------------------------------
expr asset_inv(const View& v) {
  const Enc& e = v.e;
  const Policy& p = e.p;
  const SymState& pre = v.pre();
  const SymState& post = v.post();
  const expr left = Sub(pre.asset_amount, post.asset_amount);
  const expr lowered = Gt(left, v.i(0));
  expr locked = Or(Lt(post.now, pre.asset_locked), Lt(post.now, pre.locked_until));
  expr wrong = v.b(false);
  if (v.event()) wrong = v.b(true);
  // A sweep (R-AST-7, R-AST-8) moves exactly what left to the recovery path, whatever the
  // locks, signed by a recovery device unless anyone may sweep.
  expr sweep = v.b(false), sweep_wrong = v.b(false);
  if (v.request() && p.sweep != SweepRight::kNone) {
    sweep = And(v.effective(), v.op_is(Op::kSweep));
    std::vector<expr> recovery;
    for (int d = 0; d < e.devices(); ++d)
      recovery.push_back(And(v.device_verified(d), pre.dev[d].recovery));
    sweep_wrong = Or(Ne(Sub(post.asset_swept, pre.asset_swept), left),
                     p.sweep == SweepRight::kRecoveryDevice ? Not(OrAll(recovery, e.c)) : v.b(false));
    locked = And(locked, Not(sweep));
  }
  if (v.request()) {
    const expr transfer =
        AndAll({v.effective(), v.op_is(Op::kTransfer), Eq(v.act().amount, left)}, e.c);
    expr authorized =
        OrAll({Gt(v.verified_devices(), v.i(0)),
               And(v.session_verified(), v.b(p.session_manages_devices)), v.session_verified(true)},
              e.c);
    // Where guardians co-sign transfers: ceil(n/2) of them, or a recipient that ASSET's own
    // record of accepted add-contacts (ghosts.cc trusted_from) trusts by now.
    if (p.cosign_transfers)
      authorized = And(authorized, Or(v.guardians_cosigned(),
                                      Ge(post.now, Select(pre.trusted_from, v.act().to,
                                                          v.i(kNever)))));
    wrong = If(sweep, sweep_wrong,
               OrAll({Not(transfer), v.b(p.withdrawal_delay > 0), Not(authorized)}, e.c));
  }
  if (v.tick()) {
    std::vector<expr> total, bad;
    for (int c = 0; c < e.pending(); ++c) {
      const Pending& q = pre.pend[c];
      const expr m = And(v.matured(c), v.pend_op(c, Op::kWithdraw));
      total.push_back(If(m, q.amount, v.i(0)));
      bad.push_back(And(
          m, Or(Not(q.o_authorized), Lt(Sub(post.now, q.requested_at), v.i(p.withdrawal_delay)))));
    }
    wrong = Or(OrAll(bad, e.c), Ne(Sum(total, e.c), left));
  }
  // R-AST-1: nothing adds to the asset and no request moves more than its balance; swept
  // value never goes down.
  const expr amount_bad =
      Or(Lt(post.asset_amount, v.i(0)), Gt(post.asset_amount, pre.asset_amount));
  return Or(Or(And(lowered, Or(locked, wrong)), amount_bad),
            Lt(post.asset_swept, pre.asset_swept));
}

// --- BOUNDS ----------------------------------------------------------------------------
expr bounds_inv(const View& v) {
  const Enc& e = v.e;
  const Policy& p = e.p;
  const SymState& pre = v.pre();
  const SymState& post = v.post();
  std::vector<expr> bad;
  const int64_t max = std::min<int64_t>(p.max_devices, static_cast<int64_t>(kMaxDevices));
  const expr before = rules::device_count(e, pre), after = rules::device_count(e, post);
  const expr devices = v.devices_changed();
  bad.push_back(AndAll({devices, Gt(after, v.i(max)), Gt(after, before)}, e.c));
  if (p.max_seed_phrases > 0) {
    const expr a = rules::kind_count(e, post, DeviceKind::kSeedPhrase);
    bad.push_back(AndAll({devices, Gt(a, v.i(p.max_seed_phrases)),
                          Gt(a, rules::kind_count(e, pre, DeviceKind::kSeedPhrase))},
                         e.c));
  }
  // Registration, when devices or the registration changed.
  const expr reg_changed =
      OrAll({devices, Ne(pre.g_open, post.g_open), Ne(pre.g_end, post.g_end),
             Ne(pre.g_tentative, post.g_tentative), Ne(pre.g_wrong, post.g_wrong)},
            e.c);
  bad.push_back(
      And(reg_changed,
          OrAll({And(post.g_tentative, Not(post.g_open)),
                 And(post.g_tentative, rules::dev_present(e, post, post.g_dev)),
                 And(post.g_open, Ge(post.g_wrong, v.i(p.registration_attempts))),
                 And(post.g_open, Gt(post.g_end, Add(post.now, v.i(p.registration_window))))},
                e.c)));
  // Pending changes: numbers issued, due no earlier than requested.
  for (const Pending& c : post.pend)
    bad.push_back(And(c.present, Or(Ge(c.number, post.next_change), Lt(c.due_at, c.requested_at))));
  // Sessions live no longer than their kind's maximum.
  for (const Session& x : post.sess)
    bad.push_back(And(x.present, Gt(x.expires_at, Add(post.now, If(x.app, v.i(p.app_max_ttl),
                                                                     v.i(p.session_max_ttl))))));
  // One pending remove, replace or unprotect per device (R-TL-2).
  auto device_change = [&](const Pending& c) {
    return OrAll({Eq(c.op, e.op(Op::kRemoveDevice)), Eq(c.op, e.op(Op::kReplaceDevice)),
                  Eq(c.op, e.op(Op::kUnprotect))},
                 e.c);
  };
  for (std::size_t i = 0; i < post.pend.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const Pending &x = post.pend[i], &y = post.pend[j];
      bad.push_back(AndAll({x.present, y.present, device_change(x), device_change(y),
                            Eq(x.dev, y.dev)},
                           e.c));
    }
  // Guardians weigh at least 1 and follow (only where the policy has following) another
  // current guardian, never in a cycle.
  const int NG = e.gslots();
  for (int j = 0; j < NG; ++j) {
    const Guardian& g = post.guard[j];
    bad.push_back(And(g.present, Eq(g.weight, v.i(0))));
    const expr follows = And(g.present, Ne(g.follows, v.i(kNoSlot)));
    if (!p.following) {
      bad.push_back(follows);
      continue;
    }
    std::vector<expr> present;
    for (const Guardian& x : post.guard) present.push_back(x.present);
    bad.push_back(And(follows, Or(Eq(g.follows, v.i(j)),
                                  Not(Select(present, g.follows, v.b(false))))));
    bad.push_back(rules::in_follow_cycle(e, post, j));
  }
  return OrAll(bad, e.c);
}

// --- TENTATIVE -------------------------------------------------------------------------
expr tentative_inv(const View& v) {
  const Enc& e = v.e;
  const Policy& p = e.p;
  const SymState& pre = v.pre();
  const SymState& post = v.post();
  const expr now = post.now;
  auto live = [&](const SymState& s) { return And(s.g_open, Lt(now, s.g_end)); };
  const expr lands = AndAll({pre.g_tentative, Not(rules::dev_present(e, pre, pre.g_dev)),
                             rules::dev_present(e, post, pre.g_dev)},
                            e.c);
  if (!v.request()) return lands;
  std::vector<expr> bad;
  // The window moves only by an enter-registration while none is live, for exactly the window.
  const expr moved = And(post.g_open, Ne(post.g_end, pre.g_end));
  bad.push_back(And(moved, OrAll({Not(And(v.effective(), v.op_is(Op::kEnterRegistration))),
                                  live(pre), Ne(post.g_end, Add(now, v.i(p.registration_window)))},
                                 e.c)));
  // An offer needs a live window and no tentative device, and registers nothing.
  bad.push_back(AndAll({v.effective(), v.op_is(Op::kAddTentative),
                        OrAll({Not(live(pre)), pre.g_tentative, v.devices_changed()}, e.c)},
                       e.c));
  // A confirmation.
  const expr verify = v.op_is(Op::kVerifyTentative);
  std::vector<expr> new_device;
  for (int d = 0; d < e.devices(); ++d)
    new_device.push_back(And(Not(pre.dev[d].present), post.dev[d].present));
  const expr added =
      Or(Gt(rules::device_count(e, post), rules::device_count(e, pre)), OrAll(new_device, e.c));
  const expr session_ok = And(v.session_verified(), v.b(p.session_manages_devices));
  const expr authority =
      p.two_factor ? If(Ge(rules::device_count(e, pre), v.i(2)), Ge(v.verified_devices(), v.i(2)),
                        Or(Gt(v.verified_devices(), v.i(0)), session_ok))
                   : Or(Gt(v.verified_devices(), v.i(0)), session_ok);
  const expr attempt =
      AndAll({verify, Not(added), Not(v.act().replay), Not(v.act().stale), pre.g_tentative,
              live(pre), Not(v.act().code_right), v.all_verify(), authority},
             e.c);
  const expr last = Ge(Add(pre.g_wrong, v.i(1)), v.i(p.registration_attempts));
  bad.push_back(
      And(attempt, If(last, Or(post.g_open, post.g_tentative),
                      And(post.g_tentative, Ne(post.g_wrong, Add(pre.g_wrong, v.i(1)))))));
  const expr kind = rules::dev_field(post, pre.g_dev, &Device::kind, v.i(-1));
  const expr rec = rules::dev_field(post, pre.g_dev, &Device::recovery, v.b(false));
  const expr prot = rules::dev_field(post, pre.g_dev, &Device::prot, v.b(false));
  const expr wrong_add =
      OrAll({Not(v.effective()), Not(pre.g_open), Not(pre.g_tentative), Ge(now, pre.g_end),
             Ge(pre.g_wrong, v.i(p.registration_attempts)), Not(v.act().code_right),
             Not(Or(Gt(v.verified_devices(), v.i(0)), session_ok)),
             Ne(rules::device_count(e, post), Add(rules::device_count(e, pre), v.i(1))),
             Not(rules::dev_present(e, post, pre.g_dev)), rules::dev_present(e, pre, pre.g_dev),
             Ne(kind, pre.g_kind), Ne(rec, pre.g_rec), Ne(prot, pre.g_prot)},
            e.c);
  bad.push_back(AndAll({verify, added, wrong_add}, e.c));
  return OrAll(bad, e.c);
}

// One table of the invariants with a symbolic statement: an id and its per-step statement
// (none for one judged only at the end of a run). Every other catalogue id is not encoded.
struct Statement {
  const char* id;
  expr (*micro)(const View&);  // nullptr: judged at the end of a run (violated_at_end)
};
constexpr Statement kStatements[] = {
    {"PROTECTED", protected_inv},
    {"DELAY", delay_inv},
    {"DELAY-MONO", delay_mono_inv},
    {"NOTIFY", notify_inv},
    {"TWO-FACTOR", two_factor_inv},
    {"RECLAIM", reclaim_inv},
    {"GUARDIAN-MINORITY", guardian_minority_inv},
    {"VETO", veto_inv},
    {"ASSET", asset_inv},
    {"BOUNDS", bounds_inv},
    {"TENTATIVE", tentative_inv},
    {"SOCIAL-LIVENESS", nullptr},
    {"GUARDIANS-PREVAIL", nullptr},
};

const Statement* statement_of(const std::string& id) {
  for (const Statement& x : kStatements)
    if (id == x.id) return &x;
  return nullptr;
}

}  // namespace

Invariants::Invariants(const Encoding& enc) : enc_(enc) {
  for (const InvariantInfo& info : catalogue()) {
    Coverage c;
    c.id = std::string(info.id);
    if (c.id == "AUTH" || c.id == "REPLAY") {
      c.why =
          "concrete-only: about signatures and digests, which the encoding abstracts away "
          "(its requests are signed by what the actor holds and never replayed)";
    } else if (c.id == "ASSET-2FA") {
      c.why =
          "about which factors signed and which sessions were created with two, which the "
          "encoding does not model (a policy that counts factors sets settings it does not "
          "read: symbolic/coverage.h)";
    } else if (c.id == "EVICT") {
      c.why =
          "its premises over the whole run (reveals, silent copies, the owner's own acts) "
          "are not encoded";
    } else if (c.id == "TIMELY") {
      c.why =
          "about the World's clock (when it ticks, what a tick reports), which the encoding "
          "does not state: its clock never passes anything due by construction, and the "
          "differential phase compares its ticks with the World's";
    } else if (c.id == "GUARDIANS-PREVAIL" && !enc.scope().prevail) {
      c.why =
          "its obligation is tracked only when it is searched for by name or claimed "
          "(--invariant GUARDIANS-PREVAIL), as tracking it narrows the scope";
    } else if (statement_of(c.id) == nullptr) {
      // An invariant the catalogue gained without a symbolic statement here: never claimed.
      c.why = "no symbolic statement of it yet (judged by the concrete engines alone)";
    } else {
      c.encoded = true;
      c.at_end = statement_of(c.id)->micro == nullptr;
      if (c.id == "VETO")
        c.partial =
            "only its first clause is encoded (a vetoed recovery never completes); its second "
            "(a recovery ends early only by a veto that meets the policy, signed after the start) "
            "is judged by the concrete engines alone";
      ids_.push_back(c.id);
    }
    coverage_.push_back(c);
  }
}

int Invariants::index(const std::string& id) const {
  for (std::size_t k = 0; k < ids_.size(); ++k)
    if (ids_[k] == id) return static_cast<int>(k);
  return -1;
}

expr Invariants::micro(const std::string& id, const Micro& m) const {
  const View v{enc_.enc(), m};
  const Statement* x = statement_of(id);
  return x != nullptr && x->micro != nullptr ? x->micro(v) : v.b(false);  // at-end ones: false
}

expr Invariants::violated(int k, const Transition& t) const {
  std::vector<expr> any;
  for (const Micro& m : t.micro) any.push_back(And(m.active, micro(ids_[k], m)));
  return OrAll(any, enc_.ctx());
}

// SOCIAL-LIVENESS and GUARDIANS-PREVAIL at the end of a run (social_liveness.cc at_end): an
// armed, live obligation whose deadline — the later of its due time and its arming time — has
// been reached (passed, when it was armed at or after its due time), and the owner is not in
// control. The two differ only in what waives the obligation (ghosts.cc).
expr Invariants::violated_at_end(int k, const SymState& s) const {
  const rules::Enc& e = enc_.enc();
  if (!e.p.guardians) return e.b(false);
  auto judge = [&](const expr& live, const expr& due, const expr& armed, const expr& armed_at) {
    const expr deadline = If(Ge(due, armed_at), due, armed_at);
    const expr judged = If(Ge(armed_at, due), Gt(s.now, deadline), Ge(s.now, deadline));
    return AndAll({live, armed, judged, Not(ghosts::owner_controls(e, s))}, e.c);
  };
  if (ids_[k] == "SOCIAL-LIVENESS") return judge(s.ob_live, s.ob_due, s.ob_armed, s.ob_armed_at);
  if (ids_[k] == "GUARDIANS-PREVAIL")
    return judge(s.gp_live, s.gp_due, s.gp_armed, s.gp_armed_at);
  return e.b(false);
}

}  // namespace reclaim::sym
