// The random engine's world and action language (see model.h).
#include "random/model.h"

#include <algorithm>

#include "model/ops.h"
#include "trace/parse.h"
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

bool creates_device(Op op) { return op_info(op).key == NewKey::kDevice; }

// The new-device name a creating op carries (its role's statement field, model/ops.h).
const std::string& new_device_name(const Statement& st) {
  return op_info(st.op).has_role(ArgRole::kAddedDevice) ? st.device : st.device2;
}

uint32_t mention_bit(ActorId a) { return a >= 1 && a <= 31 ? 1u << a : 0; }

bool names_device_of_alice(const std::string& name) {
  return name.size() > kStandardOwner.size() + 1 &&
         name.compare(0, kStandardOwner.size() + 1, kStandardOwner + "/") == 0;
}

}  // namespace

Model make_model(const Policy& policy) {
  Model m(policy);
  const StandardIdentity s = build_standard_identity(m.world);
  m.mentioned = mention_bit(s.alice);
  for (ActorId g : s.guardians) m.mentioned |= mention_bit(g);
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
      if (st.number == 0 || st.number > m.interpreter.request_lines().size())
        return fail(why, "replay names no earlier request");
      if (st.craft == Craft::kLifted &&
          (st.number2 == 0 || st.number2 > m.interpreter.request_lines().size()))
        return fail(why, "with-signatures-of names no earlier request");
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
    case Op::kAddContact:
      if (w.find_actor(st.actor2) == kNone) return fail(why, "unknown actor " + st.actor2);
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      if (w.find_actor(st.actor2) == kNone) return fail(why, "unknown actor " + st.actor2);
      [[fallthrough]];
    case Op::kClawback:
    case Op::kSweep:
      // An asset alice does not have is an argument that points at nothing (the protocol
      // answers not-found); the language lets a request name one of a known identity.
      if (w.find_asset(st.device) == 0 && !names_device_of_alice(st.device))
        return fail(why, "unknown asset " + st.device);
      break;
    default:
      break;
  }
  // Honest guardians (the setup's guardians that have not colluded) act for the owner only:
  // they start recoveries for alice, approve only hers and veto only the others. Checked here,
  // not only in the generator, so that shrinking (which drops a `colludes` line and keeps the
  // rest) never turns a colluder's act into an honest guardian's.
  if (std::find(kStandardGuardians.begin(), kStandardGuardians.end(), st.actor) != kStandardGuardians.end() &&
      !(actor <= kMaxActors && w.knowledge().colluding[actor])) {
    const Identity* id = w.state().identity(w.find_identity(st.identity));
    const bool running = id != nullptr && id->recovery.active;
    const bool for_owner = running && w.holds(m.owner(), id->recovery.new_device);
    if (st.op == Op::kStartRecovery && !st.actor2.empty() && st.actor2 != kStandardOwner)
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
      if (st.signers.empty() && st.cosigners.empty()) return fail(why, "bad signer count");
      if (st.signers.size() + st.cosigners.size() > kMaxSigners)
        return fail(why, "bad signer count");
      for (std::size_t i = 0; i < st.signers.size(); ++i) {
        const DeviceId d = w.find_device(st.signers[i]);
        if (d == kNone) return fail(why, "unknown signer " + st.signers[i]);
        if (!w.holds(actor, d)) return fail(why, st.actor + " does not hold " + st.signers[i]);
        for (std::size_t j = 0; j < i; ++j)
          if (st.signers[j] == st.signers[i]) return fail(why, "signer named twice");
      }
      // Co-signers: guardians of alice now (so a line the parser saw made them so) or the
      // actor itself, under the co-signing rule (sim/world.h) as the world stands now, so
      // that shrinking (which may drop a `colludes` or an add-guardian line) keeps it valid.
      const IdentityId iid = w.find_identity(st.identity);
      const Identity* id = w.state().identity(iid);
      for (std::size_t i = 0; i < st.cosigners.size(); ++i) {
        const std::string& c = st.cosigners[i];
        if (!names_device_of_alice(c) || st.identity != kStandardOwner)
          return fail(why, "co-signer of another identity " + c);
        const ActorId g = w.find_actor(c.substr(kStandardOwner.size() + 1));
        if (g == kNone) return fail(why, "unknown co-signer " + c);
        if (g != actor && (id == nullptr || id->guardian(g) == nullptr))
          return fail(why, c + " is no guardian now");
        const std::string refusal = cosign_refusal(
            g == actor, actor == w.owner_of(iid), g <= kMaxActors && w.knowledge().colluding[g]);
        if (!refusal.empty()) return fail(why, c + " does not co-sign: " + refusal);
        for (std::size_t j = 0; j < i; ++j)
          if (st.cosigners[j] == c) return fail(why, "co-signer named twice");
      }
      return true;
    }
    case SignerMode::kSession:
      if (((m.session_holders >> actor) & 1) == 0) return fail(why, st.actor + " holds no session");
      return true;
    case SignerMode::kAppSession:
      if (((m.app_session_holders >> actor) & 1) == 0)
        return fail(why, st.actor + " holds no app delegation");
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
  Result<std::size_t> r = m.interpreter.step(w, st);
  if (!r) return kNoStep;  // cannot happen for an applicable action; nothing was recorded
  const std::size_t own = *r;
  const ActorId actor = w.find_actor(st.actor);
  switch (st.kind) {
    case StmtKind::kAdvance:
      return kNoStep;
    case StmtKind::kEvent:
      m.mentioned |= mention_bit(actor);
      if (st.event == EventKind::kHijack && m.any_session && actor <= 31)
        m.session_holders |= 1u << actor;
      if (st.event == EventKind::kHijack && m.any_app_session && actor <= 31)
        m.app_session_holders |= 1u << actor;
      if (st.event == EventKind::kReacts && actor == m.owner() && !m.reactive) {
        m.reactive = true;
        m.reaction = st.duration;
      }
      return own;
    case StmtKind::kReplay:
      m.mentioned |= mention_bit(actor);
      return own;
    default:
      break;
  }
  // A request.
  m.mentioned |= mention_bit(actor);
  if (st.op == Op::kAddGuardian) m.mentioned |= mention_bit(w.find_actor(st.guardian));
  if (st.op == Op::kStartRecovery || st.op == Op::kTransfer || st.op == Op::kWithdraw)
    m.mentioned |= mention_bit(w.find_actor(st.actor2));
  if (st.op == Op::kLogin && w.steps()[own].verdict != Verdict::kRejected) {
    m.any_session = true;
    if (actor <= 31) m.session_holders |= 1u << actor;
  }
  if (st.op == Op::kAppLogin && w.steps()[own].verdict != Verdict::kRejected) {
    m.any_app_session = true;
    if (actor <= 31) m.app_session_holders |= 1u << actor;
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
  // Never past the language's clock (kMaxScenarioTime): a counterexample must be writable.
  return std::max<Duration>(0, std::min<Duration>(d + 2 * kDay, kMaxScenarioTime - now));
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
      st.identity = kStandardOwner;
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
  st.identity = kStandardOwner;
  st.signer_mode = SignerMode::kUnsigned;
  return st;
}

Statement replay(const std::string& actor, uint32_t k, Craft craft, uint32_t j) {
  Statement st;
  st.kind = StmtKind::kReplay;
  st.actor = actor;
  st.number = k;
  st.craft = craft;
  st.number2 = craft == Craft::kLifted ? j : 0;
  return st;
}

std::vector<Op> enabled_ops(const Policy& p) {
  std::vector<Op> ops;
  for (const OpInfo& info : op_table())
    if (op_enabled(p, info.op)) ops.push_back(info.op);
  return ops;
}

}  // namespace reclaim::randomized
