// The outcomes an auditor asks about, as tests of a World state for the identity explored:
//   takeover    the attacker is in control of the identity (World::in_control: registered
//               devices enough for any sensitive change) and the owner is not;
//   lockout     the owner is locked out (World::locked_out: she holds no registered device
//               and no recovery can complete — honest guardians short of quorum, or another
//               actor able to veto every recovery);
//   asset-loss  the identity holds less of its assets, in total, than at the start.
// Each outcome is also a set of expectations of the trace language, so that a written
// attack states it and `reclaim run` checks it: `expect control ID ATTACKER` then `expect
// no-control ID OWNER`, `expect locked-out ID`, `expect asset ID/NAME < AMOUNT` for each
// asset that fell.
#ifndef RECLAIM_GRAPH_OUTCOMES_H_
#define RECLAIM_GRAPH_OUTCOMES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/counterexample.h"
#include "graph/explore.h"
#include "graph/setup.h"
#include "sim/world.h"

namespace reclaim::graph {

enum class OutcomeKind : uint8_t { kTakeover, kLockout, kAssetLoss };
inline constexpr OutcomeKind kOutcomes[] = {OutcomeKind::kTakeover, OutcomeKind::kLockout,
                                            OutcomeKind::kAssetLoss};

std::string_view outcome_name(OutcomeKind o);  // "takeover", "lockout", "asset-loss"
std::optional<OutcomeKind> outcome_from_name(std::string_view name);

// The total amount of the identity's assets in `world`.
int64_t asset_total(const World& world, const std::string& identity);

// The outcome as a goal of the search. `initial_assets` is the identity's asset total at
// the start (asset_total of a root).
Goal outcome_goal(OutcomeKind o, const IdentitySetup& setup, int64_t initial_assets);

// The outcome's expectations and test for writing an attack (write_attack), given the
// World the attack ends in (which assets fell) and the amounts at the start.
OutcomeCheck outcome_check(OutcomeKind o, const IdentitySetup& setup, const World& end,
                           const World& start);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_OUTCOMES_H_
