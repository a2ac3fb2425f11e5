// The comparison of two variants' entries of one audit report (audit.h): what a protocol
// change gains and what it breaks, each with its evidence.
//   claims      per invariant: newly holds (the candidate claims it and nothing violated it
//               where the base did not hold it), newly breaks (the base claimed it and held
//               it, the candidate violates it: its counterexample), newly a weakness (not
//               claimed by the base, violated only under the candidate), no longer violated,
//               claim dropped (the base held a claim the candidate does not make),
//               weaker or stronger evidence (held by both, the candidate's headline a
//               different kind: proved, holds to depth k, tested on n traces);
//   attacks     per attack scenario whose outcome differs: worse (more bad outcomes) or
//               better, with both timelines;
//   margins     per outcome and owner, the smallest credential set before and after: larger
//               is better (none within the depth is best).
// `breaks` counts what the candidate breaks that the base held: a claim newly broken or an
// attack outcome made worse. reclaim compare exits 1 when it is not zero.
#ifndef RECLAIM_REPORTS_COMPARE_H_
#define RECLAIM_REPORTS_COMPARE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace reclaim::reports {

struct Comparison {
  nlohmann::ordered_json json;  // base, candidate, claims, attacks, margins, breaks
  int breaks = 0;
  std::string text;  // the readable form
};

// `base` and `candidate` are entries of report["variants"].
Comparison compare_variants(const nlohmann::ordered_json& base,
                            const nlohmann::ordered_json& candidate);

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_COMPARE_H_
