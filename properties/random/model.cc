// The random engine's world and action language (see model.h).
#include "properties/random/model.h"

#include <algorithm>

#include "trace/write.h"

namespace reclaim::randomized {
namespace {

bool fail(std::string* why, std::string message) {
  if (why != nullptr) *why = std::move(message);
  return false;
}

// Would naming `name` as a new device overflow the World's device-name table?
bool room_for(const World& w, const std::string& name) {
  return w.find_device(name) != kNone || w.device_name(kMaxWorldDevices) == "?";
}

bool creates_device(Op op) {
  return op == Op::kAddDevice || op == Op::kReplaceDevice || op == Op::kStartRecovery ||
         op == Op::kAddTentative;
}

// The new-device name a creating op carries (the parser's and writer's field choice).
const std::string& new_device_name(const Statement& st) {
  return st.op == Op::kAddDevice ? st.device : st.device2;
}

uint32_t mention_bit(ActorId a) { return a >= 1 && a <= 31 ? 1u << a : 0; }

bool names_device_of_alice(const std::string& name) {
  return name.size() > kOwner.size() + 1 && name.compare(0, kOwner.size() + 1, kOwner + "/") == 0;
}

}  // namespace

Model make_model(const Policy& policy) {
  World w(policy, kWorldSeed);
  const ActorId alice = w.actor(kOwner);
  const IdentityId id = w.add_identity(kOwner, alice);
  const bool protect = policy.protection;
  w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
  w.add_device(id, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth, false, {});
  w.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, protect, {});
  if (policy.guardians)
    for (const std::string& g : kGuardianNames) w.add_guardian(id, w.actor(g), 1);
  w.add_asset(id, w.asset_id(kAsset), kAssetAmount, kAssetLock);
  if (policy.default_removal_delay == 0) w.set_removal_delay(id, kSetupRemovalDelay);
  if (policy.guardians) w.set_guardian_threshold(id, kGuardianThreshold);
  w.actor(kAttacker);
  w.begin();
  Model m(std::move(w));
  m.mentioned = mention_bit(alice);
  if (policy.guardians)
    for (const std::string& g : kGuardianNames) m.mentioned |= mention_bit(m.world.find_actor(g));
  return m;
}

bool applicable(const Model& m, const Statement& st, std::string* why) {
  const World& w = m.world;
  switch (st.kind) {
    case StmtKind::kAdvance: {
      if (!st.has_at) return fail(why, "advance without a time");
      const Time t = st.relative ? w.now() + st.at_value : st.at_value;
      if (st.at_value < 0 || t < w.now()) return fail(why, "the clock would go back");
      if (t > 100 * kYear) return fail(why, "beyond the scenario clock");
      return true;
    }
    case StmtKind::kEvent: {
      if (w.find_actor(st.actor) == kNone) return fail(why, "unknown actor " + st.actor);
      switch (st.event) {
        case EventKind::kSteal:
        case EventKind::kCopy:
        case EventKind::kLose:
          if (w.find_device(st.device) == kNone) return fail(why, "unknown device " + st.device);
          return true;
        case EventKind::kHijack:
          if (w.find_identity(st.identity) == kNone) return fail(why, "unknown identity");
          return true;
        case EventKind::kCollude:
          return true;
        case EventKind::kReacts:
          if (st.duration <= 0) return fail(why, "reacts within 0");
          return true;
      }
      return fail(why, "unknown event");
    }
    case StmtKind::kReplay:
      if (w.find_actor(st.actor) == kNone) return fail(why, "unknown actor " + st.actor);
      if (st.number == 0 || st.number > m.request_lines.size())
        return fail(why, "replay names no earlier request");
      return true;
    case StmtKind::kRequest:
      break;
    default:
      return fail(why, "not an action");
  }
  // A request.
  const ActorId actor = w.find_actor(st.actor);
  if (actor == kNone) return fail(why, "unknown actor " + st.actor);
  if (w.find_identity(st.identity) == kNone) return fail(why, "unknown identity " + st.identity);
  auto known = [&](const std::string& d) { return !d.empty() && w.find_device(d) != kNone; };
  // Known to the parser: named by the setup or an earlier line, or the acting actor.
  auto mentioned = [&](const std::string& name) {
    const ActorId a = w.find_actor(name);
    return a != kNone && (a == actor || (m.mentioned & mention_bit(a)) != 0);
  };
  switch (st.op) {
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
      if (!known(st.device)) return fail(why, "unknown device " + st.device);
      break;
    case Op::kReplaceDevice:
      if (!known(st.device)) return fail(why, "unknown device " + st.device);
      break;
    case Op::kAddGuardian:
      if (w.find_actor(st.guardian) == kNone) return fail(why, "unknown actor " + st.guardian);
      break;
    case Op::kRemoveGuardian:
      if (!mentioned(st.guardian)) return fail(why, "actor not named before: " + st.guardian);
      break;
    case Op::kFollow:
      if (!mentioned(st.guardian) || !mentioned(st.actor2))
        return fail(why, "guardian not named before");
      break;
    case Op::kStartRecovery:
      if (!st.actor2.empty() && w.find_actor(st.actor2) == kNone)
        return fail(why, "unknown actor " + st.actor2);
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      if (w.find_actor(st.actor2) == kNone) return fail(why, "unknown actor " + st.actor2);
      [[fallthrough]];
    case Op::kClawback:
      if (w.find_asset(st.device) == 0) return fail(why, "unknown asset " + st.device);
      break;
    default:
      break;
  }
  // Honest guardians (the setup's guardians that have not colluded) act for the owner only:
  // they start recoveries for alice, approve only hers and veto only the others. Checked here,
  // not only in the generator, so that shrinking (which drops a `colludes` line and keeps the
  // rest) never turns a colluder's act into an honest guardian's.
  if (std::find(kGuardianNames.begin(), kGuardianNames.end(), st.actor) != kGuardianNames.end() &&
      !(actor <= kMaxActors && w.knowledge().colluding[actor])) {
    const Identity* id = w.state().identity(w.find_identity(st.identity));
    const bool running = id != nullptr && id->recovery.active;
    const bool for_owner = running && w.holds(m.owner(), id->recovery.new_device);
    if (st.op == Op::kStartRecovery && !st.actor2.empty() && st.actor2 != kOwner)
      return fail(why, "an honest guardian recovers for the owner only");
    if (st.op == Op::kApproveRecovery && running && !for_owner)
      return fail(why, "an honest guardian approves the owner's recoveries only");
    if (st.op == Op::kVetoRecovery && running && for_owner)
      return fail(why, "an honest guardian does not veto the owner's recovery");
  }
  if (creates_device(st.op)) {
    const std::string& name = new_device_name(st);
    if (!names_device_of_alice(name)) return fail(why, "bad new device name " + name);
    if (!room_for(w, name)) return fail(why, "too many device names");
  }
  switch (st.signer_mode) {
    case SignerMode::kDevices: {
      if (st.signers.empty() || st.signers.size() > kMaxSigners)
        return fail(why, "bad signer count");
      for (std::size_t i = 0; i < st.signers.size(); ++i) {
        const DeviceId d = w.find_device(st.signers[i]);
        if (d == kNone) return fail(why, "unknown signer " + st.signers[i]);
        if (!w.holds(actor, d)) return fail(why, st.actor + " does not hold " + st.signers[i]);
        for (std::size_t j = 0; j < i; ++j)
          if (st.signers[j] == st.signers[i]) return fail(why, "signer named twice");
      }
      return true;
    }
    case SignerMode::kSession:
      if (((m.session_holders >> actor) & 1) == 0) return fail(why, st.actor + " holds no session");
      return true;
    case SignerMode::kGuardian:
    case SignerMode::kUnsigned:
      return true;
  }
  return true;
}

std::size_t apply_action(Model& m, const Statement& st) {
  World& w = m.world;
  ++m.actions;
  const Time t =
      st.kind == StmtKind::kAdvance ? (st.relative ? w.now() + st.at_value : st.at_value) : w.now();
  w.advance_to(t);
  const std::size_t own = w.steps().size();
  switch (st.kind) {
    case StmtKind::kAdvance:
      return kNoStep;
    case StmtKind::kEvent: {
      const ActorId actor = w.find_actor(st.actor);
      const IdentityId iid = st.identity.empty() ? kNone : w.find_identity(st.identity);
      const DeviceId d = st.device.empty() ? kNone : w.find_device(st.device);
      w.event(st.event, actor, iid, d, st.duration);
      m.mentioned |= mention_bit(actor);
      if (st.event == EventKind::kHijack && m.any_session && actor <= 31)
        m.session_holders |= 1u << actor;
      if (st.event == EventKind::kReacts && actor == m.owner() && !m.reactive) {
        m.reactive = true;
        m.reaction = st.duration;
      }
      return own;
    }
    case StmtKind::kReplay:
      w.replay(w.find_actor(st.actor), m.request_lines[st.number - 1]);
      m.mentioned |= mention_bit(w.find_actor(st.actor));
      return own;
    default:
      break;
  }
  // A request, with the scenario runner's argument conventions.
  const IdentityId iid = w.find_identity(st.identity);
  const ActorId actor = w.find_actor(st.actor);
  Args a;
  ActorId receiver = kNone;
  auto dev = [&](const std::string& name) { return name.empty() ? kNone : w.device_id(name); };
  switch (st.op) {
    case Op::kAddDevice:
      a.device2 = dev(st.device);
      a.kind = st.device_kind;
      a.purpose = st.purpose;
      a.protect = st.is_protected;
      break;
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
      a.device = dev(st.device);
      break;
    case Op::kReplaceDevice:
      a.device = dev(st.device);
      a.device2 = dev(st.device2);
      a.kind = st.device_kind;
      a.purpose = st.purpose;
      a.protect = st.is_protected;
      break;
    case Op::kSetRemovalDelay:
      a.duration = st.duration;
      break;
    case Op::kCancel:
      a.number = st.number;
      break;
    case Op::kAddGuardian:
      a.actor = w.find_actor(st.guardian);
      a.weight = st.weight == 0 ? 1 : st.weight;
      break;
    case Op::kRemoveGuardian:
      a.actor = w.find_actor(st.guardian);
      break;
    case Op::kFollow:
      a.actor = w.find_actor(st.guardian);
      a.actor2 = st.actor2.empty() ? kNone : w.find_actor(st.actor2);
      break;
    case Op::kStartRecovery:
      a.device2 = dev(st.device2);
      a.kind = st.device_kind;
      receiver = st.actor2.empty() ? actor : w.find_actor(st.actor2);
      break;
    case Op::kLogin:
      a.duration = st.duration;
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      a.asset = w.find_asset(st.device);
      a.amount = st.amount;
      a.actor = st.actor2.empty() ? kNone : w.find_actor(st.actor2);
      break;
    case Op::kClawback:
      a.asset = w.find_asset(st.device);
      break;
    case Op::kAddTentative:
      a.device2 = dev(st.device2);
      a.kind = st.device_kind;
      a.purpose = st.purpose;
      break;
    case Op::kVerifyTentative: {
      const Identity* id = w.state().identity(iid);
      const uint32_t right = id ? id->registration.code : 0;
      a.code = st.code_right ? right : (right + 1) % 1000000;
      break;
    }
    case Op::kSetGuardianThreshold:
      a.number = st.number;
      break;
    default:
      break;
  }
  SignWith with;
  switch (st.signer_mode) {
    case SignerMode::kDevices:
      for (const std::string& s : st.signers) with.devices.push_back(w.find_device(s));
      break;
    case SignerMode::kSession:
      with.session = true;
      break;
    case SignerMode::kGuardian:
      with.guardian = true;
      break;
    case SignerMode::kUnsigned:
      break;
  }
  Result<const Step*> r = w.submit(actor, iid, st.op, a, with, receiver);
  if (!r) return kNoStep;  // cannot happen for an applicable action; nothing was recorded
  m.mentioned |= mention_bit(actor);
  if (st.op == Op::kAddGuardian) m.mentioned |= mention_bit(a.actor);
  if (st.op == Op::kStartRecovery || st.op == Op::kTransfer || st.op == Op::kWithdraw)
    m.mentioned |= mention_bit(w.find_actor(st.actor2));
  m.request_lines.push_back((*r)->request);
  if (st.op == Op::kLogin && (*r)->verdict != Verdict::kRejected) {
    m.any_session = true;
    if (actor <= 31) m.session_holders |= 1u << actor;
  }
  return own;
}

Duration settle_time(const Model& m) {
  const World& w = m.world;
  const Time now = w.now();
  Duration d = 0;
  auto scan = [&](const State& s) {
    for (const Identity& id : s.identities) {
      d = std::max(d, id.removal_delay);
      for (const PendingChange& c : id.pending) d = std::max(d, c.due_at - now);
      if (id.recovery.active && id.recovery.due_at != kNever)  // kNever: waiting for quorum
        d = std::max(d, id.recovery.due_at - now);
      d = std::max(d, id.locked_until - now);
    }
  };
  scan(w.initial());
  for (const Step& s : w.steps()) scan(s.after);
  return d + 2 * kDay;
}

std::string action_line(const Statement& st) { return write_statement(st); }

Statement advance_by(Duration d) {
  Statement st;
  st.kind = StmtKind::kAdvance;
  st.has_at = true;
  st.relative = true;
  st.at_value = d;
  return st;
}

Statement advance_to(Time t) {
  Statement st;
  st.kind = StmtKind::kAdvance;
  st.has_at = true;
  st.relative = false;
  st.at_value = t;
  st.time = t;
  return st;
}

Statement event(const std::string& actor, EventKind kind, const std::string& device,
                Duration within) {
  Statement st;
  st.kind = StmtKind::kEvent;
  st.actor = actor;
  st.event = kind;
  switch (kind) {
    case EventKind::kSteal:
    case EventKind::kCopy:
    case EventKind::kLose:
      st.device = device;
      st.identity = device.substr(0, device.find('/'));
      break;
    case EventKind::kHijack:
      st.identity = kOwner;
      break;
    case EventKind::kCollude:
      break;
    case EventKind::kReacts:
      st.duration = within;
      break;
  }
  return st;
}

Statement request(const std::string& actor, Op op) {
  Statement st;
  st.kind = StmtKind::kRequest;
  st.actor = actor;
  st.op = op;
  st.identity = kOwner;
  st.signer_mode = SignerMode::kUnsigned;
  return st;
}

Statement replay(const std::string& actor, uint32_t k) {
  Statement st;
  st.kind = StmtKind::kReplay;
  st.actor = actor;
  st.number = k;
  return st;
}

std::vector<Op> enabled_ops(const Policy& p) {
  std::vector<Op> ops = {Op::kAddDevice, Op::kRemoveDevice, Op::kReplaceDevice, Op::kLogin};
  if (p.protection) {
    ops.push_back(Op::kProtect);
    ops.push_back(Op::kUnprotect);
  }
  if (p.timelock) ops.push_back(Op::kSetRemovalDelay);
  if (p.timelock || p.owner_cancels_guardian_changes) ops.push_back(Op::kCancel);
  if (p.guardians) {
    for (Op op : {Op::kAddGuardian, Op::kRemoveGuardian, Op::kSetGuardianThreshold,
                  Op::kStartRecovery, Op::kApproveRecovery, Op::kVetoRecovery})
      ops.push_back(op);
    if (p.following) ops.push_back(Op::kFollow);
    if (p.lock_period > 0) {
      ops.push_back(Op::kLock);
      ops.push_back(Op::kUnlock);
    }
  }
  ops.push_back(p.withdrawal_delay > 0 ? Op::kWithdraw : Op::kTransfer);
  if (p.clawback) ops.push_back(Op::kClawback);
  if (p.registration) {
    ops.push_back(Op::kEnterRegistration);
    ops.push_back(Op::kAddTentative);
    ops.push_back(Op::kVerifyTentative);
  }
  std::sort(ops.begin(), ops.end());
  return ops;
}

}  // namespace reclaim::randomized
