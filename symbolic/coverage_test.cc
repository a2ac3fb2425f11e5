// Which policies the encoding models: the built-ins it mirrors, the fidelity settings it
// does not, and a user's variant file that switches one of them on.
#include "symbolic/coverage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "symbolic/engine.h"
#include "variants/variant.h"

namespace reclaim::sym {
namespace {

Policy builtin(const std::string& name) {
  Result<Variant> v = load_variant(name);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().str());
  return v.ok() ? v->policy : Policy{};
}

bool names(const std::vector<std::string>& settings, const std::string& key) {
  for (const std::string& s : settings)
    if (s.rfind(key + ":", 0) == 0) return true;
  return false;
}

TEST(Coverage, TheBuiltInsTheDifferentialPhaseCoversSetNothingUnencoded) {
  for (const char* name : {"ii-2021", "ii-protected", "timelock", "timelock-2fa", "social", "vault",
                           "candide", "argent", "argent-starknet"})
    EXPECT_TRUE(unencoded_settings(builtin(name)).empty()) << name;
}

TEST(Coverage, TheThreadsProposalAndProtectableHardwareAreNotEncoded) {
  const std::vector<std::string> thread = unencoded_settings(builtin("thread-proposal"));
  EXPECT_TRUE(names(thread, "two_factor.login"));
  EXPECT_TRUE(names(thread, "two_factor.assets"));
  EXPECT_TRUE(names(thread, "two_factor.totp"));
  EXPECT_TRUE(names(thread, "devices.protectable"));
  const std::vector<std::string> hardware = unencoded_settings(builtin("hardware-recovery"));
  EXPECT_EQ(hardware.size(), 1u);
  EXPECT_TRUE(names(hardware, "devices.protectable"));
}

TEST(Coverage, EachUnmodelledFieldIsCaughtOnItsOwn) {
  // A mutant is mirrored, not a setting; every fidelity switch is a setting.
  Policy p;
  p.mutant = Mutant::kDeadlineEarly;
  EXPECT_TRUE(unencoded_settings(p).empty());
  const auto one = [](auto set) {
    Policy q;
    set(q);
    return unencoded_settings(q).size();
  };
  // Candide's (R-SOC-10, R-SOC-14, R-SOC-15 by more approvals) are modelled.
  EXPECT_EQ(one([](Policy& q) { q.recovery_clock = RecoveryClock::kQuorum; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.bounded_threshold = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.recovery_replace = RecoveryReplace::kMoreApprovals; }), 0u);
  // So are Argent's (R-SOC-11..13, R-TL-13, R-DEV-12, R-AST-6, R-AST-10) and Argent on
  // Starknet's (R-SOC-15 "always", R-SOC-16..18): fidelity_test.cc shows each one read.
  EXPECT_EQ(one([](Policy& q) { q.recovery_lock = RecoveryLock::kLockPeriod; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.lock_needs_unlocked = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.lock_blocks_confirmation = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.owner_cancels_guardian_changes = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.cosign_device_changes = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.cosign_transfers = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.trusted_contacts = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.contact_delay = kDay; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.recovery_replace = RecoveryReplace::kAlways; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.removal_ends_recovery = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.removal_blocks_recovery = true; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.escape_interval = 12 * kHour; }), 0u);
  // Two factors to log in and to move assets, TOTP authenticators and protectable recovery
  // hardware are not encoded.
  EXPECT_EQ(one([](Policy& q) { q.two_factor_login = true; }), 1u);
  EXPECT_EQ(one([](Policy& q) { q.two_factor_assets = true; }), 1u);
  EXPECT_EQ(one([](Policy& q) { q.totp = true; }), 1u);
  EXPECT_EQ(one([](Policy& q) { q.protectable = true; }), 1u);
  // What the encoding reads is never reported, whatever its value.
  EXPECT_EQ(one([](Policy& q) { q.lock_period = 3600; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.quorum = RecoveryQuorum::kThreshold; }), 0u);
  // App delegations (R-SES-4, R-SES-5) and the sweep (R-AST-7, R-AST-8) are encoded.
  EXPECT_EQ(one([](Policy& q) { q.app_sessions = false; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.app_max_ttl = 30 * kDay; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.sweep = SweepRight::kAnyone; }), 0u);
  EXPECT_EQ(one([](Policy& q) { q.sweep = SweepRight::kRecoveryDevice; }), 0u);
}

// A user's variant file: social where moving assets needs two factors (R-AST-9, not
// encoded). The engine must not claim any invariant holds or is proved for it.
TEST(Coverage, AVariantFileWithAnUnmodelledSettingGetsNotEncoded) {
  Result<Variant> social = load_variant("social");
  ASSERT_TRUE(social.ok());
  std::ifstream in(social->path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "name = \"social\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "name = \"social-2fa-assets\"");
  const std::string table = "[two_factor]\n";
  ASSERT_NE(text.find(table), std::string::npos);
  text.insert(text.find(table) + table.size(), "assets = true\n");
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("reclaim-coverage-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "social-2fa-assets.toml").string();
  std::ofstream(path) << text;
  Result<Variant> v = load_variant(path);
  ASSERT_TRUE(v.ok()) << v.error().str();
  ASSERT_TRUE(names(unencoded_settings(v->policy), "two_factor.assets"));

  SymbolicOptions o;
  o.depth = 2;
  o.budget_seconds = 60;
  o.invariants = {"DELAY", "NOTIFY", "GUARDIAN-MINORITY"};
  const SymbolicReport r = run_symbolic(*v, o);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.verdicts.size(), 3u);
  int not_encoded = 0;
  for (const ClaimVerdict& verdict : r.verdicts) {
    if (verdict.label == Label::kViolated) {
      // A finding whatever the encoding: it replayed on the model under this very policy
      // before it was reported (scenarios/counterexample.h).
      EXPECT_NE(verdict.scn_text.find("expect violates " + verdict.invariant), std::string::npos);
      std::printf("%s under social-2fa-assets:\n%s\n", verdict.invariant.c_str(),
                  verdict.scn_text.c_str());
      continue;
    }
    ++not_encoded;
    EXPECT_EQ(verdict.label, Label::kNotEncoded)
        << verdict.invariant << ": " << label_text(verdict);
    EXPECT_NE(verdict.why.find("two_factor.assets"), std::string::npos) << verdict.why;
  }
  EXPECT_GE(not_encoded, 2);  // DELAY and NOTIFY do not break: nothing is claimed for them
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reclaim::sym
