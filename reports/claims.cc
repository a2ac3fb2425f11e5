// The cells of the claims matrix (see claims.h).
#include "reports/claims.h"

#include <filesystem>

namespace reclaim::reports {

int label_strength(Label l) {
  switch (l) {
    case Label::kViolated: return 6;
    case Label::kProved: return 5;
    case Label::kHoldsToDepth: return 4;
    case Label::kTested: return 3;
    case Label::kUnknown: return 2;
    case Label::kNotEncoded: return 1;
    case Label::kNotChecked: return 0;
  }
  return 0;
}

std::string relative_to(const std::string& path, const std::string& dir) {
  if (path.empty() || dir.empty()) return path;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (ec) return path;
  const fs::path rel = p.lexically_relative(d);
  if (rel.empty() || *rel.begin() == "..") return path;
  return rel.generic_string();
}

nlohmann::ordered_json claim_cell(const std::string& invariant, bool claimed,
                                  const std::vector<ClaimVerdict>& verdicts,
                                  const std::string& out_dir) {
  nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
  const ClaimVerdict* best = nullptr;
  std::vector<std::string> best_engines;
  for (const ClaimVerdict& given : verdicts) {
    if (given.invariant != invariant) continue;
    ClaimVerdict v = given;
    v.counterexample_path = relative_to(v.counterexample_path, out_dir);
    nlohmann::ordered_json e = {{"engine", v.engine},
                                {"label", std::string(label_name(v.label))},
                                {"text", label_text(v)}};
    if (v.depth > 0) e["depth"] = v.depth;
    if (!v.scope.empty()) e["scope"] = v.scope;
    if (v.traces > 0) e["traces"] = v.traces;
    if (v.steps > 0) e["steps"] = v.steps;
    if (v.states > 0) e["states"] = v.states;
    if (!v.why.empty()) e["why"] = v.why;
    if (v.violated()) {
      e["counterexample"] = v.counterexample_path;
      e["message"] = v.message;
    }
    evidence.push_back(e);
    if (best == nullptr || label_strength(given.label) > label_strength(best->label)) {
      best = &given;
      best_engines = {given.engine};
    } else if (label_strength(given.label) == label_strength(best->label)) {
      best_engines.push_back(given.engine);
    }
  }
  nlohmann::ordered_json cell = {{"invariant", invariant}, {"claimed", claimed}};
  const Label head = best ? best->label : Label::kNotChecked;
  const bool violated = head == Label::kViolated;
  const bool decided = head == Label::kViolated || head == Label::kProved ||
                       head == Label::kHoldsToDepth || head == Label::kTested;
  cell["status"] = violated ? (claimed ? kBroken : kWeakness)
                   : !claimed ? kNotClaimed
                   : decided  ? kHolds
                              : kUndecided;
  cell["headline"] = std::string(label_name(head));
  if (best != nullptr) {
    ClaimVerdict v = *best;
    v.counterexample_path = relative_to(v.counterexample_path, out_dir);
    cell["headline_text"] = label_text(v);
    if (violated) cell["counterexample"] = v.counterexample_path;
  } else {
    cell["headline_text"] = "no engine ran";
  }
  cell["headline_engines"] = best_engines;
  cell["evidence"] = evidence;
  return cell;
}

}  // namespace reclaim::reports
