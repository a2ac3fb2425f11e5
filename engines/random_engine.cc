// The random engine (random/engine.h) behind the engine interface (engine.h): its verdicts,
// coverage, trace counts, and the flags that repeat it exactly (budget 0 and the traces each
// phase ran).
#include <algorithm>
#include <cstdio>

#include "engines/engine.h"
#include "random/engine.h"
#include "sim/world.h"

namespace reclaim {
namespace {

nlohmann::ordered_json coverage_json(const RandomCoverage& c) {
  nlohmann::ordered_json ops = nlohmann::ordered_json::object();
  for (int i = 1; i <= kOpCount; ++i)
    if (c.sent[i] > 0)
      ops[std::string(op_name(static_cast<Op>(i)))] = {{"sent", c.sent[i]},
                                                       {"accepted", c.accepted[i]}};
  nlohmann::ordered_json rejections = nlohmann::ordered_json::object();
  for (int i = 1; i < kRejectCount; ++i)
    if (c.rejected[i] > 0)
      rejections[std::string(reject_name(static_cast<Reject>(i)))] = c.rejected[i];
  nlohmann::ordered_json events = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i] > 0) events[std::string(event_name(static_cast<EventKind>(i)))] = c.events[i];
  return {{"ops", ops},
          {"rejections", rejections},
          {"events", events},
          {"replays", {{"sent", c.replays}, {"accepted", c.replays_accepted}}},
          {"clock_moves", c.advances},
          {"reactive_requests", c.reactive_requests},
          {"bounds_reached",
           {{"seen", c.bounds_reached[0]},
            {"notifications", c.bounds_reached[1]},
            {"pending", c.bounds_reached[2]},
            {"sessions", c.bounds_reached[3]}}},
          {"crafted",
           {{"arguments", {{"sent", c.crafted[0]}, {"accepted", c.crafted_accepted[0]}}},
            {"reordered", {{"sent", c.crafted[1]}, {"accepted", c.crafted_accepted[1]}}},
            {"doubled", {{"sent", c.crafted[2]}, {"accepted", c.crafted_accepted[2]}}},
            {"with_signatures_of", {{"sent", c.crafted[3]}, {"accepted", c.crafted_accepted[3]}}}}},
          {"actions", c.actions}};
}

}  // namespace

EngineResult check_random(const EngineRequest& request) {
  RandomOptions options;
  options.seed = request.seed;
  options.budget_seconds = request.budget_seconds;
  options.max_traces = request.traces > 0 ? request.traces : kMaxRandomTraces;
  options.max_weakness_traces = request.traces > 0 ? request.weakness_traces : kMaxRandomTraces;
  if (request.depth > 0) options.max_steps = request.depth;
  options.out_dir = request.out_dir;
  options.weaknesses = !request.claims_only;
  options.stop_at_first = request.first_violation;
  options.limits = request.full_bounds ? kFullLimits : kSmallLimits;
  options.invariants = request.invariants;
  if (request.progress)
    options.progress = [](const RandomProgress& p) {
      std::fprintf(stderr, "\r[random %s] %ld traces, %d violated, %d open, %.1f s\033[K",
                   p.phase.c_str(), p.traces, p.violated, p.open, p.seconds);
      std::fflush(stderr);
    };
  const RandomReport r = run_random(request.variant, options);
  if (request.progress) std::fprintf(stderr, "\r\033[K");

  EngineResult out;
  out.engine = "random";
  for (const InvariantVerdict& v : r.verdicts) {
    out.verdicts.push_back(claim_verdict(v));
    if (!v.held)
      out.verdicts.back().message += " (found after " + std::to_string(v.found_after) +
                                     " traces, shrunk to " + std::to_string(v.shrunk_actions) +
                                     " actions)";
  }
  out.problems = r.problems;
  // A phase with nothing to search (no claim selected, or every invariant claimed) ran no
  // trace; any count repeats it, and --traces takes 1 at least.
  const long claims = std::max(1L, r.repeat_traces[0]);
  out.repeat_flags = " --budget 0 --traces " + std::to_string(claims);
  if (r.repeat_traces[1] != claims && r.repeat_traces[1] > 0)
    out.repeat_flags += "," + std::to_string(r.repeat_traces[1]);
  // Less than asked: explicit trace counts the time budget cut short.
  if (request.traces > 0 && r.stopped_by_time) {
    out.incomplete = true;
    out.incomplete_why = "the time budget ran out after " + std::to_string(r.phase_traces[0]) +
                         " of " + std::to_string(request.traces) + " claim traces";
  }
  out.figures = {{"traces", r.traces},
                 {"steps", r.steps},
                 {"phase_traces", {r.phase_traces[0], r.phase_traces[1]}},
                 {"max_steps", r.max_steps},
                 {"seconds", r.seconds},
                 {"stopped_by_time", r.stopped_by_time},
                 {"coverage", coverage_json(r.coverage)},
                 {"never_accepted", r.never_accepted},
                 {"tags", r.tags}};
  out.text = "coverage (" + std::to_string(r.coverage.actions) + " actions):\n" +
             format_coverage(r.coverage);
  for (const auto& [tag, n] : r.tags)
    out.text += "  traces tagged " + tag + ": " + std::to_string(n) + "\n";
  if (!r.never_accepted.empty()) {
    out.text += "never accepted (a generator gap):";
    for (const std::string& op : r.never_accepted) out.text += " " + op;
    out.text += "\n";
  }
  char summary[200];
  std::snprintf(summary, sizeof summary, "%ld traces, %ld steps in %.1f s (%.0f traces/s)%s\n",
                r.traces, r.steps, r.seconds, r.seconds > 0 ? r.traces / r.seconds : 0.0,
                r.stopped_by_time ? "; stopped by the time budget" : "");
  out.text += summary;
  return out;
}

}  // namespace reclaim
