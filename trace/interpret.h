// The interpreter: the one place a statement of the trace language (scenario.h) acts on a
// World. The scenario runner, the random engine and every later engine that speaks the
// language drive their worlds through it, so a statement means the same thing everywhere.
//
// Names. A statement may introduce what the parser lets it introduce: actors (created when
// first named), new device names (add-device, replace-device, start-recovery,
// add-tentative) and asset names; they are created in the order the statement names them,
// which fixes ids and keys. Every other name must already exist in the world: an unknown
// signer device, identity or device acted on is an input error. So a statement that parses
// never names nothing, and one an engine generated from the world's own names never does.
//
// Time. A step statement first moves the clock: to `at T`, or by `+D` from now, when the
// statement was written with a time; a bare `at T` without has_at (built by an engine) to
// its `time`; otherwise it happens now. Moving the clock ticks at every due time on the way
// and lets the reactive owner answer (World::advance_to).
#ifndef RECLAIM_TRACE_INTERPRET_H_
#define RECLAIM_TRACE_INTERPRET_H_

#include <cstddef>
#include <string>
#include <vector>

#include "model/result.h"
#include "sim/world.h"
#include "trace/scenario.h"

namespace reclaim {

inline constexpr std::size_t kNoStep = static_cast<std::size_t>(-1);

// A value: what it remembers of a run (the request lines, for `replay K`) travels with
// the World it was used on when an engine copies both.
class Interpreter {
 public:

  // A setup statement (identity, actor, device, guardian, asset, setting), before
  // World::begin().
  // Guardians are ignored by a policy without guardians. Errors carry no location: the
  // caller knows where the statement came from (located()).
  Result<bool> setup(World& world, const Statement& st);

  // The time a step statement happens at, given the world's clock now.
  Time time_of(const World& world, const Statement& st) const;

  // A step (event, request, replay or a bare `at`): moves the clock to time_of(world, st), then
  // acts. Returns the index in world.steps() of the step the statement itself recorded
  // (its event, request or replay), or kNoStep for a move of the clock. Ticks and the
  // reactive owner's requests may be recorded before and after it. Expectations are not
  // steps: they are the caller's to judge.
  Result<std::size_t> step(World& world, const Statement& st);

  // The request of every request statement so far, in order: `replay K` re-sends the K-th.
  const std::vector<Request>& request_lines() const { return request_lines_; }
  // The world step each of those recorded (index into world.steps()).
  const std::vector<std::size_t>& request_steps() const { return request_steps_; }
  // The step of the last request or replay statement (kNoStep before the first).
  std::size_t last_request_step() const { return last_request_; }

 private:
  Result<std::size_t> request(World& world, const Statement& st);
  Result<std::size_t> event(World& world, const Statement& st);

  std::vector<Request> request_lines_;
  std::vector<std::size_t> request_steps_;
  std::size_t last_request_ = kNoStep;
};

// `e` with the statement's location in `file`, for an error the interpreter returned.
Error located(const std::string& file, const Statement& st, const Error& e);

// Is this a setup statement (identity, actor, device, guardian, asset, setting)?
bool is_setup(const Statement& st);

}  // namespace reclaim

#endif  // RECLAIM_TRACE_INTERPRET_H_
