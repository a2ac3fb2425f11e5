// EVICT: if the attacker holds only authentication devices, a reactive owner ends in
// exclusive control.
//
// Precisely, judged at the end of a run for each identity I with owner O; "others" are all
// actors but O, "hostile requests" are accepted-or-pending requests on I sent by others that
// changed I's state beyond bookkeeping (anything but the seen-request memory, nonce floor and
// notifications: such a request is one the owner can learn about).
// Premises (when one fails the identity is not judged — EVICT holds vacuously for it):
//   P1 others compromised I: at some step another actor held a registered device of I, or
//      hijacked I's session;
//   P2 O registered "reacts within ρ" before the first hostile request (ρ: the smallest such);
//   P3 no other actor ever held a registered recovery device of I, and no guardian of I ever
//      colluded (the attacker holds only authentication devices or sessions);
//   P4 from the first compromise to the end, O holds at every step a registered recovery
//      device of I that O held and no one else had ever held at the first compromise (O keeps its
//      reclaiming power throughout; an owner who loses it is not promised anything);
//   P5 ρ is below every removal delay I had during the run (the identity's removal-delay
//      field, whatever the policy does with it — as for RECLAIM);
//   P6 the attacker revealed itself after its last gain: a hostile request came at or after
//      the last step in which others gained a registered device of I, or came to hold one
//      that O does not (a theft, also of a device that changed hands before). Otherwise O
//      could not know of it: a silent copy is indistinguishable from O's own use, and a
//      theft sends no notification (found by fuzz_protocol under timelock);
//   P7 O never lost a registered device of I itself (a lose event): an owner's own loss is
//      not the attacker's doing, and under two-factor it can leave O short of a second device;
//   P8 after the first compromise O's accepted-or-pending requests on I are all reactions
//      (Step::reactive): the claim is about the reactive strategy, not about whatever else an
//      owner may do;
//   P9 the run lasted long enough: now >= (time of the last hostile request or compromise)
//      + ρ + the largest removal delay I had (the owner's removals may themselves wait it).
//   P10 at the end no registered device the owner holds is also held by another actor
//      without having signed a hostile request (a silent copy cannot be told from the
//      owner's own use; found by the random engine under timelock).
// Conclusion at the end: (a) O is in control of I (World::in_control); (b) no other actor
// holds a registered device of I that O does not hold or that signed a hostile request
// (everything the attacker took or used is gone); (c) no other actor is in control of I.
// A policy without notifications fails EVICT whenever the premises hold: the reactive owner
// never learns of anything.
#include <array>
#include <limits>
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "EVICT";
constexpr std::string_view kStatement =
    "At the end of a run, for an identity I whose owner O registered 'reacts within rho' "
    "before the first hostile request (an accepted-or-pending request by another actor that "
    "changed I beyond bookkeeping), where others compromised I but never held a recovery "
    "device of I, no guardian of I colluded, O never lost a device of I itself, only reacted "
    "after the first compromise and kept holding a recovery device it alone held then, rho is "
    "below every removal delay of I, a hostile request came at or after the attacker's last "
    "gain (a device newly held by others, or newly held by others and not by O), no device O holds is also held by another actor without having signed a hostile "
    "request (no silent copy), and now >= last hostile step + rho + largest removal delay: "
    "O is in control of I, "
    "no other actor holds a registered device of I that O lacks or that signed a hostile "
    "request, and no other actor is in control of I.";

struct Track {
  std::size_t first_compromise = kNoIndex;
  std::size_t last_compromise = kNoIndex;
  std::size_t first_hostile = kNoIndex;
  std::size_t last_reveal = kNoIndex;
  Time last_hostile_time = std::numeric_limits<Time>::min();
  uint64_t compromised = 0;     // registered devices of I others ever held
  uint64_t exclusive = 0;  // at the last step: registered devices others held and O did not
  uint64_t owner_recovery = 0;  // O's sole-held recovery devices at the first compromise
  uint64_t revealed = 0;        // devices that signed a hostile request
  bool recovery_compromised = false;
  bool owner_lost_recovery = false;  // a step after the first compromise where O held none
  bool owner_lost_device = false;    // O lost a registered device itself (a lose event)
  bool owner_acted = false;  // O made a non-reactive effective request after the first compromise
  bool colluding_guardian = false;
  Duration min_delay = std::numeric_limits<Duration>::max();
  Duration max_delay = 0;
};

// Did the request change the identity beyond bookkeeping?
bool substantive(const Identity& b, const Identity& a) {
  return !same(b.devices, a.devices) || !same(b.pending, a.pending) ||
         b.next_change != a.next_change || b.removal_delay != a.removal_delay ||
         !same(b.guardians, a.guardians) || b.guardian_threshold != a.guardian_threshold ||
         !(b.recovery == a.recovery) || b.locked_until != a.locked_until ||
         !same(b.assets, a.assets) || !same(b.sessions, a.sessions) ||
         b.next_session != a.next_session || !same(b.registration, a.registration);
}

class EvictChecker final : public CheckerOf<EvictChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    digest_reactions(b, reactions_);
    for (const Track& t : tracks_) {
      // A track no step has touched (no such identity yet) is the default: one word.
      if (t.min_delay == std::numeric_limits<Duration>::max()) {
        b.add(0);
        continue;
      }
      b.index(t.first_compromise);
      b.index(t.last_compromise);
      b.index(t.first_hostile);
      b.index(t.last_reveal);
      b.add(static_cast<uint64_t>(t.last_hostile_time));
      b.add(t.compromised);
      b.add(t.exclusive);
      b.add(t.owner_recovery);
      b.add(t.revealed);
      b.add(t.recovery_compromised | t.owner_lost_recovery << 1 | t.owner_lost_device << 2 |
            t.owner_acted << 3 | t.colluding_guardian << 4);
      b.add(static_cast<uint64_t>(t.min_delay));
      b.add(static_cast<uint64_t>(t.max_delay));
    }
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (step.kind == Step::Kind::kEvent && step.event == EventKind::kReacts)
      reactions_.push_back({step.actor, step.within, index});
    for (std::size_t k = 0; k < step.after.identities.size(); ++k) {
      const Identity& after = step.after.identities[k];
      if (after.id >= tracks_.size()) continue;
      Track& t = tracks_[after.id];
      const Identity* before = identity_at(step.before, after.id, k);
      const ActorId owner = world.owner_of(after.id);
      const uint64_t others = held_by_others(step.knowledge, owner);
      const Masks now = masks(after);
      uint64_t regs = now.devices, rec = now.recovery;
      t.min_delay = std::min(t.min_delay, after.removal_delay);
      t.max_delay = std::max(t.max_delay, after.removal_delay);
      if (before != nullptr) {
        const Masks then = masks(*before);
        regs |= then.devices;
        rec |= then.recovery;
        t.min_delay = std::min(t.min_delay, before->removal_delay);
        t.max_delay = std::max(t.max_delay, before->removal_delay);
      }
      if ((others & rec) != 0) t.recovery_compromised = true;
      const uint64_t gained = others & regs & ~t.compromised;
      // A device others now hold and O does not, where that was not so a step ago, is a gain
      // too, however often it changed hands before (a theft, or a return and a re-theft).
      const uint64_t exclusive = others & regs & ~held_by(step.knowledge, owner);
      const uint64_t taken = exclusive & ~t.exclusive;
      t.exclusive = exclusive;
      if (gained != 0 || taken != 0) {
        t.compromised |= gained;
        note_compromise(t, index, step.time, after, step.knowledge, owner);
      }
      for (const Guardian& g : after.guardians)
        if (colluding(step.knowledge, g.actor)) t.colluding_guardian = true;
      // P4 needs the recovery device still registered: one the owner removed herself no
      // longer reclaims anything (found by the random engine under timelock).
      if (t.first_compromise != kNoIndex &&
          (held_by(step.knowledge, owner) & t.owner_recovery & ~t.compromised & now.recovery) == 0)
        t.owner_lost_recovery = true;
    }
    if (step.kind == Step::Kind::kEvent && step.event == EventKind::kLose) {
      for (const Identity& id : step.before.identities)
        if (id.id < tracks_.size() && step.actor == world.owner_of(id.id) &&
            has_device(id, step.device))
          tracks_[id.id].owner_lost_device = true;
    }
    if (step.kind == Step::Kind::kEvent && step.event == EventKind::kHijack &&
        step.identity < tracks_.size() && step.actor != world.owner_of(step.identity)) {
      if (const Identity* id = step.after.identity(step.identity))
        note_compromise(tracks_[step.identity], index, step.time, *id, step.knowledge,
                        world.owner_of(step.identity));
    }
    if (effective(step) && step.request.identity < tracks_.size()) {
      Track& t = tracks_[step.request.identity];
      if (step.actor == world.owner_of(step.request.identity)) {
        if (!step.reactive && t.first_compromise != kNoIndex) t.owner_acted = true;
      } else {
        const Identity* b = step.before.identity(step.request.identity);
        const Identity* a = step.after.identity(step.request.identity);
        if (b != nullptr && a != nullptr && substantive(*b, *a)) {  // a hostile request
          const Verified v = verify_signers(world.policy(), *b, step.request, step.time);
          for (DeviceId d : v.devices) t.revealed |= bit(d);
          if (t.first_hostile == kNoIndex) t.first_hostile = index;
          t.last_reveal = index;
          t.last_hostile_time = std::max(t.last_hostile_time, step.time);
        }
      }
    }
    return std::nullopt;
  }

  std::optional<Violation> at_end(const World& world) const override {
    const std::size_t end = world.step_count();
    for (const Identity& id : world.state().identities) {
      if (id.id >= tracks_.size()) continue;
      const Track& t = tracks_[id.id];
      const ActorId owner = world.owner_of(id.id);
      if (t.first_compromise == kNoIndex || t.first_hostile == kNoIndex) continue;  // P1
      const Reaction* r = nullptr;
      for (const Reaction& x : reactions_)
        if (x.owner == owner && x.index < t.first_hostile && (r == nullptr || x.within < r->within))
          r = &x;
      if (r == nullptr) continue;                                                   // P2
      if (t.recovery_compromised || t.colluding_guardian) continue;                 // P3
      if (t.owner_lost_recovery || t.owner_lost_device || t.owner_acted) continue;  // P4, P7, P8
      if (r->within >= t.min_delay) continue;                                       // P5
      if (t.last_reveal < t.last_compromise) continue;                              // P6
      if (world.now() < t.last_hostile_time + r->within + t.max_delay) continue;    // P9
      // P10: no silent copy. A registered device the owner still holds, that another actor
      // holds too and that never signed a hostile request, is indistinguishable from the
      // owner's own use: no strategy can know to remove it.
      bool silent_copy = false;
      for (const Device& d : id.devices)
        for (ActorId a = 1; a <= world.actor_count(); ++a)
          silent_copy |= a != owner && world.holds(a, d.id) && world.holds(owner, d.id) &&
                         (t.revealed & bit(d.id)) == 0;
      if (silent_copy) continue;
      const std::string who = world.identity_name(id.id);
      if (!world.in_control(id.id, owner))
        return violation(kId, end,
                         world.actor_name(owner) + " is not in control of " + who +
                             " at the end (" + std::to_string(world.now()) + "s)");
      for (const Device& d : id.devices)
        for (ActorId a = 1; a <= world.actor_count(); ++a) {
          if (a == owner || !world.holds(a, d.id)) continue;
          if (!world.holds(owner, d.id) || (t.revealed & bit(d.id)) != 0)
            return violation(kId, end,
                             world.actor_name(a) + " still holds registered " +
                                 device_label(world, d.id) + " of " + who + " at the end");
        }
      for (ActorId a = 1; a <= world.actor_count(); ++a)
        if (a != owner && world.in_control(id.id, a))
          return violation(kId, end,
                           world.actor_name(a) + " is still in control of " + who + " at the end");
    }
    return std::nullopt;
  }

 private:
  static void note_compromise(Track& t, std::size_t index, Time time, const Identity& after,
                              const Knowledge& k, ActorId owner) {
    if (t.first_compromise == kNoIndex) {
      t.first_compromise = index;
      t.owner_recovery = recovery_mask(after) & held_by(k, owner) & ~held_by_others(k, owner);
    }
    t.last_compromise = index;
    t.last_hostile_time = std::max(t.last_hostile_time, time);
  }

  std::vector<Reaction> reactions_;
  std::array<Track, kMaxIdentities + 1> tracks_{};
};

}  // namespace

Entry evict_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<EvictChecker>(); }};
}

}  // namespace reclaim::inv
