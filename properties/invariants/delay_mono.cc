// DELAY-MONO: a decrease of the removal delay takes effect only after the old delay.
//
// Precisely: whenever an identity's removal delay is lower after a step than before it:
//   - the step is a tick (a request or event step never lowers it);
//   - the tick matured a set-removal-delay change of that identity to exactly the new value;
//   - and every set-removal-delay change of that identity maturing in this tick was created
//     by a request recorded earlier in the trace (found by requested_by) at least the "old
//     delay" before this tick, the old delay being the identity's removal delay in the state
//     before that request step (the delay the decrease is measured from);
//   - and no step after that request raised the identity's removal delay above that old
//     delay: such a raise drops the decreases asked under the weaker delay (R-TL-11), so a
//     decrease that matures after it would undo it after the old, shorter wait. (A matured
//     decrease may itself raise the delay again, back toward a value no higher than the old
//     one; that raise asks no stronger wait and ends nothing.)
// Reading chosen: the old delay is the one in force when the decrease was requested, which is
// what R-TL-3 promises; a raise above it ends every decrease requested before it.
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "DELAY-MONO";
constexpr std::string_view kStatement =
    "An identity's removal delay is lowered only at a tick, by a matured set-removal-delay "
    "change to exactly the new value, and every set-removal-delay change maturing then was "
    "requested (by a request recorded in the trace) at least the removal delay in force at "
    "that request before the tick, and no later step raised the delay above that old delay (such "
    "a raise ends the decreases requested before it).";

class DelayMonoChecker final : public CheckerOf<DelayMonoChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    origins_.digest_into(b);
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (step.kind == Step::Kind::kRequest && step.verdict == Verdict::kPending) {
      const Identity* b = step.before.identity(step.request.identity);
      const Identity* a = step.after.identity(step.request.identity);
      if (b != nullptr && a != nullptr)
        for_new_pending(*b, *a, [&](const PendingChange& c) {
          if (c.op == Op::kSetRemovalDelay)
            origins_.add(make_origin(step, index, *b, *a, c.number, world.owner_of(b->id)),
                         step.after);
        });
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after != nullptr && after->removal_delay > before.removal_delay)
        raises_.push_back({before.id, index, after->removal_delay});
      if (after == nullptr || after->removal_delay >= before.removal_delay) continue;
      auto what = [&] {  // the violation's opening words, built only for a violation
        return "removal delay of " + world.identity_name(before.id) + " lowered from " +
               std::to_string(before.removal_delay) + "s to " +
               std::to_string(after->removal_delay) + "s at " + step_label(world, step);
      };
      if (step.kind != Step::Kind::kTick) return violation(kId, index, what() + " at once");
      bool explained = false;
      std::optional<Violation> bad;
      for_events(step, before.id, [&](const Matured& m) {
        if (bad || m.event != TickEvent::kMatured || m.change.op != Op::kSetRemovalDelay) return;
        if (m.change.args.duration == after->removal_delay) explained = true;
        const Origin* o = origins_.find(before.id, m.change.requested_by);
        if (o == nullptr) {
          bad = violation(kId, index, what() + " by a change no recorded request created");
        } else if (step.time - o->time < o->removal_delay) {
          bad = violation(kId, index,
                          what() + ": requested at " + std::to_string(o->time) + "s, waited " +
                              std::to_string(step.time - o->time) + "s < old delay " +
                              std::to_string(o->removal_delay) + "s");
        } else if (const Raise* r = raise_above(before.id, o->index, o->removal_delay)) {
          bad = violation(kId, index,
                          what() + ": requested at step " + std::to_string(o->index) +
                              " under a delay of " + std::to_string(o->removal_delay) +
                              "s, before the raise to " + std::to_string(r->to) + "s at step " +
                              std::to_string(r->index) + " (R-TL-11)");
        }
      });
      if (bad) return bad;
      if (!explained)
        return violation(kId, index, what() + " with no matured change to that value");
    }
    return std::nullopt;
  }

 private:
  struct Raise {
    IdentityId identity = kNone;
    std::size_t index = 0;  // the step that raised the removal delay
    Duration to = 0;        // to this value
  };
  // The first raise of `identity`'s removal delay after step `after` to above `old`, if any.
  const Raise* raise_above(IdentityId identity, std::size_t after, Duration old) const {
    for (const Raise& r : raises_)
      if (r.identity == identity && r.index > after && r.to > old) return &r;
    return nullptr;
  }

  OriginLog origins_;
  std::vector<Raise> raises_;  // every raise in the trace, in order (one per raising step)
};

}  // namespace

Entry delay_mono_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<DelayMonoChecker>(); }};
}

}  // namespace reclaim::inv
