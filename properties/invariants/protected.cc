// PROTECTED: a protected device is modified or removed only by a request it signed.
//
// Precisely: a device is protected at a step when it is registered in the state before the
// step with is_protected set, or — where the policy has an immutable recovery path (vault) —
// when it is a registered recovery device. Whenever such a device is absent from the state
// after the step (removed or replaced), or present but different (unprotected, or any other
// field changed), the request that caused it must carry a signature of that very device that
// verifies against its key:
//   - at a request step, the step's own request;
//   - at a tick step, the request that created the matured pending change (remove, replace
//     or unprotect of that device) — found by the change's requested_by digest among the
//     pending requests recorded earlier in the trace, with its signers verified at that step;
//   - an event step, or a tick with no such matured change, never changes a protected device.
// Out of scope: a completed social recovery (the recovery's new device arrives and the
// recovery ends in the same step) replaces every device, protected ones included; social
// recovery makes that the guardians' decision, judged by GUARDIAN-MINORITY, VETO and DELAY
// instead.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "PROTECTED";
constexpr std::string_view kStatement =
    "A protected device (is_protected, or with an immutable recovery path any recovery "
    "device) that leaves the identity or changes in any field (e.g. loses protection) does so "
    "only by a request carrying its own valid signature: the step's request, or for a tick "
    "the recorded request that created the matured remove/replace/unprotect change. Event "
    "steps never change it. A completed social recovery is out of scope (GUARDIAN-MINORITY, "
    "VETO, DELAY judge it).";

bool is_device_change(Op op) {
  return op == Op::kRemoveDevice || op == Op::kReplaceDevice || op == Op::kUnprotect;
}

class ProtectedChecker final : public CheckerOf<ProtectedChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    origins_.digest_into(b);
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    if (step.kind == Step::Kind::kRequest && step.verdict == Verdict::kPending) {
      const Identity* b = step.before.identity(step.request.identity);
      const Identity* a = step.after.identity(step.request.identity);
      if (b != nullptr && a != nullptr)
        for_new_pending(*b, *a, [&](const PendingChange& c) {
          if (!is_device_change(c.op)) return;
          Origin o = make_origin(step, index, *b, *a, c.number, world.owner_of(b->id));
          record_signers(o, step, *b, p);
          origins_.add(o, step.after);
        });
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after == nullptr || same(before.devices, after->devices)) continue;
      if (recovery_completed(before, *after)) continue;
      for (const Device& d : before.devices) {
        const bool prot =
            d.is_protected || (p.immutable_recovery_path && d.purpose == Purpose::kRecovery);
        if (!prot) continue;
        const Device* now = after->device(d.id);
        if (now != nullptr && same(*now, d)) continue;
        if (auto v = judge(world, step, index, before, d, now == nullptr)) return v;
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<Violation> judge(const World& world, const Step& step, std::size_t index,
                                 const Identity& before, const Device& d, bool removed) {
    auto what = [&] {  // the violation's opening words, built only for a violation
      return "protected " + device_label(world, d.id) + (removed ? " removed" : " modified");
    };
    switch (step.kind) {
      case Step::Kind::kRequest: {
        const Verified v = verify_signers(world.policy(), before, step.request, step.time);
        if (v.has_device(d.id)) return std::nullopt;
        return violation(kId, index,
                         what() + " by " + step_label(world, step) + " that it did not sign");
      }
      case Step::Kind::kTick: {
        const Matured* cause = nullptr;
        for_events(step, before.id, [&](const Matured& m) {
          if (m.event == TickEvent::kMatured && is_device_change(m.change.op) &&
              m.change.args.device == d.id)
            cause = &m;
        });
        if (cause == nullptr)
          return violation(
              kId, index,
              what() + " at " + step_label(world, step) + " with no matured change of it");
        const Origin* o = origins_.find(before.id, cause->change.requested_by);
        if (o == nullptr)
          return violation(kId, index,
                           what() + " at " + step_label(world, step) +
                               " by a change no recorded request created");
        if (o->device_signers.find_if([&](DeviceId x) { return x == d.id; }) != nullptr)
          return std::nullopt;
        return violation(kId, index,
                         what() + " at " + step_label(world, step) + ": change #" +
                             std::to_string(o->number) + " was requested at " +
                             std::to_string(o->time) + "s without its signature");
      }
      case Step::Kind::kEvent:
        return violation(kId, index, what() + " by the event " + step_label(world, step));
    }
    return std::nullopt;
  }

  OriginLog origins_;
};

}  // namespace

Entry protected_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<ProtectedChecker>(); }};
}

}  // namespace reclaim::inv
