// The differential phase on every built-in variant the encoding covers: the encoding and the
// model agree on random runs from the standard identity.
#include "symbolic/differential.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "sim/testing.h"
#include "symbolic/coverage.h"

namespace reclaim::sym {
namespace {

class Differential : public ::testing::TestWithParam<std::string> {};

TEST_P(Differential, EncodingAgreesWithTheModel) {
  Result<Variant> v = load_variant(GetParam());
  ASSERT_TRUE(v.ok());
  z3::context c;
  const Encoding enc(c, v->policy, wide_scope());
  const Evaluator ev(enc);
  DifferentialOptions o;
  o.seed = 7;
  o.steps = 300;
  if (const char* n = std::getenv("RECLAIM_DIFFERENTIAL_STEPS")) o.steps = std::atoi(n);
  if (const char* n = std::getenv("RECLAIM_DIFFERENTIAL_SEED"))
    o.seed = std::strtoull(n, nullptr, 10);
  const DifferentialReport r = run_differential(enc, ev, v->name, o);
  EXPECT_TRUE(r.ok) << r.mismatch << "\n" << r.scn_text;
  EXPECT_GE(r.steps, o.steps);
  std::printf("%s: %ld steps in %ld runs (%ld left the scope), %ld answers, %.1f s\n",
              GetParam().c_str(), r.steps, r.runs, r.left_scope, r.reactions, r.seconds);
  for (const auto& [why, n] : r.scope_reasons) std::printf("  %ld: %s\n", n, why.c_str());
}

// Compromise events by any actor, as the World takes them (the fuzz driver sends them all): the
// owner steals her own device back, a guardian copies one and loses it again. What the
// encoding's two-sided knowledge cannot follow — one of the others losing a device another of
// them still holds — leaves the scope; it is never called a disagreement.
TEST(TraceCheck, TakesEveryActorsCompromiseEvents) {
  using namespace fixtures;  // NOLINT: test vocabulary
  Bed a(timelock(), kStandard);
  z3::context c;
  const Encoding enc(c, a.world.policy(), wide_scope());
  const Evaluator ev(enc);
  TraceCheck trace(enc, ev, a.world);
  ASSERT_TRUE(trace.start(true)) << trace.failure() << trace.scope_why();
  auto take = [&](EventKind k, ActorId who, DeviceId d) {
    a.Event(k, who, d);
    return trace.sync();
  };
  EXPECT_TRUE(take(EventKind::kSteal, a.mallory, a.laptop)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kSteal, a.alice, a.laptop)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kCopy, a.bob, a.yubikey)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kHijack, a.alice, kNone)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kLose, a.bob, a.yubikey)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kCopy, a.mallory, a.phrase)) << trace.failure();
  EXPECT_TRUE(take(EventKind::kCopy, a.bob, a.phrase)) << trace.failure();
  EXPECT_FALSE(trace.left_scope());
  EXPECT_FALSE(take(EventKind::kLose, a.mallory, a.phrase));
  EXPECT_TRUE(trace.failure().empty()) << trace.failure();
  EXPECT_TRUE(trace.left_scope());
  EXPECT_NE(trace.scope_why().find("another of them still holds"), std::string::npos)
      << trace.scope_why();
}

// Follows every step of `world` with an encoding of its own policy, expecting agreement within
// the scope; returns how many of the reactive owner's answers it compared.
long follow(const World& world) {
  z3::context c;
  const Encoding enc(c, world.policy(), wide_scope());
  const Evaluator ev(enc);
  TraceCheck trace(enc, ev, world);
  EXPECT_TRUE(trace.start(true) && trace.sync()) << trace.failure();
  EXPECT_FALSE(trace.left_scope()) << trace.scope_why();
  return trace.reactions();
}

// The reactive owner removes a device that signed a hostile request; a protected one she holds
// signs its own removal (R-DEV-5), first, beside the first of her usual two signers — here a
// protected seed phrase that is no recovery device, so not among them.
TEST(TraceCheck, TheReactiveOwnerSignsAProtectedDevicesOwnRemoval) {
  using namespace fixtures;  // NOLINT: test vocabulary
  Policy p = ii_protected();
  p.notifications = true;
  p.max_seed_phrases = 0;
  Bed a(p, kStandard);
  a.Event(EventKind::kReacts, a.alice, kNone, 60);
  Args phrase;
  phrase.device2 = a.Fresh("new1");
  phrase.kind = DeviceKind::kSeedPhrase;
  phrase.protect = true;
  ASSERT_EQ(a.Do(a.alice, Op::kAddDevice, phrase, By({a.laptop})), "accepted none R-DEV-11");
  const DeviceId new1 = phrase.device2;
  a.Event(EventKind::kCopy, a.mallory, new1);
  Args other;
  other.device2 = a.Fresh("new2");
  ASSERT_EQ(a.Do(a.mallory, Op::kAddDevice, other, By({new1})), "accepted none R-DEV-11");
  a.world.advance_to(120);
  EXPECT_FALSE(a.Has(other.device2));
  EXPECT_FALSE(a.Has(new1));  // removed by a request it signed
  EXPECT_GT(follow(a.world), 0);
}

// A guardian's key alone on another's request is a co-signer, not the requester's own key: a
// thief holding no device, and the owner, send device changes signed by a guardian alone;
// both are refused (R-DEV-1), and the encoding follows them.
TEST(TraceCheck, AGuardianKeyAloneOnAnothersRequestIsACoSigner) {
  using namespace fixtures;  // NOLINT: test vocabulary
  Bed a(argent(), kStandard);
  a.Event(EventKind::kCollude, a.bob);
  auto alone = [](ActorId g) {
    SignWith w;
    w.cosigners = {g};
    return w;
  };
  Args add;
  add.device2 = a.Fresh("new1");
  EXPECT_EQ(a.Do(a.mallory, Op::kAddDevice, add, alone(a.bob)), "rejected unauthorized R-DEV-1");
  EXPECT_EQ(a.Do(a.alice, Op::kAddDevice, add, alone(a.carol)), "rejected unauthorized R-DEV-1");
  follow(a.world);
}

// The built-ins whose every setting the encoding models (coverage.h); the engine runs no
// differential phase, and claims nothing that needs one, for the others (thread-proposal,
// hardware-recovery).
const std::vector<std::string> kCovered = {"ii-2021", "ii-protected", "timelock", "timelock-2fa",
                                           "social",  "vault",        "candide",  "argent",
                                           "argent-starknet"};

TEST(DifferentialVariants, EveryBuiltInTheEncodingCoversIsCompared) {
  std::vector<std::string> covered;
  for (const std::string& name : builtin_variant_names()) {
    Result<Variant> v = load_variant(name);
    ASSERT_TRUE(v.ok()) << name;
    if (unencoded_settings(v->policy).empty()) covered.push_back(name);
  }
  std::vector<std::string> listed = kCovered;
  std::sort(covered.begin(), covered.end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(covered, listed);
}

INSTANTIATE_TEST_SUITE_P(Variants, Differential, ::testing::ValuesIn(kCovered),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace reclaim::sym
