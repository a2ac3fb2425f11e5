// Variant: one protocol design as data — a Policy plus the invariants the design claims —
// read from a TOML file in variants/ (or a researcher's own file) and written back in a
// canonical form. Every engine asks this library for the variants it checks, so a bad value
// or a claim the policy cannot support is reported once, here, as file:line:col.
//
// File schema (every key optional; an absent key keeps the Policy default, see policy.h):
//
//   name = "timelock"          # required; [a-z0-9-], at most 64 bytes
//   about = "..."              # one line for reports
//   claims = ["AUTH", ...]     # catalogue ids (invariant_ids()), no duplicates
//
//   [devices]       max_devices (1..kMaxDevices), max_seed_phrases (0 = no limit),
//                   protection, allow_remove_last_device
//   [session]       default_ttl, max_ttl, manages_devices
//   [timelock]      enabled, delay_menu (array of durations, at most 8, no duplicates),
//                   default_delay, cancel, boundary, all_removals, overrides_protection
//   [notifications] enabled
//   [two_factor]    enabled
//   [social]        enabled, quorum, default_threshold, owner_may_start, recovery_delay, veto,
//                   guardian_change_delay, guardian_change_window, following, lock_period
//   [assets]        withdrawal_delay, clawback, immutable_recovery_path
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
// quorum "weight" | "half" | "threshold".
//
// Contradictions (rejected, pointing at the key or claim that makes them):
//   - [timelock] enabled with cancel = "none": no device could ever cancel a pending change.
//   - a non-empty delay_menu that does not contain default_delay.
//   - all_removals or overrides_protection without timelock enabled; clawback without a
//     withdrawal_delay.
//   - cancel or veto = "majority" without social enabled (the majority counts guardians).
//   - social enabled with quorum "weight" or "threshold" and default_threshold 0;
//     quorum "threshold" with default_threshold above kMaxGuardians (never reachable).
//   - guardian_change_window without a guardian_change_delay (nothing to confirm later).
//   - registration enabled with attempts 0 or window 0.
//   - max_seed_phrases above max_devices; session default_ttl above max_ttl.
//   - claims whose checker would be vacuous or unfounded under the policy:
//       PROTECTED needs protection or immutable_recovery_path;
//       DELAY needs timelock and notifications (the pending change must be notified);
//       DELAY-MONO needs timelock; NOTIFY needs notifications;
//       RECLAIM needs timelock and notifications (the reactive owner acts on them);
//       TWO-FACTOR needs two_factor; EVICT needs timelock and notifications;
//       GUARDIAN-MINORITY and SOCIAL-LIVENESS need social; VETO needs social and veto != none;
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

// Reads and parses one file. A missing, unreadable or oversized (> 1 MiB) file is an Error
// whose `file` is `path`.
Result<Variant> load_variant_file(const std::string& path);

// The folder of the built-in variant files: $RECLAIM_VARIANTS_DIR if set and non-empty, else
// the source folder this library was compiled from (taken from __FILE__, so a build run from
// the source tree or with absolute paths — as CMake does — finds it without configuration).
std::string variants_dir();

// The built-in variants, in this order: ii-2021 ii-protected timelock timelock-2fa social
// argent candide vault (docs/variants.md).
std::vector<std::string> builtin_variant_names();

// `name_or_path` is a path if it contains '/' or ends in ".toml"; otherwise it names
// variants_dir()/NAME.toml (a built-in, or a researcher's file dropped into that folder),
// whose `name` must then equal NAME.
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
