// The random engine's world and action language. An action is one statement of the trace
// language (trace/scenario.h): a request, a replay, a compromise or reaction event, or a
// move of the clock. Actions name things (alice/yubikey, mallory), so each one prints as
// its own .scn line and a list of them is the step part of a scenario. The Model is what
// RapidCheck's stateful commands act on: the recorded World plus the little the trace
// language needs that the World does not expose (which request lines exist for `replay K`,
// who holds a session delegation).
//
// The standard world every random trace starts from (DESIGN.md's running example):
//   identity alice (actor alice owns it)
//   device alice/laptop   passkey       auth
//   device alice/yubikey  security-key  auth
//   device alice/phrase   seed-phrase   recovery protected   (protected where the policy has it)
//   guardian alice/bob, alice/carol, alice/dave weight 1     (where the policy has guardians)
//   asset alice/neuron 500 locked-until 30d
//   setting alice removal-delay 1w         (when the policy's default delay is 0, so that
//                                           RECLAIM — rho below the delay — can be judged)
//   setting alice guardian-threshold 2     (where the policy has guardians)
// The attacker is mallory. Whether alice is reactive is itself an action (`alice reacts
// within D`), so a shrunk counterexample keeps it only when the violation needs it.
//
// Actors are created in the order a replay of the written scenario creates them (the
// identity's owner, the guardians, then mallory), so ids, keys and therefore whole traces
// are the same when `reclaim run` replays a counterexample with its default seed.
#ifndef RECLAIM_PROPERTIES_RANDOM_MODEL_H_
#define RECLAIM_PROPERTIES_RANDOM_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/world.h"
#include "trace/scenario.h"

namespace reclaim::randomized {

inline const std::string kOwner = "alice";  // the owner, and the identity's name
inline const std::string kAttacker = "mallory";
inline const std::array<std::string, 3> kGuardianNames = {"bob", "carol", "dave"};
inline const std::string kAsset = "alice/neuron";
inline constexpr int64_t kAssetAmount = 500;
inline constexpr Time kAssetLock = 30 * kDay;
inline constexpr uint32_t kGuardianThreshold = 2;
inline constexpr Duration kSetupRemovalDelay = kWeek;  // when the policy's default is 0
// The world seed: keys derive from it. `reclaim run` replays with seed 1 by default, so the
// engine's worlds use 1 as well and a replay reproduces the very same trace.
inline constexpr uint64_t kWorldSeed = 1;

struct Model {
  World world;
  // The request of every request action so far, in order: `replay K` re-sends the K-th.
  std::vector<Request> request_lines;
  // Bit per actor id: the actor holds a session delegation of alice (its login, or a hijack).
  uint32_t session_holders = 0;
  bool any_session = false;  // some login was accepted (a hijack then takes something)
  // Bit per actor id: the actor is known to the .scn parser by now (setup lines, or named
  // by an earlier line); remove-guardian and follow may only name known actors.
  uint32_t mentioned = 0;
  bool reactive = false;    // alice registered `reacts within` (at most once per trace)
  Duration reaction = 0;    // its rho
  std::size_t actions = 0;  // actions applied so far

  explicit Model(World w) : world(std::move(w)) {}
  IdentityId identity() const { return 1; }
  ActorId owner() const { return world.find_actor(kOwner); }
  ActorId attacker() const { return world.find_actor(kAttacker); }
};

// The standard world under `policy` (see the file comment); begin() has been called.
Model make_model(const Policy& policy);

// Is `action` applicable to `model`: every name it uses resolves, every signer is held by
// the acting actor, a replay names an earlier request line, the clock does not go back? An
// applicable action never makes the World report an input error. `why` gets the reason.
bool applicable(const Model& model, const Statement& action, std::string* why = nullptr);

// Applies `action` exactly as the scenario runner (scenarios/runner.cc) replays the same
// line: first the clock moves to the action's time (its own time for `at`, the current time
// otherwise), then the request, replay or event happens. Returns the index of the World step
// the action itself recorded (its request, replay or event), or kNoStep for a move of the
// clock. Ticks and the reactive owner's requests may be recorded before and after it.
// Contract: applicable(model, action).
inline constexpr std::size_t kNoStep = static_cast<std::size_t>(-1);
std::size_t apply_action(Model& model, const Statement& action);

// How long to let the clock run after a trace's last action so that everything it set in
// motion resolves: every pending change, recovery and lock due, the reactive owner's answers
// and the removals those wait for. The largest removal delay the identity ever had, the
// furthest due time, plus two days. Liveness invariants (EVICT, SOCIAL-LIVENESS) are judged
// at the end of a run and need the run to have lasted that long.
Duration settle_time(const Model& model);

// The action's .scn line (trace/write.h's write_statement).
std::string action_line(const Statement& action);

// Builders for the actions' statements (used by the generators and by tests).
Statement advance_by(Duration d);  // `at +D`
Statement advance_to(Time t);      // `at T`
Statement event(const std::string& actor, EventKind kind, const std::string& device = {},
                Duration within = 0);  // device "alice/yubikey" for steals/copies/loses
Statement request(const std::string& actor, Op op);  // identity alice, unsigned; fill the rest
Statement replay(const std::string& actor, uint32_t k);


// The ops `policy` has at all (everything else is rejected `disabled` or can never pass).
std::vector<Op> enabled_ops(const Policy& policy);

}  // namespace reclaim::randomized

#endif  // RECLAIM_PROPERTIES_RANDOM_MODEL_H_
