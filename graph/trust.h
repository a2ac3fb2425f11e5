// The guardian trust graph of an identity, in a Boost.Graph digraph: one vertex per guardian
// (with its weight), one edge per follow (follower -> followee; R-SOC-3: a guardian follows
// at most one other, so every vertex has at most one out-edge). From it:
//   effective weight  the weight a guardian's approval carries after following: its own and
//                     that of every guardian whose follow chain passes through it (R-SOC-7: a
//                     follower votes with the guardian it follows); the end of a chain is
//                     where the weight of all of it goes;
//   components        the strongly connected components (Boost's strong_components). They
//                     are single guardians, because the model rejects a follow that closes a
//                     cycle: in a cycle no follow chain ends, so the weight on it would be
//                     counted for no one — `rejected_follows` lists every follow the model
//                     refuses for that reason, with the component it would create;
//   coalitions        the minimal sets of approving guardians that reach the policy's quorum
//                     (weight >= threshold; Argent ceil(n/2) guardians; Candide t guardians),
//                     each counted as the invariant checkers count a quorum.
#ifndef RECLAIM_GRAPH_TRUST_H_
#define RECLAIM_GRAPH_TRUST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/policy.h"
#include "model/state.h"
#include "sim/world.h"

namespace reclaim::graph {

struct TrustGuardian {
  std::string name;
  uint32_t weight = 0;
  std::string follows;     // empty: follows no one
  std::string votes_with;  // the end of its follow chain (itself when it follows no one)
  uint32_t effective = 0;  // the weight its own approval carries
};

struct Coalition {
  std::vector<std::string> guardians;  // approving guardians, in the identity's order
  uint32_t weight = 0;                 // the weight counted (followers included)
  uint32_t count = 0;                  // the guardians counted
};

struct RejectedFollow {
  std::string follower, followee;
  std::vector<std::string> cycle;  // the component the follow would close
};

struct TrustReport {
  std::vector<TrustGuardian> guardians;              // the identity's order
  std::vector<std::vector<std::string>> components;  // strongly connected, by first member
  std::vector<Coalition> coalitions;                 // minimal, by size then order
  std::vector<RejectedFollow> rejected_follows;      // follows that would close a cycle
  std::string quorum;                                // the rule, e.g. "weight >= 2"
  std::string dot;                                   // the digraph in Graphviz DOT
};

// The trust graph of `identity` in `world`'s current state, under the world's policy.
// Guardians are named by the world. An identity without guardians gives an empty report.
TrustReport trust_graph(const World& world, IdentityId identity);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_TRUST_H_
