// Test-only support shared by the model's and the properties' suites: policies that mirror
// the built-in variants (written in C++ so tests do not depend on the variant files), the
// usual ways to sign a request and the usual shapes of its arguments, and an outcome as one
// "verdict reject rule" string so that a failing expectation shows all three. The World a
// test drives is set up by the test bed (sim/testing.h). Included by test code only.
#ifndef RECLAIM_MODEL_TESTING_H_
#define RECLAIM_MODEL_TESTING_H_

#include <initializer_list>
#include <string>
#include <string_view>

#include "model/codec.h"
#include "model/crypto.h"
#include "model/policy.h"
#include "model/request.h"
#include "sim/world.h"

namespace reclaim::fixtures {

// II as of 2021: the Policy defaults, without tentative registration (it shipped in 2022).
inline Policy ii2021() {
  Policy p;
  p.name = "ii-2021";
  p.registration = false;
  return p;
}
inline Policy ii_protected() {
  Policy p = ii2021();
  p.name = "ii-protected";
  p.registration = true;
  p.max_devices = 20;
  p.max_seed_phrases = 1;
  p.protection = true;
  p.app_max_ttl = 30 * kDay;
  return p;
}
// The sessions of the proposals and the wallets: one kind, 30 minutes by default, at most 30
// days, no app delegations.
inline Policy one_session_kind(Policy p) {
  p.session_default_ttl = 30 * kMinute;
  p.session_max_ttl = 30 * kDay;
  p.app_sessions = false;
  p.app_max_ttl = 8 * kDay;
  return p;
}
inline Policy timelock() {
  Policy p = one_session_kind(ii_protected());
  p.name = "timelock";
  p.session_manages_devices = false;
  p.timelock = true;
  p.delay_menu.push_back(kWeek);
  p.delay_menu.push_back(kMonth);
  p.delay_menu.push_back(kYear);
  p.default_removal_delay = kWeek;
  p.cancel = CancelRight::kRecoveryDevice;
  p.notifications = true;
  p.delay_overrides_protection = true;
  return p;
}
inline Policy timelock_2fa() {
  Policy p = timelock();
  p.name = "timelock-2fa";
  p.two_factor = true;
  return p;
}
// The forum thread's proposal: timelock-2fa plus two factors to log in and to move assets, TOTP
// authenticators, protectable recovery hardware, and app delegations (the NNS app's).
inline Policy thread_proposal() {
  Policy p = timelock_2fa();
  p.name = "thread-proposal";
  p.protectable = true;
  p.app_sessions = true;
  p.app_default_ttl = 30 * kMinute;
  p.app_max_ttl = 30 * kDay;
  p.two_factor_login = true;
  p.two_factor_assets = true;
  p.totp = true;
  return p;
}
// ii-protected where any recovery device may be protected.
inline Policy hardware_recovery() {
  Policy p = ii_protected();
  p.name = "hardware-recovery";
  p.protectable = true;
  return p;
}
inline Policy social() {
  Policy p = timelock_2fa();
  p.name = "social";
  p.guardians = true;
  p.quorum = RecoveryQuorum::kWeight;
  p.default_guardian_threshold = 2;
  p.owner_may_start_recovery = true;
  p.recovery_delay = -1;
  p.veto = CancelRight::kRecoveryDevice;
  p.guardian_change_delay = -1;
  p.following = true;
  return p;
}
inline Policy argent() {
  Policy p = one_session_kind(Policy{});
  p.name = "argent";
  p.session_manages_devices = false;
  p.boundary = Boundary::kStrict;
  p.notifications = true;
  p.guardians = true;
  p.quorum = RecoveryQuorum::kHalf;
  p.owner_may_start_recovery = false;
  p.recovery_delay = 48 * kHour;
  p.veto = CancelRight::kMajority;
  p.guardian_change_delay = 36 * kHour;
  p.guardian_change_window = 12 * kHour;
  p.lock_period = 5 * kDay;
  p.recovery_clock = RecoveryClock::kQuorum;
  p.recovery_lock = RecoveryLock::kLockPeriod;
  p.lock_needs_unlocked = true;
  p.lock_blocks_confirmation = true;
  p.owner_cancels_guardian_changes = true;
  p.registration = false;
  p.cosign_device_changes = true;  // R-DEV-12: transferOwnership needs ceil(n/2) guardians
  p.cosign_transfers = true;       // R-AST-6: multiCallWithGuardians
  p.trusted_contacts = true;       // R-AST-10: addToWhitelist
  p.contact_delay = 36 * kHour;    // whitelistPeriod
  return p;
}
// Argent's recovery, lock and guardian-change rules with the owner changing devices alone: for
// tests of those rules whose script would otherwise need the guardians' co-signatures.
inline Policy argent_owner_alone() {
  Policy p = argent();
  p.cosign_device_changes = false;
  p.cosign_transfers = false;
  p.trusted_contacts = false;
  p.contact_delay = 0;
  return p;
}
// Argent's Starknet account (variants/argent-starknet.toml): one guardian co-signs; the
// guardian's recovery is the owner escape, the owner's guardian removal the guardian escape.
inline Policy argent_starknet() {
  Policy p = one_session_kind(Policy{});
  p.name = "argent-starknet";
  p.session_manages_devices = false;
  p.notifications = true;
  p.guardians = true;
  p.quorum = RecoveryQuorum::kHalf;
  p.owner_may_start_recovery = false;
  p.recovery_delay = 7 * kDay;
  p.veto = CancelRight::kNone;
  p.guardian_change_delay = 7 * kDay;
  p.guardian_change_window = 7 * kDay;
  p.recovery_replace = RecoveryReplace::kAlways;
  p.cosign_device_changes = true;
  p.cosign_transfers = true;
  p.removal_ends_recovery = true;
  p.removal_blocks_recovery = true;
  p.escape_interval = 12 * kHour;
  p.registration = false;
  return p;
}
inline Policy candide() {
  Policy p = one_session_kind(Policy{});
  p.name = "candide";
  p.session_manages_devices = false;
  p.notifications = true;
  p.guardians = true;
  p.quorum = RecoveryQuorum::kThreshold;
  p.default_guardian_threshold = 1;
  p.owner_may_start_recovery = false;
  p.recovery_delay = 3 * kDay;
  p.veto = CancelRight::kAnyDevice;
  p.guardian_change_delay = 0;
  p.recovery_clock = RecoveryClock::kQuorum;
  p.bounded_threshold = true;
  p.recovery_replace = RecoveryReplace::kMoreApprovals;
  p.registration = false;
  return p;
}
inline Policy vault() {
  Policy p = one_session_kind(Policy{});
  p.name = "vault";
  p.session_manages_devices = false;
  p.timelock = true;
  p.delay_menu.push_back(kDay);
  p.delay_menu.push_back(kWeek);
  p.default_removal_delay = kWeek;
  p.cancel = CancelRight::kRecoveryDevice;
  p.timelock_all_removals = true;
  p.notifications = true;
  p.withdrawal_delay = kDay;
  p.clawback = true;
  p.immutable_recovery_path = true;
  p.sweep = SweepRight::kRecoveryDevice;
  p.registration = false;
  return p;
}

// The timelock variants let another device's request remove a protected phrase through the
// delay; suites that test protection as absolute (R-DEV-5 alone) turn that off.
inline Policy absolute_protection(Policy p) {
  p.delay_overrides_protection = false;
  return p;
}

inline std::string Describe(Verdict v, Reject r, std::string_view rule) {
  return std::string(verdict_name(v)) + " " + std::string(reject_name(r)) + " " + std::string(rule);
}

inline SignWith By(std::initializer_list<DeviceId> devices) {
  return SignWith{devices, false, false};
}
inline SignWith Unsigned() { return SignWith{}; }
inline SignWith AsGuardian() { return SignWith{{}, false, true}; }
inline SignWith BySession() { return SignWith{{}, true, false}; }
inline SignWith ByAppSession() {
  SignWith w;
  w.app_session = true;
  return w;
}

// --- arguments of the usual shapes ---
// One device acted on (remove, protect, unprotect).
inline Args On(DeviceId d) {
  Args a;
  a.device = d;
  return a;
}
// A new device (add-device, add-tentative; start-recovery's new device).
inline Args Add(DeviceId d, DeviceKind kind = DeviceKind::kPasskey,
                Purpose purpose = Purpose::kAuth, bool protect = false) {
  Args a;
  a.device2 = d;
  a.kind = kind;
  a.purpose = purpose;
  a.protect = protect;
  return a;
}
// replace-device: `old_device` by the new device `d`.
inline Args Replace(DeviceId old_device, DeviceId d, DeviceKind kind, Purpose purpose,
                    bool protect = false) {
  Args a = Add(d, kind, purpose, protect);
  a.device = old_device;
  return a;
}
// A duration: set-removal-delay's delay, login's session lifetime.
inline Args Delay(Duration d) {
  Args a;
  a.duration = d;
  return a;
}
// cancel's change number (0: all of them).
inline Args Change(uint32_t number) {
  Args a;
  a.number = number;
  return a;
}
// set-guardian-threshold's threshold.
inline Args Threshold(uint32_t n) { return Change(n); }
// add-guardian, remove-guardian (which reads no weight).
inline Args GuardianArgs(ActorId guardian, uint32_t weight = 1) {
  Args a;
  a.actor = guardian;
  a.weight = weight;
  return a;
}
// follow: `follower` gives its weight to `followee` (kNone: unfollow).
inline Args Follow(ActorId follower, ActorId followee) {
  Args a;
  a.actor = follower;
  a.actor2 = followee;
  return a;
}
// verify-tentative's code.
inline Args Code(uint32_t code) {
  Args a;
  a.code = code;
  return a;
}
// transfer, withdraw: `amount` of `asset` to `to`; clawback reads only the asset.
inline Args Move(uint32_t asset, int64_t amount, ActorId to) {
  Args a;
  a.asset = asset;
  a.amount = amount;
  a.actor = to;
  return a;
}

// A request to `identity` at the world's clock, signed by registered devices and by guardians
// of the identity together — the co-signing the world's actors cannot do alone (Argent's owner
// plus guardians, Candide's multiConfirmRecovery). A new device's key is filled in as the world
// would. Apply it with apply(w.policy(), w.state(), r, w.now()); the world does not record it,
// so `nonce` should lie above every nonce the world has used.
inline Request CoSigned(const World& w, IdentityId identity, Op op, Args args,
                        std::initializer_list<DeviceId> devices,
                        std::initializer_list<ActorId> guardians, uint64_t nonce = 1'000'000) {
  if (op == Op::kAddDevice || op == Op::kReplaceDevice || op == Op::kStartRecovery)
    args.key = w.device_key(args.device2);
  Request r;
  r.identity = identity;
  r.op = op;
  r.args = args;
  r.nonce = nonce;
  r.time = w.now();
  const Encoded enc = encode(r);
  const CryptoBackend backend = w.policy().crypto;
  for (DeviceId d : devices)
    r.signers.push_back({SignerKind::kDevice, d,
                         sign(backend, cached_keypair(w.seed(), device_secret(d)), enc.view())});
  for (ActorId g : guardians)
    r.signers.push_back({SignerKind::kGuardian, g,
                         sign(backend, cached_keypair(w.seed(), guardian_secret(g)), enc.view())});
  return r;
}

}  // namespace reclaim::fixtures

#endif  // RECLAIM_MODEL_TESTING_H_
