// `reclaim run PATH... [--variant V]... [--json] [--timeline] [--crypto ideal|real] [--seed N]`:
// replays .scn files (folders are searched recursively, see scenario_files.h) under each
// variant they list and reports every expectation and claimed invariant. One file prints its
// full timeline; many files print one line per file and variant, with the failures in full.
// The run ends with what it checked (files, variant runs, steps, expectations, claims); a
// run that checked nothing, or could not read all it was given, exits 2 and says why.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/output.h"
#include "cli/scenario_files.h"
#include "scenarios/runner.h"
#include "scenarios/timeline.h"
#include "trace/parse.h"

namespace reclaim::cli {
namespace {

struct RunArgs {
  std::vector<std::string> paths;
  std::vector<std::string> variants;
  bool json = false;
  bool timeline = false;
  std::string crypto = "ideal";
  std::string seed = "1";
};

// What a run checked, for the closing summary.
struct Checked {
  std::size_t files = 0;               // scenario files found
  std::size_t files_run = 0;           // of which at least one variant ran
  std::size_t files_skipped = 0;       // read, but listing none of the requested variants
  std::size_t files_bad = 0;           // could not be read, parsed or run
  std::size_t passed = 0, failed = 0;  // variant runs
  std::size_t steps = 0;
  std::size_t expectations = 0, unmet = 0;
  std::size_t claims = 0, violated = 0;  // claimed invariants checked over whole runs
  std::vector<std::string> errors;       // why something given was not checked

  nlohmann::ordered_json json() const {
    return {{"files", files},
            {"files_run", files_run},
            {"files_skipped", files_skipped},
            {"files_bad", files_bad},
            {"variant_runs", passed + failed},
            {"steps", steps},
            {"expectations", expectations},
            {"expectations_unmet", unmet},
            {"claims", claims},
            {"claims_violated", violated}};
  }
  std::string text() const {
    std::string t = std::to_string(passed) + " passed, " + std::to_string(failed) +
                    " failed: checked " + count(files_run, "scenario file") + ", " +
                    count(passed + failed, "variant run") + ", " + count(steps, "step") + ", " +
                    count(expectations, "expectation") + ", " + count(claims, "claimed invariant");
    if (files_run < files) {
      t += "; " + std::to_string(files - files_run) + " of " + count(files, "file") + " not run (";
      if (files_skipped > 0) t += std::to_string(files_skipped) + " list no requested variant";
      if (files_skipped > 0 && files_bad > 0) t += ", ";
      if (files_bad > 0) t += std::to_string(files_bad) + " could not be run";
      t += ")";
    }
    return t + "\n";
  }
  static std::string count(std::size_t n, const std::string& what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  }
};

void report_error(Checked& checked, const std::string& message, bool clear_progress) {
  if (clear_progress) std::cerr << "\r\033[K";
  std::cerr << printable(message) << "\n";
  checked.errors.push_back(message);
}

int run(const RunArgs& args) {
  Checked checked;
  int rc = kExitOk;
  auto bad_input = [&](const std::string& message) {
    report_error(checked, message, false);
    rc = kExitBadInput;
  };

  Result<uint64_t> seed = parse_seed(args.seed, "--seed");
  if (!seed) {
    std::cerr << seed.error().str() << "\n";
    return kExitBadInput;
  }
  std::vector<std::string> variants;  // each once, in the order given
  for (const std::string& v : args.variants) {
    if (std::find(variants.begin(), variants.end(), v) != variants.end()) continue;
    Result<Variant> loaded = load_variant(v);
    if (!loaded) {
      std::cerr << printable(loaded.error().str()) << "\n";
      return kExitBadInput;
    }
    variants.push_back(v);
  }

  ScenarioFiles found = find_scenario_files(args.paths);
  for (const std::string& e : found.errors) bad_input(e);
  const std::vector<std::string>& files = found.files;
  checked.files = files.size();

  RunOptions options;
  options.crypto = args.crypto == "real" ? CryptoBackend::kReal : CryptoBackend::kIdeal;
  options.seed = *seed;
  options.variants = variants;
  const bool full = args.timeline || files.size() == 1;
  const bool progress = progress_enabled() && files.size() > 1;
  nlohmann::ordered_json report = {
      {"seed", *seed}, {"crypto", args.crypto}, {"files", nlohmann::ordered_json::array()}};
  if (!args.json) std::cout << "seed " << *seed << " crypto " << args.crypto << "\n";
  std::vector<std::size_t> runs_of_variant(variants.size(), 0);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& file = files[i];
    if (progress)
      std::cerr << "\r[" << (i + 1) << "/" << files.size() << "] " << printable(file) << "\033[K"
                << std::flush;
    Result<Scenario> sc = load_scenario(file);
    Result<std::vector<VariantRun>> runs =
        sc ? run_scenario(*sc, options) : Result<std::vector<VariantRun>>(sc.error());
    if (!runs) {
      report_error(checked, runs.error().str(), progress);
      ++checked.files_bad;
      rc = kExitBadInput;
      continue;
    }
    if (runs->empty()) {
      ++checked.files_skipped;
      continue;
    }
    ++checked.files_run;
    nlohmann::ordered_json jfile = {
        {"file", file}, {"scenario", sc->name}, {"variants", nlohmann::ordered_json::array()}};
    for (const VariantRun& vr : *runs) {
      for (std::size_t k = 0; k < variants.size(); ++k)
        runs_of_variant[k] += variant_name_of_file(variants[k]) == vr.variant;
      const bool ok = vr.passed();
      ok ? ++checked.passed : ++checked.failed;
      if (!ok && rc == kExitOk) rc = kExitFailed;
      checked.steps += vr.world->steps().size();
      checked.expectations += vr.expectations.size();
      for (const ExpectResult& e : vr.expectations) checked.unmet += !e.passed;
      for (const InvariantResult& inv : vr.invariants) {
        checked.claims += inv.claimed;
        checked.violated += inv.claimed && !inv.held;
      }
      if (args.json) {
        jfile["variants"].push_back(timeline_json(*sc, vr, full));
        continue;
      }
      if (progress) std::cerr << "\r\033[K";
      if (full) {
        std::cout << format_timeline(*sc, vr);
      } else {
        std::cout << (ok ? "PASS " : "FAIL ") << printable(file) << " [" << vr.variant << "]\n";
      }
      for (const ExpectResult& e : vr.expectations)
        if (!e.passed)
          std::cerr << printable(file) << ":" << e.loc.line << ":" << e.loc.col << ": under "
                    << vr.variant << ": " << e.text << " is unmet (" << e.detail << ")\n";
      for (const InvariantResult& inv : vr.invariants)
        if (inv.claimed && !inv.held)
          std::cerr << printable(file) << ": under " << vr.variant << ": claimed invariant "
                    << inv.id << " violated at step " << inv.violation.step << ": "
                    << inv.violation.message << "\n";
    }
    report["files"].push_back(jfile);
  }
  if (progress) std::cerr << "\r\033[K";

  if (checked.passed + checked.failed > 0) {
    // Less than asked: a requested variant no file ran under.
    for (std::size_t k = 0; k < variants.size(); ++k)
      if (runs_of_variant[k] == 0)
        bad_input("reclaim run: --variant " + variants[k] +
                  ": nothing ran under it (no file given lists it)");
  } else {
    // Nothing at all: never a success.
    std::string why = files.empty()                        ? "no scenario file was found"
                      : checked.files_bad == checked.files ? "no scenario file could be run"
                                                           : "no file lists the requested variants";
    bad_input("reclaim run: nothing was checked: " + why);
  }
  if (args.json) {
    report["passed"] = checked.passed;
    report["failed"] = checked.failed;
    report["checked"] = checked.json();
    report["errors"] = checked.errors;
    report["exit"] = rc;
    std::cout << json_text(report);
  } else {
    std::cout << checked.text();
  }
  return rc;
}

}  // namespace

void add_run_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand(
      "run",
      "Replay .scn scenarios (files, or folders searched recursively for *.scn; links to\n"
      "folders are not followed) under the variants they list.\n"
      "Exit 0: every expectation met and no claimed invariant violated; 1: something\n"
      "unmet; 2: bad input, or nothing (or not all that was given) could be checked.");
  auto args = std::make_shared<RunArgs>();
  cmd->add_option("PATH", args->paths, "Scenario files or folders")->required();
  cmd->add_option("--variant", args->variants,
                  "Only these variants (built-in name or path to a .toml); repeatable");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_flag("--timeline", args->timeline, "Print the full timeline even for many files");
  cmd->add_option("--crypto", args->crypto, "Signature backend")
      ->check(CLI::IsMember({"ideal", "real"}));
  cmd->add_option("--seed", args->seed,
                  "Run seed, 0 to 18446744073709551615 (keys derive from it; default 1)");
  cmd->callback([&handler, args]() { handler = [args]() { return run(*args); }; });
}

}  // namespace reclaim::cli
