// The step function: request-level rules (R-REQ-*, rules/common.h), then dispatch to the
// rule family that owns the op. tick() matures what time has made due.
#include "model/step.h"

#include "model/codec.h"
#include "model/crypto.h"
#include "model/ops.h"
#include "model/rules/common.h"

namespace reclaim {
namespace {

using rules::Ctx;

// R-REQ-4, R-REQ-6: verify each signature against the key of the signer it names.
Reject verify_signers(Ctx& ctx, const Identity& id, std::span<const uint8_t> msg) {
  const auto& entries = ctx.request.signers;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (entries[j].kind == entries[i].kind && entries[j].id == entries[i].id)
        return Reject::kMalformed;  // R-REQ-6
  }
  for (const SignatureEntry& e : entries) {
    const PublicKey* key = nullptr;
    bool app = false;         // the session named is an app delegation (R-SES-5)
    bool two = false;         // the session named was created with two factors (R-2FA-5)
    bool totp = false;        // the device named is a TOTP authenticator (R-2FA-3)
    switch (e.kind) {
      case SignerKind::kDevice:
        if (const Device* d = id.device(e.id)) {
          key = &d->key;
          totp = d->kind == DeviceKind::kTotp;
        }
        break;
      case SignerKind::kSession:
        for (const Session& s : id.sessions)
          if (s.id == e.id && s.expires_at > ctx.now) {
            key = &s.key;
            app = s.app;
            two = s.two_factor;
          }
        break;
      case SignerKind::kGuardian:
        if (const Guardian* g = id.guardian(e.id)) key = &g->key;
        break;
    }
    if (key == nullptr) return Reject::kUnauthorized;
    if (!verify(ctx.policy.crypto, *key, msg, e.sig)) return Reject::kBadSignature;
    switch (e.kind) {
      case SignerKind::kDevice: (totp ? ctx.signers.totp : ctx.signers.devices).push_back(e.id); break;
      case SignerKind::kSession:
        (app ? ctx.signers.app_session : ctx.signers.session) = true;
        ctx.signers.session_two_factor |= two;
        break;
      case SignerKind::kGuardian: ctx.signers.guardians.push_back(e.id); break;
    }
  }
  return Reject::kNone;
}

bool seen(const Identity& id, Digest d) {
  return id.seen.find_if([d](const SeenRequest& x) { return x.digest == d; }) != nullptr;
}

}  // namespace

Outcome apply(const Policy& policy, const State& state, const Request& request, Time now) {
  Ctx ctx(policy, request, now);
  // Request-level rules read the state as given; the working copy the rule families change
  // is made only for a request that passes them (most rejected requests never need it).
  const Identity* original = state.identity(request.identity);
  if (original == nullptr)
    return rules::reject(ctx, state, Reject::kMalformed, "R-REQ-1");
  if (request.time > now || now - request.time > kRequestFreshness)
    return rules::reject(ctx, state, Reject::kStale, "R-REQ-2");
  const Encoded enc = encode(request);
  ctx.digest = digest(enc.view());
  if (request.nonce <= original->nonce_floor || seen(*original, ctx.digest))
    return rules::reject(ctx, state, Reject::kReplay, "R-REQ-3");
  Reject bad = verify_signers(ctx, *original, enc.view());
  if (bad != Reject::kNone)
    return rules::reject(ctx, state, bad, bad == Reject::kMalformed ? "R-REQ-6" : "R-REQ-4");
  // R-2FA-3: a TOTP authenticator signs nothing alone.
  const rules::Signers& sg = ctx.signers;
  if (!sg.totp.empty() && sg.devices.empty() && !sg.session && !sg.app_session &&
      sg.guardians.empty())
    return rules::reject(ctx, state, Reject::kUnauthorized, "R-2FA-3");
  ctx.state = state;
  ctx.identity = ctx.state.identity(request.identity);

  const OpInfo* op = find_op(request.op);
  if (op == nullptr) return rules::reject(ctx, state, Reject::kMalformed, "R-REQ-1");
  switch (op->family) {  // the rule family that owns the op (model/ops.h)
    case Family::kDevices:
      return rules::devices_apply(ctx, state);
    case Family::kTimelock:
      return rules::timelock_apply(ctx, state);
    case Family::kSocial:
      return rules::social_apply(ctx, state);
    case Family::kAssets:
      return rules::assets_apply(ctx, state);
    case Family::kRegistration:
      return rules::registration_apply(ctx, state);
    case Family::kSession:
      return rules::session_apply(ctx, state);
  }
  return rules::reject(ctx, state, Reject::kMalformed, "R-REQ-1");
}

namespace {

// A due change that waits: a guardian change while a recovery runs (R-TL-12), a guardian
// addition while a lock holds it back (R-SOC-13).
bool held(const Policy& policy, const Identity& id, const PendingChange& c, Time now) {
  const bool guardian_change = c.op == Op::kAddGuardian || c.op == Op::kRemoveGuardian ||
                               c.op == Op::kSetGuardianThreshold;
  return (guardian_change && id.recovery.active) || rules::held_by_lock(policy, id, c, now);
}

}  // namespace

TickResult tick(const Policy& policy, const State& state, Time now) {
  TickResult out;
  out.state = state;
  for (Identity& id : out.state.identities) {
    // Pending changes, oldest first. A change that lapsed or could not apply is dropped.
    for (std::size_t i = 0; i < id.pending.size();) {
      const PendingChange change = id.pending[i];
      if (now >= change.expires_at) {
        id.pending.erase_at(i);
        out.events.push_back({id.id, TickEvent::kLapsed, change, "R-TL-6"});
        continue;
      }
      if (!rules::reached(policy, change.due_at, now) || held(policy, id, change, now)) {
        ++i;
        continue;
      }
      id.pending.erase_at(i);
      bool ok = rules::apply_matured(policy, id, change, now);
      out.events.push_back(
          {id.id, ok ? TickEvent::kMatured : TickEvent::kLapsed, change, "R-TL-5"});
      // apply_matured may drop other changes (e.g. of a removed device): restart the scan.
      i = 0;
    }
    if (id.recovery.active && rules::reached(policy, id.recovery.due_at, now) &&
        rules::recovery_quorum(policy, id)) {
      rules::complete_recovery(id, now);
      out.events.push_back({id.id, TickEvent::kRecoveryCompleted, {}, "R-SOC-8"});
    }
    if (id.registration.open && now >= id.registration.window_end) {
      id.registration = Registration{};
      out.events.push_back({id.id, TickEvent::kRegistrationClosed, {}, "R-REG-3"});
    }
    std::size_t expired =
        id.sessions.erase_if([now](const Session& s) { return s.expires_at <= now; });
    if (expired > 0) out.events.push_back({id.id, TickEvent::kSessionExpired, {}, "R-SES-3"});
    if (id.locked_until != 0 && now >= id.locked_until) {
      id.locked_until = 0;
      id.lock_by_recovery = false;
      out.events.push_back({id.id, TickEvent::kUnlocked, {}, "R-SOC-9"});
    }
  }
  return out;
}

Time next_due(const Policy& policy, const State& state, Time after) {
  Time best = kNever;
  auto consider = [&](Time t) {
    if (t > after && t < best) best = t;
  };
  const Duration strict = policy.boundary == Boundary::kStrict ? 1 : 0;
  for (const Identity& id : state.identities) {
    for (const PendingChange& c : id.pending) {
      consider(c.due_at + strict);
      consider(c.expires_at);
      // A change already due that nothing holds any more takes effect at the next second:
      // a request between ticks released it (a veto ending the recovery that held a guardian
      // change, R-TL-12; an unlock lifting the lock that held an addition, R-SOC-13).
      if (rules::reached(policy, c.due_at, after) && !held(policy, id, c, after))
        consider(after + 1);
    }
    if (id.recovery.active && id.recovery.due_at != kNever) {  // R-SOC-10: kNever until executed
      consider(id.recovery.due_at + strict);
      // A due recovery that regained its quorum between ticks (an immediate threshold
      // change) completes at the next second.
      if (rules::reached(policy, id.recovery.due_at, after) && rules::recovery_quorum(policy, id))
        consider(after + 1);
    }
    if (id.registration.open) consider(id.registration.window_end);
    for (const Session& s : id.sessions) consider(s.expires_at);
    if (id.locked_until != 0) consider(id.locked_until);
  }
  return best;
}

}  // namespace reclaim
