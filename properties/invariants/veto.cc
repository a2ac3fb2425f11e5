// VETO: a recovery the owner vetoed never completes, and a recovery ends early only by a veto
// that meets the policy.
//
// Precisely: recoveries are told apart by their start digest. A recovery is vetoed once an
// accepted veto-recovery request on its identity, made while it ran (state before), carries a
// verified signature of a registered device of the identity — an owner device, whoever
// wields it — or, under a majority veto, once the distinct voters of accepted veto requests
// on it (the owner's devices as one voter, each verified guardian signer as one) reach
// ceil((n0 + 1) / 2), n0 being the identity's guardian count in the state before its start
// step (the recovery's own record of it when the start is not in the trace). A vetoed
// recovery never completes: no later step may have it running in the state before and its
// new device, absent before, registered after.
// Conversely, a recovery running before a step and neither running (by the same start digest)
// nor completed after it ended early; that step must be an accepted veto-recovery request
// signed after the start (its nonce above the start's, R-SOC-6) that meets the policy's veto
// right on its own — a verified registered recovery device (recovery-device), a verified
// registered device (any-device), or, under a majority veto, the voters counted as above
// reaching ceil((n0 + 1) / 2) with it — or, where the policy lets a start replace a running
// recovery (R-SOC-15), an accepted start-recovery that does, or, where the policy lets the
// owner's guardian removal end a recovery that guardians started (R-SOC-16), an accepted or
// pending remove-guardian that a registered device verifiably signed.
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "VETO";
constexpr std::string_view kStatement =
    "A recovery (identified by its start digest) is vetoed by an accepted veto request made "
    "while it ran that an owner device validly signed — under a majority veto, once distinct "
    "voters (owner devices as one, each guardian) of accepted vetoes reach ceil((n0+1)/2) of "
    "the guardians n0 at its start. A vetoed recovery never completes (never has its new "
    "device registered while it ran before the step). A running recovery ends without "
    "completing only at an accepted veto signed after its start (nonce above the start's) "
    "that meets the policy's veto right (a recovery device, any device, or the majority "
    "reached with it), at an accepted start that replaces it where the policy allows "
    "replacement, or, where an owner's guardian removal ends a guardians' recovery, at an "
    "accepted-or-pending remove-guardian a registered device signed.";

struct Tally {
  IdentityId identity = kNone;
  Digest start = 0;
  uint32_t n0 = 0;
  BoundedVec<uint32_t, kMaxVetoes> voters;
  bool vetoed = false;
  std::size_t vetoed_at = 0;
};

class VetoChecker final : public CheckerOf<VetoChecker> {
 public:
  std::string_view id() const override { return kId; }
  // vetoed_at only names the veto in the violation message.
  uint64_t digest() const override {
    DigestBuilder b;
    b.add(tallies_.size());
    for (const Tally& t : tallies_) {
      b.add(t.identity);
      b.add(t.start);
      b.add(t.n0);
      b.add(t.voters.size());
      for (uint32_t v : t.voters) b.add(v);
      b.add(t.vetoed);
    }
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    if (effective(step)) {
      const Identity* b = step.before.identity(step.request.identity);
      const Identity* a = step.after.identity(step.request.identity);
      if (b != nullptr && a != nullptr) {
        if (started_recovery(step, *b, *a))
          tally(b->id, a->recovery.started_by, static_cast<uint32_t>(b->guardians.size()));
        if (step.request.op == Op::kVetoRecovery && b->recovery.active) {
          Tally& t = tally(b->id, b->recovery.started_by, b->recovery.guardians_at_start);
          const Verified v = verify_signers(p, *b, step.request, step.time);
          if (p.veto == CancelRight::kMajority) {
            if (!v.devices.empty()) vote(t, kOwnerVoter);
            for (ActorId g : v.guardians) vote(t, g);
            if (t.voters.size() >= (t.n0 + 2) / 2) mark(t, index);
          } else if (!v.devices.empty()) {
            mark(t, index);
          }
        }
      }
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      if (!before.recovery.active) continue;
      const Identity* after = identity_at(step.after, before.id, k);
      const DeviceId nd = before.recovery.new_device;
      if (after == nullptr) continue;
      const bool completed = !has_device(before, nd) && has_device(*after, nd);
      const bool running =
          after->recovery.active && after->recovery.started_by == before.recovery.started_by;
      if (!completed && !running) {
        if (const std::string_view why = early_end(p, step, before, *after); !why.empty())
          return violation(kId, index,
                           "recovery of " + world.identity_name(before.id) +
                               " ended without completing at " + step_label(world, step) +
                               ": " + std::string(why));
        continue;
      }
      if (!completed) continue;
      const Tally* t = find(before.id, before.recovery.started_by);
      if (t != nullptr && t->vetoed)
        return violation(kId, index,
                         "recovery of " + world.identity_name(before.id) + " vetoed at step " +
                             std::to_string(t->vetoed_at) + " completed at " +
                             step_label(world, step));
    }
    return std::nullopt;
  }

 private:
  // Why this step may not end the recovery running in `b` early ("" when it may).
  std::string_view early_end(const Policy& p, const Step& step, const Identity& b,
                             const Identity& a) const {
    if (!effective(step) || step.request.identity != b.id)
      return "not by an accepted request on the identity";
    if (step.request.op == Op::kStartRecovery) {
      if (p.recovery_replace != RecoveryReplace::kNever && a.recovery.active) return {};
      return "a start that the policy does not let replace a running recovery";
    }
    if (step.request.op == Op::kRemoveGuardian) {
      if (!p.removal_ends_recovery || b.recovery.owner_started)
        return "a guardian removal that the policy does not let end this recovery";
      if (verify_signers(p, b, step.request, step.time).devices.empty())
        return "a guardian removal no registered device signed";
      return {};
    }
    if (step.request.op != Op::kVetoRecovery) return "not by a veto";
    if (step.request.nonce <= b.recovery.start_nonce) return "by a veto signed before its start";
    const Verified v = verify_signers(p, b, step.request, step.time);
    switch (p.veto) {
      case CancelRight::kRecoveryDevice:
        for (DeviceId d : v.devices)
          if (const Device* dev = b.device(d); dev != nullptr && dev->purpose == Purpose::kRecovery)
            return {};
        return "by a veto no recovery device signed";
      case CancelRight::kAnyDevice:
        if (!v.devices.empty()) return {};
        return "by a veto no device signed";
      case CancelRight::kMajority: {
        const Tally* t = find(b.id, b.recovery.started_by);
        if (t != nullptr && t->voters.size() >= (t->n0 + 2) / 2) return {};
        return "by a veto short of the majority";
      }
      case CancelRight::kNone:
        return "by a veto the policy has no right for";
    }
    return "by a veto";
  }

  std::size_t position(IdentityId identity, Digest start) const {
    for (std::size_t i = tallies_.size(); i-- > 0;)
      if (tallies_[i].identity == identity && tallies_[i].start == start) return i;
    return kNoIndex;
  }
  const Tally* find(IdentityId identity, Digest start) const {
    const std::size_t i = position(identity, start);
    return i == kNoIndex ? nullptr : &tallies_[i];
  }
  Tally& tally(IdentityId identity, Digest start, uint32_t n0) {
    if (const std::size_t i = position(identity, start); i != kNoIndex) return tallies_[i];
    Tally t;
    t.identity = identity;
    t.start = start;
    t.n0 = n0;
    tallies_.push_back(t);
    return tallies_.back();
  }
  static void vote(Tally& t, uint32_t voter) {
    if (t.voters.find_if([voter](uint32_t x) { return x == voter; }) == nullptr && !t.voters.full())
      t.voters.push_back(voter);
  }
  static void mark(Tally& t, std::size_t index) {
    if (t.vetoed) return;
    t.vetoed = true;
    t.vetoed_at = index;
  }

  std::vector<Tally> tallies_;  // one per recovery seen; recoveries are rare
};

}  // namespace

Entry veto_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<VetoChecker>(); }};
}

}  // namespace reclaim::inv
