// The reactive owner's strategy (see reactive_owner.h).
#include "sim/reactive_owner.h"

#include <algorithm>

#include "sim/world.h"

namespace reclaim {

void ReactiveOwners::add(const Reaction& r, std::size_t inbox_size) {
  reactions_.push_back(r);
  cursor_.push_back(inbox_size);
}

Time ReactiveOwners::next(const World& w) const {
  Time best = kNever;
  for (const Reaction& r : reactions_)
    for (const Identity& id : w.state().identities)
      if (id.id <= kMaxIdentities && w.owner_of(id.id) == r.owner && id.recovery.active) {
        const VetoPlan& plan = veto_plan_[id.id];
        // A plan she holds no recovery device for waits until she holds one again.
        bool can_sign = false;
        for (const Device& d : id.devices)
          can_sign |= d.purpose == Purpose::kRecovery && w.holds(r.owner, d.id);
        if (plan.recovery == id.recovery.started_by && !plan.done && can_sign)
          best = std::min(best, plan.since + r.within);
      }
  const auto& inbox = w.inbox();
  for (std::size_t i = 0; i < reactions_.size(); ++i) {
    const Reaction& r = reactions_[i];
    // The inbox is in time order, so the first relevant entry is the earliest.
    for (std::size_t k = cursor_[i]; k < inbox.size(); ++k) {
      const auto& [iid, n] = inbox[k];
      if (w.owner_of(iid) != r.owner || w.sent_by_owner(n.request)) continue;
      best = std::min(best, n.at + r.within);
      break;
    }
  }
  return best;
}

void ReactiveOwners::run(World& w) {
  for (std::size_t i = 0; i < reactions_.size(); ++i) {
    const Reaction r = reactions_[i];
    // Reactions append owner requests (and so notifications) to the inbox; the owner's own
    // requests are never reacted to, so this loop ends. The guard bounds it regardless.
    for (std::size_t guard = 0; guard < 4096 && cursor_[i] < w.inbox().size(); ++guard) {
      const auto [iid, n] = w.inbox()[cursor_[i]];
      if (w.owner_of(iid) != r.owner || w.sent_by_owner(n.request)) {
        ++cursor_[i];
        continue;
      }
      if (n.at + r.within > w.now()) break;  // not due yet; later entries are later still
      ++cursor_[i];
      if (w.state().identity(iid) != nullptr) react(w, r, iid, n);
    }
    veto_foreign_recoveries(w, r);
  }
}

uint64_t ReactiveOwners::future_hash(const World& w) const {
  uint64_t h = mix_word(0, reactions_.size());
  const auto& inbox = w.inbox();
  for (std::size_t i = 0; i < reactions_.size(); ++i) {
    const Reaction& r = reactions_[i];
    h = mix_word(mix_word(h, r.owner), static_cast<uint64_t>(r.within));
    h = mix_word(h, inbox.size() - cursor_[i]);
    for (std::size_t k = cursor_[i]; k < inbox.size(); ++k) {
      const auto& [iid, n] = inbox[k];
      h = mix_word(mix_word(h, iid), n.seq);
      h = mix_word(mix_word(h, static_cast<uint64_t>(n.at)), static_cast<uint64_t>(n.op));
      h = mix_word(mix_word(mix_word(h, n.device), n.change), n.request);
      h = mix_word(h, w.sent_by_owner(n.request));
      if (const Request* req = w.sent_request(n.request))
        for (const SignatureEntry& e : req->signers)
          h = mix_word(mix_word(h, static_cast<uint64_t>(e.kind)), e.id);
    }
  }
  for (const Identity& id : w.state().identities) {
    if (id.id > kMaxIdentities || !id.recovery.active) continue;
    const VetoPlan& plan = veto_plan_[id.id];
    if (plan.recovery != id.recovery.started_by) continue;  // replaced at the next look
    h = mix_word(mix_word(mix_word(h, id.id), plan.mine), static_cast<uint64_t>(plan.since));
    h = mix_word(h, plan.done);
  }
  return h;
}

// A recovery the owner did not start is vetoed (even one meant for her: its new key may be
// taken before it completes) within rho of her holding a recovery device to veto with —
// also when she gained that device only after the start was notified (a pending replacement
// of a stolen phrase matures while the recovery runs).
void ReactiveOwners::veto_foreign_recoveries(World& w, const Reaction& r) {
  for (std::size_t k = 0; k < w.state().identities.size(); ++k) {
    const Identity& id = w.state().identities[k];
    if (w.owner_of(id.id) != r.owner || id.id > kMaxIdentities || !id.recovery.active) continue;
    if (w.sent_by_owner(id.recovery.started_by)) continue;
    std::vector<DeviceId> signers;
    uint64_t mine = 0;
    for (const Device& d : id.devices)
      if (d.purpose == Purpose::kRecovery && w.holds(r.owner, d.id)) {
        signers.push_back(d.id);
        mine |= uint64_t{1} << (d.id - 1);
      }
    if (mine == 0) continue;
    VetoPlan& plan = veto_plan_[id.id];
    if (plan.recovery != id.recovery.started_by || plan.mine != mine)
      plan = {id.recovery.started_by, mine, w.now(), false};
    if (plan.done || w.now() < plan.since + r.within) continue;
    plan.done = true;
    if (signers.size() > kMaxSigners) signers.resize(kMaxSigners);
    const IdentityId iid = id.id;
    (void)w.submit_impl(r.owner, iid, Op::kVetoRecovery, Args{}, SignWith{signers, false, false},
                        kNone, true);
    return;  // the state changed; the next pass looks again
  }
}

// Cancel what I did not request, veto a recovery I did not start, and remove every device
// that signed it and every device I do not hold (a protected one I hold signing its own
// removal).
void ReactiveOwners::react(World& w, const Reaction& r, IdentityId iid, const Notification& n) {
  auto held_devices = [&]() {
    std::vector<DeviceId> held;
    const Identity* id = w.state().identity(iid);
    for (const Device& d : id->devices)
      if (d.purpose == Purpose::kRecovery && w.holds(r.owner, d.id)) held.push_back(d.id);
    for (const Device& d : id->devices)
      if (d.purpose != Purpose::kRecovery && w.holds(r.owner, d.id)) held.push_back(d.id);
    return held;
  };
  auto sign_set = [&](std::size_t want) {
    std::vector<DeviceId> held = held_devices();
    if (held.size() > want) held.resize(want);
    return held;
  };
  auto send = [&](Op op, const Args& a, std::vector<DeviceId> signers) {
    (void)w.submit_impl(r.owner, iid, op, a, SignWith{std::move(signers), false, false}, kNone,
                        true);
  };
  if (held_devices().empty()) return;

  const Identity* id = w.state().identity(iid);
  if (n.change != 0 && n.op != Op::kCancel) {
    bool still = id->pending.find_if([&](const PendingChange& c) { return c.number == n.change; });
    if (still) {
      Args a;
      a.number = n.change;
      send(Op::kCancel, a, sign_set(1));
    }
  }
  id = w.state().identity(iid);
  if (n.op == Op::kStartRecovery && id->recovery.active && id->recovery.started_by == n.request) {
    send(Op::kVetoRecovery, Args{}, sign_set(kMaxSigners));
  }
  // Devices the owner does not hold first (under two-factor, removing a copied device the
  // owner still holds first could spend the second signature it needs), then the devices
  // that signed the notified request.
  std::vector<DeviceId> to_remove;
  id = w.state().identity(iid);
  for (const Device& d : id->devices)
    if (!w.holds(r.owner, d.id)) to_remove.push_back(d.id);
  // The signers in the device list's order, not the signature list's (which the sender, or
  // an attacker, chose).
  if (const Request* req = w.sent_request(n.request))
    for (const Device& d : id->devices)
      for (const SignatureEntry& e : req->signers)
        if (e.kind == SignerKind::kDevice && e.id == d.id) {
          to_remove.push_back(d.id);
          break;
        }
  for (DeviceId d : to_remove) {
    id = w.state().identity(iid);
    if (id->device(d) == nullptr) continue;
    bool already = id->pending.find_if(
        [d](const PendingChange& c) { return c.op == Op::kRemoveDevice && c.args.device == d; });
    if (already) continue;
    std::vector<DeviceId> signers = sign_set(2);
    if (signers.empty()) return;
    // A protected device leaves only by a request it signed (R-DEV-5): one she holds signs
    // its own removal.
    if (id->device(d)->is_protected && w.holds(r.owner, d) &&
        std::find(signers.begin(), signers.end(), d) == signers.end()) {
      signers.insert(signers.begin(), d);
      signers.resize(std::min<std::size_t>(signers.size(), 2));
    }
    Args a;
    a.device = d;
    if (!w.policy().cosign_device_changes) {
      send(Op::kRemoveDevice, a, signers);
      continue;
    }
    // Where guardians co-sign device changes (R-DEV-12), she asks her honest guardians, as
    // many as the quorum ceil(n/2), keeping at least one device of her own.
    SignWith with{std::move(signers), false, false};
    std::vector<ActorId> honest;
    for (const Guardian& g : id->guardians)
      if (g.actor > kMaxActors || !w.knowledge().colluding[g.actor]) honest.push_back(g.actor);
    const std::size_t quorum = (id->guardians.size() + 1) / 2;
    honest.resize(std::min(honest.size(), quorum));
    while (with.devices.size() > 1 && with.devices.size() + honest.size() > kMaxSigners)
      with.devices.pop_back();
    honest.resize(std::min(honest.size(), kMaxSigners - with.devices.size()));
    with.cosigners = std::move(honest);
    (void)w.submit_impl(r.owner, iid, Op::kRemoveDevice, a, with, kNone, true);
  }
}

}  // namespace reclaim
