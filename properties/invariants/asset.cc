// ASSET: assets leave only by an authorized request, never before their lock ends; in
// `vault`, only after the delay and if not clawed back, or to the recovery path by a sweep;
// swept value never leaves the recovery path.
//
// Precisely: whenever an asset's amount is lower after a step than before (a vanished asset
// counts as amount 0), with `now` the step's time:
//   - never while the asset is locked (now < its locked_until in the state before) nor while
//     the identity is locked (now < the identity's locked_until before), except by a sweep;
//   - at a request step, either an accepted sweep of that asset (the policy has a sweep) that
//     moved exactly that amount to the asset's swept value, signed by a registered recovery
//     device of the identity unless the policy lets anyone sweep (R-AST-7, R-AST-8); or the request is an accepted transfer of that asset for exactly the
//     amount that left, the policy has no withdrawal delay (with one — a vault — assets leave
//     only through a delayed withdrawal), and it carries a verified signature of a registered
//     device of the identity, of a live front-end session where sessions manage devices, or of
//     a live app delegation (R-SES-5) — and, where
//     the policy has guardians co-sign transfers, of ceil(n/2) of the identity's n guardians
//     unless the recipient is a trusted contact: one that an earlier accepted add-contact,
//     signed by a registered device of the identity, named, trusted from that request's time
//     when ceil(n/2) guardians co-signed it and else once policy.contact_delay has passed
//     under the policy's boundary (strict: from its time + delay + 1 s) (R-AST-10);
//   - at a tick step: the amount that left equals the sum of the matured withdrawals of that
//     asset in this tick, each created by a recorded pending request that was so authorized,
//     made at least policy.withdrawal_delay before this tick, with no accepted clawback of
//     that asset on that identity after the withdrawal request (a clawback cancels every
//     withdrawal of the asset pending at that time);
//   - an event step never moves assets;
//   - after every step every asset's amount is at least 0 and no higher than before it
//     (nothing adds to an asset: a request may move at most the balance, never a negative
//     amount, R-AST-1);
//   - and at no step does an asset's swept value go down (nor the asset vanish while it holds
//     swept value).
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "ASSET";
constexpr std::string_view kStatement =
    "An asset's amount is lowered only by an accepted sweep, where the policy has one, signed "
    "by a recovery device unless anyone may sweep, that moved exactly that amount to the "
    "asset's swept value; or, when neither the asset nor the identity is locked, by an "
    "accepted transfer of exactly that amount, under a policy without withdrawal delay, signed "
    "by a registered device (or a live managing session, or a live app delegation) and, where "
    "guardians co-sign transfers, by ceil(n/2) of the n guardians unless its recipient is a "
    "trusted contact (named by an earlier accepted add-contact signed by a registered device, "
    "trusted from then with ceil(n/2) guardians co-signing it, else from the contact delay "
    "later), or at a tick by matured "
    "withdrawals summing to that amount, each requested by such an authorized request at least "
    "the withdrawal delay earlier and not followed by an accepted clawback of the asset. Event "
    "steps never move assets. No asset's amount is ever below 0 or higher than before a step. "
    "Swept value never goes down.";

struct Clawback {
  IdentityId identity = kNone;
  uint32_t asset = 0;
  std::size_t index = 0;
};

// A recipient an accepted, device-signed add-contact trusted, from `from` on.
struct Trusted {
  IdentityId identity = kNone;
  ActorId actor = kNone;
  Time from = 0;
};

int64_t amount_of(const Identity& id, uint32_t asset) {
  const Asset* a = id.asset(asset);
  return a == nullptr ? 0 : a->amount;
}

class AssetChecker final : public CheckerOf<AssetChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    origins_.digest_into(b);
    b.add(clawbacks_.size());
    for (const Clawback& c : clawbacks_) {
      b.add(c.identity);
      b.add(c.asset);
      b.index(c.index);
    }
    b.add(trusted_.size());
    for (const Trusted& t : trusted_) {
      b.add(t.identity);
      b.add(t.actor);
      b.add(static_cast<uint64_t>(t.from));
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
        if (step.verdict == Verdict::kPending)
          for_new_pending(*b, *a, [&](const PendingChange& c) {
            if (c.op != Op::kWithdraw) return;
            Origin o = make_origin(step, index, *b, *a, c.number, world.owner_of(b->id));
            record_signers(o, step, *b, p);
            origins_.add(o, step.after);
          });
        if (step.request.op == Op::kClawback && step.verdict == Verdict::kAccepted)
          clawbacks_.push_back({b->id, step.request.args.asset, index});
        if (step.request.op == Op::kAddContact && step.verdict == Verdict::kAccepted) {
          const Verified v = verify_signers(p, *b, step.request, step.time);
          if (!v.devices.empty()) {
            const bool cosigned = v.guardians.size() >= (b->guardians.size() + 1) / 2;
            const Time later =
                step.time + p.contact_delay + (p.boundary == Boundary::kStrict ? 1 : 0);
            trusted_.push_back({b->id, step.request.args.actor, cosigned ? step.time : later});
          }
        }
      }
    }
    for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
      const Identity& before = step.before.identities[k];
      const Identity* after = identity_at(step.after, before.id, k);
      if (after == nullptr || before.assets == after->assets) continue;
      for (const Asset& now : after->assets) {  // R-AST-1: at most the balance, never less than 0
        const Asset* was = before.asset(now.id);
        if (now.amount < 0 || (was != nullptr && now.amount > was->amount))
          return violation(kId, index,
                           world.asset_name(now.id) + " of " + world.identity_name(before.id) +
                               (now.amount < 0 ? " went below 0 (" : " rose (") +
                               std::to_string(now.amount) + ") at " + step_label(world, step));
      }
      for (const Asset& asset : before.assets) {
        const Asset* now = after->asset(asset.id);
        if (asset.swept > 0 && (now == nullptr || now->swept < asset.swept))
          return violation(kId, index,
                           "swept value of " + world.asset_name(asset.id) + " in " +
                               world.identity_name(before.id) + " went down at " +
                               step_label(world, step));
        const int64_t left = asset.amount - amount_of(*after, asset.id);
        if (left <= 0) continue;
        auto what = [&] {  // the violation's opening words, built only for a violation
          return std::to_string(left) + " of " + world.asset_name(asset.id) + " left " +
                 world.identity_name(before.id) + " at " + step_label(world, step);
        };
        const bool swept = step.kind == Step::Kind::kRequest && effective(step) &&
                           step.request.op == Op::kSweep;
        if (swept) {
          if (auto v = judge_sweep(world, step, index, before, asset, now, left, what)) return v;
          continue;
        }
        if (step.time < asset.locked_until)
          return violation(
              kId, index,
              what() + " before its lock ends at " + std::to_string(asset.locked_until) + "s");
        if (step.time < before.locked_until)
          return violation(kId, index, what() + " while the identity is locked");
        if (auto v = judge(world, step, index, before, asset.id, left, what)) return v;
      }
    }
    return std::nullopt;
  }

 private:
  // A sweep moves value to the asset's recovery path (R-AST-7): exactly what left the amount
  // arrives as swept value, under a policy with a sweep, signed as its sweep right says.
  template <typename Label>
  std::optional<Violation> judge_sweep(const World& world, const Step& step, std::size_t index,
                                       const Identity& before, const Asset& asset,
                                       const Asset* now, int64_t left, const Label& what) const {
    const Policy& p = world.policy();
    const Request& r = step.request;
    if (r.args.asset != asset.id || p.sweep == SweepRight::kNone)
      return violation(kId, index, what() + ": a sweep of another asset or of none");
    if (now == nullptr || now->swept - asset.swept != left)
      return violation(kId, index, what() + ": a sweep that did not keep it on the recovery path");
    if (p.sweep == SweepRight::kRecoveryDevice &&
        !has_recovery(before, verify_signers(p, before, r, step.time)))
      return violation(kId, index, what() + ": a sweep without a recovery device's signature");
    return std::nullopt;
  }

  template <typename Label>  // Label: () -> std::string, the violation's opening words
  std::optional<Violation> judge(const World& world, const Step& step, std::size_t index,
                                 const Identity& before, uint32_t asset, int64_t left,
                                 const Label& what) const {
    const Policy& p = world.policy();
    switch (step.kind) {
      case Step::Kind::kEvent:
        return violation(kId, index, what());
      case Step::Kind::kRequest: {
        const Request& r = step.request;
        if (!effective(step) || r.op != Op::kTransfer || r.args.asset != asset ||
            r.args.amount != left)
          return violation(kId, index, what() + ": not a transfer of that amount");
        if (p.withdrawal_delay > 0)
          return violation(kId, index,
                           what() + " at once, although withdrawals wait " +
                               std::to_string(p.withdrawal_delay) + "s");
        const Verified v = verify_signers(p, before, r, step.time);
        if (v.devices.empty() && !(v.session && p.session_manages_devices) && !v.app_session)
          return violation(kId, index,
                           what() +
                               " without a device, managing session or app delegation signature");
        if (p.cosign_transfers && v.guardians.size() < (before.guardians.size() + 1) / 2 &&
            !trusted(before.id, r.args.actor, step.time))
          return violation(kId, index,
                           what() + " with " + std::to_string(v.guardians.size()) +
                               " guardian co-signers of " +
                               std::to_string(before.guardians.size()) + " guardians");
        return std::nullopt;
      }
      case Step::Kind::kTick: {
        int64_t matured = 0;
        std::optional<Violation> bad;
        for_events(step, before.id, [&](const Matured& m) {
          if (bad || m.event != TickEvent::kMatured || m.change.op != Op::kWithdraw ||
              m.change.args.asset != asset)
            return;
          matured += m.change.args.amount;
          const Origin* o = origins_.find(before.id, m.change.requested_by);
          if (o == nullptr) {
            bad = violation(kId, index, what() + " by a withdrawal no recorded request created");
          } else if (!o->authorized) {
            bad = violation(kId, index, what() + " by an unauthorized withdrawal request");
          } else if (step.time - o->time < p.withdrawal_delay) {
            bad = violation(kId, index,
                            what() + ": withdrawal requested at " + std::to_string(o->time) +
                                "s waited less than " + std::to_string(p.withdrawal_delay) + "s");
          } else {
            for (const Clawback& c : clawbacks_)
              if (c.identity == before.id && c.asset == asset && c.index > o->index)
                bad = violation(kId, index,
                                what() + ": withdrawal requested at step " +
                                    std::to_string(o->index) + " was clawed back at step " +
                                    std::to_string(c.index));
          }
        });
        if (bad) return bad;
        if (matured != left)
          return violation(kId, index,
                           what() + " but matured withdrawals total " + std::to_string(matured));
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // Was `actor` a trusted contact of `identity` at `time` (R-AST-10), as recorded here?
  bool trusted(IdentityId identity, ActorId actor, Time time) const {
    for (const Trusted& t : trusted_)
      if (t.identity == identity && t.actor == actor && time >= t.from) return true;
    return false;
  }

  OriginLog origins_;
  std::vector<Clawback> clawbacks_;
  std::vector<Trusted> trusted_;
};

}  // namespace

Entry asset_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<AssetChecker>(); }};
}

}  // namespace reclaim::inv
