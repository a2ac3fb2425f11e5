// The invariant catalogue: ids in DESIGN order, each with its precise statement (kept beside
// its checker in properties/invariants/<id>.cc), the factory, and check_all.
#include <optional>

#include "properties/invariant.h"
#include "properties/invariants/util.h"

namespace reclaim {
namespace {

const std::vector<inv::Entry>& entries() {
  static const std::vector<inv::Entry> all = {
      inv::auth_entry(),
      inv::replay_entry(),
      inv::protected_entry(),
      inv::delay_entry(),
      inv::delay_mono_entry(),
      inv::notify_entry(),
      inv::two_factor_entry(),
      inv::reclaim_entry(),
      inv::evict_entry(),
      inv::guardian_minority_entry(),
      inv::social_liveness_entry(),
      inv::veto_entry(),
      inv::asset_entry(),
      inv::bounds_entry(),
      inv::tentative_entry(),
  };
  return all;
}

}  // namespace

const std::vector<InvariantInfo>& catalogue() {
  static const std::vector<InvariantInfo> infos = [] {
    std::vector<InvariantInfo> out;
    for (const inv::Entry& e : entries()) out.push_back({e.id, e.statement});
    return out;
  }();
  return infos;
}

std::unique_ptr<Checker> make_checker(std::string_view id) {
  for (const inv::Entry& e : entries())
    if (e.id == id) return e.make();
  return nullptr;
}

// Steps outer, checkers inner: every checker sees step i before any sees step i+1, and the
// checkers of one step share the cached request encoding and signature verdicts
// (invariants/util.h).
// An unknown id is reported as violated at step 0 rather than silently held.
CheckReport check_all(const World& world, const std::vector<std::string>& ids) {
  struct Slot {
    std::string id;
    std::unique_ptr<Checker> checker;
    std::optional<Violation> violation;
  };
  std::vector<Slot> slots;
  slots.reserve(ids.size());
  for (const std::string& id : ids) {
    Slot s{id, make_checker(id), std::nullopt};
    if (s.checker == nullptr) s.violation = Violation{id, 0, "unknown invariant id"};
    slots.push_back(std::move(s));
  }
  const std::vector<Step>& steps = world.steps();
  for (std::size_t i = 0; i < steps.size(); ++i)
    for (Slot& s : slots)
      if (!s.violation) s.violation = s.checker->on_step(world, steps[i], i);
  for (Slot& s : slots)
    if (!s.violation) s.violation = s.checker->at_end(world);
  CheckReport report;
  for (Slot& s : slots) {
    if (s.violation) {
      report.violated.push_back(std::move(*s.violation));
    } else {
      report.held.push_back(s.id);
    }
  }
  return report;
}

}  // namespace reclaim
