// One cell of the claims matrix: every engine's verdict on one invariant under one variant,
// and the strongest evidence among them as the headline. Strength, strongest first:
//   violated > proved > holds to depth k > tested on n traces > unknown > not encoded
// (a counterexample that replays beats any amount of evidence that it holds; a proof beats a
// bounded search, a bounded search beats sampling). The cell's status says what it means
// for the variant: a claim that holds, a claim violated, an unclaimed invariant violated (a
// known weakness), an unclaimed invariant nothing violated, or a claim no engine decided.
#ifndef RECLAIM_REPORTS_CLAIMS_H_
#define RECLAIM_REPORTS_CLAIMS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "properties/verdict.h"

namespace reclaim::reports {

// Higher is stronger; kNotChecked is weakest of all.
int label_strength(Label l);

// Statuses, as report.json spells them.
inline constexpr const char* kHolds = "holds";          // claimed, nothing violated it
inline constexpr const char* kBroken = "violated";      // claimed and violated
inline constexpr const char* kWeakness = "weakness";    // not claimed but violated
inline constexpr const char* kNotClaimed = "not-claimed";  // not claimed, nothing violated it
inline constexpr const char* kUndecided = "undecided";  // claimed, no engine decided it

// The cell for `invariant` from every engine's verdict on it (the verdicts of other
// invariants are ignored). `out_dir` is stripped from counterexample paths, so that the cell
// names them relative to the report's folder.
nlohmann::ordered_json claim_cell(const std::string& invariant, bool claimed,
                                  const std::vector<ClaimVerdict>& verdicts,
                                  const std::string& out_dir);

// `path` relative to `dir` when it lies inside it, else unchanged.
std::string relative_to(const std::string& path, const std::string& dir);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_CLAIMS_H_
