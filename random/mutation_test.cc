// Mutation testing of the random engine: each deliberately broken rule of model/mutant.h,
// run under a built-in variant that claims the invariant the break violates, must make the
// engine report that claim violated within the suite's normal budget. Prints the kill rate
// and the time to kill each mutant.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "model/mutant.h"
#include "random/engine.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

// The claim suites' normal budget is more (random_test.cc); a mutant stops its search at the
// first kill, so the budget costs time only for a mutant that survives. The same under ASan.
constexpr int kBudgetTraces = 1000;
constexpr uint64_t kSeed = 20240611;

struct Target {
  Mutant mutant;
  const char* variant;    // a built-in variant that claims `invariant`
  const char* invariant;  // what the broken rule violates
};

// Every mutant of mutant.h, with the claim that must catch it.
const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {Mutant::kDelayDecreaseImmediate, "timelock", "DELAY-MONO"},      // R-TL-3
      {Mutant::kProtectedUnchecked, "ii-protected", "PROTECTED"},       // R-DEV-5
      {Mutant::kGuardianWeightTwice, "social", "GUARDIAN-MINORITY"},    // R-SOC-7
      {Mutant::kReplayNotStored, "ii-2021", "REPLAY"},                  // R-REQ-5
      {Mutant::kDeadlineEarly, "timelock", "DELAY"},                    // R-TL-5
      {Mutant::kTimelockSkipped, "timelock", "DELAY"},                  // R-TL-1
      {Mutant::kTwoFactorOneDevice, "timelock-2fa", "TWO-FACTOR"},      // R-2FA-1
      {Mutant::kRemovalUnnotified, "timelock", "NOTIFY"},               // R-DEV-11
      {Mutant::kSessionManagesDevices, "timelock", "AUTH"},             // R-DEV-1
      {Mutant::kVetoIgnored, "social", "VETO"},                         // R-SOC-6
      {Mutant::kAssetLockIgnored, "ii-2021", "ASSET"},                  // R-AST-2
      {Mutant::kTentativeCodeUnchecked, "ii-protected", "TENTATIVE"},        // R-REG-5
      {Mutant::kDeviceLimitOffByOne, "ii-2021", "BOUNDS"},              // R-DEV-2
      {Mutant::kRecoveryWithoutQuorum, "social", "GUARDIAN-MINORITY"},  // R-SOC-8
      {Mutant::kAssetOneFactor, "thread-proposal", "ASSET-2FA"},        // R-AST-9
  };
  return all;
}

TEST(Mutation, EveryMutantHasATarget) {
  ASSERT_EQ(targets().size(), static_cast<std::size_t>(kMutantCount));
  for (int i = 1; i <= kMutantCount; ++i) {
    const Mutant m = static_cast<Mutant>(i);
    bool found = false;
    for (const Target& t : targets()) found |= t.mutant == m;
    EXPECT_TRUE(found) << mutant_name(m) << " has no target";
  }
  for (const Target& t : targets()) {
    Result<Variant> v = load_variant(t.variant);
    ASSERT_TRUE(v.ok()) << v.error().str();
    EXPECT_NE(std::find(v->claims.begin(), v->claims.end(), t.invariant), v->claims.end())
        << t.variant << " does not claim " << t.invariant;
  }
}

TEST(Mutation, EveryMutantIsKilledWithinTheNormalBudget) {
  int killed = 0;
  double total = 0;
  std::printf("%-26s %-13s %-18s %-7s %8s %8s %7s\n", "mutant", "variant", "invariant", "killed",
              "traces", "seconds", "shrunk");
  for (const Target& t : targets()) {
    Result<Variant> loaded = load_variant(t.variant);
    ASSERT_TRUE(loaded.ok()) << loaded.error().str();
    Variant v = *loaded;
    v.policy.mutant = t.mutant;
    RandomOptions o;
    o.seed = kSeed;
    o.max_traces = kBudgetTraces;
    o.invariants = {t.invariant};
    const auto start = std::chrono::steady_clock::now();
    const RandomReport r = run_random(v, o);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total += secs;
    ASSERT_EQ(r.verdicts.size(), 1u);
    const InvariantVerdict& verdict = r.verdicts[0];
    const bool kill = !verdict.held;
    killed += kill;
    std::printf("%-26s %-13s %-18s %-7s %8d %8.3f %7d\n",
                std::string(mutant_name(t.mutant)).c_str(), t.variant, t.invariant,
                kill ? "yes" : "NO", kill ? verdict.found_after : verdict.traces, secs,
                verdict.shrunk_actions);
    EXPECT_TRUE(kill) << mutant_name(t.mutant) << " survived " << verdict.traces << " traces under "
                      << t.variant << " (" << t.invariant << ")";
    if (kill) std::printf("%s\n", verdict.scn_text.c_str());
  }
  std::printf("kill rate %d/%zu, %.2f s in all\n", killed, targets().size(), total);
}

}  // namespace
}  // namespace reclaim
