// Timelock rules, symbolically (model/rules/timelock.cc): pending changes, the owner's
// removal delay, cancelling, maturing.
// R-TL-1: where the policy has a timelock, removing, replacing or unprotecting a recovery
//         device (every device, with timelock_all_removals; and a protected device of any
//         purpose, with delay_overrides_protection, so that no protected device escapes both
//         R-DEV-5 and the delay) becomes a pending change due after the identity's removal
//         delay in force at request time; it is notified.
// R-TL-2: one pending change per device at a time.
// R-TL-3: a decrease of the removal delay is itself pending for the old (current) delay.
// R-TL-4: an increase of the removal delay is immediate. The value must be on the
//         policy's menu (when the menu is non-empty) or 0: the owner may turn the timelock
//         off, which as a decrease waits the old delay (R-TL-3).
// R-TL-5: a pending change takes effect when its due time is reached (policy.boundary:
//         inclusive `>=` or strict `>`), unless cancelled; it lapses if it no longer applies.
// R-TL-6: a pending change with a confirmation window lapses when the window ends.
// R-TL-7: at most kMaxPending changes wait at once.
// R-TL-8: cancel (one change by number, or all) needs the policy's cancel right: any
//         recovery device, or any device; it is never sensitive (R-2FA-2) and is notified.
// R-TL-10: a change to a device lapses if the device was protected meanwhile and the policy
//          lets only the device itself remove it (R-DEV-5), or if a replacement would now
//          break the seed-phrase limit (R-DEV-3).
// R-TL-11: an increase of the removal delay drops pending decreases: they were asked under a
//          weaker delay and would otherwise undo the increase after the old, shorter delay. A
//          matured decrease that raises the delay again drops those asked under a delay below
//          its value.
// R-TL-12: guardian changes do not take effect while a social recovery runs; they wait for it
//          to end (a completed recovery clears them), so a change timed to land first cannot
//          take away the recovery's quorum.
// R-TL-13: where the policy lets the owner cancel guardian changes, a cancel signed by any
//          registered device cancels the pending guardian additions and removals it names (by
//          number, or all), with or without a timelock or its cancel right, but not while
//          the identity is locked; other pending changes still need R-TL-8's right.
// R-TL-9: set-removal-delay and cancel need a registered device's signature (a session
//         delegation never suffices), and the policy must have a timelock.
// (R-TL-5/6/12 are decided by the tick, step.cc; apply_matured is here.)
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {
namespace {

expr menu_allows(const Enc& e, const expr& d) {
  std::vector<expr> on_menu = {Eq(d, e.i(0))};
  if (e.p.delay_menu.empty()) return Ge(d, e.i(0));
  for (Duration x : e.p.delay_menu) on_menu.push_back(Eq(d, e.i(x)));
  return And(Ge(d, e.i(0)), OrAll(on_menu, e.c));
}

expr may_cancel(const Rq& rq) {
  switch (rq.e.p.cancel) {
    case CancelRight::kNone:
      return rq.e.b(false);
    case CancelRight::kRecoveryDevice:
      return signed_by_recovery_device(rq);
    case CancelRight::kAnyDevice:
    case CancelRight::kMajority:  // pending owner changes: the owner's own device cancels
      return owner_device_signed(rq);
  }
  return rq.e.b(false);
}

}  // namespace

expr device_change_delayed(const Enc& e, const expr& op, const SymState& s, const expr& target) {
  if (!e.p.timelock || e.p.mutant == Mutant::kTimelockSkipped) return e.b(false);
  const expr covered = Or(Or(Eq(op, e.op(Op::kRemoveDevice)), Eq(op, e.op(Op::kReplaceDevice))),
                          Eq(op, e.op(Op::kUnprotect)));
  if (e.p.timelock_all_removals) return covered;
  expr gated = dev_field(s, target, &Device::recovery, e.b(false));  // R-TL-1
  if (e.p.delay_overrides_protection)
    gated = Or(gated, dev_field(s, target, &Device::prot, e.b(false)));
  return And(covered, gated);
}

Res timelock_apply(const Rq& rq) {
  const Enc& e = rq.e;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  const bool cancel = rq.is(Op::kCancel).is_true();
  const bool guardian_cancel = cancel && e.p.owner_cancels_guardian_changes;  // R-TL-13
  if (!e.p.timelock && !guardian_cancel) return rejected(rq, Reject::kDisabled, "R-TL-9");
  Decision d(rq);
  d.reject_if(Not(owner_device_signed(rq)), Reject::kUnauthorized, "R-TL-9");

  if (cancel) {
    const expr general = e.p.timelock ? may_cancel(rq) : e.b(false);
    if (!guardian_cancel) {
      d.reject_if(Not(general), Reject::kUnauthorized, "R-TL-8");
    } else {
      d.reject_if(And(Not(general), Gt(s.locked_until, s.now)), Reject::kLocked, "R-TL-13");
    }
    std::vector<expr> keep, gone;
    for (const Pending& c : s.pend) {
      const expr guardian_change =
          Or(Eq(c.op, e.op(Op::kAddGuardian)), Eq(c.op, e.op(Op::kRemoveGuardian)));
      const expr hit = AndAll({c.present, Or(Eq(a.number, e.i(0)), Eq(c.number, a.number)),
                               Or(general, guardian_change)},
                              e.c);
      keep.push_back(Not(hit));
      gone.push_back(hit);
    }
    const expr rule = If(general, e.i(rule_code("R-TL-8")), e.i(rule_code("R-TL-13")));
    SymState post = s;
    keep_pending(e, &post, keep);
    const expr n = notify(e, &post, a.op);
    Res ok = accepted(rq, post, "R-TL-8", n);
    ok.rule = rule;
    Res none = rejected(rq, Reject::kNotFound, "R-TL-8");
    none.rule = rule;
    return d.otherwise(merge_res(OrAll(gone, e.c), ok, none));
  }

  // set-removal-delay
  const expr dly = a.duration;
  d.reject_if(Not(menu_allows(e, dly)), Reject::kMalformed, "R-TL-4");
  d.reject_if(Not(two_factor_ok(rq, a.op)), Reject::kTwoFactor, "R-2FA-1");
  SymState post = s;
  std::vector<expr> keep;
  for (const Pending& c : s.pend)  // R-TL-11
    keep.push_back(Not(And(Gt(dly, s.removal_delay), Eq(c.op, e.op(Op::kSetRemovalDelay)))));
  keep_pending(e, &post, keep);
  post.removal_delay = dly;
  const expr n = notify(e, &post, a.op);
  const expr at_once =
      e.p.mutant == Mutant::kDelayDecreaseImmediate ? e.b(true) : Ge(dly, s.removal_delay);
  return d.otherwise(merge_res(at_once, accepted(rq, post, "R-TL-4", n),
                               make_pending(rq, s, s.removal_delay, e.i(kNever), "R-TL-3")));
}

expr apply_matured(const Enc& e, SymState* s, const Pending& c) {
  const Policy& p = e.p;
  const expr op = c.op;
  auto is = [&](Op o) { return Eq(op, e.op(o)); };
  // R-TL-10: a device protected since the change was requested stays protected.
  const expr device_op = Or(Or(is(Op::kRemoveDevice), is(Op::kReplaceDevice)), is(Op::kUnprotect));
  expr blocked = e.b(false);
  if (p.protection && !p.delay_overrides_protection)
    blocked = And(And(device_op, Not(is(Op::kUnprotect))),
                  And(dev_present(e, *s, c.dev), dev_field(*s, c.dev, &Device::prot, e.b(false))));
  const SymState before = *s;
  expr ok = e.b(false);
  SymState out = before;

  // Each op's effect on a copy, merged by op.
  auto branch = [&](Op o, const SymState& st, const expr& success) {
    out = merge(is(o), st, out);
    ok = If(is(o), success, ok);
  };
  {
    SymState st = before;
    const expr r = remove_device_now(e, &st, c.dev);
    branch(Op::kRemoveDevice, st, r);
  }
  {
    SymState st = before;
    const expr r = replace_device_now(e, &st, c.dev, c.dev2, c.kind2, c.rec2, c.prot2);
    branch(Op::kReplaceDevice, st, r);
  }
  {
    SymState st = before;
    const expr here = dev_present(e, st, c.dev);
    for (int x = 0; x < e.devices(); ++x) st.dev[x].prot = And(st.dev[x].prot, Ne(c.dev, e.i(x)));
    branch(Op::kUnprotect, st, here);
  }
  {
    SymState st = before;
    std::vector<expr> keep;
    for (const Pending& q : before.pend)  // R-TL-11
      keep.push_back(Not(AndAll({Gt(c.duration, before.removal_delay),
                                 Eq(q.op, e.op(Op::kSetRemovalDelay)), Lt(q.delay, c.duration)},
                                e.c)));
    keep_pending(e, &st, keep);
    st.removal_delay = c.duration;
    branch(Op::kSetRemovalDelay, st, e.b(true));
  }
  if (p.guardians) {
    {
      // add-guardian: lapses when the guardian list is full (kMaxGuardians, beyond every
      // scope) or the actor is already a guardian.
      SymState st = before;
      const expr present = Select(
          [&] {
            std::vector<expr> v;
            for (const Guardian& g : st.guard) v.push_back(g.present);
            return v;
          }(),
          c.gslot, e.b(true));
      for (int j = 0; j < e.gslots(); ++j) {
        const expr here = Eq(c.gslot, e.i(j));
        Guardian& g = st.guard[j];
        g = Guardian{Or(g.present, here), If(here, c.weight, g.weight),
                     If(here, e.i(kNoSlot), g.follows)};
      }
      branch(Op::kAddGuardian, st, Not(present));
    }
    {
      SymState st = before;
      std::vector<expr> pres;
      for (const Guardian& g : st.guard) pres.push_back(g.present);
      const expr present = Select(pres, c.gslot, e.b(false));
      const expr allowed = threshold_allows(e, before, true, c.threshold);  // R-SOC-14
      for (int j = 0; j < e.gslots(); ++j) {
        Guardian& g = st.guard[j];
        g.present = And(g.present, Ne(c.gslot, e.i(j)));
        g.follows = If(Eq(g.follows, c.gslot), e.i(kNoSlot), g.follows);
      }
      branch(Op::kRemoveGuardian, st, And(present, allowed));
    }
    {
      SymState st = before;
      st.threshold = c.threshold;
      branch(Op::kSetGuardianThreshold, st, threshold_allows(e, before, false, c.threshold));
    }
  }
  if (p.withdrawal_delay > 0) {
    SymState st = before;
    const expr enough = Ge(st.asset_amount, c.amount);
    st.asset_amount = If(enough, Sub(st.asset_amount, c.amount), st.asset_amount);
    branch(Op::kWithdraw, st, enough);
  }
  ok = And(ok, Not(blocked));
  *s = merge(ok, out, before);
  return ok;
}

}  // namespace reclaim::sym::rules
