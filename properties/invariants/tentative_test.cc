// Tests of the TENTATIVE checker (tentative.cc): a tentative device is added only with the right
// code, in the window and attempt limit. Runs that satisfy it, and runs that violate it, each
// caught at the step where the break shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Tentative, HoldsForTheRightCodeWithinTheWindow) {
  Bed a(ii_protected(), kStandard);
  a.Submit(a.alice, Op::kEnterRegistration, {}, By({a.laptop}));
  a.Submit(a.alice, Op::kAddTentative, Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           Unsigned());
  const uint32_t code = a.I().registration.code;
  const std::size_t wrong = a.Submit(a.alice, Op::kVerifyTentative, Code(code ^ 1), By({a.laptop}));
  EXPECT_EQ(a.world.steps()[wrong].reject, Reject::kBadCode);
  const std::size_t right = a.Submit(a.alice, Op::kVerifyTentative, Code(code), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[right].verdict, Verdict::kAccepted);
  EXPECT_NE(a.I().device(a.Fresh("tablet")), nullptr);
  EXPECT_TRUE(Holds(first_violation(a.world, "TENTATIVE")));
}

TEST(Tentative, CatchesAnAttemptLimitTheRunIgnored) {
  Policy intended = ii_protected();
  intended.registration_attempts = 1;  // the first wrong code ends registration
  Bed run(ii_protected(), kStandard), judge(intended, kStandard);
  run.Submit(run.alice, Op::kEnterRegistration, {}, By({run.laptop}));
  run.Submit(run.mallory, Op::kAddTentative,
             Add(run.Fresh("evil"), DeviceKind::kPasskey, Purpose::kAuth), Unsigned());
  const std::size_t wrong = run.Submit(run.alice, Op::kVerifyTentative,
                                       Code(run.I().registration.code ^ 1), By({run.laptop}));
  EXPECT_TRUE(run.I().registration.open);
  EXPECT_TRUE(
      ViolatedAt(first_violation(judge.world, run.world.steps(), "TENTATIVE"), "TENTATIVE", wrong));
}

TEST(Tentative, CatchesAWrongCodeAccepted) {
  Bed a(ii_protected(), kStandard);
  a.Submit(a.alice, Op::kEnterRegistration, {}, By({a.laptop}));
  a.Submit(a.mallory, Op::kAddTentative, Add(a.Fresh("evil"), DeviceKind::kPasskey, Purpose::kAuth),
           Unsigned());
  const std::size_t i =
      a.Submit(a.alice, Op::kVerifyTentative, Code(a.I().registration.code), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  std::vector<Step> steps = a.world.steps();
  steps[i].request.args.code ^= 1;  // R-REG-5 that ignores the code
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TENTATIVE"), "TENTATIVE", i));
}

// The offered device's protection is part of what must be added: a confirmation that drops
// it (or adds it) is caught at that step.
TEST(Tentative, CatchesAConfirmationThatChangesTheOfferedProtection) {
  Policy p = ii_protected();
  p.max_seed_phrases = 0;  // no limit: the standard identity has a phrase already
  Bed a(p, kStandard);
  a.Submit(a.alice, Op::kEnterRegistration, {}, By({a.laptop}));
  a.Submit(a.alice, Op::kAddTentative,
           Add(a.Fresh("phrase2"), DeviceKind::kSeedPhrase, Purpose::kRecovery, true), Unsigned());
  ASSERT_TRUE(a.I().registration.protect);
  const std::size_t i =
      a.Submit(a.alice, Op::kVerifyTentative, Code(a.I().registration.code), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  ASSERT_TRUE(a.I().device(a.Fresh("phrase2"))->is_protected);
  EXPECT_TRUE(Holds(first_violation(a.world, "TENTATIVE")));
  std::vector<Step> steps = a.world.steps();
  for (Identity& id : steps[i].after.identities)
    for (Device& d : id.devices)
      if (d.id == a.Fresh("phrase2")) d.is_protected = false;  // R-REG-5 dropping protection
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "TENTATIVE"), "TENTATIVE", i));
}

// --- mutants ---

const MutantCase kTentativeCodeUnchecked =
    mutant_case({Mutant::kTentativeCodeUnchecked, "TENTATIVE", ii_protected, kStandard, [](Bed& a) {
                   a.Submit(a.alice, Op::kEnterRegistration, {}, By({a.laptop}));
                   a.Submit(a.mallory, Op::kAddTentative, Add(a.Fresh("evil")), Unsigned());
                   return a.Submit(a.alice, Op::kVerifyTentative, Code(a.I().registration.code ^ 1),
                                   By({a.laptop}));
                 }});

TEST(Tentative, CatchesTheMutantTentativeCodeUnchecked) { ExpectCaught(kTentativeCodeUnchecked); }

}  // namespace
}  // namespace reclaim
