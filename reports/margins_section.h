// The minimum compromise margins of one variant for the report: graph/margins.h on the
// standard identity, for a passive owner and one who reacts within a day, every outcome.
// Per outcome and owner: the size of the smallest credential set that reaches it ("smallest",
// null when no set reaches it within the depth: the best margin), each minimal set with its
// shortest attack written under margins/VARIANT/ in the report's folder.
#ifndef RECLAIM_REPORTS_MARGINS_SECTION_H_
#define RECLAIM_REPORTS_MARGINS_SECTION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "variants/variant.h"

namespace reclaim::reports {

struct MarginsRun {
  nlohmann::ordered_json margins = nlohmann::ordered_json::array();  // outcome x owner
  nlohmann::ordered_json figures = nlohmann::ordered_json::object();  // explorations, states
  double seconds = 0;
  std::vector<std::string> problems;  // attacks that did not replay, explorations that failed
  std::vector<std::string> unwritten;  // attack files that could not be written (no link kept)
  std::string incomplete;             // a budget stopped an exploration short of the depth
};

// `folder`: the variant's folder under margins/ (its name, unless two share it).
MarginsRun run_margins(const Variant& variant, const std::string& folder, int depth,
                       double budget_seconds, const std::string& out_dir);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_MARGINS_SECTION_H_
