// The readable report of one scenario run under one variant: a timeline (time, actor,
// request, outcome, notifications, state changes), then each expectation and invariant.
// The JSON form carries the same facts for machines.
#ifndef RECLAIM_SCENARIOS_TIMELINE_H_
#define RECLAIM_SCENARIOS_TIMELINE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "scenarios/runner.h"

namespace reclaim {

std::string format_time(Time t);  // 0, 90s, 1h30m, 8d, ...
// A trace hash as 16 lower-case hex digits, leading zeros kept: the one spelling the text
// and JSON reports share, so that a hash can be compared across them as text.
std::string format_trace_hash(uint64_t hash);
std::string format_timeline(const Scenario& scenario, const VariantRun& run);
nlohmann::ordered_json timeline_json(const Scenario& scenario, const VariantRun& run,
                                     bool with_steps);

}  // namespace reclaim

#endif  // RECLAIM_SCENARIOS_TIMELINE_H_
