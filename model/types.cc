// Names of the model's enumerations in the scenario language (kebab-case). Scenarios,
// reports and counterexamples match on these strings, so they are part of the file formats:
// renaming one breaks every committed .scn file and reference report.
#include "model/types.h"

#include "model/mutant.h"
#include "model/ops.h"

#include <cstddef>

namespace reclaim {
namespace {

// Returned for a value outside its enumeration. Only a bug (or a cast of fuzz input) makes
// one; dumps must still print something, and no *_from_name accepts it back.
constexpr std::string_view kInvalidName = "invalid";

// Indexed by the numeric value of the enumerator. Op names live in the op table (ops.h).
constexpr std::array<std::string_view, kRejectCount> kRejectNames = {
    "none",   "malformed",  "bad-signature",    "unauthorized", "replay", "protected",
    "limit",  "two-factor", "timelock-pending", "not-found",    "exists", "disabled",
    "locked", "expired",    "bad-code",         "threshold",    "cycle",  "insufficient",
    "stale",
};

constexpr std::array<std::string_view, 3> kVerdictNames = {"accepted", "pending", "rejected"};
constexpr std::array<std::string_view, 5> kKindNames = {"passkey", "security-key",
                                                        "hardware-wallet", "seed-phrase", "totp"};
constexpr std::array<std::string_view, 2> kPurposeNames = {"auth", "recovery"};

// The tables must cover their enumerations exactly: an enumerator appended to types.h
// without a name here fails to compile instead of printing "invalid".
static_assert(static_cast<int>(Reject::kStale) + 1 == kRejectCount);
static_assert(static_cast<std::size_t>(Verdict::kRejected) + 1 == kVerdictNames.size());
static_assert(static_cast<std::size_t>(DeviceKind::kTotp) + 1 == kKindNames.size());
static_assert(static_cast<std::size_t>(Purpose::kRecovery) + 1 == kPurposeNames.size());

// A name must be non-empty lowercase kebab-case and unique in its table, or parsing by name
// would be ambiguous. Checked at compile time.
template <std::size_t N>
constexpr bool well_formed(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view name = names[i];
    if (name.empty() || name.front() == '-' || name.back() == '-') return false;
    for (char c : name)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    for (std::size_t j = i + 1; j < N; ++j)
      if (names[j] == name) return false;
    if (name == kInvalidName) return false;
  }
  return true;
}
static_assert(well_formed(kRejectNames));
static_assert(well_formed(kVerdictNames));
static_assert(well_formed(kKindNames));
static_assert(well_formed(kPurposeNames));

template <std::size_t N>
constexpr std::string_view name_at(const std::array<std::string_view, N>& names,
                                   std::size_t index) {
  return index < N ? names[index] : kInvalidName;
}

// Linear scan: the tables are tiny and this runs while parsing, never in the step function.
template <std::size_t N>
constexpr std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names,
                                              std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

}  // namespace

std::string_view op_name(Op op) {
  const OpInfo* info = find_op(op);
  return info != nullptr ? info->name : kInvalidName;
}

std::optional<Op> op_from_name(std::string_view name) {
  for (const OpInfo& info : op_table())
    if (info.name == name) return info.op;
  return std::nullopt;
}

std::string_view reject_name(Reject r) { return name_at(kRejectNames, static_cast<uint8_t>(r)); }

std::optional<Reject> reject_from_name(std::string_view name) {
  const auto i = index_of(kRejectNames, name);
  if (!i) return std::nullopt;
  return static_cast<Reject>(*i);
}

std::string_view verdict_name(Verdict v) { return name_at(kVerdictNames, static_cast<uint8_t>(v)); }

std::string_view kind_name(DeviceKind k) { return name_at(kKindNames, static_cast<uint8_t>(k)); }

std::optional<DeviceKind> kind_from_name(std::string_view name) {
  const auto i = index_of(kKindNames, name);
  if (!i) return std::nullopt;
  return static_cast<DeviceKind>(*i);
}

std::string_view purpose_name(Purpose p) { return name_at(kPurposeNames, static_cast<uint8_t>(p)); }

std::optional<Purpose> purpose_from_name(std::string_view name) {
  const auto i = index_of(kPurposeNames, name);
  if (!i) return std::nullopt;
  return static_cast<Purpose>(*i);
}

std::string_view mutant_name(Mutant m) {
  switch (m) {
    case Mutant::kNone: return "none";
    case Mutant::kDelayDecreaseImmediate: return "delay-decrease-immediate";
    case Mutant::kProtectedUnchecked: return "protected-unchecked";
    case Mutant::kGuardianWeightTwice: return "guardian-weight-twice";
    case Mutant::kReplayNotStored: return "replay-not-stored";
    case Mutant::kDeadlineEarly: return "deadline-early";
    case Mutant::kTimelockSkipped: return "timelock-skipped";
    case Mutant::kTwoFactorOneDevice: return "two-factor-one-device";
    case Mutant::kRemovalUnnotified: return "removal-unnotified";
    case Mutant::kSessionManagesDevices: return "session-manages-devices";
    case Mutant::kVetoIgnored: return "veto-ignored";
    case Mutant::kAssetLockIgnored: return "asset-lock-ignored";
    case Mutant::kTentativeCodeUnchecked: return "tentative-code-unchecked";
    case Mutant::kDeviceLimitOffByOne: return "device-limit-off-by-one";
    case Mutant::kRecoveryWithoutQuorum: return "recovery-without-quorum";
    case Mutant::kAssetOneFactor: return "asset-one-factor";
  }
  return "invalid";
}

}  // namespace reclaim
