// `reclaim audit [--variant V]... [--out DIR] [--budget S] [--seed N] [--json] [--traces N]
// [--symbolic-depth K] [--exhaustive-depth K] [--margin-depth K] [--check C]...
// [--fuzz-summary FILE]`: the audit
// report of reports/audit.h. Per variant it runs the scenario library, every engine of
// engines/engine.h with a fixed bound and the minimum compromise margins, and writes DIR
// (default reports/latest) report.json (docs/report-schema.md), report.md, index.html and
// measured.json, each atomically. The same seed and bounds give a byte-identical
// report.json; --budget bounds each engine by time too, and the report says it is then not
// reproducible. Progress goes to stderr on a terminal, check by check. Exit codes: 0 every
// claim holds and every expectation is met; 1 a claim is violated, an expectation unmet or an
// engine failed; 2 bad input or the report could not be written; 3 checked less than asked.
#include <iostream>
#include <memory>

#include "cli/audit_flags.h"
#include "cli/command.h"
#include "cli/output.h"
#include "reports/audit.h"

namespace reclaim::cli {
namespace {

int audit_command(const AuditFlags& flags, const std::string& command_line) {
  reports::AuditOptions options;
  if (!make_audit_options(flags, "audit", options)) return kExitBadInput;
  options.command_line = command_line;
  options.repeat_command = audit_repeat("reclaim audit", flags, options, {});
  Result<reports::Audit> audit = reports::run_audit(options);
  if (!audit) {
    std::cerr << "reclaim audit: " << printable(audit.error().str()) << "\n";
    return kExitBadInput;
  }
  if (Result<bool> w = reports::write_audit(*audit, options.out_dir); !w) {
    std::cerr << "reclaim audit: " << printable(w.error().str()) << "\n";
    return kExitBadInput;
  }
  const int rc = reports::audit_exit_code(*audit);
  print_unwritten("audit", *audit);
  if (flags.json) {
    std::cout << json_text(audit->report);
    return rc;
  }
  const auto& variants = audit->report["variants"];
  for (const auto& v : variants) {
    int holds = 0, broken = 0, weaknesses = 0, undecided = 0;
    if (v.contains("claims_matrix"))
      for (const auto& c : v["claims_matrix"]) {
        const std::string s = c["status"];
        holds += s == "holds";
        broken += s == "violated";
        weaknesses += s == "weakness";
        undecided += s == "undecided";
      }
    std::cout << v["name"].get<std::string>() << ": " << holds << " claims hold, " << broken
              << " violated, " << undecided << " undecided, " << weaknesses
              << " known weaknesses";
    if (v.contains("scenario_library"))
      std::cout << "; scenarios " << v["scenario_library"]["passed"].get<int>() << " passed, "
                << v["scenario_library"]["failed"].get<int>() << " failed";
    std::cout << "\n";
  }
  std::cout << "report written to " << printable(options.out_dir)
            << "/ (report.json, report.md, index.html, measured.json)\n";
  print_run_tail("audit", *audit, options.repeat_command);
  return rc;
}

}  // namespace

void add_audit_command(CLI::App& app, Handler& handler, const std::string& command_line) {
  auto* cmd = app.add_subcommand(
      "audit",
      "The audit report: per variant, the scenario library, every engine (random, symbolic,\n"
      "exhaustive) with a fixed bound, and the minimum compromise margins; written to --out as\n"
      "report.json (docs/report-schema.md), report.md, index.html and measured.json. The same\n"
      "seed and bounds give a byte-identical report.json.\n"
      "Exit 0: every claim holds, every expectation met; 1: a claim violated, an expectation\n"
      "unmet or an engine failed; 2: bad input; 3: checked less than asked.");
  auto flags = std::make_shared<AuditFlags>();
  flags->out = "reports/latest";
  add_audit_flags(*cmd, *flags);
  cmd->add_option("--variant", flags->variants,
                  "Built-in variant name or path to a .toml; repeatable (default: every built-in)");
  cmd->add_flag("--json", flags->json, "Print report.json on standard output");
  cmd->add_option("--fuzz-summary", flags->fuzz_summary,
                  "A fuzz campaign's summary.json (fuzz/campaign) to show in the report");
  cmd->callback([&handler, flags, command_line]() {
    handler = [flags, command_line]() { return audit_command(*flags, command_line); };
  });
}

}  // namespace reclaim::cli
