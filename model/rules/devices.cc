// Device rules: adding, removing, replacing, protecting and unprotecting credentials.
// R-DEV-1: device changes need device authority: a registered device signed, or a live
//          session when the policy lets sessions manage devices (II 2021: flat authority).
// R-DEV-2: an identity holds at most policy.max_devices devices.
// R-DEV-3: an identity holds at most policy.max_seed_phrases seed phrases (0 = no limit).
// R-DEV-4: only seed phrases may be protected, and only where the policy has protection;
//          where it also has `protectable`, any recovery device may be (a hardware wallet, a
//          security key), never a TOTP authenticator (R-2FA-3).
// R-DEV-5: a protected device is replaced, removed or unprotected only by a request it
//          signed itself (or, with delay_overrides_protection, only through the timelock's
//          delay); protecting needs no proof beyond R-DEV-1.
// R-DEV-6: a new device id must be unused; a device acted on must be registered.
// R-DEV-7: removing the last device is refused unless the policy allows it.
// R-DEV-8: an immutable recovery path (vault) cannot lose, swap, unprotect or gain a
//          recovery device.
// R-DEV-9: while the identity is locked (Argent), device changes are refused.
// R-DEV-10: a device change that the timelock covers becomes pending (rules/timelock).
// R-DEV-11: an accepted change takes effect at once and notifies the owner.
// R-DEV-12: where the policy has guardians co-sign device changes (Argent transferOwnership:
//           owner plus ceil(n/2) guardians), adding, removing or replacing a device of an
//           identity with n >= 1 guardians also needs ceil(n/2) of them to sign the same request;
//           with no guardian the owner alone suffices.
// R-DEV-13: a device id names one device: a new device id (added, replaced in, offered as the
//           tentative device, or a recovery's new device) must not be one that a running
//           recovery, the tentative registration or a pending replacement already names
//           (as a credential can be registered only once); rejected `exists`.
#include "model/rules/common.h"

namespace reclaim::rules {
namespace {

// Checks for a device about to be added (R-DEV-2/3/4/6/13); kNone when it may be added. Returns
// a code rather than an Outcome so the common path builds no State.
struct Denial {
  Reject code = Reject::kNone;
  std::string_view rule;
};

Denial check_new_device(const Ctx& ctx, const Identity& id, DeviceId new_id, DeviceKind kind,
                        Purpose purpose, bool protect, int removing) {
  const Policy& p = ctx.policy;
  if (new_id == kNone || id.device(new_id) != nullptr) return {Reject::kExists, "R-DEV-6"};
  if (device_id_named(id, new_id, true)) return {Reject::kExists, "R-DEV-13"};
  if (!totp_allowed(p, kind, purpose, protect)) return {Reject::kMalformed, "R-2FA-3"};
  if (protect && !protectable(p, kind, purpose)) return {Reject::kMalformed, "R-DEV-4"};
  const uint32_t max = p.max_devices + (p.mutant == Mutant::kDeviceLimitOffByOne ? 1 : 0);
  if (id.devices.size() - removing + 1 > max || id.devices.size() - removing + 1 > kMaxDevices)
    return {Reject::kLimit, "R-DEV-2"};
  if (kind == DeviceKind::kSeedPhrase && p.max_seed_phrases > 0) {
    uint32_t phrases = id.count_kind(DeviceKind::kSeedPhrase);
    if (removing && ctx.request.op == Op::kReplaceDevice) {
      const Device* old = id.device(ctx.request.args.device);
      if (old != nullptr && old->kind == DeviceKind::kSeedPhrase) --phrases;
    }
    if (phrases + 1 > p.max_seed_phrases) return {Reject::kLimit, "R-DEV-3"};
  }
  return {};
}

}  // namespace

bool protectable(const Policy& p, DeviceKind kind, Purpose purpose) {
  // R-DEV-4
  if (!p.protection) return false;
  return kind == DeviceKind::kSeedPhrase ||
         (p.protectable && purpose == Purpose::kRecovery && kind != DeviceKind::kTotp);
}

bool device_id_named(const Identity& id, DeviceId device, bool recovery) {
  if (recovery && id.recovery.active && id.recovery.new_device == device) return true;
  if (id.registration.has_tentative && id.registration.device == device) return true;
  return id.pending.find_if([device](const PendingChange& c) {
    return c.op == Op::kReplaceDevice && c.args.device2 == device;
  }) != nullptr;
}

bool remove_device_now(const Policy& policy, Identity& id, DeviceId device) {
  const Device* d = id.device(device);
  if (d == nullptr) return false;
  if (id.devices.size() == 1 && !policy.allow_remove_last_device) return false;
  id.devices.erase_if([device](const Device& x) { return x.id == device; });
  drop_changes_for_device(id, device);
  return true;
}

bool replace_device_now(const Policy& policy, Identity& id, const Args& args, Time now) {
  const Device* old = id.device(args.device);
  if (old == nullptr || id.device(args.device2) != nullptr) return false;
  // A replacement that waited may no longer fit: R-DEV-3 is judged again when it takes effect.
  if (args.kind == DeviceKind::kSeedPhrase && policy.max_seed_phrases > 0 &&
      id.count_kind(DeviceKind::kSeedPhrase) - (old->kind == DeviceKind::kSeedPhrase ? 1 : 0) + 1 >
          policy.max_seed_phrases)
    return false;
  id.devices.erase_if([&](const Device& x) { return x.id == args.device; });
  drop_changes_for_device(id, args.device);
  id.devices.push_back({args.device2, args.kind, args.purpose, args.protect, args.key, now});
  return true;
}

Outcome devices_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (!device_authority(ctx)) return reject(ctx, original, Reject::kUnauthorized, "R-DEV-1");
  if (id.locked_until > ctx.now) return reject(ctx, original, Reject::kLocked, "R-DEV-9");
  if (p.cosign_device_changes && r.op != Op::kProtect && r.op != Op::kUnprotect &&
      !guardians_cosigned(ctx))
    return reject(ctx, original, Reject::kThreshold, "R-DEV-12");

  if (r.op == Op::kAddDevice) {
    const Denial no = check_new_device(ctx, id, r.args.device2, r.args.kind, r.args.purpose,
                                         r.args.protect, 0);
    if (no.code != Reject::kNone) return reject(ctx, original, no.code, no.rule);
    if (p.immutable_recovery_path && r.args.purpose == Purpose::kRecovery)
      return reject(ctx, original, Reject::kLocked, "R-DEV-8");
    if (!two_factor_ok(ctx)) return reject(ctx, original, Reject::kTwoFactor, "R-2FA-1");
    id.devices.push_back(
        {r.args.device2, r.args.kind, r.args.purpose, r.args.protect, r.args.key, ctx.now});
    notify(p, id, ctx.now, r.op, r.args.device2, 0, ctx.digest);
    return accept(ctx, "R-DEV-11");
  }

  const Device* target = id.device(r.args.device);
  if (target == nullptr) return reject(ctx, original, Reject::kNotFound, "R-DEV-6");
  const Device t = *target;
  const bool self_signed = ctx.signers.has_device(t.id);

  if (r.op == Op::kProtect) {
    if (!protectable(p, t.kind, t.purpose))
      return reject(ctx, original, Reject::kMalformed, "R-DEV-4");
    if (t.is_protected) return reject(ctx, original, Reject::kExists, "R-DEV-4");
    id.device(t.id)->is_protected = true;
    notify(p, id, ctx.now, r.op, t.id, 0, ctx.digest);
    return accept(ctx, "R-DEV-11");
  }

  if (p.protection && t.is_protected && !self_signed && p.mutant != Mutant::kProtectedUnchecked &&
      !(p.delay_overrides_protection && device_change_delayed(ctx, r.op, t)))
    return reject(ctx, original, Reject::kProtected, "R-DEV-5");
  if (p.immutable_recovery_path && t.purpose == Purpose::kRecovery)
    return reject(ctx, original, Reject::kLocked, "R-DEV-8");

  if (r.op == Op::kUnprotect) {
    if (!t.is_protected) return reject(ctx, original, Reject::kNotFound, "R-DEV-5");
  } else if (r.op == Op::kRemoveDevice) {
    if (id.devices.size() == 1 && !p.allow_remove_last_device)
      return reject(ctx, original, Reject::kLimit, "R-DEV-7");
  } else {  // kReplaceDevice
    const Denial no = check_new_device(ctx, id, r.args.device2, r.args.kind, r.args.purpose,
                                         r.args.protect, 1);
    if (no.code != Reject::kNone) return reject(ctx, original, no.code, no.rule);
    if (p.immutable_recovery_path && r.args.purpose == Purpose::kRecovery)
      return reject(ctx, original, Reject::kLocked, "R-DEV-8");
  }
  if (is_sensitive(r.op) && !two_factor_ok(ctx))
    return reject(ctx, original, Reject::kTwoFactor, "R-2FA-1");

  if (device_change_delayed(ctx, r.op, t)) {
    for (const PendingChange& c : id.pending)
      if ((c.op == Op::kRemoveDevice || c.op == Op::kReplaceDevice || c.op == Op::kUnprotect) &&
          c.args.device == t.id)
        return reject(ctx, original, Reject::kTimelockPending, "R-TL-2");
    return make_pending(ctx, original, id.removal_delay, kNever, "R-DEV-10");
  }

  switch (r.op) {
    case Op::kUnprotect:
      id.device(t.id)->is_protected = false;
      break;
    case Op::kRemoveDevice:
      remove_device_now(p, id, t.id);
      break;
    default:
      replace_device_now(p, id, r.args, ctx.now);
      break;
  }
  notify(p, id, ctx.now, r.op, t.id, 0, ctx.digest);
  return accept(ctx, "R-DEV-11");
}

}  // namespace reclaim::rules
