// The exhaustive engine's action menu (see menu.h).
#include "graph/menu.h"

#include <algorithm>

#include "model/ops.h"
#include "model/step.h"
#include "trace/parse.h"

namespace reclaim::graph {
namespace {

struct Builder {
  const World& w;
  const MenuScope& scope;
  IdentityId iid = kNone;
  const Identity* id = nullptr;
  ActorId owner = kNone;
  ActorId attacker = kNone;
  std::string fresh;  // the new-device name to use, empty when none is free
  std::vector<Statement> out;

  Statement request(ActorId actor, Op op) const {
    Statement st;
    st.kind = StmtKind::kRequest;
    st.actor = w.actor_name(actor);
    st.identity = scope.identity;
    st.op = op;
    st.signer_mode = SignerMode::kUnsigned;
    return st;
  }

  // Is the device id unused by the state and by every holder (so the name may be reused)?
  bool unused(DeviceId d) const {
    if (d == kNone) return false;
    for (ActorId a = 1; a <= kMaxActors; ++a)
      if (w.knowledge().held(a, d)) return false;
    for (const Identity& i : w.state().identities) {
      if (i.device(d) != nullptr) return false;
      for (const PendingChange& c : i.pending)
        if (c.args.device == d || c.args.device2 == d) return false;
      if (i.recovery.active && i.recovery.new_device == d) return false;
      if (i.registration.has_tentative && i.registration.device == d) return false;
    }
    return true;
  }

  std::string asset_name(uint32_t a) const {
    const std::string name = w.asset_name(a);
    return name.find('/') == std::string::npos ? scope.identity + "/" + name : name;
  }

  // The guardians whose co-signatures `actor` can obtain (sim/world.h cosign_refusal), as
  // `ID/ACTOR` names, at most the quorum ceil(n/2) that R-DEV-12 and R-AST-6 ask for.
  std::vector<std::string> cosigners_of(ActorId actor) const {
    std::vector<std::string> names;
    for (const Guardian& g : id->guardians) {
      if (names.size() >= (id->guardians.size() + 1) / 2) break;
      const bool colluding = g.actor <= kMaxActors && w.knowledge().colluding[g.actor] != 0;
      if (cosign_refusal(g.actor == actor, actor == owner, colluding).empty())
        names.push_back(scope.identity + "/" + w.actor_name(g.actor));
    }
    return names;
  }

  // Requests any device-signed (or session-signed) request may carry. Where the policy has
  // guardians co-sign an op (Argent), a device-signed one is offered twice: by the devices
  // alone, and with the guardians the actor can obtain beside them.
  void signed_ops(ActorId actor, const Statement& proto, bool by_session) {
    const Policy& p = w.policy();
    const std::vector<std::string> cosigners =
        proto.signer_mode == SignerMode::kDevices ? cosigners_of(actor)
                                                  : std::vector<std::string>{};
    auto push = [&](Statement st) {
      st.signer_mode = proto.signer_mode;
      st.signers = proto.signers;
      const bool asks = guardians_cosign(p, st.op);
      if (asks && !cosigners.empty()) {
        Statement co = st;
        for (const std::string& c : cosigners)
          if (co.signers.size() + co.cosigners.size() < kMaxSigners) co.cosigners.push_back(c);
        out.push_back(std::move(co));
      }
      out.push_back(std::move(st));
    };
    if (!fresh.empty()) {
      Statement st = request(actor, Op::kAddDevice);
      st.device = fresh;
      st.device_kind = DeviceKind::kPasskey;
      st.purpose = Purpose::kAuth;
      push(st);
      st.device_kind = DeviceKind::kSeedPhrase;
      st.purpose = Purpose::kRecovery;
      st.is_protected = p.protection;
      push(st);
      if (p.totp) {  // a TOTP authenticator (R-2FA-3), where the policy lets one be registered
        st.device_kind = DeviceKind::kTotp;
        st.purpose = Purpose::kAuth;
        st.is_protected = false;
        push(st);
      }
    }
    for (const Device& d : id->devices) {
      Statement st = request(actor, Op::kRemoveDevice);
      st.device = w.device_name(d.id);
      push(st);
      if (!fresh.empty()) {
        Statement r = request(actor, Op::kReplaceDevice);
        r.device = w.device_name(d.id);
        r.device2 = fresh;
        r.device_kind = d.kind;
        r.purpose = d.purpose;
        push(r);
      }
      if (p.protection && (d.kind == DeviceKind::kSeedPhrase ||
                           (p.protectable && d.purpose == Purpose::kRecovery))) {
        Statement pr = request(actor, d.is_protected ? Op::kUnprotect : Op::kProtect);
        pr.device = w.device_name(d.id);
        push(pr);
      }
    }
    if (p.timelock)
      for (Duration delay : p.delay_menu)
        if (delay != id->removal_delay) {
          Statement st = request(actor, Op::kSetRemovalDelay);
          st.duration = delay;
          push(st);
        }
    if (p.cancel != CancelRight::kNone)
      for (const PendingChange& c : id->pending) {
        Statement st = request(actor, Op::kCancel);
        st.number = c.number;
        push(st);
      }
    if (!by_session) push(request(actor, Op::kLogin));
    if (p.trusted_contacts) {  // the attacker trusts itself, to transfer alone later
      Statement st = request(actor, Op::kAddContact);
      st.actor2 = scope.attacker;
      push(st);
    }
    for (const Asset& a : id->assets) {
      if (a.amount <= 0) continue;
      Statement st = request(actor, p.withdrawal_delay > 0 ? Op::kWithdraw : Op::kTransfer);
      st.device = asset_name(a.id);
      st.amount = a.amount;
      st.actor2 = scope.attacker;
      push(st);
      if (p.clawback && !id->pending.empty()) {
        Statement c = request(actor, Op::kClawback);
        c.device = asset_name(a.id);
        push(c);
      }
    }
    if (p.registration) {
      if (!id->registration.open || id->registration.window_end <= w.now())
        push(request(actor, Op::kEnterRegistration));
      if (id->registration.has_tentative)
        for (bool right : {true, false}) {
          Statement st = request(actor, Op::kVerifyTentative);
          st.code_right = right;
          push(st);
        }
    }
    if (p.guardians) {
      if (actor == attacker && id->guardian(attacker) == nullptr) {
        Statement st = request(actor, Op::kAddGuardian);
        st.guardian = scope.attacker;
        st.weight = p.quorum == RecoveryQuorum::kWeight ? std::max(1u, id->guardian_threshold) : 1;
        push(st);
      }
      for (const Guardian& g : id->guardians) {
        Statement st = request(actor, Op::kRemoveGuardian);
        st.guardian = w.actor_name(g.actor);
        push(st);
      }
      if (id->guardian_threshold != 1) {
        Statement st = request(actor, Op::kSetGuardianThreshold);
        st.number = 1;
        push(st);
      }
      if (p.owner_may_start_recovery && !id->recovery.active && !fresh.empty()) {
        Statement st = request(actor, Op::kStartRecovery);
        st.device2 = fresh;
        st.device_kind = DeviceKind::kPasskey;
        st.actor2 = scope.attacker;
        push(st);
      }
      if (id->recovery.active && p.veto != CancelRight::kNone)
        push(request(actor, Op::kVetoRecovery));
    }
  }

  // Social ops signed with the actor's own guardian key.
  void guardian_ops(ActorId actor) {
    const Policy& p = w.policy();
    auto push = [&](Statement st) {
      st.signer_mode = SignerMode::kGuardian;
      out.push_back(std::move(st));
    };
    const Guardian* me = id->guardian(actor);
    if (!id->recovery.active && !fresh.empty()) {
      Statement st = request(actor, Op::kStartRecovery);
      st.device2 = fresh;
      st.device_kind = DeviceKind::kPasskey;
      st.actor2 = scope.attacker;
      push(st);
    }
    if (id->recovery.active) {
      if (id->recovery.approvals.find_if([actor](ActorId a) { return a == actor; }) == nullptr)
        push(request(actor, Op::kApproveRecovery));
      if (p.veto != CancelRight::kNone) push(request(actor, Op::kVetoRecovery));
    }
    if (p.following)
      for (const Guardian& g : id->guardians)
        if (g.actor != actor && me->follows != g.actor) {
          Statement st = request(actor, Op::kFollow);
          st.guardian = w.actor_name(actor);
          st.actor2 = w.actor_name(g.actor);
          push(st);
        }
    if (p.lock_period > 0) {
      push(request(actor, Op::kLock));
      if (id->locked_until > w.now()) push(request(actor, Op::kUnlock));
    }
  }

  void requests_of(ActorId actor) {
    const Policy& p = w.policy();
    std::vector<DeviceId> held;
    for (const Device& d : id->devices)
      if (w.holds(actor, d.id)) held.push_back(d.id);
    std::vector<std::vector<DeviceId>> sets;
    for (DeviceId d : held) sets.push_back({d});
    if (p.two_factor)
      for (std::size_t i = 0; i < held.size(); ++i)
        for (std::size_t j = i + 1; j < held.size(); ++j) sets.push_back({held[i], held[j]});
    for (const auto& set : sets) {
      Statement proto;
      proto.signer_mode = SignerMode::kDevices;
      for (DeviceId d : set) proto.signers.push_back(w.device_name(d));
      signed_ops(actor, proto, false);
    }
    bool live = false;
    for (const Session& s : id->sessions) live |= s.expires_at > w.now();
    if (live && w.holds_session(actor, iid)) {
      Statement proto;
      proto.signer_mode = SignerMode::kSession;
      signed_ops(actor, proto, true);
    }
    if (p.guardians && id->guardian(actor) != nullptr) guardian_ops(actor);
  }

  void clock() {
    const Time now = w.now();
    std::vector<Time> times;
    auto around = [&](Time t) {
      if (t == kNever) return;
      for (Time x : {t - 1, t, t + 1})
        if (x > now && x <= kMaxScenarioTime) times.push_back(x);
    };
    for (const Identity& i : w.state().identities) {
      for (const PendingChange& c : i.pending) {
        around(c.due_at);
        around(c.expires_at);
      }
      if (i.recovery.active) around(i.recovery.due_at);
      if (i.registration.open) around(i.registration.window_end);
      for (const Session& s : i.sessions) around(s.expires_at);
      if (i.locked_until != 0) around(i.locked_until);
      for (const Asset& a : i.assets)
        if (a.locked_until > now) around(a.locked_until);
    }
    const Time reaction = w.next_reaction();
    if (reaction != kNever && reaction > now) times.push_back(reaction);
    if (scope.rho > 0) {
      times.push_back(now + scope.rho);
      Duration longest = id->removal_delay;
      for (Duration d : w.policy().delay_menu) longest = std::max(longest, d);
      times.push_back(now + scope.rho + longest + 1);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    for (Time t : times)
      if (t > now && t <= kMaxScenarioTime) out.push_back(advance_to(t));
  }
};

}  // namespace

Statement event_statement(const std::string& actor, EventKind kind, const std::string& device,
                          Duration within) {
  Statement st;
  st.kind = StmtKind::kEvent;
  st.actor = actor;
  st.event = kind;
  if (kind == EventKind::kSteal || kind == EventKind::kCopy || kind == EventKind::kLose) {
    st.device = device;
    st.identity = device.substr(0, device.find('/'));
  }
  if (kind == EventKind::kReacts) st.duration = within;
  return st;
}

std::vector<Statement> menu(const World& world, const MenuScope& scope,
                            std::span<const ReplayLine> replayable) {
  Builder b{world, scope};
  b.iid = world.find_identity(scope.identity);
  b.id = world.state().identity(b.iid);
  if (b.id == nullptr) return {};
  b.owner = world.owner_of(b.iid);
  b.attacker = world.find_actor(scope.attacker);
  for (const std::string& name : scope.fresh)
    if (b.unused(world.find_device(name))) {
      b.fresh = name;
      break;
    }
  // Who acts: the attacker, then every colluding guardian (in the identity's order).
  std::vector<ActorId> actors;
  if (b.attacker != kNone) actors.push_back(b.attacker);
  if (scope.colluders_act)
    for (const Guardian& g : b.id->guardians)
      if (g.actor != b.attacker && g.actor <= kMaxActors && world.knowledge().colluding[g.actor])
        actors.push_back(g.actor);
  for (ActorId a : actors) b.requests_of(a);
  if (world.policy().registration && b.attacker != kNone && !b.fresh.empty() &&
      b.id->registration.open && b.id->registration.window_end > world.now() &&
      !b.id->registration.has_tentative) {
    Statement st = b.request(b.attacker, Op::kAddTentative);
    st.device2 = b.fresh;
    st.device_kind = DeviceKind::kPasskey;
    st.purpose = Purpose::kAuth;
    b.out.push_back(st);
  }
  for (const ReplayLine& r : replayable)
    if (world.now() - r.time <= kRequestFreshness) {
      Statement st;
      st.kind = StmtKind::kReplay;
      st.actor = scope.attacker;
      st.number = r.number;
      b.out.push_back(st);
    }
  for (const std::string& d : scope.steal) {
    const DeviceId dev = world.find_device(d);
    if (dev == kNone || b.id->device(dev) == nullptr || world.holds(b.attacker, dev)) continue;
    b.out.push_back(event_statement(scope.attacker, EventKind::kSteal, d));
    b.out.push_back(event_statement(scope.attacker, EventKind::kCopy, d));
  }
  for (const std::string& d : scope.lose) {
    const DeviceId dev = world.find_device(d);
    if (dev != kNone && world.holds(b.owner, dev))
      b.out.push_back(event_statement(scope.identity, EventKind::kLose, d));
  }
  for (const std::string& g : scope.collude) {
    const ActorId a = world.find_actor(g);
    if (a != kNone && a <= kMaxActors && !world.knowledge().colluding[a])
      b.out.push_back(event_statement(g, EventKind::kCollude, ""));
  }
  b.clock();
  return std::move(b.out);
}

}  // namespace reclaim::graph
