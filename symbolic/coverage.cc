// Which policies the encoding models (see coverage.h).
#include "symbolic/coverage.h"

#include "variants/variant.h"

namespace reclaim::sym {

std::vector<std::string> unencoded_settings(const Policy& policy) {
  const Policy d;
  Policy rest = policy;
  // Every field the encoding reads, with every value it takes (rules/*.cc, step.cc,
  // ghosts.cc): reset to the default, so that only what it does not read is left to differ.
  rest.name = d.name;
  rest.crypto = d.crypto;
  rest.mutant = d.mutant;  // test-only mutants are mirrored by the encoding (mutants_test.cc)
  // devices
  rest.max_devices = d.max_devices;
  rest.max_seed_phrases = d.max_seed_phrases;
  rest.protection = d.protection;
  rest.allow_remove_last_device = d.allow_remove_last_device;
  // sessions
  rest.session_default_ttl = d.session_default_ttl;
  rest.session_max_ttl = d.session_max_ttl;
  rest.session_manages_devices = d.session_manages_devices;
  rest.app_sessions = d.app_sessions;  // app delegations (R-SES-4, R-SES-5)
  rest.app_default_ttl = d.app_default_ttl;
  rest.app_max_ttl = d.app_max_ttl;
  // timelock
  rest.timelock = d.timelock;
  rest.delay_menu = d.delay_menu;
  rest.default_removal_delay = d.default_removal_delay;
  rest.cancel = d.cancel;
  rest.boundary = d.boundary;
  rest.timelock_all_removals = d.timelock_all_removals;
  rest.delay_overrides_protection = d.delay_overrides_protection;
  rest.notifications = d.notifications;
  // two-factor
  rest.two_factor = d.two_factor;
  // social: both recovery clocks (R-SOC-10), both locks (R-SOC-9, R-SOC-11..13), the bounded
  // threshold (R-SOC-14), every replacement rule (R-SOC-15), the owner's cancel of guardian
  // changes (R-TL-13), co-signed device changes (R-DEV-12) and the escape switches
  // (R-SOC-16..18).
  rest.guardians = d.guardians;
  rest.quorum = d.quorum;
  rest.default_guardian_threshold = d.default_guardian_threshold;
  rest.owner_may_start_recovery = d.owner_may_start_recovery;
  rest.recovery_delay = d.recovery_delay;
  rest.veto = d.veto;
  rest.guardian_change_delay = d.guardian_change_delay;
  rest.guardian_change_window = d.guardian_change_window;
  rest.following = d.following;
  rest.lock_period = d.lock_period;
  rest.recovery_clock = d.recovery_clock;
  rest.bounded_threshold = d.bounded_threshold;
  rest.recovery_replace = d.recovery_replace;
  rest.recovery_lock = d.recovery_lock;
  rest.lock_needs_unlocked = d.lock_needs_unlocked;
  rest.lock_blocks_confirmation = d.lock_blocks_confirmation;
  rest.owner_cancels_guardian_changes = d.owner_cancels_guardian_changes;
  rest.cosign_device_changes = d.cosign_device_changes;
  rest.removal_ends_recovery = d.removal_ends_recovery;
  rest.removal_blocks_recovery = d.removal_blocks_recovery;
  rest.escape_interval = d.escape_interval;
  // assets (sweep is R-AST-7, R-AST-8; co-signed transfers R-AST-6; trusted contacts R-AST-10)
  rest.withdrawal_delay = d.withdrawal_delay;
  rest.cosign_transfers = d.cosign_transfers;
  rest.trusted_contacts = d.trusted_contacts;
  rest.contact_delay = d.contact_delay;
  rest.clawback = d.clawback;
  rest.immutable_recovery_path = d.immutable_recovery_path;
  rest.sweep = d.sweep;
  // registration
  rest.registration = d.registration;
  rest.registration_window = d.registration_window;
  rest.registration_attempts = d.registration_attempts;

  std::vector<std::string> out;
  for (const std::string& line : policy_differences(rest, d))
    out.push_back(line.substr(0, line.find(" != ")));
  return out;
}

}  // namespace reclaim::sym
