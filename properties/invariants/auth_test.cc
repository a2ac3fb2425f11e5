// Tests of the AUTH checker (auth.cc): an accepted request carries the valid signatures the policy
// requires. Runs that satisfy it, and runs that violate it, each caught at the step where the break
// shows; and the mutant of model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Auth, HoldsForProperlySignedRequests) {
  Bed a(timelock(), kStandard);
  a.Submit(a.alice, Op::kAddDevice, Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth),
           By({a.laptop}));
  a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  a.Event(EventKind::kCopy, a.mallory, a.yubikey);
  const std::size_t i = a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
  ASSERT_EQ(a.world.steps()[i].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "AUTH")));
}

TEST(Auth, CatchesASessionManagingDevicesAgainstThePolicy) {
  Policy intended = ii2021();
  intended.session_manages_devices = false;
  // The run lets a hijacked session remove a device.
  Bed run(ii2021(), kStandard), judge(intended, kStandard);
  run.Submit(run.alice, Op::kLogin, {}, By({run.laptop}));
  run.Event(EventKind::kHijack, run.mallory);
  const std::size_t bad = run.Submit(run.mallory, Op::kRemoveDevice, On(run.phrase), BySession());
  ASSERT_EQ(run.world.steps()[bad].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(run.world, "AUTH")));  // fine under its own policy
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "AUTH"), "AUTH", bad));
}

TEST(Auth, CatchesAForgedSignature) {
  Bed a(timelock(), kStandard);
  const std::size_t i =
      a.Submit(a.alice, Op::kAddDevice,
               Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  steps[i].request.signers[0].sig[5] ^= 1;
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "AUTH"), "AUTH", i));
}

TEST(Auth, CatchesAnUnregisteredSigner) {
  Bed a(timelock(), kStandard);
  const std::size_t i =
      a.Submit(a.alice, Op::kAddDevice,
               Add(a.Fresh("tablet"), DeviceKind::kPasskey, Purpose::kAuth), By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  steps[i].before.identity(a.id)->devices.erase_if(
      [&](const Device& d) { return d.id == a.laptop; });
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "AUTH"), "AUTH", i));
}

// A request step recorded by hand: `r` applied by the real step function to the world's state.
Step request_step(const World& w, ActorId actor, const Request& r) {
  const Outcome o = apply(w.policy(), w.state(), r, w.now());
  Step s;
  s.kind = Step::Kind::kRequest;
  s.time = w.now();
  s.actor = actor;
  s.request = r;
  s.verdict = o.verdict;
  s.reject = o.reject;
  s.rule = o.rule;
  s.before = w.state();
  s.after = o.state;
  s.knowledge = w.knowledge();
  return s;
}

// Argent: an owner device change co-signed by ceil(n/2) of the n = 3 guardians.
TEST(Auth, HoldsForAnOwnerChangeCoSignedByHalfTheGuardians) {
  Bed a(argent(), kStandard);
  const Request r =
      CoSigned(a.world, a.id, Op::kRemoveDevice, On(a.yubikey), {a.laptop}, {a.bob, a.carol});
  std::vector<Step> steps = a.world.steps();
  steps.push_back(request_step(a.world, a.alice, r));
  ASSERT_EQ(steps.back().verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, steps, "AUTH")));
}

TEST(Auth, CatchesAnOwnerChangeWithoutGuardianCoSigners) {
  Bed run(argent_owner_alone(), kStandard), judge(argent(), kStandard);
  const std::size_t bad = run.Submit(run.alice, Op::kRemoveDevice, On(run.yubikey), By({run.laptop}));
  ASSERT_EQ(run.world.steps()[bad].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(run.world, "AUTH")));  // fine where the owner acts alone
  EXPECT_TRUE(ViolatedAt(first_violation(judge.world, run.world.steps(), "AUTH"), "AUTH", bad));
}

TEST(Auth, JudgesTheOwnersGuardianCancelByWhatItRemoved) {
  // Argent: an owner device cancels pending guardian changes without a cancel right (R-TL-13);
  // a device-signed cancel that also removed another change would need that right.
  Bed a(argent(), kStandard);
  ASSERT_EQ(a.world.steps()[a.Submit(a.alice, Op::kAddGuardian, GuardianArgs(a.erin),
                                     By({a.laptop}))]
                .verdict,
            Verdict::kPending);
  const std::size_t c = a.Submit(a.alice, Op::kCancel, Change(0), By({a.laptop}));
  ASSERT_EQ(a.world.steps()[c].verdict, Verdict::kAccepted);
  EXPECT_TRUE(Holds(first_violation(a.world, "AUTH")));
  std::vector<Step> steps = a.world.steps();
  PendingChange other;
  other.number = 99;
  other.op = Op::kRemoveDevice;
  other.args.device = a.yubikey;
  steps[c].before.identity(a.id)->pending.push_back(other);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "AUTH"), "AUTH", c));
}

// --- mutants ---

const MutantCase kSessionManagesDevices =
    mutant_case({Mutant::kSessionManagesDevices, "AUTH", timelock, kStandard, [](Bed& a) {
                   a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
                   a.Event(EventKind::kHijack, a.mallory);
                   return a.Submit(a.mallory, Op::kRemoveDevice, On(a.yubikey), BySession());
                 }});

TEST(Auth, CatchesTheMutantSessionManagesDevices) { ExpectCaught(kSessionManagesDevices); }

}  // namespace
}  // namespace reclaim
