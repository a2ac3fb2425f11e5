// State: everything the protocol remembers, as one value type with ==, a stable 64-bit
// hash and a readable text dump. Identities hold devices, pending changes, the removal
// delay, guardians, assets, sessions, notifications, seen-request digests and a tentative
// registration. Every collection is bounded (bounded_vec.h).
#ifndef RECLAIM_MODEL_STATE_H_
#define RECLAIM_MODEL_STATE_H_

#include <functional>
#include <string>

#include "model/bounded_vec.h"
#include "model/request.h"
#include "model/types.h"

namespace reclaim {

inline constexpr std::size_t kMaxDevices = 24;   // hard cap; policy.max_devices <= this
inline constexpr std::size_t kMaxPending = 16;
inline constexpr std::size_t kMaxGuardians = 8;
inline constexpr std::size_t kMaxAssets = 4;
inline constexpr std::size_t kMaxSessions = 4;
inline constexpr std::size_t kMaxContacts = 4;
inline constexpr std::size_t kMaxNotifications = 16;  // ring; older ones are dropped
inline constexpr std::size_t kMaxSeen = 32;           // seen digests; older raise nonce_floor
inline constexpr std::size_t kMaxIdentities = 4;
inline constexpr std::size_t kMaxVetoes = kMaxGuardians + 1;
inline constexpr uint32_t kOwnerVoter = 0xffffffffu;  // an owner device's vote in a veto
inline constexpr Time kNoTime = -1;  // a moment that has not happened (R-SOC-18)

struct Device {
  DeviceId id = kNone;
  DeviceKind kind = DeviceKind::kPasskey;
  Purpose purpose = Purpose::kAuth;
  bool is_protected = false;
  PublicKey key{};
  Time added_at = 0;
  friend bool operator==(const Device&, const Device&) = default;
};

// A change waiting out a delay: the original op and arguments, applied when it matures.
struct PendingChange {
  uint32_t number = 0;  // 1, 2, ... per identity; never reused
  Op op = Op::kRemoveDevice;
  Args args;
  Time requested_at = 0;
  Time due_at = 0;           // matures at due_at (policy.boundary says whether == counts)
  Time expires_at = kNever;  // Argent's security window: unconfirmed by then, it lapses
  Duration delay = 0;        // the delay in force when it was requested
  Digest requested_by = 0;   // digest of the request that created it
  friend bool operator==(const PendingChange&, const PendingChange&) = default;
};

struct Guardian {
  ActorId actor = kNone;
  uint32_t weight = 1;
  PublicKey key{};
  ActorId follows = kNone;  // weight goes to this guardian
  friend bool operator==(const Guardian&, const Guardian&) = default;
};

struct Recovery {
  bool active = false;
  DeviceId new_device = kNone;
  DeviceKind kind = DeviceKind::kPasskey;
  PublicKey new_key{};
  Time started_at = 0;
  Time due_at = 0;  // kNever while the policy's clock waits for quorum (R-SOC-10)
  uint32_t guardians_at_start = 0;           // Argent's n0
  BoundedVec<ActorId, kMaxGuardians> approvals;  // guardians that approved
  BoundedVec<uint32_t, kMaxVetoes> vetoes;       // guardians (actor ids) or kOwnerVoter
  bool owner_started = false;                // started by an owner device, counts as approval
  Digest started_by = 0;
  uint64_t start_nonce = 0;  // the starting request's nonce: only a newer veto counts (R-SOC-6)
  friend bool operator==(const Recovery&, const Recovery&) = default;
};

struct Asset {
  uint32_t id = 0;
  int64_t amount = 0;
  Time locked_until = 0;
  int64_t swept = 0;  // value swept to the recovery path (R-AST-7): out of every request's reach
  friend bool operator==(const Asset&, const Asset&) = default;
};

// A trusted contact (Argent's whitelist, R-AST-10): transfers to `actor` need no guardian
// co-signature from `from` on (the first trusted instant).
struct Contact {
  ActorId actor = kNone;
  Time from = 0;
  friend bool operator==(const Contact&, const Contact&) = default;
};

struct Session {
  uint32_t id = 0;
  PublicKey key{};
  Time expires_at = 0;
  bool app = false;  // an app delegation (R-SES-4, R-SES-5), not the front end's own session
  // Created with two distinct factors (R-2FA-5), recorded only where the policy counts factors
  // (two_factor_login or two_factor_assets); an app delegation carries its login's.
  bool two_factor = false;
  friend bool operator==(const Session&, const Session&) = default;
};

// What the owner sees. `change` is the pending-change number when the event created one.
struct Notification {
  uint32_t seq = 0;
  Time at = 0;
  Op op = Op::kAddDevice;
  DeviceId device = kNone;
  uint32_t change = 0;
  Digest request = 0;
  friend bool operator==(const Notification&, const Notification&) = default;
};

// A remembered request (R-REQ-5). Entries older than kRequestFreshness are pruned: the
// request is stale by then and R-REQ-2 already rejects it.
struct SeenRequest {
  Digest digest = 0;
  uint64_t nonce = 0;
  Time time = 0;
  friend bool operator==(const SeenRequest&, const SeenRequest&) = default;
};

struct Registration {
  bool open = false;        // registration mode entered and window not ended
  Time window_end = 0;
  bool has_tentative = false;
  DeviceId device = kNone;
  DeviceKind kind = DeviceKind::kPasskey;
  Purpose purpose = Purpose::kAuth;
  PublicKey key{};
  bool protect = false;     // offered protected: the confirmed device is (R-REG-5)
  uint32_t code = 0;        // the 6-digit code shown on the tentative device
  uint32_t wrong_attempts = 0;
  friend bool operator==(const Registration&, const Registration&) = default;
};

struct Identity {
  IdentityId id = kNone;
  BoundedVec<Device, kMaxDevices> devices;
  BoundedVec<PendingChange, kMaxPending> pending;
  uint32_t next_change = 1;
  Duration removal_delay = 0;
  BoundedVec<Guardian, kMaxGuardians> guardians;
  uint32_t guardian_threshold = 1;
  Recovery recovery;
  Time locked_until = 0;  // Argent lock
  bool lock_by_recovery = false;  // the lock is a recovery's (R-SOC-11): guardians cannot lift it
  // R-SOC-18: when the last recovery start and guardian-removal request were accepted, where
  // the policy has an escape interval (kNoTime: none yet, or no interval).
  Time last_recovery_start = kNoTime;
  Time last_guardian_removal = kNoTime;
  BoundedVec<Asset, kMaxAssets> assets;
  BoundedVec<Contact, kMaxContacts> contacts;  // trusted recipients (R-AST-10)
  BoundedVec<Session, kMaxSessions> sessions;
  uint32_t next_session = 1;
  BoundedVec<Notification, kMaxNotifications> notifications;  // newest last
  uint32_t notification_count = 0;  // total ever appended
  BoundedVec<SeenRequest, kMaxSeen> seen;
  uint64_t nonce_floor = 0;  // nonces <= this are stale (evicted from `seen`)
  Registration registration;
  friend bool operator==(const Identity&, const Identity&) = default;

  const Device* device(DeviceId id) const {
    return devices.find_if([id](const Device& d) { return d.id == id; });
  }
  Device* device(DeviceId id) {
    return devices.find_if([id](const Device& d) { return d.id == id; });
  }
  const Guardian* guardian(ActorId a) const {
    return guardians.find_if([a](const Guardian& g) { return g.actor == a; });
  }
  const Asset* asset(uint32_t a) const {
    return assets.find_if([a](const Asset& x) { return x.id == a; });
  }
  Asset* asset(uint32_t a) {
    return assets.find_if([a](const Asset& x) { return x.id == a; });
  }
  uint32_t count_purpose(Purpose p) const;
  uint32_t count_kind(DeviceKind k) const;
};

struct State {
  HeapBoundedVec<Identity, kMaxIdentities> identities;
  friend bool operator==(const State&, const State&) = default;

  const Identity* identity(IdentityId id) const {
    return identities.find_if([id](const Identity& i) { return i.id == id; });
  }
  Identity* identity(IdentityId id) {
    return identities.find_if([id](const Identity& i) { return i.id == id; });
  }
};

// Stable across runs, platforms and builds: a hash of the canonical field sequence, never
// of memory layout.
uint64_t hash(const State& state);
// The same fields mixed a word at a time: several times faster, for in-process tables (the
// exhaustive engine's state keys); not stable across builds, so never stored or compared
// between runs of different programs.
uint64_t quick_hash(const State& state);

// Names ids for dumps; the world layer provides one. Without it ids print as numbers.
struct Namer {
  std::function<std::string(IdentityId)> identity;
  std::function<std::string(DeviceId)> device;
  std::function<std::string(ActorId)> actor;
};
std::string dump(const State& state, const Namer* namer = nullptr);

}  // namespace reclaim

#endif  // RECLAIM_MODEL_STATE_H_
