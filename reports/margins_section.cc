// The margins section of the report (see margins_section.h).
#include "reports/margins_section.h"

#include <filesystem>

#include "graph/margins.h"
#include "reports/claims.h"
#include "trace/parse.h"

namespace reclaim::reports {

MarginsRun run_margins(const Variant& variant, const std::string& folder, int depth,
                       double budget_seconds, const std::string& out_dir) {
  MarginsRun out;
  const graph::IdentitySetup setup = graph::standard_setup(variant.policy);
  if (graph::credential_sets(setup) > graph::kMaxCredentialSets) {
    out.problems.push_back("too many credential sets for minimum sets");
    return out;
  }
  const std::string dir = (std::filesystem::path(out_dir) / "margins" / folder).string();
  long explorations = 0, states = 0;
  int shallowest = -1;
  for (graph::OwnerMode owner : {graph::OwnerMode::kPassive, graph::OwnerMode::kReactive}) {
    graph::MarginOptions o;
    o.owner = owner;
    o.bounds.max_depth = depth;
    o.bounds.max_seconds = budget_seconds;
    const graph::MarginReport r = graph::margins(variant, setup, o);
    explorations += r.explorations;
    states += r.states;
    out.seconds += r.seconds;
    if (r.shallowest >= 0 && (shallowest < 0 || r.shallowest < shallowest))
      shallowest = r.shallowest;
    for (const std::string& f : r.failures) out.problems.push_back(f);
    for (const graph::OutcomeMargin& m : r.margins) {
      nlohmann::ordered_json sets = nlohmann::ordered_json::array();
      nlohmann::ordered_json smallest = nullptr;
      for (const graph::MinimalSet& s : m.sets) {
        if (smallest.is_null() || s.set.size() < smallest.get<std::size_t>())
          smallest = s.set.size();
        nlohmann::ordered_json set = {{"credentials", s.set.text()},
                                      {"size", s.set.size()},
                                      {"attack_actions", s.attack.depth},
                                      {"label", s.label}};
        if (s.replayed.replayed) {
          Result<Scenario> sc = parse_scenario(s.replayed.scn_text, "attack.scn");
          const std::string file = (sc ? sc->name : "attack") + ".scn";
          Result<std::string> path = graph::write_finding(dir, file, s.replayed);
          if (path) {
            set["attack"] = relative_to(*path, out_dir);
          } else {
            out.unwritten.push_back(path.error().str());
          }
        } else {
          out.problems.push_back(std::string(graph::outcome_name(m.outcome)) + " from " +
                                 s.set.text() + ": the attack does not replay: " + s.replayed.why);
        }
        sets.push_back(set);
      }
      out.margins.push_back({{"outcome", graph::outcome_name(m.outcome)},
                             {"owner", graph::owner_mode_name(m.owner)},
                             {"depth", m.depth},
                             {"smallest", smallest},
                             {"summary", m.summary},
                             {"minimal_sets", sets}});
    }
  }
  if (shallowest >= 0 && shallowest < depth)
    out.incomplete = "a budget stopped a margin exploration at depth " +
                     std::to_string(shallowest) + " of " + std::to_string(depth);
  out.figures = {{"depth", depth},
                 {"credential_sets", graph::credential_sets(setup)},
                 {"explorations", explorations},
                 {"states", states}};
  return out;
}

}  // namespace reclaim::reports
