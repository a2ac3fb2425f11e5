// Timelock rules: pending changes, the owner's removal delay, cancelling, maturing.
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
// R-TL-7: at most policy.limits.pending changes wait at once (kMaxPending by default).
// R-TL-8: cancel (one change by number, or all) needs the policy's cancel right: any
//         recovery device, or any device; it is never sensitive (R-2FA-2) and is notified.
// R-TL-10: a change to a device lapses if the device was protected meanwhile and the policy
//          lets only the device itself remove it (R-DEV-5), or if a replacement would now
//          break the seed-phrase limit (R-DEV-3).
// R-TL-11: an increase of the removal delay drops pending decreases: they were asked under a
//          weaker delay and would otherwise undo the increase after the old, shorter delay. A
//          matured decrease that raises the delay again (an earlier decrease went lower)
//          drops those asked under a delay below its value.
// R-TL-12: guardian changes do not take effect while a social recovery runs; they wait for it
//          to end (a completed recovery clears them), so a change timed to land first cannot
//          take away the recovery's quorum.
// R-TL-13: where the policy lets the owner cancel guardian changes (Argent's
//          cancelGuardianAddition and cancelGuardianRevokation), a cancel signed by any
//          registered device cancels the pending guardian additions and removals it names (by
//          number, or all), with or without a timelock or its cancel right, but not while
//          the identity is locked (Argent: onlyWhenUnlocked); other pending changes still need
//          R-TL-8's right.
// R-SOC-14 (rules/social) is judged again when a guardian removal or threshold change matures.
// R-TL-9: set-removal-delay and cancel need a registered device's signature (a session
//         delegation never suffices), and the policy must have a timelock.
#include "model/rules/common.h"

namespace reclaim::rules {
namespace {

bool menu_allows(const Policy& p, Duration d) {
  if (d < 0) return false;
  if (d == 0 || p.delay_menu.empty()) return true;
  return p.delay_menu.find_if([d](Duration x) { return x == d; }) != nullptr;
}

bool may_cancel(const Ctx& ctx) {
  switch (ctx.policy.cancel) {
    case CancelRight::kNone:
      return false;
    case CancelRight::kRecoveryDevice:
      return signed_by_recovery_device(ctx);
    case CancelRight::kAnyDevice:
    case CancelRight::kMajority:  // pending owner changes: the owner's own device cancels
      return !ctx.signers.devices.empty();
  }
  return false;
}

bool is_guardian_change(const PendingChange& c) {
  return c.op == Op::kAddGuardian || c.op == Op::kRemoveGuardian;
}

}  // namespace

bool device_change_delayed(const Ctx& ctx, Op op, const Device& target) {
  const Policy& p = ctx.policy;
  if (!p.timelock || p.mutant == Mutant::kTimelockSkipped) return false;
  if (op != Op::kRemoveDevice && op != Op::kReplaceDevice && op != Op::kUnprotect) return false;
  return target.purpose == Purpose::kRecovery || p.timelock_all_removals ||  // R-TL-1
         (target.is_protected && p.delay_overrides_protection);
}

Outcome timelock_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  const bool guardian_cancel = r.op == Op::kCancel && p.owner_cancels_guardian_changes;  // R-TL-13
  if (!p.timelock && !guardian_cancel) return reject(ctx, original, Reject::kDisabled, "R-TL-9");
  if (r.signers.empty() || (ctx.signers.devices.empty()))
    return reject(ctx, original, Reject::kUnauthorized, "R-TL-9");

  if (r.op == Op::kCancel) {
    const bool general = p.timelock && may_cancel(ctx);
    if (!general && !guardian_cancel) return reject(ctx, original, Reject::kUnauthorized, "R-TL-8");
    if (!general && id.locked_until > ctx.now)
      return reject(ctx, original, Reject::kLocked, "R-TL-13");
    const uint32_t n = r.args.number;
    std::size_t removed = id.pending.erase_if([&](const PendingChange& c) {
      return (n == 0 || c.number == n) && (general || is_guardian_change(c));
    });
    const std::string_view rule = general ? "R-TL-8" : "R-TL-13";
    if (removed == 0) return reject(ctx, original, Reject::kNotFound, rule);
    notify(p, id, ctx.now, r.op, kNone, n, ctx.digest);
    return accept(ctx, rule);
  }

  // kSetRemovalDelay
  const Duration d = r.args.duration;
  if (!menu_allows(p, d)) return reject(ctx, original, Reject::kMalformed, "R-TL-4");
  if (!two_factor_ok(ctx)) return reject(ctx, original, Reject::kTwoFactor, "R-2FA-1");
  if (d >= id.removal_delay || p.mutant == Mutant::kDelayDecreaseImmediate) {
    if (d > id.removal_delay)  // R-TL-11
      id.pending.erase_if([](const PendingChange& c) { return c.op == Op::kSetRemovalDelay; });
    id.removal_delay = d;
    notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
    return accept(ctx, "R-TL-4");
  }
  return make_pending(ctx, original, id.removal_delay, kNever, "R-TL-3");
}

bool apply_matured(const Policy& policy, Identity& id, const PendingChange& c, Time now) {
  // R-TL-10: a device protected since the change was requested stays protected (R-DEV-5 is
  // judged again when the change would take effect).
  if (c.op == Op::kRemoveDevice || c.op == Op::kReplaceDevice || c.op == Op::kUnprotect) {
    const Device* d = id.device(c.args.device);
    if (d != nullptr && d->is_protected && policy.protection &&
        !policy.delay_overrides_protection && c.op != Op::kUnprotect)
      return false;
  }
  switch (c.op) {
    case Op::kRemoveDevice:
      return remove_device_now(policy, id, c.args.device);
    case Op::kReplaceDevice:
      return replace_device_now(policy, id, c.args, now);
    case Op::kUnprotect: {
      Device* d = id.device(c.args.device);
      if (d == nullptr) return false;
      d->is_protected = false;
      return true;
    }
    case Op::kSetRemovalDelay:
      if (c.args.duration > id.removal_delay)  // R-TL-11, when a matured change raises it
        id.pending.erase_if([&](const PendingChange& o) {
          return o.op == Op::kSetRemovalDelay && o.delay < c.args.duration;
        });
      id.removal_delay = c.args.duration;
      return true;
    case Op::kAddGuardian: {
      if (id.guardians.full() || id.guardian(c.args.actor) != nullptr) return false;
      id.guardians.push_back({c.args.actor, c.args.weight, c.args.key, kNone});
      return true;
    }
    case Op::kRemoveGuardian: {
      const ActorId a = c.args.actor;
      if (id.guardian(a) == nullptr || !threshold_allows(policy, id, c.op, c.args)) return false;
      id.guardians.erase_if([a](const Guardian& g) { return g.actor == a; });
      for (Guardian& g : id.guardians)
        if (g.follows == a) g.follows = kNone;
      return true;
    }
    case Op::kSetGuardianThreshold:
      if (!threshold_allows(policy, id, c.op, c.args)) return false;  // R-SOC-14
      id.guardian_threshold = c.args.number;
      return true;
    case Op::kWithdraw: {
      Asset* a = id.asset(c.args.asset);
      if (a == nullptr || a->amount < c.args.amount) return false;
      a->amount -= c.args.amount;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace reclaim::rules
