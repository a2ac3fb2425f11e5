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

TEST(Bounds, CatchesTwoPendingChangesOfOneDevice) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kRemoveDevice, On(a.phrase), By({a.phrase}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kPending);
  std::vector<Step> steps = a.world.steps();
  Identity& id = *steps[i].after.identity(a.id);
  PendingChange twin = id.pending[0];
  twin.number = id.next_change++;
  twin.op = Op::kUnprotect;
  id.pending.push_back(twin);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "BOUNDS"), "BOUNDS", i));
}

// The follow graph: only where the policy has following, to another current guardian, never
// in a cycle. A real follow holds; each break is a tampered copy of the step that made it.
TEST(Bounds, HoldsForAFollowAndCatchesABrokenFollowGraph) {
  Bed a(social(), kStandard);
  const std::size_t i =
      a.Submit(a.carol, Op::kFollow, Follow(a.carol, a.bob), AsGuardian());
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "BOUNDS")));
  auto tampered = [&](auto edit) {
    std::vector<Step> steps = a.world.steps();
    edit(*steps[i].after.identity(a.id));
    return first_violation(a.world, steps, "BOUNDS");
  };
  auto guardian = [](Identity& id, ActorId who) -> Guardian& {
    for (Guardian& g : id.guardians)
      if (g.actor == who) return g;
    ADD_FAILURE() << "no guardian " << who;
    return id.guardians[0];
  };
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) { guardian(id, a.bob).follows = a.carol; }),
                         "BOUNDS", i));  // bob -> carol -> bob
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) { guardian(id, a.carol).follows = a.carol; }),
                         "BOUNDS", i));  // carol follows herself
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) { guardian(id, a.carol).follows = a.mallory; }),
                         "BOUNDS", i));  // no such guardian
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) { guardian(id, a.carol).weight = 0; }),
                         "BOUNDS", i));
  // The same run judged under a policy without following: the follow itself is the break.
  Policy without = social();
  without.following = false;
  Bed judge(without, kStandard);
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, a.world.steps(), "BOUNDS"), "BOUNDS", i));
}

TEST(Bounds, CatchesTrustedContactsBeyondThePolicy) {
  Bed a(argent(), kStandard);
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  const std::size_t i = a.world.steps().size() - 1;
  auto tampered = [&](auto edit) {
    std::vector<Step> steps = a.world.steps();
    edit(*steps[i].after.identity(a.id));
    return first_violation(a.world, steps, "BOUNDS");
  };
  EXPECT_TRUE(Holds(first_violation(a.world, "BOUNDS")));
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) {
                           id.contacts.push_back({a.bob, 0});
                           id.contacts.push_back({a.carol, 0});
                           id.contacts.push_back({a.bob, 0});  // bob twice
                         }),
                         "BOUNDS", i));
  EXPECT_TRUE(ViolatedAt(tampered([&](Identity& id) { id.contacts.push_back({kNone, 0}); }),
                         "BOUNDS", i));
  Bed judge(timelock(), kStandard);  // no trusted contacts there
  std::vector<Step> steps = a.world.steps();
  steps[i].after.identity(a.id)->contacts.push_back({a.bob, 0});
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, steps, "BOUNDS"), "BOUNDS", i));
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
