// Vocabulary of the protocol model: time, ids, device kinds and purposes, request ops,
// verdicts and the stable Reject codes that scenarios and reports match on.
// Everything here is a plain value; names for ids live in the world layer (sim/world.h).
#ifndef RECLAIM_MODEL_TYPES_H_
#define RECLAIM_MODEL_TYPES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace reclaim {

// Seconds since the start of a run. The model never reads a clock: time is an argument.
using Time = int64_t;
using Duration = int64_t;  // seconds
inline constexpr Duration kMinute = 60;
inline constexpr Duration kHour = 60 * kMinute;
inline constexpr Duration kDay = 24 * kHour;
inline constexpr Duration kWeek = 7 * kDay;
inline constexpr Duration kMonth = 30 * kDay;  // the scenario language's `1mo`
inline constexpr Duration kYear = 365 * kDay;
inline constexpr Time kNever = INT64_MAX;

using IdentityId = uint32_t;  // an anchor
using DeviceId = uint32_t;    // globally unique handle of one credential
using ActorId = uint32_t;     // a person or program holding secrets
inline constexpr uint32_t kNone = 0;  // ids start at 1; 0 means "none"

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;
using Digest = uint64_t;  // stable 64-bit digest of a request's canonical encoding

// kTotp is a time-based one-time-password authenticator (an app): a factor that signs nothing
// alone (R-2FA-3) and counts only beside a real signer (R-2FA-4). Append only (codec.h).
enum class DeviceKind : uint8_t { kPasskey, kSecurityKey, kHardwareWallet, kSeedPhrase, kTotp };
enum class Purpose : uint8_t { kAuth, kRecovery };

// Every request the protocol accepts. The numeric values are part of the canonical
// encoding (codec.h): append only, never renumber.
enum class Op : uint8_t {
  kAddDevice = 1,
  kRemoveDevice,
  kProtect,
  kUnprotect,
  kReplaceDevice,
  kSetRemovalDelay,
  kCancel,
  kAddGuardian,
  kRemoveGuardian,
  kFollow,
  kStartRecovery,
  kApproveRecovery,
  kVetoRecovery,
  kLock,
  kUnlock,
  kLogin,
  kTransfer,
  kWithdraw,
  kClawback,
  kEnterRegistration,
  kAddTentative,
  kVerifyTentative,
  kSetGuardianThreshold,
  kAppLogin,
  kSweep,
  kAddContact,
};
inline constexpr int kOpCount = 26;

enum class Verdict : uint8_t { kAccepted, kPending, kRejected };

// Why a request was rejected. Stable names (reject_name) are part of the scenario language.
enum class Reject : uint8_t {
  kNone = 0,
  kMalformed,         // arguments out of range, unknown identity/device
  kBadSignature,      // a signature does not verify
  kUnauthorized,      // no signer the policy accepts for this op
  kReplay,            // the request's digest was seen before, or its nonce is stale
  kProtected,         // a protected device may only be changed by itself
  kLimit,             // a bound of the policy (device count, seed phrases, ...)
  kTwoFactor,         // a sensitive change needs two distinct devices
  kTimelockPending,   // conflicting change already pending
  kNotFound,          // no such device, change, guardian, asset
  kExists,            // already registered
  kDisabled,          // the policy does not have this feature
  kLocked,            // the identity or asset is locked
  kExpired,           // window, session or registration expired
  kBadCode,           // wrong tentative-registration code
  kThreshold,         // guardian weight or signature count too low
  kCycle,             // follow would create a cycle
  kInsufficient,      // not enough assets
  kStale,             // time in the request is not the current time
};
inline constexpr int kRejectCount = 19;

std::string_view op_name(Op op);
std::optional<Op> op_from_name(std::string_view name);
std::string_view reject_name(Reject r);
std::optional<Reject> reject_from_name(std::string_view name);
std::string_view verdict_name(Verdict v);
std::string_view kind_name(DeviceKind k);
std::optional<DeviceKind> kind_from_name(std::string_view name);
std::string_view purpose_name(Purpose p);
std::optional<Purpose> purpose_from_name(std::string_view name);

}  // namespace reclaim

#endif  // RECLAIM_MODEL_TYPES_H_
