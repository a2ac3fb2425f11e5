// `reclaim graph --variant V [--identity FILE.scn] [--owner passive|reactive|both]
// [--depth K] [--rho D] [--outcome O]... [--out DIR] [--dot FILE] [--json]`: the margins of
// an identity under a variant, by the exhaustive engine (graph/margins.h): for each outcome
// (takeover, lockout, asset loss) and owner (passive, reactive within ρ), the minimal sets
// of credentials from which it is reached within the bound, each minimal within that depth
// and with its shortest attack written as a .scn that `reclaim run` replays; and the
// guardian trust graph (graph/trust.h). --dot writes both graphs as Graphviz DOT, and SVG
// beside it when Graphviz's `dot` is installed. Exit 0 when everything explored and every
// attack replayed, 1 when an attack did not replay or an exploration failed, 2 on bad input,
// 3 when a budget (--max-states, --budget) stopped an exploration short of the depth.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/output.h"
#include "graph/dot.h"
#include "graph/margins.h"
#include "graph/trust.h"
#include "trace/parse.h"
#include "trace/write.h"
#include "trace/write_file.h"
#include "variants/duration.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

// Upper bounds on what a flag may ask for: a search never reaches a thousand actions, a
// state table of twenty million fits in memory, and a week is longer than anyone waits.
constexpr int kMaxGraphDepth = 1000;
constexpr long kMaxGraphStates = 20'000'000;
constexpr double kMaxGraphSeconds = 7 * 24 * 3600.0;

using graph::IdentitySetup;
using graph::MarginReport;
using graph::MinimalSet;
using graph::OutcomeKind;
using graph::OutcomeMargin;
using graph::OwnerMode;

struct GraphArgs {
  std::string variant;
  std::string identity;  // a .scn whose setup section is the identity; empty: the standard one
  std::string owner = "both";
  int depth = 4;
  std::string rho = "1d";
  std::vector<std::string> outcomes;
  long max_states = 5'000'000;
  double budget = 0;
  std::string out = "attacks";
  std::string dot;
  bool json = false;
};

std::string devices_text(const IdentitySetup& s) {
  std::string out;
  for (const std::string& d : s.devices) out += (out.empty() ? "" : ", ") + graph::short_name(d);
  return out;
}

std::string guardians_text(const IdentitySetup& s) {
  if (s.guardians.empty()) return "no guardians";
  std::string out;
  for (const graph::GuardianInfo& g : s.guardians)
    out += (out.empty() ? "" : ", ") + g.actor + " " + std::to_string(g.weight);
  return "guardians " + out + ", threshold " + std::to_string(s.guardian_threshold);
}

nlohmann::ordered_json trust_json(const graph::TrustReport& t) {
  nlohmann::ordered_json guardians = nlohmann::ordered_json::array();
  for (const graph::TrustGuardian& g : t.guardians)
    guardians.push_back({{"name", g.name},
                         {"weight", g.weight},
                         {"follows", g.follows},
                         {"votes_with", g.votes_with},
                         {"effective_weight", g.effective}});
  nlohmann::ordered_json coalitions = nlohmann::ordered_json::array();
  for (const graph::Coalition& c : t.coalitions)
    coalitions.push_back({{"guardians", c.guardians}, {"weight", c.weight}, {"count", c.count}});
  nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
  for (const graph::RejectedFollow& r : t.rejected_follows)
    rejected.push_back({{"follower", r.follower}, {"followee", r.followee}, {"cycle", r.cycle}});
  return {{"quorum", t.quorum},
          {"guardians", guardians},
          {"components", t.components},
          {"minimal_coalitions", coalitions},
          {"rejected_follows", rejected}};
}

int graph_command(const GraphArgs& args) {
  Result<Variant> variant = load_variant(args.variant);
  if (!variant) {
    std::cerr << variant.error().str() << "\n";
    return kExitBadInput;
  }
  if (args.depth < 1 || args.depth > kMaxGraphDepth) {
    std::cerr << "reclaim graph: --depth takes 1 to " << kMaxGraphDepth
              << " (depth 0 explores nothing)\n";
    return kExitBadInput;
  }
  if (args.max_states < 1 || args.max_states > kMaxGraphStates) {
    std::cerr << "reclaim graph: --max-states takes 1 to " << kMaxGraphStates << "\n";
    return kExitBadInput;
  }
  if (!std::isfinite(args.budget) || args.budget < 0 || args.budget > kMaxGraphSeconds) {
    std::cerr << "reclaim graph: --budget takes a number of seconds from 0 (none) to "
              << kMaxGraphSeconds << ", not " << args.budget << "\n";
    return kExitBadInput;
  }
  const std::optional<Duration> rho = parse_duration(args.rho);
  if (!rho || *rho <= 0) {
    std::cerr << "reclaim graph: bad --rho " << printable(args.rho)
              << " (a duration such as 1h, 1d)\n";
    return kExitBadInput;
  }
  // The outputs are checked before anything is explored: a folder that cannot be written,
  // or a --dot that names a folder, is bad input.
  if (!args.out.empty()) {
    Result<bool> out = prepare_output_folder(args.out);
    if (!out) {
      std::cerr << "reclaim graph: --out: " << printable(out.error().str()) << "\n";
      return kExitBadInput;
    }
  }
  if (!args.dot.empty()) {
    const std::filesystem::path dot(args.dot);
    Result<bool> folder = dot.has_parent_path() ? prepare_output_folder(dot.parent_path().string())
                                                : Result<bool>(true);
    if (!folder || std::filesystem::is_directory(dot)) {
      std::cerr << "reclaim graph: --dot " << printable(args.dot) << ": "
                << (folder ? std::string("is a folder") : printable(folder.error().str()))
                << "\n";
      return kExitBadInput;
    }
  }
  std::vector<OutcomeKind> outcomes;
  for (const std::string& o : args.outcomes) outcomes.push_back(*graph::outcome_from_name(o));
  if (outcomes.empty()) outcomes = {std::begin(graph::kOutcomes), std::end(graph::kOutcomes)};

  IdentitySetup setup;
  if (args.identity.empty()) {
    setup = graph::standard_setup(variant->policy);
  } else {
    Result<Scenario> sc = load_setup(args.identity);
    if (!sc) {
      std::cerr << sc.error().str() << "\n";
      return kExitBadInput;
    }
    Result<IdentitySetup> s = graph::setup_from_scenario(*sc, variant->policy);
    if (!s) {
      std::cerr << s.error().str() << "\n";
      return kExitBadInput;
    }
    setup = *s;
  }

  if (graph::credential_sets(setup) > graph::kMaxCredentialSets) {
    std::cerr << "reclaim graph: " << setup.source << ": too many credentials for minimum sets ("
              << setup.devices.size() << " devices, " << setup.guardians.size()
              << " guardians: more than " << graph::kMaxCredentialSets << " sets)\n";
    return kExitBadInput;
  }
  std::vector<OwnerMode> owners;
  if (args.owner != "reactive") owners.push_back(OwnerMode::kPassive);
  if (args.owner != "passive") owners.push_back(OwnerMode::kReactive);
  const bool progress = progress_enabled() && !args.json;
  std::vector<MarginReport> reports;
  for (OwnerMode owner : owners) {
    graph::MarginOptions o;
    o.owner = owner;
    o.rho = *rho;
    o.outcomes = outcomes;
    o.bounds.max_depth = args.depth;
    o.bounds.max_states = args.max_states;
    o.bounds.max_seconds = args.budget;
    if (progress)
      o.progress = [](const std::string& line) {
        std::fprintf(stderr, "\r[graph] %s\033[K", line.c_str());
        std::fflush(stderr);
      };
    reports.push_back(graph::margins(*variant, setup, o));
  }
  if (progress) std::fprintf(stderr, "\r\033[K");

  // The trust graph of the identity at the start.
  Result<graph::Root> root = graph::build_root(variant->policy, setup, {});
  graph::TrustReport trust;
  if (root) trust = graph::trust_graph(root->world, root->world.find_identity(setup.identity));

  // Attacks: write the replayed ones; the others are the run's failures.
  std::vector<std::string> failures;
  std::vector<graph::AttackPath> paths;
  std::map<const MinimalSet*, std::string> written;
  long explorations = 0, states = 0;
  double seconds = 0;
  int shallowest = args.depth;
  for (const MarginReport& r : reports) {
    explorations += r.explorations;
    states += r.states;
    seconds += r.seconds;
    if (r.shallowest >= 0) shallowest = std::min(shallowest, r.shallowest);
    for (const std::string& f : r.failures) failures.push_back(f);
    for (const OutcomeMargin& m : r.margins)
      for (const MinimalSet& s : m.sets) {
        paths.push_back({std::string(graph::outcome_name(m.outcome)) + " (" +
                             std::string(graph::owner_mode_name(m.owner)) + " owner) from " +
                             s.set.text(),
                         s.attack.path});
        if (args.out.empty() || s.replayed.scn_text.empty()) continue;
        Result<Scenario> sc = parse_scenario(s.replayed.scn_text, "attack.scn");
        const std::string file = (sc ? sc->name : "attack") + ".scn";
        Result<std::string> path = graph::write_finding(args.out, file, s.replayed);
        if (!path) {
          failures.push_back(path.error().str());
        } else if (s.replayed.replayed) {
          written[&s] = *path;
        }
      }
  }
  std::string dot_note;
  if (!args.dot.empty()) {
    Result<bool> w = write_file_atomic(args.dot, graph::graph_dot(paths, trust));
    if (!w) {
      failures.push_back(w.error().str());
    } else {
      std::string why;
      const std::string svg = graph::render_svg(args.dot, &why);
      dot_note = "graphs written to " + args.dot +
                 (svg.empty() ? " (no SVG: " + why + ")" : " and " + svg);
    }
  }
  // A budget that cut an exploration short leaves the margins checked less deep than asked.
  const int rc = !failures.empty()         ? kExitFailed
                 : shallowest < args.depth ? kExitIncomplete
                                           : kExitOk;

  if (args.json) {
    nlohmann::ordered_json margins = nlohmann::ordered_json::array();
    for (const MarginReport& r : reports)
      for (const OutcomeMargin& m : r.margins) {
        nlohmann::ordered_json sets = nlohmann::ordered_json::array();
        for (const MinimalSet& s : m.sets) {
          nlohmann::ordered_json guardians = nlohmann::ordered_json::array();
          for (const auto& g : s.set.guardians)
            guardians.push_back({{"weight", g.weight}, {"count", g.count}, {"used", g.actors}});
          auto it = written.find(&s);
          sets.push_back({{"credentials", s.set.text()},
                          {"devices", s.set.devices},
                          {"guardians", guardians},
                          {"guardian_weight", s.set.guardian_weight()},
                          {"attack_actions", s.attack.depth},
                          {"label", s.label},
                          {"replayed", s.replayed.replayed},
                          {"path", it == written.end() ? "" : it->second},
                          {"scenario", s.replayed.scn_text}});
        }
        margins.push_back({{"outcome", graph::outcome_name(m.outcome)},
                           {"owner", graph::owner_mode_name(m.owner)},
                           {"summary", m.summary},
                           {"depth", m.depth},
                           {"minimal_sets", sets}});
      }
    nlohmann::ordered_json out = {{"variant", variant->name},
                                  {"path", variant->path},
                                  {"identity", setup.source},
                                  {"attacker", setup.attacker},
                                  {"depth", args.depth},
                                  {"rho", format_duration(*rho)},
                                  {"margins", margins},
                                  {"trust", trust_json(trust)},
                                  {"explorations", explorations},
                                  {"states", states},
                                  {"shallowest_depth", shallowest},
                                  {"seconds", seconds},
                                  {"dot", args.dot},
                                  {"failures", failures},
                                  {"exit", rc}};
    std::cout << json_text(out);
    return rc;
  }

  std::cout << "variant " << variant->name << " (" << printable(variant->path) << "); identity "
            << setup.identity << " from " << printable(setup.source) << " (" << devices_text(setup)
            << "; " << guardians_text(setup) << "); attacker " << setup.attacker << "\n"
            << "each credential set explored exhaustively to depth " << args.depth
            << " (actions after the compromise); a reactive owner answers within "
            << format_duration(*rho) << "\n";
  for (OutcomeKind o : outcomes) {
    std::cout << "\n" << graph::outcome_name(o) << "\n";
    for (const MarginReport& r : reports)
      for (const OutcomeMargin& m : r.margins) {
        if (m.outcome != o) continue;
        char head[64];
        std::snprintf(head, sizeof head, "  %-16s",
                      (std::string(graph::owner_mode_name(m.owner)) + " owner").c_str());
        std::cout << head << m.summary << "\n";
        for (const MinimalSet& s : m.sets) {
          char line[160];
          std::snprintf(line, sizeof line, "    %-34s %2d actions  %-24s ", s.set.text().c_str(),
                        s.attack.depth, s.label.c_str());
          auto it = written.find(&s);
          std::cout << line
                    << (it != written.end()   ? printable(it->second)
                        : s.replayed.replayed ? std::string("(not written)")
                                              : "DOES NOT REPLAY: " + s.replayed.why)
                    << "\n";
        }
      }
  }
  if (!trust.guardians.empty()) {
    std::cout << "\nguardian trust graph (quorum: " << trust.quorum << ")\n";
    for (const graph::TrustGuardian& g : trust.guardians)
      std::cout << "  " << g.name << ": weight " << g.weight << ", carries " << g.effective
                << (g.follows.empty() ? "" : ", follows " + g.follows) << "\n";
    std::cout << "  strongly connected components: " << trust.components.size() << " of "
              << trust.guardians.size() << " guardians (a follow closing a cycle is rejected, "
              << "R-SOC-3)\n";
    for (const graph::RejectedFollow& f : trust.rejected_follows) {
      std::string cycle;
      for (const std::string& c : f.cycle) cycle += c + " -> ";
      std::cout << "    " << f.follower << " may not follow " << f.followee << ": it would close "
                << cycle << f.follower << "\n";
    }
    std::cout << "  minimal coalitions reaching quorum:";
    for (const graph::Coalition& c : trust.coalitions) {
      std::string who;
      for (const std::string& g : c.guardians) who += (who.empty() ? "" : "+") + g;
      std::cout << " " << who;
    }
    std::cout << "\n";
  }
  if (!dot_note.empty()) std::cout << "\n" << printable(dot_note) << "\n";
  char summary[200];
  std::snprintf(summary, sizeof summary, "\n%ld explorations, %ld states, %.1f s\n", explorations,
                states, seconds);
  std::cout << summary;
  if (shallowest < args.depth)
    std::cout << "incomplete: a budget stopped an exploration at depth " << shallowest
              << "; each set's label says how deep it was checked\n";
  for (const std::string& f : failures) std::cerr << "reclaim graph: " << printable(f) << "\n";
  return rc;
}

}  // namespace

void add_graph_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand(
      "graph",
      "Margins of an identity under a variant, by exhaustive search of the concrete model: for\n"
      "each outcome (takeover, lockout, asset-loss) and owner (passive, reactive), the minimal\n"
      "credential sets that reach it within the bound, each with its shortest attack as a .scn\n"
      "that `reclaim run` replays; and the guardian trust graph. Exit 0: done; 1: an attack did\n"
      "not replay or an exploration failed; 2: bad input; 3: a budget stopped an exploration\n"
      "short of the depth.");
  auto args = std::make_shared<GraphArgs>();
  cmd->add_option("--variant", args->variant, "Built-in variant name or path to a .toml")
      ->required();
  cmd->add_option("--identity", args->identity,
                  "A .scn whose setup section is the identity; a setup-only file will do "
                  "(default: the standard identity)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--owner", args->owner, "passive, reactive or both (default both)")
      ->check(CLI::IsMember({"passive", "reactive", "both"}));
  cmd->add_option("--depth", args->depth,
                  "Actions explored after the compromise, per credential set (default 4)");
  cmd->add_option("--rho", args->rho, "A reactive owner's reaction time (default 1d)");
  cmd->add_option("--outcome", args->outcomes, "takeover, lockout or asset-loss; repeatable")
      ->check(CLI::IsMember({"takeover", "lockout", "asset-loss"}));
  cmd->add_option("--max-states", args->max_states,
                  "States per exploration at most (default 5000000)");
  cmd->add_option("--budget", args->budget, "Seconds per exploration at most (default: none)");
  cmd->add_option("--out", args->out,
                  "Folder for the attacks' .scn files (default attacks; empty: not written)");
  cmd->add_option("--dot", args->dot,
                  "Write the attack graph and the guardian graph as Graphviz DOT (and SVG)");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->callback([&handler, args]() { handler = [args]() { return graph_command(*args); }; });
}

}  // namespace reclaim::cli
