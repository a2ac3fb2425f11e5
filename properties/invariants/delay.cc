// DELAY: a recovery device leaves an identity only through a pending change that was
// notified and uncancelled for at least the removal delay in force when it was requested.
//
// Precisely: whenever a device that is a registered recovery device in the state before a
// step is absent after it (removed or replaced) or no longer a recovery device:
//   - at a request step this is a violation (it left at once), except for a completed
//     social recovery (below);
//   - at a tick step there must be a matured remove/replace change of that device whose
//     creating request was recorded earlier in the trace (found by requested_by) such that:
//     the request step appended a notification carrying the change's number; the change was
//     still pending (same number and origin) in the state just before it matured, i.e. it
//     was not cancelled (change numbers are never reused, BOUNDS checks that); and the time
//     from the request step to this tick is at least the identity's removal delay in the
//     state before the request step (the delay in force when it was requested);
//   - an event step never removes a device.
// A completed social recovery (the recovery's new device arrives and the recovery ends, at a
// tick or an approving request) replaces every device; `social` has it do so "after the
// removal delay", so it is accepted when the start of that recovery was recorded in the
// trace, the start appended a notification carrying the start request's digest, and at least
// the removal delay in force at the start has passed since.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "DELAY";
constexpr std::string_view kStatement =
    "A registered recovery device leaves an identity (removed, replaced or re-purposed) only "
    "at a tick, by a matured remove/replace change whose recorded request notified the owner "
    "with the change's number, which was still pending just before maturing, and which "
    "matured at least the removal delay in force at its request after the request; or by a "
    "completed social recovery whose start was notified and happened at least the removal "
    "delay in force at the start before. Request and event steps never make one leave.";

bool removes(Op op) { return op == Op::kRemoveDevice || op == Op::kReplaceDevice; }

class DelayChecker final : public CheckerOf<DelayChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    origins_.digest_into(b);
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
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
      const bool completed = recovery_completed(before, *after);
      for (const Device& d : before.devices) {
        if (d.purpose != Purpose::kRecovery) continue;
        const Device* now = after->device(d.id);
        if (now != nullptr && now->purpose == Purpose::kRecovery) continue;
        if (completed) {
          if (auto v = judge_recovery(world, step, index, before, d)) return v;
          break;  // one judgment covers every device the recovery replaced
        }
        if (auto v = judge(world, step, index, before, d)) return v;
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<Violation> judge_recovery(const World& world, const Step& step, std::size_t index,
                                          const Identity& before, const Device& d) {
    auto what = [&] {  // the violation's opening words, built only for a violation
      return "recovery device " + device_label(world, d.id) +
             " replaced by a completed social recovery at " + step_label(world, step);
    };
    const Origin* o = origins_.find(before.id, before.recovery.started_by);
    if (o == nullptr) return violation(kId, index, what() + " whose start is not in the trace");
    if (!o->notified) return violation(kId, index, what() + ": its start was never notified");
    if (step.time - o->time < o->removal_delay)
      return violation(kId, index,
                       what() + ": started at " + std::to_string(o->time) + "s, " +
                           std::to_string(step.time - o->time) + "s < removal delay " +
                           std::to_string(o->removal_delay) + "s");
    return std::nullopt;
  }

  std::optional<Violation> judge(const World& world, const Step& step, std::size_t index,
                                 const Identity& before, const Device& d) {
    auto what = [&] {  // the violation's opening words, built only for a violation
      return "recovery device " + device_label(world, d.id) + " left at " + step_label(world, step);
    };
    if (step.kind != Step::Kind::kTick)
      return violation(kId, index, what() + " at once, without a pending change");
    const Matured* cause = nullptr;
    for_events(step, before.id, [&](const Matured& m) {
      if (m.event == TickEvent::kMatured && removes(m.change.op) && m.change.args.device == d.id)
        cause = &m;
    });
    if (cause == nullptr) return violation(kId, index, what() + " with no matured change of it");
    const Origin* o = origins_.find(before.id, cause->change.requested_by);
    if (o == nullptr)
      return violation(kId, index, what() + " by a change no recorded request created");
    auto change = [&] {
      return " change #" + std::to_string(o->number) + " (requested at " + std::to_string(o->time) +
             "s)";
    };
    if (!o->notified) return violation(kId, index, what() + ":" + change() + " was never notified");
    const PendingChange* c = pending_number(before, o->number);
    if (c == nullptr || c->requested_by != o->digest)
      return violation(kId, index, what() + ":" + change() + " was no longer pending");
    if (step.time - o->time < o->removal_delay)
      return violation(kId, index,
                       what() + ":" + change() + " waited " + std::to_string(step.time - o->time) +
                           "s < removal delay " + std::to_string(o->removal_delay) + "s");
    return std::nullopt;
  }

  OriginLog origins_;
};

}  // namespace

Entry delay_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<DelayChecker>(); }};
}

}  // namespace reclaim::inv
