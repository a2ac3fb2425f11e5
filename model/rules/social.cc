// Social recovery rules: weighted guardians, following, recovery with owner veto, locks.
// R-SOC-1: social ops exist only where the policy has guardians.
// R-SOC-2: adding or removing a guardian, or changing the guardian threshold, needs an
//          owner device (R-DEV-1 without sessions) and two-factor (R-2FA-1); it waits the
//          policy's guardian-change delay (-1: the removal delay; 0: immediate) and, with a
//          confirmation window, lapses when the window ends (R-TL-6). While the identity is
//          locked, guardians cannot be added (removing is allowed, as in Argent).
// R-SOC-3: a guardian may follow another guardian (its weight goes to the followee) by a
//          request the follower's key signed; a follow that would close a cycle is rejected.
// R-SOC-4: a recovery is started by a guardian (counting as its approval) or, where the
//          policy allows, by an owner device; one recovery at a time (but see R-SOC-15); it is
//          due after the recovery delay (-1: the identity's removal delay), counted from its
//          execution (R-SOC-10), and is notified. Where the policy has a lock period, executing
//          it locks the identity until it is due (or as R-SOC-11 says). Its new device id is
//          unregistered and named by no tentative registration or pending replacement (R-DEV-13).
// R-SOC-5: a guardian approves a running recovery once.
// R-SOC-6: a veto ends a running recovery: by any recovery device, any owner device, or in
//          Argent by ceil((n0+1)/2) votes of owner devices and guardians counted across
//          separate veto requests (n0 = guardians when the recovery started). Only a veto
//          signed after the recovery started counts (its nonce is above the start's). A veto
//          also ends a recovery still waiting for quorum (Candide: the owner invalidates the
//          guardians' confirmations).
// R-SOC-7: quorum: the sum of approving guardian weight reaches the identity's threshold
//          (a follower votes with the guardian it follows, from the moment both the vote and
//          the follow exist; a later re-follow never withdraws it); Argent: ceil(n/2)
//          guardians; Candide: the owner-chosen count.
// R-SOC-8: a recovery due (policy.boundary) with quorum completes — at the tick, or at the
//          approve or follow request that brings quorum after it is due: every device of the
//          identity is replaced by the recovery's new device (a recovery device), pending
//          changes, sessions and registration are cleared and any lock ends.
// R-SOC-9: lock and unlock are guardian-only (never the owner), where the policy has a lock
//          period; a lock lasts the lock period.
// R-SOC-10: the recovery clock. A recovery is executed at its start (clock "start"), or when
//          its approvals first reach quorum (clock "quorum": Argent's and Candide's
//          executeRecovery) — at its start, an approval, a follow, or an immediate guardian or
//          threshold change. Its delay runs from its execution; before it, it is never due.
// R-SOC-11: a recovery's lock (recovery_lock "lock-period", Argent): executing a recovery locks
//          the identity for the lock period, replacing any guardian's lock; the lock ends when
//          the recovery completes or is vetoed, or when the period ends. Guardians can neither
//          unlock it nor replace it with a lock of their own.
// R-SOC-12: where the policy says so (Argent onlyWhenUnlocked / onlyWhenLocked), lock needs an
//          unlocked identity and unlock a locked one.
// R-SOC-13: where the policy says so (Argent confirmGuardianAddition is onlyWhenUnlocked), a
//          guardian addition that is due is not confirmed while the identity is locked: it stays
//          pending and lapses if its window ends first (R-TL-6). Enforced by tick (step.cc).
// R-SOC-14: a bounded threshold (Candide GuardianStorage): a threshold change must keep
//          1 <= threshold <= guardians, and removing a guardian must leave at least threshold
//          guardians — except the last one, whose removal leaves no guardian for the threshold
//          to bind (Candide then sets it to 0; here it stays, the least the next addition may
//          set). Judged at the request and again when a delayed change matures.
// R-SOC-15: replacement (Candide _executeRecovery): where the policy allows it, a start while a
//          recovery runs replaces it when the start's distinct guardian signers are strictly
//          more than the guardians that approved the running one and reach quorum on their own;
//          otherwise it is rejected. Where the policy says so (Argent on Starknet:
//          trigger_escape_owner resets the pending escape), any authorized start replaces it.
// R-SOC-16: where the policy says so (Argent on Starknet: the owner wins ties), an owner's
//          guardian-removal request that passes (pending or immediate) ends a running recovery
//          that guardians started, as a veto would (its lock ends with it); the request's own
//          notification tells the owner.
// R-SOC-17: where the policy says so (Argent on Starknet: a guardian cannot override the
//          owner's escape unless it has expired), a recovery cannot start while a guardian
//          removal is pending and its window has not ended.
// R-SOC-18: where the policy has an escape interval (Argent on Starknet: 12 h between two
//          escape calls of each kind), a recovery start less than that interval after the
//          identity's last accepted start is rejected, and so is a guardian removal less than
//          that interval after its last accepted removal request.
#include "model/rules/common.h"

namespace reclaim::rules {
namespace {

bool owner_device_signed(const Ctx& ctx) { return !ctx.signers.devices.empty(); }

Duration change_delay(const Policy& p, const Identity& id) {
  return p.guardian_change_delay < 0 ? id.removal_delay : p.guardian_change_delay;
}

bool approved_directly(const Identity& id, ActorId a) {
  return id.recovery.approvals.find_if([a](ActorId x) { return x == a; }) != nullptr;
}

// R-SOC-7: a vote is cast when it is made. When a guardian approves, every guardian that
// follows it (directly or through others) approves with it, and keeps that approval even
// if it re-follows later; following a guardian that already voted is voting with it.
void cast_with_followers(Identity& id, ActorId voter) {
  auto add = [&](ActorId a) {
    if (!approved_directly(id, a) && !id.recovery.approvals.full())
      id.recovery.approvals.push_back(a);
  };
  add(voter);
  for (std::size_t round = 0; round < kMaxGuardians; ++round) {
    bool grew = false;
    for (const Guardian& g : id.guardians)
      if (g.follows != kNone && approved_directly(id, g.follows) &&
          !approved_directly(id, g.actor)) {
        add(g.actor);
        grew = true;
      }
    if (!grew) break;
  }
}

// Followers were added when their followee voted (cast_with_followers).
bool counts(const Identity& id, const Guardian& g) { return approved_directly(id, g.actor); }

bool would_cycle(const Identity& id, ActorId follower, ActorId followee) {
  ActorId cur = followee;
  for (std::size_t step = 0; step <= kMaxGuardians && cur != kNone; ++step) {
    if (cur == follower) return true;
    const Guardian* g = id.guardian(cur);
    cur = g == nullptr ? kNone : g->follows;
  }
  return false;
}

uint32_t ceil_half(uint32_t n) { return (n + 1) / 2; }

// R-SOC-10, R-SOC-11: the recovery's delay starts now, and with a lock period so does its lock.
void execute(const Policy& p, Identity& id, Time now) {
  Recovery& rec = id.recovery;
  rec.due_at = now + (p.recovery_delay < 0 ? id.removal_delay : p.recovery_delay);
  if (p.lock_period <= 0) return;
  if (p.recovery_lock == RecoveryLock::kLockPeriod) {
    id.locked_until = now + p.lock_period;
    id.lock_by_recovery = true;
  } else {
    // Locked until the recovery can complete (one second later under a strict boundary).
    id.locked_until = rec.due_at + (p.boundary == Boundary::kStrict ? 1 : 0);
  }
}

// R-SOC-10: under the quorum clock, a recovery still waiting is executed once it has quorum.
void execute_if_quorate(const Policy& p, Identity& id, Time now) {
  if (p.recovery_clock == RecoveryClock::kQuorum && id.recovery.active &&
      id.recovery.due_at == kNever && recovery_quorum(p, id))
    execute(p, id, now);
}

// A vetoed recovery's lock ends (R-SOC-6, R-SOC-11); under a recovery lock only the lock
// the recovery itself set, never a guardian's.
void end_recovery_lock(const Policy& p, Identity& id) {
  if (p.recovery_lock != RecoveryLock::kLockPeriod) {
    id.locked_until = 0;
  } else if (id.lock_by_recovery) {
    id.locked_until = 0;
    id.lock_by_recovery = false;
  }
}

// R-SOC-18: is `now` less than the escape interval after `last`?
bool too_soon(const Policy& p, Time last, Time now) {
  return p.escape_interval > 0 && last != kNoTime && now < last + p.escape_interval;
}

// R-SOC-17: a guardian removal pending and not expired.
bool removal_pending(const Identity& id, Time now) {
  return id.pending.find_if([now](const PendingChange& c) {
    return c.op == Op::kRemoveGuardian && now < c.expires_at;
  }) != nullptr;
}

Outcome guardian_change(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (!owner_device_signed(ctx)) return reject(ctx, original, Reject::kUnauthorized, "R-SOC-2");
  if (r.op == Op::kAddGuardian) {
    if (id.locked_until > ctx.now) return reject(ctx, original, Reject::kLocked, "R-SOC-2");
    if (r.args.actor == kNone || r.args.weight == 0)
      return reject(ctx, original, Reject::kMalformed, "R-SOC-2");
    if (id.guardian(r.args.actor) != nullptr)
      return reject(ctx, original, Reject::kExists, "R-SOC-2");
    if (id.guardians.full()) return reject(ctx, original, Reject::kLimit, "R-SOC-2");
  } else if (r.op == Op::kRemoveGuardian) {
    if (id.guardian(r.args.actor) == nullptr)
      return reject(ctx, original, Reject::kNotFound, "R-SOC-2");
    if (too_soon(p, id.last_guardian_removal, ctx.now))
      return reject(ctx, original, Reject::kLocked, "R-SOC-18");
  } else if (r.args.number == 0) {  // kSetGuardianThreshold
    return reject(ctx, original, Reject::kMalformed, "R-SOC-2");
  }
  if (!threshold_allows(p, id, r.op, r.args))
    return reject(ctx, original, Reject::kThreshold, "R-SOC-14");
  if (!two_factor_ok(ctx)) return reject(ctx, original, Reject::kTwoFactor, "R-2FA-1");
  if (r.op == Op::kRemoveGuardian) {
    if (p.escape_interval > 0) id.last_guardian_removal = ctx.now;  // R-SOC-18
    if (p.removal_ends_recovery && id.recovery.active && !id.recovery.owner_started) {
      id.recovery = Recovery{};  // R-SOC-16
      end_recovery_lock(p, id);
    }
  }
  const Duration delay = change_delay(p, id);
  if (delay > 0) {
    const Time expires =
        p.guardian_change_window > 0 ? ctx.now + delay + p.guardian_change_window : kNever;
    return make_pending(ctx, original, delay, expires, "R-SOC-2");
  }
  PendingChange now_change;
  now_change.op = r.op;
  now_change.args = r.args;
  apply_matured(p, id, now_change, ctx.now);
  execute_if_quorate(p, id, ctx.now);  // R-SOC-10: e.g. a lowered threshold the approvals meet
  notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
  return accept(ctx, "R-SOC-2");
}

bool may_veto_alone(const Ctx& ctx) {
  switch (ctx.policy.veto) {
    case CancelRight::kRecoveryDevice:
      return signed_by_recovery_device(ctx);
    case CancelRight::kAnyDevice:
      return owner_device_signed(ctx);
    default:
      return false;
  }
}

}  // namespace

bool recovery_quorum(const Policy& policy, const Identity& id) {
  if (!id.recovery.active) return false;
  if (policy.mutant == Mutant::kRecoveryWithoutQuorum) return true;
  uint32_t weight = 0, count = 0;
  for (const Guardian& g : id.guardians) {
    if (!counts(id, g)) continue;
    weight += policy.mutant == Mutant::kGuardianWeightTwice ? 2 * g.weight : g.weight;
    count += policy.mutant == Mutant::kGuardianWeightTwice ? 2 : 1;
  }
  switch (policy.quorum) {
    case RecoveryQuorum::kWeight:
      return weight >= id.guardian_threshold && weight > 0;
    case RecoveryQuorum::kHalf:
      return !id.guardians.empty() && count >= ceil_half(id.guardians.size());
    case RecoveryQuorum::kThreshold:
      return count >= id.guardian_threshold && count > 0;
  }
  return false;
}

bool threshold_allows(const Policy& p, const Identity& id, Op op, const Args& args) {
  if (!p.bounded_threshold) return true;  // R-SOC-14
  const auto n = static_cast<uint32_t>(id.guardians.size());
  if (op == Op::kSetGuardianThreshold) return args.number >= 1 && args.number <= n;
  if (op == Op::kRemoveGuardian) return n <= 1 || id.guardian_threshold <= n - 1;
  return true;
}

bool held_by_lock(const Policy& p, const Identity& id, const PendingChange& c, Time now) {
  // R-SOC-13
  return p.lock_blocks_confirmation && c.op == Op::kAddGuardian && id.locked_until > now;
}

void complete_recovery(Identity& id, Time now) {
  const Recovery rec = id.recovery;
  id.devices.clear();
  id.devices.push_back({rec.new_device, rec.kind, Purpose::kRecovery, false, rec.new_key, now});
  id.pending.clear();
  id.sessions.clear();
  id.registration = Registration{};
  id.recovery = Recovery{};
  id.locked_until = 0;
  id.lock_by_recovery = false;
}

Outcome social_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (!p.guardians) return reject(ctx, original, Reject::kDisabled, "R-SOC-1");

  switch (r.op) {
    case Op::kAddGuardian:
    case Op::kRemoveGuardian:
    case Op::kSetGuardianThreshold:
      return guardian_change(ctx, original);

    case Op::kFollow: {
      if (!p.following) return reject(ctx, original, Reject::kDisabled, "R-SOC-3");
      const ActorId follower = r.args.actor, followee = r.args.actor2;
      if (!ctx.signers.has_guardian(follower))
        return reject(ctx, original, Reject::kUnauthorized, "R-SOC-3");
      if (followee != kNone && id.guardian(followee) == nullptr)
        return reject(ctx, original, Reject::kNotFound, "R-SOC-3");
      if (followee != kNone && would_cycle(id, follower, followee))
        return reject(ctx, original, Reject::kCycle, "R-SOC-3");
      for (Guardian& g : id.guardians)
        if (g.actor == follower) g.follows = followee;
      // Following a guardian that already approved the running recovery is approving it.
      if (id.recovery.active && followee != kNone && approved_directly(id, followee)) {
        cast_with_followers(id, follower);
        execute_if_quorate(p, id, ctx.now);  // R-SOC-10
        // A vote by following counts as an approval does (found by fuzz_protocol: a due
        // recovery given quorum by a follow waited for the next tick).
        if (reached(p, id.recovery.due_at, ctx.now) && recovery_quorum(p, id))
          complete_recovery(id, ctx.now);  // R-SOC-8
      }
      notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
      return accept(ctx, "R-SOC-3");
    }

    case Op::kStartRecovery: {
      const bool by_guardian = !ctx.signers.guardians.empty();
      const bool by_owner = owner_device_signed(ctx) && p.owner_may_start_recovery;
      if (!by_guardian && !by_owner) return reject(ctx, original, Reject::kUnauthorized, "R-SOC-4");
      if (p.removal_blocks_recovery && removal_pending(id, ctx.now))
        return reject(ctx, original, Reject::kTimelockPending, "R-SOC-17");
      if (too_soon(p, id.last_recovery_start, ctx.now))
        return reject(ctx, original, Reject::kLocked, "R-SOC-18");
      const bool replacing = id.recovery.active;
      if (replacing && p.recovery_replace == RecoveryReplace::kNever)
        return reject(ctx, original, Reject::kExists, "R-SOC-4");
      if (r.args.device2 == kNone || id.device(r.args.device2) != nullptr)
        return reject(ctx, original, Reject::kExists, "R-SOC-4");
      // The running recovery's new device does not count: a replacing start (R-SOC-15) ends it.
      if (device_id_named(id, r.args.device2, false))
        return reject(ctx, original, Reject::kExists, "R-DEV-13");
      if (r.args.kind == DeviceKind::kTotp)  // it would sign nothing alone
        return reject(ctx, original, Reject::kMalformed, "R-2FA-3");
      const std::size_t running_approvals = id.recovery.approvals.size();
      Recovery rec;
      rec.active = true;
      rec.new_device = r.args.device2;
      rec.kind = r.args.kind;
      rec.new_key = r.args.key;
      rec.started_at = ctx.now;
      rec.due_at = kNever;  // R-SOC-10: set when it is executed
      rec.guardians_at_start = static_cast<uint32_t>(id.guardians.size());
      rec.owner_started = !by_guardian;
      rec.started_by = ctx.digest;
      rec.start_nonce = r.nonce;
      id.recovery = rec;
      for (ActorId g : ctx.signers.guardians) cast_with_followers(id, g);
      if (replacing && p.recovery_replace == RecoveryReplace::kMoreApprovals &&
          (ctx.signers.guardians.size() <= running_approvals ||
           !recovery_quorum(p, id)))  // R-SOC-15
        return reject(ctx, original, Reject::kThreshold, "R-SOC-15");
      if (p.escape_interval > 0) id.last_recovery_start = ctx.now;  // R-SOC-18
      if (p.recovery_clock == RecoveryClock::kStart)
        execute(p, id, ctx.now);  // R-SOC-10
      else
        execute_if_quorate(p, id, ctx.now);
      notify(p, id, ctx.now, r.op, r.args.device2, 0, ctx.digest);
      return accept(ctx, replacing ? "R-SOC-15" : "R-SOC-4");
    }

    case Op::kApproveRecovery: {
      if (ctx.signers.guardians.empty())
        return reject(ctx, original, Reject::kUnauthorized, "R-SOC-5");
      if (!id.recovery.active) return reject(ctx, original, Reject::kNotFound, "R-SOC-5");
      bool added = false;
      for (ActorId g : ctx.signers.guardians) {
        if (approved_directly(id, g)) continue;
        cast_with_followers(id, g);
        added = true;
      }
      if (!added) return reject(ctx, original, Reject::kExists, "R-SOC-5");
      execute_if_quorate(p, id, ctx.now);  // R-SOC-10
      notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
      if (reached(p, id.recovery.due_at, ctx.now) && recovery_quorum(p, id))
        complete_recovery(id, ctx.now);  // R-SOC-8
      return accept(ctx, "R-SOC-5");
    }

    case Op::kVetoRecovery: {
      if (!id.recovery.active) return reject(ctx, original, Reject::kNotFound, "R-SOC-6");
      // A veto signed before this recovery started is about another one (or none): replayed
      // later it must not end this one (found by fuzz_protocol: an attacker replayed the
      // owner's earlier, rejected veto to stop the recovery honest guardians started for her).
      if (r.nonce <= id.recovery.start_nonce)
        return reject(ctx, original, Reject::kStale, "R-SOC-6");
      if (p.veto == CancelRight::kMajority) {
        bool voted = false;
        auto vote = [&](uint32_t voter) {
          if (id.recovery.vetoes.find_if([voter](uint32_t v) { return v == voter; }) ||
              id.recovery.vetoes.full())
            return;
          id.recovery.vetoes.push_back(voter);
          voted = true;
        };
        if (owner_device_signed(ctx)) vote(kOwnerVoter);
        for (ActorId g : ctx.signers.guardians) vote(g);
        if (!voted) return reject(ctx, original, Reject::kUnauthorized, "R-SOC-6");
        notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
        if (id.recovery.vetoes.size() >= ceil_half(id.recovery.guardians_at_start + 1)) {
          id.recovery = Recovery{};
          end_recovery_lock(p, id);
        }
        return accept(ctx, "R-SOC-6");
      }
      if (!may_veto_alone(ctx)) return reject(ctx, original, Reject::kUnauthorized, "R-SOC-6");
      if (p.mutant != Mutant::kVetoIgnored) id.recovery = Recovery{};
      if (p.lock_period > 0) end_recovery_lock(p, id);
      notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
      return accept(ctx, "R-SOC-6");
    }

    case Op::kLock:
    case Op::kUnlock: {
      if (p.lock_period <= 0) return reject(ctx, original, Reject::kDisabled, "R-SOC-9");
      if (ctx.signers.guardians.empty())
        return reject(ctx, original, Reject::kUnauthorized, "R-SOC-9");
      const bool locked = id.locked_until > ctx.now;
      if (locked && id.lock_by_recovery) return reject(ctx, original, Reject::kLocked, "R-SOC-11");
      if (p.lock_needs_unlocked && locked == (r.op == Op::kLock))
        return reject(ctx, original, locked ? Reject::kLocked : Reject::kNotFound, "R-SOC-12");
      id.locked_until = r.op == Op::kLock ? ctx.now + p.lock_period : 0;
      id.lock_by_recovery = false;
      notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
      return accept(ctx, "R-SOC-9");
    }
    default:
      return reject(ctx, original, Reject::kMalformed, "R-SOC-1");
  }
}

}  // namespace reclaim::rules
