// Concrete runs onto the symbolic encoding (see abstraction.h).
#include "symbolic/abstraction.h"

#include <algorithm>

#include "model/codec.h"
#include "symbolic/evaluate.h"
#include "symbolic/initial.h"

namespace reclaim::sym {
namespace {

class Diff {
 public:
  void check(bool same, const std::string& what) {
    if (!same) out_ += what + "\n";
  }
  void eq(const expr& sym, int64_t concrete, const std::string& what) {
    const std::optional<int64_t> v = int_value(sym);
    if (!v || *v != concrete)
      out_ += what + ": encoding " + (v ? std::to_string(*v) : sym.to_string()) + ", model " +
              std::to_string(concrete) + "\n";
  }
  void eq(const expr& sym, bool concrete, const std::string& what) {
    const std::optional<bool> v = bool_value(sym);
    if (!v || *v != concrete)
      out_ += what + ": encoding " + (v ? (*v ? "true" : "false") : sym.to_string()) + ", model " +
              (concrete ? "true" : "false") + "\n";
  }
  std::string text() const { return out_; }

 private:
  std::string out_;
};

bool truth(const expr& e) { return bool_value(e).value_or(false); }

}  // namespace

Abstraction::Abstraction(z3::context& c, const World& world, const Scope& scope)
    : c_(c), world_(world), scope_(scope) {
  for (int d = 0; d < 3; ++d) slots_.push_back(world.find_device(device_name(d)));
}

int Abstraction::slot(DeviceId d) {
  if (d == kNone) return kNoSlot;
  const int known = known_slot(d);
  if (known >= 0) return known;
  if (static_cast<int>(slots_.size()) >= scope_.devices) return -2;
  slots_.push_back(d);
  return static_cast<int>(slots_.size()) - 1;
}

int Abstraction::known_slot(DeviceId d) const {
  for (std::size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i] == d) return static_cast<int>(i);
  return -1;
}

int Abstraction::actor(ActorId a) const {
  const std::string& name = world_.actor_name(a);
  for (int i = 0; i < actor_count(scope_); ++i)
    if (actor_name(i) == name) return i;
  return -1;
}

int Abstraction::gslot(ActorId a) const {
  const int x = actor(a);
  if (x < 0 || x == kOwner) return guardian_slots(scope_);
  return guardian_slot(x, scope_);
}

SymAction Abstraction::advance(Time t) const {
  SymAction a = make_action(c_, scope_);
  a.kind = c_.int_val(action_kind(ActionKind::kAdvance));
  a.time = c_.int_val(t);
  return a;
}

SymAction Abstraction::react() const {
  SymAction a = make_action(c_, scope_);
  a.kind = c_.int_val(action_kind(ActionKind::kReact));
  return a;
}

std::optional<SymAction> Abstraction::request(const Step& st, bool replay, bool replay_owner,
                                              std::string* why) {
  const Request& r = st.request;
  SymAction a = make_action(c_, scope_);
  auto fail = [&](const std::string& m) {
    *why = m;
    return std::nullopt;
  };
  // A crafted replay differs from what it replays only in its signature list, which the
  // encoding does not have (its signers are the devices, session and guardian that sign).
  if (st.craft != Craft::kNone) return fail("a replay with a crafted signature list");
  a.kind = c_.int_val(action_kind(ActionKind::kRequest));
  const int actor = this->actor(st.actor);
  if (actor < 0) return fail("actor " + world_.actor_name(st.actor) + " outside the scope");
  a.actor = c_.int_val(actor);
  a.op = c_.int_val(static_cast<int>(r.op));
  const Args& g = r.args;
  const int dev = slot(g.device), dev2 = slot(g.device2);
  if (dev == -2 || dev2 == -2) return fail("more device ids than the scope's devices");
  a.dev = c_.int_val(dev);
  a.dev2 = c_.int_val(dev2);
  a.kind2 = c_.int_val(static_cast<int>(g.kind));
  a.rec2 = c_.bool_val(g.purpose == Purpose::kRecovery);
  a.prot2 = c_.bool_val(g.protect);
  a.duration = c_.int_val(g.duration);
  a.number = c_.int_val(g.number);
  a.weight = c_.int_val(g.weight);
  a.amount = c_.int_val(g.amount);
  switch (r.op) {
    case Op::kAddGuardian:
    case Op::kRemoveGuardian:
    case Op::kFollow: {
      // The owner has no guardian slot: she can be named (a remove or follow that finds no
      // guardian), not added.
      const int x = this->actor(g.actor);
      if (x < 0 || (x == kOwner && r.op == Op::kAddGuardian))
        return fail("a guardian op on an actor outside the guardian slots");
      a.gslot = c_.int_val(gslot(g.actor));
      a.gslot2 = c_.int_val(g.actor2 == kNone ? kNoSlot : gslot(g.actor2));
      break;
    }
    case Op::kTransfer:
    case Op::kWithdraw:
    case Op::kClawback:
    case Op::kSweep:
      if (g.asset != world_.find_asset("alice/neuron")) return fail("an asset outside the scope");
      if (r.op == Op::kTransfer || r.op == Op::kWithdraw) {
        const int to = this->actor(g.actor);
        if (to < 0) return fail("a recipient outside the scope's actors");
        a.to = c_.int_val(to);
      }
      break;
    case Op::kAddContact: {
      const int to = this->actor(g.actor);
      if (to < 0) return fail("a recipient outside the scope's actors");
      a.to = c_.int_val(to);
      break;
    }
    default:
      break;
  }
  const Identity* before = st.before.identity(r.identity);
  if (before == nullptr || r.identity != 1) return fail("an identity outside the scope");
  a.code_right = c_.bool_val(g.code == before->registration.code);
  const int receiver = this->actor(st.receiver == kNone ? st.actor : st.receiver);
  a.receiver = c_.int_val(receiver == kOwner ? kOwner : kAttacker);
  // Guardian signatures: the actor's own key (any one, in a replay) when it is the request's
  // one guardian signature beside no device, else co-signers (Argent's owner-plus-guardians
  // requests), which the encoding has only on the ops that ask for them.
  int device_signers = 0, guardian_signers = 0;
  for (const SignatureEntry& e : r.signers) {
    device_signers += e.kind == SignerKind::kDevice;
    guardian_signers += e.kind == SignerKind::kGuardian;
  }
  bool own_key = device_signers == 0 && guardian_signers == 1;
  for (const SignatureEntry& e : r.signers)  // another's key alone is a co-signer (replays aside)
    if (e.kind == SignerKind::kGuardian && e.id != st.actor && !replay) own_key = false;
  const bool cosign_op = r.op == Op::kAddDevice || r.op == Op::kRemoveDevice ||
                         r.op == Op::kReplaceDevice || r.op == Op::kTransfer ||
                         r.op == Op::kAddContact;
  for (const SignatureEntry& e : r.signers) {
    if (e.kind == SignerKind::kGuardian && !own_key) {
      if (!cosign_op) return fail("guardian co-signers on an op that does not ask for them");
      const int j = gslot(e.id);
      if (j >= guardian_slots(scope_)) return fail("a co-signer outside the guardian slots");
      if (a.cosig[j].is_true()) return fail("a co-signer named twice");
      a.cosig[j] = c_.bool_val(true);
      continue;
    }
    switch (e.kind) {
      case SignerKind::kDevice: {
        const int s = slot(e.id);
        if (s < 0) return fail("a signer outside the scope's devices");
        a.sig[s] = c_.bool_val(true);
        break;
      }
      case SignerKind::kSession:
        a.sig_session = c_.bool_val(true);
        a.session_id = c_.int_val(e.id);
        a.sig_app = c_.bool_val(world_.app_session(r.identity, e.id));
        break;
      case SignerKind::kGuardian:
        // One guardian key beside no device (co-signers are above).
        a.sig_guardian = c_.bool_val(true);
        a.gsigner = c_.int_val(gslot(e.id));
        break;
    }
  }
  // The request-level facts the encoding takes as given (R-REQ-2, R-REQ-3, R-SOC-6's nonce).
  const Time now = st.time;
  a.stale = c_.bool_val(r.time > now || now - r.time > kRequestFreshness);
  const Digest dg = digest(encode(r).view());
  const bool remembered =
      before->seen.find_if([dg](const SeenRequest& x) { return x.digest == dg; }) != nullptr;
  a.seen = c_.bool_val(r.nonce <= before->nonce_floor || remembered);
  a.early = c_.bool_val(r.op == Op::kVetoRecovery && before->recovery.active &&
                        r.nonce <= before->recovery.start_nonce);
  a.replay = c_.bool_val(replay);
  a.replay_owner = c_.bool_val(replay_owner);
  return a;
}

std::optional<SymAction> Abstraction::event(const Step& st, std::string* why) {
  SymAction a = make_action(c_, scope_);
  a.kind = c_.int_val(action_kind(ActionKind::kEvent));
  const int actor = this->actor(st.actor);
  if (actor < 0) {
    *why = "actor " + world_.actor_name(st.actor) + " outside the scope";
    return std::nullopt;
  }
  // What the encoding's two-sided knowledge (the owner's, everyone else's) and its one
  // reaction strategy cannot follow.
  const ActorId alice = world_.find_actor("alice");
  if (st.event == EventKind::kLose && st.actor != alice) {
    for (ActorId x = 1; x <= kMaxActors; ++x)
      if (x != alice && st.knowledge.held(x, st.device)) {
        *why = "one of the others loses a device another of them still holds";
        return std::nullopt;
      }
  }
  if (st.event == EventKind::kReacts)
    for (const Step& x : world_.steps()) {
      if (&x == &st) break;
      if (x.kind == Step::Kind::kEvent && x.event == EventKind::kReacts) {
        *why = "a second reaction strategy";
        return std::nullopt;
      }
    }
  a.actor = c_.int_val(actor);
  a.event = c_.int_val(static_cast<int>(st.event));
  if (st.event == EventKind::kSteal || st.event == EventKind::kCopy ||
      st.event == EventKind::kLose) {
    const int d = slot(st.device);
    if (d < 0) {
      *why = "more device ids than the scope's devices";
      return std::nullopt;
    }
    a.dev = c_.int_val(d);
  }
  a.duration = c_.int_val(st.within);
  return a;
}

std::optional<SymState> Abstraction::state(const State& state, const Knowledge& k, Time now,
                                           std::string* why) {
  auto fail = [&](const std::string& m) {
    *why = m;
    return std::nullopt;
  };
  const Identity* id = state.identity(1);
  if (id == nullptr || state.identities.size() != 1) return fail("not one identity");
  SymState s = make_state(c_, scope_);
  auto i = [&](int64_t v) { return c_.int_val(v); };
  auto b = [&](bool v) { return c_.bool_val(v); };
  s.now = i(now);
  int order = 0;
  for (const reclaim::Device& d : id->devices) {
    const int x = slot(d.id);
    if (x < 0) return fail("more devices than the scope's");
    s.dev[x] = Device{b(true), i(static_cast<int>(d.kind)), b(d.purpose == Purpose::kRecovery),
                      b(d.is_protected), i(order++)};
  }
  s.seq = i(order);
  if (id->pending.size() > s.pend.size()) return fail("more pending changes than the scope's");
  for (std::size_t p = 0; p < id->pending.size(); ++p) {
    const PendingChange& x = id->pending[p];
    Pending& c = s.pend[p];
    c.present = b(true);
    c.number = i(x.number);
    c.op = i(static_cast<int>(x.op));
    c.dev = i(x.args.device == kNone ? kNoSlot : slot(x.args.device));
    c.dev2 = i(x.args.device2 == kNone ? kNoSlot : slot(x.args.device2));
    c.kind2 = i(static_cast<int>(x.args.kind));
    c.rec2 = b(x.args.purpose == Purpose::kRecovery);
    c.prot2 = b(x.args.protect);
    c.duration = i(x.args.duration);
    c.gslot = i(x.args.actor == kNone ? kNoSlot : gslot(x.args.actor));
    c.weight = i(x.args.weight);
    c.amount = i(x.args.amount);
    c.threshold = i(x.args.number);
    c.requested_at = i(x.requested_at);
    c.due_at = i(x.due_at);
    c.expires_at = i(x.expires_at);
    c.delay = i(x.delay);
  }
  s.next_change = i(id->next_change);
  s.removal_delay = i(id->removal_delay);
  for (const reclaim::Guardian& g : id->guardians) {
    const int j = gslot(g.actor);
    if (j >= guardian_slots(scope_)) return fail("a guardian outside the guardian slots");
    s.guard[j] = Guardian{b(true), i(g.weight), i(g.follows == kNone ? kNoSlot : gslot(g.follows))};
  }
  s.threshold = i(id->guardian_threshold);
  if (id->recovery.active) return fail("a recovery running at the start");
  s.locked_until = i(id->locked_until);
  s.lock_by_rec = b(id->lock_by_recovery);
  s.last_start = i(id->last_recovery_start);
  s.last_removal = i(id->last_guardian_removal);
  for (const Contact& x : id->contacts) {
    const int to = actor(x.actor);
    if (to < 0) return fail("a contact outside the scope's actors");
    s.contact_from[to] = i(x.from);
  }
  const Asset* asset = id->asset(world_.find_asset("alice/neuron"));
  if (asset == nullptr || id->assets.size() != 1) return fail("not the one asset alice/neuron");
  s.asset_amount = i(asset->amount);
  s.asset_locked = i(asset->locked_until);
  s.asset_swept = i(asset->swept);
  if (!id->sessions.empty() || id->registration.open)
    return fail("sessions or a registration at the start");
  s.next_session = i(id->next_session);
  s.notifications = i(id->notification_count);
  const ActorId alice = world_.find_actor("alice");
  for (int x = 0; x < static_cast<int>(slots_.size()); ++x) {
    bool others = false;
    for (ActorId a = 1; a <= kMaxActors; ++a) others |= a != alice && k.held(a, slots_[x]);
    s.own[x] = b(k.held(alice, slots_[x]));
    s.oth[x] = b(others);
    s.comp[x] = b(others);
  }
  return s;
}

std::string Abstraction::compare(const SymState& s, const State& state, const Knowledge& k,
                                 Time now) {
  Diff diff;
  const Identity* id = state.identity(1);
  if (id == nullptr) return "no identity";
  diff.eq(s.now, now, "now");
  // Devices: the same set, the same fields, the same list order.
  std::vector<int> concrete_order;
  for (const reclaim::Device& d : id->devices) {
    const int x = known_slot(d.id);
    if (x < 0) {
      diff.check(false, "device #" + std::to_string(d.id) + " of the model has no slot");
      continue;
    }
    concrete_order.push_back(x);
  }
  for (int x = 0; x < scope_.devices; ++x) {
    const Device& sd = s.dev[x];
    const DeviceId wid = x < static_cast<int>(slots_.size()) ? slots_[x] : kNone;
    const reclaim::Device* cd = wid == kNone ? nullptr : id->device(wid);
    const std::string name = "device " + device_name(x);
    diff.eq(sd.present, cd != nullptr, name + " present");
    if (cd == nullptr) continue;
    diff.eq(sd.kind, static_cast<int64_t>(cd->kind), name + " kind");
    diff.eq(sd.recovery, cd->purpose == Purpose::kRecovery, name + " recovery");
    diff.eq(sd.prot, cd->is_protected, name + " protected");
  }
  std::vector<int> symbolic_order;
  for (int x = 0; x < scope_.devices; ++x)
    if (truth(s.dev[x].present)) symbolic_order.push_back(x);
  std::stable_sort(symbolic_order.begin(), symbolic_order.end(), [&](int a, int b) {
    return int_value(s.dev[a].order).value_or(0) < int_value(s.dev[b].order).value_or(0);
  });
  diff.check(symbolic_order == concrete_order, "device list order");
  // Pending changes, in order.
  int count = 0;
  for (const Pending& c : s.pend) count += truth(c.present);
  diff.eq(s.next_change, static_cast<int64_t>(id->next_change), "next_change");
  if (count != static_cast<int>(id->pending.size())) {
    diff.check(false, "pending count: encoding " + std::to_string(count) + ", model " +
                          std::to_string(id->pending.size()));
  } else {
    for (int p = 0; p < count; ++p) {
      const Pending& c = s.pend[p];
      const PendingChange& x = id->pending[p];
      const std::string n = "pending[" + std::to_string(p) + "] ";
      diff.eq(c.number, static_cast<int64_t>(x.number), n + "number");
      diff.eq(c.op, static_cast<int64_t>(x.op), n + "op");
      diff.eq(c.requested_at, x.requested_at, n + "requested_at");
      diff.eq(c.due_at, x.due_at, n + "due_at");
      diff.eq(c.expires_at, x.expires_at, n + "expires_at");
      diff.eq(c.delay, x.delay, n + "delay");
      switch (x.op) {
        case Op::kRemoveDevice:
        case Op::kUnprotect:
          diff.eq(c.dev, static_cast<int64_t>(known_slot(x.args.device)), n + "device");
          break;
        case Op::kReplaceDevice:
          diff.eq(c.dev, static_cast<int64_t>(known_slot(x.args.device)), n + "device");
          diff.eq(c.dev2, static_cast<int64_t>(known_slot(x.args.device2)), n + "device2");
          diff.eq(c.kind2, static_cast<int64_t>(x.args.kind), n + "kind");
          diff.eq(c.rec2, x.args.purpose == Purpose::kRecovery, n + "recovery");
          diff.eq(c.prot2, x.args.protect, n + "protect");
          break;
        case Op::kSetRemovalDelay:
          diff.eq(c.duration, x.args.duration, n + "duration");
          break;
        case Op::kAddGuardian:
          diff.eq(c.weight, static_cast<int64_t>(x.args.weight), n + "weight");
          [[fallthrough]];
        case Op::kRemoveGuardian:
          diff.eq(c.gslot, static_cast<int64_t>(gslot(x.args.actor)), n + "guardian");
          break;
        case Op::kSetGuardianThreshold:
          diff.eq(c.threshold, static_cast<int64_t>(x.args.number), n + "threshold");
          break;
        case Op::kWithdraw:
          diff.eq(c.amount, x.args.amount, n + "amount");
          break;
        default:
          break;
      }
    }
  }
  diff.eq(s.removal_delay, id->removal_delay, "removal_delay");
  // Guardians, as a set.
  for (int j = 0; j < guardian_slots(scope_); ++j) {
    const ActorId a = world_.find_actor(actor_name(guardian_actor(j, scope_)));
    const reclaim::Guardian* g = a == kNone ? nullptr : id->guardian(a);
    const std::string n = "guardian " + actor_name(guardian_actor(j, scope_)) + " ";
    diff.eq(s.guard[j].present, g != nullptr, n + "present");
    if (g == nullptr) continue;
    diff.eq(s.guard[j].weight, static_cast<int64_t>(g->weight), n + "weight");
    diff.eq(s.guard[j].follows,
            static_cast<int64_t>(g->follows == kNone ? kNoSlot : gslot(g->follows)), n + "follows");
  }
  for (const reclaim::Guardian& g : id->guardians)
    diff.check(actor(g.actor) > kOwner, "guardian " + world_.actor_name(g.actor) + " has no slot");
  diff.eq(s.threshold, static_cast<int64_t>(id->guardian_threshold), "guardian_threshold");
  // The recovery.
  const Recovery& r = id->recovery;
  diff.eq(s.r_active, r.active, "recovery active");
  if (r.active) {
    diff.eq(s.r_dev, static_cast<int64_t>(known_slot(r.new_device)), "recovery device");
    diff.eq(s.r_kind, static_cast<int64_t>(r.kind), "recovery kind");
    diff.eq(s.r_started, r.started_at, "recovery started_at");
    diff.eq(s.r_due, r.due_at, "recovery due_at");
    diff.eq(s.r_n0, static_cast<int64_t>(r.guardians_at_start), "recovery n0");
    diff.eq(s.r_owner_started, r.owner_started, "recovery owner_started");
    for (int j = 0; j < guardian_slots(scope_); ++j) {
      const ActorId a = world_.find_actor(actor_name(guardian_actor(j, scope_)));
      const bool approved = a != kNone && r.approvals.find_if([a](ActorId x) { return x == a; });
      const bool vetoed = a != kNone && r.vetoes.find_if([a](uint32_t x) { return x == a; });
      diff.eq(s.r_approved[j], approved, "approval of " + actor_name(guardian_actor(j, scope_)));
      diff.eq(s.r_veto[j], vetoed, "veto of " + actor_name(guardian_actor(j, scope_)));
    }
    diff.eq(s.r_veto_owner,
            r.vetoes.find_if([](uint32_t x) { return x == kOwnerVoter; }) != nullptr, "owner veto");
  }
  diff.eq(s.locked_until, id->locked_until, "locked_until");
  diff.eq(s.lock_by_rec, id->lock_by_recovery, "lock_by_recovery");
  diff.eq(s.last_start, id->last_recovery_start, "last_recovery_start");
  diff.eq(s.last_removal, id->last_guardian_removal, "last_guardian_removal");
  // Contacts, as a set of (actor, first trusted instant).
  for (int x = 0; x < actor_count(scope_); ++x) {
    const ActorId a = world_.find_actor(actor_name(x));
    const Contact* ct =
        a == kNone ? nullptr : id->contacts.find_if([a](const Contact& y) { return y.actor == a; });
    diff.eq(s.contact_from[x], ct != nullptr ? ct->from : kNever, "contact " + actor_name(x));
  }
  for (const Contact& ct : id->contacts)
    diff.check(actor(ct.actor) >= 0, "contact " + world_.actor_name(ct.actor) + " has no slot");
  const Asset* asset = id->asset(world_.find_asset("alice/neuron"));
  diff.eq(s.asset_amount, asset ? asset->amount : -1, "asset amount");
  diff.eq(s.asset_locked, asset ? asset->locked_until : -1, "asset locked_until");
  diff.eq(s.asset_swept, asset ? asset->swept : -1, "asset swept");
  // Sessions, in order.
  int sessions = 0;
  for (const Session& x : s.sess) sessions += truth(x.present);
  if (sessions != static_cast<int>(id->sessions.size())) {
    diff.check(false, "session count: encoding " + std::to_string(sessions) + ", model " +
                          std::to_string(id->sessions.size()));
  } else {
    for (int x = 0; x < sessions; ++x) {
      diff.eq(s.sess[x].id, static_cast<int64_t>(id->sessions[x].id), "session id");
      diff.eq(s.sess[x].expires_at, id->sessions[x].expires_at, "session expires_at");
      diff.eq(s.sess[x].app, id->sessions[x].app, "session app");
    }
  }
  diff.eq(s.next_session, static_cast<int64_t>(id->next_session), "next_session");
  diff.eq(s.notifications, static_cast<int64_t>(id->notification_count), "notification_count");
  // The registration.
  const Registration& g = id->registration;
  diff.eq(s.g_open, g.open, "registration open");
  if (g.open) {
    diff.eq(s.g_end, g.window_end, "registration window_end");
    diff.eq(s.g_tentative, g.has_tentative, "registration tentative");
    diff.eq(s.g_wrong, static_cast<int64_t>(g.wrong_attempts), "registration wrong_attempts");
    if (g.has_tentative) {
      diff.eq(s.g_dev, static_cast<int64_t>(known_slot(g.device)), "tentative device");
      diff.eq(s.g_kind, static_cast<int64_t>(g.kind), "tentative kind");
      diff.eq(s.g_rec, g.purpose == Purpose::kRecovery, "tentative recovery");
      diff.eq(s.g_prot, g.protect, "tentative protected");
    }
  }
  // Knowledge.
  const ActorId alice = world_.find_actor("alice");
  for (int x = 0; x < static_cast<int>(slots_.size()); ++x) {
    bool others = false;
    for (ActorId a = 1; a <= kMaxActors; ++a) others |= a != alice && k.held(a, slots_[x]);
    diff.eq(s.own[x], k.held(alice, slots_[x]), "alice holds " + device_name(x));
    diff.eq(s.oth[x], others, "others hold " + device_name(x));
  }
  for (int j = 0; j < guardian_slots(scope_); ++j) {
    const ActorId a = world_.find_actor(actor_name(guardian_actor(j, scope_)));
    diff.eq(s.colluding[j], a != kNone && a <= kMaxActors && k.colluding[a] != 0,
            actor_name(guardian_actor(j, scope_)) + " colludes");
  }
  return diff.text();
}

}  // namespace reclaim::sym
