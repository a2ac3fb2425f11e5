// Does an audit agree with a reference audit (reports/reference/, the committed output of the
// default audit)? An audit at a smaller budget may find less, never something else:
//   - the same variants, each with the same claims;
//   - nothing it finds violated that the reference does not find violated too (a violation
//     at a small budget that a larger one missed means one of the runs is wrong);
//   - the same scenario library results and the same attack outcomes and trace hashes (the
//     scenarios do not depend on the budget);
//   - no margin narrower than the reference's (a deeper search finds every set a shallower
//     one finds).
// And every counterexample and margin attack the reference names must still replay, as
// `reclaim run` replays it, from the reference's folder.
#ifndef RECLAIM_REPORTS_REFERENCE_H_
#define RECLAIM_REPORTS_REFERENCE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reclaim::reports {

// One line per disagreement; empty when `audit` agrees with `reference`.
std::vector<std::string> disagreements(const nlohmann::ordered_json& reference,
                                       const nlohmann::ordered_json& audit);

// One line per counterexample or attack of `report` (its files under `dir`) that does not
// replay: a missing file, a parse error, an unmet expectation. `replayed` counts the files
// that did.
std::vector<std::string> replay_failures(const nlohmann::ordered_json& report,
                                         const std::string& dir, int* replayed = nullptr);

// report.json of `dir`, parsed; a null document when it is missing or malformed.
nlohmann::ordered_json read_report(const std::string& dir);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_REFERENCE_H_
