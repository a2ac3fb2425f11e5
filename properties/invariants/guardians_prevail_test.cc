// Tests of the GUARDIANS-PREVAIL checker (guardians_prevail.cc, through social_liveness.cc's
// obligation): honest guardians give a locked-out owner control back even when a thief holds
// devices that may veto. Runs that satisfy it, runs that violate it where SOCIAL-LIVENESS
// waives (a stolen device's veto, Candide's owner key), and the waivers it keeps.
#include <gtest/gtest.h>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

constexpr const char* kId = "GUARDIANS-PREVAIL";

// Mallory steals `stolen`, Alice loses every other device, bob starts a recovery for her and
// carol approves it (quorum), then — unless `before_veto` says otherwise — Mallory vetoes with
// the stolen device. Returns the veto's step index.
template <typename F>
std::size_t thief_vetoes(Bed& a, DeviceId stolen, F before_veto) {
  a.Event(EventKind::kSteal, a.mallory, stolen);
  for (DeviceId d : {a.laptop, a.yubikey, a.phrase})
    if (d != stolen && a.I().device(d) != nullptr) a.Event(EventKind::kLose, a.alice, d);
  const std::size_t start =
      a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("new")), AsGuardian(), a.alice);
  EXPECT_EQ(a.world.steps()[start].verdict, Verdict::kAccepted);
  a.Submit(a.carol, Op::kApproveRecovery, {}, AsGuardian());
  before_veto();
  const std::size_t veto = a.Submit(a.mallory, Op::kVetoRecovery, {}, By({stolen}));
  EXPECT_EQ(a.world.steps()[veto].verdict, Verdict::kAccepted);
  return veto;
}
std::size_t thief_vetoes(Bed& a, DeviceId stolen) {
  return thief_vetoes(a, stolen, [] {});
}

TEST(GuardiansPrevail, HoldsWhenHonestGuardiansRecover) {
  Bed a(social(), kStandard);
  recover_with_bob_and_carol(a);
  EXPECT_TRUE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));
}

// The run SOCIAL-LIVENESS waives (its IsWaivedWhenTheThiefCanVeto): a thief with the stolen
// recovery phrase vetoes the recovery the guardians started for Alice. Here it is a violation.
TEST(GuardiansPrevail, CatchesAThiefsVetoThatSocialLivenessWaives) {
  Bed a(social(), kStandard);
  thief_vetoes(a, a.phrase);
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, "SOCIAL-LIVENESS")));
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, kId), kId, a.world.steps().size()));
}

// Candide's known weakness: the stolen owner key cancels the recovery at once.
TEST(GuardiansPrevail, CatchesCandidesStolenOwnerKey) {
  Bed a(candide(), kStandard);
  thief_vetoes(a, a.laptop);
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, kId), kId, a.world.steps().size()));
  // Not judged before the deadline: a run that ends before it shows no violation.
  Bed early(candide(), kStandard);
  thief_vetoes(early, early.laptop);
  early.world.advance_to(kDay);
  EXPECT_TRUE(Holds(first_violation(early.world, kId)));
}

// The waivers it keeps: once Alice has lost the recovery's new device, no recovery can give
// her control back, and the thief's veto is no longer judged.
TEST(GuardiansPrevail, IsWaivedWhenTheOwnerLosesTheNewDevice) {
  Bed a(social(), kStandard);
  thief_vetoes(a, a.phrase, [&a] { a.Event(EventKind::kLose, a.alice, a.Fresh("new")); });
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));
}

// A guardian that colludes under a majority veto is GUARDIAN-MINORITY's concern, not this
// invariant's: Argent's thief with the owner key and one colluding guardian of three cancel.
TEST(GuardiansPrevail, IsWaivedWhenAGuardianColludesUnderAMajorityVeto) {
  Bed a(argent(), kStandard);
  thief_vetoes(a, a.laptop, [&a] {
    a.world.advance_to(kHour);
    a.Event(EventKind::kCollude, a.dave);
  });
  const std::size_t dave = a.Submit(a.dave, Op::kVetoRecovery, {}, AsGuardian());
  ASSERT_EQ(a.world.steps()[dave].verdict, Verdict::kAccepted);
  a.world.advance_to(8 * kDay);
  EXPECT_FALSE(a.world.in_control(a.id, a.alice));  // cancelled: the waiver is what holds it
  EXPECT_TRUE(Holds(first_violation(a.world, kId)));
}

}  // namespace
}  // namespace reclaim
