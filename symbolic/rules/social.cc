// Social recovery rules, symbolically (model/rules/social.cc): weighted guardians, following,
// recovery with owner veto, locks.
// R-SOC-1: social ops exist only where the policy has guardians.
// R-SOC-2: adding or removing a guardian, or changing the guardian threshold, needs an
//          owner device (R-DEV-1 without sessions) and two-factor (R-2FA-1); it waits the
//          policy's guardian-change delay (-1: the removal delay; 0: immediate) and, with a
//          confirmation window, lapses when the window ends (R-TL-6). While the identity is
//          locked, guardians cannot be added (removing is allowed, as in Argent).
// R-SOC-3: a guardian may follow another guardian (its weight goes to the followee) by a
//          request the follower's key signed; a follow that would close a cycle is rejected.
// R-SOC-4: a recovery is started by a guardian (counting as its approval) or, where the
//          policy allows, by an owner device; one recovery at a time (but see R-SOC-15); it is
//          due after the recovery delay (-1: the identity's removal delay), counted from its
//          execution (R-SOC-10), and is notified. Where the policy has a lock period, executing
//          it locks the identity until it is due (or as R-SOC-11 says). Its new device id is
//          unregistered and named by no tentative registration or pending replacement (R-DEV-13).
// R-SOC-5: a guardian approves a running recovery once.
// R-SOC-6: a veto ends a running recovery: by any recovery device, any owner device, or in
//          Argent by ceil((n0+1)/2) votes of owner devices and guardians counted across
//          separate veto requests (n0 = guardians when the recovery started). Only a veto
//          signed after the recovery started counts (its nonce is above the start's).
// R-SOC-7: quorum: the sum of approving guardian weight reaches the identity's threshold
//          (a follower votes with the guardian it follows, from the moment both the vote and
//          the follow exist; a later re-follow never withdraws it); Argent: ceil(n/2)
//          guardians; Candide: the owner-chosen count.
// R-SOC-8: a recovery due (policy.boundary) with quorum completes — at the tick, or at the
//          approve or follow request that brings quorum after it is due: every device of the
//          identity is replaced by the recovery's new device (a recovery device), pending
//          changes, sessions and registration are cleared and any lock ends.
// R-SOC-9: lock and unlock are guardian-only (never the owner), where the policy has a lock
//          period; a lock lasts the lock period.
// R-SOC-10: the recovery clock. A recovery is executed at its start (clock "start"), or when
//          its approvals first reach quorum (clock "quorum": Argent's and Candide's
//          executeRecovery) — at its start, an approval, a follow, or an immediate guardian or
//          threshold change. Its delay runs from its execution; before it, it is never due.
// R-SOC-14: a bounded threshold (Candide GuardianStorage): a threshold change must keep
//          1 <= threshold <= guardians, and removing a guardian must leave at least threshold
//          guardians — except the last one. Judged at the request and again when a delayed
//          change matures (rules/timelock apply_matured).
// R-SOC-15: replacement (Candide _executeRecovery): where the policy allows it, a start while a
//          recovery runs replaces it when the start's distinct guardian signers are strictly
//          more than the guardians that approved the running one and reach quorum on their own;
//          otherwise it is rejected. (A request of the encoding carries one guardian key, so
//          only a running recovery without approvals can be replaced.)
// R-SOC-11: a recovery's lock (recovery_lock "lock-period", Argent): executing a recovery locks
//          the identity for the lock period, replacing any guardian's lock; the lock ends when
//          the recovery completes or is vetoed, or when the period ends. Guardians can neither
//          unlock it nor replace it with a lock of their own.
// R-SOC-12: where the policy says so, lock needs an unlocked identity and unlock a locked one.
// R-SOC-13: where the policy says so, a due guardian addition is not confirmed while the
//          identity is locked (decided by the tick, step.cc held()).
// R-SOC-15 "always" (Argent on Starknet): any authorized start replaces the running one.
// R-SOC-16: where the policy says so, an owner's guardian-removal request that passes ends a
//          running recovery that guardians started, as a veto would (its lock ends with it).
// R-SOC-17: where the policy says so, a recovery cannot start while a guardian removal is
//          pending and its window has not ended.
// R-SOC-18: where the policy has an escape interval, a recovery start less than that interval
//          after the last accepted start is rejected, and so is a guardian removal less than
//          that interval after the last accepted removal request.
//
// The recovery's timing (when its delay starts, which deadline counts) lives in execute() and
// due_now() only.
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {
namespace {

std::vector<expr> presents(const SymState& s) {
  std::vector<expr> v;
  for (const Guardian& g : s.guard) v.push_back(g.present);
  return v;
}

std::vector<expr> follows(const SymState& s) {
  std::vector<expr> v;
  for (const Guardian& g : s.guard) v.push_back(g.follows);
  return v;
}

expr guardian_present(const Enc& e, const SymState& s, const expr& slot) {
  return Select(presents(s), slot, e.b(false));
}

// Any guardian signed (on a social op, a request carries at most the acting actor's own key:
// co-signers sign only device changes, transfers and add-contact).
expr guardian_signed(const Rq& rq) { return OrAll(rq.guard_signed, rq.e.c); }

// R-SOC-7: a vote is cast when it is made. The voter and every guardian following it
// (directly or through others) approve, and keep their approval if they re-follow later.
void cast_with_followers(const Enc& e, SymState* s, const expr& voter) {
  for (int j = 0; j < e.gslots(); ++j) s->r_approved[j] = Or(s->r_approved[j], Eq(voter, e.i(j)));
  for (int round = 0; round < e.gslots(); ++round)
    for (int j = 0; j < e.gslots(); ++j) {
      const Guardian& g = s->guard[j];
      const expr followee_voted = Select(s->r_approved, g.follows, e.b(false));
      s->r_approved[j] = Or(s->r_approved[j], And(g.present, followee_voted));
    }
}

expr would_cycle(const Enc& e, const SymState& s, const expr& follower, const expr& followee) {
  expr cur = followee, cycle = e.b(false);
  for (int step = 0; step <= e.gslots(); ++step) {
    const expr live = Ne(cur, e.i(kNoSlot));
    cycle = Or(cycle, And(live, Eq(cur, follower)));
    const expr next =
        If(guardian_present(e, s, cur), Select(follows(s), cur, e.i(kNoSlot)), e.i(kNoSlot));
    cur = If(live, next, cur);
  }
  return cycle;
}

expr ceil_half(const Enc& e, const expr& n) {
  // (n + 1) / 2 for n in 0..kMaxGuardians + 1, without integer division.
  expr out = e.i(0);
  for (int k = 1; k <= static_cast<int>(kMaxGuardians) + 1; ++k)
    out = If(Eq(n, e.i(k)), e.i((k + 1) / 2), out);
  return out;
}

void reset_recovery(const Enc& e, SymState* s) {
  s->r_active = e.b(false);
  s->r_dev = e.i(kNoSlot);
  s->r_kind = e.i(0);
  s->r_started = e.i(0);
  s->r_due = e.i(0);
  s->r_n0 = e.i(0);
  s->r_owner_started = e.b(false);
  s->r_veto_owner = e.b(false);
  for (int j = 0; j < e.gslots(); ++j) {
    s->r_approved[j] = e.b(false);
    s->r_veto[j] = e.b(false);
  }
}

// When a recovery becomes due and whether it is due now: the timing rules of R-SOC-4/8/10.
expr recovery_delay(const Enc& e, const SymState& s) {
  return e.p.recovery_delay < 0 ? s.removal_delay : e.i(e.p.recovery_delay);
}
expr due_now(const Enc& e, const SymState& s) { return reached(e, s.r_due, s.now); }

// R-SOC-10, R-SOC-11: the recovery's delay starts now, and with a lock period so does its
// lock: for the lock period under a recovery lock, else until the recovery can complete (one
// second later under a strict boundary).
void execute(const Enc& e, SymState* s) {
  s->r_due = Add(s->now, recovery_delay(e, *s));
  if (e.p.lock_period <= 0) return;
  if (e.p.recovery_lock == RecoveryLock::kLockPeriod) {
    s->locked_until = Add(s->now, e.i(e.p.lock_period));
    s->lock_by_rec = e.b(true);
  } else {
    s->locked_until = Add(s->r_due, e.i(e.p.boundary == Boundary::kStrict ? 1 : 0));
  }
}

// A vetoed or ended recovery's lock ends (R-SOC-6, R-SOC-11); under a recovery lock only the
// lock the recovery itself set, never a guardian's.
void end_recovery_lock(const Enc& e, SymState* s) {
  if (e.p.recovery_lock != RecoveryLock::kLockPeriod) {
    s->locked_until = e.i(0);
    return;
  }
  s->locked_until = If(s->lock_by_rec, e.i(0), s->locked_until);
  s->lock_by_rec = e.b(false);
}

// R-SOC-18: is now less than the escape interval after `last` (kNoTime: never)?
expr too_soon(const Enc& e, const SymState& s, const expr& last) {
  if (e.p.escape_interval <= 0) return e.b(false);
  return And(Ne(last, e.i(kNoTime)), Lt(s.now, Add(last, e.i(e.p.escape_interval))));
}

// R-SOC-17: a guardian removal pending and not expired.
expr removal_pending(const Enc& e, const SymState& s) {
  std::vector<expr> any;
  for (const Pending& c : s.pend)
    any.push_back(AndAll({c.present, Eq(c.op, e.op(Op::kRemoveGuardian)), Lt(s.now, c.expires_at)},
                         e.c));
  return OrAll(any, e.c);
}

// R-SOC-10: under the quorum clock, a recovery still waiting is executed once it has quorum.
void execute_if_quorate(const Enc& e, SymState* s) {
  if (e.p.recovery_clock != RecoveryClock::kQuorum) return;
  SymState done = *s;
  execute(e, &done);
  *s = merge(AndAll({s->r_active, Eq(s->r_due, e.i(kNever)), recovery_quorum(e, *s)}, e.c), done,
             *s);
}

Res guardian_change(const Rq& rq, Op op) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  Decision d(rq);
  d.reject_if(Not(owner_device_signed(rq)), Reject::kUnauthorized, "R-SOC-2");
  if (op == Op::kAddGuardian) {
    d.reject_if(Gt(s.locked_until, s.now), Reject::kLocked, "R-SOC-2");
    d.reject_if(Eq(a.weight, e.i(0)), Reject::kMalformed, "R-SOC-2");
    d.reject_if(guardian_present(e, s, a.gslot), Reject::kExists, "R-SOC-2");
  } else if (op == Op::kRemoveGuardian) {
    d.reject_if(Not(guardian_present(e, s, a.gslot)), Reject::kNotFound, "R-SOC-2");
    d.reject_if(too_soon(e, s, s.last_removal), Reject::kLocked, "R-SOC-18");
  } else {
    d.reject_if(Eq(a.number, e.i(0)), Reject::kMalformed, "R-SOC-2");
  }
  if (op != Op::kAddGuardian)
    d.reject_if(Not(threshold_allows(e, s, op == Op::kRemoveGuardian, a.number)),
                Reject::kThreshold, "R-SOC-14");
  d.reject_if(Not(two_factor_ok(rq, a.op)), Reject::kTwoFactor, "R-2FA-1");
  SymState passed = s;
  if (op == Op::kRemoveGuardian) {
    if (e.p.escape_interval > 0) passed.last_removal = s.now;  // R-SOC-18
    if (e.p.removal_ends_recovery) {  // R-SOC-16
      SymState ended = passed;
      reset_recovery(e, &ended);
      end_recovery_lock(e, &ended);
      passed = merge(And(s.r_active, Not(s.r_owner_started)), ended, passed);
    }
  }
  const expr delay =
      e.p.guardian_change_delay < 0 ? s.removal_delay : e.i(e.p.guardian_change_delay);
  const expr expires = e.p.guardian_change_window > 0
                           ? Add(Add(s.now, delay), e.i(e.p.guardian_change_window))
                           : e.i(kNever);
  const Res later = make_pending(rq, passed, delay, expires, "R-SOC-2");
  SymState post = passed;
  Pending now_change = s.pend[0];
  now_change.op = a.op;
  now_change.gslot = a.gslot;
  now_change.weight = a.weight;
  now_change.threshold = a.number;
  apply_matured(e, &post, now_change);
  execute_if_quorate(e, &post);  // R-SOC-10: e.g. a lowered threshold the approvals meet
  const expr n = notify(e, &post, a.op);
  return d.otherwise(merge_res(Gt(delay, e.i(0)), later, accepted(rq, post, "R-SOC-2", n)));
}

Res follow(const Rq& rq) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  if (!e.p.following) return rejected(rq, Reject::kDisabled, "R-SOC-3");
  const expr follower = a.gslot, followee = a.gslot2;
  const expr some = Ne(followee, e.i(kNoSlot));
  Decision d(rq);
  d.reject_if(Not(Select(rq.guard_signed, follower, e.b(false))), Reject::kUnauthorized, "R-SOC-3");
  d.reject_if(And(some, Not(guardian_present(e, s, followee))), Reject::kNotFound, "R-SOC-3");
  d.reject_if(And(some, would_cycle(e, s, follower, followee)), Reject::kCycle, "R-SOC-3");
  SymState post = s;
  for (int j = 0; j < e.gslots(); ++j)
    post.guard[j].follows = If(Eq(follower, e.i(j)), followee, post.guard[j].follows);
  // Following a guardian that already approved the running recovery is approving it.
  const expr votes = And(And(s.r_active, some), Select(s.r_approved, followee, e.b(false)));
  SymState voted = post;
  cast_with_followers(e, &voted, follower);
  execute_if_quorate(e, &voted);  // R-SOC-10
  const expr completes = And(due_now(e, voted), recovery_quorum(e, voted));
  SymState done = voted;
  complete_recovery(e, &done);
  voted = merge(completes, done, voted);  // R-SOC-8
  post = merge(votes, voted, post);
  const expr n = notify(e, &post, a.op);
  Res ok = accepted(rq, post, "R-SOC-3", n);
  ok.completed = And(votes, completes);
  return d.otherwise(ok);
}

Res start(const Rq& rq) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  const expr by_guardian = guardian_signed(rq);
  const expr by_owner = And(owner_device_signed(rq), e.b(e.p.owner_may_start_recovery));
  Decision d(rq);
  d.reject_if(Not(Or(by_guardian, by_owner)), Reject::kUnauthorized, "R-SOC-4");
  if (e.p.removal_blocks_recovery)
    d.reject_if(removal_pending(e, s), Reject::kTimelockPending, "R-SOC-17");
  d.reject_if(too_soon(e, s, s.last_start), Reject::kLocked, "R-SOC-18");
  const expr replacing = s.r_active;
  if (e.p.recovery_replace == RecoveryReplace::kNever)
    d.reject_if(replacing, Reject::kExists, "R-SOC-4");
  d.reject_if(dev_present(e, s, a.dev2), Reject::kExists, "R-SOC-4");
  // As the model: the running recovery's own device does not count (a running recovery has
  // already rejected the start here).
  d.reject_if(device_id_named(e, s, a.dev2, false), Reject::kExists, "R-DEV-13");
  // The approvals of the running recovery (a removed guardian's vote stays on its list).
  std::vector<expr> running;
  for (int j = 0; j < e.gslots(); ++j) running.push_back(Count(s.r_approved[j]));
  const expr running_approvals = Sum(running, e.c);
  SymState post = s;
  reset_recovery(e, &post);
  post.r_active = e.b(true);
  post.r_dev = a.dev2;
  post.r_kind = a.kind2;
  post.r_started = s.now;
  post.r_due = e.i(kNever);  // R-SOC-10: set when it is executed
  post.r_n0 = guardian_count(e, s);
  post.r_owner_started = Not(by_guardian);
  // A request carries at most one guardian key (its actor's), so one vote is cast.
  {
    SymState cast = post;
    cast_with_followers(e, &cast, rq.a.gsigner);
    post = merge(by_guardian, cast, post);
  }
  if (e.p.recovery_replace == RecoveryReplace::kMoreApprovals)  // R-SOC-15
    d.reject_if(And(replacing, Or(Le(Count(by_guardian), running_approvals),
                                  Not(recovery_quorum(e, post)))),
                Reject::kThreshold, "R-SOC-15");
  if (e.p.escape_interval > 0) post.last_start = s.now;  // R-SOC-18
  if (e.p.recovery_clock == RecoveryClock::kStart)
    execute(e, &post);  // R-SOC-10
  else
    execute_if_quorate(e, &post);
  const expr n = notify(e, &post, a.op);
  if (e.p.recovery_replace == RecoveryReplace::kNever)
    return d.otherwise(accepted(rq, post, "R-SOC-4", n));
  return d.otherwise(merge_res(replacing, accepted(rq, post, "R-SOC-15", n),
                               accepted(rq, post, "R-SOC-4", n)));
}

Res approve(const Rq& rq) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  Decision d(rq);
  d.reject_if(Not(guardian_signed(rq)), Reject::kUnauthorized, "R-SOC-5");
  d.reject_if(Not(s.r_active), Reject::kNotFound, "R-SOC-5");
  // A request carries at most one guardian key (its actor's): its vote, unless already cast.
  const expr adds = And(guardian_signed(rq), Not(Select(s.r_approved, rq.a.gsigner, e.b(true))));
  SymState post = s;
  {
    SymState cast = post;
    cast_with_followers(e, &cast, rq.a.gsigner);
    post = merge(adds, cast, post);
  }
  d.reject_if(Not(adds), Reject::kExists, "R-SOC-5");
  execute_if_quorate(e, &post);  // R-SOC-10
  const expr n = notify(e, &post, rq.a.op);
  const expr completes = And(due_now(e, post), recovery_quorum(e, post));
  SymState done = post;
  complete_recovery(e, &done);  // R-SOC-8
  Res ok = accepted(rq, merge(completes, done, post), "R-SOC-5", n);
  ok.completed = completes;
  return d.otherwise(ok);
}

expr may_veto_alone(const Rq& rq) {
  switch (rq.e.p.veto) {
    case CancelRight::kRecoveryDevice:
      return signed_by_recovery_device(rq);
    case CancelRight::kAnyDevice:
      return owner_device_signed(rq);
    default:
      return rq.e.b(false);
  }
}

Res veto(const Rq& rq) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  Decision d(rq);
  d.reject_if(Not(s.r_active), Reject::kNotFound, "R-SOC-6");
  d.reject_if(rq.a.early, Reject::kStale, "R-SOC-6");
  if (e.p.veto == CancelRight::kMajority) {
    SymState post = s;
    std::vector<expr> voted;
    const expr owner_votes = And(owner_device_signed(rq), Not(s.r_veto_owner));
    voted.push_back(owner_votes);
    post.r_veto_owner = Or(s.r_veto_owner, owner_votes);
    std::vector<expr> size = {Count(post.r_veto_owner)};
    for (int j = 0; j < e.gslots(); ++j) {
      const expr v = And(rq.guard_signed[j], Not(s.r_veto[j]));
      voted.push_back(v);
      post.r_veto[j] = Or(s.r_veto[j], v);
      size.push_back(Count(post.r_veto[j]));
    }
    d.reject_if(Not(OrAll(voted, e.c)), Reject::kUnauthorized, "R-SOC-6");
    const expr n = notify(e, &post, rq.a.op);
    const expr ends = Ge(Sum(size, e.c), ceil_half(e, Add(s.r_n0, e.i(1))));
    SymState ended = post;
    reset_recovery(e, &ended);
    end_recovery_lock(e, &ended);
    return d.otherwise(accepted(rq, merge(ends, ended, post), "R-SOC-6", n));
  }
  d.reject_if(Not(may_veto_alone(rq)), Reject::kUnauthorized, "R-SOC-6");
  SymState post = s;
  if (e.p.mutant != Mutant::kVetoIgnored) reset_recovery(e, &post);
  if (e.p.lock_period > 0) end_recovery_lock(e, &post);
  const expr n = notify(e, &post, rq.a.op);
  return d.otherwise(accepted(rq, post, "R-SOC-6", n));
}

Res lock(const Rq& rq, Op op) {
  const Enc& e = rq.e;
  if (e.p.lock_period <= 0) return rejected(rq, Reject::kDisabled, "R-SOC-9");
  const SymState& s = rq.s;
  Decision d(rq);
  d.reject_if(Not(guardian_signed(rq)), Reject::kUnauthorized, "R-SOC-9");
  const expr locked = Gt(s.locked_until, s.now);
  d.reject_if(And(locked, s.lock_by_rec), Reject::kLocked, "R-SOC-11");
  if (e.p.lock_needs_unlocked)  // R-SOC-12
    d.reject_if(op == Op::kLock ? locked : Not(locked), op == Op::kLock ? Reject::kLocked
                                                                         : Reject::kNotFound,
                "R-SOC-12");
  SymState post = s;
  post.locked_until = op == Op::kLock ? Add(s.now, e.i(e.p.lock_period)) : e.i(0);
  post.lock_by_rec = e.b(false);
  const expr n = notify(e, &post, rq.a.op);
  return d.otherwise(accepted(rq, post, "R-SOC-9", n));
}

}  // namespace

expr recovery_quorum(const Enc& e, const SymState& s) {
  if (e.p.mutant == Mutant::kRecoveryWithoutQuorum) return s.r_active;
  const int twice = e.p.mutant == Mutant::kGuardianWeightTwice ? 2 : 1;
  std::vector<expr> weight, count, all;
  for (int j = 0; j < e.gslots(); ++j) {
    const expr counts = And(s.guard[j].present, s.r_approved[j]);
    weight.push_back(If(counts, Mul(s.guard[j].weight, twice), e.i(0)));
    count.push_back(If(counts, e.i(twice), e.i(0)));
    all.push_back(Count(s.guard[j].present));
  }
  const expr w = Sum(weight, e.c), n = Sum(count, e.c), g = Sum(all, e.c);
  expr q = e.b(false);
  switch (e.p.quorum) {
    case RecoveryQuorum::kWeight:
      q = And(Ge(w, s.threshold), Gt(w, e.i(0)));
      break;
    case RecoveryQuorum::kHalf:
      q = And(Gt(g, e.i(0)), Ge(n, ceil_half(e, g)));
      break;
    case RecoveryQuorum::kThreshold:
      q = And(Ge(n, s.threshold), Gt(n, e.i(0)));
      break;
  }
  return And(s.r_active, q);
}

expr threshold_allows(const Enc& e, const SymState& s, bool remove, const expr& number) {
  if (!e.p.bounded_threshold) return e.b(true);  // R-SOC-14
  const expr n = guardian_count(e, s);
  if (!remove) return And(Ge(number, e.i(1)), Le(number, n));
  return Or(Le(n, e.i(1)), Le(s.threshold, Sub(n, e.i(1))));
}

void complete_recovery(const Enc& e, SymState* s) {
  const expr dev = s->r_dev, kind = s->r_kind;
  for (Device& d : s->dev) d.present = e.b(false);
  add_device(e, s, dev, kind, e.b(true), e.b(false));
  for (Pending& c : s->pend) c.present = e.b(false);
  for (Session& x : s->sess) x.present = e.b(false);
  s->g_open = e.b(false);
  s->g_end = e.i(0);
  s->g_tentative = e.b(false);
  s->g_dev = e.i(kNoSlot);
  s->g_kind = e.i(0);
  s->g_rec = e.b(false);
  s->g_prot = e.b(false);
  s->g_wrong = e.i(0);
  reset_recovery(e, s);
  s->locked_until = e.i(0);
  s->lock_by_rec = e.b(false);
}

Res social_apply(const Rq& rq) {
  if (!rq.e.p.guardians) return rejected(rq, Reject::kDisabled, "R-SOC-1");
  int64_t op = 0;
  numeral(rq.a.op, &op);
  switch (static_cast<Op>(op)) {
    case Op::kAddGuardian:
    case Op::kRemoveGuardian:
    case Op::kSetGuardianThreshold:
      return guardian_change(rq, static_cast<Op>(op));
    case Op::kFollow:
      return follow(rq);
    case Op::kStartRecovery:
      return start(rq);
    case Op::kApproveRecovery:
      return approve(rq);
    case Op::kVetoRecovery:
      return veto(rq);
    case Op::kLock:
    case Op::kUnlock:
      return lock(rq, static_cast<Op>(op));
    default:
      return rejected(rq, Reject::kMalformed, "R-SOC-1");
  }
}

}  // namespace reclaim::sym::rules
