// The step function. `apply` is the whole protocol for one request; `tick` is the whole
// protocol for the passage of time. Both are pure: same arguments, same result, no clock,
// no randomness, no exceptions. A rejection is an ordinary Outcome carrying a stable Reject
// code and the id of the rule that rejected (e.g. "R-TL-3").
#ifndef RECLAIM_MODEL_STEP_H_
#define RECLAIM_MODEL_STEP_H_

#include <string_view>

#include "model/bounded_vec.h"
#include "model/policy.h"
#include "model/request.h"
#include "model/state.h"

namespace reclaim {

struct Outcome {
  Verdict verdict = Verdict::kRejected;
  Reject reject = Reject::kNone;
  std::string_view rule;  // static string: the rule that decided (accepted or rejected)
  State state;  // the state after; equal to the input state when rejected, except that a
                // wrong tentative-registration code is counted (R-REG-6)
  uint32_t change = 0;    // the pending-change number created, when verdict == kPending
};

// What happened when time passed: a pending change matured (or lapsed), a recovery
// completed, a window closed.
enum class TickEvent : uint8_t {
  kMatured,            // a pending change took effect
  kLapsed,             // a pending change expired unconfirmed, or could no longer apply
  kRecoveryCompleted,  // a social recovery replaced the identity's devices
  kRegistrationClosed, // the tentative-registration window ended
  kSessionExpired,     // a session delegation ended
  kUnlocked,           // an Argent lock ended
};

struct Matured {
  IdentityId identity = kNone;
  TickEvent event = TickEvent::kMatured;
  PendingChange change;  // for kMatured / kLapsed
  std::string_view rule;
};

struct TickResult {
  State state;
  BoundedVec<Matured, kMaxPending + 4> events;
};

// Contract: `now` is not earlier than the time of any previous apply/tick on this state.
Outcome apply(const Policy& policy, const State& state, const Request& request, Time now);
TickResult tick(const Policy& policy, const State& state, Time now);

// The earliest time after `after` at which tick would change `state` (kNever if none).
// Drivers step the clock to each such time so nothing is skipped on a long jump.
Time next_due(const Policy& policy, const State& state, Time after);

// Requests older than this are stale (R-REQ-2): freshness bounds the replay cache.
inline constexpr Duration kRequestFreshness = 5 * kMinute;

}  // namespace reclaim

#endif  // RECLAIM_MODEL_STEP_H_
