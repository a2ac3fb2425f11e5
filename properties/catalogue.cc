// The invariant catalogue: ids in catalogue order, each with its precise statement (kept beside
// its checker in properties/invariants/<id>.cc), the factory, and check_all.
#include "properties/invariant.h"
#include "properties/monitor.h"
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
      inv::guardians_prevail_entry(),
      inv::veto_entry(),
      inv::asset_entry(),
      inv::asset_2fa_entry(),
      inv::bounds_entry(),
      inv::tentative_entry(),
      inv::timely_entry(),
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

CheckReport check_all(const World& world, const std::vector<std::string>& ids) {
  Monitor monitor(ids);
  monitor.finish(world);
  CheckReport report;
  for (const Monitor::Slot& s : monitor.slots()) {
    if (s.violation) {
      report.violated.push_back(*s.violation);
    } else {
      report.held.push_back(s.id);
    }
  }
  return report;
}

}  // namespace reclaim
