// The flags of `reclaim audit` and `reclaim compare` (see audit_flags.h).
#include "cli/audit_flags.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/output.h"

namespace reclaim::cli {
namespace {

constexpr double kMaxBudgetSeconds = 7 * 24 * 3600.0;

std::string checks_help() {
  std::string out;
  for (const std::string& c : reports::audit_checks()) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

void add_audit_flags(CLI::App& cmd, AuditFlags& flags) {
  cmd.add_option("--out", flags.out, "Folder the report is written to (default " + flags.out + ")");
  cmd.add_option("--seed", flags.seed, "Seed, 0..2^64-1 (default 1)");
  cmd.add_option("--budget", flags.budget,
                 "Seconds per engine and per margin exploration besides the fixed bounds (default "
                 "0: none). A budget makes the report depend on the machine: it says so")
      ->check(CLI::Range(0.0, kMaxBudgetSeconds))
      ->check(CLI::Validator(
          [](const std::string& text) {
            // CLI::Range lets NaN through: no comparison with it is false.
            const double v = std::strtod(text.c_str(), nullptr);
            return v == v ? std::string() : std::string("a budget is a number of seconds");
          },
          "SECONDS"));
  cmd.add_option("--traces", flags.traces,
                 "Random traces per phase, claims and weaknesses (default 2000)")
      ->check(CLI::Range(1L, 1'000'000'000L));
  cmd.add_option("--symbolic-depth", flags.symbolic_depth,
                 "The symbolic engine's BMC depth (default 2; it grows fast with depth)")
      ->check(CLI::Range(1, 1000));
  cmd.add_option("--exhaustive-depth", flags.exhaustive_depth,
                 "The exhaustive engine's depth (default 4)")
      ->check(CLI::Range(1, 1000));
  cmd.add_option("--margin-depth", flags.margin_depth,
                 "Actions explored per credential set for the margins (default 4)")
      ->check(CLI::Range(1, 1000));
  cmd.add_option("--check", flags.checks,
                 "Run only these checks (" + checks_help() + "); repeatable (default: all)")
      ->check(CLI::IsMember(reports::audit_checks()));
}

bool make_audit_options(const AuditFlags& flags, const std::string& name,
                        reports::AuditOptions& options) {
  Result<uint64_t> seed = parse_seed(flags.seed, "--seed");
  if (!seed) {
    std::cerr << "reclaim " << name << ": " << printable(seed.error().str()) << "\n";
    return false;
  }
  options.seed = *seed;
  options.variants = flags.variants;
  options.checks = flags.checks;
  options.out_dir = flags.out;
  options.budget_seconds = flags.budget;
  options.traces = flags.traces;
  options.symbolic_depth = flags.symbolic_depth;
  options.exhaustive_depth = flags.exhaustive_depth;
  options.margin_depth = flags.margin_depth;
  options.fuzz_summary = flags.fuzz_summary;
  if (progress_enabled() && !flags.json) {
    options.progress = [](const std::string& line) {
      std::fprintf(stderr, "\r\033[K%s\n", line.c_str());
      std::fflush(stderr);
    };
    options.engine_progress = true;
  }
  return true;
}

std::string audit_repeat(const std::string& prefix, const AuditFlags& flags,
                         const reports::AuditOptions& options,
                         const std::vector<std::string>& positionals) {
  std::string cmd = prefix;
  for (const std::string& p : positionals) cmd += " " + shell_quote(p);
  cmd += " --seed " + std::to_string(options.seed) + " --traces " + std::to_string(options.traces) +
         " --symbolic-depth " + std::to_string(options.symbolic_depth) + " --exhaustive-depth " +
         std::to_string(options.exhaustive_depth) + " --margin-depth " +
         std::to_string(options.margin_depth);
  if (options.budget_seconds > 0) {
    char b[40];
    std::snprintf(b, sizeof b, " --budget %g", options.budget_seconds);
    cmd += b;
  }
  for (const std::string& c : options.checks) cmd += " --check " + c;
  for (const std::string& v : flags.variants) cmd += " --variant " + shell_quote(v);
  if (!options.fuzz_summary.empty()) cmd += " --fuzz-summary " + shell_quote(options.fuzz_summary);
  return cmd + " --out " + shell_quote(options.out_dir);
}

void print_unwritten(const std::string& name, const reports::Audit& audit) {
  for (const std::string& p : audit.unwritten)
    std::cerr << "reclaim " << name << ": not written: " << printable(p) << "\n";
}

void print_run_tail(const std::string& name, const reports::Audit& audit,
                    const std::string& repeat_command) {
  for (const std::string& p : audit.problems)
    std::cerr << "reclaim " << name << ": " << printable(p) << "\n";
  for (const std::string& p : audit.incomplete)
    std::cerr << "reclaim " << name << ": incomplete: " << printable(p) << "\n";
  std::cout << "repeat: " << printable(repeat_command) << "\n";
}

}  // namespace reclaim::cli
