// Policy: every rule of the protocol that a variant may switch, as plain data.
// Each field carries a comment, a default and a unit. A variant file (variants/*.toml)
// names values for these fields; the defaults below are the most permissive protocol
// (II as of 2021) so that a variant reads as "II 2021 plus these changes".
#ifndef RECLAIM_MODEL_POLICY_H_
#define RECLAIM_MODEL_POLICY_H_

#include <string>

#include "model/bounded_vec.h"
#include "model/mutant.h"
#include "model/state.h"
#include "model/types.h"

namespace reclaim {

// Who may cancel a pending change or veto a recovery.
enum class CancelRight : uint8_t {
  kNone,            // nothing can be cancelled
  kRecoveryDevice,  // any registered recovery device (one signature suffices)
  kAnyDevice,       // any registered device (Candide: "the owner")
  kMajority,        // Argent: ceil((n0+1)/2) of owner + guardians, counted across requests
};

// How a social recovery's approvals are counted.
enum class RecoveryQuorum : uint8_t {
  kWeight,     // sum of guardian weights (after following) >= identity's guardian threshold
  kHalf,       // Argent: ceil(n/2) guardians
  kThreshold,  // Candide: owner-chosen count of guardians
};

// When a social recovery's delay starts.
enum class RecoveryClock : uint8_t {
  kStart,   // at the request that starts it
  kQuorum,  // when its approvals first reach quorum (Argent's and Candide's executeRecovery)
};

// How a running recovery locks the identity, where the policy has a lock period.
enum class RecoveryLock : uint8_t {
  kUntilDue,    // from its start until it is due; any guardian may unlock it
  kLockPeriod,  // Argent: from its execution for the lock period, until it completes or is
                // vetoed; guardians cannot unlock it
};

// Whether a new recovery may replace a running one.
enum class RecoveryReplace : uint8_t {
  kNever,          // one recovery at a time: a start while one runs is rejected
  kMoreApprovals,  // Candide: a start signed by strictly more guardians than approved the
                   // running one, and with quorum on its own, replaces it
  kAlways,         // Argent on Starknet: any authorized start replaces the running one
                   // (trigger_escape_owner resets the pending escape)
};

// Whether a deadline is met at `now == due` (inclusive, Candide `>=`) or only after it
// (strict, Argent `>`).
enum class Boundary : uint8_t { kInclusive, kStrict };

// Who may sweep an asset's value to the recovery path (BIP-345 recovery).
enum class SweepRight : uint8_t {
  kNone,            // no sweep
  kRecoveryDevice,  // a registered recovery device signs (authorized recovery)
  kAnyone,          // nobody need sign: BIP-345's unauthorized recovery (a watchtower may
                    // sweep; so may anyone who wants to grief the owner)
};

enum class CryptoBackend : uint8_t { kIdeal, kReal };

// The capacities of the state's bounded memories as the rules use them: each at most its
// compile-time capacity (state.h), which is also its default. Engines lower them (the
// small-scope hypothesis: a short trace then reaches and crosses every bound), and the rules
// behave at a lowered bound exactly as at the full one. Not part of a variant file: a
// scenario sets them with a `bounds` line (docs/scn-language.md), `reclaim check` and the
// fuzz targets use kSmallLimits unless told otherwise.
struct Limits {
  uint32_t seen = kMaxSeen;                    // remembered request digests (R-REQ-5)
  uint32_t notifications = kMaxNotifications;  // the owner's notification ring
  uint32_t pending = kMaxPending;              // changes waiting at once (R-TL-7)
  uint32_t sessions = kMaxSessions;            // live session delegations (R-SES-2)
  friend bool operator==(const Limits&, const Limits&) = default;
};
inline constexpr Limits kFullLimits{};
// Small enough that a trace of a few dozen actions fills each memory: four requests within
// the freshness window fill the digests, four notifications the ring, two pending changes
// the queue, two logins the sessions.
inline constexpr Limits kSmallLimits{4, 4, 2, 2};
// Is every limit between 1 and its capacity?
inline bool limits_valid(const Limits& l) {
  return l.seen >= 1 && l.seen <= kMaxSeen && l.notifications >= 1 &&
         l.notifications <= kMaxNotifications && l.pending >= 1 && l.pending <= kMaxPending &&
         l.sessions >= 1 && l.sessions <= kMaxSessions;
}

struct Policy {
  std::string name = "ii-2021";  // variant name, for reports
  CryptoBackend crypto = CryptoBackend::kIdeal;  // runtime choice, not part of a variant file
  Limits limits;  // runtime choice (engines, a scenario's `bounds` line), not in a variant file

  // --- devices (rules/devices) ---
  uint32_t max_devices = 10;       // devices per identity (II: 10, 20 since 2026)
  uint32_t max_seed_phrases = 0;   // seed phrases per identity; 0 = no limit (II-protected: 1)
  bool protection = false;         // `protected` seed phrases exist (II since 2022)
  bool allow_remove_last_device = true;   // II's canister allows it; only the front end stops it
  bool protectable = false;  // with `protection`: any recovery device (a hardware wallet, a
                             // security key) may be protected, not only a seed phrase (R-DEV-4)

  // --- sessions (rules/session) ---
  // `login` makes the front end's own session; `app-login` an app delegation (R-SES-4).
  Duration session_default_ttl = 10 * kMinute;  // II front end's own session: about 10 min
  Duration session_max_ttl = 10 * kMinute;      // front-end session cap
  bool session_manages_devices = true;  // a live front-end session may add/remove/replace devices
  bool app_sessions = true;             // II: app delegations exist (prepare_delegation)
  Duration app_default_ttl = 30 * kMinute;  // an app delegation's TTL when none is requested
  Duration app_max_ttl = 8 * kDay;          // its cap (II: 8 d in 2021, 30 d from May 2022)

  // --- timelock (rules/timelock) ---
  bool timelock = false;  // removing/replacing/unprotecting a recovery device is delayed
  BoundedVec<Duration, 8> delay_menu;  // allowed removal delays, seconds; empty = any
  Duration default_removal_delay = 0;  // delay in force for a new identity, seconds
  CancelRight cancel = CancelRight::kNone;  // who cancels pending changes
  Boundary boundary = Boundary::kInclusive;  // when a pending change matures
  bool timelock_all_removals = false;  // vault: every device removal waits, not only recovery
  // Timelock proposal: a protected recovery device may also be removed, replaced or
  // unprotected by another device's request, but only through the delay (so an owner can
  // drop a lost phrase); without this, R-DEV-5 rejects such requests outright.
  bool delay_overrides_protection = false;
  bool notifications = false;  // every security change notifies the owner

  // --- two-factor (rules/two_factor) ---
  bool two_factor = false;  // sensitive changes need two distinct devices when there are >= 2
  bool two_factor_login = false;   // creating a session (login, app-login) needs two factors
                                   // (R-2FA-5)
  bool two_factor_assets = false;  // moving assets, directly or through a session, needs two
                                   // factors (R-AST-9)
  bool totp = false;  // a TOTP authenticator may be registered (R-2FA-3, R-2FA-4)

  // --- social recovery (rules/social) ---
  bool guardians = false;              // guardians and social recovery exist
  RecoveryQuorum quorum = RecoveryQuorum::kWeight;
  uint32_t default_guardian_threshold = 1;  // weight or count, per quorum
  bool owner_may_start_recovery = true;     // Argent: false (owner may not sign)
  Duration recovery_delay = -1;  // seconds; -1 = the identity's removal delay
  CancelRight veto = CancelRight::kRecoveryDevice;  // who vetoes a recovery
  Duration guardian_change_delay = -1;  // seconds; -1 = removal delay; 0 = immediate
  Duration guardian_change_window = 0;  // Argent: lapses this long after due; 0 = never
  bool following = false;               // a guardian may follow another (weight moves)
  Duration lock_period = 0;             // Argent: a guardian locks the identity; 0 = no lock
  RecoveryClock recovery_clock = RecoveryClock::kStart;  // when the recovery delay starts
  RecoveryLock recovery_lock = RecoveryLock::kUntilDue;  // how a recovery locks (lock_period)
  bool lock_needs_unlocked = false;  // Argent: lock needs an unlocked identity, unlock a locked one
  bool lock_blocks_confirmation = false;        // Argent: a due guardian addition waits out a lock
                                                // (and lapses if its window ends first)
  bool owner_cancels_guardian_changes = false;  // Argent: an owner device cancels a pending
                                                // guardian addition or removal
  bool bounded_threshold = false;  // Candide: 1 <= threshold <= guardians, kept by every change
  RecoveryReplace recovery_replace = RecoveryReplace::kNever;  // may a start replace a recovery
  bool cosign_device_changes = false;  // Argent: adding, removing or replacing a device needs an
                                       // owner device plus ceil(n/2) of n >= 1 guardians
  // Argent on Starknet's escapes (R-SOC-16..18), where a guardian removal the owner requests
  // is the guardian escape and a guardian's recovery the owner escape:
  bool removal_ends_recovery = false;    // an owner's guardian-removal request ends a running
                                         // recovery that guardians started (the owner wins ties)
  bool removal_blocks_recovery = false;  // no recovery starts while a guardian removal is
                                         // pending and not expired (the guardian cannot override)
  Duration escape_interval = 0;  // seconds between two recovery starts, and between two
                                 // guardian-removal requests, of one identity; 0 = no limit

  // --- assets (rules/assets) ---
  Duration withdrawal_delay = 0;  // vault: withdrawals wait this long; 0 = transfers are immediate
  bool clawback = false;          // vault: the recovery path claws back triggered withdrawals
  bool immutable_recovery_path = false;  // vault: recovery devices cannot be removed at all
  SweepRight sweep = SweepRight::kNone;  // vault: the recovery path sweeps an asset's whole
                                         // value, triggered or not, before a withdrawal matures
  bool cosign_transfers = false;  // Argent: a transfer needs the owner plus ceil(n/2) of n >= 1
                                  // guardians, unless its recipient is a trusted contact
  bool trusted_contacts = false;  // Argent: add-contact trusts a recipient (R-AST-10)
  Duration contact_delay = 0;     // Argent: an owner-only add-contact trusts after this long

  // --- tentative registration (rules/registration) ---
  bool registration = true;              // II's add-tentative flow exists
  Duration registration_window = 900;    // seconds from entering registration mode
  uint32_t registration_attempts = 3;    // the 3rd wrong code ends registration

  // --- test only ---
  Mutant mutant = Mutant::kNone;  // a deliberately broken rule (mutant.h); never from a file
};

}  // namespace reclaim

#endif  // RECLAIM_MODEL_POLICY_H_
