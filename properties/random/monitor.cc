// Incremental invariant checking for the random engine (see monitor.h).
#include "properties/random/monitor.h"

namespace reclaim::randomized {

Monitor::Monitor(const std::vector<std::string>& ids) {
  slots_.reserve(ids.size());
  for (const std::string& id : ids) slots_.push_back({id, make_checker(id)});
}

std::optional<Violation> Monitor::catch_up(const World& world) {
  const std::vector<Step>& steps = world.steps();
  // Steps outer, checkers inner, as check_all does: every checker sees step i first.
  for (; next_ < steps.size(); ++next_)
    for (Slot& s : slots_) {
      if (!s.checker) return Violation{s.id, next_, "unknown invariant id"};
      if (auto v = s.checker->on_step(world, steps[next_], next_)) return v;
    }
  return std::nullopt;
}

std::optional<Violation> Monitor::finish(const World& world) {
  if (auto v = catch_up(world)) return v;
  for (Slot& s : slots_) {
    if (!s.checker) return Violation{s.id, world.steps().size(), "unknown invariant id"};
    if (auto v = s.checker->at_end(world)) return v;
  }
  return std::nullopt;
}

}  // namespace reclaim::randomized
