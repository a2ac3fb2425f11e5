// The monitor (see monitor.h).
#include "properties/monitor.h"

namespace reclaim {

Monitor::Monitor(const std::vector<std::string>& ids) {
  slots_.reserve(ids.size());
  checkers_.reserve(ids.size());
  for (const std::string& id : ids) {
    slots_.push_back({id, std::nullopt});
    checkers_.push_back(make_checker(id));
  }
}

Monitor Monitor::all() {
  std::vector<std::string> ids;
  for (const InvariantInfo& info : catalogue()) ids.emplace_back(info.id);
  return Monitor(ids);
}

const Monitor::Slot* Monitor::find(const std::string& id) const {
  for (const Slot& s : slots_)
    if (s.id == id) return &s;
  return nullptr;
}

void Monitor::note(std::size_t slot, Violation v, const Violation*& found) {
  slots_[slot].violation = std::move(v);
  const Violation& mine = *slots_[slot].violation;
  if (first_ >= slots_.size()) {
    first_ = slot;
  } else {
    const Violation& f = *slots_[first_].violation;
    if (mine.step < f.step || (mine.step == f.step && slot < first_)) first_ = slot;
  }
  if (found == nullptr || mine.step < found->step) found = &mine;
}

const Violation* Monitor::catch_up(const World& world) {
  const Violation* found = nullptr;
  const std::vector<Step>& steps = world.steps();
  if (!unknown_reported_) {
    unknown_reported_ = true;
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (checkers_[i] == nullptr)
        note(i, Violation{slots_[i].id, next_, "unknown invariant id"}, found);
  }
  for (; next_ < steps.size(); ++next_)
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].violation) continue;
      if (auto v = checkers_[i]->on_step(world, steps[next_], next_)) note(i, std::move(*v), found);
    }
  return found;
}

const Violation* Monitor::finish(const World& world) {
  const Violation* found = catch_up(world);
  if (finished_) return found;
  finished_ = true;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].violation) continue;
    if (auto v = checkers_[i]->at_end(world)) note(i, std::move(*v), found);
  }
  return found;
}

}  // namespace reclaim
