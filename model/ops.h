// The operation table: one row per request op saying everything about it that is not a
// rule: its name, the argument fields its canonical encoding carries, the roles its
// arguments play (which the scenario language spells), the rule family that decides it,
// whether it is a sensitive change (R-2FA-1), which signer it needs, which policy feature
// it belongs to, and which key it brings. The codec, the .scn parser and writer, the
// interpreter, the world, the random engine's generators and the checkers all read this
// table, so a new op is a new enumerator (types.h), a new row here and its rule.
#ifndef RECLAIM_MODEL_OPS_H_
#define RECLAIM_MODEL_OPS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/policy.h"
#include "model/types.h"

namespace reclaim {

// One argument field of the canonical encoding; each is one Args member of a fixed width.
enum class Field : uint8_t {
  kDevice,    // u32
  kDevice2,   // u32
  kKind,      // u8, a DeviceKind
  kPurpose,   // u8, a Purpose
  kProtect,   // u8, 0 or 1
  kKey,       // 32 bytes
  kDuration,  // i64, >= 0
  kNumber,    // u32
  kActor,     // u32
  kActor2,    // u32
  kWeight,    // u32
  kAsset,     // u32
  kAmount,    // i64, >= 0
  kCode,      // u32
};

// The role an argument plays, in the order a request line spells them. Each role binds one
// Args field (and one Statement field in trace/scenario.h); optional roles may be absent.
enum class ArgRole : uint8_t {
  kAddedDevice,   // ID/DEV  a device the request creates        Args::device2 (add-device)
  kDevice,        // ID/DEV  a device that must exist             Args::device
  kNewDevice,     // ID/DEV  a device the request creates         Args::device2
  kKind,          // KIND                                        Args::kind
  kPurpose,       // PURPOSE                                     Args::purpose
  kOptProtected,  // [protected]                                 Args::protect
  kIdentity,      // ID      the identity itself (no field)
  kDelay,         // D       a removal delay                      Args::duration
  kChange,        // all|N   a pending change (0 = all)           Args::number
  kAddedGuardian, // ID/ACTOR an actor the request makes guardian Args::actor
  kGuardian,      // ID/ACTOR a known guardian                    Args::actor
  kOptWeight,     // [weight N] (encoded only where kWeight is a field; default 1)
  kFollowee,      // ID/ACTOR the guardian followed               Args::actor2
  kOptFor,        // [for ACTOR] who receives the new device (default: the requester)
  kOptTtl,        // [ttl D]  a session's lifetime (0 = default)  Args::duration
  kAsset,         // ID/ASSET                                     Args::asset
  kAmount,        // AMOUNT                                      Args::amount
  kTo,            // to ACTOR the recipient                       Args::actor
  kCode,          // right|wrong a tentative-registration code    Args::code
  kThreshold,     // N        a guardian threshold                Args::number
};

enum class Family : uint8_t { kDevices, kTimelock, kSocial, kAssets, kRegistration, kSession };

// The signer an op needs (what AUTH checks; each rule family enforces its own).
enum class Authority : uint8_t {
  kAnyone,           // nobody need sign (add-tentative: anyone may offer a device)
  kManaging,         // a registered device, or a live session if sessions manage devices
  kDevice,           // a registered device (a session never mints or delegates power)
  kCancelRight,      // per Policy::cancel
  kRecoveryDevice,   // a registered recovery device
  kFollower,         // the guardian named by the request (Args::actor)
  kGuardianOrOwner,  // a guardian, or a device where the owner may start a recovery
  kGuardian,         // a guardian
  kVetoRight,        // per Policy::veto
  kSweepRight,       // per Policy::sweep: a recovery device, or anyone (unauthorized)
};

// The policy feature an op belongs to: without it the op can never pass.
enum class Feature : uint8_t {
  kAlways,
  kProtection,    // Policy::protection
  kTimelock,      // Policy::timelock
  kCancel,        // a timelock, or the owner cancelling guardian changes (Argent)
  kGuardians,     // Policy::guardians
  kFollowing,     // guardians and Policy::following
  kLock,          // guardians and a Policy::lock_period
  kTransfer,      // immediate transfers (no withdrawal delay)
  kWithdraw,      // delayed withdrawals (Policy::withdrawal_delay)
  kClawback,      // Policy::clawback
  kRegistration,  // Policy::registration
  kAppSessions,   // Policy::app_sessions
  kSweep,         // Policy::sweep (BIP-345 recovery)
  kVeto,          // guardians and a Policy::veto right other than none
  kContacts,      // Policy::trusted_contacts (Argent)
};

// The fresh key a request carries, which the world fills in from the sender's secrets: a
// device's, a guardian's, a front-end session's or an app delegation's.
enum class NewKey : uint8_t { kNone, kDevice, kGuardian, kSession, kAppSession };

inline constexpr std::size_t kMaxFields = 6;
inline constexpr std::size_t kMaxRoles = 5;

struct OpInfo {
  Op op = Op::kAddDevice;
  std::string_view name;
  Family family = Family::kDevices;
  std::size_t field_count = 0;
  std::array<Field, kMaxFields> fields{};  // encoding order; part of the format
  std::size_t role_count = 0;
  std::array<ArgRole, kMaxRoles> roles{};     // spelling order
  bool sensitive = false;                  // R-2FA-1
  Authority authority = Authority::kDevice;
  Feature feature = Feature::kAlways;
  NewKey key = NewKey::kNone;

  bool has_field(Field f) const;
  bool has_role(ArgRole r) const;
};

// Every op's row, indexed by Op value - 1.
const std::array<OpInfo, kOpCount>& op_table();
// The row of `op`; nullptr for a value outside Op (a cast of fuzz input).
const OpInfo* find_op(Op op);
// The row of a valid op.
const OpInfo& op_info(Op op);

// Does `policy` have the feature `op` belongs to?
bool op_enabled(const Policy& policy, Op op);

// Does `policy` have guardians co-sign `op` beside the owner's device (Argent: adding, removing
// or replacing a device, R-DEV-12; a transfer, R-AST-6; trusting a contact at once, R-AST-10)?
// Every engine that builds requests asks this before adding guardian co-signers.
bool guardians_cosign(const Policy& policy, Op op);

}  // namespace reclaim

#endif  // RECLAIM_MODEL_OPS_H_
