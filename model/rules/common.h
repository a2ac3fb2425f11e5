// Shared machinery of the rule families: the per-request context built once by apply()
// (verified signers, digest, identity copy) and the helpers every family uses to accept,
// reject, make a change pending and notify. Rules common to every request:
// R-REQ-1: a request names an existing identity.
// R-REQ-2: a request's time is not in the future and at most kRequestFreshness old.
// R-REQ-3: a request whose digest was accepted before, or whose nonce is at or below the
//          identity's nonce floor, is rejected (replay).
// R-REQ-4: every attached signature verifies against the key of the signer it names: a
//          registered device, a live session of the identity, or a guardian. A signer that
//          is none of these is unauthorized; a bad signature is rejected as such.
// R-REQ-5: an accepted or pending request's digest is remembered (at most
//          policy.limits.seen; evicting the oldest raises the nonce floor, so an evicted digest
//          stays unreplayable).
// R-REQ-6: a request may list a signer at most once.
#ifndef RECLAIM_MODEL_RULES_COMMON_H_
#define RECLAIM_MODEL_RULES_COMMON_H_

#include <string_view>

#include "model/policy.h"
#include "model/request.h"
#include "model/state.h"
#include "model/step.h"

namespace reclaim::rules {

// Who verifiably signed this request.
struct Signers {
  BoundedVec<DeviceId, kMaxSigners> devices;    // registered devices of the identity, TOTP
                                                // authenticators apart (R-2FA-3)
  BoundedVec<DeviceId, kMaxSigners> totp;       // registered TOTP authenticators (R-2FA-4)
  BoundedVec<ActorId, kMaxSigners> guardians;   // guardians of the identity
  bool session = false;                         // a live front-end session
  bool app_session = false;                     // a live app delegation (R-SES-5)
  bool session_two_factor = false;  // a signing session was created with two factors (R-2FA-5)
  bool has_device(DeviceId d) const {
    return devices.find_if([d](DeviceId x) { return x == d; }) != nullptr;
  }
  bool has_guardian(ActorId a) const {
    return guardians.find_if([a](ActorId x) { return x == a; }) != nullptr;
  }
};

struct Ctx {
  // The working state starts empty: apply() copies the given state into it once the
  // request-level rules (R-REQ-*) pass, and points `identity` into it.
  Ctx(const Policy& p, const Request& r, Time t)
      : policy(p), request(r), now(t), digest(0), identity(nullptr) {}
  const Policy& policy;
  const Request& request;
  Time now;
  Digest digest;       // of the canonical encoding
  Signers signers;
  State state;         // working copy; becomes Outcome::state on success
  Identity* identity;  // points into `state`
};

Outcome reject(const Ctx& ctx, const State& original, Reject code, std::string_view rule);
Outcome accept(Ctx& ctx, std::string_view rule);
// Makes the request a pending change due after `delay`; rejects when the queue is full.
Outcome make_pending(Ctx& ctx, const State& original, Duration delay, Time expires_at,
                     std::string_view rule);

// Appends an owner-visible notification if the policy has notifications (ring-bounded).
void notify(const Policy& policy, Identity& identity, Time at, Op op, DeviceId device,
            uint32_t change, Digest request);

// Does the identity's device set give authority for ordinary device management: at least
// one registered device signed, or a live front-end session when the policy lets sessions
// manage. An app delegation never does (R-SES-5).
bool device_authority(const Ctx& ctx);
// Is any verified device signer a recovery device?
bool signed_by_recovery_device(const Ctx& ctx);
// Did ceil(n/2) of the identity's n guardians co-sign (true when it has none)? Argent's
// owner-plus-guardians operations (R-DEV-12, R-AST-6); the owner's part is checked apart.
bool guardians_cosigned(const Ctx& ctx);
// R-AST-10 (rules/assets): is `actor` a trusted contact of the identity whose trust has begun
// at `now` (now >= its `from`, the first trusted instant)?
bool trusted_contact(const Policy& policy, const Identity& identity, ActorId actor, Time now);

// Effective removal delay due for the identity (policy default applies at creation).
inline Duration removal_delay(const Identity& id) { return id.removal_delay; }

// Deadline test honoring the policy's boundary: is `due` reached at `now`?
inline bool reached(const Policy& p, Time due, Time now) {
  if (p.mutant == Mutant::kDeadlineEarly) --due;
  return p.boundary == Boundary::kStrict ? now > due : now >= due;
}

// Family entry points: each handles the ops of its file; returns nullopt-like kNone rule
// only through the dispatcher in step.cc.
Outcome devices_apply(Ctx& ctx, const State& original);
Outcome timelock_apply(Ctx& ctx, const State& original);
Outcome social_apply(Ctx& ctx, const State& original);
Outcome assets_apply(Ctx& ctx, const State& original);
Outcome registration_apply(Ctx& ctx, const State& original);
Outcome session_apply(Ctx& ctx, const State& original);

// Two-factor gate (rules/two_factor): nullopt when allowed, else the rejection.
bool is_sensitive(Op op);
bool two_factor_ok(const Ctx& ctx);
// R-2FA-4: the distinct factors that signed: every registered device signer, and each TOTP
// authenticator only beside at least one of them.
uint32_t factor_count(const Ctx& ctx);
// Two distinct factors signed, or a session created with two factors did (R-2FA-5, R-AST-9).
bool two_factors(const Ctx& ctx);
// R-2FA-3: may a device of `kind` with `purpose` be registered (added, replaced in, offered as
// the tentative device)? Only a TOTP authenticator is judged: where the policy has totp, as an
// auth device, never protected.
bool totp_allowed(const Policy& policy, DeviceKind kind, Purpose purpose, bool is_protected);
// R-DEV-4: may a device of `kind` with `purpose` be protected (added, offered as the tentative
// device, or protected later)? Seed phrases where the policy has protection; with
// `protectable` too, any recovery device but a TOTP.
bool protectable(const Policy& policy, DeviceKind kind, Purpose purpose);

// Timelock gate (rules/timelock): does this device change wait the removal delay?
bool device_change_delayed(const Ctx& ctx, Op op, const Device& target);

// Applying a matured change (rules/*): used by tick. Returns false if it could no longer
// apply (device gone, limit reached) — it then lapses.
bool apply_matured(const Policy& policy, Identity& identity, const PendingChange& change,
                   Time now);
// R-DEV-13 (rules/devices): is `device` the new device that the tentative registration, a
// pending replacement or (when `recovery`) the running recovery already names?
bool device_id_named(const Identity& identity, DeviceId device, bool recovery);
// Device-set mutations shared by direct and matured paths (rules/devices).
bool remove_device_now(const Policy& policy, Identity& identity, DeviceId id);
bool replace_device_now(const Policy& policy, Identity& identity, const Args& args, Time now);
// Social recovery maturation (rules/social): completes a due recovery with quorum.
bool recovery_quorum(const Policy& policy, const Identity& identity);
// R-SOC-14 (rules/social): does a bounded threshold allow this guardian change of `identity`
// (a removal, or a threshold change to args.number)? Always true without bounded_threshold.
bool threshold_allows(const Policy& policy, const Identity& identity, Op op, const Args& args);
// R-SOC-13 (rules/social): is this pending change a guardian addition that a lock holds back?
bool held_by_lock(const Policy& policy, const Identity& identity, const PendingChange& change,
                  Time now);
void complete_recovery(Identity& identity, Time now);
// Drops pending changes that touch `device` when it leaves (so nothing dangles).
void drop_changes_for_device(Identity& identity, DeviceId device);

}  // namespace reclaim::rules

#endif  // RECLAIM_MODEL_RULES_COMMON_H_
