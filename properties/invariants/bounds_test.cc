// Tests of the BOUNDS checker (bounds.cc): counts and sizes stay within the policy. Runs that
// satisfy it, and runs that violate it, each caught at the step where the break shows; and the
// mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Bounds, HoldsWithinThePolicy) {
  Bed a(ii_protected(), kStandard);
  for (const char* name : {"a", "b", "c"})
    a.Submit(a.alice, Op::kAddDevice, Add(a.Fresh(name), DeviceKind::kPasskey, Purpose::kAuth),
             By({a.laptop}));
  const std::size_t r = a.Submit(
      a.alice, Op::kAddDevice, Add(a.Fresh("phrase2"), DeviceKind::kSeedPhrase, Purpose::kRecovery),
      By({a.laptop}));
  EXPECT_EQ(a.world.steps()[r].reject, Reject::kLimit);  // one seed phrase at most
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  EXPECT_TRUE(Holds(first_violation(a.world, "BOUNDS")));
}

TEST(Bounds, CatchesADeviceCountAboveTheLimit) {
  Policy intended = ii2021();
  intended.max_devices = 3;
  Bed run(ii2021(), kStandard), judge(intended, kStandard);
  const std::size_t i =
      run.Submit(run.alice, Op::kAddDevice,
                 Add(run.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({run.laptop}));
  ASSERT_EQ(run.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "BOUNDS"), "BOUNDS", i));
}

TEST(Bounds, CatchesADuplicatePendingNumber) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  std::vector<Step> steps = a.world.steps();
  Identity& id = *steps[i].after.identity(a.id);
  id.pending.push_back(id.pending[0]);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "BOUNDS"), "BOUNDS", i));
}

// --- mutants ---

const MutantCase kDeviceLimitOffByOne =
    mutant_case({Mutant::kDeviceLimitOffByOne, "BOUNDS",
                 [] {
                   Policy p = ii2021();
                   p.max_devices = 3;
                   return p;
                 },
                 kStandard,
                 [](Bed& a) {
                   return a.Submit(a.alice, Op::kAddDevice, Add(a.Fresh("tablet")), By({a.laptop}));
                 }});

TEST(Bounds, CatchesTheMutantDeviceLimitOffByOne) { ExpectCaught(kDeviceLimitOffByOne); }

}  // namespace
}  // namespace reclaim
