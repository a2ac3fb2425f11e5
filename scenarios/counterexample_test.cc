// Counterexamples replay before they are written, and one that does not is a loud failure
// kept as .scn.broken, never a .scn.
#include "scenarios/counterexample.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "properties/monitor.h"
#include "sim/standard_identity.h"
#include "trace/parse.h"

namespace reclaim {
namespace {

namespace fs = std::filesystem;

std::string Scratch(const std::string& name) {
  fs::path d = fs::path(testing::TempDir()) /
               ("reclaim-cx-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(d);
  return d.string();
}

Variant Load(const std::string& name) {
  Result<Variant> v = load_variant(name);
  EXPECT_TRUE(v.ok());
  return v.ok() ? *v : Variant{};
}

// ii-2021: a thief with the laptop removes the phrase of an owner who reacts within a day.
World StolenLaptopRemovesPhrase(const Policy& policy) {
  World w(policy, kStandardSeed);
  const StandardIdentity s = build_standard_identity(w);
  EXPECT_TRUE(w.event(EventKind::kReacts, s.alice, s.id, kNone, kDay).ok());
  EXPECT_TRUE(w.event(EventKind::kSteal, s.mallory, s.id, s.laptop).ok());
  Args a;
  a.device = s.phrase;
  EXPECT_TRUE(w.submit(s.mallory, s.id, Op::kRemoveDevice, a, SignWith{{s.laptop}}).ok());
  return w;
}

TEST(Counterexample, ReplaysBeforeItIsWritten) {
  const Variant v = Load("ii-2021");
  const World w = StolenLaptopRemovesPhrase(v.policy);
  Monitor m({"RECLAIM"});
  ASSERT_NE(m.finish(w), nullptr);
  const std::string dir = Scratch("ok");
  Result<Counterexample> cx =
      write_counterexample(w, v, {"stolen-laptop", "a test", "RECLAIM", "x.scn", dir});
  ASSERT_TRUE(cx.ok()) << cx.error().str();
  EXPECT_TRUE(cx->same_trace);
  EXPECT_EQ(cx->path, (fs::path(dir) / "x.scn").string());
  Result<Scenario> sc = load_scenario(cx->path);
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  EXPECT_EQ(sc->variants, std::vector<std::string>{"ii-2021"});
  EXPECT_EQ(sc->statements.back().invariant, "RECLAIM");
}

// A run recorded under a broken rule (a test-only mutant) replayed under the sound variant
// does not violate anything: the engine would have written a counterexample that lies.
TEST(Counterexample, OneThatDoesNotReplayIsAnErrorAndKeptAsBroken) {
  const Variant sound = Load("ii-protected");
  Variant broken = sound;
  broken.policy.mutant = Mutant::kProtectedUnchecked;
  const World w = StolenLaptopRemovesPhrase(broken.policy);
  Monitor m({"PROTECTED"});
  ASSERT_NE(m.finish(w), nullptr) << "the mutant lets a thief remove the protected phrase";
  const std::string dir = Scratch("broken");
  Result<Counterexample> cx =
      write_counterexample(w, sound, {"lie", "a test", "PROTECTED", "lie.scn", dir});
  ASSERT_FALSE(cx.ok());
  EXPECT_NE(cx.error().message.find("does not replay"), std::string::npos) << cx.error().str();
  EXPECT_FALSE(fs::exists(fs::path(dir) / "lie.scn"));
  EXPECT_TRUE(fs::exists(fs::path(dir) / "lie.scn.broken"));
  // Under the very policy it was found with, it replays.
  EXPECT_TRUE(write_counterexample(w, broken, {"ok", "a test", "PROTECTED", "ok.scn", dir}).ok());
}

}  // namespace
}  // namespace reclaim
