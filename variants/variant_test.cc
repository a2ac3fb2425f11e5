// Tests for the variant library: the eight built-in files carry the numbers of the systems
// they follow, print_variant/parse_variant round-trip exactly, and every bad input is
// reported at the line and column that causes it.
#include "variants/variant.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "model/state.h"
#include "model/testing.h"
#include "variants/duration.h"

namespace reclaim {
namespace {

Variant load_or_die(const std::string& name) {
  auto v = load_variant(name);
  if (!v.ok()) ADD_FAILURE() << v.error().str();
  return v.ok() ? *v : Variant{};
}

std::vector<Duration> menu_of(const Policy& p) {
  return {p.delay_menu.begin(), p.delay_menu.end()};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// ----------------------------------------------------------------------------- catalogue

TEST(Catalogue, IdsInCatalogueOrder) {
  std::string ids;
  for (auto id : invariant_ids()) ids += std::string(ids.empty() ? "" : " ") + std::string(id);
  EXPECT_EQ(ids,
            "AUTH REPLAY PROTECTED DELAY DELAY-MONO NOTIFY TWO-FACTOR RECLAIM EVICT "
            "GUARDIAN-MINORITY SOCIAL-LIVENESS GUARDIANS-PREVAIL VETO ASSET ASSET-2FA BOUNDS "
            "TENTATIVE TIMELY");
}

TEST(Catalogue, BuiltinNamesInTheirOrder) {
  std::vector<std::string> expected = {"ii-2021", "ii-protected", "timelock",
                                       "timelock-2fa", "social", "argent", "candide", "vault",
                                       "thread-proposal", "hardware-recovery",
                                       "argent-starknet"};
  EXPECT_EQ(builtin_variant_names(), expected);
}

// ----------------------------------------------------------------------------- built-ins

TEST(Builtins, AllLoadWithTheirOwnNameAndAnOpeningComment) {
  for (const auto& name : builtin_variant_names()) {
    SCOPED_TRACE(name);
    auto v = load_variant(name);
    ASSERT_TRUE(v.ok()) << v.error().str();
    EXPECT_EQ(v->name, name);
    EXPECT_EQ(v->policy.name, name);
    EXPECT_FALSE(v->about.empty());
    EXPECT_FALSE(v->claims.empty());
    EXPECT_EQ(std::filesystem::path(v->path).filename().string(), name + ".toml");
    std::ifstream in(v->path);
    std::string first_line;
    std::getline(in, first_line);
    EXPECT_EQ(first_line.rfind("# " + name + ":", 0), 0u) << first_line;
  }
}

// The variants that follow a real system say which release or date they follow; the proposals
// follow none.
TEST(Builtins, RealSystemsSayWhatTheyFollow) {
  EXPECT_EQ(load_or_die("ii-2021").as_of, "2021");
  EXPECT_EQ(load_or_die("ii-protected").as_of, "May 2022");
  EXPECT_EQ(load_or_die("argent").as_of, "argent-contracts v2.5");
  EXPECT_EQ(load_or_die("argent-starknet").as_of, "argent-contracts-starknet v0.5.0");
  EXPECT_EQ(load_or_die("candide").as_of, "candide-contracts, no release named");
  EXPECT_EQ(load_or_die("vault").as_of, "BIP-345");
  for (const char* proposal :
       {"timelock", "timelock-2fa", "social", "thread-proposal", "hardware-recovery"})
    EXPECT_EQ(load_or_die(proposal).as_of, "") << proposal;
}

TEST(Builtins, Ii2021) {
  Variant v = load_or_die("ii-2021");
  const Policy& p = v.policy;
  EXPECT_EQ(p.max_devices, 10u);
  EXPECT_EQ(p.max_seed_phrases, 0u);
  EXPECT_FALSE(p.protection);
  EXPECT_TRUE(p.allow_remove_last_device);
  EXPECT_TRUE(p.session_manages_devices);
  EXPECT_EQ(p.session_default_ttl, 10 * kMinute);  // the front end's own session
  EXPECT_EQ(p.session_max_ttl, 10 * kMinute);
  EXPECT_TRUE(p.app_sessions);
  EXPECT_EQ(p.app_default_ttl, 30 * kMinute);
  EXPECT_EQ(p.app_max_ttl, 8 * kDay);  // the 2021 cap
  EXPECT_FALSE(p.timelock);
  EXPECT_FALSE(p.notifications);
  EXPECT_FALSE(p.two_factor);
  EXPECT_FALSE(p.guardians);
  EXPECT_FALSE(p.registration);  // tentative registration shipped in February 2022
  EXPECT_EQ(v.claims, (std::vector<std::string>{"AUTH", "REPLAY", "ASSET", "BOUNDS", "TIMELY"}));
  // ii-2021 is the Policy default by design, but for tentative registration, which the
  // default keeps on (every II since 2022 has it): the file and Policy{} differ in it alone.
  EXPECT_EQ(joined(policy_differences(p, Policy{})), "registration.enabled: false != true\n");
}

TEST(Builtins, IiProtected) {
  Variant v = load_or_die("ii-protected");
  EXPECT_EQ(v.policy.max_devices, 20u);
  EXPECT_EQ(v.policy.max_seed_phrases, 1u);
  EXPECT_TRUE(v.policy.protection);
  EXPECT_TRUE(v.policy.session_manages_devices);
  EXPECT_TRUE(v.policy.app_sessions);
  EXPECT_EQ(v.policy.app_max_ttl, 30 * kDay);  // since May 2022
  EXPECT_FALSE(v.policy.timelock);
  EXPECT_EQ(v.policy.registration_window, 900);
  EXPECT_EQ(v.claims, (std::vector<std::string>{"AUTH", "REPLAY", "PROTECTED", "ASSET", "BOUNDS",
                                                "TENTATIVE", "TIMELY"}));
}

TEST(Builtins, Timelock) {
  Variant v = load_or_die("timelock");
  const Policy& p = v.policy;
  EXPECT_TRUE(p.timelock);
  EXPECT_EQ(menu_of(p), (std::vector<Duration>{kWeek, 30 * kDay, 365 * kDay}));
  EXPECT_EQ(p.default_removal_delay, kWeek);
  EXPECT_EQ(p.cancel, CancelRight::kRecoveryDevice);
  EXPECT_EQ(p.boundary, Boundary::kInclusive);
  EXPECT_FALSE(p.timelock_all_removals);
  EXPECT_TRUE(p.notifications);
  EXPECT_FALSE(p.session_manages_devices);
  EXPECT_TRUE(p.protection);
  EXPECT_EQ(p.max_seed_phrases, 1u);
  EXPECT_EQ(p.max_devices, 20u);
  EXPECT_FALSE(p.two_factor);
  // A protected phrase leaves only through the delay, so PROTECTED is not claimed.
  EXPECT_TRUE(p.delay_overrides_protection);
  EXPECT_EQ(v.claims,
            (std::vector<std::string>{"AUTH", "REPLAY", "DELAY", "DELAY-MONO", "NOTIFY", "RECLAIM",
                                      "EVICT", "ASSET", "BOUNDS", "TENTATIVE", "TIMELY"}));
}

TEST(Builtins, TimelockTwoFactorIsTimelockPlusTwoFactor) {
  Variant base = load_or_die("timelock");
  Variant v = load_or_die("timelock-2fa");
  EXPECT_TRUE(v.policy.two_factor);
  Policy expected = base.policy;
  expected.name = "timelock-2fa";
  expected.two_factor = true;
  EXPECT_EQ(joined(policy_differences(v.policy, expected)), "");
  std::vector<std::string> claims = base.claims;
  // Two-factor adds TWO-FACTOR but loses EVICT: an owner left with one device cannot remove
  // a thief's two (scenarios/attacks/burglar-laptop-and-yubikey.scn).
  claims.insert(claims.begin() + 5, "TWO-FACTOR");  // catalogue order
  claims.erase(std::find(claims.begin(), claims.end(), "EVICT"));
  EXPECT_EQ(v.claims, claims);
}

TEST(Builtins, Social) {
  Variant v = load_or_die("social");
  const Policy& p = v.policy;
  EXPECT_TRUE(p.two_factor);
  EXPECT_TRUE(p.timelock);
  EXPECT_TRUE(p.guardians);
  EXPECT_EQ(p.quorum, RecoveryQuorum::kWeight);
  EXPECT_EQ(p.default_guardian_threshold, 2u);
  EXPECT_TRUE(p.owner_may_start_recovery);
  EXPECT_EQ(p.recovery_delay, -1);
  EXPECT_EQ(p.veto, CancelRight::kRecoveryDevice);
  EXPECT_EQ(p.guardian_change_delay, -1);
  EXPECT_TRUE(p.following);
  // social claims the whole catalogue but PROTECTED (its phrase leaves through the delay),
  // EVICT (two-factor keeps a one-device owner from removing a two-device thief), ASSET-2FA
  // (one device moves assets) and GUARDIANS-PREVAIL (a stolen recovery device vetoes).
  EXPECT_EQ(v.claims.size(), invariant_ids().size() - 4);
  EXPECT_EQ(std::count(v.claims.begin(), v.claims.end(), "PROTECTED"), 0);
  EXPECT_EQ(std::count(v.claims.begin(), v.claims.end(), "EVICT"), 0);
  EXPECT_EQ(std::count(v.claims.begin(), v.claims.end(), "ASSET-2FA"), 0);
  EXPECT_EQ(std::count(v.claims.begin(), v.claims.end(), "GUARDIANS-PREVAIL"), 0);
}

TEST(Builtins, Argent) {
  Variant v = load_or_die("argent");
  const Policy& p = v.policy;
  EXPECT_EQ(p.max_devices, 10u);
  EXPECT_FALSE(p.protection);
  EXPECT_FALSE(p.session_manages_devices);
  EXPECT_FALSE(p.timelock);
  EXPECT_TRUE(p.notifications);
  EXPECT_TRUE(p.guardians);
  EXPECT_EQ(p.quorum, RecoveryQuorum::kHalf);
  EXPECT_FALSE(p.owner_may_start_recovery);
  EXPECT_EQ(p.recovery_delay, 48 * kHour);
  EXPECT_EQ(p.boundary, Boundary::kStrict);
  EXPECT_EQ(p.veto, CancelRight::kMajority);
  EXPECT_EQ(p.guardian_change_delay, 36 * kHour);
  EXPECT_EQ(p.guardian_change_window, 12 * kHour);
  EXPECT_EQ(p.lock_period, 5 * kDay);
  EXPECT_FALSE(p.registration);
  // SecurityManager's constructor: lock >= recovery >= security period + security window.
  EXPECT_GE(p.lock_period, p.recovery_delay);
  EXPECT_GE(p.recovery_delay, p.guardian_change_delay + p.guardian_change_window);
  EXPECT_EQ(p.recovery_clock, RecoveryClock::kQuorum);
  EXPECT_EQ(p.recovery_lock, RecoveryLock::kLockPeriod);
  EXPECT_TRUE(p.lock_needs_unlocked);
  EXPECT_TRUE(p.lock_blocks_confirmation);
  EXPECT_TRUE(p.owner_cancels_guardian_changes);
  // transferOwnership and multiCallWithGuardians: the owner plus ceil(n/2) guardians.
  EXPECT_TRUE(p.cosign_device_changes);
  EXPECT_TRUE(p.cosign_transfers);
  EXPECT_EQ(p.recovery_replace, RecoveryReplace::kNever);
  EXPECT_EQ(v.claims, (std::vector<std::string>{"AUTH", "REPLAY", "NOTIFY", "GUARDIAN-MINORITY",
                                                "VETO", "ASSET", "BOUNDS", "TIMELY"}));
}

TEST(Builtins, ArgentStarknet) {
  Variant v = load_or_die("argent-starknet");
  const Policy& p = v.policy;
  EXPECT_TRUE(p.guardians);
  EXPECT_EQ(p.quorum, RecoveryQuorum::kHalf);  // one guardian: ceil(1/2) = 1
  EXPECT_FALSE(p.owner_may_start_recovery);    // trigger_escape_owner: the guardian alone
  EXPECT_EQ(p.recovery_delay, 7 * kDay);       // the security period
  EXPECT_EQ(p.recovery_clock, RecoveryClock::kStart);
  EXPECT_EQ(p.boundary, Boundary::kInclusive);
  EXPECT_EQ(p.guardian_change_delay, 7 * kDay);   // trigger_escape_guardian
  EXPECT_EQ(p.guardian_change_window, 7 * kDay);  // expiry one period after ready
  EXPECT_EQ(p.veto, CancelRight::kNone);          // cancel_escape (owner + guardian) not mapped
  EXPECT_EQ(p.recovery_replace, RecoveryReplace::kAlways);
  EXPECT_TRUE(p.removal_ends_recovery);
  EXPECT_TRUE(p.removal_blocks_recovery);
  EXPECT_EQ(p.escape_interval, 12 * kHour);
  EXPECT_TRUE(p.cosign_device_changes);
  EXPECT_TRUE(p.cosign_transfers);
  EXPECT_EQ(p.lock_period, 0);
  EXPECT_FALSE(p.timelock);
  EXPECT_TRUE(p.notifications);
  EXPECT_FALSE(p.registration);
}

TEST(Builtins, Candide) {
  Variant v = load_or_die("candide");
  const Policy& p = v.policy;
  EXPECT_TRUE(p.guardians);
  EXPECT_EQ(p.quorum, RecoveryQuorum::kThreshold);
  EXPECT_EQ(p.default_guardian_threshold, 1u);
  EXPECT_EQ(p.recovery_delay, 3 * kDay);
  EXPECT_EQ(p.boundary, Boundary::kInclusive);
  EXPECT_EQ(p.veto, CancelRight::kAnyDevice);
  EXPECT_EQ(p.guardian_change_delay, 0);
  EXPECT_FALSE(p.owner_may_start_recovery);
  EXPECT_FALSE(p.registration);
  EXPECT_FALSE(p.timelock);
  EXPECT_TRUE(p.notifications);
  EXPECT_EQ(p.recovery_clock, RecoveryClock::kQuorum);
  EXPECT_TRUE(p.bounded_threshold);
  EXPECT_EQ(p.recovery_replace, RecoveryReplace::kMoreApprovals);
  EXPECT_EQ(p.lock_period, 0);
  EXPECT_FALSE(p.cosign_device_changes);
  // A stolen owner key blocks recovery forever: SOCIAL-LIVENESS is deliberately unclaimed.
  EXPECT_EQ(std::count(v.claims.begin(), v.claims.end(), "SOCIAL-LIVENESS"), 0);
  EXPECT_EQ(v.claims, (std::vector<std::string>{"AUTH", "REPLAY", "NOTIFY", "GUARDIAN-MINORITY",
                                                "VETO", "ASSET", "BOUNDS", "TIMELY"}));
}

TEST(Builtins, Vault) {
  Variant v = load_or_die("vault");
  const Policy& p = v.policy;
  EXPECT_TRUE(p.timelock);
  EXPECT_TRUE(p.timelock_all_removals);
  EXPECT_EQ(p.default_removal_delay, kWeek);
  EXPECT_EQ(menu_of(p), (std::vector<Duration>{kDay, kWeek}));
  EXPECT_EQ(p.cancel, CancelRight::kRecoveryDevice);
  EXPECT_EQ(p.withdrawal_delay, kDay);
  EXPECT_TRUE(p.clawback);
  EXPECT_TRUE(p.immutable_recovery_path);
  EXPECT_EQ(p.sweep, SweepRight::kRecoveryDevice);
  EXPECT_TRUE(p.notifications);
  EXPECT_FALSE(p.session_manages_devices);
  EXPECT_FALSE(p.registration);
  EXPECT_EQ(v.claims, (std::vector<std::string>{"AUTH", "REPLAY", "DELAY", "NOTIFY", "RECLAIM",
                                                "ASSET", "BOUNDS", "TIMELY"}));
}

// The policies model/testing.h builds for the model's tests mirror the built-in files: a
// switch turned on in a file and not in its fixture (or the reverse) would test another system.
TEST(Builtins, TestFixturesMirrorTheFiles) {
  const std::vector<std::pair<std::string, Policy>> fixtures = {
      {"ii-2021", fixtures::ii2021()},    {"ii-protected", fixtures::ii_protected()},
      {"timelock", fixtures::timelock()}, {"timelock-2fa", fixtures::timelock_2fa()},
      {"social", fixtures::social()},     {"argent", fixtures::argent()},
      {"candide", fixtures::candide()},   {"vault", fixtures::vault()},
      {"thread-proposal", fixtures::thread_proposal()},
      {"hardware-recovery", fixtures::hardware_recovery()},
      {"argent-starknet", fixtures::argent_starknet()}};
  for (const auto& [name, policy] : fixtures) {
    SCOPED_TRACE(name);
    Variant v = load_or_die(name);
    EXPECT_EQ(joined(policy_differences(policy, v.policy)), "");
  }
}

// ----------------------------------------------------------------------------- loading

TEST(Load, NameAndPathAgree) {
  auto by_name = load_variant("timelock");
  auto by_path = load_variant(variants_dir() + "/timelock.toml");
  ASSERT_TRUE(by_name.ok()) << by_name.error().str();
  ASSERT_TRUE(by_path.ok()) << by_path.error().str();
  EXPECT_TRUE(same_variant(*by_name, *by_path));
  EXPECT_EQ(by_name->path, by_path->path);
}

TEST(Load, MissingFileNamesThePath) {
  const std::string path = "/nonexistent/reclaim/nothing-here.toml";
  for (const auto& r : {load_variant_file(path), load_variant(path)}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file, path);
    EXPECT_NE(r.error().str().find(path), std::string::npos) << r.error().str();
  }
}

TEST(Load, DirectoryIsNotAVariant) {
  auto r = load_variant_file(variants_dir());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a regular file"), std::string::npos);
}

TEST(Load, UnknownNameListsTheBuiltins) {
  auto r = load_variant("no-such-variant");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("no-such-variant"), std::string::npos);
  EXPECT_NE(r.error().message.find("ii-2021, ii-protected"), std::string::npos);
  EXPECT_FALSE(load_variant("Bad Name").ok());
  EXPECT_FALSE(load_variant("").ok());
}

// A researcher's file dropped into $RECLAIM_VARIANTS_DIR loads by name, and the file name must
// agree with the name it declares.
TEST(Load, VariantsDirFromEnvironment) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("reclaim-variants-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "mine.toml") << "name = \"mine\"\n[devices]\nmax_devices = 3\n";
  std::ofstream(dir / "liar.toml") << "name = \"other\"\n";
  setenv("RECLAIM_VARIANTS_DIR", dir.c_str(), 1);
  EXPECT_EQ(variants_dir(), dir.string());
  auto mine = load_variant("mine");
  auto liar = load_variant("liar");
  auto builtin = load_variant("timelock");  // not in the overriding folder
  unsetenv("RECLAIM_VARIANTS_DIR");
  fs::remove_all(dir);
  ASSERT_TRUE(mine.ok()) << mine.error().str();
  EXPECT_EQ(mine->policy.max_devices, 3u);
  ASSERT_FALSE(liar.ok());
  EXPECT_NE(liar.error().message.find("'name' is \"other\" but the file is named \"liar.toml\""),
            std::string::npos)
      << liar.error().str();
  EXPECT_FALSE(builtin.ok());
  EXPECT_NE(variants_dir(), dir.string());
}

// A file loaded by path must declare its own file name as its name, on every load path: a
// scenario's expect[NAME] lines and every report know the variant by that name.
class NameMatchesFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("reclaim-name-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& file, const std::string& text) {
    std::ofstream(dir_ / file) << text;
    return (dir_ / file).string();
  }
  std::filesystem::path dir_;
};

TEST_F(NameMatchesFile, AMismatchIsAnErrorAtTheName) {
  const std::string path = write("mine.toml", "about = \"x\"\nname = \"other\"\n");
  for (const auto& r : {load_variant_file(path), load_variant(path)}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().str().rfind(path + ":2:8: 'name' is \"other\" but the file is named "
                                           "\"mine.toml\"",
                                    0),
              0u)
        << r.error().str();
  }
}

TEST_F(NameMatchesFile, AMatchingNameLoadsByPathAndByName) {
  const std::string path = write("mine.toml", "name = \"mine\"\n");
  auto by_path = load_variant(path);
  ASSERT_TRUE(by_path.ok()) << by_path.error().str();
  EXPECT_EQ(by_path->name, "mine");
  setenv("RECLAIM_VARIANTS_DIR", dir_.c_str(), 1);
  auto by_name = load_variant("mine");
  unsetenv("RECLAIM_VARIANTS_DIR");
  ASSERT_TRUE(by_name.ok()) << by_name.error().str();
  EXPECT_TRUE(same_variant(*by_name, *by_path));
}

TEST_F(NameMatchesFile, AFileWithoutTheTomlSuffixIsNamedByItsWholeName) {
  const std::string good = write("plain", "name = \"plain\"\n");
  EXPECT_TRUE(load_variant(good).ok());
  const std::string bad = write("mine.txt", "name = \"mine\"\n");
  auto r = load_variant(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("\"mine.txt.toml\""), std::string::npos) << r.error().str();
}

TEST_F(NameMatchesFile, AFileNameNoVariantMayHaveIsRejected) {
  const std::string path = write("My Variant.toml", "name = \"my-variant\"\n");
  auto r = load_variant(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 1);
  EXPECT_NE(r.error().message.find("\"My Variant.toml\""), std::string::npos);
}

// parse_variant reads text, not a file: its file_name is for messages only.
TEST(ParseText, TheFileNameIsForMessagesOnly) {
  auto r = parse_variant("name = \"x\"\n", "whatever.toml");
  ASSERT_TRUE(r.ok()) << r.error().str();
  EXPECT_EQ(r->path, "whatever.toml");
}

// ----------------------------------------------------------------------------- round trip

TEST(RoundTrip, EveryBuiltinPrintsAndParsesBackTheSame) {
  for (const auto& name : builtin_variant_names()) {
    SCOPED_TRACE(name);
    Variant v = load_or_die(name);
    std::string text = print_variant(v);
    auto back = parse_variant(text, "printed.toml");
    ASSERT_TRUE(back.ok()) << back.error().str() << "\n" << text;
    EXPECT_EQ(joined(policy_differences(v.policy, back->policy)), "");
    EXPECT_TRUE(same_policy(v.policy, back->policy));
    EXPECT_EQ(back->name, v.name);
    EXPECT_EQ(back->about, v.about);
    EXPECT_EQ(back->claims, v.claims);
    EXPECT_TRUE(same_variant(v, *back));
    EXPECT_EQ(back->path, "printed.toml");
    EXPECT_EQ(print_variant(*back), text);  // canonical: printing is a fixed point
  }
}

TEST(RoundTrip, AboutWithQuotesBackslashesAndControlCharacters) {
  Variant v = load_or_die("ii-2021");
  v.about = "a \"quoted\" \\ back\tslash\nnew line \x01 caf\xc3\xa9";
  auto back = parse_variant(print_variant(v), "printed.toml");
  ASSERT_TRUE(back.ok()) << back.error().str();
  EXPECT_EQ(back->about, v.about);
}

TEST(RoundTrip, DifferencesNameTheField) {
  Policy a, b;
  b.recovery_delay = 3 * kDay;
  b.delay_menu.push_back(kWeek);
  EXPECT_FALSE(same_policy(a, b));
  EXPECT_EQ(joined(policy_differences(a, b)),
            "timelock.delay_menu: [] != [\"1w\"]\n"
            "social.recovery_delay: \"removal-delay\" != \"3d\"\n");
  b = a;
  b.crypto = CryptoBackend::kReal;  // a runtime choice, not part of a variant
  EXPECT_TRUE(same_policy(a, b));
}

TEST(RoundTrip, ClaimsAreKeptInCatalogueOrder) {
  auto v = parse_variant("name = \"x\"\nclaims = [\"BOUNDS\", \"AUTH\", \"ASSET\"]\n", "x.toml");
  ASSERT_TRUE(v.ok()) << v.error().str();
  EXPECT_EQ(v->claims, (std::vector<std::string>{"AUTH", "ASSET", "BOUNDS"}));
}

TEST(RoundTrip, MinimalFileTakesPolicyDefaults) {
  auto v = parse_variant("name = \"bare\"\n", "bare.toml");
  ASSERT_TRUE(v.ok()) << v.error().str();
  Policy expected;
  expected.name = "bare";
  EXPECT_TRUE(same_policy(v->policy, expected));
  EXPECT_TRUE(v->claims.empty());
  EXPECT_EQ(v->about, "");
}

TEST(RoundTrip, InlineTablesAndDottedKeysAreTheSameAsTables) {
  auto a = parse_variant("name = \"x\"\ndevices = { max_devices = 4, protection = true }\n", "a");
  auto b = parse_variant("name = \"x\"\ndevices.max_devices = 4\ndevices.protection = true\n", "b");
  ASSERT_TRUE(a.ok()) << a.error().str();
  ASSERT_TRUE(b.ok()) << b.error().str();
  EXPECT_EQ(a->policy.max_devices, 4u);
  EXPECT_TRUE(same_variant(*a, *b));
}

// ----------------------------------------------------------------------------- durations

TEST(Durations, SyntaxOfTheScenarioLanguage) {
  EXPECT_EQ(parse_duration("0"), 0);
  EXPECT_EQ(parse_duration("90s"), 90);
  EXPECT_EQ(parse_duration("15m"), 15 * kMinute);
  EXPECT_EQ(parse_duration("2h"), 2 * kHour);
  EXPECT_EQ(parse_duration("3d"), 3 * kDay);
  EXPECT_EQ(parse_duration("1w"), kWeek);
  EXPECT_EQ(parse_duration("1mo"), 30 * kDay);
  EXPECT_EQ(parse_duration("1y"), 365 * kDay);
  EXPECT_EQ(parse_duration("100y"), kMaxVariantDuration);
  for (const char* bad : {"", "3x", "90", "-1s", "+1s", "1 w", "1W", "1.5h", "s", "101y",
                          "999999999999999y", "1wk", "removal-delay", " 1w"})
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  EXPECT_EQ(format_duration(0), "0");
  EXPECT_EQ(format_duration(48 * kHour), "2d");
  EXPECT_EQ(format_duration(36 * kHour), "36h");
  EXPECT_EQ(format_duration(900), "15m");
  EXPECT_EQ(format_duration(30 * kDay), "1mo");
  EXPECT_EQ(format_duration(365 * kDay), "1y");
  EXPECT_EQ(format_duration(14 * kDay), "2w");
  EXPECT_EQ(format_duration(61), "61s");
}

RC_GTEST_PROP(Durations, FormatThenParseIsIdentity, ()) {
  const Duration unit = *rc::gen::element<Duration>(1, kMinute, kHour, kDay, kWeek, kMonth, kYear);
  const Duration d = *rc::gen::inRange<Duration>(0, kMaxVariantDuration / unit + 1) * unit;
  RC_ASSERT(parse_duration(format_duration(d)) == std::optional<Duration>(d));
}

// ----------------------------------------------------------------------------- bad input

struct BadCase {
  const char* what;
  const char* text;
  int line;
  int col;
  const char* message;  // a substring of Error::message
};

const BadCase kBadCases[] = {
    {"unknown key", "name = \"x\"\n[devices]\nmax_devicez = 3\n", 3, 1,
     "unknown key 'max_devicez' in [devices]; allowed: max_devices,"},
    {"unknown table", "name = \"x\"\n\n[device]\nmax_devices = 3\n", 3, 2,
     "unknown table [device]; allowed tables: devices,"},
    {"unknown top-level key", "name = \"x\"\nfoo = 1\n", 2, 1, "unknown key 'foo'"},
    {"as_of not a string", "name = \"x\"\nas_of = 2021\n", 2, 9, "'as_of'"},
    {"as_of too long",
     "name = \"x\"\nas_of = "
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n",
     2, 9, "'as_of' is longer than 64 bytes"},
    {"unknown nested table", "name = \"x\"\n[devices.extra]\na = 1\n", 2, 10,
     "unknown key 'extra' in [devices]"},
    {"wrong type", "name = \"x\"\n[devices]\nmax_devices = \"3\"\n", 3, 15,
     "'max_devices' in [devices] must be an integer, not a string"},
    {"float for a count", "name = \"x\"\n[devices]\nmax_devices = 1.5\n", 3, 15,
     "must be an integer, not a float"},
    {"integer for a duration", "name = \"x\"\n[timelock]\ndefault_delay = 7\n", 3, 17,
     "must be a duration string"},
    {"table expected", "name = \"x\"\ndevices = 1\n", 2, 11, "'devices' must be a table"},
    {"bad duration", "name = \"x\"\n[timelock]\ndefault_delay = \"3x\"\n", 3, 17,
     "bad duration \"3x\" for 'default_delay' in [timelock]"},
    {"removal-delay where not allowed",
     "name = \"x\"\n[assets]\nwithdrawal_delay = \"removal-delay\"\n", 3, 20,
     "bad duration \"removal-delay\""},
    {"bad enum", "name = \"x\"\n[timelock]\nboundary = \"sometimes\"\n", 3, 12,
     "bad value \"sometimes\" for 'boundary' in [timelock]; allowed: \"inclusive\", \"strict\""},
    {"unknown claim", "name = \"x\"\nclaims = [\"AUTH\", \"NOPE\"]\n", 2, 19,
     "unknown claim \"NOPE\""},
    {"duplicate claim", "name = \"x\"\nclaims = [\"AUTH\", \"REPLAY\", \"AUTH\"]\n", 2, 29,
     "duplicate claim \"AUTH\""},
    {"timelock with cancel none", "name = \"x\"\n[timelock]\nenabled = true\ncancel = \"none\"\n",
     4, 10, "no device could ever cancel"},
    {"timelock without cancel", "name = \"x\"\n[timelock]\nenabled = true\n", 3, 11,
     "cancel = \"none\""},
    {"claim DELAY without timelock", "name = \"x\"\nclaims = [\"AUTH\", \"DELAY\"]\n", 2, 19,
     "claim DELAY needs [timelock] enabled = true"},
    {"claim TWO-FACTOR without 2fa", "name = \"x\"\nclaims = [\"TWO-FACTOR\"]\n", 2, 11,
     "claim TWO-FACTOR needs [two_factor] enabled = true"},
    {"claim ASSET-2FA without two-factor moves", "name = \"x\"\nclaims = [\"ASSET-2FA\"]\n", 2, 11,
     "claim ASSET-2FA needs [two_factor] assets = true"},
    {"claim ASSET-2FA without two-factor login",
     "name = \"x\"\nclaims = [\"ASSET-2FA\"]\n[two_factor]\nassets = true\n", 2, 11,
     "claim ASSET-2FA needs [two_factor] login = true"},
    {"claim VETO without social", "name = \"x\"\nclaims = [\"VETO\"]\n", 2, 11,
     "claim VETO needs [social] enabled = true"},
    {"claim PROTECTED without protection", "name = \"x\"\nclaims = [\"PROTECTED\"]\n", 2, 11,
     "claim PROTECTED needs [devices] protection = true or"},
    {"claim TENTATIVE without registration",
     "name = \"x\"\nclaims = [\"TENTATIVE\"]\n[registration]\nenabled = false\n", 2, 11,
     "claim TENTATIVE needs [registration] enabled = true"},
    {"max_devices 0", "name = \"x\"\n[devices]\nmax_devices = 0\n", 3, 15,
     "must be between 1 and 24, not 0"},
    {"max_devices 999", "name = \"x\"\n[devices]\nmax_devices = 999\n", 3, 15,
     "must be between 1 and 24, not 999 (the model holds at most kMaxDevices"},
    {"negative count", "name = \"x\"\n[registration]\nattempts = -1\n", 3, 12,
     "must be between 0 and 1000, not -1"},
    {"TOML syntax error", "name = \"x\"\n[devices\nmax_devices = 3\n", 2, 9, "TOML syntax error"},
    {"duplicate key is a syntax error", "name = \"x\"\nname = \"y\"\n", 2, 8,
     "cannot redefine existing string 'name'"},
    {"menu without the default", "name = \"x\"\n[timelock]\ndelay_menu = [\"1w\", \"1d\"]\n", 3, 14,
     "default_delay \"0\" is not in delay_menu"},
    {"menu duplicate", "name = \"x\"\n[timelock]\ndelay_menu = [\"1w\", \"7d\"]\n", 3, 21,
     "duplicate delay \"1w\""},
    {"menu too long",
     "name = \"x\"\n[timelock]\ndelay_menu = "
     "[\"1d\",\"2d\",\"3d\",\"4d\",\"5d\",\"6d\",\"1w\",\"8d\",\"9d\"]\n",
     3, 55, "holds at most 8 delays"},
    {"weight quorum threshold 0", "name = \"x\"\n[social]\nenabled = true\ndefault_threshold = 0\n",
     4, 21, "with default_threshold 0"},
    {"threshold quorum above guardians",
     "name = \"x\"\n[social]\nenabled = true\nquorum = \"threshold\"\ndefault_threshold = 9\n", 5,
     21, "at most kMaxGuardians = 8"},
    {"registration attempts 0", "name = \"x\"\n[registration]\nattempts = 0\n", 3, 12,
     "attempts = 0"},
    {"registration window 0", "name = \"x\"\n[registration]\nwindow = \"0\"\n", 3, 10,
     "window closes as it opens"},
    {"all_removals without timelock", "name = \"x\"\n[timelock]\nall_removals = true\n", 3, 16,
     "needs [timelock] enabled = true"},
    {"clawback without delay", "name = \"x\"\n[assets]\nclawback = true\n", 3, 12,
     "needs a withdrawal_delay"},
    {"majority veto without social", "name = \"x\"\n[social]\nveto = \"majority\"\n", 3, 8,
     "needs [social] enabled = true"},
    {"window without change delay",
     "name = \"x\"\n[social]\nguardian_change_delay = \"0\"\nguardian_change_window = \"12h\"\n", 4,
     26, "guardian_change_window needs a guardian_change_delay"},
    {"seed phrases above devices",
     "name = \"x\"\n[devices]\nmax_devices = 2\nmax_seed_phrases = 3\n", 4, 20,
     "exceeds max_devices 2"},
    {"session ttl above max", "name = \"x\"\n[session]\ndefault_ttl = \"31d\"\n", 3, 15,
     "exceeds max_ttl \"10m\""},
    {"app ttl above max", "name = \"x\"\n[session]\napp_default_ttl = \"9d\"\n", 3, 19,
     "exceeds app_max_ttl \"8d\""},
    {"bad delay_from", "name = \"x\"\n[social]\ndelay_from = \"first\"\n", 3, 14,
     "allowed: \"start\", \"quorum\""},
    {"recovery lock without a lock period",
     "name = \"x\"\n[social]\nenabled = true\nrecovery_lock = \"lock-period\"\n", 4, 17,
     "recovery_lock = \"lock-period\" needs a lock_period"},
    {"lock rule without a lock period", "name = \"x\"\n[social]\nlock_needs_unlocked = true\n", 3,
     23, "lock_needs_unlocked = true needs a lock_period"},
    {"confirmation block without a change delay",
     "name = \"x\"\n[social]\nenabled = true\nlock_period = \"5d\"\nguardian_change_delay = \"0\"\n"
     "lock_blocks_confirmation = true\n",
     6, 28, "needs a lock_period and a guardian_change_delay"},
    {"owner cancel of immediate changes",
     "name = \"x\"\n[social]\nenabled = true\nguardian_change_delay = \"0\"\n"
     "owner_cancels_changes = true\n",
     5, 25, "immediate guardian changes leave nothing to cancel"},
    {"bounded threshold of a weight",
     "name = \"x\"\n[social]\nenabled = true\nbounded_threshold = true\n", 4, 21,
     "needs quorum = \"threshold\""},
    {"replacement without social", "name = \"x\"\n[social]\nreplace = \"more-approvals\"\n", 3, 11,
     "replace needs [social] enabled = true"},
    {"co-signed transfers without guardians", "name = \"x\"\n[assets]\ncosign_transfers = true\n",
     3, 20, "cosign_transfers = true needs [social] enabled = true"},
    {"protectable without protection", "name = \"x\"\n[devices]\nprotectable = true\n", 3, 15,
     "[devices] protectable = true needs [devices] protection = true"},
    {"lock shorter than the recovery",
     "name = \"x\"\n[social]\nenabled = true\nrecovery_delay = \"48h\"\nlock_period = \"1d\"\n", 5,
     15, "lock_period \"1d\" is shorter than recovery_delay \"2d\""},
    {"recovery shorter than a guardian change and its window",
     "name = \"x\"\n[social]\nenabled = true\nrecovery_delay = \"1d\"\nlock_period = \"5d\"\n"
     "guardian_change_delay = \"36h\"\nguardian_change_window = \"12h\"\n",
     4, 18, "recovery_delay \"1d\" is shorter than guardian_change_delay + guardian_change_window"},
    {"owner override without social", "name = \"x\"\n[social]\nremoval_ends_recovery = true\n",
     3, 25, "removal_ends_recovery = true needs [social] enabled = true"},
    {"pending-removal block of immediate removals",
     "name = \"x\"\n[social]\nenabled = true\nguardian_change_delay = \"0\"\n"
     "removal_blocks_recovery = true\n",
     5, 27, "an immediate removal is never pending"},
    {"escape interval without social", "name = \"x\"\n[social]\nescape_interval = \"12h\"\n", 3,
     19, "escape_interval needs [social] enabled = true"},
    {"escape security period below 10 minutes",
     "name = \"x\"\n[social]\nenabled = true\nrecovery_delay = \"9m\"\n"
     "guardian_change_delay = \"7d\"\nescape_interval = \"12h\"\n",
     4, 18, "recovery_delay \"9m\" is below the 10-minute minimum security period"},
    {"escape guardian change period below 10 minutes",
     "name = \"x\"\n[social]\nenabled = true\nrecovery_delay = \"10m\"\n"
     "guardian_change_delay = \"599s\"\nremoval_ends_recovery = true\n",
     5, 25, "guardian_change_delay \"599s\" is below the 10-minute minimum"},
    {"missing name", "[devices]\nmax_devices = 3\n", 1, 1, "missing required key 'name'"},
    {"bad name", "name = \"Timelock 2\"\n", 1, 8, "'name' must be 1 to 64 characters"},
    {"claims not an array", "name = \"x\"\nclaims = \"AUTH\"\n", 2, 10,
     "'claims' must be an array"},
    {"invalid UTF-8", "name = \"x\xff\"\n", 1, 9, "TOML syntax error"},
};

TEST(BadInput, EachIsReportedAtItsLineAndColumn) {
  for (const BadCase& c : kBadCases) {
    SCOPED_TRACE(c.what);
    auto r = parse_variant(c.text, "bad.toml");
    ASSERT_FALSE(r.ok()) << c.text;
    const Error& e = r.error();
    EXPECT_EQ(e.file, "bad.toml");
    EXPECT_EQ(e.line, c.line) << e.str();
    EXPECT_EQ(e.col, c.col) << e.str();
    EXPECT_NE(e.message.find(c.message), std::string::npos) << e.str();
    EXPECT_EQ(
        e.str().rfind("bad.toml:" + std::to_string(c.line) + ":" + std::to_string(c.col) + ": ", 0),
        0u)
        << e.str();
  }
}

TEST(BadInput, TheFirstErrorInTheFileIsReported) {
  // toml::table orders keys by name; the report must follow the file instead.
  auto r = parse_variant("name = \"x\"\n[devices]\nzzz = 1\naaa = 2\n", "bad.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 3);
  EXPECT_NE(r.error().message.find("'zzz'"), std::string::npos);
}

TEST(BadInput, ErrorsInAFileCarryItsPath) {
  namespace fs = std::filesystem;
  const std::string name = "reclaim-bad-" + std::to_string(getpid());
  fs::path path = fs::temp_directory_path() / (name + ".toml");
  std::ofstream(path) << "name = \"" << name << "\"\n[timelock]\nenabled = true\n";
  auto r = load_variant(path.string());
  fs::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().str().rfind(path.string() + ":3:11: ", 0), 0u) << r.error().str();
}

// ----------------------------------------------------------------------------- properties

// The claims a policy supports, restated from variant.h's contract (not from the code).
bool supports(const Policy& p, std::string_view claim) {
  if (claim == "PROTECTED") return p.protection || p.immutable_recovery_path;
  if (claim == "DELAY" || claim == "RECLAIM") return p.timelock && p.notifications;
  if (claim == "DELAY-MONO") return p.timelock;
  if (claim == "NOTIFY") return p.notifications;
  if (claim == "TWO-FACTOR") return p.two_factor;
  if (claim == "ASSET-2FA") return p.two_factor_assets && p.two_factor_login;
  if (claim == "EVICT") return p.timelock && p.notifications;
  if (claim == "GUARDIAN-MINORITY" || claim == "SOCIAL-LIVENESS" ||
      claim == "GUARDIANS-PREVAIL")
    return p.guardians;
  if (claim == "VETO") return p.guardians && p.veto != CancelRight::kNone;
  if (claim == "TENTATIVE") return p.registration;
  return true;
}

// Valid UTF-8 only: parse_variant accepts nothing else, so print_variant's round-trip
// contract covers nothing else. Control characters, quotes and backslashes test escaping.
rc::Gen<std::string> gen_utf8() {
  return rc::gen::map(
      rc::gen::container<std::vector<uint32_t>>(rc::gen::oneOf(
          rc::gen::element<uint32_t>(0, '\n', '\t', '"', '\\', 0x7f, 0xe9, 0x20ac, 0x1f511),
          rc::gen::inRange<uint32_t>(0x20, 0x7f), rc::gen::inRange<uint32_t>(0xa0, 0xd800))),
      [](const std::vector<uint32_t>& code_points) {
        std::string out;
        for (uint32_t c : code_points) {
          if (c < 0x80) {
            out += static_cast<char>(c);
          } else if (c < 0x800) {
            out += static_cast<char>(0xc0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3f));
          } else if (c < 0x10000) {
            out += static_cast<char>(0xe0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (c & 0x3f));
          } else {
            out += static_cast<char>(0xf0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (c & 0x3f));
          }
        }
        return out;
      });
}

rc::Gen<Duration> gen_duration() {
  return rc::gen::oneOf(
      rc::gen::element<Duration>(0, 90, 15 * kMinute, 36 * kHour, 2 * kDay, kWeek, kMonth, kYear),
      rc::gen::inRange<Duration>(0, kMaxVariantDuration + 1));
}

// A random variant that satisfies every contradiction rule of variant.h: random fields, then
// each rule repaired in the direction that keeps the most features on.
Variant gen_valid_variant() {
  namespace gen = rc::gen;
  Variant v;
  v.name = *gen::element<std::string>("a", "mine", "x-2", "0");
  v.about = *gen_utf8();
  v.as_of = *gen::element<std::string>("", "v2.5", "May 2022", "caf\xc3\xa9 \"q\" \\");
  Policy& p = v.policy;
  p.name = v.name;
  p.max_devices = *gen::inRange<uint32_t>(1, kMaxDevices + 1);
  p.max_seed_phrases = *gen::inRange<uint32_t>(0, p.max_devices + 1);
  p.protection = *gen::arbitrary<bool>();
  p.protectable = p.protection && *gen::arbitrary<bool>();
  p.allow_remove_last_device = *gen::arbitrary<bool>();
  p.session_default_ttl = *gen_duration();
  p.session_max_ttl = *gen::inRange<Duration>(p.session_default_ttl, kMaxVariantDuration + 1);
  p.session_manages_devices = *gen::arbitrary<bool>();
  p.app_sessions = *gen::arbitrary<bool>();
  p.app_default_ttl = *gen_duration();
  p.app_max_ttl = *gen::inRange<Duration>(p.app_default_ttl, kMaxVariantDuration + 1);
  p.timelock = *gen::arbitrary<bool>();
  for (Duration d : *gen::container<std::vector<Duration>>(*gen::inRange(0, 9), gen_duration()))
    if (std::find(p.delay_menu.begin(), p.delay_menu.end(), d) == p.delay_menu.end())
      p.delay_menu.push_back(d);
  p.default_removal_delay = p.delay_menu.empty()
                                ? *gen_duration()
                                : p.delay_menu[*gen::inRange<std::size_t>(0, p.delay_menu.size())];
  p.guardians = *gen::arbitrary<bool>();
  const auto rights =
      p.guardians ? std::vector<CancelRight>{CancelRight::kNone, CancelRight::kRecoveryDevice,
                                             CancelRight::kAnyDevice, CancelRight::kMajority}
                  : std::vector<CancelRight>{CancelRight::kNone, CancelRight::kRecoveryDevice,
                                             CancelRight::kAnyDevice};
  p.cancel = *gen::elementOf(rights);
  if (p.timelock && p.cancel == CancelRight::kNone) p.cancel = CancelRight::kRecoveryDevice;
  p.boundary = *gen::element(Boundary::kInclusive, Boundary::kStrict);
  p.timelock_all_removals = p.timelock && *gen::arbitrary<bool>();
  p.notifications = *gen::arbitrary<bool>();
  p.two_factor = *gen::arbitrary<bool>();
  p.two_factor_login = *gen::arbitrary<bool>();
  p.two_factor_assets = *gen::arbitrary<bool>();
  p.totp = *gen::arbitrary<bool>();
  p.quorum =
      *gen::element(RecoveryQuorum::kWeight, RecoveryQuorum::kHalf, RecoveryQuorum::kThreshold);
  p.default_guardian_threshold = p.quorum == RecoveryQuorum::kThreshold
                                     ? *gen::inRange<uint32_t>(1, kMaxGuardians + 1)
                                     : *gen::inRange<uint32_t>(1, 1'000'001);
  p.owner_may_start_recovery = *gen::arbitrary<bool>();
  p.recovery_delay = *gen::oneOf(gen::just<Duration>(-1), gen_duration());
  p.veto = *gen::elementOf(rights);
  p.guardian_change_delay = *gen::oneOf(gen::just<Duration>(-1), gen_duration());
  p.guardian_change_window = p.guardian_change_delay == 0 ? 0 : *gen_duration();
  p.following = *gen::arbitrary<bool>();
  p.lock_period = *gen_duration();
  if (p.guardians && p.lock_period > 0 && p.recovery_delay >= 0) {
    // Argent's constructor order: lock >= recovery >= guardian change delay + window.
    if (p.guardian_change_delay > 0) {
      if (p.guardian_change_delay + p.guardian_change_window > kMaxVariantDuration)
        p.guardian_change_window = 0;
      p.recovery_delay =
          std::max(p.recovery_delay, p.guardian_change_delay + p.guardian_change_window);
    }
    p.lock_period = std::max(p.lock_period, p.recovery_delay);
  }
  p.recovery_clock = *gen::element(RecoveryClock::kStart, RecoveryClock::kQuorum);
  if (p.lock_period > 0) {
    p.recovery_lock = *gen::element(RecoveryLock::kUntilDue, RecoveryLock::kLockPeriod);
    p.lock_needs_unlocked = *gen::arbitrary<bool>();
    p.lock_blocks_confirmation = p.guardian_change_delay != 0 && *gen::arbitrary<bool>();
  }
  p.owner_cancels_guardian_changes =
      p.guardians && p.guardian_change_delay != 0 && *gen::arbitrary<bool>();
  p.bounded_threshold =
      p.guardians && p.quorum == RecoveryQuorum::kThreshold && *gen::arbitrary<bool>();
  if (p.guardians) {
    p.recovery_replace = *gen::element(RecoveryReplace::kNever, RecoveryReplace::kMoreApprovals,
                                       RecoveryReplace::kAlways);
    p.cosign_device_changes = *gen::arbitrary<bool>();
    p.cosign_transfers = *gen::arbitrary<bool>();
    // The escape switches need security periods of at least 10 minutes where they are fixed.
    auto long_enough = [](Duration d) { return d < 0 || d >= 10 * kMinute; };
    if (long_enough(p.recovery_delay) && long_enough(p.guardian_change_delay)) {
      p.removal_ends_recovery = *gen::arbitrary<bool>();
      p.removal_blocks_recovery = p.guardian_change_delay != 0 && *gen::arbitrary<bool>();
      p.escape_interval = *gen::element<Duration>(0, 12 * kHour);
    }
  }
  p.withdrawal_delay = *gen_duration();
  p.clawback = p.withdrawal_delay > 0 && *gen::arbitrary<bool>();
  p.immutable_recovery_path = *gen::arbitrary<bool>();
  p.sweep = *gen::element(SweepRight::kNone, SweepRight::kRecoveryDevice, SweepRight::kAnyone);
  p.registration = *gen::arbitrary<bool>();
  p.registration_window = *gen::inRange<Duration>(1, kMaxVariantDuration + 1);
  p.registration_attempts = *gen::inRange<uint32_t>(1, 1001);
  for (auto id : invariant_ids())
    if (supports(p, id) && *gen::arbitrary<bool>()) v.claims.emplace_back(id);
  return v;
}

RC_GTEST_PROP(RoundTrip, EveryValidVariantPrintsAndParsesBackTheSame, ()) {
  const Variant v = gen_valid_variant();
  const std::string text = print_variant(v);
  auto back = parse_variant(text, "gen.toml");
  RC_ASSERT(back.ok());  // a rejection here means the contract in variant.h and the code differ
  RC_ASSERT(joined(policy_differences(v.policy, back->policy)) == "");
  RC_ASSERT(same_variant(v, *back));
  RC_ASSERT(print_variant(*back) == text);
}

// Whatever bytes arrive (the CLI and fuzz targets pass user files), parsing returns a Result
// with a position inside the text, and never throws.
RC_GTEST_PROP(BadInput, MutatedBuiltinsNeverThrowAndErrorsHaveAPosition, ()) {
  const auto name = *rc::gen::elementOf(builtin_variant_names());
  auto v = load_variant(name);
  RC_ASSERT(v.ok());
  // Either the hand-written file (comments, arrays, alignment) or the canonical text.
  std::string text = print_variant(*v);
  if (*rc::gen::arbitrary<bool>()) {
    std::ifstream in(v->path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const int edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = *rc::gen::element<char>('"', '[', ']', '=', '\n', '0', '9', 'x', ',', '#', '\0');
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        text[at] = c;
        break;
      case 1:
        text.insert(at, 1, c);
        break;
      default:
        text.erase(at, 1);
        break;
    }
  }
  Result<Variant> r = Error{};
  RC_ASSERT_FALSE(([&] {
    try {
      r = parse_variant(text, "mutated.toml");
      return false;
    } catch (...) {
      return true;
    }
  })());
  if (!r.ok()) {
    RC_ASSERT(r.error().file == "mutated.toml");
    RC_ASSERT(r.error().line >= 1);
    RC_ASSERT(r.error().col >= 1);
    const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
    RC_ASSERT(r.error().line <= lines);
  }
}

}  // namespace
}  // namespace reclaim
