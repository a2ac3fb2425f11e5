// AUTH: an accepted request carries the valid signatures of registered devices (or a live
// delegation) that the policy requires.
//
// Precisely: for every request step whose verdict is accepted or pending, (1) the identity
// exists in the state before; (2) every signature entry names a signer that exists in that
// state — a registered device of the identity, a session of the identity that is live at the
// step's time (expires_at > now), or a guardian of the identity — is listed once, and
// verifies (model/crypto verify under the policy's backend) over the request's canonical
// encoding (model/codec encode); and (3) at least one verified signer has the kind the op
// needs under the policy:
//   add-tentative                      nothing (anyone may offer a device);
//   add/remove/protect/unprotect/replace device, transfer, withdraw, enter-registration,
//   verify-tentative, app-login        a device, or a front-end session if
//                                      session_manages_devices; for transfer and withdraw
//                                      also a live app delegation (R-SES-5);
//   login, set-removal-delay, add/remove-guardian, set-guardian-threshold
//                                      a device (a session never mints or delegates power);
//   cancel                             per policy.cancel: a recovery device (recovery-device),
//                                      any device (any-device, majority); never (none); where
//                                      the owner cancels guardian changes, also a device when
//                                      every change it removed is a guardian addition or removal;
//   clawback                           a recovery device;
//   sweep                              per policy.sweep: a recovery device (recovery-device),
//                                      nothing (anyone: unauthorized recovery);
//   follow                             the following guardian itself (args.actor);
//   start-recovery                     a guardian, or a device if owner_may_start_recovery;
//   approve-recovery, lock, unlock     a guardian;
//   veto-recovery                      per policy.veto: a recovery device, any device, a device
//                                      or a guardian (majority); never (none).
// and, where the policy has guardians co-sign (Argent): add, remove and replace device
// (cosign_device_changes) and transfer (cosign_transfers) also carry ceil(n/2) verified
// guardian signers, n the identity's guardians before the step (none needed when n = 0); a
// transfer to a trusted contact of the identity before the step whose trust has begun needs
// none (R-AST-10; when that trust began is ASSET's to judge, from the add-contact requests).
// Matured changes are authorized by the request that created them, checked at its step.
#include "model/ops.h"
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "AUTH";
constexpr std::string_view kStatement =
    "Every accepted or pending request (1) names an existing identity, (2) carries only "
    "signatures that verify over its canonical encoding against a registered device of the "
    "identity, a session live at that time, or a guardian of the identity, each signer once, "
    "and (3) has a verified signer of the kind its op needs: nothing for add-tentative; a "
    "device or (if sessions manage devices) a front-end session for device changes, "
    "transfers, withdrawals, registration and app delegations, and also an app delegation "
    "for transfers and withdrawals; a device for login, removal delay and guardian changes; "
    "a recovery device (cancel right recovery-device) or any device (any-device, majority) for "
    "cancel; a recovery device for clawback; per the sweep right (a recovery device, or "
    "anyone) for sweep; the follower guardian for follow; a guardian or "
    "(if the owner may start) a device for start-recovery; a guardian for approve, lock and "
    "unlock; per the veto right for veto. Where guardians co-sign, device additions, removals "
    "and replacements (and transfers but to a trusted contact) also carry ceil(n/2) of the "
    "identity's n guardians.";

// Were the pending changes that are in `before` but not in `after` all guardian additions or
// removals?
bool only_guardian_changes_removed(const Identity& before, const Identity* after) {
  for (const PendingChange& c : before.pending) {
    const bool kept = after != nullptr && after->pending.find_if([&](const PendingChange& x) {
      return x.number == c.number;
    }) != nullptr;
    if (!kept && c.op != Op::kAddGuardian && c.op != Op::kRemoveGuardian) return false;
  }
  return true;
}

// Why the verified signers fall short of what the op needs (its authority in the op table,
// model/ops.h, read under the policy); empty when they do not. `after` is the identity
// after the step (a cancel is judged by what it removed).
std::string_view missing(const Policy& p, const Identity& id, const Identity* after,
                         const Request& r, const Verified& v) {
  const bool device = !v.devices.empty();
  const bool managing = device || (v.session && p.session_manages_devices);
  const bool cosign =
      (p.cosign_device_changes &&
       (r.op == Op::kAddDevice || r.op == Op::kRemoveDevice || r.op == Op::kReplaceDevice)) ||
      (p.cosign_transfers && r.op == Op::kTransfer &&
       !id.contacts.find_if([&](const Contact& c) {
         return p.trusted_contacts && c.actor == r.args.actor && r.time >= c.from;
       }));
  if (cosign && v.guardians.size() < (id.guardians.size() + 1) / 2)
    return "needs ceil(n/2) of the identity's guardians to co-sign";
  const OpInfo* op = find_op(r.op);
  if (op == nullptr) return "unknown op";
  switch (op->authority) {
    case Authority::kAnyone:
      return {};
    case Authority::kManaging:
      if (v.app_session && op->family == Family::kAssets) return {};  // R-SES-5
      return managing ? std::string_view{} : "needs a registered device or a managing session";
    case Authority::kDevice:
      return device ? std::string_view{} : "needs a registered device";
    case Authority::kCancelRight:
      if (device && p.owner_cancels_guardian_changes && only_guardian_changes_removed(id, after))
        return {};
      switch (p.cancel) {
        case CancelRight::kNone:
          return "the policy gives no cancel right";
        case CancelRight::kRecoveryDevice:
          return has_recovery(id, v) ? std::string_view{} : "needs a recovery device";
        case CancelRight::kAnyDevice:
        case CancelRight::kMajority:
          return device ? std::string_view{} : "needs a registered device";
      }
      return "unknown cancel right";
    case Authority::kRecoveryDevice:
      return has_recovery(id, v) ? std::string_view{} : "needs a recovery device";
    case Authority::kFollower:
      return v.has_guardian(r.args.actor) ? std::string_view{}
                                          : "needs the following guardian's signature";
    case Authority::kGuardianOrOwner:
      if (!v.guardians.empty()) return {};
      if (device && p.owner_may_start_recovery) return {};
      return p.owner_may_start_recovery ? "needs a guardian or a registered device"
                                        : "needs a guardian";
    case Authority::kGuardian:
      return v.guardians.empty() ? "needs a guardian" : std::string_view{};
    case Authority::kVetoRight:
      switch (p.veto) {
        case CancelRight::kNone:
          return "the policy gives no veto right";
        case CancelRight::kRecoveryDevice:
          return has_recovery(id, v) ? std::string_view{} : "needs a recovery device";
        case CancelRight::kAnyDevice:
          return device ? std::string_view{} : "needs a registered device";
        case CancelRight::kMajority:
          return device || !v.guardians.empty() ? std::string_view{}
                                                : "needs a registered device or a guardian";
      }
      return "unknown veto right";
    case Authority::kSweepRight:
      switch (p.sweep) {
        case SweepRight::kNone:
          return "the policy has no sweep";
        case SweepRight::kRecoveryDevice:
          return has_recovery(id, v) ? std::string_view{} : "needs a recovery device";
        case SweepRight::kAnyone:
          return {};
      }
      return "unknown sweep right";
  }
  return "unknown authority";
}

std::string_view signer_kind(SignerKind k) {
  switch (k) {
    case SignerKind::kDevice:
      return "device";
    case SignerKind::kSession:
      return "session";
    case SignerKind::kGuardian:
      return "guardian";
  }
  return "?";
}

class AuthChecker final : public CheckerOf<AuthChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return 0; }  // remembers nothing

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (!effective(step)) return std::nullopt;
    const Request& r = step.request;
    const Identity* before = step.before.identity(r.identity);
    if (before == nullptr)
      return violation(kId, index, step_label(world, step) + ": names no identity");
    const Verified v = verify_signers(world.policy(), *before, r, step.time);
    if (!v.ok()) {
      const SignatureEntry& e = r.signers[static_cast<std::size_t>(v.bad)];
      std::string who = e.kind == SignerKind::kDevice     ? device_label(world, e.id)
                        : e.kind == SignerKind::kGuardian ? world.actor_name(e.id)
                                                          : "#" + std::to_string(e.id);
      return violation(kId, index,
                       step_label(world, step) + ": signer " + std::string(signer_kind(e.kind)) +
                           " " + who + " " + std::string(v.why));
    }
    const std::string_view why =
        missing(world.policy(), *before, step.after.identity(r.identity), r, v);
    if (!why.empty())
      return violation(kId, index, step_label(world, step) + ": " + std::string(why));
    return std::nullopt;
  }
};

}  // namespace

Entry auth_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<AuthChecker>(); }};
}

}  // namespace reclaim::inv
