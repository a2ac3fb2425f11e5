// Tentative device registration (Internet Identity's add-a-device flow).
// R-REG-1: entering registration mode needs device authority (R-DEV-1) and opens a window
//          of policy.registration_window seconds.
// R-REG-2: entering again while the window is open does not extend it.
// R-REG-3: the window ends at window_end; then nothing tentative can be added or verified.
// R-REG-4: while the window is open anyone may offer one tentative device (unsigned); only
//          one may be pending. Its 6-digit code is derived from the offering request. Its id
//          must be unregistered and named by no running recovery or pending replacement
//          (R-DEV-13). It may be offered protected where R-DEV-4 lets its kind and purpose be.
// R-REG-5: an authorized device (R-DEV-1) confirms with the code; the right code adds the
//          device as offered: its kind, purpose, key and protection (II's tentative device
//          carries its whole DeviceData), subject to R-DEV-2/3/6/8/9 as any added device,
//          and ends registration.
// R-REG-6: each wrong code counts; the policy's last allowed wrong code ends registration.
#include "model/rules/common.h"

namespace reclaim::rules {
namespace {

bool window_open(const Registration& reg, Time now) { return reg.open && now < reg.window_end; }

}  // namespace

Outcome registration_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  Registration& reg = id.registration;
  if (!p.registration) return reject(ctx, original, Reject::kDisabled, "R-REG-1");

  switch (r.op) {
    case Op::kEnterRegistration:
      if (!device_authority(ctx)) return reject(ctx, original, Reject::kUnauthorized, "R-REG-1");
      if (window_open(reg, ctx.now)) return accept(ctx, "R-REG-2");
      reg = Registration{};
      reg.open = true;
      reg.window_end = ctx.now + p.registration_window;
      notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
      return accept(ctx, "R-REG-1");

    case Op::kAddTentative:
      if (!window_open(reg, ctx.now)) return reject(ctx, original, Reject::kExpired, "R-REG-3");
      if (reg.has_tentative) return reject(ctx, original, Reject::kExists, "R-REG-4");
      if (r.args.device2 == kNone || id.device(r.args.device2) != nullptr)
        return reject(ctx, original, Reject::kExists, "R-REG-4");
      if (device_id_named(id, r.args.device2, true))
        return reject(ctx, original, Reject::kExists, "R-DEV-13");
      if (!totp_allowed(p, r.args.kind, r.args.purpose, r.args.protect))
        return reject(ctx, original, Reject::kMalformed, "R-2FA-3");
      if (r.args.protect && !protectable(p, r.args.kind, r.args.purpose))
        return reject(ctx, original, Reject::kMalformed, "R-DEV-4");
      reg.has_tentative = true;
      reg.device = r.args.device2;
      reg.kind = r.args.kind;
      reg.purpose = r.args.purpose;
      reg.key = r.args.key;
      reg.protect = r.args.protect;
      reg.code = static_cast<uint32_t>(ctx.digest % 1000000);
      notify(p, id, ctx.now, r.op, r.args.device2, 0, ctx.digest);
      return accept(ctx, "R-REG-4");

    default: {  // kVerifyTentative
      if (!device_authority(ctx)) return reject(ctx, original, Reject::kUnauthorized, "R-REG-5");
      if (!window_open(reg, ctx.now) || !reg.has_tentative)
        return reject(ctx, original, Reject::kExpired, "R-REG-3");
      if (!two_factor_ok(ctx)) return reject(ctx, original, Reject::kTwoFactor, "R-2FA-1");
      if (r.args.code != reg.code && p.mutant != Mutant::kTentativeCodeUnchecked) {
        // Rejected, yet the attempt must count: R-REG-6 is the one rejection whose outcome
        // carries a changed state (step.h documents the exception).
        ++reg.wrong_attempts;
        if (reg.wrong_attempts >= p.registration_attempts) reg = Registration{};
        Outcome out = reject(ctx, original, Reject::kBadCode, "R-REG-6");
        out.state = ctx.state;
        return out;
      }
      if (id.device(reg.device) != nullptr)
        return reject(ctx, original, Reject::kExists, "R-DEV-6");
      if (id.locked_until > ctx.now) return reject(ctx, original, Reject::kLocked, "R-DEV-9");
      if (p.immutable_recovery_path && reg.purpose == Purpose::kRecovery)
        return reject(ctx, original, Reject::kLocked, "R-DEV-8");
      if (id.devices.size() + 1 > p.max_devices || id.devices.full())
        return reject(ctx, original, Reject::kLimit, "R-DEV-2");
      if (reg.kind == DeviceKind::kSeedPhrase && p.max_seed_phrases > 0 &&
          id.count_kind(DeviceKind::kSeedPhrase) + 1 > p.max_seed_phrases)
        return reject(ctx, original, Reject::kLimit, "R-DEV-3");
      id.devices.push_back({reg.device, reg.kind, reg.purpose, reg.protect, reg.key, ctx.now});
      const DeviceId added = reg.device;
      reg = Registration{};
      notify(p, id, ctx.now, r.op, added, 0, ctx.digest);
      return accept(ctx, "R-REG-5");
    }
  }
}

}  // namespace reclaim::rules
