// The scenario library under one variant: every scenario that lists the variant (or lists
// none: every built-in) is replayed with its expectations (scenarios/runner.h), and every
// attack scenario (attacks/*.scn) is replayed under it whether it lists it or not, for the
// attack matrix. Each attack run ends in an outcome for the identity the scenario declares
// first, read from the World at the end:
//   taken-over    another actor is in control (World::in_control) and the owner is not;
//   locked-out    the owner is locked out (World::locked_out);
//   loses-assets  the identity holds less of its assets, in total, than at the start;
//   keeps-control none of these.
// A scenario whose setup the variant cannot hold (guardians under a variant without them)
// is "not applicable", with the reason. Each attack run's timeline is written under
// timelines/FOLDER/ in the report's folder.
#ifndef RECLAIM_REPORTS_ATTACKS_H_
#define RECLAIM_REPORTS_ATTACKS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "variants/variant.h"

namespace reclaim::reports {

// The .scn files under `dir`, recursively, as paths relative to it, sorted.
std::vector<std::string> scenario_files(const std::string& dir);

struct LibraryRun {
  nlohmann::ordered_json library;  // files, runs, passed, failed, expectations, failures
  nlohmann::ordered_json attacks;  // one cell per attack scenario
  int unmet = 0;                   // expectations unmet and claims violated, in listed runs
  std::vector<std::string> problems;  // files that could not be read or parsed
  std::vector<std::string> unwritten;  // timelines that could not be written (no link kept)
};

// `folder`: the variant's folder under timelines/ (its name, unless two share it).
LibraryRun run_library(const Variant& variant, const std::string& folder,
                       const std::string& scenarios_dir, const std::string& out_dir);

// Outcome order for comparisons: 0 keeps control; higher is worse (a set of bad outcomes
// joined by ", " counts each).
int outcome_severity(const std::string& outcome);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_ATTACKS_H_
