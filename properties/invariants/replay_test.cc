// Tests of the REPLAY checker (replay.cc): no signed request is accepted twice. Runs that satisfy
// it, and runs that violate it, each caught at the step where the break shows; and the mutant of
// model/mutant.h that breaks it.
#include <gtest/gtest.h>

#include <vector>

#include "model/step.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

TEST(Replay, HoldsWhenReplaysAreRejected) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  const Step& again = a.world.replay(a.mallory, a.world.steps()[i].request);
  EXPECT_EQ(again.verdict, Verdict::kRejected);
  EXPECT_EQ(again.reject, Reject::kReplay);
  EXPECT_TRUE(Holds(first_violation(a.world, "REPLAY")));
}

TEST(Replay, CatchesAModelThatForgetsSeenRequests) {
  Bed a(timelock(), kStandard);
  const std::size_t i = a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
  std::vector<Step> steps = a.world.steps();
  // A broken R-REQ-3/R-REQ-5: the identity forgot what it saw. The real apply() then takes
  // the attacker's replay.
  State forgetful = a.world.state();
  forgetful.identity(a.id)->seen.clear();
  forgetful.identity(a.id)->nonce_floor = 0;
  const Request& r = steps[i].request;
  Outcome out = apply(a.world.policy(), forgetful, r, a.world.now());
  ASSERT_EQ(out.verdict, Verdict::kAccepted);
  Step replayed = steps[i];
  replayed.actor = a.mallory;
  replayed.before = forgetful;
  replayed.after = out.state;
  steps.push_back(replayed);
  EXPECT_TRUE(ViolatedAt(first_violation(a.world, steps, "REPLAY"), "REPLAY", steps.size() - 1));
}

// --- mutants ---

const MutantCase kReplayNotStored =
    mutant_case({Mutant::kReplayNotStored, "REPLAY", timelock, kStandard, [](Bed& a) {
                   const std::size_t i = a.Submit(a.alice, Op::kLogin, {}, By({a.laptop}));
                   const Request r = a.world.steps()[i].request;
                   a.world.replay(a.mallory, r);
                   for (std::size_t k = a.world.steps().size(); k-- > 0;)
                     if (a.world.steps()[k].actor == a.mallory) return k;
                   return kNowhere;
                 }});

TEST(Replay, CatchesTheMutantReplayNotStored) { ExpectCaught(kReplayNotStored); }

}  // namespace
}  // namespace reclaim
