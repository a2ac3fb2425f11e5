// The report's three renderings, all from the one report.json document (audit.h), so that
// they can never say different things: the JSON text itself, report.md, and index.html
// (self-contained: inline CSS, no script, nothing fetched from the network; every link is a
// file of the report's folder). One colour per meaning everywhere, with a legend:
//   violated (a claim broken)  red        weakness (not claimed, violated)  orange
//   proved                     dark green holds to depth k                  green
//   tested on n traces         light green unknown / undecided             grey
//   not encoded                light grey  not claimed, nothing violated    white
// and for attack outcomes: keeps control green, taken over or loses assets red, locked out
// purple, not applicable grey.
#ifndef RECLAIM_REPORTS_RENDER_H_
#define RECLAIM_REPORTS_RENDER_H_

#include <nlohmann/json.hpp>
#include <string>

namespace reclaim::reports {

// Indented JSON ending in a newline; invalid UTF-8 bytes become U+FFFD (never throws).
std::string json_document(const nlohmann::ordered_json& j);

// The short headline of a claims-matrix cell: "VIOLATED", "weakness", "proved",
// "holds to depth 4", "tested on 200 traces", "unknown", "not encoded", ...
std::string cell_headline(const nlohmann::ordered_json& cell);
// The CSS class (and legend key) of a cell: "violated", "weakness", "proved", "depth",
// "tested", "unknown", "not-encoded", "open".
std::string cell_class(const nlohmann::ordered_json& cell);
// "keeps control", "taken over", "locked out", ... for an attack outcome as report.json
// spells it ("keeps-control", "taken-over, loses-assets").
std::string outcome_text(const std::string& outcome);

std::string render_markdown(const nlohmann::ordered_json& report);
std::string render_html(const nlohmann::ordered_json& report);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_RENDER_H_
