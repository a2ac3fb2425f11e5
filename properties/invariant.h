// The invariant catalogue (docs/invariants.md): one checker per invariant id, shared by
// every engine (the scenario runner, the random engine, the fuzz targets). A checker reads the
// run step by step as the World records it (state before/after, request and outcome, tick
// events, who holds what) and reports the first violation. Liveness-style invariants
// (EVICT, SOCIAL-LIVENESS) also judge the end of a run in at_end().
#ifndef RECLAIM_PROPERTIES_INVARIANT_H_
#define RECLAIM_PROPERTIES_INVARIANT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/world.h"

namespace reclaim {

struct Violation {
  std::string invariant;  // catalogue id, e.g. "RECLAIM"
  std::size_t step = 0;   // index into World::steps() (steps().size() for at_end)
  std::string message;    // what went wrong, with names from the world
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string_view id() const = 0;
  // Called once per recorded step, in order. `step` is world.steps()[index] in normal use;
  // tests may pass hand-built steps. Returns the violation this step causes, if any.
  virtual std::optional<Violation> on_step(const World& world, const Step& step,
                                           std::size_t index) = 0;
  // Called once when the run ends.
  virtual std::optional<Violation> at_end(const World& world) {
    (void)world;
    return std::nullopt;
  }
};

struct InvariantInfo {
  std::string_view id;
  std::string_view statement;  // what the checker enforces, precisely
};
const std::vector<InvariantInfo>& catalogue();
// nullptr for an unknown id.
std::unique_ptr<Checker> make_checker(std::string_view id);

// Runs `ids` over every step of `world` (and at_end) with a Monitor (monitor.h); the first
// violation per invariant.
struct CheckReport {
  std::vector<std::string> held;
  std::vector<Violation> violated;
};
CheckReport check_all(const World& world, const std::vector<std::string>& ids);

}  // namespace reclaim

#endif  // RECLAIM_PROPERTIES_INVARIANT_H_
