// The random engine's world and action language. An action is one statement of the trace
// language (trace/scenario.h): a request, a replay, a compromise or reaction event, or a
// move of the clock. Actions name things (alice/yubikey, mallory), so each one prints as
// its own .scn line and a list of them is the step part of a scenario. The Model is what
// RapidCheck's stateful commands act on: a World built from the standard identity
// (sim/standard_identity.h), the interpreter (trace/interpret.h) that applies every action
// to it exactly as `reclaim run` applies the same line, and the little the generators need
// to know that the World does not say (who holds a session delegation, which actors a
// written scenario has named by now). Whether alice is reactive is itself an action (`alice
// reacts within D`), so a shrunk counterexample keeps it only when the violation needs it.
#ifndef RECLAIM_RANDOM_MODEL_H_
#define RECLAIM_RANDOM_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/standard_identity.h"
#include "sim/world.h"
#include "trace/interpret.h"
#include "trace/scenario.h"

namespace reclaim::randomized {

struct Model {
  World world;
  Interpreter interpreter;  // its request_lines() are what `replay K` re-sends
  // Bit per actor id: the actor holds a session delegation of alice (its login, or a hijack).
  uint32_t session_holders = 0;
  bool any_session = false;  // some login was accepted (a hijack then takes something)
  // The same for app delegations (app-login).
  uint32_t app_session_holders = 0;
  bool any_app_session = false;
  // Bit per actor id: the actor is known to the .scn parser by now (setup lines, or named
  // by an earlier line); remove-guardian and follow may only name known actors.
  uint32_t mentioned = 0;
  bool reactive = false;    // alice registered `reacts within` (at most once per trace)
  Duration reaction = 0;    // its rho
  std::size_t actions = 0;  // actions applied so far

  explicit Model(const Policy& policy) : world(policy, kStandardSeed) {}
  IdentityId identity() const { return 1; }
  ActorId owner() const { return world.find_actor(kStandardOwner); }
  ActorId attacker() const { return world.find_actor(kStandardAttacker); }
};

// The standard identity under `policy`; begin() has been called.
Model make_model(const Policy& policy);

// Is `action` applicable to `model`: every name it uses resolves, every signer is held by
// the acting actor, a replay names an earlier request line, the clock does not go back? An
// applicable action never makes the World report an input error. `why` gets the reason.
bool applicable(const Model& model, const Statement& action, std::string* why = nullptr);

// Applies `action` through the interpreter (Interpreter::step), as `reclaim run` applies the
// same line. Returns the index of the World step the action itself recorded (its request,
// replay or event), or kNoStep for a move of the clock. Ticks and the reactive owner's
// requests may be recorded before and after it. Contract: applicable(model, action).
std::size_t apply_action(Model& model, const Statement& action);

// How long to let the clock run after a trace's last action so that everything it set in
// motion resolves: every pending change, recovery and lock due, the reactive owner's answers
// and the removals those wait for. The largest removal delay the identity ever had, the
// furthest due time, plus two days, and never past the scenario language's clock
// (kMaxScenarioTime), so that every run can be written. Liveness invariants (EVICT,
// SOCIAL-LIVENESS) are judged at the end of a run and need the run to have lasted that long.
Duration settle_time(const Model& model);

// The action's .scn line (trace/write.h's write_statement).
std::string action_line(const Statement& action);

// Builders for the actions' statements (used by the generators and by tests).
Statement advance_by(Duration d);  // `at +D`; `at T` is trace/scenario.h advance_to
Statement event(const std::string& actor, EventKind kind, const std::string& device = {},
                Duration within = 0);  // device "alice/yubikey" for steals/copies/loses
Statement request(const std::string& actor, Op op);  // identity alice, unsigned; fill the rest
// `replay K`, or crafted: `replay K reordered|doubled|with-signatures-of J`.
Statement replay(const std::string& actor, uint32_t k, Craft craft = Craft::kNone,
                 uint32_t j = 0);


// The ops `policy` has at all (everything else is rejected `disabled` or can never pass).
std::vector<Op> enabled_ops(const Policy& policy);

}  // namespace reclaim::randomized

#endif  // RECLAIM_RANDOM_MODEL_H_
