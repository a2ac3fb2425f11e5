// SOCIAL-LIVENESS: an owner who lost every device regains control once honest guardians of
// threshold weight act, within the recovery delay.
//
// Precisely: an obligation arises at every accepted start-recovery step on identity I whose
// new device goes to I's owner O (the step's receiver; the actor when none is recorded),
// when O holds no registered device of I in that step's knowledge, and the start is signed by
// guardians only (at least one verified guardian signature, no device signature), none of
// them colluding. Its due time is the start time plus the recovery delay (policy
// recovery_delay, or the identity's removal delay before the start when it is -1), plus one
// second under a strict boundary; under the quorum clock (policy recovery_clock "quorum",
// R-SOC-10), where the delay runs from the recovery's execution at quorum, it is the arming
// time plus that same delay and second instead. It is armed at the first step whose state before or after
// still runs that recovery (same start digest) with quorum among its non-colluding approvers
// (quorum as GUARDIAN-MINORITY re-derives it). It is discharged at the first step from the
// start on after which O is in control of I (O holds registered devices enough for any
// sensitive change; re-derived from that step's state and knowledge). It is waived (not
// judged) when, before it is discharged, some other actor holds a registered device of I
// that may veto (a recovery device under veto=recovery-device, any device under any-device
// or majority), a guardian of I colludes under a majority veto, O vetoes, or O no longer
// holds the recovery's new device. At the end of the run, an armed, undischarged, unwaived
// obligation whose deadline — the later of its due time and its arming time — has been
// reached (now >= deadline; now > deadline when it was armed at or after its due time, since
// a start that is due at once completes at the next tick) requires O to be in control of I
// (World::in_control).
// Everything else an attacker can do (auth devices, guardian changes requested earlier) is
// in scope: if it stops the recovery, that is a violation.
//
// The same checker judges GUARDIANS-PREVAIL (guardians_prevail.cc) with one waiver fewer:
// another actor holding a device of I that may veto does not waive the obligation.
#include <algorithm>
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "SOCIAL-LIVENESS";
constexpr std::string_view kStatement =
    "If honest (non-colluding) guardians alone start a recovery of identity I for its owner O "
    "while O holds no registered device of I, and that recovery reaches quorum among honest "
    "approvers, then by the later of (start + recovery delay, +1 s under a strict boundary) "
    "and the time quorum was reached (under the quorum clock, where the delay runs from "
    "quorum: that time + the recovery delay, +1 s under a strict boundary) O is in control of I — at some step from the start on, "
    "or at the end of a run that reached that time (passed it, when quorum came at or after "
    "the due time: such a recovery completes at that request or the next tick) — unless meanwhile another actor held a "
    "registered device of I with the veto right, a guardian colluded under a majority veto, "
    "O vetoed, or O lost the recovery's new device.";

struct Obligation {
  IdentityId identity = kNone;
  ActorId owner = kNone;
  Digest start = 0;
  std::size_t index = 0;
  Time due = 0;
  Duration delay = 0;  // the recovery delay (+1 s under a strict boundary) due counts
  DeviceId new_device = kNone;
  bool armed = false;
  Time armed_at = 0;
  bool discharged = false;
  bool waived = false;
};

bool may_veto(const Policy& p, const Device& d) {
  switch (p.veto) {
    case CancelRight::kNone:
      return false;
    case CancelRight::kRecoveryDevice:
      return d.purpose == Purpose::kRecovery;
    case CancelRight::kAnyDevice:
    case CancelRight::kMajority:
      return true;
  }
  return false;
}

class SocialLivenessChecker final : public CheckerOf<SocialLivenessChecker> {
 public:
  // `thief_veto_waives`: a device of I held by another actor that may veto waives the
  // obligation (SOCIAL-LIVENESS); false for GUARDIANS-PREVAIL.
  SocialLivenessChecker(std::string_view id, bool thief_veto_waives)
      : id_(id), thief_veto_waives_(thief_veto_waives) {}
  std::string_view id() const override { return id_; }
  // Settled obligations are never read again; an obligation's step index only names it in
  // the violation message.
  uint64_t digest() const override {
    DigestBuilder b;
    for (const Obligation& o : obligations_) {
      if (o.discharged || o.waived) continue;
      b.add(o.identity);
      b.add(o.owner);
      b.add(o.start);
      b.add(static_cast<uint64_t>(o.due));
      b.add(static_cast<uint64_t>(o.delay));
      b.add(o.new_device);
      b.add(o.armed);
      b.add(static_cast<uint64_t>(o.armed_at));
    }
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    if (effective(step)) maybe_start(world, step, index);
    for (Obligation& o : obligations_) {
      if (o.discharged || o.waived) continue;
      const Identity* before = step.before.identity(o.identity);
      const Identity* after = step.after.identity(o.identity);
      if (before == nullptr || after == nullptr) continue;
      if (controls(p, *after, step.knowledge, o.owner)) {
        o.discharged = true;
        continue;
      }
      const uint64_t others = held_by_others(step.knowledge, o.owner);
      for (const Identity* id : {before, after}) {
        if (thief_veto_waives_)
          for (const Device& d : id->devices)
            if ((others & bit(d.id)) != 0 && may_veto(p, d)) o.waived = true;
        if (p.veto == CancelRight::kMajority)
          for (const Guardian& g : id->guardians)
            if (colluding(step.knowledge, g.actor)) o.waived = true;
      }
      if ((held_by(step.knowledge, o.owner) & bit(o.new_device)) == 0) o.waived = true;
      if (effective(step) && step.request.op == Op::kVetoRecovery && step.actor == o.owner &&
          step.request.identity == o.identity)
        o.waived = true;
      if (o.waived || o.armed) continue;
      for (const Identity* id : {before, after}) {
        if (!id->recovery.active || id->recovery.started_by != o.start) continue;
        const Recovery& rec = id->recovery;
        const Knowledge& k = step.knowledge;
        const Quorum q = quorum(p, *id, [&](ActorId a) {
          return !colluding(k, a) &&
                 rec.approvals.find_if([a](ActorId x) { return x == a; }) != nullptr;
        });
        if (q.reached) {
          o.armed = true;
          o.armed_at = step.time;
          if (p.recovery_clock == RecoveryClock::kQuorum) o.due = step.time + o.delay;
          break;
        }
      }
    }
    return std::nullopt;
  }

  std::optional<Violation> at_end(const World& world) const override {
    for (const Obligation& o : obligations_) {
      if (!o.armed || o.discharged || o.waived) continue;
      const Time deadline = std::max(o.due, o.armed_at);
      // Armed at or after its due time, the recovery completes at the request that armed it
      // (approve, follow) or, for a start already due, at the next tick: judged once the
      // clock has moved past that instant (found by fuzz_protocol: a run ending at a start
      // under a zero delay).
      const bool judged = o.armed_at >= o.due ? world.now() > deadline : world.now() >= deadline;
      if (!judged || world.in_control(o.identity, o.owner)) continue;
      return violation(id_, world.step_count(),
                       world.actor_name(o.owner) + " is not in control of " +
                           world.identity_name(o.identity) + " at " + std::to_string(world.now()) +
                           "s although honest guardians reached "
                           "quorum on the recovery started at step " +
                           std::to_string(o.index) + " (deadline " + std::to_string(deadline) +
                           "s)");
    }
    return std::nullopt;
  }

 private:
  void maybe_start(const World& world, const Step& step, std::size_t index) {
    const Policy& p = world.policy();
    const Identity* b = step.before.identity(step.request.identity);
    const Identity* a = step.after.identity(step.request.identity);
    if (b == nullptr || a == nullptr || !started_recovery(step, *b, *a)) return;
    const ActorId owner = world.owner_of(b->id);
    const ActorId receiver = step.receiver == kNone ? step.actor : step.receiver;
    if (receiver != owner) return;
    if ((held_by(step.knowledge, owner) & device_mask(*b)) != 0) return;
    const Verified v = verify_signers(p, *b, step.request, step.time);
    if (v.guardians.empty() || !v.devices.empty()) return;
    for (ActorId g : v.guardians)
      if (colluding(step.knowledge, g)) return;
    const Duration delay = p.recovery_delay < 0 ? b->removal_delay : p.recovery_delay;
    Obligation o;
    o.identity = b->id;
    o.owner = owner;
    o.start = a->recovery.started_by;
    o.index = index;
    o.delay = delay + (p.boundary == Boundary::kStrict ? 1 : 0);
    o.due = step.time + o.delay;
    o.new_device = step.request.args.device2;
    if (obligations_.size() >= 64)  // bounded: settled obligations are never judged again
      std::erase_if(obligations_, [](const Obligation& x) { return x.discharged || x.waived; });
    obligations_.push_back(o);
  }

  std::string_view id_;
  bool thief_veto_waives_ = true;
  std::vector<Obligation> obligations_;
};

}  // namespace

std::unique_ptr<Checker> recovery_obligation_checker(std::string_view id,
                                                     bool thief_veto_waives) {
  return std::make_unique<SocialLivenessChecker>(id, thief_veto_waives);
}

Entry social_liveness_entry() {
  return {kId, kStatement,
          []() { return recovery_obligation_checker(kId, /*thief_veto_waives=*/true); }};
}

}  // namespace reclaim::inv
