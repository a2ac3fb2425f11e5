// `reclaim check --variant V [--engine random|symbolic|exhaustive|all] [--budget S]
// [--traces N[,W]] [--depth K] [--scope devices=D,pending=P,guardians=G] [--seed N]
// [--out DIR] [--invariant ID]... [--claims-only] [--first-violation] [--bounds small|full]
// [--json]`: checks V's claims with the chosen engines (engines/engine.h) and reports, per
// invariant and engine, one honest label (properties/verdict.h): "tested on n traces (m
// steps)", "proved (scope ...)", "holds to depth k (scope ...)", "violated (counterexample
// path)", "unknown (why)" or "not encoded (why)"; unclaimed invariants that fail are listed as
// expected weaknesses with their counterexamples, every one of which replays
// (scenarios/counterexample.h).
//
// Every run prints, first, its seed and, last, one complete command that repeats it
// exactly (`repeat: reclaim check ...`). Exit codes: 0 every claim holds; 1 a claim is
// violated or an engine failed (a counterexample that does not replay); 2 bad input;
// 3 the run checked less than it was asked to (the time budget ran out before the asked
// traces or depth, a claim no engine of the run could decide or encode), or nothing.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/command.h"
#include "cli/output.h"
#include "engines/engine.h"
#include "properties/invariant.h"
#include "symbolic/scope.h"
#include "trace/write_file.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

// Upper bounds on what a flag may ask for: a week of search, a billion traces, traces of a
// thousand actions. Beyond them a run would not end in any useful time.
constexpr double kMaxBudgetSeconds = 7 * 24 * 3600.0;
constexpr long kMaxTraces = 1'000'000'000;
constexpr int kMaxDepth = 1000;

struct CheckArgs {
  std::string variant;
  std::string engine = "random";
  std::string depth, symbolic_depth, budget, traces, seed, scope;  // parsed strictly below
  bool depth_given = false, symbolic_depth_given = false, budget_given = false,
       traces_given = false, seed_given = false, scope_given = false, bounds_given = false;
  std::string out = "counterexamples";
  bool json = false;
  bool claims_only = false;
  bool first_violation = false;
  std::string bounds = "small";
  std::vector<std::string> invariants;
};

bool bad(const std::string& message) {
  std::cerr << "reclaim check: " << message << "\n";
  return false;
}

// Parses a plain decimal number in [lo, hi]: digits only (no sign, no spaces, no exponent).
bool parse_count(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi,
                 uint64_t& out) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos)
    return bad(flag + " takes a whole number from " + std::to_string(lo) + " to " +
               std::to_string(hi) + ", not '" + text + "'");
  uint64_t v = 0;
  for (char c : text) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10)
      return bad(flag + " " + text + " is out of range (at most " + std::to_string(hi) + ")");
    v = v * 10 + d;
  }
  if (v < lo || v > hi)
    return bad(flag + " " + text + " is out of range (" + std::to_string(lo) + " to " +
               std::to_string(hi) + ")");
  out = v;
  return true;
}

bool parse_budget(const std::string& text, double& out) {
  char* end = nullptr;
  const double v = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(v) || v < 0)
    return bad("--budget takes a number of seconds (0 for none), not '" + text + "'");
  if (v > kMaxBudgetSeconds)
    return bad("--budget " + text + " is more than a week (" +
               std::to_string(static_cast<long>(kMaxBudgetSeconds)) + " s)");
  out = v;
  return true;
}

// Fills `request` from the arguments; false (after a message) on bad input.
bool make_request(const CheckArgs& args, EngineRequest& request) {
  Result<Variant> variant = load_variant(args.variant);
  if (!variant) return bad(variant.error().str());
  request.variant = *variant;
  request.variant_spelling = args.variant;
  request.engine = args.engine;
  uint64_t v = 0;
  if (args.seed_given) {
    if (!parse_count("--seed", args.seed, 0, UINT64_MAX, v)) return false;
    request.seed = v;
  } else {
    std::random_device device;
    request.seed = (uint64_t{device()} << 32) | device();
  }
  if (args.depth_given) {
    if (!parse_count("--depth", args.depth, 1, kMaxDepth, v)) return false;
    request.depth = static_cast<int>(v);
  }
  if (args.symbolic_depth_given) {
    if (!parse_count("--symbolic-depth", args.symbolic_depth, 1, kMaxDepth, v)) return false;
    request.symbolic_depth = static_cast<int>(v);
  }
  // Bounds: --traces alone bounds by traces (exactly repeatable); --budget alone by time;
  // both: whichever comes first; neither: 10 seconds.
  request.budget_seconds = args.traces_given ? 0 : 10;
  if (args.budget_given && !parse_budget(args.budget, request.budget_seconds)) return false;
  if (args.traces_given) {
    const std::size_t comma = args.traces.find(',');
    const std::string first = args.traces.substr(0, comma);
    if (!parse_count("--traces", first, 1, kMaxTraces, v)) return false;
    request.traces = static_cast<long>(v);
    request.weakness_traces = request.traces;
    if (comma != std::string::npos) {
      if (!parse_count("--traces (after the comma)", args.traces.substr(comma + 1), 1, kMaxTraces,
                       v))
        return false;
      request.weakness_traces = static_cast<long>(v);
    }
  }
  // The random engine is bounded by time or traces; the symbolic one by time or depth; the
  // exhaustive one by its depth (default 4).
  const std::vector<std::string> engines = engines_of(request.engine);
  auto runs = [&engines](const char* name) {
    return std::find(engines.begin(), engines.end(), name) != engines.end();
  };
  const bool symbolic_only = args.engine == "symbolic";
  if (!runs("random") && args.traces_given)
    return bad("--traces bounds the random engine; --engine " + args.engine +
               " is bounded by --depth and --budget");
  if (request.budget_seconds == 0 && request.traces == 0) {
    if (runs("random"))
      return bad("--budget 0 needs a number of --traces: the run would never end");
    if (symbolic_only && !args.depth_given)
      return bad("--budget 0 needs a --depth: the run would never end");
  }
  // The random engine's own bounds: the symbolic engine has its scope and the exhaustive one
  // its depth, and each searches every claim to it, so neither takes them.
  if (!runs("random") && args.bounds_given)
    return bad("--bounds sets the random engine's memories; --engine " + args.engine +
               " is bounded by --scope or --depth");
  if (!runs("random") && args.first_violation)
    return bad(
        "--first-violation stops the random engine at its first violated claim; "
        "--engine " +
        args.engine + " searches every claim to its depth");
  if (args.symbolic_depth_given && !runs("symbolic"))
    return bad("--symbolic-depth bounds the symbolic engine; --engine " + args.engine +
               " does not run it");
  if (args.scope_given) {
    if (!runs("symbolic"))
      return bad("--scope bounds the symbolic engine; --engine " + args.engine +
                 " does not take it");
    if (args.scope.empty()) return bad("--scope takes devices=D,pending=P,guardians=G, not ''");
    Result<sym::Scope> scope = sym::parse_scope(args.scope);
    if (!scope) return bad("--scope " + args.scope + ": " + scope.error().message);
    request.scope = scope->text();
  }
  for (const std::string& id : args.invariants)
    if (make_checker(id) == nullptr) return bad("unknown invariant " + id);
  request.invariants = args.invariants;
  request.claims_only = args.claims_only;
  request.first_violation = args.first_violation;
  request.full_bounds = args.bounds == "full";
  request.out_dir = args.out;
  Result<bool> out = prepare_output_folder(args.out);
  if (!out) return bad("--out: " + out.error().str());
  request.progress = progress_enabled() && !args.json;
  return true;
}

// The command that repeats the run exactly: the same variant, engines, seed, bounds and
// selections, with each engine's bounds as its report states them.
std::string repeat_command(const EngineRequest& r, const std::vector<EngineResult>& results) {
  std::string cmd = "reclaim check --variant " + shell_quote(r.variant_spelling) + " --engine " +
                    r.engine + " --seed " + std::to_string(r.seed);
  if (r.depth > 0) cmd += " --depth " + std::to_string(r.depth);
  for (const std::string& id : r.invariants) cmd += " --invariant " + id;
  if (r.claims_only) cmd += " --claims-only";
  if (r.first_violation) cmd += " --first-violation";
  if (r.full_bounds) cmd += " --bounds full";
  for (const EngineResult& e : results) cmd += e.repeat_flags;
  return cmd + " --out " + shell_quote(r.out_dir);
}

int check(const CheckArgs& args) {
  EngineRequest request;
  if (!make_request(args, request)) return kExitBadInput;
  const Variant& variant = request.variant;
  if (!args.json) {
    std::cout << "seed " << request.seed << "\n"
              << "variant " << variant.name << " (" << variant.path << "), engine "
              << request.engine << ", ";
    if (request.engine != "symbolic") std::cout << "bounds " << args.bounds << ", ";
    if (request.budget_seconds > 0) std::cout << "budget " << request.budget_seconds << " s";
    if (request.budget_seconds > 0 && request.traces > 0) std::cout << " or ";
    if (request.traces > 0)
      std::cout << request.traces << "," << request.weakness_traces
                << " traces (claims, weaknesses)";
    std::cout << "\n" << std::flush;
  }

  std::vector<EngineResult> results;
  for (const std::string& engine : engines_of(request.engine))
    results.push_back(run_engine(engine, request));

  // The verdicts side by side: one line per invariant and engine.
  int broken = 0, weaknesses = 0;
  bool failed_engine = false, incomplete = false;
  std::vector<std::string> incomplete_why;
  for (const EngineResult& e : results) {
    failed_engine |= !e.problems.empty();
    if (e.incomplete) {
      incomplete = true;
      incomplete_why.push_back(e.engine + ": " + e.incomplete_why);
    }
    for (const ClaimVerdict& v : e.verdicts) {
      broken += v.claimed && v.violated();
      weaknesses += !v.claimed && v.violated();
      if (v.claimed && v.label == Label::kNotChecked) {
        incomplete = true;
        incomplete_why.push_back(e.engine + ": " + v.invariant + " was not checked");
      }
    }
  }
  // A claim that no engine of the run decided (each said not encoded or unknown) was not
  // checked: "every claim holds" would be a claim nobody verified.
  if (!failed_engine && !results.empty())
    for (const ClaimVerdict& v : results.front().verdicts) {
      if (!v.claimed) continue;
      bool decided = false;
      for (const EngineResult& e : results)
        for (const ClaimVerdict& w : e.verdicts)
          decided |= w.invariant == v.invariant && w.label != Label::kNotEncoded &&
                     w.label != Label::kUnknown && w.label != Label::kNotChecked;
      if (!decided) {
        incomplete = true;
        incomplete_why.push_back(v.invariant + ": no engine of this run decided it");
      }
    }
  int rc = kExitOk;
  if (incomplete) rc = kExitIncomplete;
  if (broken > 0 || failed_engine) rc = kExitFailed;
  const std::string repeat = repeat_command(request, results);

  if (args.json) {
    nlohmann::ordered_json engines = nlohmann::ordered_json::array();
    for (const EngineResult& e : results) {
      nlohmann::ordered_json verdicts = nlohmann::ordered_json::array();
      for (const ClaimVerdict& v : e.verdicts) verdicts.push_back(verdict_json(v));
      engines.push_back({{"engine", e.engine},
                         {"verdicts", verdicts},
                         {"figures", e.figures},
                         {"incomplete", e.incomplete},
                         {"problems", e.problems}});
    }
    nlohmann::ordered_json out = {
        {"seed", request.seed},
        {"variant", variant.name},
        {"path", variant.path},
        {"engine", request.engine},
        {"budget_seconds", request.budget_seconds},
        {"bounds", request.engine != "symbolic" ? nlohmann::ordered_json(args.bounds)
                                                : nlohmann::ordered_json()},
        {"traces", {request.traces, request.weakness_traces}},
        {"engines", engines},
        {"claims_hold", broken == 0 && !failed_engine},
        {"incomplete", incomplete_why},
        {"repeat", repeat},
        {"exit", rc}};
    std::cout << json_text(out);
    return rc;
  }

  for (const EngineResult& e : results) {
    for (const ClaimVerdict& v : e.verdicts) {
      char head[80];
      std::snprintf(head, sizeof head, "%-18s %-9s %-10s ", v.invariant.c_str(),
                    v.claimed ? "claimed" : "unclaimed", ("[" + e.engine + "]").c_str());
      std::cout << head << (v.violated() && v.claimed ? "VIOLATED: " : "") << label_text(v)
                << (v.violated() && !v.claimed ? ", an expected weakness" : "") << "\n";
      if (v.violated()) std::cout << "    " << v.message << "\n";
    }
    std::cout << e.text;
    for (const std::string& p : e.problems)
      std::cerr << "reclaim check: " << e.engine << " engine failed: " << p << "\n";
  }
  for (const std::string& why : incomplete_why)
    std::cerr << "reclaim check: incomplete: " << why << "\n";
  if (broken > 0) {
    std::cout << broken << " claim(s) violated";
  } else if (failed_engine) {
    std::cout << "no verdict: an engine failed (see above)";
  } else if (incomplete) {
    std::cout << "no verdict: the run checked less than asked";
  } else {
    std::cout << "every claim holds as labelled";
  }
  std::cout << "; " << weaknesses << " expected weakness(es) (seed " << request.seed << ")\n"
            << "repeat: " << repeat << "\n";
  return rc;
}

}  // namespace

void add_check_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand(
      "check",
      "Check a variant's claims with an engine, writing every violation as a replayable .scn\n"
      "counterexample. Prints the seed first and, last, the command that repeats the run.\n"
      "Exit 0: every claim holds; 1: a claim is violated or an engine failed; 2: bad input;\n"
      "3: the run checked less than asked.");
  auto args = std::make_shared<CheckArgs>();
  cmd->add_option("--variant", args->variant, "Built-in variant name or path to a .toml")
      ->required();
  cmd->add_option("--engine", args->engine, engine_help())->check(CLI::IsMember(engine_choices()));
  cmd->add_option("--depth", args->depth,
                  "Longest trace: actions per random trace (1.." + std::to_string(kMaxDepth) +
                      "; default 60); the symbolic engine's BMC depth (default: as deep as the "
                      "budget allows); with --engine exhaustive, the depth searched (default 4)")
      ->each([args](const std::string&) { args->depth_given = true; });
  cmd->add_option("--symbolic-depth", args->symbolic_depth,
                  "The symbolic engine's BMC depth alone (1.." + std::to_string(kMaxDepth) +
                      "), in place of --depth; with --engine all the other engines keep "
                      "theirs. The repeat command of an `all` run carries the depth the "
                      "symbolic engine reached")
      ->each([args](const std::string&) { args->symbolic_depth_given = true; });
  cmd->add_option("--budget", args->budget,
                  "Time budget in seconds, per engine (default 10, or none when --traces is given)")
      ->each([args](const std::string&) { args->budget_given = true; });
  cmd->add_option("--traces", args->traces,
                  "Traces per phase: N, or C,W for the claims and weaknesses phases; with "
                  "--budget 0 the run is exactly repeatable from the seed")
      ->each([args](const std::string&) { args->traces_given = true; });
  cmd->add_option("--scope", args->scope,
                  "The symbolic engine's scope: devices=D,pending=P,guardians=G (any subset; "
                  "default devices=4,pending=2,guardians=3)")
      ->each([args](const std::string&) { args->scope_given = true; });
  cmd->add_option("--seed", args->seed, "Seed, 0..2^64-1 (printed first; random when not given)")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--out", args->out,
                  "Folder for counterexample .scn files (default "
                  "counterexamples)");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_option("--invariant", args->invariants,
                  "Check only these invariant ids (claimed or not); repeatable");
  cmd->add_flag("--claims-only", args->claims_only,
                "Do not search the unclaimed invariants for expected weaknesses");
  cmd->add_option("--bounds", args->bounds,
                  "The state's memories (remembered requests, notifications, pending changes, "
                  "sessions) in the random engine: small (default; short traces fill them) or full")
      ->check(CLI::IsMember({"small", "full"}))
      ->each([args](const std::string&) { args->bounds_given = true; });
  cmd->add_flag("--first-violation", args->first_violation,
                "Stop the random engine at the first violated claim (a mutation campaign asks "
                "only whether, and how soon, some claim fails)");
  cmd->callback([&handler, args]() { handler = [args]() { return check(*args); }; });
}

}  // namespace reclaim::cli
