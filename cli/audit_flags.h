// The flags `reclaim audit` and `reclaim compare` share: the seed, the bounds of each check,
// an optional time budget, the checks to run and the report's folder. Each is checked before
// anything runs (a bad value is exit 2), and the command that repeats a run is built from
// them.
#ifndef RECLAIM_CLI_AUDIT_FLAGS_H_
#define RECLAIM_CLI_AUDIT_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reports/audit.h"

namespace reclaim::cli {

struct AuditFlags {
  std::vector<std::string> variants;
  std::string out;
  std::string seed = "1";
  double budget = 0;
  long traces = 2000;
  int symbolic_depth = 2;
  int exhaustive_depth = 4;
  int margin_depth = 4;
  std::vector<std::string> checks;
  bool json = false;
  std::string fuzz_summary;  // audit only
};

// Registers --out --seed --budget --traces --symbolic-depth --exhaustive-depth
// --margin-depth --check on `cmd`, their defaults those of `flags`.
void add_audit_flags(CLI::App& cmd, AuditFlags& flags);

// Fills `options` from `flags` (variants, out, bounds, checks, progress); false after a
// message on stderr ("reclaim NAME: ...") on bad input.
bool make_audit_options(const AuditFlags& flags, const std::string& name,
                        reports::AuditOptions& options);

// `prefix` (e.g. "reclaim audit") with every flag that decides the run, then `positionals`.
std::string audit_repeat(const std::string& prefix, const AuditFlags& flags,
                         const reports::AuditOptions& options,
                         const std::vector<std::string>& positionals);

// Each evidence file of `audit` (a timeline, an attack) that could not be written, on stderr
// as "reclaim NAME: not written: ..." (text and --json runs alike: report.json does not
// list them; its links to them are dropped).
void print_unwritten(const std::string& name, const reports::Audit& audit);

// The end of a text run of `reclaim NAME` (audit, compare): each engine that failed and each
// check that did less than asked on stderr, then the line that repeats the run on stdout;
// every text through printable() (a variant's path can carry any byte).
void print_run_tail(const std::string& name, const reports::Audit& audit,
                    const std::string& repeat_command);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_AUDIT_FLAGS_H_
