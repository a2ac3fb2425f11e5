// RECLAIM: an uncompromised registered recovery device of a reactive owner (ρ < delay) is
// never removed, whatever else the attacker holds.
//
// Precisely: let O be the owner of identity I. A device d of I is uncompromised at a step
// when no actor other than O held it in the knowledge recorded at that step or any earlier
// one (cumulative over the trace). O is reactive for a request made at step s when an event
// step "O reacts within ρ" precedes s and ρ is below I's removal delay in the state before s
// (the delay in force when the threat was made; with ρ >= delay no owner can react in time,
// so nothing is promised). Whenever a registered recovery device d of I (state before) is
// absent after a step, or no longer a recovery device, while d is uncompromised and held by
// O at that step, it is a violation if the removal was caused by a request not sent by O for
// which O was reactive and d was, at every step from the one that made it through this one,
// a registered recovery device of I that O held (in the state before each step): an owner
// who loses her recovery device meanwhile cannot cancel or veto with it, and one that becomes
// hers only later (a replacement maturing while a recovery runs) may leave her less than ρ;
// both found by fuzz_protocol under timelock and social. The causing request is: at a request
// step, the step's own request; at a tick, the recorded request that created the matured
// remove/replace change of d; for a completed social recovery (at a tick or an approving
// request), the request that started it. A removal whose cause is not in the trace (or an
// event step) is a violation whenever O was reactive before that step. A removal O itself
// requested (the causing request's actor is O) never counts.
// A completed recovery whose new device the owner holds is hers, not a removal.
// What the attacker holds otherwise is unrestricted: other devices, recovery devices
// included, sessions, colluding guardians.
#include <array>
#include <bit>
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "RECLAIM";
constexpr std::string_view kStatement =
    "A registered recovery device of identity I that only its owner O ever held (cumulative "
    "knowledge) and that O holds is never removed or re-purposed by a request O did not send "
    "(the step's request; for a tick the recorded request that created the matured "
    "remove/replace; for a completed social recovery its start) if it was a registered "
    "recovery device O held at every step from that request through the removal and O had registered 'reacts within rho' before it with rho below I's "
    "removal delay in force at that request. Steps with no recorded cause count as requests "
    "of that step. A completed social recovery whose new device O holds removes nothing "
    "of O's.";

bool removes(Op op) { return op == Op::kRemoveDevice || op == Op::kReplaceDevice; }

class ReclaimChecker final : public CheckerOf<ReclaimChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    digest_reactions(b, reactions_);
    uint64_t ready = 0;
    for (std::size_t i = 0; i < compromised_.size(); ++i) {
      b.add(compromised_[i]);
      b.add(ready_[i]);
      ready |= ready_[i];
    }
    // A device's ready_since_ is read only while it stays ready: it restarts when it becomes
    // ready again.
    for (; ready != 0; ready &= ready - 1) {
      const auto d = static_cast<std::size_t>(std::countr_zero(ready)) + 1;
      b.add(d);
      b.index(ready_since_[d]);
    }
    origins_.digest_into(b);
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (step.kind == Step::Kind::kEvent && step.event == EventKind::kReacts)
      reactions_.push_back({step.actor, step.within, index});
    for (std::size_t k = 0; k < step.after.identities.size(); ++k) {
      const Identity& id = step.after.identities[k];
      if (id.id >= compromised_.size()) continue;
      const ActorId owner = world.owner_of(id.id);
      compromised_[id.id] |= held_by_others(step.knowledge, owner);
      // Ready: a registered recovery device (state before this step) that O holds.
      const Identity* b = identity_at(step.before, id.id, k);
      const uint64_t ready = b != nullptr ? recovery_mask(*b) & held_by(step.knowledge, owner) : 0;
      for (uint64_t fresh = ready & ~ready_[id.id]; fresh != 0; fresh &= fresh - 1)
        ready_since_[static_cast<std::size_t>(std::countr_zero(fresh)) + 1] = index;
      ready_[id.id] = ready;
    }
    if (effective(step)) {
      const Identity* b = step.before.identity(step.request.identity);
      const Identity* a = step.after.identity(step.request.identity);
      if (b != nullptr && a != nullptr) {
        const ActorId owner = world.owner_of(b->id);
        if (step.verdict == Verdict::kPending)
          for_new_pending(*b, *a, [&](const PendingChange& c) {
            if (removes(c.op))
              origins_.add(make_origin(step, index, *b, *a, c.number, owner), step.after);
          });
        if (started_recovery(step, *b, *a))
          origins_.add(make_origin(step, index, *b, *a, 0, owner), step.after);
      }
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after == nullptr || same(before.devices, after->devices)) continue;
      const ActorId owner = world.owner_of(before.id);
      const uint64_t compromised =
          before.id < compromised_.size() ? compromised_[before.id] : ~0ull;
      const uint64_t owned = held_by(step.knowledge, owner);
      const bool completed = recovery_completed(before, *after);
      // A recovery that hands the identity to its owner (she holds the new device) takes
      // nothing from her: her devices are replaced by her own (found by the random engine).
      if (completed && (owned & bit(before.recovery.new_device)) != 0) continue;
      for (const Device& d : before.devices) {
        if (d.purpose != Purpose::kRecovery) continue;
        const Device* now = after->device(d.id);
        if (now != nullptr && now->purpose == Purpose::kRecovery) continue;
        if ((compromised & bit(d.id)) != 0 || (owned & bit(d.id)) == 0) continue;
        if (auto v = judge(world, step, index, before, d, owner, completed)) return v;
      }
    }
    return std::nullopt;
  }

 private:
  const Reaction* reactive(ActorId owner, std::size_t before_index, Duration delay) const {
    for (const Reaction& r : reactions_)
      if (r.owner == owner && r.index < before_index && r.within < delay) return &r;
    return nullptr;
  }

  std::optional<Violation> judge(const World& world, const Step& step, std::size_t index,
                                 const Identity& before, const Device& d, ActorId owner,
                                 bool completed) const {
    // The causing request: who sent it, at which step, under which delay, and what O held.
    ActorId actor = step.kind == Step::Kind::kRequest ? step.actor : kNone;
    std::size_t at = index;
    Duration delay = before.removal_delay;
    uint64_t owner_held = ~0ull;
    const Origin* o = nullptr;
    if (completed) {
      o = origins_.find(before.id, before.recovery.started_by);
    } else if (step.kind == Step::Kind::kTick) {
      for_events(step, before.id, [&](const Matured& m) {
        if (m.event == TickEvent::kMatured && removes(m.change.op) &&
            m.change.args.device == d.id && o == nullptr)
          o = origins_.find(before.id, m.change.requested_by);
      });
    }
    if (o != nullptr) {
      actor = o->actor;
      at = o->index;
      delay = o->removal_delay;
      owner_held = o->owner_held;
    } else if (step.kind == Step::Kind::kTick || completed) {
      actor = kNone;  // no recorded cause: judged as if made at this step by someone else
    }
    if (actor == owner || (owner_held & bit(d.id)) == 0) return std::nullopt;
    // d must have been ready without a break since the causing request (ready_since_ is the
    // start of the current unbroken run; d is ready at this step, as the caller checked).
    if (d.id > kMaxWorldDevices || ready_since_[d.id] > at) return std::nullopt;
    const Reaction* r = reactive(owner, at, delay);
    if (r == nullptr) return std::nullopt;
    std::string cause = completed ? "a social recovery completed at " + step_label(world, step)
                                  : step_label(world, step);
    if (o != nullptr)
      cause +=
          " (requested by " + world.actor_name(o->actor) + " at " + std::to_string(o->time) + "s)";
    return violation(kId, index,
                     "uncompromised recovery device " + device_label(world, d.id) + " of " +
                         world.actor_name(owner) + " (reacts within " + std::to_string(r->within) +
                         "s < removal delay " + std::to_string(delay) + "s) removed by " + cause);
  }

  std::vector<Reaction> reactions_;
  std::array<uint64_t, kMaxIdentities + 1> compromised_{};
  // Per identity: the devices ready at the last step; per device id: the step from which it
  // has been ready without a break.
  std::array<uint64_t, kMaxIdentities + 1> ready_{};
  std::array<std::size_t, kMaxWorldDevices + 1> ready_since_{};
  OriginLog origins_;
};

}  // namespace

Entry reclaim_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<ReclaimChecker>(); }};
}

}  // namespace reclaim::inv
