// The operation table (see ops.h).
#include "model/ops.h"

#include <initializer_list>

namespace reclaim {
namespace {

using F = Field;
using R = ArgRole;
using A = Authority;
using X = Feature;

struct Row {
  Op op;
  std::string_view name;
  Family family;
  std::initializer_list<Field> fields;
  std::initializer_list<ArgRole> roles;
  bool sensitive;
  Authority authority;
  Feature feature;
  NewKey key;
};

constexpr OpInfo make(const Row& r) {
  OpInfo o;
  o.op = r.op;
  o.name = r.name;
  o.family = r.family;
  for (Field f : r.fields) o.fields[o.field_count++] = f;
  for (ArgRole x : r.roles) o.roles[o.role_count++] = x;
  o.sensitive = r.sensitive;
  o.authority = r.authority;
  o.feature = r.feature;
  o.key = r.key;
  return o;
}

constexpr bool kSensitive = true, kPlain = false;

// In Op order. The fields' order is part of the canonical encoding (codec.h): append only.
constexpr std::array<OpInfo, kOpCount> kTable = {
    make({Op::kAddDevice, "add-device", Family::kDevices,
          {F::kDevice2, F::kKind, F::kPurpose, F::kProtect, F::kKey},
          {R::kAddedDevice, R::kKind, R::kPurpose, R::kOptProtected}, kSensitive, A::kManaging,
          X::kAlways, NewKey::kDevice}),
    make({Op::kRemoveDevice, "remove-device", Family::kDevices, {F::kDevice}, {R::kDevice},
          kSensitive, A::kManaging, X::kAlways, NewKey::kNone}),
    make({Op::kProtect, "protect", Family::kDevices, {F::kDevice}, {R::kDevice}, kPlain,
          A::kManaging, X::kProtection, NewKey::kNone}),
    make({Op::kUnprotect, "unprotect", Family::kDevices, {F::kDevice}, {R::kDevice}, kPlain,
          A::kManaging, X::kProtection, NewKey::kNone}),
    make({Op::kReplaceDevice, "replace-device", Family::kDevices,
          {F::kDevice, F::kDevice2, F::kKind, F::kPurpose, F::kProtect, F::kKey},
          {R::kDevice, R::kNewDevice, R::kKind, R::kPurpose, R::kOptProtected}, kSensitive,
          A::kManaging, X::kAlways, NewKey::kDevice}),
    make({Op::kSetRemovalDelay, "set-removal-delay", Family::kTimelock, {F::kDuration},
          {R::kIdentity, R::kDelay}, kSensitive, A::kDevice, X::kTimelock, NewKey::kNone}),
    make({Op::kCancel, "cancel", Family::kTimelock, {F::kNumber}, {R::kIdentity, R::kChange},
          kPlain, A::kCancelRight, X::kCancel, NewKey::kNone}),  // R-2FA-2: never sensitive
    make({Op::kAddGuardian, "add-guardian", Family::kSocial, {F::kActor, F::kWeight, F::kKey},
          {R::kAddedGuardian, R::kOptWeight}, kSensitive, A::kDevice, X::kGuardians,
          NewKey::kGuardian}),
    make({Op::kRemoveGuardian, "remove-guardian", Family::kSocial, {F::kActor},
          {R::kGuardian, R::kOptWeight}, kSensitive, A::kDevice, X::kGuardians, NewKey::kNone}),
    make({Op::kFollow, "follow", Family::kSocial, {F::kActor, F::kActor2},
          {R::kGuardian, R::kFollowee}, kPlain, A::kFollower, X::kFollowing, NewKey::kNone}),
    make({Op::kStartRecovery, "start-recovery", Family::kSocial,
          {F::kDevice2, F::kKind, F::kKey}, {R::kNewDevice, R::kKind, R::kOptFor}, kPlain,
          A::kGuardianOrOwner, X::kGuardians, NewKey::kDevice}),
    make({Op::kApproveRecovery, "approve-recovery", Family::kSocial, {}, {R::kIdentity}, kPlain,
          A::kGuardian, X::kGuardians, NewKey::kNone}),
    make({Op::kVetoRecovery, "veto-recovery", Family::kSocial, {}, {R::kIdentity}, kPlain,
          A::kVetoRight, X::kVeto, NewKey::kNone}),  // R-2FA-2: never sensitive
    make({Op::kLock, "lock", Family::kSocial, {}, {R::kIdentity}, kPlain, A::kGuardian, X::kLock,
          NewKey::kNone}),
    make({Op::kUnlock, "unlock", Family::kSocial, {}, {R::kIdentity}, kPlain, A::kGuardian,
          X::kLock, NewKey::kNone}),
    make({Op::kLogin, "login", Family::kSession, {F::kDuration, F::kKey},
          {R::kIdentity, R::kOptTtl}, kPlain, A::kDevice, X::kAlways, NewKey::kSession}),
    make({Op::kTransfer, "transfer", Family::kAssets, {F::kAsset, F::kAmount, F::kActor},
          {R::kAsset, R::kAmount, R::kTo}, kPlain, A::kManaging, X::kTransfer, NewKey::kNone}),
    make({Op::kWithdraw, "withdraw", Family::kAssets, {F::kAsset, F::kAmount, F::kActor},
          {R::kAsset, R::kAmount, R::kTo}, kPlain, A::kManaging, X::kWithdraw, NewKey::kNone}),
    make({Op::kClawback, "clawback", Family::kAssets, {F::kAsset}, {R::kAsset}, kPlain,
          A::kRecoveryDevice, X::kClawback, NewKey::kNone}),
    make({Op::kEnterRegistration, "enter-registration", Family::kRegistration, {},
          {R::kIdentity}, kPlain, A::kManaging, X::kRegistration, NewKey::kNone}),
    make({Op::kAddTentative, "add-tentative", Family::kRegistration,
          {F::kDevice2, F::kKind, F::kPurpose, F::kProtect, F::kKey},
          {R::kNewDevice, R::kKind, R::kPurpose, R::kOptProtected},
          kPlain, A::kAnyone, X::kRegistration, NewKey::kDevice}),
    // Confirming a tentative device adds a device: sensitive.
    make({Op::kVerifyTentative, "verify-tentative", Family::kRegistration, {F::kCode},
          {R::kIdentity, R::kCode}, kSensitive, A::kManaging, X::kRegistration, NewKey::kNone}),
    make({Op::kSetGuardianThreshold, "set-guardian-threshold", Family::kSocial, {F::kNumber},
          {R::kIdentity, R::kThreshold}, kSensitive, A::kDevice, X::kGuardians, NewKey::kNone}),
    // An app delegation (II prepare_delegation): minted by a device or by the front end's own
    // session where it manages devices (R-SES-4).
    make({Op::kAppLogin, "app-login", Family::kSession, {F::kDuration, F::kKey},
          {R::kIdentity, R::kOptTtl}, kPlain, A::kManaging, X::kAppSessions,
          NewKey::kAppSession}),
    // BIP-345 recovery: the recovery path sweeps an asset's value, triggered or not.
    make({Op::kSweep, "sweep", Family::kAssets, {F::kAsset}, {R::kAsset}, kPlain, A::kSweepRight,
          X::kSweep, NewKey::kNone}),
    // Argent's trusted contacts (TransactionManager.addToWhitelist): the owner trusts a
    // recipient, after the contact delay or at once with the guardians' co-signatures.
    make({Op::kAddContact, "add-contact", Family::kAssets, {F::kActor}, {R::kIdentity, R::kTo},
          kPlain, A::kDevice, X::kContacts, NewKey::kNone}),
};

// The rows are in Op order, and every name is lowercase kebab-case and unique (names are
// part of the scenario language). Checked at compile time.
constexpr bool well_formed() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].op) != i + 1) return false;
    const std::string_view name = kTable[i].name;
    if (name.empty() || name.front() == '-' || name.back() == '-' || name == "invalid")
      return false;
    for (char c : name)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    for (std::size_t j = i + 1; j < kTable.size(); ++j)
      if (kTable[j].name == name) return false;
  }
  return true;
}
static_assert(well_formed(), "op table rows out of order or with bad names");
static_assert(static_cast<int>(Op::kAddContact) == kOpCount,
              "a new Op needs a row in the op table");

}  // namespace

bool OpInfo::has_field(Field f) const {
  for (std::size_t i = 0; i < field_count; ++i)
    if (fields[i] == f) return true;
  return false;
}

bool OpInfo::has_role(ArgRole r) const {
  for (std::size_t i = 0; i < role_count; ++i)
    if (roles[i] == r) return true;
  return false;
}

const std::array<OpInfo, kOpCount>& op_table() { return kTable; }

const OpInfo* find_op(Op op) {
  const auto v = static_cast<std::size_t>(op);
  return v >= 1 && v <= kTable.size() ? &kTable[v - 1] : nullptr;
}

const OpInfo& op_info(Op op) {
  const OpInfo* o = find_op(op);
  return o != nullptr ? *o : kTable[0];
}

bool guardians_cosign(const Policy& p, Op op) {
  switch (op) {
    case Op::kAddDevice:
    case Op::kRemoveDevice:
    case Op::kReplaceDevice:
      return p.cosign_device_changes;
    case Op::kTransfer:
      return p.cosign_transfers;
    case Op::kAddContact:
      return p.trusted_contacts;
    default:
      return false;
  }
}

bool op_enabled(const Policy& p, Op op) {
  switch (op_info(op).feature) {
    case Feature::kAlways:
      return true;
    case Feature::kProtection:
      return p.protection;
    case Feature::kTimelock:
      return p.timelock;
    case Feature::kCancel:
      return p.timelock || p.owner_cancels_guardian_changes;
    case Feature::kGuardians:
      return p.guardians;
    case Feature::kFollowing:
      return p.guardians && p.following;
    case Feature::kLock:
      return p.guardians && p.lock_period > 0;
    case Feature::kTransfer:
      return p.withdrawal_delay == 0;
    case Feature::kWithdraw:
      return p.withdrawal_delay > 0;
    case Feature::kClawback:
      return p.clawback;
    case Feature::kRegistration:
      return p.registration;
    case Feature::kAppSessions:
      return p.app_sessions;
    case Feature::kSweep:
      return p.sweep != SweepRight::kNone;
    case Feature::kVeto:
      return p.guardians && p.veto != CancelRight::kNone;
    case Feature::kContacts:
      return p.trusted_contacts;
  }
  return false;
}

}  // namespace reclaim
