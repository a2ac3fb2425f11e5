// The headline behaviours of the built-in variants, as plain model runs: what a thief with
// one device can do under each design. These pin the story the variants tell (each file's
// opening comment) before any engine searches for more.
#include <gtest/gtest.h>

#include "sim/world.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

struct Alice {
  World world;
  ActorId alice, mallory;
  IdentityId id;
  DeviceId yubikey = kNone, phrase = kNone, laptop = kNone;

  Alice(const std::string& variant, bool with_laptop, bool phrase_protected)
      : world(load(variant), 1) {
    alice = world.actor("alice");
    mallory = world.actor("mallory");
    id = world.add_identity("alice", alice);
    if (with_laptop)
      laptop = *world.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
    yubikey = *world.add_device(id, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth,
                                false, {});
    phrase = *world.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery,
                               phrase_protected, {});
  }
  static Policy load(const std::string& name) {
    Result<Variant> v = load_variant(name);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().str());
    return v.ok() ? v->policy : Policy{};
  }
  const Step& remove(ActorId who, DeviceId target, std::vector<DeviceId> signers) {
    Args a;
    a.device = target;
    auto s = world.submit(who, id, Op::kRemoveDevice, a, SignWith{signers, false, false});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().str());
    return *s.value();
  }
  bool present(DeviceId d) const { return world.state().identity(id)->device(d) != nullptr; }
};

TEST(Headline, Ii2021ThiefWithOneYubikeyLocksTheOwnerOut) {
  Alice a("ii-2021", /*with_laptop=*/false, /*phrase_protected=*/false);
  a.world.begin();
  ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
  a.world.advance_to(kHour);
  const Step& s = a.remove(a.mallory, a.phrase, {a.yubikey});
  EXPECT_EQ(s.verdict, Verdict::kAccepted);
  EXPECT_FALSE(a.present(a.phrase));
  EXPECT_TRUE(a.world.locked_out(a.id));
  EXPECT_TRUE(a.world.in_control(a.id, a.mallory));
}

TEST(Headline, IiProtectedKeepsAProtectedPhraseButNotAnUnprotectedOne) {
  for (bool prot : {true, false}) {
    Alice a("ii-protected", false, prot);
    a.world.begin();
    ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
    const Step& s = a.remove(a.mallory, a.phrase, {a.yubikey});
    if (prot) {
      EXPECT_EQ(s.verdict, Verdict::kRejected);
      EXPECT_EQ(s.reject, Reject::kProtected);
      EXPECT_EQ(s.rule, "R-DEV-5");
      EXPECT_TRUE(a.present(a.phrase));
      EXPECT_FALSE(a.world.locked_out(a.id));
    } else {
      EXPECT_EQ(s.verdict, Verdict::kAccepted);
      EXPECT_FALSE(a.present(a.phrase));
      EXPECT_TRUE(a.world.locked_out(a.id));
    }
  }
}

TEST(Headline, TimelockRemovalStaysPendingAndThePhraseCancelsIt) {
  Alice a("timelock", false, true);
  a.world.begin();
  ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
  a.world.advance_to(kHour);
  const Step& s = a.remove(a.mallory, a.phrase, {a.yubikey});
  EXPECT_EQ(s.verdict, Verdict::kPending);
  const uint32_t change = s.change;
  EXPECT_EQ(change, 1u);
  EXPECT_TRUE(a.present(a.phrase));
  // The owner was notified, and cancels with the phrase a day later.
  EXPECT_EQ(a.world.state().identity(a.id)->notification_count, 1u);
  a.world.advance_to(kDay);
  Args c;
  c.number = change;
  auto cancel = a.world.submit(a.alice, a.id, Op::kCancel, c, SignWith{{a.phrase}, false, false});
  ASSERT_TRUE(cancel.ok());
  EXPECT_EQ((*cancel)->verdict, Verdict::kAccepted);
  EXPECT_EQ((*cancel)->rule, "R-TL-8");
  // The YubiKey is an authentication device: the phrase removes it at once.
  const Step& r = a.remove(a.alice, a.yubikey, {a.phrase});
  EXPECT_EQ(r.verdict, Verdict::kAccepted);
  a.world.advance_to(30 * kDay);
  EXPECT_TRUE(a.present(a.phrase));
  EXPECT_FALSE(a.present(a.yubikey));
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_FALSE(a.world.in_control(a.id, a.mallory));
}

TEST(Headline, TimelockDecreasingTheDelayFromAYearToZeroTakesAYear) {
  Alice a("timelock", true, true);
  a.world.set_removal_delay(a.id, kYear);
  a.world.begin();
  Args d;
  d.duration = 0;
  auto s =
      a.world.submit(a.alice, a.id, Op::kSetRemovalDelay, d, SignWith{{a.laptop}, false, false});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->verdict, Verdict::kPending);
  EXPECT_EQ((*s)->rule, "R-TL-3");
  a.world.advance_to(kYear - 1);
  EXPECT_EQ(a.world.state().identity(a.id)->removal_delay, kYear);
  a.world.advance_to(kYear);
  EXPECT_EQ(a.world.state().identity(a.id)->removal_delay, 0);
}

TEST(Headline, CandideStolenOwnerKeyCancelsEveryRecovery) {
  World w(Alice::load("candide"), 1);
  const ActorId alice = w.actor("alice"), mallory = w.actor("mallory");
  const ActorId bob = w.actor("bob"), carol = w.actor("carol");
  const IdentityId id = w.add_identity("alice", alice);
  const DeviceId owner =
      *w.add_device(id, "alice/owner", DeviceKind::kPasskey, Purpose::kAuth, false, {});
  ASSERT_TRUE(w.add_guardian(id, bob, 1).ok());
  ASSERT_TRUE(w.add_guardian(id, carol, 1).ok());
  w.set_guardian_threshold(id, 2);
  w.begin();
  ASSERT_TRUE(w.event(EventKind::kSteal, mallory, id, owner).ok());
  for (int round = 0; round < 3; ++round) {
    w.advance_to(w.now() + kHour);
    Args start;
    start.device2 = w.device_id("alice/fresh" + std::to_string(round));
    auto s = w.submit(bob, id, Op::kStartRecovery, start, SignWith{{}, false, true}, alice);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ((*s)->verdict, Verdict::kAccepted);
    auto ap = w.submit(carol, id, Op::kApproveRecovery, Args{}, SignWith{{}, false, true});
    ASSERT_TRUE(ap.ok());
    EXPECT_EQ((*ap)->verdict, Verdict::kAccepted);
    auto veto = w.submit(mallory, id, Op::kVetoRecovery, Args{}, SignWith{{owner}, false, false});
    ASSERT_TRUE(veto.ok());
    EXPECT_EQ((*veto)->verdict, Verdict::kAccepted);
    w.advance_to(w.now() + 4 * kDay);
    EXPECT_TRUE(w.state().identity(id)->device(owner) != nullptr);
  }
  EXPECT_TRUE(w.locked_out(id));
  EXPECT_TRUE(w.in_control(id, mallory));
}

}  // namespace
}  // namespace reclaim
