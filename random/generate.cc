// RapidCheck generators of the random engine's actions (see generate.h).
#include "random/generate.h"

#include <algorithm>
#include <utility>

#include "model/ops.h"
#include "properties/monitor.h"

namespace reclaim::randomized {
namespace {

template <typename T>
using Weighted = std::vector<std::pair<std::size_t, T>>;

// Picks by weight. Not shrunk: removing whole actions is how traces shrink, and a category
// that changed under a shrink would only be a different random action.
template <typename T>
T pick(const Weighted<T>& options) {
  std::size_t sum = 0;
  for (const auto& o : options) sum += o.first;
  if (sum == 0) throw rc::GenerationFailure("no option has weight");
  std::size_t r = *rc::gen::noShrink(rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, sum)));
  for (const auto& o : options) {
    if (r < o.first) return o.second;
    r -= o.first;
  }
  return options.back().second;
}

// A uniform index in [0, n) that shrinks towards 0 (lists are ordered simplest first).
std::size_t index(std::size_t n) {
  if (n <= 1) return 0;
  return *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, n));
}

template <typename T>
const T& element(const std::vector<T>& v) {
  return v[index(v.size())];
}

bool coin(std::size_t in_hundred) {
  return pick(Weighted<bool>{{in_hundred, true}, {100 - in_hundred, false}});
}

enum class Role : uint8_t { kOwner, kAttacker, kHonestGuardian, kColludingGuardian };

struct Dev {
  std::string name;
  DeviceKind kind = DeviceKind::kPasskey;
  Purpose purpose = Purpose::kAuth;
};

struct Actor {
  std::string name;
  std::vector<std::string> registered_held;  // registered devices of alice it holds
  std::vector<std::string> recovery_held;    // the recovery ones among them
  std::vector<std::string> other_held;       // held names that are not registered now
  bool session = false;
  bool app_session = false;  // holds an app delegation of alice
  bool guardian = false;  // a guardian of alice now
  bool colluding = false;
};

// Everything the generators read, copied out of the Model once per generated action.
struct Snapshot {
  Policy policy;
  std::vector<Op> enabled;
  Time now = 0;
  std::vector<Dev> registered;
  Actor owner, attacker;
  std::vector<Actor> guardians;              // current guardians of alice (mallory too once added)
  std::vector<std::string> addable;          // actors that could become guardians
  std::vector<std::string> known_guardians;  // current guardians a follow/remove line may name
                                             // (named before, so the .scn parser knows them)
  std::vector<std::string> colludable;       // setup guardians not yet colluding
  std::vector<std::string> stealable;        // devices alice holds and mallory does not
  std::vector<std::string> loseable;         // devices alice holds
  std::vector<uint32_t> pending;             // pending change numbers
  uint32_t next_change = 1;
  bool pending_withdraw = false;
  std::vector<Time> boundaries;  // absolute times > now worth landing on exactly
  bool recovery_active = false;
  bool recovery_for_owner = false;
  bool registration_open = false;
  bool tentative = false;
  int64_t asset_amount = 0;
  std::size_t request_lines = 0;
  std::vector<std::size_t> line_signers;  // signatures each request line carries
  std::size_t sessions = 0;               // live sessions of alice
  std::vector<std::string> unregistered;  // device names the world knows, not alice's now
  bool reactive = false;
  bool any_session = false;
  bool any_app_session = false;
  std::size_t actions = 0;
  std::size_t devices = 0;
  // Free names for new devices, by pool (see free_names()).
  std::vector<std::string> free_owner, free_attacker, free_recovery, free_tentative;

  bool enabled_op(Op op) const {
    return std::find(enabled.begin(), enabled.end(), op) != enabled.end();
  }
};

constexpr int kPoolSize = 6;

// New-device names come from small fixed pools, so a shrunk trace names few devices and the
// World's 64-name table is never exhausted: alice/new1.. (owner), alice/evil1.. (attacker and
// colluding guardians), alice/rec1.. (recovery targets), alice/tent1.. (tentative devices).
// A pool name is free when no device of alice and no pending tentative or recovery uses it.
std::vector<std::string> free_names(const Model& m, const std::string& prefix) {
  const World& w = m.world;
  const Identity* id = w.state().identity(m.identity());
  std::vector<std::string> out;
  for (int i = 1; i <= kPoolSize; ++i) {
    const std::string name = kStandardOwner + "/" + prefix + std::to_string(i);
    const DeviceId d = w.find_device(name);
    if (d != kNone && id != nullptr) {
      if (id->device(d) != nullptr) continue;
      if (id->registration.has_tentative && id->registration.device == d) continue;
      if (id->recovery.active && id->recovery.new_device == d) continue;
      if (std::any_of(id->pending.begin(), id->pending.end(),
                      [d](const PendingChange& c) { return c.args.device2 == d; }))
        continue;
    }
    out.push_back(name);
  }
  return out;
}

bool names_alice(const std::string& name) {
  return name.size() > kStandardOwner.size() + 1 &&
         name.compare(0, kStandardOwner.size() + 1, kStandardOwner + "/") == 0;
}

Actor actor_view(const Model& m, ActorId a, const Identity& id) {
  const World& w = m.world;
  Actor out;
  out.name = w.actor_name(a);
  for (const Device& d : id.devices)
    if (w.holds(a, d.id)) {
      out.registered_held.push_back(w.device_name(d.id));
      if (d.purpose == Purpose::kRecovery) out.recovery_held.push_back(w.device_name(d.id));
    }
  for (DeviceId d = 1; d <= kMaxWorldDevices && w.device_name(d) != "?"; ++d)
    if (w.holds(a, d) && id.device(d) == nullptr) out.other_held.push_back(w.device_name(d));
  out.session = a <= 31 && ((m.session_holders >> a) & 1);
  out.app_session = a <= 31 && ((m.app_session_holders >> a) & 1);
  out.guardian = id.guardian(a) != nullptr;
  out.colluding = a <= kMaxActors && w.knowledge().colluding[a] != 0;
  return out;
}

void add_boundary(Snapshot& s, Time t) {
  for (Time x : {t - 1, t, t + 1})
    if (x > s.now && std::find(s.boundaries.begin(), s.boundaries.end(), x) == s.boundaries.end())
      s.boundaries.push_back(x);
}

Snapshot snapshot(const Model& m) {
  const World& w = m.world;
  Snapshot s;
  s.policy = w.policy();
  s.enabled = enabled_ops(s.policy);
  s.now = w.now();
  const Identity* idp = w.state().identity(m.identity());
  static const Identity kEmpty;
  const Identity& id = idp != nullptr ? *idp : kEmpty;
  for (const Device& d : id.devices)
    s.registered.push_back({w.device_name(d.id), d.kind, d.purpose});
  s.devices = id.devices.size();
  s.owner = actor_view(m, m.owner(), id);
  s.attacker = actor_view(m, m.attacker(), id);
  for (const Guardian& g : id.guardians) {
    Actor a = actor_view(m, g.actor, id);
    if (g.actor == m.attacker()) a.colluding = true;
    if (g.actor <= 31 && ((m.mentioned >> g.actor) & 1)) s.known_guardians.push_back(a.name);
    s.guardians.push_back(std::move(a));
  }
  if (s.policy.guardians) {
    for (const std::string& g : kStandardGuardians) {
      const ActorId a = w.find_actor(g);
      if (id.guardian(a) == nullptr)
        s.addable.push_back(g);
      else if (!w.knowledge().colluding[a])
        s.colludable.push_back(g);
    }
  }
  if (id.guardian(m.attacker()) == nullptr) s.addable.push_back(kStandardAttacker);
  for (DeviceId d = 1; d <= kMaxWorldDevices && w.device_name(d) != "?"; ++d) {
    if (!w.holds(m.owner(), d)) continue;
    s.loseable.push_back(w.device_name(d));
    if (!w.holds(m.attacker(), d)) s.stealable.push_back(w.device_name(d));
  }
  for (const PendingChange& c : id.pending) {
    s.pending.push_back(c.number);
    s.pending_withdraw |= c.op == Op::kWithdraw;
    add_boundary(s, c.due_at);
    if (c.expires_at != kNever) add_boundary(s, c.expires_at);
  }
  s.next_change = id.next_change;
  s.recovery_active = id.recovery.active;
  if (id.recovery.active) {
    s.recovery_for_owner = w.holds(m.owner(), id.recovery.new_device);
    if (id.recovery.due_at != kNever) add_boundary(s, id.recovery.due_at);  // kNever: no quorum
  }
  s.registration_open = id.registration.open && id.registration.window_end > s.now;
  s.tentative = s.registration_open && id.registration.has_tentative;
  if (id.registration.open) add_boundary(s, id.registration.window_end);
  for (const Session& ses : id.sessions) add_boundary(s, ses.expires_at);
  if (id.locked_until > s.now) add_boundary(s, id.locked_until);
  for (const Asset& a : id.assets) {
    s.asset_amount = a.amount;
    if (a.locked_until > s.now) add_boundary(s, a.locked_until);
  }
  // When the reactive owner will act on the newest notifications.
  if (m.reactive)
    for (std::size_t i = id.notifications.size(), k = 0; i-- > 0 && k < 3; ++k)
      add_boundary(s, id.notifications[i].at + m.reaction);
  s.request_lines = m.interpreter.request_lines().size();
  for (const Request& r : m.interpreter.request_lines()) s.line_signers.push_back(r.signers.size());
  s.sessions = id.sessions.size();
  for (DeviceId d = 1; d <= kMaxWorldDevices && w.device_name(d) != "?"; ++d)
    if (id.device(d) == nullptr && names_alice(w.device_name(d)))
      s.unregistered.push_back(w.device_name(d));
  s.reactive = m.reactive;
  s.any_session = m.any_session;
  s.any_app_session = m.any_app_session;
  s.actions = m.actions;
  s.free_owner = free_names(m, "new");
  s.free_attacker = free_names(m, "evil");
  s.free_recovery = free_names(m, "rec");
  s.free_tentative = free_names(m, "tent");
  return s;
}

// ------------------------------------------------------------------ argument choices

// A TOTP authenticator only where the policy lets one be registered (R-2FA-3): elsewhere the
// weights, and so every trace of the other variants, stay as they were.
DeviceKind gen_kind(const Policy& p) {
  Weighted<DeviceKind> kinds{{3, DeviceKind::kPasskey},
                             {2, DeviceKind::kSecurityKey},
                             {1, DeviceKind::kHardwareWallet},
                             {2, DeviceKind::kSeedPhrase}};
  if (p.totp) kinds.push_back({3, DeviceKind::kTotp});
  return pick(kinds);
}

const std::vector<std::string>& pool_for(const Snapshot& s, Role role) {
  return role == Role::kOwner || role == Role::kHonestGuardian ? s.free_owner : s.free_attacker;
}

// A registered device to act on: the attacker aims at recovery devices and at what it does
// not hold, the owner at what she does not hold (eviction), protect/unprotect at phrases.
std::string gen_target(const Snapshot& s, const Actor& who, Role role, Op op) {
  if (s.registered.empty()) return "alice/laptop";  // gone: the request is rejected not-found
  // Crafted: a device the world knows that is not alice's now (removed, offered, recovered
  // to, or never added): an argument that points at nothing.
  if (!s.unregistered.empty() && coin(6)) return element(s.unregistered);
  Weighted<std::string> options;
  auto holds = [&](const std::string& n) {
    return std::find(who.registered_held.begin(), who.registered_held.end(), n) !=
           who.registered_held.end();
  };
  for (const Dev& d : s.registered) {
    std::size_t w = 2;
    if (op == Op::kProtect || op == Op::kUnprotect) {
      w = d.kind == DeviceKind::kSeedPhrase ||
                  (s.policy.protectable && d.purpose == Purpose::kRecovery)
              ? 12
              : 1;
    } else if (role == Role::kOwner) {
      w = holds(d.name) ? 1 : 6;
    } else {
      w = (d.purpose == Purpose::kRecovery ? 6 : 2) + (holds(d.name) ? 0 : 2);
    }
    options.push_back({w, d.name});
  }
  return pick(options);
}

std::vector<Duration> delay_choices(const Snapshot& s) {
  std::vector<Duration> out;
  for (Duration d : s.policy.delay_menu) out.push_back(d);
  if (out.empty()) out = {kDay, kWeek, kMonth, kYear};
  return out;
}

// A fresh device name for an op that creates one: recoveries and tentative devices draw
// from pools of their own (so that a written trace says which flow made a device).
const std::vector<std::string>& new_device_pool(const Snapshot& s, Role role, const OpInfo& op) {
  if (op.family == Family::kSocial) return s.free_recovery;
  if (op.family == Family::kRegistration) return s.free_tentative;
  return pool_for(s, role);
}

// Fills the op's arguments role by role, in the order the op table spells them
// (model/ops.h), so an op the generators know nothing special about is still formed.
// Returns false when the op cannot be formed now (a pool is exhausted); request_for() then
// falls back to another op.
bool gen_args(const Snapshot& s, const Actor& who, Role role, Statement& st) {
  const bool hostile = role == Role::kAttacker || role == Role::kColludingGuardian;
  const std::string beneficiary = hostile ? kStandardAttacker : kStandardOwner;
  const OpInfo& op = op_info(st.op);
  for (std::size_t i = 0; i < op.role_count; ++i) {
    switch (op.roles[i]) {
      case ArgRole::kAddedDevice: {
        const auto& pool = new_device_pool(s, role, op);
        if (pool.empty()) return false;
        st.device = element(pool);
        break;
      }
      case ArgRole::kDevice:
        st.device = gen_target(s, who, role, st.op);
        break;
      case ArgRole::kNewDevice: {
        const auto& pool = new_device_pool(s, role, op);
        if (pool.empty()) return false;
        st.device2 = element(pool);
        break;
      }
      case ArgRole::kKind:
        st.device_kind = st.op == Op::kStartRecovery
                             ? pick(Weighted<DeviceKind>{{3, DeviceKind::kPasskey},
                                                         {2, DeviceKind::kSeedPhrase},
                                                         {1, DeviceKind::kHardwareWallet}})
                             : gen_kind(s.policy);
        break;
      case ArgRole::kPurpose:
        st.purpose = op.family == Family::kRegistration
                         ? pick(Weighted<Purpose>{{3, Purpose::kAuth}, {1, Purpose::kRecovery}})
                         : pick(Weighted<Purpose>{{3, Purpose::kAuth}, {2, Purpose::kRecovery}});
        break;
      case ArgRole::kOptProtected:
        // Where recovery hardware is protectable (R-DEV-4), a recovery device of any kind.
        st.is_protected = (st.device_kind == DeviceKind::kSeedPhrase ||
                           (s.policy.protectable && st.purpose == Purpose::kRecovery)) &&
                          s.policy.protection && coin(50);
        break;
      case ArgRole::kIdentity:
        break;
      case ArgRole::kDelay: {
        Weighted<Duration> options;
        for (Duration d : delay_choices(s)) options.push_back({6, d});
        options.push_back({1, 0});
        options.push_back({1, kHour});
        st.duration = pick(options);
        break;
      }
      case ArgRole::kChange: {
        Weighted<uint32_t> options;
        for (uint32_t n : s.pending) options.push_back({6, n});
        options.push_back({2, 0});              // all
        options.push_back({1, s.next_change});  // names nothing (yet)
        st.number = pick(options);
        break;
      }
      case ArgRole::kAddedGuardian: {
        std::vector<std::string> who_options;
        if (hostile) who_options.push_back(kStandardAttacker);
        for (const std::string& g : s.addable)
          if (!hostile || g != kStandardAttacker) who_options.push_back(g);
        if (who_options.empty())
          who_options.push_back(hostile ? kStandardAttacker : kStandardGuardians[0]);
        // Without guardians it is rejected `disabled`; it names no new actor.
        if (!s.policy.guardians) who_options = {kStandardAttacker};
        st.guardian = element(who_options);
        break;
      }
      case ArgRole::kGuardian: {
        if (op.authority == Authority::kFollower) {  // the guardian acts for itself
          st.guardian = who.name;
          break;
        }
        std::vector<std::string> options = s.known_guardians;
        for (const Actor& g : s.guardians)
          if (g.name == who.name &&
              std::find(options.begin(), options.end(), g.name) == options.end())
            options.push_back(g.name);
        if (options.empty()) options.push_back(who.name);  // not a guardian: rejected not-found
        st.guardian = element(options);
        break;
      }
      case ArgRole::kOptWeight:
        if (op.has_field(Field::kWeight)) st.weight = pick(Weighted<uint32_t>{{6, 1}, {2, 2}, {1, 3}});
        break;
      case ArgRole::kFollowee: {
        std::vector<std::string> options;
        for (const std::string& g : s.known_guardians)
          if (g != who.name) options.push_back(g);
        if (options.empty()) options.push_back(kStandardOwner);
        st.actor2 = element(options);
        break;
      }
      case ArgRole::kOptFor:
        if (beneficiary != who.name) st.actor2 = beneficiary;
        break;
      case ArgRole::kOptTtl:
        st.duration =
            pick(Weighted<Duration>{{4, 0}, {2, kHour}, {2, kDay}, {1, 30 * kDay}, {1, 60 * kDay}});
        break;
      case ArgRole::kAsset:
        // Crafted, now and then: an asset alice does not have.
        st.device = coin(4) ? kStandardOwner + "/gold" : kStandardAsset;
        break;
      case ArgRole::kAmount: {
        // Out of range as well: nothing, one more than the standard balance, far more.
        Weighted<int64_t> amounts = {{3, 100},
                                     {2, 1},
                                     {2, kStandardAssetAmount},
                                     {1, kStandardAssetAmount + 1},
                                     {1, 0},
                                     {1, 1000 * kStandardAssetAmount}};
        if (s.asset_amount > 0 && s.asset_amount != kStandardAssetAmount) {
          amounts.push_back({2, s.asset_amount});
          amounts.push_back({1, s.asset_amount + 1});
        }
        st.amount = pick(amounts);
        break;
      }
      case ArgRole::kTo:
        st.actor2 = beneficiary;
        break;
      case ArgRole::kCode:
        st.code_right = coin(75);
        break;
      case ArgRole::kThreshold:
        st.number = pick(Weighted<uint32_t>{{3, 1}, {3, 2}, {2, 3}, {1, 4}, {1, 0}});
        break;
    }
  }
  return true;
}

// Who signs: what the actor holds, in the combinations the rules care about (one device,
// two distinct devices for two-factor, a recovery device for cancel/veto/clawback, a
// session, the guardian key, nothing).
void gen_signers(const Snapshot& s, const Actor& who, Role role, Statement& st) {
  enum class How : uint8_t {
    kOne,
    kRecovery,
    kTwo,
    kMany,
    kSession,
    kAppSession,
    kUnregistered,
    kGuardian,
    kUnsigned
  };
  const std::size_t held = who.registered_held.size();
  const bool wants_recovery =
      st.op == Op::kCancel || st.op == Op::kVetoRecovery || st.op == Op::kClawback ||
      st.op == Op::kSweep ||
      ((st.op == Op::kUnprotect || st.op == Op::kRemoveDevice || st.op == Op::kReplaceDevice) &&
       std::find(who.registered_held.begin(), who.registered_held.end(), st.device) !=
           who.registered_held.end());
  const bool guardian_op = st.op == Op::kStartRecovery || st.op == Op::kApproveRecovery ||
                           st.op == Op::kVetoRecovery || st.op == Op::kFollow ||
                           st.op == Op::kLock || st.op == Op::kUnlock;
  Weighted<How> options;
  const bool guardian_role = role == Role::kHonestGuardian || role == Role::kColludingGuardian;
  if (guardian_role) {
    options.push_back({guardian_op ? 20 : 4, How::kGuardian});
    if (held >= 1) options.push_back({2, How::kOne});
    options.push_back({1, How::kUnsigned});
  } else {
    if (held >= 1) options.push_back({10, How::kOne});
    if (!who.recovery_held.empty()) options.push_back({wants_recovery ? 14 : 3, How::kRecovery});
    if (held >= 2) options.push_back({s.policy.two_factor ? 14 : 5, How::kTwo});
    if (held >= 3) options.push_back({2, How::kMany});
    if (who.session) options.push_back({role == Role::kAttacker ? 8 : 4, How::kSession});
    if (who.app_session) {
      const bool moves = st.op == Op::kTransfer || st.op == Op::kWithdraw;
      options.push_back({moves ? 10 : 2, How::kAppSession});
    }
    if (!who.other_held.empty()) options.push_back({1, How::kUnregistered});
    if (who.guardian) options.push_back({guardian_op ? 12 : 1, How::kGuardian});
    options.push_back(
        {st.op == Op::kAddTentative ? 40 : (held == 0 && !who.session ? 6 : 1), How::kUnsigned});
  }
  switch (pick(options)) {
    case How::kOne:
      st.signer_mode = SignerMode::kDevices;
      st.signers = {element(who.registered_held)};
      return;
    case How::kRecovery: {
      st.signer_mode = SignerMode::kDevices;
      st.signers = {element(who.recovery_held)};
      if (held >= 2 && coin(50)) {
        std::vector<std::string> rest;
        for (const std::string& d : who.registered_held)
          if (d != st.signers[0]) rest.push_back(d);
        st.signers.push_back(element(rest));
      }
      return;
    }
    case How::kTwo: {
      st.signer_mode = SignerMode::kDevices;
      const std::size_t i = index(held);
      std::size_t j = index(held - 1);
      if (j >= i) ++j;
      st.signers = {who.registered_held[i], who.registered_held[j]};
      return;
    }
    case How::kMany: {
      st.signer_mode = SignerMode::kDevices;
      st.signers.assign(who.registered_held.begin(),
                        who.registered_held.begin() + std::min<std::size_t>(held, kMaxSigners));
      return;
    }
    case How::kSession:
      st.signer_mode = SignerMode::kSession;
      return;
    case How::kAppSession:
      st.signer_mode = SignerMode::kAppSession;
      return;
    case How::kUnregistered:
      st.signer_mode = SignerMode::kDevices;
      st.signers = {element(who.other_held)};
      return;
    case How::kGuardian:
      st.signer_mode = SignerMode::kGuardian;
      return;
    case How::kUnsigned:
      st.signer_mode = SignerMode::kUnsigned;
      return;
  }
}

// Guardians co-signing beside the devices (Argent: the owner plus ceil(n/2) guardians, R-DEV-12
// and R-AST-6), where the policy asks for them on this op: as many as the co-signing rule lets
// the actor obtain (sim/world.h: the owner gets honest guardians, the attacker colluding ones
// and its own key), the quorum exactly, one short, or all it can get, so both the rule's
// acceptance and its `threshold` rejection are reached.
void gen_cosigners(const Snapshot& s, const Actor& who, Role role, Statement& st) {
  const bool asks = guardians_cosign(s.policy, st.op);
  if (!asks || st.signer_mode != SignerMode::kDevices || st.signers.empty() || s.guardians.empty())
    return;
  std::vector<std::string> can;
  for (const Actor& g : s.guardians) {
    const bool obtains = g.name == who.name ||
                         (role == Role::kOwner ? !g.colluding : g.colluding);
    if (obtains) can.push_back(kStandardOwner + "/" + g.name);
  }
  const std::size_t room = kMaxSigners - std::min(kMaxSigners, st.signers.size());
  if (can.empty() || room == 0 || !coin(75)) return;
  const std::size_t quorum = (s.guardians.size() + 1) / 2;
  std::size_t want = quorum;
  const int how = static_cast<int>(index(4));
  if (how == 1 && quorum > 1) want = quorum - 1;
  if (how == 2) want = can.size();
  want = std::min({want, can.size(), room});
  for (std::size_t k = 0; k < want; ++k) {
    const std::size_t i = index(can.size());
    st.cosigners.push_back(can[i]);
    can.erase(can.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// Op weights by role and state. Ops the policy does not have get one small shared weight, so
// their `disabled` rejections are covered without wasting many actions.
Weighted<Op> op_weights(const Snapshot& s, const Actor& who, Role role) {
  const bool pending = !s.pending.empty();
  // Boundary-seeking: the fuller the identity, the likelier another device (R-DEV-2's limit
  // is only ever tested by a trace that reaches it).
  const std::size_t grow = s.devices + 2 >= s.policy.max_devices   ? 30
                           : s.devices * 2 >= s.policy.max_devices ? 14
                                                                   : 0;
  const bool free_new = !pool_for(s, role).empty();
  Weighted<Op> w;
  std::array<bool, kOpCount + 1> weighed{};
  auto add = [&](Op op, std::size_t weight) {
    weighed[static_cast<std::size_t>(op)] = true;
    if (weight > 0 && s.enabled_op(op)) w.push_back({weight, op});
  };
  switch (role) {
    case Role::kOwner:
      add(Op::kAddDevice, free_new ? 6 + grow : 0);
      add(Op::kRemoveDevice, who.registered_held.size() < s.registered.size() ? 10 : 4);
      add(Op::kReplaceDevice, free_new ? 3 : 0);
      add(Op::kProtect, 3);
      add(Op::kUnprotect, 3);
      add(Op::kSetRemovalDelay, 4);
      add(Op::kCancel, pending ? 10 : 1);
      add(Op::kAddGuardian, 3);
      add(Op::kRemoveGuardian, 2);
      add(Op::kSetGuardianThreshold, 2);
      add(Op::kStartRecovery, !s.recovery_active && !s.free_recovery.empty() ? 2 : 0);
      add(Op::kApproveRecovery, 1);
      add(Op::kVetoRecovery, s.recovery_active ? 12 : 1);
      add(Op::kLock, 1);
      add(Op::kUnlock, 1);
      add(Op::kLogin, s.sessions + 1 >= s.policy.limits.sessions ? 8 : 4);
      add(Op::kAppLogin, 4);
      add(Op::kTransfer, 3);
      add(Op::kWithdraw, 3);
      add(Op::kClawback, s.pending_withdraw ? 12 : 1);
      add(Op::kSweep, s.pending_withdraw ? 6 : 1);  // rare otherwise: it empties the asset
      add(Op::kAddContact, 1);
      add(Op::kEnterRegistration, s.registration_open ? 1 : 4);
      add(Op::kAddTentative,
          s.free_tentative.empty() ? 0 : (s.registration_open && !s.tentative ? 12 : 1));
      add(Op::kVerifyTentative, s.tentative ? 14 : 1);
      add(Op::kFollow, 0);  // the owner is no guardian
      break;
    case Role::kAttacker:
      add(Op::kAddDevice, free_new ? 8 + grow : 0);
      add(Op::kRemoveDevice, 8);
      add(Op::kReplaceDevice, free_new ? 3 : 0);
      add(Op::kProtect, 1);
      add(Op::kUnprotect, 3);
      add(Op::kSetRemovalDelay, 4);
      add(Op::kCancel, pending ? 5 : 1);
      add(Op::kAddGuardian, 3);
      add(Op::kRemoveGuardian, 3);
      add(Op::kSetGuardianThreshold, 2);
      add(Op::kStartRecovery, !s.recovery_active && !s.free_recovery.empty() ? 4 : 0);
      add(Op::kApproveRecovery, who.guardian && s.recovery_active ? 8 : 1);
      add(Op::kVetoRecovery, s.recovery_active ? 3 : 1);
      add(Op::kFollow, who.guardian ? 2 : 0);
      add(Op::kLock, who.guardian ? 3 : 1);
      add(Op::kUnlock, who.guardian ? 2 : 1);
      add(Op::kLogin, 4);
      add(Op::kAppLogin, 3);
      add(Op::kTransfer, 5);
      add(Op::kWithdraw, 5);
      add(Op::kClawback, 1);
      add(Op::kSweep, 1);  // griefing, where anyone may sweep
      add(Op::kAddContact, 3);  // then a transfer to itself needs no guardian
      add(Op::kEnterRegistration, 3);
      add(Op::kAddTentative,
          s.free_tentative.empty() ? 0 : (s.registration_open && !s.tentative ? 12 : 2));
      add(Op::kVerifyTentative, s.tentative ? 6 : 1);
      break;
    case Role::kHonestGuardian:
    case Role::kColludingGuardian: {
      const bool honest = role == Role::kHonestGuardian;
      // Honest guardians help the owner only: they approve recoveries for her and vote
      // against the others; colluding ones do the opposite.
      const bool for_owner = s.recovery_for_owner;
      add(Op::kStartRecovery, !s.recovery_active && !s.free_recovery.empty() ? 10 : 0);
      add(Op::kApproveRecovery, s.recovery_active ? (honest == for_owner ? 14 : 0) : 1);
      add(Op::kVetoRecovery, s.recovery_active ? (honest != for_owner ? 8 : 0) : 0);
      add(Op::kFollow, 4);
      add(Op::kLock, 3);
      add(Op::kUnlock, 2);
      add(Op::kRemoveDevice, honest ? 0 : 1);
      break;
    }
  }
  if (role == Role::kOwner || role == Role::kAttacker) {
    // An op the weights above do not know (a new row of the op table) is still tried.
    for (const OpInfo& op : op_table())
      if (!weighed[static_cast<std::size_t>(op.op)]) add(op.op, 3);
    std::vector<Op> disabled;
    for (int i = 1; i <= kOpCount; ++i) {
      const Op op = static_cast<Op>(i);
      if (!s.enabled_op(op) && op != Op::kFollow) disabled.push_back(op);
    }
    if (!disabled.empty())
      w.push_back({2, disabled[static_cast<std::size_t>(s.actions) % disabled.size()]});
  }
  if (w.empty()) w.push_back({1, Op::kLogin});
  return w;
}

Statement request_for(const Snapshot& s, const Actor& who, Role role) {
  Weighted<Op> ops = op_weights(s, who, role);
  for (int attempt = 0; attempt < 4; ++attempt) {
    Statement st = request(who.name, pick(ops));
    if (!gen_args(s, who, role, st)) {
      ops.erase(
          std::remove_if(ops.begin(), ops.end(), [&](const auto& o) { return o.second == st.op; }),
          ops.end());
      if (ops.empty()) break;
      continue;
    }
    gen_signers(s, who, role, st);
    gen_cosigners(s, who, role, st);
    return st;
  }
  Statement st = request(who.name, Op::kLogin);
  gen_signers(s, who, role, st);
  return st;
}

// ------------------------------------------------------------------ the action

Statement choose(const Snapshot& s) {
  enum class What : uint8_t {
    kAdvance,
    kBoundary,
    kOwner,
    kAttacker,
    kGuardian,
    kSteal,
    kCopy,
    kLose,
    kHijack,
    kCollude,
    kReact,
    kReplay
  };
  const bool owner_signs =
      !s.owner.registered_held.empty() || s.owner.session || s.owner.app_session;
  const bool attacker_signs = !s.attacker.registered_held.empty() || s.attacker.session ||
                              s.attacker.app_session || s.attacker.guardian;
  Weighted<What> what = {{14, What::kAdvance}};
  if (!s.boundaries.empty()) what.push_back({10, What::kBoundary});
  what.push_back({owner_signs ? 24 : 4, What::kOwner});
  what.push_back({attacker_signs ? 26 : 4, What::kAttacker});
  if (!s.guardians.empty()) what.push_back({14, What::kGuardian});
  if (!s.stealable.empty()) {
    what.push_back({7, What::kSteal});
    what.push_back({4, What::kCopy});
  }
  if (!s.loseable.empty()) what.push_back({2, What::kLose});
  if ((s.any_session && !s.attacker.session) || (s.any_app_session && !s.attacker.app_session))
    what.push_back({4, What::kHijack});
  if (!s.colludable.empty()) what.push_back({3, What::kCollude});
  if (!s.reactive) what.push_back({s.actions == 0 ? 70 : 3, What::kReact});
  if (s.request_lines > 0) what.push_back({7, What::kReplay});

  switch (pick(what)) {
    case What::kAdvance: {
      static const Weighted<Duration> kScales = {
          {4, 1},        {3, 90},         {2, 5 * kMinute}, {2, 5 * kMinute + 1}, {3, 15 * kMinute},
          {4, kHour},    {2, 12 * kHour}, {4, kDay},        {2, 36 * kHour},      {2, 48 * kHour},
          {2, 3 * kDay}, {2, 5 * kDay},   {4, kWeek},       {2, 2 * kWeek},       {3, kMonth},
          {2, kYear}};
      return advance_by(pick(kScales));
    }
    case What::kBoundary:
      return advance_to(element(s.boundaries));
    case What::kOwner:
      return request_for(s, s.owner, Role::kOwner);
    case What::kAttacker:
      return request_for(s, s.attacker, Role::kAttacker);
    case What::kGuardian: {
      const Actor& g = element(s.guardians);
      if (g.name == kStandardAttacker) return request_for(s, g, Role::kColludingGuardian);
      return request_for(s, g, g.colluding ? Role::kColludingGuardian : Role::kHonestGuardian);
    }
    case What::kSteal:
      return event(kStandardAttacker, EventKind::kSteal, element(s.stealable));
    case What::kCopy:
      return event(kStandardAttacker, EventKind::kCopy, element(s.stealable));
    case What::kLose:
      return event(kStandardOwner, EventKind::kLose, element(s.loseable));
    case What::kHijack:
      return event(kStandardAttacker, EventKind::kHijack);
    case What::kCollude:
      return event(element(s.colludable), EventKind::kCollude);
    case What::kReact:
      return event(kStandardOwner, EventKind::kReacts, {}, pick(Weighted<Duration>{{3, kDay}, {2, kHour}}));
    case What::kReplay: {
      // Mostly a recent request (fresh within R-REQ-2's five minutes), sometimes any.
      const std::size_t n = s.request_lines;
      const std::size_t back = coin(80) ? index(std::min<std::size_t>(n, 3)) : index(n);
      const uint32_t k = static_cast<uint32_t>(n - back);
      // Crafted from parts the attacker saw: its signatures reordered, the first doubled, or
      // another request's signatures added (lifted) — each a different signature list over
      // the same signed bytes.
      const std::size_t sigs = s.line_signers[k - 1];
      std::vector<uint32_t> donors;
      for (std::size_t j = 0; j < n; ++j)
        if (j + 1 != k && s.line_signers[j] > 0) donors.push_back(static_cast<uint32_t>(j + 1));
      Weighted<Craft> crafts = {{5, Craft::kNone}};
      if (sigs >= 2) crafts.push_back({2, Craft::kReordered});
      if (sigs >= 1) crafts.push_back({2, Craft::kDoubled});
      if (!donors.empty()) crafts.push_back({4, Craft::kLifted});
      const Craft craft = pick(crafts);
      return replay(kStandardAttacker, k, craft, craft == Craft::kLifted ? element(donors) : 0);
    }
  }
  return advance_by(1);
}

}  // namespace

rc::Gen<Statement> gen_action(const Model& model) {
  auto s = std::make_shared<const Snapshot>(snapshot(model));
  return rc::gen::exec([s]() { return choose(*s); });
}

rc::Gen<CommandPtr> gen_command(const Model& model) {
  return rc::gen::map(gen_action(model), [](Statement st) -> CommandPtr {
    return std::make_shared<const ActionCommand>(std::move(st));
  });
}

rc::Gen<Commands> gen_trace(const Policy& policy) {
  return rc::state::gen::commands([policy]() { return make_model(policy); }, &gen_command);
}

const Statement& action_of(const CommandPtr& command) {
  return static_cast<const ActionCommand&>(*command).action();
}

TraceRun run_trace(
    const Policy& policy, const Commands& commands, const std::vector<std::string>& ids,
    bool settle,
    const std::function<void(const Model&, const Statement&, std::size_t)>& on_action) {
  TraceRun run{make_model(policy), std::nullopt, 0};
  Monitor monitor(ids);
  for (const CommandPtr& c : commands) {
    const Statement& a = action_of(c);
    const std::size_t own = apply_action(run.model, a);
    ++run.applied;
    if (on_action) on_action(run.model, a, own);
    if (const Violation* v = monitor.catch_up(run.model.world)) {
      run.violation = *v;
      return run;
    }
  }
  if (settle) {
    apply_action(run.model, advance_by(settle_time(run.model)));
    --run.model.actions;  // not one of the trace's actions
  }
  if (const Violation* v = monitor.finish(run.model.world)) run.violation = *v;
  return run;
}

}  // namespace reclaim::randomized
