// The guardian trust graph (see trust.h).
#include "graph/trust.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/strong_components.hpp>
#include <map>
#include <sstream>

#include "properties/invariants/util.h"

namespace reclaim::graph {
namespace {

struct VertexInfo {
  std::string id;  // the DOT vertex id ("t0", "t1", ...)
  std::string name;
  uint32_t weight = 0;
  uint32_t effective = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexInfo>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

// The vertices `from` reaches along follows, in order (from first), by breadth-first search.
std::vector<Vertex> reach(const Graph& g, Vertex from) {
  std::vector<Vertex> order;
  struct Recorder : boost::default_bfs_visitor {
    std::vector<Vertex>* out;
    void discover_vertex(Vertex v, const Graph&) const { out->push_back(v); }
  } rec;
  rec.out = &order;
  std::vector<boost::default_color_type> color(boost::num_vertices(g));
  boost::breadth_first_search(g, from,
                              boost::visitor(rec).color_map(boost::make_iterator_property_map(
                                  color.begin(), boost::get(boost::vertex_index, g))));
  return order;
}

std::string quorum_text(const Policy& p, const Identity& id) {
  const uint32_t n = static_cast<uint32_t>(id.guardians.size());
  switch (p.quorum) {
    case RecoveryQuorum::kWeight:
      return "approving weight >= " + std::to_string(id.guardian_threshold);
    case RecoveryQuorum::kHalf:
      return std::to_string((n + 1) / 2) + " of " + std::to_string(n) + " guardians";
    case RecoveryQuorum::kThreshold:
      return std::to_string(id.guardian_threshold) + " of " + std::to_string(n) + " guardians";
  }
  return "?";
}

}  // namespace

TrustReport trust_graph(const World& world, IdentityId identity) {
  TrustReport out;
  const Identity* id = world.state().identity(identity);
  if (id == nullptr || id->guardians.empty()) return out;
  const Policy& p = world.policy();
  const std::size_t n = id->guardians.size();
  Graph g(n);
  std::map<ActorId, Vertex> vertex;
  for (std::size_t i = 0; i < n; ++i) {
    const Guardian& gd = id->guardians[i];
    g[i].id = "t" + std::to_string(i);
    g[i].name = world.actor_name(gd.actor);
    g[i].weight = gd.weight;
    vertex[gd.actor] = i;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Guardian& gd = id->guardians[i];
    auto it = vertex.find(gd.follows);
    if (gd.follows != kNone && it != vertex.end()) boost::add_edge(i, it->second, g);
  }

  // Effective weights: a guardian's weight counts with the approval of any guardian on its
  // follow chain, itself included (as inv::quorum counts it).
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<Vertex> chain = reach(g, i);
    const Vertex end = chain.back();  // out-degree <= 1: the chain in order, its end last
    for (Vertex v : chain) g[v].effective += g[i].weight;
    TrustGuardian t;
    t.name = g[i].name;
    t.weight = g[i].weight;
    if (boost::out_degree(i, g) > 0)
      t.follows = g[boost::target(*boost::out_edges(i, g).first, g)].name;
    t.votes_with = g[end].name;
    out.guardians.push_back(t);
  }
  for (std::size_t i = 0; i < n; ++i) out.guardians[i].effective = g[i].effective;

  // Strongly connected components.
  std::vector<int> component(n);
  const int count = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  out.components.assign(static_cast<std::size_t>(count), {});
  std::vector<int> order;  // components by first member
  for (std::size_t i = 0; i < n; ++i)
    if (std::find(order.begin(), order.end(), component[i]) == order.end())
      order.push_back(component[i]);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (std::size_t i = 0; i < n; ++i)
      if (component[i] == order[k]) out.components[k].push_back(g[i].name);

  // Follows the model rejects (R-SOC-3): a -> b closes a cycle when b already reaches a.
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b || boost::edge(a, b, g).second) continue;
      const std::vector<Vertex> from_b = reach(g, b);
      auto at = std::find(from_b.begin(), from_b.end(), a);
      if (at == from_b.end()) continue;
      RejectedFollow r{g[a].name, g[b].name, {}};
      for (auto v = from_b.begin(); v <= at; ++v) r.cycle.push_back(g[*v].name);
      out.rejected_follows.push_back(r);
    }

  // Minimal coalitions reaching quorum, counted as the checkers count (inv::quorum).
  std::vector<uint32_t> reaching;
  auto reached = [&](uint32_t mask) {
    return inv::quorum(p, *id,
                       [&](ActorId a) {
                         const std::size_t v = vertex.at(a);
                         return ((mask >> v) & 1) != 0;
                       })
        .reached;
  };
  for (uint32_t mask = 1; mask < (1u << n); ++mask) {
    if (!reached(mask)) continue;
    bool minimal = true;
    for (std::size_t v = 0; v < n && minimal; ++v)
      if ((mask >> v) & 1) minimal = !reached(mask & ~(1u << v));
    if (minimal) reaching.push_back(mask);
  }
  std::stable_sort(reaching.begin(), reaching.end(), [](uint32_t a, uint32_t b) {
    return __builtin_popcount(a) < __builtin_popcount(b);
  });
  for (uint32_t mask : reaching) {
    Coalition c;
    const inv::Quorum q =
        inv::quorum(p, *id, [&](ActorId a) { return ((mask >> vertex.at(a)) & 1) != 0; });
    for (std::size_t v = 0; v < n; ++v)
      if ((mask >> v) & 1) c.guardians.push_back(g[v].name);
    c.weight = q.weight;
    c.count = q.count;
    out.coalitions.push_back(c);
  }
  out.quorum = quorum_text(p, *id);

  // Graphviz DOT of the digraph.
  std::ostringstream dot;
  boost::write_graphviz(
      dot, g,
      [&](std::ostream& os, Vertex v) {
        os << "[label=\"" << g[v].name << "\\nweight " << g[v].weight << ", carries "
           << g[v].effective << "\"]";
      },
      [](std::ostream& os, boost::graph_traits<Graph>::edge_descriptor) {
        os << "[label=\"follows\"]";
      },
      boost::default_writer(), boost::get(&VertexInfo::id, g));
  out.dot = dot.str();
  return out;
}

}  // namespace reclaim::graph
