// The audit: per variant, the scenario library, every engine of engines/engine.h (each with a
// fixed bound, so that the same seed gives the same verdicts), and the minimum compromise
// margins of graph/margins.h; gathered into one report (docs/report-schema.md, schema
// version 1) that report.json holds as it is and that report.md and index.html render.
//
// What is reproducible and what is not: the report holds only what the seed and the bounds
// decide (verdicts, traces, depths, states, outcomes, trace hashes); every wall-clock figure
// (seconds per engine, time to the first counterexample, exec/s, peak memory) goes to
// `measured`, which no comparison reads. A time budget (AuditOptions::budget_seconds > 0)
// makes the verdicts depend on the machine: the report says so (provenance.reproducible).
//
// Files the audit writes under out_dir (all atomically, trace/write_file.h): each engine's
// counterexamples under counterexamples/VARIANT/ENGINE/, each attack run's timeline under
// timelines/VARIANT/SCENARIO.txt, each margin's shortest attack under margins/VARIANT/. The
// report names them relative to out_dir, so the folder can be moved or committed whole.
#ifndef RECLAIM_REPORTS_AUDIT_H_
#define RECLAIM_REPORTS_AUDIT_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/result.h"

namespace reclaim::reports {

inline constexpr int kSchemaVersion = 1;

// The checks of an audit, besides the engines of engines/engine.h.
inline constexpr const char* kScenariosCheck = "scenarios";
inline constexpr const char* kMarginsCheck = "margins";

struct AuditOptions {
  std::vector<std::string> variants;  // built-in names or .toml paths; empty = every built-in
  // The folder under counterexamples/, timelines/ and margins/ of each variant (same order);
  // empty = the variants' names. Two variants may share a name (an old and a new version of
  // one file) only if their folders differ.
  std::vector<std::string> folders;
  std::vector<std::string> checks;    // "scenarios", engine names, "margins"; empty = all
  uint64_t seed = 1;
  long traces = 2000;       // the random engine, per phase (claims and weaknesses)
  int symbolic_depth = 2;   // BMC steps, no time bound
  int exhaustive_depth = 4; // actions
  int margin_depth = 4;     // actions after the compromise, per credential set
  double budget_seconds = 0;  // per engine and per exploration; 0 = none (reproducible)
  std::string scenarios_dir;  // the scenario library; empty = scenarios_source_dir()
  // A fuzz campaign's summary.json (fuzz/campaign writes WORK/summary.json), shown as it is
  // in the report's fuzz section; empty = none. Its figures are the campaign's, not this run's.
  std::string fuzz_summary;
  std::string out_dir = "reports/latest";
  std::string command_line;   // as typed, for the provenance
  std::string repeat_command; // the command that repeats the audit exactly
  std::function<void(const std::string&)> progress;  // one line per check begun/ended
  bool engine_progress = false;  // the engines' own progress lines on stderr
};

struct Audit {
  nlohmann::ordered_json report;    // report.json: schema version 1
  nlohmann::ordered_json measured;  // measured.json: wall-clock figures, never compared
  int claims_broken = 0;            // claimed invariants violated, over every variant
  int expectations_unmet = 0;       // in the scenario library
  std::vector<std::string> problems;    // engines that failed: no verdict may pass
  std::vector<std::string> incomplete;  // checked less than asked, with the reason
  std::vector<std::string> unwritten;   // evidence files that could not be written: exit 2
};

// Every check the audit knows, in the order it runs them: "scenarios", then the engines of
// engines_of("all"), then "margins". A later engine joins through engines/engine.h alone.
std::vector<std::string> audit_checks();

// The scenario library this build was compiled beside ($RECLAIM_SCENARIOS_DIR overrides it).
std::string scenarios_source_dir();

// Loads every variant first: a variant that does not load, an unknown check or an out_dir
// that cannot be written is an Error (bad input) before anything runs.
Result<Audit> run_audit(const AuditOptions& options);

// The exit code of `reclaim audit` for an audit: 2 an evidence file (a timeline, an attack)
// could not be written; 1 a claim violated, an expectation unmet or an engine failed; 3
// checked less than asked; else 0.
int audit_exit_code(const Audit& audit);

// Writes report.json, report.md, index.html and measured.json into out_dir, each atomically.
Result<bool> write_audit(const Audit& audit, const std::string& out_dir);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_AUDIT_H_
