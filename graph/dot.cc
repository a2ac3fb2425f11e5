// Graphviz output (see dot.h).
#include "graph/dot.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <filesystem>
#include <map>
#include <sstream>

#include "trace/write.h"

extern char** environ;

namespace reclaim::graph {
namespace {

struct Node {
  std::string id;
  std::string label;
  bool end = false;  // an attack ends here
};
struct Edge {
  std::string label;
};
using AttackGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge>;

// DOT-escaped text for a double-quoted label.
std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The lines between `digraph G {` and the closing `}` of a write_graphviz output.
std::string body(const std::string& dot) {
  const std::size_t open = dot.find('{');
  const std::size_t close = dot.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close <= open) return "";
  return dot.substr(open + 1, close - open - 1);
}

std::string attack_dot(const std::vector<AttackPath>& attacks) {
  AttackGraph g;
  const auto root = boost::add_vertex(Node{"a0", "setup", false}, g);
  std::map<std::pair<std::size_t, std::string>, std::size_t> child;  // (vertex, line) -> vertex
  for (const AttackPath& a : attacks) {
    std::size_t at = root;
    for (const Statement& st : a.path) {
      const std::string line = write_statement(st);
      auto it = child.find({at, line});
      if (it == child.end()) {
        const std::size_t v =
            boost::add_vertex(Node{"a" + std::to_string(boost::num_vertices(g)), "", false}, g);
        boost::add_edge(at, v, Edge{line}, g);
        it = child.emplace(std::make_pair(at, line), v).first;
      }
      at = it->second;
    }
    Node& end = g[at];
    end.end = true;
    end.label += (end.label.empty() ? "" : "\\n") + escaped(a.title);
  }
  std::ostringstream os;
  boost::write_graphviz(
      os, g,
      [&](std::ostream& o, std::size_t v) {
        const Node& n = g[v];
        if (v == root) {
          o << "[label=\"setup\",shape=ellipse]";
        } else if (n.end) {
          o << "[label=\"" << n.label << "\",shape=box,style=bold]";
        } else {
          o << "[label=\"\",shape=point]";
        }
      },
      [&](std::ostream& o, boost::graph_traits<AttackGraph>::edge_descriptor e) {
        o << "[label=\"" << escaped(g[e].label) << "\"]";
      },
      boost::default_writer(), boost::get(&Node::id, g));
  return os.str();
}

// Is there an executable `name` on PATH?
std::string on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    const std::string full = dir + "/" + name;
    if (access(full.c_str(), X_OK) == 0) return full;
  }
  return "";
}

}  // namespace

std::string graph_dot(const std::vector<AttackPath>& attacks, const TrustReport& trust) {
  std::string out = "digraph reclaim {\n  rankdir=LR;\n";
  out += "  subgraph cluster_attacks {\n    label=\"shortest attacks\";\n" +
         body(attack_dot(attacks)) + "  }\n";
  if (!trust.guardians.empty())
    out += "  subgraph cluster_trust {\n    label=\"guardians (" + escaped(trust.quorum) +
           ")\";\n" + body(trust.dot) + "  }\n";
  return out + "}\n";
}

std::string render_svg(const std::string& dot_file, std::string* why) {
  const std::string dot = on_path("dot");
  if (dot.empty()) {
    if (why) *why = "no `dot` on PATH (Debian: graphviz)";
    return "";
  }
  std::filesystem::path svg(dot_file);
  svg.replace_extension(".svg");
  const std::string svg_path = svg.string();
  std::vector<std::string> args = {"dot", "-Tsvg", dot_file, "-o", svg_path};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, dot.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    if (why) *why = "cannot run " + dot;
    return "";
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (why) *why = dot + " failed on " + dot_file;
    return "";
  }
  return svg_path;
}

}  // namespace reclaim::graph
