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

Monitor::Monitor(const Monitor& other)
    : slots_(other.slots_),
      next_(other.next_),
      first_(other.first_),
      unknown_reported_(other.unknown_reported_),
      finished_(other.finished_) {
  checkers_.reserve(other.checkers_.size());
  for (const auto& c : other.checkers_) checkers_.push_back(c ? c->clone() : nullptr);
}

Monitor& Monitor::operator=(const Monitor& other) {
  if (this == &other) return *this;
  bool same_ids = slots_.size() == other.slots_.size();
  for (std::size_t i = 0; same_ids && i < slots_.size(); ++i)
    same_ids = slots_[i].id == other.slots_[i].id;
  if (!same_ids) return *this = Monitor(other);
  for (std::size_t i = 0; i < checkers_.size(); ++i) {
    slots_[i].violation = other.slots_[i].violation;
    if (checkers_[i] && other.checkers_[i]) checkers_[i]->assign(*other.checkers_[i]);
  }
  next_ = other.next_;
  first_ = other.first_;
  unknown_reported_ = other.unknown_reported_;
  finished_ = other.finished_;
  return *this;
}

uint64_t Monitor::digest() const {
  uint64_t h = mix_word(0, slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    // A violated invariant is checked no further: its checker's state no longer matters.
    if (slots_[i].violation) {
      h = mix_word(h, 0xdead);
    } else {
      h = mix_word(h, checkers_[i] ? checkers_[i]->digest() : 0);
    }
  }
  return h;
}

std::vector<Violation> Monitor::end_violations(const World& world) const {
  std::vector<Violation> out;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].violation || checkers_[i] == nullptr) continue;
    if (auto v = checkers_[i]->at_end(world)) out.push_back(std::move(*v));
  }
  return out;
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
  // Steps forgotten before this monitor read them cannot be fed any more (a misuse of
  // World::forget_steps): the monitor goes on from the first step the world still holds.
  const std::size_t base = world.steps_forgotten();
  if (next_ < base) next_ = base;
  for (; next_ < base + steps.size(); ++next_)
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].violation) continue;
      if (auto v = checkers_[i]->on_step(world, steps[next_ - base], next_))
        note(i, std::move(*v), found);
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
