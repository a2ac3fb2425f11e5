// `reclaim run PATH... [--variant V]... [--json] [--crypto ideal|real] [--seed N]`:
// replays .scn files (folders are searched recursively) under each variant they list and
// reports every expectation and claimed invariant. One file prints its full timeline; many
// files print one line per file and variant, with the failures in full.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
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
  uint64_t seed = 1;
};

// Files to run, sorted so output order never depends on the file system.
bool collect(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  bool ok = true;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".scn")
          found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      std::cerr << p << ": no such file or folder\n";
      ok = false;
    }
  }
  return ok;
}

int run(const RunArgs& args) {
  std::vector<std::string> files;
  int rc = collect(args.paths, files) ? kExitOk : kExitBadInput;
  for (const std::string& v : args.variants) {
    Result<Variant> loaded = load_variant(v);
    if (!loaded) {
      std::cerr << loaded.error().str() << "\n";
      return kExitBadInput;
    }
  }
  RunOptions options;
  options.crypto = args.crypto == "real" ? CryptoBackend::kReal : CryptoBackend::kIdeal;
  options.seed = args.seed;
  options.variants = args.variants;
  const bool full = args.timeline || files.size() == 1;
  nlohmann::ordered_json report = {
      {"seed", args.seed}, {"crypto", args.crypto}, {"files", nlohmann::ordered_json::array()}};
  if (!args.json) std::cout << "seed " << args.seed << " crypto " << args.crypto << "\n";
  std::size_t passed = 0, failed = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& file = files[i];
    if (progress_enabled() && files.size() > 1)
      std::cerr << "\r[" << (i + 1) << "/" << files.size() << "] " << file << "\033[K"
                << std::flush;
    Result<Scenario> sc = load_scenario(file);
    if (!sc) {
      if (progress_enabled() && files.size() > 1) std::cerr << "\r\033[K";
      std::cerr << sc.error().str() << "\n";
      rc = kExitBadInput;
      continue;
    }
    Result<std::vector<VariantRun>> runs = run_scenario(*sc, options);
    if (!runs) {
      if (progress_enabled() && files.size() > 1) std::cerr << "\r\033[K";
      std::cerr << runs.error().str() << "\n";
      rc = kExitBadInput;
      continue;
    }
    nlohmann::ordered_json jfile = {
        {"file", file}, {"scenario", sc->name}, {"variants", nlohmann::ordered_json::array()}};
    for (const VariantRun& vr : *runs) {
      const bool ok = vr.passed();
      ok ? ++passed : ++failed;
      if (!ok && rc == kExitOk) rc = kExitFailed;
      if (args.json) {
        jfile["variants"].push_back(timeline_json(*sc, vr, full));
        continue;
      }
      if (full) {
        std::cout << format_timeline(*sc, vr);
      } else {
        std::cout << (ok ? "PASS " : "FAIL ") << file << " [" << vr.variant << "]\n";
      }
      for (const ExpectResult& e : vr.expectations)
        if (!e.passed)
          std::cerr << file << ":" << e.loc.line << ":" << e.loc.col << ": under " << vr.variant
                    << ": " << e.text << " is unmet (" << e.detail << ")\n";
      for (const InvariantResult& inv : vr.invariants)
        if (inv.claimed && !inv.held)
          std::cerr << file << ": under " << vr.variant << ": claimed invariant " << inv.id
                    << " violated at step " << inv.violation.step << ": " << inv.violation.message
                    << "\n";
    }
    report["files"].push_back(jfile);
  }
  if (progress_enabled() && files.size() > 1) std::cerr << "\r\033[K";
  if (passed + failed == 0 && rc == kExitOk) {
    // Nothing was checked: say so rather than report success.
    std::cerr << "reclaim run: no scenario ran (no file lists the requested variants)\n";
    rc = kExitBadInput;
  }
  if (args.json) {
    report["passed"] = passed;
    report["failed"] = failed;
    report["exit"] = rc;
    std::cout << json_text(report) << "\n";
  } else {
    std::cout << passed << " passed, " << failed << " failed\n";
  }
  return rc;
}

}  // namespace

void add_run_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand(
      "run",
      "Replay .scn scenarios (files or folders) under the variants they list.\n"
      "Exit 0: every expectation met and no claimed invariant violated; 1: something\n"
      "unmet; 2: bad input (file:line:col on stderr).");
  auto args = std::make_shared<RunArgs>();
  cmd->add_option("PATH", args->paths, "Scenario files or folders")->required();
  cmd->add_option("--variant", args->variants,
                  "Only these variants (built-in name or path to a .toml); repeatable");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_flag("--timeline", args->timeline, "Print the full timeline even for many files");
  cmd->add_option("--crypto", args->crypto, "Signature backend")
      ->check(CLI::IsMember({"ideal", "real"}));
  cmd->add_option("--seed", args->seed, "Run seed (keys derive from it)");
  cmd->callback([&handler, args]() { handler = [args]() { return run(*args); }; });
}

}  // namespace reclaim::cli
