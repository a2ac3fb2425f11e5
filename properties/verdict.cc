// Verdict labels (see verdict.h).
#include "properties/verdict.h"

namespace reclaim {

std::string_view label_name(Label l) {
  switch (l) {
    case Label::kNotChecked: return "not-checked";
    case Label::kProved: return "proved";
    case Label::kHoldsToDepth: return "holds-to-depth";
    case Label::kTested: return "tested";
    case Label::kViolated: return "violated";
    case Label::kUnknown: return "unknown";
    case Label::kNotEncoded: return "not-encoded";
  }
  return "?";
}

std::string label_text(const ClaimVerdict& v) {
  const std::string scope = v.scope.empty() ? "" : "scope " + v.scope;
  switch (v.label) {
    case Label::kNotChecked:
      return "NOT CHECKED" + (v.why.empty() ? "" : " (" + v.why + ")");
    case Label::kProved:
      return "proved" + (scope.empty() ? "" : " (" + scope + ")");
    case Label::kHoldsToDepth:
      return "holds to depth " + std::to_string(v.depth) +
             (v.states > 0 ? " (" + std::to_string(v.states) + " states" +
                                 (scope.empty() ? "" : ", " + scope) + ")"
                           : (scope.empty() ? "" : " (" + scope + ")"));
    case Label::kTested:
      return "tested on " + std::to_string(v.traces) + " traces (" + std::to_string(v.steps) +
             " steps)";
    case Label::kViolated:
      return "violated (" +
             (v.counterexample_path.empty() ? std::string("counterexample not written")
                                            : v.counterexample_path) +
             ")";
    case Label::kUnknown:
      return "unknown" + (v.why.empty() ? "" : " (" + v.why + ")");
    case Label::kNotEncoded:
      return "not encoded" + (v.why.empty() ? "" : " (" + v.why + ")");
  }
  return "?";
}

}  // namespace reclaim
