// The guardian trust graph: effective weights after following, strongly connected
// components, the follows the model rejects for closing a cycle (and the model does reject
// them), and the minimal coalitions that reach each policy's quorum.
#include "graph/trust.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/standard_identity.h"
#include "variants/variant.h"

namespace reclaim::graph {
namespace {

Policy policy(const std::string& name) {
  Result<Variant> v = load_variant(name);
  EXPECT_TRUE(v.ok());
  return v->policy;
}

std::vector<std::string> names(const std::vector<Coalition>& cs) {
  std::vector<std::string> out;
  for (const Coalition& c : cs) {
    std::string s;
    for (const std::string& g : c.guardians) s += (s.empty() ? "" : "+") + g;
    out.push_back(s);
  }
  return out;
}

Result<const Step*> follow(World& w, const StandardIdentity& s, ActorId follower,
                           ActorId followee) {
  Args a;
  a.actor = follower;
  a.actor2 = followee;
  return w.submit(follower, s.id, Op::kFollow, a, SignWith{{}, false, true});
}

TEST(Trust, StandardGuardiansWithoutFollows) {
  World w(policy("social"), kStandardSeed);
  const StandardIdentity s = build_standard_identity(w);
  const TrustReport r = trust_graph(w, s.id);
  ASSERT_EQ(r.guardians.size(), 3u);
  for (const TrustGuardian& g : r.guardians) {
    EXPECT_EQ(g.weight, 1u);
    EXPECT_EQ(g.effective, 1u);
    EXPECT_TRUE(g.follows.empty());
    EXPECT_EQ(g.votes_with, g.name);
  }
  EXPECT_EQ(r.components.size(), 3u);
  EXPECT_TRUE(r.rejected_follows.empty());  // no follow yet: none can close a cycle
  EXPECT_EQ(r.quorum, "approving weight >= 2");
  EXPECT_EQ(names(r.coalitions), (std::vector<std::string>{"bob+carol", "bob+dave", "carol+dave"}));
  for (const Coalition& c : r.coalitions) EXPECT_EQ(c.weight, 2u);
  EXPECT_NE(r.dot.find("digraph"), std::string::npos);
  EXPECT_NE(r.dot.find("bob"), std::string::npos);
}

TEST(Trust, FollowingMovesWeightAndTheModelRejectsTheCycle) {
  World w(policy("social"), kStandardSeed);
  const StandardIdentity s = build_standard_identity(w);
  const ActorId bob = s.guardians[0], carol = s.guardians[1];
  Result<const Step*> f = follow(w, s, bob, carol);
  ASSERT_TRUE(f.ok());
  ASSERT_NE((*f)->verdict, Verdict::kRejected) << (*f)->rule;
  const TrustReport r = trust_graph(w, s.id);
  ASSERT_EQ(r.guardians.size(), 3u);
  EXPECT_EQ(r.guardians[0].follows, "carol");
  EXPECT_EQ(r.guardians[0].votes_with, "carol");
  EXPECT_EQ(r.guardians[0].effective, 1u);  // bob's own approval still counts bob
  EXPECT_EQ(r.guardians[1].effective, 2u);  // carol's counts bob too
  EXPECT_EQ(r.guardians[2].effective, 1u);
  // Every component is one guardian; carol following bob would close bob -> carol -> bob.
  EXPECT_EQ(r.components.size(), 3u);
  ASSERT_EQ(r.rejected_follows.size(), 1u);
  EXPECT_EQ(r.rejected_follows[0].follower, "carol");
  EXPECT_EQ(r.rejected_follows[0].followee, "bob");
  EXPECT_EQ(r.rejected_follows[0].cycle, (std::vector<std::string>{"bob", "carol"}));
  // The model rejects that follow, for that reason.
  Result<const Step*> back = follow(w, s, carol, bob);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)->verdict, Verdict::kRejected);
  EXPECT_EQ((*back)->reject, Reject::kCycle);
  // carol now reaches quorum alone (her approval carries bob's weight); bob needs dave.
  EXPECT_EQ(names(r.coalitions), (std::vector<std::string>{"carol", "bob+dave"}));
}

TEST(Trust, QuorumRulesOfArgentAndCandide) {
  World argent(policy("argent"), kStandardSeed);
  const StandardIdentity a = build_standard_identity(argent);
  const TrustReport ra = trust_graph(argent, a.id);
  EXPECT_EQ(ra.quorum, "2 of 3 guardians");  // ceil(3/2)
  EXPECT_EQ(names(ra.coalitions),
            (std::vector<std::string>{"bob+carol", "bob+dave", "carol+dave"}));
  World candide(policy("candide"), kStandardSeed);
  StandardOptions one;
  one.guardian_threshold = 1;
  const StandardIdentity c = build_standard_identity(candide, one);
  const TrustReport rc = trust_graph(candide, c.id);
  EXPECT_EQ(rc.quorum, "1 of 3 guardians");
  EXPECT_EQ(names(rc.coalitions), (std::vector<std::string>{"bob", "carol", "dave"}));
}

TEST(Trust, NoGuardiansNoGraph) {
  World w(policy("timelock"), kStandardSeed);
  const StandardIdentity s = build_standard_identity(w);
  const TrustReport r = trust_graph(w, s.id);
  EXPECT_TRUE(r.guardians.empty());
  EXPECT_TRUE(r.coalitions.empty());
}

}  // namespace
}  // namespace reclaim::graph
