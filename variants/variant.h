// Variant: one protocol design as data — a Policy plus the invariants the design claims —
// read from a TOML file in variants/ (or a researcher's own file) and written back in a
// canonical form. Every engine asks this library for the variants it checks, so a bad value
// or a claim the policy cannot support is reported once, here, as file:line:col.
//
// File schema (every key optional; an absent key keeps the Policy default, see policy.h):
//
//   name = "timelock"          # required; [a-z0-9-], at most 64 bytes
//   about = "..."              # one line for reports
//   as_of = "v2.5"             # the upstream release or date a variant of a real system
//                              # follows, at most 64 bytes ("" for designs of no real system)
//   claims = ["AUTH", ...]     # catalogue ids (invariant_ids()), no duplicates
//
//   [devices]       max_devices (1..kMaxDevices), max_seed_phrases (0 = no limit),
//                   protection, protectable, allow_remove_last_device
//   [session]       default_ttl, max_ttl, manages_devices (the front end's own session, made
//                   by `login`), app_delegations, app_default_ttl, app_max_ttl (app
//                   delegations, made by `app-login`: R-SES-4, R-SES-5)
//   [timelock]      enabled, delay_menu (array of durations, at most 8, no duplicates),
//                   default_delay, cancel, boundary, all_removals, overrides_protection
//   [notifications] enabled
//   [two_factor]    enabled, login, assets, totp
//   [social]        enabled, quorum, default_threshold, owner_may_start, recovery_delay, veto,
//                   guardian_change_delay, guardian_change_window, following, lock_period,
//                   delay_from, recovery_lock, lock_needs_unlocked, lock_blocks_confirmation,
//                   owner_cancels_changes, bounded_threshold, replace, cosign_device_changes,
//                   removal_ends_recovery, removal_blocks_recovery, escape_interval
//   [assets]        withdrawal_delay, clawback, immutable_recovery_path, sweep,
//                   cosign_transfers
//   [registration]  enabled, window, attempts
//
// Notifications have a table of their own because they are not a timelock feature: argent
// and candide notify without any timelock. `boundary` sits in [timelock] but governs every
// deadline of the policy (pending changes and social recoveries alike).
//
// Values: booleans are TOML booleans; counts are non-negative TOML integers; durations are
// strings in the scenario time syntax ("0", "90s", "15m", "2h", "3d", "1w", "1mo" = 30 d,
// "1y" = 365 d, at most 100y; see duration.h); recovery_delay and guardian_change_delay also
// take "removal-delay" (the identity's removal delay, -1 in Policy). Enums: cancel and veto
// "none" | "recovery-device" | "any-device" | "majority"; boundary "inclusive" | "strict";
// quorum "weight" | "half" | "threshold"; delay_from "start" | "quorum"; recovery_lock
// "until-due" | "lock-period"; replace "never" | "more-approvals" | "always"; sweep "none" |
// "recovery-device" | "anyone".
//
// The social and asset switches that follow real systems (policy.h has the rule each one
// turns on):
//   delay_from               "quorum": a recovery's delay starts when its approvals first reach
//                            quorum (Argent, Candide executeRecovery), not at its start (R-SOC-10).
//   recovery_lock            "lock-period": executing a recovery locks the identity for the lock
//                            period until it completes or is vetoed; guardians cannot unlock it
//                            (Argent, R-SOC-11). "until-due": locked from the start until due.
//   lock_needs_unlocked      lock needs an unlocked identity, unlock a locked one (R-SOC-12).
//   lock_blocks_confirmation a due guardian addition is not confirmed while locked and lapses
//                            at its window's end (R-SOC-13).
//   owner_cancels_changes    an owner device cancels pending guardian additions and removals,
//                            without a timelock (R-TL-13).
//   bounded_threshold        1 <= threshold <= guardians through every change (Candide,
//                            R-SOC-14).
//   replace                  "more-approvals": a start signed by strictly more guardians than
//                            approved the running recovery, with quorum, replaces it (Candide,
//                            R-SOC-15); "always": any authorized start replaces it (Argent on
//                            Starknet, trigger_escape_owner).
//   removal_ends_recovery    an owner's guardian removal ends a recovery guardians started
//                            (Argent on Starknet: the owner wins ties, R-SOC-16).
//   removal_blocks_recovery  no recovery starts while a guardian removal is pending and
//                            unexpired (Argent on Starknet: no override by the guardian, R-SOC-17).
//   escape_interval          the least time between two recovery starts, and between two
//                            guardian removals, of one identity (Argent on Starknet: 12 h,
//                            R-SOC-18).
//   cosign_device_changes    adding, removing or replacing a device needs the owner plus
//                            ceil(n/2) of n >= 1 guardians in one request (Argent, R-DEV-12).
//   cosign_transfers         a transfer needs the owner plus ceil(n/2) of n >= 1 guardians
//                            (Argent, R-AST-6).
//   sweep                    "recovery-device" or "anyone": the recovery path sweeps an asset's
//                            whole value, triggered or not (BIP-345 recovery, R-AST-7); who may
//                            sweep (R-AST-8; "anyone" is BIP-345's unauthorized recovery).
//
// Contradictions (rejected, pointing at the key or claim that makes them):
//   - [timelock] enabled with cancel = "none": no device could ever cancel a pending change.
//   - a non-empty delay_menu that does not contain default_delay.
//   - protectable without protection.
//   - all_removals or overrides_protection without timelock enabled; clawback without a
//     withdrawal_delay.
//   - cancel or veto = "majority" without social enabled (the majority counts guardians).
//   - social enabled with quorum "weight" or "threshold" and default_threshold 0;
//     quorum "threshold" with default_threshold above kMaxGuardians (never reachable).
//   - guardian_change_window without a guardian_change_delay (nothing to confirm later).
//   - recovery_lock "lock-period" or lock_needs_unlocked without a lock_period;
//     lock_blocks_confirmation without a lock_period and a guardian_change_delay;
//     owner_cancels_changes without social and a guardian_change_delay; bounded_threshold
//     without social and quorum "threshold"; replace, cosign_device_changes,
//     cosign_transfers, removal_ends_recovery or escape_interval without social;
//     removal_blocks_recovery without social and a guardian_change_delay.
//   - an escape switch (removal_ends_recovery, removal_blocks_recovery, escape_interval) with a
//     fixed recovery_delay or guardian_change_delay below 10 minutes (Argent on Starknet's
//     minimum security period).
//   - a social variant with a lock_period breaking Argent's constructor order: lock_period >=
//     recovery_delay >= guardian_change_delay + guardian_change_window (each part judged where
//     the delays are fixed numbers, not "removal-delay").
//   - registration enabled with attempts 0 or window 0.
//   - max_seed_phrases above max_devices; session default_ttl above max_ttl, app_default_ttl
//     above app_max_ttl.
//   - claims whose checker would be vacuous or unfounded under the policy:
//       PROTECTED needs protection or immutable_recovery_path;
//       DELAY needs timelock and notifications (the pending change must be notified);
//       DELAY-MONO needs timelock; NOTIFY needs notifications;
//       RECLAIM and EVICT need timelock and notifications (the reactive owner acts on them);
//       TWO-FACTOR needs two_factor; ASSET-2FA needs two_factor login and assets;
//       GUARDIAN-MINORITY, SOCIAL-LIVENESS and GUARDIANS-PREVAIL need social; VETO needs
//       social and veto != none;
//       TENTATIVE needs registration.
#ifndef RECLAIM_VARIANTS_VARIANT_H_
#define RECLAIM_VARIANTS_VARIANT_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/policy.h"
#include "model/result.h"

namespace reclaim {

struct Variant {
  std::string name;                 // equals policy.name
  std::string about;                // one line for reports
  std::string as_of;                // the upstream release or date followed ("" if none)
  std::string path;                 // the file it came from (the file_name given to parse_variant)
  Policy policy;                    // policy.crypto is a runtime choice and always kIdeal here
  std::vector<std::string> claims;  // catalogue ids, kept in catalogue order
};

// The invariant catalogue's ids, in catalogue order (docs/invariants.md). properties/
// implements one checker per id, in the same order.
const std::vector<std::string_view>& invariant_ids();

// Parses a variant file's text. `file_name` goes into every Error and into Variant::path.
// Never throws; every failure is an Error with the 1-based line and column it concerns.
Result<Variant> parse_variant(std::string_view text, std::string_view file_name);

// The name a variant file at `path` must declare: its file name without a final ".toml"
// ("dir/mine.toml" -> "mine"). Scenarios' expect[NAME] lines and reports use this name.
std::string variant_name_of_file(std::string_view path);

// Reads and parses one file. A missing, unreadable or oversized (> 1 MiB) file is an Error
// whose `file` is `path`. The `name` the file declares must equal the file's name without
// ".toml" ("dir/mine.toml" must say name = "mine"): scenarios and reports know a variant file
// by that name, so the two may never differ. A mismatch is an Error at the name.
Result<Variant> load_variant_file(const std::string& path);

// The folder of the built-in variant files: $RECLAIM_VARIANTS_DIR if set and non-empty, else
// the source folder this library was compiled from (its absolute path, which the build
// passes in, so any build finds it without configuration wherever the program runs).
std::string variants_dir();

// The built-in variants, in this order: ii-2021 ii-protected timelock timelock-2fa social
// argent candide vault thread-proposal hardware-recovery (docs/variants.md).
std::vector<std::string> builtin_variant_names();

// `name_or_path` is a path if it contains '/' or ends in ".toml"; otherwise it names
// variants_dir()/NAME.toml (a built-in, or a researcher's file dropped into that folder).
// Either way the variant's name equals its file's name (load_variant_file).
Result<Variant> load_variant(const std::string& name_or_path);

// Canonical TOML text: a fixed order of every key, durations in the largest exact unit,
// claims in catalogue order. For every Variant `v` that parse_variant produced,
// parse_variant(print_variant(v), f) succeeds and same_variant() holds with v.
std::string print_variant(const Variant& v);

// Field-by-field equality of everything a variant file can say (all fields but `crypto`).
bool same_policy(const Policy& a, const Policy& b);
// One line "field: A != B" per difference, in schema order; empty when same_policy holds.
// Tests print it so that a failed round trip names the field.
std::vector<std::string> policy_differences(const Policy& a, const Policy& b);
// name, about, claims and same_policy; `path` is where it came from, not what it says.
bool same_variant(const Variant& a, const Variant& b);

}  // namespace reclaim

#endif  // RECLAIM_VARIANTS_VARIANT_H_
