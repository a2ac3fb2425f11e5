// Asset rules, symbolically (model/rules/assets.cc): what is at risk when an identity is
// taken over (the standard identity's one asset, alice/neuron).
// R-AST-1: a transfer or withdrawal needs device authority (R-DEV-1) or a live app
//          delegation (R-SES-5), a known asset, and 0 < amount <= balance.
// R-AST-2: nothing leaves an asset before its lock ends, nor while the identity is locked.
// R-AST-3: where the policy has a withdrawal delay (vault), assets leave only by a withdraw
//          that is pending for that delay; immediate transfers are disabled. Without one,
//          withdraw is disabled and transfer is immediate.
// R-AST-4: clawback (vault) cancels every pending withdrawal of the asset, so the value
//          stays on the recovery path; it needs a recovery device.
// R-AST-5: every transfer, withdrawal and clawback notifies the owner.
// R-AST-7: where the policy has a sweep (BIP-345 recovery), a sweep moves the asset's whole
//          amount to its recovery path (asset_swept) and cancels every pending withdrawal of
//          it, triggered or not, whatever the locks; a sweep with nothing to sweep (no amount,
//          no pending withdrawal) is rejected; an accepted sweep notifies the owner.
// R-AST-8: who sweeps is the policy's sweep right: a registered recovery device, or anyone.
// R-AST-6: where the policy says so (Argent), a transfer also needs ceil(n/2) of the
//          identity's n guardians co-signing, unless its recipient is a trusted contact.
// R-AST-10: where the policy has trusted contacts, add-contact, signed by a registered device
//          of the identity (never a session) while the identity is not locked, trusts a
//          recipient: at once when ceil(n/2) of its n guardians co-sign, else once
//          policy.contact_delay has passed, under the policy's boundary. A recipient is trusted
//          once (`exists`); at most kMaxContacts (`limit`). It is notified.
// (R-AST-9, two factors for assets, is not encoded: symbolic/coverage.h.)
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {
namespace {

// The pending withdrawals (of the one asset): each entry kept or gone, as a sweep or a
// clawback leaves them.
struct Withdrawals {
  std::vector<expr> keep, gone;
};
Withdrawals withdrawals(const Enc& e, const SymState& s) {
  Withdrawals w;
  for (const Pending& c : s.pend) {
    const expr hit = And(c.present, Eq(c.op, e.op(Op::kWithdraw)));
    w.keep.push_back(Not(hit));
    w.gone.push_back(hit);
  }
  return w;
}

// R-AST-10: add-contact.
Res add_contact(const Rq& rq) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  if (!p.trusted_contacts) return rejected(rq, Reject::kDisabled, "R-AST-10");
  Decision d(rq);
  d.reject_if(Not(owner_device_signed(rq)), Reject::kUnauthorized, "R-AST-10");
  d.reject_if(Gt(s.locked_until, s.now), Reject::kLocked, "R-AST-10");
  const expr never = e.i(kNever);
  std::vector<expr> contacts;
  for (const expr& from : s.contact_from) contacts.push_back(Count(Ne(from, never)));
  d.reject_if(Ne(Select(s.contact_from, a.to, never), never), Reject::kExists, "R-AST-10");
  d.reject_if(Ge(Sum(contacts, e.c), e.i(static_cast<int64_t>(kMaxContacts))), Reject::kLimit,
              "R-AST-10");
  const expr first =
      Add(s.now, e.i(p.contact_delay + (p.boundary == Boundary::kStrict ? 1 : 0)));
  const expr from = If(guardians_cosigned(rq), s.now, first);
  SymState post = s;
  for (std::size_t x = 0; x < post.contact_from.size(); ++x)
    post.contact_from[x] = If(Eq(a.to, e.i(static_cast<int64_t>(x))), from, post.contact_from[x]);
  const expr n = notify(e, &post, a.op);
  return d.otherwise(accepted(rq, post, "R-AST-10", n));
}

}  // namespace

expr trusted_contact(const Enc& e, const SymState& s, const expr& actor) {
  if (!e.p.trusted_contacts) return e.b(false);
  return Ge(s.now, Select(s.contact_from, actor, e.i(kNever)));
}

Res assets_apply(const Rq& rq) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  if (rq.is(Op::kAddContact).is_true()) return add_contact(rq);
  if (rq.is(Op::kSweep).is_true()) {
    if (p.sweep == SweepRight::kNone) return rejected(rq, Reject::kDisabled, "R-AST-7");
    Decision d(rq);
    if (p.sweep == SweepRight::kRecoveryDevice)
      d.reject_if(Not(signed_by_recovery_device(rq)), Reject::kUnauthorized, "R-AST-8");
    const Withdrawals w = withdrawals(e, s);
    d.reject_if(And(Not(OrAll(w.gone, e.c)), Eq(s.asset_amount, e.i(0))), Reject::kNotFound,
                "R-AST-7");
    SymState post = s;
    keep_pending(e, &post, w.keep);
    post.asset_swept = Add(s.asset_swept, s.asset_amount);
    post.asset_amount = e.i(0);
    const expr n = notify(e, &post, a.op);
    return d.otherwise(accepted(rq, post, "R-AST-7", n));
  }
  if (rq.is(Op::kClawback).is_true()) {
    if (!p.clawback) return rejected(rq, Reject::kDisabled, "R-AST-4");
    Decision d(rq);
    d.reject_if(Not(signed_by_recovery_device(rq)), Reject::kUnauthorized, "R-AST-4");
    const Withdrawals w = withdrawals(e, s);
    d.reject_if(Not(OrAll(w.gone, e.c)), Reject::kNotFound, "R-AST-4");
    SymState post = s;
    keep_pending(e, &post, w.keep);
    const expr n = notify(e, &post, a.op);
    return d.otherwise(accepted(rq, post, "R-AST-4", n));
  }
  Decision d(rq);
  d.reject_if(Not(Or(device_authority(rq), rq.app_signed)), Reject::kUnauthorized, "R-AST-1");
  if (p.cosign_transfers && rq.is(Op::kTransfer).is_true())
    d.reject_if(And(Not(guardians_cosigned(rq)), Not(trusted_contact(e, s, a.to))),
                Reject::kThreshold, "R-AST-6");
  d.reject_if(Or(Le(a.amount, e.i(0)), Gt(a.amount, s.asset_amount)), Reject::kInsufficient,
              "R-AST-1");
  const expr asset_locked =
      p.mutant == Mutant::kAssetLockIgnored ? e.b(false) : Gt(s.asset_locked, s.now);
  d.reject_if(Or(asset_locked, Gt(s.locked_until, s.now)), Reject::kLocked, "R-AST-2");
  const bool delayed = p.withdrawal_delay > 0;
  if (rq.is(Op::kTransfer).is_true() == delayed)
    return d.otherwise(rejected(rq, Reject::kDisabled, "R-AST-3"));
  if (delayed)
    return d.otherwise(make_pending(rq, s, e.i(p.withdrawal_delay), e.i(kNever), "R-AST-3"));
  SymState post = s;
  post.asset_amount = Sub(s.asset_amount, a.amount);
  const expr n = notify(e, &post, a.op);
  return d.otherwise(accepted(rq, post, "R-AST-5", n));
}

}  // namespace reclaim::sym::rules
