// Reading a report.json (docs/report-schema.md) back: a field as text whatever its JSON type,
// the entry of a list with a given field, and what a claims cell's status says. The audit's
// renderers, compare and the reference check read reports through these alone.
#ifndef RECLAIM_REPORTS_REPORT_JSON_H_
#define RECLAIM_REPORTS_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

namespace reclaim::reports {

// j[key] as text: a string as it is, any other value as its JSON text, a missing key or null
// as "".
inline std::string str(const nlohmann::ordered_json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

// The first entry of the array `list` whose `key` reads as `value`, or nullptr.
inline const nlohmann::ordered_json* find_by(const nlohmann::ordered_json& list, const char* key,
                                             const std::string& value) {
  if (!list.is_array()) return nullptr;
  for (const nlohmann::ordered_json& e : list)
    if (str(e, key) == value) return &e;
  return nullptr;
}

// A claims cell broken: a claim violated, or an unclaimed invariant violated (a weakness).
inline bool cell_violated(const nlohmann::ordered_json& cell) {
  const std::string s = str(cell, "status");
  return s == "violated" || s == "weakness";
}

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_REPORT_JSON_H_
