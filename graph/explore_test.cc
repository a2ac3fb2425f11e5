// The exhaustive engine's search: merging states never loses a finding (a tree search that
// merges nothing finds every violation and goal at the same shortest depth); the search is
// deterministic; its bounds and labels are honest (complete only when no new state comes,
// a stopped search claims only the depths it finished); and a scope the interpreter refuses
// is an error, never a verdict.
#include "graph/explore.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "graph/check.h"
#include "graph/menu.h"
#include "properties/invariant.h"
#include "sim/world.h"
#include "trace/write.h"
#include "variants/variant.h"

namespace reclaim::graph {
namespace {

std::vector<std::string> all_ids() {
  std::vector<std::string> ids;
  for (const InvariantInfo& i : catalogue()) ids.emplace_back(i.id);
  return ids;
}

std::vector<Goal> goals(const IdentitySetup& setup) {
  const std::string identity = setup.identity, attacker = setup.attacker;
  return {
      {"attacker in control",
       [=](const World& w) {
         return w.in_control(w.find_identity(identity), w.find_actor(attacker));
       }},
      {"owner locked out", [=](const World& w) { return w.locked_out(w.find_identity(identity)); }},
  };
}

std::map<std::string, int> depths(const std::vector<Finding>& findings) {
  std::map<std::string, int> out;
  for (const Finding& f : findings) out[f.what] = f.depth;
  return out;
}

std::string text(const std::vector<Statement>& path) {
  std::string out;
  for (const Statement& st : path) out += write_statement(st) + "\n";
  return out;
}

struct Config {
  std::string variant;
  int depth;
  Mutant mutant = Mutant::kNone;  // to have violations where the variant has no weakness
};

class Merging : public ::testing::TestWithParam<Config> {};

TEST_P(Merging, FindsEverythingATreeSearchFinds) {
  Result<Variant> v = load_variant(GetParam().variant);
  ASSERT_TRUE(v.ok());
  v->policy.mutant = GetParam().mutant;
  const IdentitySetup setup = standard_setup(v->policy);
  const Scope scope = check_scope(setup, {});
  Bounds merged, tree;
  merged.max_depth = tree.max_depth = GetParam().depth;
  tree.merge = false;
  const std::vector<Goal> g = goals(setup);
  const ExploreReport a = explore(v->policy, setup, scope, all_ids(), g, merged);
  const ExploreReport b = explore(v->policy, setup, scope, all_ids(), g, tree);
  ASSERT_TRUE(a.errors.empty()) << a.errors.front();
  ASSERT_TRUE(b.errors.empty()) << b.errors.front();
  ASSERT_FALSE(a.violations.empty()) << "nothing to compare: pick a scope with weaknesses";
  EXPECT_EQ(depths(a.violations), depths(b.violations));
  EXPECT_EQ(depths(a.goals), depths(b.goals));
  // Merging is what makes the search tractable: fewer states, whenever it went deep enough.
  if (a.depth == b.depth && a.depth >= 2) {
    EXPECT_LT(a.states, b.states);
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, Merging,
                         ::testing::Values(Config{"ii-2021", 4}, Config{"timelock", 4},
                                           Config{"social", 3, Mutant::kGuardianWeightTwice},
                                           Config{"candide", 3}),
                         [](const auto& info) {
                           std::string n = info.param.variant;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

TEST(Explore, IsDeterministic) {
  Result<Variant> v = load_variant("timelock");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Bounds b;
  b.max_depth = 3;
  const ExploreReport x =
      explore(v->policy, setup, check_scope(setup, {}), all_ids(), goals(setup), b);
  const ExploreReport y =
      explore(v->policy, setup, check_scope(setup, {}), all_ids(), goals(setup), b);
  EXPECT_EQ(x.states_by_depth, y.states_by_depth);
  EXPECT_EQ(x.actions, y.actions);
  ASSERT_EQ(x.violations.size(), y.violations.size());
  for (std::size_t i = 0; i < x.violations.size(); ++i) {
    EXPECT_EQ(x.violations[i].what, y.violations[i].what);
    EXPECT_EQ(text(x.violations[i].path), text(y.violations[i].path));
  }
  ASSERT_EQ(x.goals.size(), y.goals.size());
  for (std::size_t i = 0; i < x.goals.size(); ++i)
    EXPECT_EQ(text(x.goals[i].path), text(y.goals[i].path));
}

TEST(Explore, CountsStatesPerDepthAndMergesRoots) {
  Result<Variant> v = load_variant("ii-protected");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Scope s = check_scope(setup, {});
  s.preludes = {{}, {}};  // two equal roots are one state
  Bounds b;
  b.max_depth = 3;
  const ExploreReport r = explore(v->policy, setup, s, {}, {}, b);
  ASSERT_EQ(r.states_by_depth.size(), 4u);
  EXPECT_EQ(r.states_by_depth[0], 1);
  for (std::size_t d = 1; d < r.states_by_depth.size(); ++d)
    EXPECT_GT(r.states_by_depth[d], r.states_by_depth[d - 1]);
  EXPECT_EQ(r.depth, 3);
  EXPECT_EQ(r.states, r.states_by_depth.back());
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.label(), "exhaustive to depth 3 (" + std::to_string(r.states) + " states)");
  EXPECT_GT(r.actions, r.states);
  EXPECT_GE(r.new_states, r.states);  // every depth's search inserts its states again
  EXPECT_GT(r.table_bytes, 0u);
}

TEST(Explore, AnAttackerWithNothingLeavesAClosedGraph) {
  // Nothing compromised and nothing to compromise: the attacker can only wait, and the clock
  // moves the state offers run out (the asset's lock ends at 30 days).
  Result<Variant> v = load_variant("ii-2021");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Scope s;
  s.menu.identity = setup.identity;
  s.menu.attacker = setup.attacker;
  Bounds b;
  b.max_depth = 10;
  const ExploreReport r = explore(v->policy, setup, s, all_ids(), goals(setup), b);
  ASSERT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.complete);
  EXPECT_LT(r.depth, 10);
  EXPECT_EQ(r.states_by_depth[static_cast<std::size_t>(r.depth)],
            r.states_by_depth[static_cast<std::size_t>(r.depth) - 1]);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_TRUE(r.goals.empty());
  EXPECT_EQ(r.label().rfind("complete (no new states)", 0), 0u) << r.label();
}

TEST(Explore, AStoppedSearchClaimsOnlyTheDepthsItFinished) {
  Result<Variant> v = load_variant("timelock");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Bounds b;
  b.max_depth = 8;
  b.max_states = 3000;
  const ExploreReport r = explore(v->policy, setup, check_scope(setup, {}), {}, {}, b);
  EXPECT_TRUE(r.stopped_by_states);
  EXPECT_LT(r.depth, 8);
  EXPECT_LE(r.states, 3000);
  EXPECT_EQ(r.states_by_depth.size(), static_cast<std::size_t>(r.depth) + 1);
}

TEST(Explore, FindsTheShortestPathToAGoal) {
  // ii-2021: one stolen device is control at once (a theft is one action).
  Result<Variant> v = load_variant("ii-2021");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Bounds b;
  b.max_depth = 4;
  const ExploreReport r = explore(v->policy, setup, check_scope(setup, {}), {}, goals(setup), b);
  const Finding* f = r.goal("attacker in control");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->depth, 1);
  ASSERT_EQ(f->path.size(), 1u);
  EXPECT_EQ(f->path[0].kind, StmtKind::kEvent);
  // Locking the owner out takes the theft and the removal of her two other devices.
  const Finding* l = r.goal("owner locked out");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->depth, 3) << text(l->path);
}

TEST(Explore, AScopeTheInterpreterRefusesIsAnError) {
  Result<Variant> v = load_variant("timelock");
  ASSERT_TRUE(v.ok());
  const IdentitySetup setup = standard_setup(v->policy);
  Scope s = check_scope(setup, {});
  Statement unheld;  // mallory signs with a device she does not hold: an input error
  unheld.kind = StmtKind::kRequest;
  unheld.actor = "mallory";
  unheld.identity = "alice";
  unheld.op = Op::kRemoveDevice;
  unheld.device = "alice/phrase";
  unheld.signer_mode = SignerMode::kDevices;
  unheld.signers = {"alice/laptop"};
  s.preludes = {{unheld}};
  Bounds b;
  b.max_depth = 2;
  const ExploreReport r = explore(v->policy, setup, s, all_ids(), {}, b);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.depth, -1);
  EXPECT_EQ(r.label(), "nothing explored");
}

}  // namespace
}  // namespace reclaim::graph
