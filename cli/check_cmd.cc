// `reclaim check --variant V [--engine random|symbolic|all] [--depth K] [--budget S]
// [--seed N] [--traces N] [--out DIR] [--json]`: checks V's claims with the random engine
// (random/engine.h) and reports, per invariant, "holds (n traces, m steps)" or
// "violated (counterexample path)"; unclaimed invariants that fail are listed as expected
// weaknesses with their counterexamples. The seed is printed first: the same seed and
// budget reproduce the run (with --traces instead of a time budget, exactly); RapidCheck's
// reproduce string is printed with every counterexample. Exit 0 when every claim holds, 1
// when a claim is violated, 2 on bad input.

#include <algorithm>
#include <climits>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/command.h"

#include "sim/world.h"
#include "random/engine.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

struct CheckArgs {
  std::string variant;
  std::string engine = "random";
  int depth = 0;       // actions per trace (random engine); 0 = the engine's default
  double budget = 10;  // seconds
  int traces = 0;      // per phase; 0 = bounded by the budget alone
  uint64_t seed = 0;
  bool seed_given = false;
  std::string out = "counterexamples";
  bool json = false;
  bool no_weaknesses = false;
  std::vector<std::string> invariants;
};

std::string coverage_line(const RandomCoverage& c, Op op) {
  const auto i = static_cast<std::size_t>(op);
  return std::to_string(c.sent[i]) + " sent, " + std::to_string(c.accepted[i]) + " accepted";
}

nlohmann::ordered_json coverage_json(const RandomCoverage& c) {
  nlohmann::ordered_json ops = nlohmann::ordered_json::object();
  for (int i = 1; i <= kOpCount; ++i)
    if (c.sent[i] > 0)
      ops[std::string(op_name(static_cast<Op>(i)))] = {{"sent", c.sent[i]},
                                                       {"accepted", c.accepted[i]}};
  nlohmann::ordered_json rejections = nlohmann::ordered_json::object();
  for (int i = 1; i < kRejectCount; ++i)
    if (c.rejected[i] > 0)
      rejections[std::string(reject_name(static_cast<Reject>(i)))] = c.rejected[i];
  nlohmann::ordered_json events = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i] > 0) events[std::string(event_name(static_cast<EventKind>(i)))] = c.events[i];
  return {{"ops", ops},
          {"rejections", rejections},
          {"events", events},
          {"replays", {{"sent", c.replays}, {"accepted", c.replays_accepted}}},
          {"clock_moves", c.advances},
          {"reactive_requests", c.reactive_requests},
          {"actions", c.actions}};
}

int check(const CheckArgs& args) {
  if (args.engine == "symbolic") {
    std::cerr << "reclaim check: the symbolic engine (symbolic/, Z3) is not built yet; use "
                 "--engine random\n";
    return kExitBadInput;
  }
  Result<Variant> variant = load_variant(args.variant);
  if (!variant) {
    std::cerr << variant.error().str() << "\n";
    return kExitBadInput;
  }
  if (args.budget < 0 || args.traces < 0 || args.depth < 0) {
    std::cerr << "reclaim check: --budget, --traces and --depth must not be negative\n";
    return kExitBadInput;
  }
  if (args.budget == 0 && args.traces == 0) {
    std::cerr << "reclaim check: give a --budget or a number of --traces\n";
    return kExitBadInput;
  }
  RandomOptions options;
  std::random_device device;
  options.seed = args.seed_given ? args.seed : (uint64_t{device()} << 32) | device();
  options.budget_seconds = args.budget;
  options.max_traces = args.traces > 0 ? args.traces : INT_MAX / 2;
  if (args.depth > 0) options.max_steps = args.depth;
  options.out_dir = args.out;
  options.weaknesses = !args.no_weaknesses;
  options.invariants = args.invariants;
  for (const std::string& id : args.invariants) {
    const auto& ids = invariant_ids();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      std::cerr << "reclaim check: unknown invariant " << id << "\n";
      return kExitBadInput;
    }
  }
  const bool progress = progress_enabled() && !args.json;
  if (progress)
    options.progress = [](const RandomProgress& p) {
      std::fprintf(stderr, "\r[%s] %ld traces, %d violated, %d open, %.1f s\033[K", p.phase.c_str(),
                   p.traces, p.violated, p.open, p.seconds);
      std::fflush(stderr);
    };
  if (!args.json) {
    std::cout << "seed " << options.seed << "\n"
              << "variant " << variant->name << " (" << variant->path << "), engine random"
              << (args.engine == "all" ? " (all = random: the symbolic engine is not built yet)"
                                       : "")
              << ", budget ";
    if (args.budget > 0) std::cout << args.budget << " s";
    if (args.budget > 0 && args.traces > 0) std::cout << " or ";
    if (args.traces > 0) std::cout << args.traces << " traces per phase";
    std::cout << ", at most " << options.max_steps << " actions per trace\n" << std::flush;
  }

  const RandomReport r = run_random(*variant, options);
  if (progress) std::fprintf(stderr, "\r\033[K");
  const int rc = r.claims_hold() ? kExitOk : kExitFailed;

  if (args.json) {
    nlohmann::ordered_json invariants = nlohmann::ordered_json::array();
    for (const InvariantVerdict& v : r.verdicts) {
      nlohmann::ordered_json j = {{"id", v.id},
                                  {"claimed", v.claimed},
                                  {"held", v.held},
                                  {"traces", v.traces},
                                  {"steps", v.steps}};
      if (!v.held) {
        j["counterexample"] = v.counterexample_path;
        j["message"] = v.message;
        j["found_after_traces"] = v.found_after;
        j["seconds_to_find"] = v.seconds_to_find;
        j["shrunk_actions"] = v.shrunk_actions;
        j["reproduce"] = v.reproduce;
        j["scenario"] = v.scn_text;
      }
      invariants.push_back(j);
    }
    nlohmann::ordered_json out = {{"seed", r.seed},
                                  {"variant", variant->name},
                                  {"path", variant->path},
                                  {"engine", "random"},
                                  {"budget_seconds", args.budget},
                                  {"max_traces", args.traces},
                                  {"max_steps", options.max_steps},
                                  {"traces", r.traces},
                                  {"steps", r.steps},
                                  {"seconds", r.seconds},
                                  {"stopped_by_time", r.stopped_by_time},
                                  {"claims_hold", r.claims_hold()},
                                  {"invariants", invariants},
                                  {"coverage", coverage_json(r.coverage)},
                                  {"never_accepted", r.never_accepted},
                                  {"tags", r.tags},
                                  {"notes", r.notes},
                                  {"exit", rc}};
    std::cout << out.dump(2) << "\n";
    return rc;
  }

  for (const InvariantVerdict& v : r.verdicts) {
    char head[64];
    std::snprintf(head, sizeof head, "%-18s %-9s ", v.id.c_str(),
                  v.claimed ? "claimed" : "unclaimed");
    std::cout << head;
    if (v.held) {
      std::cout << "holds (" << v.traces << " traces, " << v.steps << " steps)\n";
      continue;
    }
    std::cout << (v.claimed ? "VIOLATED" : "violated, an expected weakness") << " ("
              << (v.counterexample_path.empty() ? "not written" : v.counterexample_path)
              << ")\n    " << v.message << "\n    found after " << v.found_after
              << " traces, shrunk to " << v.shrunk_actions << " actions; reproduce: " << v.reproduce
              << "\n";
  }
  std::cout << "coverage (" << r.coverage.actions << " actions):\n";
  for (int i = 1; i <= kOpCount; ++i)
    if (r.coverage.sent[i] > 0)
      std::cout << "  " << op_name(static_cast<Op>(i)) << ": "
                << coverage_line(r.coverage, static_cast<Op>(i)) << "\n";
  if (r.coverage.replays > 0)
    std::cout << "  replay: " << r.coverage.replays << " sent, " << r.coverage.replays_accepted
              << " accepted\n";
  std::cout << "  rejected:";
  for (int i = 1; i < kRejectCount; ++i)
    if (r.coverage.rejected[i] > 0)
      std::cout << " " << reject_name(static_cast<Reject>(i)) << " " << r.coverage.rejected[i];
  std::cout << "\n  events:";
  for (std::size_t i = 0; i < r.coverage.events.size(); ++i)
    if (r.coverage.events[i] > 0)
      std::cout << " " << event_name(static_cast<EventKind>(i)) << " " << r.coverage.events[i];
  std::cout << "; clock moves " << r.coverage.advances << "; reactive-owner requests "
            << r.coverage.reactive_requests << "\n";
  for (const auto& [tag, n] : r.tags) std::cout << "  traces tagged " << tag << ": " << n << "\n";
  if (!r.never_accepted.empty()) {
    std::cout << "never accepted (a generator gap):";
    for (const std::string& op : r.never_accepted) std::cout << " " << op;
    std::cout << "\n";
  }
  for (const std::string& n : r.notes) std::cerr << "reclaim check: " << n << "\n";
  char summary[200];
  std::snprintf(summary, sizeof summary, "%ld traces, %ld steps in %.1f s (%.0f traces/s)%s\n",
                r.traces, r.steps, r.seconds, r.seconds > 0 ? r.traces / r.seconds : 0.0,
                r.stopped_by_time ? "; stopped by the time budget" : "");
  std::cout << summary;
  int broken = 0;
  for (const InvariantVerdict& v : r.verdicts) broken += v.claimed && !v.held;
  std::cout << (broken == 0 ? "every claim holds" : std::to_string(broken) + " claim(s) violated")
            << " (seed " << r.seed << ")\n";
  return rc;
}

}  // namespace

void add_check_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand(
      "check",
      "Check a variant's claims on many random adversarial traces (RapidCheck), shrinking every\n"
      "violation to a minimal .scn counterexample. Exit 0: every claim holds; 1: a claim is\n"
      "violated; 2: bad input.");
  auto args = std::make_shared<CheckArgs>();
  cmd->add_option("--variant", args->variant, "Built-in variant name or path to a .toml")
      ->required();
  cmd->add_option("--engine", args->engine, "random, symbolic (not built yet) or all")
      ->check(CLI::IsMember({"random", "symbolic", "all"}));
  cmd->add_option("--depth", args->depth, "Actions per trace at most (random engine)");
  cmd->add_option("--budget", args->budget, "Search time in seconds (default 10)");
  cmd->add_option("--traces", args->traces,
                  "Traces per phase (claims, weaknesses); with --budget 0 the run is exactly "
                  "reproducible from the seed");
  cmd->add_option("--seed", args->seed, "Seed (printed first; random when not given)")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--out", args->out, "Folder for counterexample .scn files");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_option("--invariant", args->invariants,
                  "Check only these invariant ids (claimed or not); repeatable");
  cmd->add_flag("--claims-only", args->no_weaknesses,
                "Do not search the unclaimed invariants for expected weaknesses");
  cmd->callback([&handler, args]() { handler = [args]() { return check(*args); }; });
}

}  // namespace reclaim::cli
