#include "variants/variant.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <utility>
#include <variant>

#include "model/state.h"
#include "variants/duration.h"

namespace reclaim {
namespace {

// ---------------------------------------------------------------------------------------
// The schema: one row per Policy field a file may set. Parsing, printing and comparison all
// walk this one table, so a field cannot be readable but silently dropped by print_variant
// or ignored by same_policy.

using DelayMenu = decltype(Policy::delay_menu);
using Member =
    std::variant<bool Policy::*, uint32_t Policy::*, Duration Policy::*, CancelRight Policy::*,
                 Boundary Policy::*, RecoveryQuorum Policy::*, RecoveryClock Policy::*,
                 RecoveryLock Policy::*, RecoveryReplace Policy::*, SweepRight Policy::*,
                 DelayMenu Policy::*>;

struct FieldSpec {
  std::string_view table;
  std::string_view key;
  Member member;
  uint32_t min = 0;            // counts only
  uint32_t max = UINT32_MAX;   // counts only
  bool removal_delay = false;  // durations only: "removal-delay" (-1 in Policy) is allowed
};

// Weights and attempt counts are small integers in every system we mirror; the bounds keep
// the model's sums and loops far from overflow.
constexpr uint32_t kMaxThreshold = 1'000'000;
constexpr uint32_t kMaxAttempts = 1'000;
constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxAboutBytes = 4096;
constexpr std::size_t kMaxAsOfBytes = 64;
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

constexpr std::array<std::string_view, 8> kTables = {"devices",       "session",     "timelock",
                                                     "notifications", "two_factor",  "social",
                                                     "assets",        "registration"};

const std::vector<FieldSpec>& schema() {
  static const std::vector<FieldSpec> fields = {
      {"devices", "max_devices", &Policy::max_devices, 1, static_cast<uint32_t>(kMaxDevices)},
      {"devices", "max_seed_phrases", &Policy::max_seed_phrases, 0,
       static_cast<uint32_t>(kMaxDevices)},
      {"devices", "protection", &Policy::protection},
      {"devices", "protectable", &Policy::protectable},
      {"devices", "allow_remove_last_device", &Policy::allow_remove_last_device},
      {"session", "default_ttl", &Policy::session_default_ttl},
      {"session", "max_ttl", &Policy::session_max_ttl},
      {"session", "manages_devices", &Policy::session_manages_devices},
      {"session", "app_delegations", &Policy::app_sessions},
      {"session", "app_default_ttl", &Policy::app_default_ttl},
      {"session", "app_max_ttl", &Policy::app_max_ttl},
      {"timelock", "enabled", &Policy::timelock},
      {"timelock", "delay_menu", &Policy::delay_menu},
      {"timelock", "default_delay", &Policy::default_removal_delay},
      {"timelock", "cancel", &Policy::cancel},
      {"timelock", "boundary", &Policy::boundary},
      {"timelock", "all_removals", &Policy::timelock_all_removals},
      {"timelock", "overrides_protection", &Policy::delay_overrides_protection},
      {"notifications", "enabled", &Policy::notifications},
      {"two_factor", "enabled", &Policy::two_factor},
      {"two_factor", "login", &Policy::two_factor_login},
      {"two_factor", "assets", &Policy::two_factor_assets},
      {"two_factor", "totp", &Policy::totp},
      {"social", "enabled", &Policy::guardians},
      {"social", "quorum", &Policy::quorum},
      {"social", "default_threshold", &Policy::default_guardian_threshold, 0, kMaxThreshold},
      {"social", "owner_may_start", &Policy::owner_may_start_recovery},
      {"social", "recovery_delay", &Policy::recovery_delay, 0, 0, true},
      {"social", "veto", &Policy::veto},
      {"social", "guardian_change_delay", &Policy::guardian_change_delay, 0, 0, true},
      {"social", "guardian_change_window", &Policy::guardian_change_window},
      {"social", "following", &Policy::following},
      {"social", "lock_period", &Policy::lock_period},
      {"social", "delay_from", &Policy::recovery_clock},
      {"social", "recovery_lock", &Policy::recovery_lock},
      {"social", "lock_needs_unlocked", &Policy::lock_needs_unlocked},
      {"social", "lock_blocks_confirmation", &Policy::lock_blocks_confirmation},
      {"social", "owner_cancels_changes", &Policy::owner_cancels_guardian_changes},
      {"social", "bounded_threshold", &Policy::bounded_threshold},
      {"social", "replace", &Policy::recovery_replace},
      {"social", "cosign_device_changes", &Policy::cosign_device_changes},
      {"social", "removal_ends_recovery", &Policy::removal_ends_recovery},
      {"social", "removal_blocks_recovery", &Policy::removal_blocks_recovery},
      {"social", "escape_interval", &Policy::escape_interval},
      {"assets", "withdrawal_delay", &Policy::withdrawal_delay},
      {"assets", "clawback", &Policy::clawback},
      {"assets", "immutable_recovery_path", &Policy::immutable_recovery_path},
      {"assets", "sweep", &Policy::sweep},
      {"assets", "cosign_transfers", &Policy::cosign_transfers},
      {"assets", "trusted_contacts", &Policy::trusted_contacts},
      {"assets", "contact_delay", &Policy::contact_delay},
      {"registration", "enabled", &Policy::registration},
      {"registration", "window", &Policy::registration_window},
      {"registration", "attempts", &Policy::registration_attempts, 0, kMaxAttempts},
  };
  return fields;
}

template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};
constexpr std::array<EnumName<CancelRight>, 4> kCancelNames = {{
    {"none", CancelRight::kNone},
    {"recovery-device", CancelRight::kRecoveryDevice},
    {"any-device", CancelRight::kAnyDevice},
    {"majority", CancelRight::kMajority},
}};
constexpr std::array<EnumName<Boundary>, 2> kBoundaryNames = {{
    {"inclusive", Boundary::kInclusive},
    {"strict", Boundary::kStrict},
}};
constexpr std::array<EnumName<RecoveryQuorum>, 3> kQuorumNames = {{
    {"weight", RecoveryQuorum::kWeight},
    {"half", RecoveryQuorum::kHalf},
    {"threshold", RecoveryQuorum::kThreshold},
}};
constexpr std::array<EnumName<RecoveryClock>, 2> kClockNames = {{
    {"start", RecoveryClock::kStart},
    {"quorum", RecoveryClock::kQuorum},
}};
constexpr std::array<EnumName<RecoveryLock>, 2> kRecoveryLockNames = {{
    {"until-due", RecoveryLock::kUntilDue},
    {"lock-period", RecoveryLock::kLockPeriod},
}};
constexpr std::array<EnumName<RecoveryReplace>, 3> kReplaceNames = {{
    {"never", RecoveryReplace::kNever},
    {"more-approvals", RecoveryReplace::kMoreApprovals},
    {"always", RecoveryReplace::kAlways},
}};
constexpr std::array<EnumName<SweepRight>, 3> kSweepNames = {{
    {"none", SweepRight::kNone},
    {"recovery-device", SweepRight::kRecoveryDevice},
    {"anyone", SweepRight::kAnyone},
}};
std::span<const EnumName<CancelRight>> names_of(CancelRight) { return kCancelNames; }
std::span<const EnumName<Boundary>> names_of(Boundary) { return kBoundaryNames; }
std::span<const EnumName<RecoveryQuorum>> names_of(RecoveryQuorum) { return kQuorumNames; }
std::span<const EnumName<RecoveryClock>> names_of(RecoveryClock) { return kClockNames; }
std::span<const EnumName<RecoveryLock>> names_of(RecoveryLock) { return kRecoveryLockNames; }
std::span<const EnumName<RecoveryReplace>> names_of(RecoveryReplace) { return kReplaceNames; }
std::span<const EnumName<SweepRight>> names_of(SweepRight) { return kSweepNames; }

template <typename E>
std::string_view enum_name(E value) {
  for (const auto& n : names_of(value))
    if (n.value == value) return n.name;
  return "?";  // only a Policy built in code with an out-of-range value gets here
}

template <typename E>
std::optional<E> enum_from(std::string_view text) {
  for (const auto& n : names_of(E{}))
    if (n.name == text) return n.value;
  return std::nullopt;
}

template <typename E>
std::string enum_choices() {
  std::string out;
  for (const auto& n : names_of(E{}))
    out += (out.empty() ? "\"" : ", \"") + std::string(n.name) + "\"";
  return out;
}

template <typename... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

// TOML basic string: quotes, backslashes and control characters escaped; other UTF-8 kept.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string duration_text(const FieldSpec& f, Duration d) {
  return f.removal_delay && d == -1 ? "removal-delay" : format_duration(d);
}

// The TOML spelling of one field's value in `p` (also used in difference reports).
std::string value_text(const FieldSpec& f, const Policy& p) {
  return std::visit(Overloaded{
                        [&](bool Policy::*m) { return std::string(p.*m ? "true" : "false"); },
                        [&](uint32_t Policy::*m) { return std::to_string(p.*m); },
                        [&](Duration Policy::*m) { return quote(duration_text(f, p.*m)); },
                        [&](CancelRight Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](Boundary Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](RecoveryQuorum Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](RecoveryClock Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](RecoveryLock Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](RecoveryReplace Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](SweepRight Policy::*m) { return quote(enum_name(p.*m)); },
                        [&](DelayMenu Policy::*m) {
                          std::string out = "[";
                          for (Duration d : p.*m)
                            out += (out.size() > 1 ? ", " : "") + quote(format_duration(d));
                          return out + "]";
                        },
                    },
                    f.member);
}

bool same_value(const FieldSpec& f, const Policy& a, const Policy& b) {
  return std::visit([&](auto m) { return a.*m == b.*m; }, f.member);
}

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

struct Pos {
  int line = 0;
  int col = 0;
};
Pos pos_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A table's entries in file order, so that the first error reported is the first in the file
// (toml::table itself is ordered by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [k, v] : t) out.emplace_back(&k, &v);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
  });
  return out;
}

// ---------------------------------------------------------------------------------------

class VariantParser {
 public:
  // `expected_name`, when given, is the name the file's own name demands (load_variant_file).
  VariantParser(std::string_view file, std::optional<std::string> expected_name)
      : file_(file), expected_name_(std::move(expected_name)) {}

  Result<Variant> parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      return fail(pos_of(e.source()), "TOML syntax error: " + std::string(e.description()));
    }
    Variant v;
    v.path = file_;
    if (auto e = read_root(root, v)) return *e;
    if (v.name.empty()) return fail({1, 1}, "missing required key 'name'");
    v.policy.name = v.name;
    if (auto e = check_contradictions(v)) return *e;
    return v;
  }

 private:
  using MaybeError = std::optional<Error>;

  Error fail(Pos p, std::string message) const {
    return Error{file_, p.line, p.col, std::move(message)};
  }

  Error type_error(std::string_view what, const toml::node& n, std::string_view expected) const {
    return fail(pos_of(n.source()), std::string(what) + " must be " + std::string(expected) +
                                        ", not " + std::string(type_name(n)));
  }

  // A top-level free-text key (about, as_of): a string of at most `max_bytes` bytes.
  MaybeError read_text(std::string_view key, const toml::node& n, std::size_t max_bytes,
                       std::string& out) const {
    const std::string what = "'" + std::string(key) + "'";
    const auto* s = n.as_string();
    if (!s) return type_error(what, n, "a string");
    if (s->get().size() > max_bytes)
      return fail(pos_of(n.source()),
                  what + " is longer than " + std::to_string(max_bytes) + " bytes");
    out = s->get();
    return std::nullopt;
  }

  MaybeError read_root(const toml::table& root, Variant& v) {
    for (auto [key, node] : in_file_order(root)) {
      std::string_view k = key->str();
      if (k == "name") {
        const auto* s = node->as_string();
        if (!s) return type_error("'name'", *node, "a string");
        if (!valid_name(s->get()))
          return fail(
              pos_of(node->source()),
              "'name' must be 1 to 64 characters of a-z, 0-9 and '-', not " + quote(s->get()));
        if (expected_name_ && s->get() != *expected_name_)
          return fail(pos_of(node->source()),
                      "'name' is " + quote(s->get()) + " but the file is named " +
                          quote(*expected_name_ + ".toml") +
                          ": a variant's name must equal its file name without .toml");
        v.name = s->get();
      } else if (k == "about") {
        if (auto e = read_text(k, *node, kMaxAboutBytes, v.about)) return e;
      } else if (k == "as_of") {
        if (auto e = read_text(k, *node, kMaxAsOfBytes, v.as_of)) return e;
      } else if (k == "claims") {
        if (auto e = read_claims(*node, v)) return e;
      } else if (std::find(kTables.begin(), kTables.end(), k) != kTables.end()) {
        const auto* t = node->as_table();
        if (!t) return type_error("'" + std::string(k) + "'", *node, "a table");
        where_[std::string(k)] = pos_of(key->source());
        if (auto e = read_table(k, *t, v.policy)) return e;
      } else if (node->is_table()) {
        return fail(pos_of(key->source()),
                    "unknown table [" + std::string(k) + "]; allowed tables: " + join(kTables));
      } else {
        return fail(pos_of(key->source()),
                    "unknown key '" + std::string(k) +
                        "'; allowed at top level: name, about, as_of, claims, and the tables " +
                        join(kTables));
      }
    }
    return std::nullopt;
  }

  MaybeError read_table(std::string_view table, const toml::table& t, Policy& p) {
    std::vector<std::string_view> allowed;
    for (const auto& f : schema())
      if (f.table == table) allowed.push_back(f.key);
    for (auto [key, node] : in_file_order(t)) {
      const FieldSpec* spec = nullptr;
      for (const auto& f : schema())
        if (f.table == table && f.key == key->str()) spec = &f;
      if (!spec)
        return fail(pos_of(key->source()), "unknown key '" + std::string(key->str()) + "' in [" +
                                               std::string(table) + "]; allowed: " + join(allowed));
      where_[std::string(table) + "." + std::string(spec->key)] = pos_of(node->source());
      if (auto e = read_field(*spec, *node, p)) return e;
    }
    return std::nullopt;
  }

  MaybeError read_duration(const FieldSpec& f, const toml::node& n, bool allow_removal_delay,
                           Duration& out) const {
    std::string what = "'" + std::string(f.key) + "' in [" + std::string(f.table) + "]";
    const auto* s = n.as_string();
    if (!s) return type_error(what, n, "a duration string such as \"1w\"");
    if (allow_removal_delay && s->get() == "removal-delay") {
      out = -1;
      return std::nullopt;
    }
    auto d = parse_duration(s->get());
    if (!d)
      return fail(pos_of(n.source()),
                  "bad duration " + quote(s->get()) + " for " + what +
                      ": expected \"0\" or a number with a unit s, m, h, d, w, mo, y"
                      " (at most 100y)" +
                      (allow_removal_delay ? ", or \"removal-delay\"" : ""));
    out = *d;
    return std::nullopt;
  }

  template <typename E>
  MaybeError read_enum(const std::string& what, const toml::node& n, E& out) const {
    const auto* s = n.as_string();
    if (!s) return type_error(what, n, "a string");
    auto e = enum_from<E>(s->get());
    if (!e)
      return fail(pos_of(n.source()), "bad value " + quote(s->get()) + " for " + what +
                                          "; allowed: " + enum_choices<E>());
    out = *e;
    return std::nullopt;
  }

  MaybeError read_field(const FieldSpec& f, const toml::node& n, Policy& p) {
    std::string what = "'" + std::string(f.key) + "' in [" + std::string(f.table) + "]";
    return std::visit(
        Overloaded{
            [&](bool Policy::*m) -> MaybeError {
              const auto* b = n.as_boolean();
              if (!b) return type_error(what, n, "a boolean");
              p.*m = b->get();
              return std::nullopt;
            },
            [&](uint32_t Policy::*m) -> MaybeError {
              const auto* i = n.as_integer();
              if (!i) return type_error(what, n, "an integer");
              int64_t value = i->get();
              if (value < f.min || value > f.max) {
                std::string msg = what + " must be between " + std::to_string(f.min) + " and " +
                                  std::to_string(f.max) + ", not " + std::to_string(value);
                if (m == &Policy::max_devices)
                  msg += " (the model holds at most kMaxDevices = " + std::to_string(kMaxDevices) +
                         " devices per identity)";
                return fail(pos_of(n.source()), msg);
              }
              p.*m = static_cast<uint32_t>(value);
              return std::nullopt;
            },
            [&](Duration Policy::*m) -> MaybeError {
              return read_duration(f, n, f.removal_delay, p.*m);
            },
            [&](CancelRight Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](Boundary Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](RecoveryQuorum Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](RecoveryClock Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](RecoveryLock Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](RecoveryReplace Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](SweepRight Policy::*m) -> MaybeError { return read_enum(what, n, p.*m); },
            [&](DelayMenu Policy::*m) -> MaybeError {
              const auto* a = n.as_array();
              if (!a) return type_error(what, n, "an array of durations");
              DelayMenu menu;
              for (const toml::node& item : *a) {
                if (menu.full())
                  return fail(
                      pos_of(item.source()),
                      what + " holds at most " + std::to_string(DelayMenu::capacity()) + " delays");
                Duration d = 0;
                if (auto e = read_duration(f, item, false, d)) return e;
                if (std::find(menu.begin(), menu.end(), d) != menu.end())
                  return fail(pos_of(item.source()),
                              "duplicate delay " + quote(format_duration(d)) + " in " + what);
                menu.push_back(d);
              }
              p.*m = menu;
              return std::nullopt;
            },
        },
        f.member);
  }

  MaybeError read_claims(const toml::node& n, Variant& v) {
    const auto* a = n.as_array();
    if (!a) return type_error("'claims'", n, "an array of invariant ids");
    const auto& ids = invariant_ids();
    for (const toml::node& item : *a) {
      const auto* s = item.as_string();
      if (!s) return type_error("a claim", item, "a string");
      const std::string& id = s->get();
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        return fail(pos_of(item.source()),
                    "unknown claim " + quote(id) + "; the invariant catalogue has: " + join(ids));
      if (claim_pos_.count(id)) return fail(pos_of(item.source()), "duplicate claim " + quote(id));
      claim_pos_[id] = pos_of(item.source());
    }
    // Catalogue order makes the claims a canonical set: two files that claim the same
    // invariants in a different order describe the same variant.
    for (auto id : ids)
      if (claim_pos_.count(std::string(id))) v.claims.emplace_back(id);
    return std::nullopt;
  }

  // Position of the first of `keys` ("table.key" or "table") that the file wrote.
  Pos where(std::initializer_list<std::string_view> keys) const {
    for (auto k : keys) {
      auto it = where_.find(std::string(k));
      if (it != where_.end()) return it->second;
    }
    return {};
  }

  MaybeError check_contradictions(const Variant& v) const {
    const Policy& p = v.policy;
    if (p.timelock && p.cancel == CancelRight::kNone)
      return fail(where({"timelock.cancel", "timelock.enabled"}),
                  "[timelock] enabled = true with cancel = \"none\": no device could ever "
                  "cancel a pending change; set cancel to \"recovery-device\", \"any-device\" "
                  "or \"majority\"");
    if (!p.delay_menu.empty() && std::find(p.delay_menu.begin(), p.delay_menu.end(),
                                           p.default_removal_delay) == p.delay_menu.end())
      return fail(where({"timelock.default_delay", "timelock.delay_menu"}),
                  "[timelock] default_delay " + quote(format_duration(p.default_removal_delay)) +
                      " is not in delay_menu: a new identity would start with a delay the "
                      "owner could never choose again");
    if (p.protectable && !p.protection)
      return fail(where({"devices.protectable"}),
                  "[devices] protectable = true needs [devices] protection = true");
    if (p.delay_overrides_protection && !p.timelock)
      return fail(where({"timelock.overrides_protection"}),
                  "[timelock] overrides_protection = true needs [timelock] enabled = true");
    if (p.timelock_all_removals && !p.timelock)
      return fail(where({"timelock.all_removals"}),
                  "[timelock] all_removals = true needs [timelock] enabled = true");
    if (p.clawback && p.withdrawal_delay == 0)
      return fail(where({"assets.clawback"}),
                  "[assets] clawback = true needs a withdrawal_delay: with immediate transfers "
                  "there is no triggered withdrawal to claw back");
    if (!p.guardians && p.cancel == CancelRight::kMajority)
      return fail(where({"timelock.cancel"}),
                  "cancel = \"majority\" counts guardians and needs [social] enabled = true");
    if (!p.guardians && p.veto == CancelRight::kMajority)
      return fail(where({"social.veto"}),
                  "veto = \"majority\" counts guardians and needs [social] enabled = true");
    if (p.guardians && p.quorum != RecoveryQuorum::kHalf && p.default_guardian_threshold == 0)
      return fail(where({"social.default_threshold", "social.quorum", "social.enabled"}),
                  "[social] quorum \"" + std::string(enum_name(p.quorum)) +
                      "\" with default_threshold 0: a recovery would need no approval at all");
    if (p.guardians && p.quorum == RecoveryQuorum::kThreshold &&
        p.default_guardian_threshold > kMaxGuardians)
      return fail(where({"social.default_threshold"}),
                  "[social] default_threshold " + std::to_string(p.default_guardian_threshold) +
                      " counts guardians but an identity holds at most kMaxGuardians = " +
                      std::to_string(kMaxGuardians));
    if (p.guardian_change_window > 0 && p.guardian_change_delay == 0)
      return fail(where({"social.guardian_change_window"}),
                  "[social] guardian_change_window needs a guardian_change_delay: immediate "
                  "guardian changes have nothing to confirm later");
    if (auto e = check_social_features(p)) return e;
    if (p.registration && p.registration_attempts == 0)
      return fail(where({"registration.attempts", "registration.enabled"}),
                  "[registration] enabled with attempts = 0: no code could ever be verified");
    if (p.registration && p.registration_window == 0)
      return fail(where({"registration.window", "registration.enabled"}),
                  "[registration] enabled with window = \"0\": the window closes as it opens");
    if (p.max_seed_phrases > p.max_devices)
      return fail(where({"devices.max_seed_phrases"}),
                  "[devices] max_seed_phrases " + std::to_string(p.max_seed_phrases) +
                      " exceeds max_devices " + std::to_string(p.max_devices));
    if (p.session_default_ttl > p.session_max_ttl)
      return fail(where({"session.default_ttl", "session.max_ttl"}),
                  "[session] default_ttl " + quote(format_duration(p.session_default_ttl)) +
                      " exceeds max_ttl " + quote(format_duration(p.session_max_ttl)));
    if (p.app_default_ttl > p.app_max_ttl)
      return fail(where({"session.app_default_ttl", "session.app_max_ttl"}),
                  "[session] app_default_ttl " + quote(format_duration(p.app_default_ttl)) +
                      " exceeds app_max_ttl " + quote(format_duration(p.app_max_ttl)));
    return check_claims(v);
  }

  // The social switches that only mean something with another feature, and Argent's
  // constructor ordering of its periods.
  MaybeError check_social_features(const Policy& p) const {
    struct Needs {
      bool used;
      std::string_view key;
      bool holds;
      std::string_view what;
    };
    const Needs needs[] = {
        {p.recovery_lock != RecoveryLock::kUntilDue, "social.recovery_lock", p.lock_period > 0,
         "[social] recovery_lock = \"lock-period\" needs a lock_period"},
        {p.lock_needs_unlocked, "social.lock_needs_unlocked", p.lock_period > 0,
         "[social] lock_needs_unlocked = true needs a lock_period"},
        {p.lock_blocks_confirmation, "social.lock_blocks_confirmation",
         p.lock_period > 0 && p.guardian_change_delay != 0,
         "[social] lock_blocks_confirmation = true needs a lock_period and a "
         "guardian_change_delay (an immediate addition has nothing to confirm)"},
        {p.owner_cancels_guardian_changes, "social.owner_cancels_changes",
         p.guardians && p.guardian_change_delay != 0,
         "[social] owner_cancels_changes = true needs [social] enabled = true and a "
         "guardian_change_delay (immediate guardian changes leave nothing to cancel)"},
        {p.bounded_threshold, "social.bounded_threshold",
         p.guardians && p.quorum == RecoveryQuorum::kThreshold,
         "[social] bounded_threshold = true bounds a count of guardians and needs quorum = "
         "\"threshold\""},
        {p.recovery_replace != RecoveryReplace::kNever, "social.replace", p.guardians,
         "[social] replace needs [social] enabled = true"},
        {p.cosign_device_changes, "social.cosign_device_changes", p.guardians,
         "[social] cosign_device_changes = true needs [social] enabled = true (guardians co-sign)"},
        {p.cosign_transfers, "assets.cosign_transfers", p.guardians,
         "[assets] cosign_transfers = true needs [social] enabled = true (guardians co-sign)"},
        {p.removal_ends_recovery, "social.removal_ends_recovery", p.guardians,
         "[social] removal_ends_recovery = true needs [social] enabled = true"},
        {p.removal_blocks_recovery, "social.removal_blocks_recovery",
         p.guardians && p.guardian_change_delay != 0,
         "[social] removal_blocks_recovery = true needs [social] enabled = true and a "
         "guardian_change_delay (an immediate removal is never pending)"},
        {p.escape_interval > 0, "social.escape_interval", p.guardians,
         "[social] escape_interval needs [social] enabled = true"},
        {p.trusted_contacts, "assets.trusted_contacts", p.cosign_transfers,
         "[assets] trusted_contacts = true needs cosign_transfers = true (a trusted contact is "
         "a recipient the guardians need not co-sign for)"},
        {p.contact_delay != 0, "assets.contact_delay", p.trusted_contacts,
         "[assets] contact_delay needs trusted_contacts = true"},
    };
    for (const Needs& n : needs)
      if (n.used && !n.holds) return fail(where({n.key}), std::string(n.what));
    // Argent on Starknet's escapes need a security period of at least 10 minutes
    // (argent_account.cairo, set_escape_security_period): with any escape switch on, the
    // recovery delay and the guardian change delay, where fixed, are at least that.
    if (p.removal_ends_recovery || p.removal_blocks_recovery || p.escape_interval > 0) {
      constexpr Duration kMinSecurityPeriod = 10 * kMinute;
      const struct {
        Duration value;
        std::string_view key;
      } periods[] = {{p.recovery_delay, "recovery_delay"},
                     {p.guardian_change_delay, "guardian_change_delay"}};
      for (const auto& period : periods)
        if (period.value >= 0 && period.value < kMinSecurityPeriod)
          return fail(where({"social." + std::string(period.key), "social.removal_ends_recovery",
                             "social.removal_blocks_recovery", "social.escape_interval"}),
                      "[social] " + std::string(period.key) + " " +
                          quote(format_duration(period.value)) +
                          " is below the 10-minute minimum security period that the escape "
                          "switches (removal_ends_recovery, removal_blocks_recovery, "
                          "escape_interval) need (Argent on Starknet)");
    }
    // Argent checks lock period >= recovery period >= security period + security window when
    // it is constructed; a variant with a guardian lock keeps the same order (where the
    // periods are fixed numbers rather than the identity's removal delay).
    if (p.guardians && p.lock_period > 0 && p.recovery_delay >= 0) {
      if (p.lock_period < p.recovery_delay)
        return fail(where({"social.lock_period", "social.recovery_delay"}),
                    "[social] lock_period " + quote(format_duration(p.lock_period)) +
                        " is shorter than recovery_delay " +
                        quote(format_duration(p.recovery_delay)) +
                        ": a variant with a lock keeps lock >= recovery >= guardian change delay "
                        "+ window (Argent's constructor)");
      if (p.guardian_change_delay > 0 &&
          p.recovery_delay < p.guardian_change_delay + p.guardian_change_window)
        return fail(where({"social.recovery_delay", "social.guardian_change_delay"}),
                    "[social] recovery_delay " + quote(format_duration(p.recovery_delay)) +
                        " is shorter than guardian_change_delay + guardian_change_window " +
                        quote(format_duration(p.guardian_change_delay + p.guardian_change_window)) +
                        ": a variant with a lock keeps lock >= recovery >= guardian change delay "
                        "+ window (Argent's constructor)");
    }
    return std::nullopt;
  }

  MaybeError check_claims(const Variant& v) const {
    struct Need {
      std::string_view claim;
      bool (*holds)(const Policy&);
      std::string_view what;
    };
    static constexpr Need kNeeds[] = {
        {"PROTECTED", [](const Policy& p) { return p.protection || p.immutable_recovery_path; },
         "[devices] protection = true or [assets] immutable_recovery_path = true"},
        {"DELAY", [](const Policy& p) { return p.timelock; }, "[timelock] enabled = true"},
        {"DELAY", [](const Policy& p) { return p.notifications; },
         "[notifications] enabled = true (the pending change must be notified)"},
        {"DELAY-MONO", [](const Policy& p) { return p.timelock; }, "[timelock] enabled = true"},
        {"NOTIFY", [](const Policy& p) { return p.notifications; },
         "[notifications] enabled = true"},
        {"TWO-FACTOR", [](const Policy& p) { return p.two_factor; }, "[two_factor] enabled = true"},
        {"ASSET-2FA", [](const Policy& p) { return p.two_factor_assets; },
         "[two_factor] assets = true"},
        {"ASSET-2FA", [](const Policy& p) { return p.two_factor_login; },
         "[two_factor] login = true (a session that moves assets is created with two factors)"},
        {"RECLAIM", [](const Policy& p) { return p.timelock; }, "[timelock] enabled = true"},
        {"RECLAIM", [](const Policy& p) { return p.notifications; },
         "[notifications] enabled = true (the reactive owner acts on them)"},
        {"EVICT", [](const Policy& p) { return p.timelock; }, "[timelock] enabled = true"},
        {"EVICT", [](const Policy& p) { return p.notifications; },
         "[notifications] enabled = true (the reactive owner acts on them)"},
        {"GUARDIAN-MINORITY", [](const Policy& p) { return p.guardians; },
         "[social] enabled = true"},
        {"SOCIAL-LIVENESS", [](const Policy& p) { return p.guardians; }, "[social] enabled = true"},
        {"GUARDIANS-PREVAIL", [](const Policy& p) { return p.guardians; },
         "[social] enabled = true"},
        {"VETO", [](const Policy& p) { return p.guardians; }, "[social] enabled = true"},
        {"VETO", [](const Policy& p) { return p.veto != CancelRight::kNone; },
         "[social] veto other than \"none\""},
        {"TENTATIVE", [](const Policy& p) { return p.registration; },
         "[registration] enabled = true"},
    };
    // Report the offending claim that comes first in the file.
    const Need* worst = nullptr;
    Pos worst_pos;
    for (const Need& need : kNeeds) {
      auto it = claim_pos_.find(std::string(need.claim));
      if (it == claim_pos_.end() || need.holds(v.policy)) continue;
      Pos p = it->second;
      if (!worst || std::pair(p.line, p.col) < std::pair(worst_pos.line, worst_pos.col)) {
        worst = &need;
        worst_pos = p;
      }
    }
    if (worst)
      return fail(worst_pos,
                  "claim " + std::string(worst->claim) + " needs " + std::string(worst->what));
    return std::nullopt;
  }

  std::string file_;
  std::optional<std::string> expected_name_;
  std::map<std::string, Pos> where_;      // "table" or "table.key" -> where the file wrote it
  std::map<std::string, Pos> claim_pos_;  // claim id -> its element in `claims`
};

}  // namespace

const std::vector<std::string_view>& invariant_ids() {
  // Grouped by family (authority; timelock and 2FA; social; bounds): clearer than the one id
  // per line clang-format would make of it.
  // clang-format off
  static const std::vector<std::string_view> ids = {
      "AUTH", "REPLAY", "PROTECTED",
      "DELAY", "DELAY-MONO", "NOTIFY", "TWO-FACTOR", "RECLAIM", "EVICT",
      "GUARDIAN-MINORITY", "SOCIAL-LIVENESS", "GUARDIANS-PREVAIL", "VETO",
      "ASSET", "ASSET-2FA", "BOUNDS", "TENTATIVE", "TIMELY"};
  // clang-format on
  return ids;
}

namespace {

Result<Variant> parse_text(std::string_view text, std::string_view file_name,
                           std::optional<std::string> expected_name) {
  // toml++ reports syntax errors by exception and may throw std::bad_alloc; neither may leave
  // this library, whose callers (CLI, fuzz targets) expect a Result.
  try {
    return VariantParser(file_name, std::move(expected_name)).parse(text);
  } catch (const std::exception& e) {
    return Error{std::string(file_name), 0, 0, std::string("cannot parse: ") + e.what()};
  }
}

}  // namespace

Result<Variant> parse_variant(std::string_view text, std::string_view file_name) {
  return parse_text(text, file_name, std::nullopt);
}

std::string variant_name_of_file(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (path.ends_with(".toml")) path.remove_suffix(5);
  return std::string(path);
}

Result<Variant> load_variant_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    return Error{path, 0, 0,
                 "cannot read variant file: " + (ec ? ec.message() : std::string("no such file"))};
  if (!fs::is_regular_file(status))
    return Error{path, 0, 0, "cannot read variant file: not a regular file"};
  auto size = fs::file_size(path, ec);
  if (ec) return Error{path, 0, 0, "cannot read variant file: " + ec.message()};
  if (size > kMaxFileBytes) return Error{path, 0, 0, "variant file is larger than 1 MiB"};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || in.bad()) return Error{path, 0, 0, "cannot read variant file"};
  // The name a scenario's expect[NAME] lines and every report use is the file's name, so the
  // name the file declares must be that one: otherwise expectations written for the file
  // would silently never apply.
  return parse_text(text.str(), path, variant_name_of_file(path));
}

std::string variants_dir() {
  const char* env = std::getenv("RECLAIM_VARIANTS_DIR");
  if (env && *env) return env;
#ifdef RECLAIM_VARIANTS_SOURCE_DIR
  return RECLAIM_VARIANTS_SOURCE_DIR;  // the build's absolute path to this folder
#else
  std::string dir = std::filesystem::path(__FILE__).parent_path().string();
  return dir.empty() ? "." : dir;
#endif
}

std::vector<std::string> builtin_variant_names() {
  return {"ii-2021", "ii-protected", "timelock",        "timelock-2fa",      "social",
          "argent",  "candide",      "vault",           "thread-proposal",   "hardware-recovery",
          "argent-starknet"};
}

Result<Variant> load_variant(const std::string& name_or_path) {
  bool is_path =
      name_or_path.find('/') != std::string::npos ||
      (name_or_path.size() >= 5 && name_or_path.compare(name_or_path.size() - 5, 5, ".toml") == 0);
  if (is_path) return load_variant_file(name_or_path);
  std::string builtins;
  for (const auto& n : builtin_variant_names()) builtins += (builtins.empty() ? "" : ", ") + n;
  std::string dir = variants_dir();
  std::string path = dir + "/" + name_or_path + ".toml";
  std::error_code ec;
  if (!valid_name(name_or_path) || !std::filesystem::exists(path, ec))
    return Error{"", 0, 0,
                 "unknown variant " + quote(name_or_path) + ": not a built-in (" + builtins +
                     "), no such file in " + dir + ", and not a path to a .toml file"};
  return load_variant_file(path);  // which checks that the file's name is its variant's
}

std::string print_variant(const Variant& v) {
  std::string out = "# Canonical form written by print_variant(); see variants/variant.h.\n";
  out += "name = " + quote(v.name) + "\n";
  out += "about = " + quote(v.about) + "\n";
  out += "as_of = " + quote(v.as_of) + "\n";
  out += "claims = [";
  // Catalogue order, as parse_variant keeps them; unknown ids are printed too, so that
  // parsing the text reports them instead of this function hiding them.
  std::vector<std::string> claims;
  for (auto id : invariant_ids())
    if (std::find(v.claims.begin(), v.claims.end(), id) != v.claims.end()) claims.emplace_back(id);
  for (const auto& c : v.claims)
    if (std::find(claims.begin(), claims.end(), c) == claims.end()) claims.push_back(c);
  for (std::size_t i = 0; i < claims.size(); ++i) out += (i ? ", " : "") + quote(claims[i]);
  out += "]\n";
  for (auto table : kTables) {
    out += "\n[" + std::string(table) + "]\n";
    for (const auto& f : schema())
      if (f.table == table) out += std::string(f.key) + " = " + value_text(f, v.policy) + "\n";
  }
  return out;
}

std::vector<std::string> policy_differences(const Policy& a, const Policy& b) {
  std::vector<std::string> out;
  if (a.name != b.name) out.push_back("name: " + quote(a.name) + " != " + quote(b.name));
  for (const auto& f : schema())
    if (!same_value(f, a, b))
      out.push_back(std::string(f.table) + "." + std::string(f.key) + ": " + value_text(f, a) +
                    " != " + value_text(f, b));
  return out;
}

bool same_policy(const Policy& a, const Policy& b) { return policy_differences(a, b).empty(); }

bool same_variant(const Variant& a, const Variant& b) {
  return a.name == b.name && a.about == b.about && a.as_of == b.as_of && a.claims == b.claims &&
         same_policy(a.policy, b.policy);
}

}  // namespace reclaim
