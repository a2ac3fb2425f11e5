// The map between a recorded World run of the standard identity (random/model.h)
// and the symbolic encoding: world device ids to device slots (the standard three first, the
// others in order of first mention), world actors to symbolic actors by name, recorded
// request and event steps to symbolic actions, and a comparison of a symbolic state of
// numerals with the concrete state and knowledge, field by field, naming what differs.
#ifndef RECLAIM_SYMBOLIC_ABSTRACTION_H_
#define RECLAIM_SYMBOLIC_ABSTRACTION_H_

#include <optional>
#include <string>
#include <vector>

#include "sim/world.h"
#include "symbolic/state.h"

namespace reclaim::sym {

class Abstraction {
 public:
  Abstraction(z3::context& c, const World& world, const Scope& scope);

  // The slot of a world device id, given a new one on first mention; -1 when the scope has no
  // slot left (the run leaves the scope).
  int slot(DeviceId d);
  int known_slot(DeviceId d) const;  // -1 when never mentioned
  int actor(ActorId a) const;        // -1: an actor the encoding does not know
  int gslot(ActorId a) const;        // the guardian slot; guardian_slots() for a non-guardian

  // The symbolic action of a recorded request step (fresh or replayed) or event step;
  // nullopt with *why when it falls outside the scope.
  std::optional<SymAction> request(const Step& step, bool replay, bool replay_owner,
                                   std::string* why);
  std::optional<SymAction> event(const Step& step, std::string* why);
  SymAction advance(Time t) const;
  SymAction react() const;

  // The numerals of a concrete state and knowledge (a run's initial state: the ghost fields at
  // their start values); nullopt with *why when it does not fit the scope.
  std::optional<SymState> state(const State& state, const Knowledge& k, Time now, std::string* why);

  // Empty when the concrete fields of `s` (numerals) equal the concrete identity and
  // knowledge at time `now`; else one line per difference.
  std::string compare(const SymState& s, const State& state, const Knowledge& k, Time now);

 private:
  z3::context& c_;
  const World& world_;
  Scope scope_;
  std::vector<DeviceId> slots_;  // by slot
};

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_ABSTRACTION_H_
