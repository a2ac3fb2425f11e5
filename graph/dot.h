// Graphviz output of the exhaustive engine: the shortest attacks as one attack graph in a
// Boost.Graph digraph (a vertex per state along each attack, the setup first; an edge per
// statement, labelled with its line of the trace language; attacks that begin alike share
// their first states; each attack ends in a vertex naming its outcome and credentials), and
// the guardian trust graph (trust.h), both in one DOT file as two clusters.
#ifndef RECLAIM_GRAPH_DOT_H_
#define RECLAIM_GRAPH_DOT_H_

#include <string>
#include <vector>

#include "graph/trust.h"
#include "trace/scenario.h"

namespace reclaim::graph {

struct AttackPath {
  std::string title;            // e.g. "takeover (reactive owner) from phrase"
  std::vector<Statement> path;  // the prelude, then the actions
};

// One DOT digraph: the attack graph of `attacks` and, when it has guardians, the trust
// graph. Deterministic: the same attacks give the same text.
std::string graph_dot(const std::vector<AttackPath>& attacks, const TrustReport& trust);

// Renders `dot_file` as SVG next to it (same name, .svg) with Graphviz's `dot`, when a `dot`
// program is on PATH. Returns the SVG's path, or empty (with `why`) when it was not made.
std::string render_svg(const std::string& dot_file, std::string* why);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_DOT_H_
