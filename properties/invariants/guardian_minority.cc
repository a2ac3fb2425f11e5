// GUARDIAN-MINORITY: guardians below the threshold weight never change an identity's devices.
//
// Precisely: (1) whenever a social recovery completes at a step — it was running in the
// state before and its new device, absent before, is registered after (at a tick or an
// approving request) — the guardians that approved it had quorum: the approvals recorded in
// the state before's recovery, plus, at an approve-recovery request step, the guardians whose
// signatures on that request verify, judged against the guardian set and threshold of the
// state before or of the state after (a tick matures pending guardian changes before it
// completes a recovery, and completing leaves them alone); quorum per the policy, re-derived:
// a guardian's weight counts once when it or a guardian up its follow chain approved;
// weight: counted weight >= the identity's guardian threshold (and > 0); half: counted
// guardians >= ceil(n/2) of the identity's n guardians; threshold: counted guardians >= the
// identity's threshold. (2) A request step that changes an identity's devices with verified
// guardian signers but no verified registered-device signer (nor a live session where
// sessions manage devices) is a change made by guardians alone, and must have the same
// quorum among those guardian signers. The owner's own start of a recovery is never an approval.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "GUARDIAN-MINORITY";
constexpr std::string_view kStatement =
    "When a social recovery completes (running before, its new device registered after), "
    "the guardians that approved it (the state's approvals, plus at an approve request its "
    "verified guardian signers) reach quorum under the guardians and threshold before or "
    "after the step: counted weight (a guardian "
    "counts when it or one up its follow chain approved) >= threshold for 'weight', counted "
    "guardians >= ceil(n/2) for 'half', >= threshold for 'threshold'. A request that changes "
    "devices signed by guardians but by no verified device (or managing session) needs the "
    "same quorum among its verified guardian signers.";

class GuardianMinorityChecker final : public CheckerOf<GuardianMinorityChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return 0; }  // remembers nothing

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after == nullptr || same(before.devices, after->devices)) continue;
      const bool request = step.kind == Step::Kind::kRequest && step.request.identity == before.id;
      Verified v;  // only its guardians are read: without a guardian entry there are none
      if (request && has_signer_kind(step.request, SignerKind::kGuardian))
        v = verify_signers(p, before, step.request, step.time);
      const DeviceId nd = before.recovery.new_device;
      if (before.recovery.active && !has_device(before, nd) && has_device(*after, nd)) {
        const bool approve = request && step.request.op == Op::kApproveRecovery;
        auto approved = [&](ActorId a) {
          return before.recovery.approvals.find_if([a](ActorId x) { return x == a; }) != nullptr ||
                 (approve && v.has_guardian(a));
        };
        // A tick matures pending changes (guardian changes included) before it completes
        // recoveries, so the guardian set in force at completion is the one before or the one
        // after the step (a completion itself leaves guardians and threshold alone).
        const Quorum q = quorum(p, before, approved);
        if (!q.reached && !quorum(p, *after, approved).reached)
          return violation(kId, index,
                           "recovery of " + world.identity_name(before.id) + " completed at " +
                               step_label(world, step) + " with " + describe(p, before, q));
        continue;
      }
      if (!request) continue;
      if (v.guardians.empty() || !v.devices.empty() || (v.session && p.session_manages_devices))
        continue;  // not a change made by guardians (a missing signer is AUTH's concern)
      const Quorum q = quorum(p, before, [&](ActorId a) { return v.has_guardian(a); });
      if (!q.reached)
        return violation(kId, index,
                         "devices of " + world.identity_name(before.id) + " changed by " +
                             step_label(world, step) + " without an owner device, with " +
                             describe(p, before, q));
    }
    return std::nullopt;
  }

 private:
  static std::string describe(const Policy& p, const Identity& id, const Quorum& q) {
    switch (p.quorum) {
      case RecoveryQuorum::kWeight:
        return "approving weight " + std::to_string(q.weight) + " < threshold " +
               std::to_string(id.guardian_threshold);
      case RecoveryQuorum::kHalf:
        return std::to_string(q.count) + " approving guardians < half of " +
               std::to_string(id.guardians.size());
      case RecoveryQuorum::kThreshold:
        return std::to_string(q.count) + " approving guardians < threshold " +
               std::to_string(id.guardian_threshold);
    }
    return "?";
  }
};

}  // namespace

Entry guardian_minority_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<GuardianMinorityChecker>(); }};
}

}  // namespace reclaim::inv
