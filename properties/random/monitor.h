// Incremental invariant checking for the random engine: the catalogue's checkers for a set
// of ids, fed every new World step after each action, stopping at the first violation of
// any of them (a RapidCheck trace fails on it and is shrunk).
#ifndef RECLAIM_PROPERTIES_RANDOM_MONITOR_H_
#define RECLAIM_PROPERTIES_RANDOM_MONITOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/world.h"
#include "properties/invariant.h"

namespace reclaim::randomized {

class Monitor {
 public:
  // Unknown ids are reported as violated at the first catch_up (never silently held).
  explicit Monitor(const std::vector<std::string>& ids);
  // Feeds the steps recorded since the last call; the first violation, if any.
  std::optional<Violation> catch_up(const World& world);
  // catch_up, then every checker's at_end.
  std::optional<Violation> finish(const World& world);

 private:
  struct Slot {
    std::string id;
    std::unique_ptr<Checker> checker;
  };
  std::vector<Slot> slots_;
  std::size_t next_ = 0;
};

}  // namespace reclaim::randomized

#endif  // RECLAIM_PROPERTIES_RANDOM_MONITOR_H_
