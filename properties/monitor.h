// The monitor: the one loop that feeds a recorded run to the catalogue's checkers. Every
// engine uses it (the scenario runner, the random engine, the fuzz targets, and any later
// engine): it is fed after every action with the steps the world has recorded since, and
// finished once when the run ends, so liveness invariants judge the whole run.
//
// Order: steps outer, checkers inner, so every checker sees step i before any sees i + 1
// and the checkers of one step share the cached request encoding and signature verdicts
// (invariants/util.h). Once an invariant is violated it is not checked further; the others
// go on. An id the catalogue does not know is a violation (at the first feed), never a
// silent pass.
#ifndef RECLAIM_PROPERTIES_MONITOR_H_
#define RECLAIM_PROPERTIES_MONITOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "properties/invariant.h"
#include "sim/world.h"

namespace reclaim {

class Monitor {
 public:
  explicit Monitor(const std::vector<std::string>& ids);
  // The catalogue's ids, in catalogue order.
  static Monitor all();

  // Copies are deep (every checker cloned): an engine that branches a run branches its
  // monitor with it. Assigning a monitor of the same ids reuses this one's checkers.
  Monitor(const Monitor& other);
  Monitor& operator=(const Monitor& other);
  Monitor(Monitor&&) noexcept = default;
  Monitor& operator=(Monitor&&) noexcept = default;

  // Feeds the world's steps from where the last call stopped (by index in the whole run: a
  // world may forget the steps this monitor has read, World::forget_steps). Returns the first
  // violation this call found (the earliest step; among one step's, the first id), or nullptr.
  const Violation* catch_up(const World& world);
  // catch_up, then at_end of every invariant still holding. Returns the first violation
  // the call found, or nullptr. Call once, when the run is over.
  const Violation* finish(const World& world);
  // What finish() would add now: at_end of every invariant still holding, judged without
  // finishing (in slot order), for engines that treat every prefix of a run as a possible
  // end. Call after catch_up.
  std::vector<Violation> end_violations(const World& world) const;
  // A digest of every checker's state and of which invariants are violated (Checker::digest),
  // for merging the states of an exhaustive search: equal digests, equal later verdicts.
  uint64_t digest() const;

  struct Slot {
    std::string id;
    std::optional<Violation> violation;  // the first one, when violated
  };
  const std::vector<Slot>& slots() const { return slots_; }
  const Slot* find(const std::string& id) const;
  // The earliest violation of any id so far (by step, then id order), or nullptr.
  const Violation* first() const { return first_ < slots_.size() ? &*slots_[first_].violation : nullptr; }
  bool all_hold() const { return first() == nullptr; }
  std::size_t steps_checked() const { return next_; }
  bool finished() const { return finished_; }

 private:
  void note(std::size_t slot, Violation v, const Violation*& found);

  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<Checker>> checkers_;  // nullptr for an unknown id
  std::size_t next_ = 0;
  std::size_t first_ = static_cast<std::size_t>(-1);
  bool unknown_reported_ = false;
  bool finished_ = false;
};

}  // namespace reclaim

#endif  // RECLAIM_PROPERTIES_MONITOR_H_
