// The identity an exhaustive search starts from: the standard identity (sim/
// standard_identity.h) or the setup section of a .scn, as setup statements that the one
// interpreter (trace/interpret.h) turns into a World, and the names the search acts with:
// the identity and its owner (named alike, as the scenario language has it), the owner's
// devices, the guardians with their weights, and the attacker. Every search builds its roots
// from these statements, and every counterexample it writes starts with them, so the World
// `reclaim run` replays is the World the search explored.
#ifndef RECLAIM_GRAPH_SETUP_H_
#define RECLAIM_GRAPH_SETUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/policy.h"
#include "model/result.h"
#include "sim/standard_identity.h"
#include "sim/world.h"
#include "trace/interpret.h"
#include "trace/scenario.h"

namespace reclaim::graph {

struct GuardianInfo {
  std::string actor;
  uint32_t weight = 1;
};

struct IdentitySetup {
  std::string source;                 // "the standard identity" or the .scn file
  std::vector<Statement> statements;  // setup statements only, in order
  std::string identity;               // the identity explored; its owner has its name
  std::string attacker = "mallory";
  std::vector<std::string> devices;     // the owner's devices at the start ("alice/laptop")
  std::vector<GuardianInfo> guardians;  // empty where the policy has no guardians
  uint32_t guardian_threshold = 0;      // the identity's threshold at the start
};

// The standard identity under `policy` (its setup lines as scenario_from_run writes them),
// with what an engine may vary (sim/standard_identity.h: a fourth device, weights, ...).
IdentitySetup standard_setup(const Policy& policy, const StandardOptions& options = {});

// The setup section of `scenario` under `policy`; the identity explored is the first one it
// declares. Errors (file:line:col) when it declares none, when the owner holds none of its
// devices, when the attacker's name is one of its guardians or owners, or when the policy
// cannot hold the setup.
Result<IdentitySetup> setup_from_scenario(const Scenario& scenario, const Policy& policy,
                                          const std::string& attacker = "mallory");

// The names of the new devices a search may create ("alice/new1", "alice/new2", ...): fresh
// names the setup does not use.
std::vector<std::string> fresh_device_names(const IdentitySetup& setup, std::size_t count);

// A World with the setup applied, the attacker and `fresh` device names allocated (so that
// their ids do not depend on the order a path first names them; a replay that names them in
// the order the search does gives the same ids) and World::begin() called. The interpreter
// is the one that applied the setup. Errors when the setup does not apply.
struct Root {
  World world;
  Interpreter interpreter;
};
Result<Root> build_root(const Policy& policy, const IdentitySetup& setup,
                        const std::vector<std::string>& fresh);

// "phrase" for "alice/phrase": the part after the identity, for margins and labels.
std::string short_name(const std::string& device);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_SETUP_H_
