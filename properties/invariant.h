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
  std::size_t step = 0;   // index of the step in the run (World::step_count() for at_end)
  std::string message;    // what went wrong, with names from the world
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string_view id() const = 0;
  // Called once per recorded step, in order. `step` is the step numbered `index` in the
  // whole run (world.steps()[index] unless the world forgot earlier steps); tests may pass
  // hand-built steps. Returns the violation this step causes, if any.
  virtual std::optional<Violation> on_step(const World& world, const Step& step,
                                           std::size_t index) = 0;
  // Called when the run ends. It judges without changing the checker, so an engine that
  // treats every prefix of a run as a possible end (graph/) may ask after every step.
  virtual std::optional<Violation> at_end(const World& world) const {
    (void)world;
    return std::nullopt;
  }

  // --- engines that branch a run (graph/) ---
  // A copy with the whole state of this checker.
  virtual std::unique_ptr<Checker> clone() const = 0;
  // Takes over `other`'s state; `other` is a checker of the same id (contract).
  virtual void assign(const Checker& other) = 0;
  // A digest of the state this checker carries from the steps it has read (what it
  // remembers of the run's past), for merging the states of an exhaustive search. Contract:
  // two checkers of the same id with equal digests, fed the same later steps (up to the
  // values of nonces and request digests, which are compared only for equality) and asked
  // at_end at the same point, give the same verdicts. Step indexes enter by their order
  // among the indexes held (every later step's index is larger), so runs of different
  // lengths with the same history merge; what only a violation's message uses is left out.
  // A checker that remembers nothing returns 0.
  virtual uint64_t digest() const = 0;
};

// clone() and assign() written once: `class X final : public CheckerOf<X>`.
template <typename Derived>
class CheckerOf : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
  void assign(const Checker& other) override {
    static_cast<Derived&>(*this) = static_cast<const Derived&>(other);
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
