// The symbolic transition relation (see step.h): request-level rules (R-REQ-*) and the
// dispatch to the rule families, as model/step.cc; tick() as model/step.cc's tick(); the
// World's compromise events and knowledge updates; the action's validity and the scope.
#include "symbolic/step.h"

#include <algorithm>

#include "model/ops.h"
#include "sim/world.h"
#include "symbolic/ghosts.h"
#include "symbolic/initial.h"

namespace reclaim::sym {
namespace {

using rules::Enc;
using rules::Res;
using rules::Rq;

// The ops a policy has at all (model/ops.h op_enabled, as the random engine's enabled_ops).
std::vector<Op> policy_ops(const Policy& p) {
  std::vector<Op> ops;
  for (const OpInfo& info : op_table())
    if (op_enabled(p, info.op)) ops.push_back(info.op);
  return ops;
}

Res family(const Rq& rq, Op op) {
  switch (op) {
    case Op::kAddDevice:
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
    case Op::kReplaceDevice:
      return rules::devices_apply(rq);
    case Op::kSetRemovalDelay:
    case Op::kCancel:
      return rules::timelock_apply(rq);
    case Op::kAddGuardian:
    case Op::kRemoveGuardian:
    case Op::kFollow:
    case Op::kStartRecovery:
    case Op::kApproveRecovery:
    case Op::kVetoRecovery:
    case Op::kLock:
    case Op::kUnlock:
    case Op::kSetGuardianThreshold:
      return rules::social_apply(rq);
    case Op::kTransfer:
    case Op::kWithdraw:
    case Op::kClawback:
    case Op::kSweep:
    case Op::kAddContact:
      return rules::assets_apply(rq);
    case Op::kEnterRegistration:
    case Op::kAddTentative:
    case Op::kVerifyTentative:
      return rules::registration_apply(rq);
    case Op::kLogin:
    case Op::kAppLogin:
      return rules::session_apply(rq);
  }
  return rules::rejected(rq, Reject::kMalformed, "R-REQ-1");
}

std::vector<expr> guardian_presents(const SymState& s) {
  std::vector<expr> v;
  for (const Guardian& g : s.guard) v.push_back(g.present);
  return v;
}

// A due change that waits (model/step.cc held()): a guardian change while a recovery runs
// (R-TL-12), a guardian addition while a lock holds it back (R-SOC-13).
expr held(const Enc& e, const SymState& s, const Pending& c) {
  const expr guardian_change =
      OrAll({Eq(c.op, e.op(Op::kAddGuardian)), Eq(c.op, e.op(Op::kRemoveGuardian)),
             Eq(c.op, e.op(Op::kSetGuardianThreshold))},
            e.c);
  const expr by_lock = e.p.lock_blocks_confirmation
                           ? And(Eq(c.op, e.op(Op::kAddGuardian)), Gt(s.locked_until, s.now))
                           : e.b(false);
  return Or(And(guardian_change, s.r_active), by_lock);
}

}  // namespace

Encoding::Encoding(z3::context& c, Policy policy, Scope scope)
    : c_(c),
      policy_(std::move(policy)),
      scope_(scope),
      enc_{c_, policy_, scope_},
      ops_(policy_ops(policy_)) {}

SymState Encoding::initial() const { return initial_state(c_, policy_, scope_); }

Res Encoding::request(const SymState& s, const SymAction& a) const {
  const Enc& e = enc_;
  // R-REQ-4: every signer names a registered device, a live session or a guardian.
  std::vector<expr> bad;
  for (int d = 0; d < e.devices(); ++d) bad.push_back(And(a.sig[d], Not(s.dev[d].present)));
  std::vector<expr> live, live_app;
  for (const Session& x : s.sess) {
    live.push_back(And(And(x.present, Eq(x.id, a.session_id)), Gt(x.expires_at, s.now)));
    live_app.push_back(And(live.back(), x.app));
  }
  bad.push_back(And(a.sig_session, Not(OrAll(live, e.c))));
  // The session signer counts as its kind (model/step.cc verify_signers).
  const expr app_signed = And(a.sig_session, OrAll(live_app, e.c));
  const expr session_signed = And(a.sig_session, Not(app_signed));
  bad.push_back(And(a.sig_guardian, Not(Select(guardian_presents(s), a.gsigner, e.b(false)))));
  for (int j = 0; j < e.gslots(); ++j) bad.push_back(And(a.cosig[j], Not(s.guard[j].present)));
  std::vector<expr> signed_devices;
  for (const expr& x : a.sig) signed_devices.push_back(Count(x));
  // A guardian signs with its own key as the actor, or co-signs after the devices.
  std::vector<expr> guard_signed;
  for (int j = 0; j < e.gslots(); ++j)
    guard_signed.push_back(Or(And(a.sig_guardian, Eq(a.gsigner, e.i(j))), a.cosig[j]));
  const expr by_owner = If(a.replay, a.replay_owner, Eq(a.actor, e.i(kOwner)));
  const Rq rq{e,          s, a, a.sig, session_signed, app_signed, guard_signed,
              Sum(signed_devices, e.c), by_owner};

  Res out = rules::rejected(rq, Reject::kMalformed, "R-REQ-1");
  for (int i = kOpCount; i >= 1; --i) {
    const Op op = static_cast<Op>(i);
    const expr is = Eq(a.op, e.op(op));
    if (is.is_false()) continue;
    SymAction fixed = a;
    fixed.op = e.op(op);
    const Rq frq{e,
                 s,
                 fixed,
                 rq.dev_signed,
                 rq.session_signed,
                 rq.app_signed,
                 rq.guard_signed,
                 rq.devices_signed,
                 rq.by_owner};
    out = rules::merge_res(is, family(frq, op), out);
  }
  rules::Decision d(rq);
  d.reject_if(a.stale, Reject::kStale, "R-REQ-2");
  d.reject_if(a.seen, Reject::kReplay, "R-REQ-3");
  d.reject_if(OrAll(bad, e.c), Reject::kUnauthorized, "R-REQ-4");
  return d.otherwise(out);
}

SymState Encoding::tick(const SymState& pre, const expr& now, StepOut* out) const {
  const Enc& e = enc_;
  SymState s = pre;
  s.now = now;
  // Pending changes, oldest first. A change that lapsed or could not apply is dropped. The
  // concrete loop restarts after each maturing; an entry it skipped stays skipped (its due
  // time and the running recovery do not change), so one pass over the original entries,
  // each still pending, is the same.
  const std::vector<Pending> orig = pre.pend;
  for (std::size_t i = 0; i < orig.size(); ++i) {
    const Pending& c = orig[i];
    std::vector<expr> still;
    for (const Pending& x : s.pend) still.push_back(And(x.present, Eq(x.number, c.number)));
    const expr alive = And(c.present, OrAll(still, e.c));
    const expr lapse = And(alive, Ge(now, c.expires_at));  // R-TL-6
    const expr mature = And(And(alive, Not(lapse)),
                            And(rules::reached(e, c.due_at, now), Not(held(e, s, c))));
    std::vector<expr> keep;
    for (const Pending& x : s.pend) keep.push_back(Not(Eq(x.number, c.number)));
    SymState erased = s;
    rules::keep_pending(e, &erased, keep);
    SymState matured = erased;
    const expr ok = rules::apply_matured(e, &matured, c);  // R-TL-5
    s = merge(mature, matured, merge(lapse, erased, s));
    out->matured[i] = And(mature, ok);
    out->lapsed[i] = Or(lapse, And(mature, Not(ok)));
  }
  // R-SOC-8
  if (policy_.guardians) {
    const expr completes =
        And(And(s.r_active, rules::reached(e, s.r_due, now)), rules::recovery_quorum(e, s));
    SymState done = s;
    rules::complete_recovery(e, &done);
    s = merge(completes, done, s);
    out->completed = completes;
  }
  // R-REG-3
  if (policy_.registration) {
    const expr closes = And(s.g_open, Ge(now, s.g_end));
    s.g_open = And(s.g_open, Not(closes));
    s.g_end = If(closes, e.i(0), s.g_end);
    s.g_tentative = And(s.g_tentative, Not(closes));
    s.g_dev = If(closes, e.i(kNoSlot), s.g_dev);
    s.g_kind = If(closes, e.i(0), s.g_kind);
    s.g_rec = And(s.g_rec, Not(closes));
    s.g_prot = And(s.g_prot, Not(closes));
    s.g_wrong = If(closes, e.i(0), s.g_wrong);
  }
  // R-SES-3
  std::vector<expr> keep;
  for (const Session& x : s.sess) keep.push_back(Gt(x.expires_at, now));
  rules::keep_sessions(e, &s, keep);
  // R-SOC-9
  const expr unlocks = And(Ne(s.locked_until, e.i(0)), Ge(now, s.locked_until));
  s.locked_until = If(unlocks, e.i(0), s.locked_until);
  s.lock_by_rec = And(s.lock_by_rec, Not(unlocks));
  out->verdict = e.i(static_cast<int>(Verdict::kAccepted));
  return s;
}

SymState Encoding::event(const SymState& pre, const SymAction& a) const {
  const Enc& e = enc_;
  SymState s = pre;
  auto is = [&](EventKind k) { return Eq(a.event, e.i(static_cast<int>(k))); };
  const expr owner = Eq(a.actor, e.i(kOwner));
  for (int d = 0; d < e.devices(); ++d) {
    const expr here = Eq(a.dev, e.i(d));
    // steals: only the thief holds it; copies: the actor holds it too; loses: no longer.
    const expr steal = And(is(EventKind::kSteal), here), copy = And(is(EventKind::kCopy), here),
               lose = And(is(EventKind::kLose), here);
    s.own[d] = If(steal, owner,
                  If(copy, Or(pre.own[d], owner), If(And(lose, owner), e.b(false), pre.own[d])));
    s.oth[d] =
        If(steal, Not(owner),
           If(copy, Or(pre.oth[d], Not(owner)), If(And(lose, Not(owner)), e.b(false), pre.oth[d])));
  }
  // hijacks: every session of the identity, of either kind, is the actor's too.
  const expr hijack = is(EventKind::kHijack);
  s.own_session = If(And(hijack, owner), pre.last_session, s.own_session);
  s.oth_session = If(And(hijack, Not(owner)), pre.last_session, s.oth_session);
  s.own_app = If(And(hijack, owner), pre.last_app, s.own_app);
  s.oth_app = If(And(hijack, Not(owner)), pre.last_app, s.oth_app);
  // colludes: a guardian acts for the attacker from now on.
  for (int j = 0; j < e.gslots(); ++j)
    s.colluding[j] = Or(s.colluding[j],
                        And(is(EventKind::kCollude), Eq(a.actor, e.i(guardian_actor(j, scope_)))));
  // reacts: the owner answers what she did not send within rho.
  const expr reacts = And(is(EventKind::kReacts), owner);
  s.reacts = Or(s.reacts, reacts);
  s.rho = If(reacts, a.duration, s.rho);
  return s;
}

SymState Encoding::finish(const SymState& pre, SymState post, const SymAction& a, MicroKind kind,
                          StepOut& out, const expr& reactive) const {
  const Enc& e = enc_;
  if (kind == MicroKind::kRequest) {
    const expr effective = Ne(out.verdict, e.i(static_cast<int>(Verdict::kRejected)));
    const expr fresh = And(effective, Not(a.replay));
    // The World hands the new secret to the receiver of an accepted add, replace, start or
    // offer, and a new session to the receiver of a login.
    const expr creates =
        Or(Or(Eq(a.op, e.op(Op::kAddDevice)), Eq(a.op, e.op(Op::kReplaceDevice))),
           Or(Eq(a.op, e.op(Op::kStartRecovery)), Eq(a.op, e.op(Op::kAddTentative))));
    const expr to_owner = Eq(a.receiver, e.i(kOwner));
    for (int d = 0; d < e.devices(); ++d) {
      const expr grant = And(And(fresh, creates), Eq(a.dev2, e.i(d)));
      post.own[d] = Or(post.own[d], And(grant, to_owner));
      post.oth[d] = Or(post.oth[d], And(grant, Not(to_owner)));
    }
    const expr login = And(fresh, Eq(a.op, e.op(Op::kLogin)));
    post.own_session = If(And(login, to_owner), pre.next_session, post.own_session);
    post.oth_session = If(And(login, Not(to_owner)), pre.next_session, post.oth_session);
    post.last_session = If(login, pre.next_session, post.last_session);
    const expr app_login = And(fresh, Eq(a.op, e.op(Op::kAppLogin)));
    post.own_app = If(And(app_login, to_owner), pre.next_session, post.own_app);
    post.oth_app = If(And(app_login, Not(to_owner)), pre.next_session, post.oth_app);
    post.last_app = If(app_login, pre.next_session, post.last_app);
  }
  expr oos = c_.bool_val(false);
  post = ghosts::after_step(*this, pre, post, a, kind, out, reactive, &oos);
  out.oos = Or(out.oos, oos);
  return post;
}

Micro Encoding::request_micro(const SymState& pre, const SymAction& a, const expr& active,
                              const expr& reactive) const {
  const Res r = request(pre, a);
  StepOut out = make_out(c_, scope_);
  out.verdict = r.verdict;
  out.reject = r.reject;
  out.rule = r.rule;
  out.change = r.change;
  out.notified = r.notified;
  out.remembered = r.remembered;
  out.oos = r.oos;
  out.completed = r.completed;
  const SymState post = finish(pre, r.post, a, MicroKind::kRequest, out, reactive);
  return Micro{MicroKind::kRequest, active, reactive, pre, merge(active, post, pre), a, out};
}

Transition Encoding::step(const SymState& pre, const SymAction& a) const {
  const Enc& e = enc_;
  auto kind_is = [&](ActionKind k) { return Eq(a.kind, e.i(action_kind(k))); };
  Transition t{pre, {}, valid(pre, a), e.b(false), e.b(false)};

  const expr is_request = kind_is(ActionKind::kRequest);
  t.micro.push_back(request_micro(pre, a, is_request, e.b(false)));
  t.noop =
      AndAll({is_request, Eq(t.micro[0].out.verdict, e.i(static_cast<int>(Verdict::kRejected))),
              Ne(t.micro[0].out.reject, e.i(static_cast<int>(Reject::kBadCode)))},
             c_);

  const expr is_tick = kind_is(ActionKind::kAdvance);
  {
    StepOut out = make_out(c_, scope_);
    SymState post = tick(pre, a.time, &out);
    post = finish(pre, post, a, MicroKind::kTick, out, e.b(false));
    t.micro.push_back(
        Micro{MicroKind::kTick, is_tick, e.b(false), pre, merge(is_tick, post, pre), a, out});
  }
  const expr is_event = kind_is(ActionKind::kEvent);
  {
    StepOut out = make_out(c_, scope_);
    out.verdict = e.i(static_cast<int>(Verdict::kAccepted));
    SymState post = finish(pre, event(pre, a), a, MicroKind::kEvent, out, e.b(false));
    t.micro.push_back(
        Micro{MicroKind::kEvent, is_event, e.b(false), pre, merge(is_event, post, pre), a, out});
  }
  const expr is_react = kind_is(ActionKind::kReact);
  std::vector<Micro> answer = react(pre, is_react);
  const SymState reacted = answer.empty() ? pre : answer.back().post;
  for (Micro& m : answer) t.micro.push_back(std::move(m));

  t.post = merge(is_request, t.micro[0].post,
                 merge(is_tick, t.micro[1].post, merge(is_event, t.micro[2].post, reacted)));
  std::vector<expr> oos;
  for (const Micro& m : t.micro) oos.push_back(And(m.active, m.out.oos));
  t.oos = OrAll(oos, c_);
  return t;
}

expr Encoding::overdue(const SymState& s) const {
  const Enc& e = enc_;
  std::vector<expr> any;
  for (const Pending& c : s.pend)
    any.push_back(AndAll({c.present, rules::reached(e, c.due_at, s.now), Not(held(e, s, c))}, c_));
  if (policy_.guardians)
    any.push_back(
        AndAll({s.r_active, rules::reached(e, s.r_due, s.now), rules::recovery_quorum(e, s)}, c_));
  return OrAll(any, c_);
}

expr Encoding::reaction_time(const SymState& s) const {
  const Enc& e = enc_;
  const expr never = e.i(kNever);
  const expr head = If(s.queue[0].present, Add(s.queue[0].at, s.rho), never);
  // A plan waits for the owner's recovery devices; one she holds none of is not due.
  const expr plan = If(And(ghosts::plan_current(*this, s), Not(ghosts::plan_stale(*this, s))),
                       Add(s.plan_since, s.rho), never);
  return If(s.reacts, Min(head, plan), never);
}

expr Encoding::reaction_due(const SymState& s) const {
  const Enc& e = enc_;
  const expr head = And(s.queue[0].present, Ge(s.now, Add(s.queue[0].at, s.rho)));
  (void)e;
  return And(s.reacts, Or(head, ghosts::plan_due(*this, s)));
}

std::vector<std::pair<std::string, expr>> Encoding::valid_parts(const SymState& s,
                                                                const SymAction& a) const {
  const Enc& e = enc_;
  const int D = e.devices(), NG = e.gslots(), A = actor_count(scope_);
  auto kind_is = [&](ActionKind k) { return Eq(a.kind, e.i(action_kind(k))); };
  auto range = [&](const expr& x, int lo, int hi) { return And(Ge(x, e.i(lo)), Le(x, e.i(hi))); };
  std::vector<std::pair<std::string, expr>> ok;
  ok.emplace_back("kind", range(a.kind, 0, 3));
  // The reactive owner answers exactly when her answer is due, before anything else.
  ok.emplace_back("answer when due", Eq(kind_is(ActionKind::kReact), reaction_due(s)));

  // --- a move of the clock: forward, never past anything due (the World ticks there) ---
  {
    std::vector<expr> adv = {Gt(a.time, s.now), Le(a.time, e.i(100 * kYear)),
                             Le(a.time, reaction_time(s))};
    const Duration strict = policy_.boundary == Boundary::kStrict ? 1 : 0;
    auto not_past = [&](const expr& present, const expr& due) {
      adv.push_back(Implies(And(present, Gt(due, s.now)), Le(a.time, due)));
    };
    for (const Pending& c : s.pend) {
      not_past(c.present, Add(c.due_at, e.i(strict)));
      not_past(And(c.present, Ne(c.expires_at, e.i(kNever))), c.expires_at);
    }
    not_past(s.r_active, Add(s.r_due, e.i(strict)));
    not_past(s.g_open, s.g_end);
    for (const Session& x : s.sess) not_past(x.present, x.expires_at);
    not_past(Ne(s.locked_until, e.i(0)), s.locked_until);
    adv.push_back(Implies(overdue(s), Le(a.time, Add(s.now, e.i(1)))));
    ok.emplace_back("clock", Implies(kind_is(ActionKind::kAdvance), AndAll(adv, c_)));
  }

  // --- a request ---
  {
    std::vector<expr> rq;
    rq.push_back(range(a.actor, 0, A - 1));
    auto for_ops = [&](std::initializer_list<Op> ops, const expr& x) {
      std::vector<expr> any;
      for (Op o : ops) any.push_back(Eq(a.op, e.op(o)));
      return Implies(OrAll(any, c_), x);
    };
    rq.push_back(for_ops({Op::kRemoveDevice, Op::kProtect, Op::kUnprotect, Op::kReplaceDevice},
                         range(a.dev, 0, D - 1)));
    rq.push_back(
        for_ops({Op::kAddDevice, Op::kReplaceDevice, Op::kStartRecovery, Op::kAddTentative},
                And(range(a.dev2, 0, D - 1), range(a.kind2, 0, 3))));
    rq.push_back(for_ops({Op::kAddGuardian}, range(a.gslot, 0, NG - 1)));
    rq.push_back(for_ops({Op::kRemoveGuardian, Op::kFollow}, range(a.gslot, 0, NG)));
    rq.push_back(for_ops({Op::kFollow}, range(a.gslot2, kNoSlot, NG)));  // NG: no guardian
    rq.push_back(for_ops({Op::kAddGuardian}, Ge(a.weight, e.i(0))));
    rq.push_back(
        for_ops({Op::kSetRemovalDelay, Op::kLogin, Op::kAppLogin}, Ge(a.duration, e.i(0))));
    rq.push_back(for_ops({Op::kCancel, Op::kSetGuardianThreshold}, Ge(a.number, e.i(0))));
    rq.push_back(for_ops({Op::kTransfer, Op::kWithdraw, Op::kAddContact}, range(a.to, 0, A - 1)));
    rq.push_back(range(a.receiver, 0, 1));
    // Co-signers sign only the ops that can ask for them (R-DEV-12, R-AST-6, R-AST-10), beside
    // devices (the scope: a co-signed approval or start would carry several guardian votes).
    std::vector<expr> cosigners;
    for (const expr& x : a.cosig) cosigners.push_back(Count(x));
    const expr cosigned = Gt(Sum(cosigners, c_), e.i(0));
    std::vector<expr> cosign_ops;
    for (Op o :
         {Op::kAddDevice, Op::kRemoveDevice, Op::kReplaceDevice, Op::kTransfer, Op::kAddContact})
      cosign_ops.push_back(Eq(a.op, e.op(o)));
    rq.push_back(Implies(cosigned, OrAll(cosign_ops, c_)));
    rq.push_back(Implies(cosigned, And(Not(a.sig_session), Not(a.sig_guardian))));
    // Who may send what (not asked of a replay: it carries the original's signatures).
    std::vector<expr> who;
    const expr owner = Eq(a.actor, e.i(kOwner)), attacker = Eq(a.actor, e.i(kAttacker));
    const expr guardian = Ge(a.actor, e.i(2));
    // The actor holds every device it signs with (the World refuses anything else): the owner
    // her own, anyone else what the other side holds.
    for (int d = 0; d < D; ++d) who.push_back(Implies(a.sig[d], If(owner, s.own[d], s.oth[d])));
    // A session signer is the newest session of the kind named that the actor holds.
    const expr held_session =
        If(a.sig_app, If(owner, s.own_app, If(attacker, s.oth_app, e.i(0))),
           If(owner, s.own_session, If(attacker, s.oth_session, e.i(0))));
    who.push_back(
        Implies(a.sig_session, And(Gt(held_session, e.i(0)), Eq(a.session_id, held_session))));
    who.push_back(Implies(a.sig_app, a.sig_session));
    // A guardian signer is the actor's own key.
    expr own_slot = e.i(NG);  // the owner is no guardian
    own_slot = If(attacker, e.i(scope_.guardians), own_slot);
    for (int j = 0; j < scope_.guardians; ++j)
      own_slot = If(Eq(a.actor, e.i(guardian_actor(j, scope_))), e.i(j), own_slot);
    who.push_back(Implies(a.sig_guardian, Eq(a.gsigner, own_slot)));
    // A co-signer is the actor itself, an honest guardian for the owner, or a colluding one
    // for anyone else (sim/world.h cosign_refusal); the World sends at most kMaxSigners.
    for (int j = 0; j < NG; ++j)
      who.push_back(Implies(a.cosig[j], Or(Eq(own_slot, e.i(j)),
                                           If(owner, Not(s.colluding[j]), s.colluding[j]))));
    std::vector<expr> signatures = {Count(a.sig_session), Count(a.sig_guardian)};
    for (const expr& x : a.sig) signatures.push_back(Count(x));
    for (const expr& x : a.cosig) signatures.push_back(Count(x));
    who.push_back(Le(Sum(signatures, c_), e.i(static_cast<int64_t>(kMaxSigners))));
    for (const expr& x : who) rq.push_back(Implies(Not(a.replay), x));
    for (std::size_t i = 0; i < rq.size(); ++i)
      ok.emplace_back("request " + std::to_string(i),
                      Implies(kind_is(ActionKind::kRequest), rq[i]));
  }

  // --- an event ---
  {
    std::vector<expr> ev;
    auto is = [&](EventKind k) { return Eq(a.event, e.i(static_cast<int>(k))); };
    // Any actor may steal, copy or hijack, as in the World: the knowledge is the owner's and
    // everyone else's, so a guardian's theft is the others' and the owner's is hers again.
    // Who the search lets act is search_only's choice.
    const expr owner = Eq(a.actor, e.i(kOwner));
    ev.push_back(range(a.event, 0, 5));
    ev.push_back(range(a.actor, 0, A - 1));
    ev.push_back(
        Implies(OrAll({is(EventKind::kSteal), is(EventKind::kCopy), is(EventKind::kLose)}, c_),
                range(a.dev, 0, D - 1)));
    ev.push_back(
        Implies(is(EventKind::kReacts), And(And(owner, Not(s.reacts)), Gt(a.duration, e.i(0)))));
    for (std::size_t i = 0; i < ev.size(); ++i)
      ok.emplace_back("event " + std::to_string(i), Implies(kind_is(ActionKind::kEvent), ev[i]));
  }
  return ok;
}

expr Encoding::search_only(const SymState& s, const SymAction& a) const {
  const Enc& e = enc_;
  auto is = [&](Op o) { return Eq(a.op, e.op(o)); };
  auto range = [&](const expr& x, int64_t lo, int64_t hi) {
    return And(Ge(x, e.i(lo)), Le(x, e.i(hi)));
  };
  std::vector<expr> rq;
  // The ops the policy has: the others are rejected `disabled` and change nothing.
  std::vector<expr> op_ok;
  for (Op op : ops_) op_ok.push_back(is(op));
  rq.push_back(OrAll(op_ok, c_));
  // Values outside these domains are rejected `malformed` or name nothing; the arguments an
  // op does not read are left at their defaults.
  std::vector<expr> menu = {Eq(a.duration, e.i(0))};
  for (Duration x : policy_.delay_menu) menu.push_back(Eq(a.duration, e.i(x)));
  if (!policy_.delay_menu.empty()) rq.push_back(Implies(is(Op::kSetRemovalDelay), OrAll(menu, c_)));
  rq.push_back(Implies(is(Op::kAddGuardian), range(a.weight, 1, 3)));
  rq.push_back(Implies(is(Op::kCancel), range(a.number, 0, kMaxScopePending + 16)));
  rq.push_back(Implies(is(Op::kCancel), Le(a.number, s.next_change)));
  rq.push_back(
      Implies(is(Op::kSetGuardianThreshold), range(a.number, 1, guardian_slots(scope_) + 1)));
  rq.push_back(
      Implies(Or(is(Op::kTransfer), is(Op::kWithdraw)), range(a.amount, 1, kStandardAsset)));
  rq.push_back(Implies(is(Op::kLogin), Le(a.duration, e.i(policy_.session_max_ttl))));
  rq.push_back(Implies(is(Op::kAppLogin), Le(a.duration, e.i(policy_.app_max_ttl))));
  // Co-signers only where the policy asks for them; a recipient only where it is read
  // (trusted contacts), else the requester's side, as the random engine sends.
  std::vector<expr> asks;
  for (Op op : ops_)
    if (guardians_cosign(policy_, op)) asks.push_back(is(op));
  for (std::size_t j = 0; j < a.cosig.size(); ++j)  // a co-signer that is no guardian is refused
    rq.push_back(Implies(a.cosig[j], And(OrAll(asks, c_), s.guard[j].present)));
  const expr side = If(Eq(a.actor, e.i(kOwner)), e.i(kOwner), e.i(kAttacker));
  rq.push_back(Implies(Not(OrAll({is(Op::kTransfer), is(Op::kWithdraw), is(Op::kAddContact)}, c_)),
                       Eq(a.to, e.i(kOwner))));
  if (!policy_.trusted_contacts)
    rq.push_back(Implies(Or(is(Op::kTransfer), is(Op::kWithdraw)), Eq(a.to, side)));
  // The roles of the random engine (random/model.cc applicable(), generate.cc):
  // new secrets go to the requester, a recovery's to the one it is for; guardians act with
  // their key only, on guardian ops (colluding ones may also try to remove a device), honest
  // ones for the owner, colluding ones for the attacker.
  const expr owner = Eq(a.actor, e.i(kOwner)), attacker = Eq(a.actor, e.i(kAttacker));
  const expr guardian = Ge(a.actor, e.i(2));
  const expr start = is(Op::kStartRecovery);
  rq.push_back(Implies(Not(start), Eq(a.receiver, If(owner, e.i(kOwner), e.i(kAttacker)))));
  rq.push_back(Implies(And(owner, start), Eq(a.receiver, e.i(kOwner))));
  rq.push_back(Implies(And(attacker, start), Eq(a.receiver, e.i(kAttacker))));
  std::vector<expr> gops;
  for (Op op : {Op::kStartRecovery, Op::kApproveRecovery, Op::kVetoRecovery, Op::kFollow, Op::kLock,
                Op::kUnlock, Op::kRemoveDevice})
    gops.push_back(is(op));
  std::vector<expr> no_devices;
  for (const expr& x : a.sig) no_devices.push_back(Not(x));
  std::vector<expr> no_cosigners;
  for (const expr& x : a.cosig) no_cosigners.push_back(Not(x));
  rq.push_back(Implies(guardian, AndAll({OrAll(gops, c_), AndAll(no_devices, c_),
                                         AndAll(no_cosigners, c_)},
                                        c_)));
  expr colluding = e.b(false);
  for (int j = 0; j < scope_.guardians; ++j)
    colluding = If(Eq(a.actor, e.i(guardian_actor(j, scope_))), s.colluding[j], colluding);
  const expr for_owner = And(s.r_active, Select(s.own, s.r_dev, e.b(false)));
  rq.push_back(Implies(And(guardian, Not(colluding)),
                       AndAll({Implies(start, Eq(a.receiver, e.i(kOwner))),
                               Implies(And(is(Op::kApproveRecovery), s.r_active), for_owner),
                               Implies(And(is(Op::kVetoRecovery), s.r_active), Not(for_owner)),
                               Not(is(Op::kRemoveDevice))},
                              c_)));
  rq.push_back(Implies(And(guardian, colluding), Implies(start, Eq(a.receiver, e.i(kAttacker)))));
  // The search's compromise events are the random engine's (generate.cc): the attacker
  // steals, copies and hijacks; the owner loses; a guardian colludes once.
  auto ev_is = [&](EventKind k) { return Eq(a.event, e.i(static_cast<int>(k))); };
  std::vector<expr> ev = {
      Implies(OrAll({ev_is(EventKind::kSteal), ev_is(EventKind::kCopy), ev_is(EventKind::kHijack)},
                    c_),
              attacker),
      Implies(ev_is(EventKind::kLose), owner)};
  std::vector<expr> can_collude;
  for (int j = 0; j < scope_.guardians; ++j)
    can_collude.push_back(And(Eq(a.actor, e.i(guardian_actor(j, scope_))), Not(s.colluding[j])));
  ev.push_back(Implies(ev_is(EventKind::kCollude), OrAll(can_collude, c_)));
  return AndAll({Implies(Eq(a.kind, e.i(action_kind(ActionKind::kRequest))), AndAll(rq, c_)),
                 Implies(Eq(a.kind, e.i(action_kind(ActionKind::kEvent))), AndAll(ev, c_)),
                 Not(OrAll({a.replay, a.stale, a.seen, a.early}, c_))},
                c_);
}

expr Encoding::valid(const SymState& s, const SymAction& a) const {
  std::vector<expr> all;
  for (const auto& [name, x] : valid_parts(s, a)) all.push_back(x);
  return AndAll(all, c_);
}

}  // namespace reclaim::sym
