// The headline behaviours of the built-in variants, as plain model runs: what a thief with
// one device can do under each design. These pin the story the variants tell (each file's
// opening comment) before any engine searches for more.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "model/testing.h"
#include "sim/testing.h"
#include "sim/world.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

Policy Load(const std::string& variant) {
  Result<Variant> v = load_variant(variant);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().str());
  return v.ok() ? v->policy : Policy{};
}

// alice's identity under a built-in variant: a laptop if asked for, a YubiKey and a seed
// phrase (protected if asked); mallory the thief.
struct HeadlineBed : Bed {
  HeadlineBed(const std::string& variant, bool with_laptop, bool phrase_protected)
      : Bed(Load(variant)) {
    if (with_laptop) laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
    yubikey = Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
    phrase = Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, phrase_protected);
  }
  const Step& Remove(ActorId who, DeviceId target, std::initializer_list<DeviceId> signers) {
    return world.steps()[Submit(who, Op::kRemoveDevice, On(target), By(signers))];
  }
};

TEST(Headline, Ii2021ThiefWithOneYubikeyLocksTheOwnerOut) {
  HeadlineBed a("ii-2021", /*with_laptop=*/false, /*phrase_protected=*/false);
  a.world.begin();
  ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
  a.world.advance_to(kHour);
  const Step& s = a.Remove(a.mallory, a.phrase, {a.yubikey});
  EXPECT_EQ(s.verdict, Verdict::kAccepted);
  EXPECT_FALSE(a.Has(a.phrase));
  EXPECT_TRUE(a.world.locked_out(a.id));
  EXPECT_TRUE(a.world.in_control(a.id, a.mallory));
}

TEST(Headline, IiProtectedKeepsAProtectedPhraseButNotAnUnprotectedOne) {
  for (bool prot : {true, false}) {
    HeadlineBed a("ii-protected", false, prot);
    a.world.begin();
    ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
    const Step& s = a.Remove(a.mallory, a.phrase, {a.yubikey});
    if (prot) {
      EXPECT_EQ(s.verdict, Verdict::kRejected);
      EXPECT_EQ(s.reject, Reject::kProtected);
      EXPECT_EQ(s.rule, "R-DEV-5");
      EXPECT_TRUE(a.Has(a.phrase));
      EXPECT_FALSE(a.world.locked_out(a.id));
    } else {
      EXPECT_EQ(s.verdict, Verdict::kAccepted);
      EXPECT_FALSE(a.Has(a.phrase));
      EXPECT_TRUE(a.world.locked_out(a.id));
    }
  }
}

TEST(Headline, TimelockRemovalStaysPendingAndThePhraseCancelsIt) {
  HeadlineBed a("timelock", false, true);
  a.world.begin();
  ASSERT_TRUE(a.world.event(EventKind::kSteal, a.mallory, a.id, a.yubikey).ok());
  a.world.advance_to(kHour);
  const Step& s = a.Remove(a.mallory, a.phrase, {a.yubikey});
  EXPECT_EQ(s.verdict, Verdict::kPending);
  const uint32_t change = s.change;
  EXPECT_EQ(change, 1u);
  EXPECT_TRUE(a.Has(a.phrase));
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
  const Step& r = a.Remove(a.alice, a.yubikey, {a.phrase});
  EXPECT_EQ(r.verdict, Verdict::kAccepted);
  a.world.advance_to(30 * kDay);
  EXPECT_TRUE(a.Has(a.phrase));
  EXPECT_FALSE(a.Has(a.yubikey));
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_FALSE(a.world.in_control(a.id, a.mallory));
}

TEST(Headline, TimelockDecreasingTheDelayFromAYearToZeroTakesAYear) {
  HeadlineBed a("timelock", true, true);
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
  Bed b(Load("candide"));
  const DeviceId owner = b.Dev("owner", DeviceKind::kPasskey, Purpose::kAuth);
  b.AddGuardian(b.bob);
  b.AddGuardian(b.carol);
  b.world.set_guardian_threshold(b.id, 2);
  b.world.begin();
  World& w = b.world;
  const ActorId alice = b.alice, mallory = b.mallory, bob = b.bob, carol = b.carol;
  const IdentityId id = b.id;
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
