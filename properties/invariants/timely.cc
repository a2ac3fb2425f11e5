// TIMELY: the model keeps its own clock: what falls due is done at its time, not later, and
// every tick reports what it did.
//
// Precisely, for every identity, where an item's deadline is
//   - a pending change: its confirmation window's end (expires_at), and, unless it is held,
//     its due time (+1 s under a strict boundary); held: a guardian change (add or remove a
//     guardian, set the threshold) while a recovery runs (R-TL-12), or a guardian addition
//     while the identity is locked where the policy blocks confirmation under a lock
//     (R-SOC-13);
//   - a running recovery whose delay has started (due_at set) and whose recorded approvals
//     reach quorum (the policy's quorum over the guardians in its approvals list): its due
//     time (+1 s under a strict boundary);
//   - an open registration: its window's end; a session: its expiry; a lock: its end;
// and a step's before-state is the state the previous step left:
//   (gap) a step at time t, after a previous step at time t0 < t, starts from a state holding
//         no item owed before t — nor at t itself unless the step is a tick: the World must
//         have ticked there first (World::advance_to, model next_due). An item is owed at its
//         deadline, or at t0 + 1 when the previous step left it already due (a request that
//         released a held change, or gave a due recovery its quorum back);
//   (tick) after a tick at t, no item's deadline is at or before t, held ones aside (holds
//         read in the tick's before-state);
//   (report) a tick's events are an account of it: each matured or lapsed change it reports
//         was pending before and is gone after, and none it reports matured was held; a change whose window ended is reported
//         lapsed; a completed recovery (running before, not after) is reported, and only
//         then; so is a registration that closed, a lock that ended (unless the recovery's
//         completion ended it) and sessions that expired (unless a completion cleared them),
//         and each of these only when it happened;
//         a completion also closes a registration and drops the pending changes unreported.
// The first step has no previous one: only (tick) and (report) judge it.
#include <algorithm>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "TIMELY";
constexpr std::string_view kStatement =
    "The model keeps its clock. An item's deadline is a pending change's window end and, "
    "unless held (a guardian change while a recovery runs; a guardian addition while locked "
    "where locks block confirmation), its due time (+1 s under a strict boundary); a running, "
    "executed recovery's due time (+1 s strict) once its recorded approvals reach quorum; an "
    "open registration's window end; a session's expiry; a lock's end. An item is owed at "
    "its deadline, or at t0 + 1 when the step at t0 left it already due. No step at time t "
    "after a step at t0 < t starts from a state holding an item owed before t, nor at t "
    "unless it is a tick; after a tick at t no deadline at or before t remains (held items "
    "aside); and a tick reports what it did: each matured or lapsed change it names was "
    "pending and is gone, none it matured was held, a change whose window ended is "
    "reported lapsed, and a recovery completed, a registration closed, a lock ended and sessions expired are reported when "
    "(and only when) they happen (the last three unless the recovery's completion, which "
    "clears them, is the cause).";

bool guardian_change(Op op) {
  return op == Op::kAddGuardian || op == Op::kRemoveGuardian || op == Op::kSetGuardianThreshold;
}

bool held(const Policy& p, const Identity& id, const PendingChange& c, Time t) {
  if (guardian_change(c.op) && id.recovery.active) return true;                  // R-TL-12
  return p.lock_blocks_confirmation && c.op == Op::kAddGuardian && id.locked_until > t;  // R-SOC-13
}

bool quorate(const Policy& p, const Identity& id) {
  const Recovery& r = id.recovery;
  uint32_t weight = 0, count = 0;
  for (const Guardian& g : id.guardians)
    if (r.approvals.find_if([&](ActorId a) { return a == g.actor; }) != nullptr) {
      weight += g.weight;
      ++count;
    }
  switch (p.quorum) {
    case RecoveryQuorum::kWeight:
      return weight > 0 && weight >= id.guardian_threshold;
    case RecoveryQuorum::kHalf:
      return !id.guardians.empty() && count >= (id.guardians.size() + 1) / 2;
    case RecoveryQuorum::kThreshold:
      return count > 0 && count >= id.guardian_threshold;
  }
  return false;
}

// The earliest deadline in `id` (holds read at time `t` in `holds_in`), with what it is.
struct Deadline {
  Time at = kNever;
  std::string_view what;
};
Deadline earliest(const Policy& p, const Identity& id, const Identity& holds_in, Time t) {
  const Duration strict = p.boundary == Boundary::kStrict ? 1 : 0;
  Deadline d;
  auto consider = [&](Time x, std::string_view what) {
    if (x < d.at) d = {x, what};
  };
  for (const PendingChange& c : id.pending) {
    consider(c.expires_at, "a pending change's confirmation window ended");
    if (!held(p, holds_in, c, t) && c.due_at != kNever)
      consider(c.due_at + strict, "a pending change fell due");
  }
  const Recovery& r = id.recovery;
  if (r.active && r.due_at != kNever && quorate(p, id))
    consider(r.due_at + strict, "a recovery with quorum fell due");
  if (id.registration.open) consider(id.registration.window_end, "a registration window ended");
  for (const Session& s : id.sessions) consider(s.expires_at, "a session expired");
  if (id.locked_until != 0) consider(id.locked_until, "a lock ended");
  return d;
}

bool reports(const Step& s, IdentityId id, TickEvent e) {
  for (const Matured& m : s.matured)
    if (m.identity == id && m.event == e) return true;
  return false;
}

bool has_change(const Identity& id, uint32_t number) {
  return id.pending.find_if([&](const PendingChange& c) { return c.number == number; }) != nullptr;
}

std::string_view check_report(const Policy& p, const Step& s, const Identity& b,
                              const Identity& a) {
  for (const Matured& m : s.matured) {
    if (m.identity != a.id || (m.event != TickEvent::kMatured && m.event != TickEvent::kLapsed))
      continue;
    if (m.event == TickEvent::kMatured && held(p, b, m.change, s.time))
      return "a tick took a change that was held (a guardian change while a recovery ran, or "
             "an addition a lock held back)";
    if (!has_change(b, m.change.number) || has_change(a, m.change.number))
      return "a tick reports a change that was not pending or is still pending";
  }
  for (const PendingChange& c : b.pending)
    if (s.time >= c.expires_at) {
      bool lapsed = false;
      for (const Matured& m : s.matured)
        lapsed |= m.identity == a.id && m.event == TickEvent::kLapsed && m.change.number == c.number;
      if (!lapsed) return "a change whose window ended is not reported lapsed";
    }
  const bool completed = b.recovery.active && !a.recovery.active;
  if (completed != reports(s, a.id, TickEvent::kRecoveryCompleted))
    return completed ? "a completed recovery is not reported" : "a recovery reported completed";
  const bool closed = b.registration.open && !a.registration.open;
  if (closed && !completed && !reports(s, a.id, TickEvent::kRegistrationClosed))
    return "a closed registration is not reported";
  if (!closed && reports(s, a.id, TickEvent::kRegistrationClosed))
    return "a registration reported closed that did not close";
  const bool unlocked = b.locked_until != 0 && a.locked_until == 0;
  if (unlocked && !completed && !reports(s, a.id, TickEvent::kUnlocked))
    return "an ended lock is not reported";
  if (!unlocked && reports(s, a.id, TickEvent::kUnlocked))
    return "a lock reported ended that did not end";
  bool expired = false;
  for (const Session& x : b.sessions) expired |= x.expires_at <= s.time;
  if (expired && !completed && !reports(s, a.id, TickEvent::kSessionExpired))
    return "expired sessions are not reported";
  if (!expired && reports(s, a.id, TickEvent::kSessionExpired))
    return "sessions reported expired when none had";
  return {};
}

class TimelyChecker final : public CheckerOf<TimelyChecker> {
 public:
  std::string_view id() const override { return kId; }
  // The previous step's time: a step's gap is judged against it.
  uint64_t digest() const override {
    DigestBuilder b;
    b.add(seen_);
    b.add(static_cast<uint64_t>(last_));
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    const bool tick = step.kind == Step::Kind::kTick;
    const Time t = step.time, t0 = last_;
    const bool gap = seen_ && t > t0;
    seen_ = true;
    last_ = t;
    for (std::size_t k = 0; k < step.after.identities.size(); ++k) {
      const Identity& a = step.after.identities[k];
      const Identity* b = identity_at(step.before, a.id, k);
      if (b == nullptr) continue;
      std::string why;
      if (gap) {
        // What was already due when the previous step left it is owed at the next second.
        const Deadline d = earliest(p, *b, *b, t0);
        const Time owed = std::max(d.at, t0 + 1);
        if (d.at != kNever && (owed < t || (owed == t && !tick)))
          why = std::string(d.what) + " at " + std::to_string(d.at) + "s, with no tick at " +
                std::to_string(owed) + "s";
      }
      if (why.empty() && tick) {
        const Deadline d = earliest(p, a, *b, t);
        if (d.at <= t) why = std::string(d.what) + " at " + std::to_string(d.at) + "s, and the tick at " + std::to_string(t) + "s left it";
        if (why.empty()) why = check_report(p, step, *b, a);
      }
      if (!why.empty())
        return violation(kId, index,
                         world.identity_name(a.id) + ": " + why + " (" + step_label(world, step) +
                             ")");
    }
    return std::nullopt;
  }

 private:
  bool seen_ = false;
  Time last_ = 0;
};

}  // namespace

Entry timely_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<TimelyChecker>(); }};
}

}  // namespace reclaim::inv
