// Asset rules: what is at risk when an identity is taken over (a neuron, a vault).
// R-AST-1: a transfer or withdrawal needs device authority (R-DEV-1) or a live app
//          delegation (R-SES-5), a known asset, and 0 < amount <= balance.
// R-AST-2: nothing leaves an asset before its lock ends, nor while the identity is locked.
// R-AST-3: where the policy has a withdrawal delay (vault), assets leave only by a withdraw
//          that is pending for that delay; immediate transfers are disabled. Without one,
//          withdraw is disabled and transfer is immediate.
// R-AST-4: clawback (vault) cancels every pending withdrawal of the asset, so the value
//          stays on the recovery path; it needs a recovery device.
// R-AST-5: every transfer, withdrawal and clawback notifies the owner.
// R-AST-6: where the policy has guardians co-sign transfers (Argent multiCallWithGuardians: a
//          call to anyone but a trusted contact needs the owner plus ceil(n/2) guardians), a
//          transfer from an identity with n >= 1 guardians also needs ceil(n/2) of them to sign
//          the same request, unless its recipient is a trusted contact of the identity whose
//          trust has begun (R-AST-10: now >= its `from`), to whom the owner alone transfers
//          (ArgentModule.multiCall).
// R-AST-7: where the policy has a sweep (BIP-345 recovery), a sweep moves an asset's whole
//          amount to its recovery path (Asset::swept) and cancels every pending withdrawal of
//          it, whether a withdrawal was triggered or not, at any time before one matures; no
//          lock holds it back. Swept value is out of every request's reach: transfers and
//          withdrawals draw on the unswept amount only (R-AST-1), and nothing lowers `swept`.
//          A sweep with nothing to sweep (no amount, no pending withdrawal) is rejected; an
//          accepted sweep notifies the owner.
// R-AST-8: who sweeps is the policy's sweep right: a registered recovery device of the
//          identity, or anyone at all, signed or not (BIP-345's unauthorized recovery, which
//          lets a watchtower sweep and, by design, lets anyone grief the owner by sweeping).
// R-AST-9: where the policy has two_factor_assets, a transfer or withdrawal needs two
//          distinct factors (R-2FA-4) or a session created with two (R-2FA-5): a thief with
//          one device moves nothing, directly or through a session it opened. A sweep or a
//          clawback moves value to the recovery path, not out: it is not a move here.
// R-AST-10: where the policy has trusted contacts (Argent TransactionManager.addToWhitelist),
//          add-contact, signed by a registered device of the identity (never a session) while
//          the identity is not locked, trusts a recipient: at once when ceil(n/2) of its n
//          guardians co-sign (multiCallWithGuardians; with no guardian, the owner alone), else
//          once policy.contact_delay has passed, under the policy's boundary (Argent's
//          `whitelistAfter < now` is strict: from now + delay + 1 s). A recipient is trusted
//          once (`exists`); at most kMaxContacts (`limit`). It is notified. Nothing removes a
//          contact (Argent's removeFromWhitelist is not modelled).
#include "model/rules/common.h"

namespace reclaim::rules {

namespace {

Outcome add_contact(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (!p.trusted_contacts) return reject(ctx, original, Reject::kDisabled, "R-AST-10");
  if (ctx.signers.devices.empty()) return reject(ctx, original, Reject::kUnauthorized, "R-AST-10");
  if (id.locked_until > ctx.now) return reject(ctx, original, Reject::kLocked, "R-AST-10");
  const ActorId to = r.args.actor;
  if (to == kNone) return reject(ctx, original, Reject::kMalformed, "R-AST-10");
  if (id.contacts.find_if([to](const Contact& c) { return c.actor == to; }) != nullptr)
    return reject(ctx, original, Reject::kExists, "R-AST-10");
  if (id.contacts.full()) return reject(ctx, original, Reject::kLimit, "R-AST-10");
  const Time first = ctx.now + p.contact_delay + (p.boundary == Boundary::kStrict ? 1 : 0);
  const Time from = guardians_cosigned(ctx) ? ctx.now : first;  // the first trusted instant
  id.contacts.push_back(Contact{to, from});
  notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
  return accept(ctx, "R-AST-10");
}

}  // namespace

bool trusted_contact(const Policy& policy, const Identity& identity, ActorId actor, Time now) {
  // R-AST-10
  if (!policy.trusted_contacts || actor == kNone) return false;
  const Contact* c = identity.contacts.find_if([actor](const Contact& x) { return x.actor == actor; });
  return c != nullptr && now >= c->from;
}

Outcome assets_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (r.op == Op::kAddContact) return add_contact(ctx, original);
  Asset* asset = id.asset(r.args.asset);
  if (asset == nullptr) return reject(ctx, original, Reject::kNotFound, "R-AST-1");

  if (r.op == Op::kSweep) {
    if (p.sweep == SweepRight::kNone) return reject(ctx, original, Reject::kDisabled, "R-AST-7");
    if (p.sweep == SweepRight::kRecoveryDevice && !signed_by_recovery_device(ctx))
      return reject(ctx, original, Reject::kUnauthorized, "R-AST-8");
    const uint32_t a = r.args.asset;
    const std::size_t n = id.pending.erase_if(
        [a](const PendingChange& c) { return c.op == Op::kWithdraw && c.args.asset == a; });
    if (n == 0 && asset->amount == 0) return reject(ctx, original, Reject::kNotFound, "R-AST-7");
    asset->swept += asset->amount;
    asset->amount = 0;
    notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
    return accept(ctx, "R-AST-7");
  }

  if (r.op == Op::kClawback) {
    if (!p.clawback) return reject(ctx, original, Reject::kDisabled, "R-AST-4");
    if (!signed_by_recovery_device(ctx))
      return reject(ctx, original, Reject::kUnauthorized, "R-AST-4");
    const uint32_t a = r.args.asset;
    std::size_t n = id.pending.erase_if(
        [a](const PendingChange& c) { return c.op == Op::kWithdraw && c.args.asset == a; });
    if (n == 0) return reject(ctx, original, Reject::kNotFound, "R-AST-4");
    notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
    return accept(ctx, "R-AST-4");
  }

  if (!device_authority(ctx) && !ctx.signers.app_session)
    return reject(ctx, original, Reject::kUnauthorized, "R-AST-1");
  if (p.two_factor_assets && !two_factors(ctx) &&
      !(p.mutant == Mutant::kAssetOneFactor && factor_count(ctx) >= 1))
    return reject(ctx, original, Reject::kTwoFactor, "R-AST-9");
  if (p.cosign_transfers && r.op == Op::kTransfer && !guardians_cosigned(ctx) &&
      !trusted_contact(p, id, r.args.actor, ctx.now))
    return reject(ctx, original, Reject::kThreshold, "R-AST-6");
  if (r.args.amount <= 0 || r.args.amount > asset->amount)
    return reject(ctx, original, Reject::kInsufficient, "R-AST-1");
  if ((asset->locked_until > ctx.now && p.mutant != Mutant::kAssetLockIgnored) ||
      id.locked_until > ctx.now)
    return reject(ctx, original, Reject::kLocked, "R-AST-2");
  const bool delayed = p.withdrawal_delay > 0;
  if ((r.op == Op::kTransfer) == delayed)
    return reject(ctx, original, Reject::kDisabled, "R-AST-3");
  if (delayed) return make_pending(ctx, original, p.withdrawal_delay, kNever, "R-AST-3");
  asset->amount -= r.args.amount;
  notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
  return accept(ctx, "R-AST-5");
}

}  // namespace reclaim::rules
