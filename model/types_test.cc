// Tests of the scenario-language names of the model's enumerations: every enumerator has a
// name that parses back to it, the names are the documented ones, and anything else fails.
#include "model/types.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>

namespace reclaim {
namespace {

TEST(TypesTest, EveryOpRoundTrips) {
  std::set<std::string_view> seen;
  for (int v = 1; v <= kOpCount; ++v) {
    const Op op = static_cast<Op>(v);
    const std::string_view name = op_name(op);
    ASSERT_NE(name, "invalid") << v;
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(op_from_name(name), op) << name;
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kOpCount));
}

// The names are part of the file formats: pin the whole list in order.
TEST(TypesTest, OpNamesAreTheScenarioLanguage) {
  const std::string_view expected[] = {
      "add-device",
      "remove-device",
      "protect",
      "unprotect",
      "replace-device",
      "set-removal-delay",
      "cancel",
      "add-guardian",
      "remove-guardian",
      "follow",
      "start-recovery",
      "approve-recovery",
      "veto-recovery",
      "lock",
      "unlock",
      "login",
      "transfer",
      "withdraw",
      "clawback",
      "enter-registration",
      "add-tentative",
      "verify-tentative",
      "set-guardian-threshold",
      "app-login",
      "sweep",
      "add-contact",
  };
  ASSERT_EQ(std::size(expected), static_cast<std::size_t>(kOpCount));
  for (int v = 1; v <= kOpCount; ++v) EXPECT_EQ(op_name(static_cast<Op>(v)), expected[v - 1]);
  EXPECT_EQ(op_from_name("add-device"), Op::kAddDevice);
  EXPECT_EQ(op_from_name("set-guardian-threshold"), Op::kSetGuardianThreshold);
}

TEST(TypesTest, EveryRejectRoundTrips) {
  std::set<std::string_view> seen;
  for (int v = 0; v < kRejectCount; ++v) {
    const Reject r = static_cast<Reject>(v);
    const std::string_view name = reject_name(r);
    ASSERT_NE(name, "invalid") << v;
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(reject_from_name(name), r) << name;
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kRejectCount));
}

TEST(TypesTest, RejectNamesAreKebabCaseOfTheEnumerators) {
  EXPECT_EQ(reject_name(Reject::kNone), "none");
  EXPECT_EQ(reject_name(Reject::kMalformed), "malformed");
  EXPECT_EQ(reject_name(Reject::kBadSignature), "bad-signature");
  EXPECT_EQ(reject_name(Reject::kUnauthorized), "unauthorized");
  EXPECT_EQ(reject_name(Reject::kReplay), "replay");
  EXPECT_EQ(reject_name(Reject::kProtected), "protected");
  EXPECT_EQ(reject_name(Reject::kLimit), "limit");
  EXPECT_EQ(reject_name(Reject::kTwoFactor), "two-factor");
  EXPECT_EQ(reject_name(Reject::kTimelockPending), "timelock-pending");
  EXPECT_EQ(reject_name(Reject::kNotFound), "not-found");
  EXPECT_EQ(reject_name(Reject::kExists), "exists");
  EXPECT_EQ(reject_name(Reject::kDisabled), "disabled");
  EXPECT_EQ(reject_name(Reject::kLocked), "locked");
  EXPECT_EQ(reject_name(Reject::kExpired), "expired");
  EXPECT_EQ(reject_name(Reject::kBadCode), "bad-code");
  EXPECT_EQ(reject_name(Reject::kThreshold), "threshold");
  EXPECT_EQ(reject_name(Reject::kCycle), "cycle");
  EXPECT_EQ(reject_name(Reject::kInsufficient), "insufficient");
  EXPECT_EQ(reject_name(Reject::kStale), "stale");
}

TEST(TypesTest, VerdictNames) {
  EXPECT_EQ(verdict_name(Verdict::kAccepted), "accepted");
  EXPECT_EQ(verdict_name(Verdict::kPending), "pending");
  EXPECT_EQ(verdict_name(Verdict::kRejected), "rejected");
}

TEST(TypesTest, EveryKindRoundTrips) {
  const DeviceKind kinds[] = {DeviceKind::kPasskey, DeviceKind::kSecurityKey,
                              DeviceKind::kHardwareWallet, DeviceKind::kSeedPhrase,
                              DeviceKind::kTotp};
  const std::string_view names[] = {"passkey", "security-key", "hardware-wallet", "seed-phrase",
                                    "totp"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(kind_name(kinds[i]), names[i]);
    EXPECT_EQ(kind_from_name(names[i]), kinds[i]);
  }
}

TEST(TypesTest, EveryPurposeRoundTrips) {
  EXPECT_EQ(purpose_name(Purpose::kAuth), "auth");
  EXPECT_EQ(purpose_name(Purpose::kRecovery), "recovery");
  EXPECT_EQ(purpose_from_name("auth"), Purpose::kAuth);
  EXPECT_EQ(purpose_from_name("recovery"), Purpose::kRecovery);
}

TEST(TypesTest, UnknownNamesAreNullopt) {
  // Near misses matter most: wrong case, the C++ spelling, a prefix, padding, empty.
  for (std::string_view bad : {"", "Add-Device", "kAddDevice", "add_device", "add", "add-device ",
                               " add-device", "add-devices", "invalid"}) {
    EXPECT_EQ(op_from_name(bad), std::nullopt) << '"' << bad << '"';
  }
  for (std::string_view bad :
       {"", "None", "bad_signature", "badsignature", "two-factors", "accepted", "invalid"}) {
    EXPECT_EQ(reject_from_name(bad), std::nullopt) << '"' << bad << '"';
  }
  for (std::string_view bad : {"", "Passkey", "security_key", "yubikey", "auth", "invalid"}) {
    EXPECT_EQ(kind_from_name(bad), std::nullopt) << '"' << bad << '"';
  }
  for (std::string_view bad : {"", "Auth", "authentication", "passkey", "recover", "invalid"}) {
    EXPECT_EQ(purpose_from_name(bad), std::nullopt) << '"' << bad << '"';
  }
}

TEST(TypesTest, NamesAreTotalOutsideTheEnumerations) {
  // Dumps of fuzzed or corrupted values must print, not crash or read past a table.
  EXPECT_EQ(op_name(static_cast<Op>(0)), "invalid");
  EXPECT_EQ(op_name(static_cast<Op>(kOpCount + 1)), "invalid");
  EXPECT_EQ(op_name(static_cast<Op>(255)), "invalid");
  EXPECT_EQ(reject_name(static_cast<Reject>(kRejectCount)), "invalid");
  EXPECT_EQ(verdict_name(static_cast<Verdict>(3)), "invalid");
  EXPECT_EQ(kind_name(static_cast<DeviceKind>(5)), "invalid");
  EXPECT_EQ(purpose_name(static_cast<Purpose>(2)), "invalid");
}

}  // namespace
}  // namespace reclaim
