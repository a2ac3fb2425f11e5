// Tests of State as a value (state.h): == and the stable hash agree, every field reaches the
// hash, the hash of a fixed state is pinned forever, and dump() renders a state as the text
// tests compare against (LevelDB style).
#include "model/state.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace reclaim {
namespace {

PublicKey KeyOf(uint8_t seed) {
  PublicKey k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(seed * 31 + i);
  return k;
}

// A small identity touching every part of the state: two devices, a pending removal, a
// guardian, a running recovery, an asset, a session, a notification, a seen request and an
// open registration with a tentative device.
State SmallState() {
  Identity id;
  id.id = 1;
  id.removal_delay = kWeek;
  id.devices.push_back({1, DeviceKind::kPasskey, Purpose::kAuth, false, KeyOf(1), 0});
  id.devices.push_back({2, DeviceKind::kSeedPhrase, Purpose::kRecovery, true, KeyOf(2), 5});
  PendingChange c;
  c.number = 1;
  c.op = Op::kRemoveDevice;
  c.args.device = 2;
  c.requested_at = 10;
  c.due_at = 10 + kWeek;
  c.delay = kWeek;
  c.requested_by = 0x1234;
  id.pending.push_back(c);
  id.next_change = 2;
  id.guardians.push_back({3, 2, KeyOf(3), kNone});
  id.guardian_threshold = 2;
  id.recovery.active = true;
  id.recovery.new_device = 9;
  id.recovery.new_key = KeyOf(9);
  id.recovery.started_at = 20;
  id.recovery.due_at = 20 + kWeek;
  id.recovery.guardians_at_start = 1;
  id.recovery.approvals.push_back(3);
  id.recovery.started_by = 0x5678;
  id.assets.push_back({1, 500, 180 * kDay});
  id.sessions.push_back({1, KeyOf(4), 1800});
  id.next_session = 2;
  id.notifications.push_back({1, 10, Op::kRemoveDevice, 2, 1, 0x1234});
  id.notification_count = 1;
  id.seen.push_back({0x1234, 7, 10});
  id.registration.open = true;
  id.registration.window_end = 900;
  id.registration.has_tentative = true;
  id.registration.device = 8;
  id.registration.key = KeyOf(8);
  id.registration.code = 123456;
  id.registration.wrong_attempts = 1;
  State s;
  s.identities.push_back(id);
  return s;
}

// DO NOT UPDATE: a change here breaks every stored trace hash (committed scenarios, fuzz
// corpora, reference reports). These were computed once from SmallState() and State{} and
// hard-coded; a failure means the hash algorithm or the order it walks fields in changed.
// The empty state is FNV-1a-64 of one zero 64-bit word (the identity count), which can be
// checked by hand: 0xa8c7f832281a39c5.
constexpr uint64_t kPinnedSmallStateHash = 0x64a0a84bfb1f32f7;  // since Recovery::start_nonce
constexpr uint64_t kPinnedEmptyStateHash = 0xa8c7f832281a39c5;

TEST(StateTest, HashIsPinned) {
  EXPECT_EQ(hash(SmallState()), kPinnedSmallStateHash);
  EXPECT_EQ(hash(State{}), kPinnedEmptyStateHash);
}

TEST(StateTest, EqualStatesHaveEqualHashes) {
  const State a = SmallState();
  const State b = SmallState();
  EXPECT_EQ(a, b);
  EXPECT_EQ(hash(a), hash(b));
  State c;
  c = a;  // copy-assignment copies the used prefix only; the value is the same
  EXPECT_EQ(c, a);
  EXPECT_EQ(hash(c), hash(a));
  EXPECT_EQ(State{}, State{});
  EXPECT_NE(State{}, a);
  EXPECT_NE(hash(State{}), hash(a));
}

TEST(StateTest, EveryFieldChangesEqualityAndHash) {
  using Edit = std::pair<const char*, std::function<void(Identity&)>>;
  const std::vector<Edit> edits = {
      {"id", [](Identity& i) { i.id = 2; }},
      {"device.id", [](Identity& i) { i.devices[0].id = 5; }},
      {"device.kind", [](Identity& i) { i.devices[0].kind = DeviceKind::kSecurityKey; }},
      {"device.purpose", [](Identity& i) { i.devices[0].purpose = Purpose::kRecovery; }},
      {"device.protected", [](Identity& i) { i.devices[1].is_protected = false; }},
      {"device.key", [](Identity& i) { i.devices[0].key[31] ^= 1; }},
      {"device.added_at", [](Identity& i) { i.devices[1].added_at = 6; }},
      {"devices.size", [](Identity& i) { i.devices.erase_at(0); }},
      {"device order",
       [](Identity& i) {
         const Device d = i.devices[0];
         i.devices.erase_at(0);
         i.devices.push_back(d);
       }},
      {"pending.number", [](Identity& i) { i.pending[0].number = 3; }},
      {"pending.op", [](Identity& i) { i.pending[0].op = Op::kUnprotect; }},
      {"pending.args.device", [](Identity& i) { i.pending[0].args.device = 1; }},
      {"pending.args.device2", [](Identity& i) { i.pending[0].args.device2 = 1; }},
      {"pending.args.kind", [](Identity& i) { i.pending[0].args.kind = DeviceKind::kSeedPhrase; }},
      {"pending.args.purpose", [](Identity& i) { i.pending[0].args.purpose = Purpose::kRecovery; }},
      {"pending.args.protect", [](Identity& i) { i.pending[0].args.protect = true; }},
      {"pending.args.key", [](Identity& i) { i.pending[0].args.key[0] = 1; }},
      {"pending.args.duration", [](Identity& i) { i.pending[0].args.duration = 1; }},
      {"pending.args.number", [](Identity& i) { i.pending[0].args.number = 1; }},
      {"pending.args.actor", [](Identity& i) { i.pending[0].args.actor = 1; }},
      {"pending.args.actor2", [](Identity& i) { i.pending[0].args.actor2 = 1; }},
      {"pending.args.weight", [](Identity& i) { i.pending[0].args.weight = 1; }},
      {"pending.args.asset", [](Identity& i) { i.pending[0].args.asset = 1; }},
      {"pending.args.amount", [](Identity& i) { i.pending[0].args.amount = 1; }},
      {"pending.args.code", [](Identity& i) { i.pending[0].args.code = 1; }},
      {"pending.requested_at", [](Identity& i) { i.pending[0].requested_at = 11; }},
      {"pending.due_at", [](Identity& i) { i.pending[0].due_at += 1; }},
      {"pending.expires_at", [](Identity& i) { i.pending[0].expires_at = 99; }},
      {"pending.delay", [](Identity& i) { i.pending[0].delay = kMonth; }},
      {"pending.requested_by", [](Identity& i) { i.pending[0].requested_by = 1; }},
      {"next_change", [](Identity& i) { i.next_change = 3; }},
      {"removal_delay", [](Identity& i) { i.removal_delay = kYear; }},
      {"guardian.actor", [](Identity& i) { i.guardians[0].actor = 4; }},
      {"guardian.weight", [](Identity& i) { i.guardians[0].weight = 1; }},
      {"guardian.key", [](Identity& i) { i.guardians[0].key[5] ^= 1; }},
      {"guardian.follows", [](Identity& i) { i.guardians[0].follows = 4; }},
      {"guardian_threshold", [](Identity& i) { i.guardian_threshold = 3; }},
      {"recovery.active", [](Identity& i) { i.recovery.active = false; }},
      {"recovery.new_device", [](Identity& i) { i.recovery.new_device = 10; }},
      {"recovery.kind", [](Identity& i) { i.recovery.kind = DeviceKind::kHardwareWallet; }},
      {"recovery.new_key", [](Identity& i) { i.recovery.new_key[1] ^= 1; }},
      {"recovery.started_at", [](Identity& i) { i.recovery.started_at = 21; }},
      {"recovery.due_at", [](Identity& i) { i.recovery.due_at = 21; }},
      {"recovery.guardians_at_start", [](Identity& i) { i.recovery.guardians_at_start = 2; }},
      {"recovery.approvals", [](Identity& i) { i.recovery.approvals.push_back(4); }},
      {"recovery.vetoes", [](Identity& i) { i.recovery.vetoes.push_back(kOwnerVoter); }},
      {"recovery.owner_started", [](Identity& i) { i.recovery.owner_started = true; }},
      {"recovery.started_by", [](Identity& i) { i.recovery.started_by = 1; }},
      {"recovery.start_nonce", [](Identity& i) { i.recovery.start_nonce = 1; }},
      {"locked_until", [](Identity& i) { i.locked_until = 5; }},
      {"last_recovery_start", [](Identity& i) { i.last_recovery_start = 0; }},
      {"last_guardian_removal", [](Identity& i) { i.last_guardian_removal = 0; }},
      {"asset.id", [](Identity& i) { i.assets[0].id = 2; }},
      {"asset.amount", [](Identity& i) { i.assets[0].amount = 499; }},
      {"asset.locked_until", [](Identity& i) { i.assets[0].locked_until = 0; }},
      {"session.id", [](Identity& i) { i.sessions[0].id = 2; }},
      {"session.key", [](Identity& i) { i.sessions[0].key[2] ^= 1; }},
      {"session.expires_at", [](Identity& i) { i.sessions[0].expires_at = 1801; }},
      {"next_session", [](Identity& i) { i.next_session = 3; }},
      {"notification.seq", [](Identity& i) { i.notifications[0].seq = 2; }},
      {"notification.at", [](Identity& i) { i.notifications[0].at = 11; }},
      {"notification.op", [](Identity& i) { i.notifications[0].op = Op::kCancel; }},
      {"notification.device", [](Identity& i) { i.notifications[0].device = 1; }},
      {"notification.change", [](Identity& i) { i.notifications[0].change = 0; }},
      {"notification.request", [](Identity& i) { i.notifications[0].request = 1; }},
      {"notification_count", [](Identity& i) { i.notification_count = 2; }},
      {"seen.digest", [](Identity& i) { i.seen[0].digest = 1; }},
      {"seen.nonce", [](Identity& i) { i.seen[0].nonce = 8; }},
      {"seen.time", [](Identity& i) { i.seen[0].time = 11; }},
      {"nonce_floor", [](Identity& i) { i.nonce_floor = 1; }},
      {"registration.open", [](Identity& i) { i.registration.open = false; }},
      {"registration.window_end", [](Identity& i) { i.registration.window_end = 901; }},
      {"registration.has_tentative", [](Identity& i) { i.registration.has_tentative = false; }},
      {"registration.device", [](Identity& i) { i.registration.device = 7; }},
      {"registration.kind", [](Identity& i) { i.registration.kind = DeviceKind::kSeedPhrase; }},
      {"registration.purpose", [](Identity& i) { i.registration.purpose = Purpose::kRecovery; }},
      {"registration.key", [](Identity& i) { i.registration.key[3] ^= 1; }},
      {"registration.code", [](Identity& i) { i.registration.code = 654321; }},
      {"registration.wrong_attempts", [](Identity& i) { i.registration.wrong_attempts = 2; }},
  };
  const State base = SmallState();
  const uint64_t base_hash = hash(base);
  std::set<uint64_t> hashes = {base_hash}, quick = {quick_hash(base)};
  for (const auto& [name, edit] : edits) {
    State changed = base;
    edit(changed.identities[0]);
    EXPECT_NE(changed, base) << name;
    EXPECT_NE(hash(changed), base_hash) << name;
    EXPECT_NE(quick_hash(changed), quick_hash(base)) << name;
    hashes.insert(hash(changed));
    quick.insert(quick_hash(changed));
  }
  EXPECT_EQ(hashes.size(), edits.size() + 1);  // every edit gives its own hash
  EXPECT_EQ(quick.size(), edits.size() + 1);   // and its own quick hash
  State copy = base;
  EXPECT_EQ(quick_hash(copy), quick_hash(base));
}

TEST(StateTest, IdentityOrderAndCountMatter) {
  State one = SmallState();
  State two = one;
  Identity other;
  other.id = 2;
  two.identities.push_back(other);
  EXPECT_NE(hash(two), hash(one));
  State swapped;
  swapped.identities.push_back(other);
  swapped.identities.push_back(one.identities[0]);
  EXPECT_NE(swapped, two);
  EXPECT_NE(hash(swapped), hash(two));
}

TEST(StateTest, DumpWithoutNames) {
  EXPECT_EQ(dump(SmallState()),
            "identity #1 removal-delay 604800s\n"
            "  device #1 passkey auth added 0s\n"
            "  device #2 seed-phrase recovery protected added 5s\n"
            "  pending #1 remove-device #2 requested 10s due 604810s\n"
            "  guardian-threshold 2\n"
            "  guardian #3 weight 2\n"
            "  recovery to #9 due 604820s approvals #3 vetoes 0\n"
            "  asset #1 500 locked-until 15552000s\n"
            "  session #1 expires 1800s\n"
            "  registration until 900s tentative #8 wrong-codes 1\n"
            "  notifications 1\n");
  EXPECT_EQ(dump(State{}), "");
}

TEST(StateTest, DumpWithNames) {
  State s = SmallState();
  Identity& id = s.identities[0];
  id.recovery = Recovery{};
  id.registration = Registration{};
  id.guardians[0].follows = 4;
  id.pending[0].expires_at = 2 * kWeek;
  id.locked_until = 5 * kDay;
  const Namer namer{[](IdentityId i) { return i == 1 ? std::string("alice") : std::string("?"); },
                    [](DeviceId d) { return "alice/d" + std::to_string(d); },
                    [](ActorId a) { return a == 3 ? std::string("bob") : std::string("carol"); }};
  EXPECT_EQ(dump(s, &namer),
            "identity alice removal-delay 604800s\n"
            "  device alice/d1 passkey auth added 0s\n"
            "  device alice/d2 seed-phrase recovery protected added 5s\n"
            "  pending #1 remove-device alice/d2 requested 10s due 604810s expires 1209600s\n"
            "  guardian-threshold 2\n"
            "  guardian bob weight 2 follows carol\n"
            "  locked-until 432000s\n"
            "  asset #1 500 locked-until 15552000s\n"
            "  session #1 expires 1800s\n"
            "  notifications 1\n");
}

TEST(StateTest, CountsByPurposeAndKind) {
  const State s = SmallState();
  const Identity& id = s.identities[0];
  EXPECT_EQ(id.count_purpose(Purpose::kAuth), 1u);
  EXPECT_EQ(id.count_purpose(Purpose::kRecovery), 1u);
  EXPECT_EQ(id.count_kind(DeviceKind::kSeedPhrase), 1u);
  EXPECT_EQ(id.count_kind(DeviceKind::kHardwareWallet), 0u);
}

}  // namespace
}  // namespace reclaim
