// NOTIFY: every security change notifies the owner no later than it takes effect.
//
// Precisely: a security change of an identity at a step is any difference between the
// states before and after in: its devices (one added, removed, or changed in any field —
// purpose, protection, key, kind), its removal delay, its guardians (set, weights, follows) or
// guardian threshold, a recovery started (running after, not before or with another start
// digest), or an asset's amount lowered (or the asset gone). For each:
//   - at a request step, the step appended to that identity's notifications (seq above the
//     count before) a notification carrying the request's digest;
//   - at a tick step, each change is explained by a matured event of that identity whose
//     creation was notified no later: a removed/changed device by a matured remove, replace or
//     unprotect of it; an added device by a matured replace adding it; the delay by a matured
//     set-removal-delay to the new value; an added/removed guardian by a matured add/remove of
//     that guardian, a new threshold by a matured set-guardian-threshold to it, other guardian
//     changes (follows cleared) by a matured remove-guardian; a lowered asset by matured
//     withdrawals of it — where "notified" means the request step that created the pending
//     change appended a notification carrying its number. A device set replaced by a completed
//     social recovery is explained by that recovery's start, which must have appended a
//     notification carrying the start request's digest. A tick never starts a recovery;
//   - an event step never makes a security change.
// And every notification is an accurate account of its request: a notification appended at a
// step (seq above the identity's count before) was appended by a request step on that
// identity that the protocol accepted or made pending, at the step's time, with the request's
// op and digest, and naming as its change the pending change the request created — the
// change a cancel-pending names, for a cancel; 0 otherwise. (The reactive owner acts on the
// change a notification names: a wrong number cancels the wrong change.) Ticks and events
// append none.
// A policy without notifications therefore violates NOTIFY at its first security change: the
// checker judges the protocol's behaviour, not what the policy intended.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "NOTIFY";
constexpr std::string_view kStatement =
    "Every security change of an identity (devices added, removed or changed; removal delay; "
    "guardians or guardian threshold; a recovery started; an asset amount lowered) is "
    "notified no later than it takes effect: a request step that makes it appends a "
    "notification carrying the request's digest; a tick makes it only through matured "
    "changes (or a completed recovery) whose creating request (or start) appended a "
    "notification carrying the change number (or the start's digest); event steps make none. "
    "Every notification is accurate: only an accepted or pending request appends one, to its "
    "own identity, at the step's time, with its op and digest, naming the pending change it "
    "created (the change a cancel names; else 0).";

bool recovery_started(const Identity& before, const Identity& after) {
  return after.recovery.active &&
         (!before.recovery.active || before.recovery.started_by != after.recovery.started_by);
}

int64_t amount_of(const Identity& id, uint32_t asset) {
  const Asset* a = id.asset(asset);
  return a == nullptr ? 0 : a->amount;
}

bool assets_lowered(const Identity& before, const Identity& after) {
  for (const Asset& a : before.assets)
    if (amount_of(after, a.id) < a.amount) return true;
  return false;
}

// The change number an accurate notification of request step `step` names on identity
// before -> after: the pending change the request created, the change a cancel names, else 0.
uint32_t expected_change(const Step& step, const Identity& before, const Identity& after) {
  uint32_t created = 0;
  for_new_pending(before, after, [&](const PendingChange& c) { created = c.number; });
  if (created != 0) return created;
  return step.request.op == Op::kCancel ? step.request.args.number : 0;
}

// Every notification appended at `step` is an accurate account of its request (see above).
std::optional<Violation> judge_notifications(const World& world, const Step& step,
                                             std::size_t index) {
  for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
    const Identity& before = step.before.identities[k];
    const Identity* after = identity_at(step.after, before.id, k);
    if (after == nullptr) continue;
    for (const Notification& n : after->notifications) {
      if (n.seq <= before.notification_count) continue;
      const std::string head = "notification #" + std::to_string(n.seq) + " of " +
                               world.identity_name(before.id) + " appended at " +
                               step_label(world, step);
      if (step.kind != Step::Kind::kRequest || step.request.identity != before.id ||
          step.verdict == Verdict::kRejected)
        return violation(kId, index, head + ": not by an accepted or pending request on it");
      if (n.at != step.time)
        return violation(kId, index, head + " says it happened at " + std::to_string(n.at) + "s");
      if (n.op != step.request.op || n.request != digest_of(step.request))
        return violation(kId, index, head + " names another request");
      const uint32_t want = expected_change(step, before, *after);
      if (n.change != want)
        return violation(kId, index,
                         head + " names change " + std::to_string(n.change) + ", not " +
                             std::to_string(want));
    }
  }
  return std::nullopt;
}

class NotifyChecker final : public CheckerOf<NotifyChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    origins_.digest_into(b);
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (auto v = judge_notifications(world, step, index)) return v;
    if (effective(step)) {
      const Identity* b = step.before.identity(step.request.identity);
      const Identity* a = step.after.identity(step.request.identity);
      if (b != nullptr && a != nullptr) {
        const ActorId owner = world.owner_of(b->id);
        if (step.verdict == Verdict::kPending)
          for_new_pending(*b, *a, [&](const PendingChange& c) {
            origins_.add(make_origin(step, index, *b, *a, c.number, owner), step.after);
          });
        if (started_recovery(step, *b, *a))
          origins_.add(make_origin(step, index, *b, *a, 0, owner), step.after);
      }
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after == nullptr) continue;
      const bool devices = !same(before.devices, after->devices);
      const bool delay = before.removal_delay != after->removal_delay;
      const bool guardians = before.guardian_threshold != after->guardian_threshold ||
                             !same(before.guardians, after->guardians);
      const bool started = recovery_started(before, *after);
      const bool assets = before.assets != after->assets && assets_lowered(before, *after);
      if (!devices && !delay && !guardians && !started && !assets) continue;
      // The violation text, built only when there is one.
      auto what = [&] {
        std::string w = "security change of " + world.identity_name(before.id) + " (";
        w += devices ? "devices " : "";
        w += delay ? "removal-delay " : "";
        w += guardians ? "guardians " : "";
        w += started ? "recovery-started " : "";
        w += assets ? "assets " : "";
        w.back() = ')';
        return w + " at " + step_label(world, step);
      };
      switch (step.kind) {
        case Step::Kind::kRequest: {
          const Digest d = digest_of(step.request);
          if (new_notification(before, *after,
                               [d](const Notification& n) { return n.request == d; }) == nullptr)
            return violation(kId, index, what() + " without a notification of the request");
          break;
        }
        case Step::Kind::kEvent:
          return violation(kId, index, what());
        case Step::Kind::kTick:
          if (started) return violation(kId, index, what() + ": a tick started a recovery");
          if (auto v =
                  judge_tick(step, index, before, *after, devices, delay, guardians, assets, what))
            return v;
          break;
      }
    }
    return std::nullopt;
  }

 private:
  // Is there a matured change of `identity` in this tick that `match` accepts and whose
  // creation was notified? Sets `unnotified` when one matches but was not notified.
  template <typename Match>
  bool explained(const Step& step, IdentityId identity, Match match, bool* unnotified) const {
    bool found = false;
    for_events(step, identity, [&](const Matured& m) {
      if (found || m.event != TickEvent::kMatured || !match(m.change)) return;
      const Origin* o = origins_.find(identity, m.change.requested_by);
      if (o != nullptr && o->notified) {
        found = true;
      } else {
        *unnotified = true;
      }
    });
    return found;
  }

  template <typename Label>  // Label: () -> std::string, the violation's opening words
  std::optional<Violation> judge_tick(const Step& step, std::size_t index, const Identity& before,
                                      const Identity& after, bool devices, bool delay,
                                      bool guardians, bool assets, const Label& what) const {
    bool unnotified = false;
    auto fail = [&](const std::string& part) {
      return violation(kId, index,
                       what() + ": " + part +
                           (unnotified ? " matured from an unnotified (or unrecorded) request"
                                       : " with no matured change explaining it"));
    };
    if (devices) {
      if (recovery_completed(before, after)) {
        const Origin* o = origins_.find(before.id, before.recovery.started_by);
        if (o == nullptr || !o->notified)
          return violation(kId, index,
                           what() + ": the completed recovery's start was not notified");
      } else {
        for (const Device& d : before.devices) {
          const Device* now = after.device(d.id);
          if (now != nullptr && same(*now, d)) continue;
          const DeviceId id = d.id;
          if (!explained(
                  step, before.id,
                  [id](const PendingChange& c) {
                    return (c.op == Op::kRemoveDevice || c.op == Op::kReplaceDevice ||
                            c.op == Op::kUnprotect) &&
                           c.args.device == id;
                  },
                  &unnotified))
            return fail("device #" + std::to_string(id) + " removed or changed");
        }
        for (const Device& d : after.devices) {
          if (has_device(before, d.id)) continue;
          const DeviceId id = d.id;
          if (!explained(
                  step, before.id,
                  [id](const PendingChange& c) {
                    return c.op == Op::kReplaceDevice && c.args.device2 == id;
                  },
                  &unnotified))
            return fail("device #" + std::to_string(id) + " added");
        }
      }
    }
    if (delay) {
      const Duration now = after.removal_delay;
      if (!explained(
              step, before.id,
              [now](const PendingChange& c) {
                return c.op == Op::kSetRemovalDelay && c.args.duration == now;
              },
              &unnotified))
        return fail("removal delay changed");
    }
    if (guardians) {
      for (const Guardian& g : before.guardians) {
        if (after.guardian(g.actor) != nullptr) continue;
        const ActorId a = g.actor;
        if (!explained(
                step, before.id,
                [a](const PendingChange& c) {
                  return c.op == Op::kRemoveGuardian && c.args.actor == a;
                },
                &unnotified))
          return fail("guardian removed");
      }
      for (const Guardian& g : after.guardians) {
        const Guardian* old = before.guardian(g.actor);
        const ActorId a = g.actor;
        if (old == nullptr) {
          if (!explained(
                  step, before.id,
                  [a](const PendingChange& c) {
                    return c.op == Op::kAddGuardian && c.args.actor == a;
                  },
                  &unnotified))
            return fail("guardian added");
        } else if (!same(*old, g)) {
          if (!explained(
                  step, before.id,
                  [](const PendingChange& c) { return c.op == Op::kRemoveGuardian; }, &unnotified))
            return fail("guardian changed");
        }
      }
      if (before.guardian_threshold != after.guardian_threshold) {
        const uint32_t t = after.guardian_threshold;
        if (!explained(
                step, before.id,
                [t](const PendingChange& c) {
                  return c.op == Op::kSetGuardianThreshold && c.args.number == t;
                },
                &unnotified))
          return fail("guardian threshold changed");
      }
    }
    if (assets) {
      for (const Asset& a : before.assets) {
        if (amount_of(after, a.id) >= a.amount) continue;
        const uint32_t id = a.id;
        if (!explained(
                step, before.id,
                [id](const PendingChange& c) {
                  return c.op == Op::kWithdraw && c.args.asset == id;
                },
                &unnotified))
          return fail("asset lowered");
      }
    }
    return std::nullopt;
  }

  OriginLog origins_;
};

}  // namespace

Entry notify_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<NotifyChecker>(); }};
}

}  // namespace reclaim::inv
