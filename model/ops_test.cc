// The op table is consistent: every role an op spells binds a field its encoding carries,
// every field but the key is spelled by some role, the fresh key matches what the op
// creates, names round-trip, and every encoding fits the codec's buffer.
#include "model/ops.h"

#include <gtest/gtest.h>

#include <optional>

#include "model/codec.h"

namespace reclaim {
namespace {

// The Args field a role binds (none for the identity, the optional `for` and `protected`
// flags of ops that do not encode them).
std::optional<Field> bound(ArgRole r) {
  switch (r) {
    case ArgRole::kAddedDevice:
    case ArgRole::kNewDevice: return Field::kDevice2;
    case ArgRole::kDevice: return Field::kDevice;
    case ArgRole::kKind: return Field::kKind;
    case ArgRole::kPurpose: return Field::kPurpose;
    case ArgRole::kOptProtected: return Field::kProtect;
    case ArgRole::kIdentity: return std::nullopt;
    case ArgRole::kDelay:
    case ArgRole::kOptTtl: return Field::kDuration;
    case ArgRole::kChange:
    case ArgRole::kThreshold: return Field::kNumber;
    case ArgRole::kAddedGuardian:
    case ArgRole::kGuardian:
    case ArgRole::kTo: return Field::kActor;
    case ArgRole::kOptWeight: return Field::kWeight;
    case ArgRole::kFollowee: return Field::kActor2;
    case ArgRole::kOptFor: return std::nullopt;  // names the receiver, not a field
    case ArgRole::kAsset: return Field::kAsset;
    case ArgRole::kAmount: return Field::kAmount;
    case ArgRole::kCode: return Field::kCode;
  }
  return std::nullopt;
}

TEST(OpTable, RolesAndFieldsAgree) {
  for (const OpInfo& op : op_table()) {
    SCOPED_TRACE(std::string(op.name));
    for (std::size_t i = 0; i < op.role_count; ++i) {
      const auto f = bound(op.roles[i]);
      // remove-guardian spells an optional weight it does not encode (ignored).
      if (f && !(op.roles[i] == ArgRole::kOptWeight && !op.has_field(Field::kWeight))) {
        EXPECT_TRUE(op.has_field(*f)) << "role " << i << " binds a field the op does not encode";
      }
    }
    for (std::size_t i = 0; i < op.field_count; ++i) {
      if (op.fields[i] == Field::kKey) continue;
      bool spelled = false;
      for (std::size_t k = 0; k < op.role_count; ++k) spelled |= bound(op.roles[k]) == op.fields[i];
      EXPECT_TRUE(spelled) << "field " << i << " is encoded but never spelled";
    }
  }
}

TEST(OpTable, TheFreshKeyMatchesWhatTheOpCreates) {
  for (const OpInfo& op : op_table()) {
    SCOPED_TRACE(std::string(op.name));
    const bool creates = op.has_role(ArgRole::kAddedDevice) || op.has_role(ArgRole::kNewDevice);
    EXPECT_EQ(op.key == NewKey::kDevice, creates);
    EXPECT_EQ(op.key == NewKey::kGuardian, op.has_role(ArgRole::kAddedGuardian));
    EXPECT_EQ(op.key != NewKey::kNone, op.has_field(Field::kKey));
  }
  EXPECT_EQ(op_info(Op::kLogin).key, NewKey::kSession);
}

TEST(OpTable, NamesRoundTripAndEncodingsFit) {
  for (const OpInfo& op : op_table()) {
    EXPECT_EQ(op_name(op.op), op.name);
    EXPECT_EQ(op_from_name(op.name), op.op);
    Request r;
    r.op = op.op;
    EXPECT_LE(encode(r).size, kMaxEncoded) << op.name;
    EXPECT_TRUE(decode(encode(r).view()).has_value()) << op.name;
  }
  EXPECT_EQ(find_op(static_cast<Op>(0)), nullptr);
  EXPECT_EQ(find_op(static_cast<Op>(kOpCount + 1)), nullptr);
  EXPECT_EQ(op_name(static_cast<Op>(200)), "invalid");
}

TEST(OpTable, FeaturesFollowThePolicy) {
  Policy p;  // II 2021: no protection, timelock or guardians
  EXPECT_TRUE(op_enabled(p, Op::kAddDevice));
  EXPECT_FALSE(op_enabled(p, Op::kProtect));
  EXPECT_FALSE(op_enabled(p, Op::kCancel));
  EXPECT_FALSE(op_enabled(p, Op::kApproveRecovery));
  EXPECT_TRUE(op_enabled(p, Op::kTransfer));
  EXPECT_FALSE(op_enabled(p, Op::kWithdraw));
  p.guardians = true;
  EXPECT_TRUE(op_enabled(p, Op::kApproveRecovery));
  EXPECT_TRUE(op_enabled(p, Op::kVetoRecovery));
  p.veto = CancelRight::kNone;  // argent-starknet: no veto right maps cancel_escape
  EXPECT_FALSE(op_enabled(p, Op::kVetoRecovery));
  EXPECT_FALSE(op_enabled(p, Op::kFollow));
  EXPECT_FALSE(op_enabled(p, Op::kLock));
  p.following = true;
  p.lock_period = kDay;
  EXPECT_TRUE(op_enabled(p, Op::kFollow));
  EXPECT_TRUE(op_enabled(p, Op::kLock));
  p.withdrawal_delay = kDay;
  EXPECT_FALSE(op_enabled(p, Op::kTransfer));
  EXPECT_TRUE(op_enabled(p, Op::kWithdraw));
}

// R-2FA-1 and R-2FA-2 as data: the changes two-factor guards, and never cancel or veto.
TEST(OpTable, SensitiveOps) {
  int sensitive = 0;
  for (const OpInfo& op : op_table()) sensitive += op.sensitive;
  EXPECT_EQ(sensitive, 8);
  EXPECT_FALSE(op_info(Op::kCancel).sensitive);
  EXPECT_FALSE(op_info(Op::kVetoRecovery).sensitive);
  EXPECT_TRUE(op_info(Op::kVerifyTentative).sensitive);
}

}  // namespace
}  // namespace reclaim
