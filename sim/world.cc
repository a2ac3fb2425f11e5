// World: actors, secrets, compromise events and the recording of a run (see world.h).
#include "sim/world.h"

#include <algorithm>
#include <map>
#include <utility>

#include "model/codec.h"
#include "model/ops.h"

namespace reclaim {
namespace {

const std::string kUnknown = "?";

}  // namespace

std::string_view event_name(EventKind e) {
  switch (e) {
    case EventKind::kSteal:
      return "steals";
    case EventKind::kCopy:
      return "copies";
    case EventKind::kLose:
      return "loses";
    case EventKind::kHijack:
      return "hijacks";
    case EventKind::kCollude:
      return "colludes";
    case EventKind::kReacts:
      return "reacts";
  }
  return "?";
}

const KeyPair& cached_keypair(uint64_t run_seed, uint64_t secret) {
  thread_local std::map<std::pair<uint64_t, uint64_t>, KeyPair> cache;
  auto key = std::make_pair(run_seed, secret);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();  // bounded: keys are cheap to recompute
  return cache.emplace(key, keypair_from_seed(derive_seed(run_seed, secret))).first->second;
}

World::World(Policy policy, uint64_t run_seed) : policy_(std::move(policy)), run_seed_(run_seed) {
  crypto_init();
}

ActorId World::actor(const std::string& name) {
  ActorId a = find_actor(name);
  if (a != kNone) return a;
  if (actor_names_.size() >= kMaxActors) return kNone;
  actor_names_.push_back(name);
  return static_cast<ActorId>(actor_names_.size());
}

ActorId World::find_actor(const std::string& name) const {
  for (std::size_t i = 0; i < actor_names_.size(); ++i)
    if (actor_names_[i] == name) return static_cast<ActorId>(i + 1);
  return kNone;
}

IdentityId World::add_identity(const std::string& name, ActorId owner) {
  IdentityId existing = find_identity(name);
  if (existing != kNone || state_.identities.full()) return existing;
  identity_names_.push_back(name);
  owners_.resize(identity_names_.size() + 1, kNone);
  const IdentityId id = static_cast<IdentityId>(identity_names_.size());
  owners_[id] = owner;
  Identity ident;
  ident.id = id;
  ident.removal_delay = policy_.default_removal_delay;
  ident.guardian_threshold = policy_.default_guardian_threshold;
  state_.identities.push_back(ident);
  return id;
}

IdentityId World::find_identity(const std::string& name) const {
  for (std::size_t i = 0; i < identity_names_.size(); ++i)
    if (identity_names_[i] == name) return static_cast<IdentityId>(i + 1);
  return kNone;
}

bool World::sent_by_owner(Digest d) const {
  return std::find(sent_by_owner_.begin(), sent_by_owner_.end(), d) != sent_by_owner_.end();
}

const Request* World::sent_request(Digest d) const {
  for (const auto& [dg, r] : wire_)
    if (dg == d) return &r;
  return nullptr;
}

ActorId World::owner_of(IdentityId id) const { return id < owners_.size() ? owners_[id] : kNone; }

DeviceId World::device_id(const std::string& name) {
  DeviceId d = find_device(name);
  if (d != kNone) return d;
  if (device_names_.size() >= kMaxWorldDevices) return kNone;
  device_names_.push_back(name);
  return static_cast<DeviceId>(device_names_.size());
}

DeviceId World::find_device(const std::string& name) const {
  for (std::size_t i = 0; i < device_names_.size(); ++i)
    if (device_names_[i] == name) return static_cast<DeviceId>(i + 1);
  return kNone;
}

uint32_t World::asset_id(const std::string& name) {
  for (std::size_t i = 0; i < asset_names_.size(); ++i)
    if (asset_names_[i] == name) return static_cast<uint32_t>(i + 1);
  asset_names_.push_back(name);
  return static_cast<uint32_t>(asset_names_.size());
}

uint32_t World::find_asset(const std::string& name) const {
  for (std::size_t i = 0; i < asset_names_.size(); ++i)
    if (asset_names_[i] == name) return static_cast<uint32_t>(i + 1);
  return 0;
}

Result<DeviceId> World::add_device(IdentityId identity, const std::string& name, DeviceKind kind,
                                   Purpose purpose, bool is_protected,
                                   const std::vector<ActorId>& holders) {
  Identity* id = state_.identity(identity);
  if (id == nullptr) return Error{"", 0, 0, "unknown identity"};
  if (find_device(name) != kNone) return Error{"", 0, 0, "device " + name + " already exists"};
  if (id->devices.size() >= std::min<std::size_t>(policy_.max_devices, kMaxDevices))
    return Error{"", 0, 0, "identity holds the policy's maximum of devices"};
  if (kind == DeviceKind::kSeedPhrase && policy_.max_seed_phrases > 0 &&
      id->count_kind(DeviceKind::kSeedPhrase) >= policy_.max_seed_phrases)
    return Error{"", 0, 0, "identity holds the policy's maximum of seed phrases"};
  DeviceId d = device_id(name);
  if (d == kNone) return Error{"", 0, 0, "too many devices in one run"};
  id->devices.push_back({d, kind, purpose, is_protected && policy_.protection, device_key(d), 0});
  if (holders.empty()) {
    grant(owner_of(identity), d);
  } else {
    for (ActorId a : holders) grant(a, d);
  }
  return d;
}

Result<bool> World::add_guardian(IdentityId identity, ActorId guardian, uint32_t weight) {
  Identity* id = state_.identity(identity);
  if (id == nullptr) return Error{"", 0, 0, "unknown identity"};
  if (id->guardian(guardian) != nullptr) return Error{"", 0, 0, "guardian already present"};
  if (id->guardians.full()) return Error{"", 0, 0, "too many guardians"};
  id->guardians.push_back({guardian, weight, guardian_key(guardian), kNone});
  return true;
}

Result<bool> World::add_asset(IdentityId identity, uint32_t asset, int64_t amount,
                              Time locked_until) {
  Identity* id = state_.identity(identity);
  if (id == nullptr) return Error{"", 0, 0, "unknown identity"};
  if (id->assets.full()) return Error{"", 0, 0, "too many assets"};
  id->assets.push_back({asset, amount, locked_until});
  return true;
}

void World::set_removal_delay(IdentityId identity, Duration d) {
  if (Identity* id = state_.identity(identity)) id->removal_delay = d;
}

void World::set_guardian_threshold(IdentityId identity, uint32_t t) {
  if (Identity* id = state_.identity(identity)) id->guardian_threshold = t;
}

bool World::set_limits(const Limits& limits) {
  if (!limits_valid(limits)) return false;
  policy_.limits = limits;
  return true;
}

void World::begin() {
  initial_ = state_;
  initial_knowledge_ = knowledge_;
  update_compromised();
}

bool World::app_session(IdentityId identity, uint32_t session) const {
  for (const SessionHold& h : sessions_)
    if (h.identity == identity && h.session == session) return h.app;
  return false;
}

PublicKey World::device_key(DeviceId d) const {
  return cached_keypair(run_seed_, device_secret(d)).pk;
}
PublicKey World::guardian_key(ActorId a) const {
  return cached_keypair(run_seed_, guardian_secret(a)).pk;
}
PublicKey World::session_key(IdentityId i, uint32_t s) const {
  return cached_keypair(run_seed_, session_secret(i, s)).pk;
}

Signature World::sign_with(uint64_t secret, std::span<const uint8_t> msg) const {
  return sign(policy_.crypto, cached_keypair(run_seed_, secret), msg);
}

void World::grant(ActorId a, DeviceId d) {
  if (a == kNone || a > kMaxActors || d == kNone || d > kMaxWorldDevices) return;
  knowledge_.holds[a] |= uint64_t{1} << (d - 1);
  update_compromised();
}

void World::revoke(ActorId a, DeviceId d) {
  if (a == kNone || a > kMaxActors || d == kNone || d > kMaxWorldDevices) return;
  knowledge_.holds[a] &= ~(uint64_t{1} << (d - 1));
}

// A device is compromised once an actor other than its identity's owner holds it. Devices
// of no identity yet (new keys) are judged by the identity that registers them.
void World::update_compromised() {
  for (const Identity& id : state_.identities) {
    const ActorId owner = owner_of(id.id);
    for (const Device& d : id.devices) {
      for (ActorId a = 1; a <= actor_names_.size(); ++a)
        if (a != owner && knowledge_.held(a, d.id)) compromised_ |= uint64_t{1} << (d.id - 1);
    }
  }
}

Result<const Step*> World::submit(ActorId actor, IdentityId identity, Op op, Args args,
                                  const SignWith& with, ActorId receiver) {
  return submit_impl(actor, identity, op, args, with, receiver, false);
}

void World::collect_notifications() {
  for (const Identity& id : state_.identities) {
    if (id.id > kMaxIdentities) continue;
    for (const Notification& n : id.notifications)
      if (n.seq > collected_[id.id]) inbox_.emplace_back(id.id, n);
    collected_[id.id] = id.notification_count;
  }
}

Result<const Step*> World::submit_impl(ActorId actor, IdentityId identity, Op op, Args args,
                                       const SignWith& with, ActorId receiver, bool reactive) {
  const Identity* id = state_.identity(identity);
  if (id == nullptr) return Error{"", 0, 0, "unknown identity"};
  if (actor == kNone || actor > actor_names_.size()) return Error{"", 0, 0, "unknown actor"};
  for (DeviceId d : with.devices)
    if (!holds(actor, d))
      return Error{"", 0, 0, actor_name(actor) + " does not hold " + device_name(d)};
  for (ActorId g : with.cosigners) {
    if (g == kNone || g > actor_names_.size()) return Error{"", 0, 0, "unknown co-signer"};
    const std::string why = cosign_refusal(g == actor, actor == owner_of(identity),
                                           g <= kMaxActors && knowledge_.colluding[g] != 0);
    if (!why.empty())
      return Error{"", 0, 0,
                   identity_name(identity) + "/" + actor_name(g) + " does not co-sign for " +
                       actor_name(actor) + " (" + why + ")"};
  }
  uint32_t session = 0;
  if (with.session || with.app_session) {
    // The newest delegation of the kind asked for that the actor holds, live or not: an
    // expired one is the model's to reject (R-REQ-4), not an input error.
    for (const SessionHold& h : sessions_)
      if (h.identity == identity && (h.actors >> actor) & 1 && h.app == with.app_session)
        session = std::max(session, h.session);
    if (session == 0)
      return Error{"", 0, 0,
                   actor_name(actor) + " holds no live " +
                       (with.app_session ? "app delegation" : "session") + " of " +
                       identity_name(identity)};
  }
  if (receiver == kNone) receiver = actor;
  const OpInfo* info = find_op(op);
  switch (info != nullptr ? info->key : NewKey::kNone) {  // the key the op brings (ops.h)
    case NewKey::kDevice:
      args.key = device_key(args.device2);
      break;
    case NewKey::kGuardian:
      args.key = guardian_key(args.actor);
      break;
    case NewKey::kSession:
    case NewKey::kAppSession:
      args.key = session_key(identity, id->next_session);
      break;
    case NewKey::kNone:
      break;
  }
  Request r;
  r.identity = identity;
  r.op = op;
  r.args = args;
  r.nonce = ++nonce_;
  r.time = now_;
  const Encoded enc = encode(r);
  for (DeviceId d : with.devices) {
    if (r.signers.full()) return Error{"", 0, 0, "too many signers"};
    r.signers.push_back({SignerKind::kDevice, d, sign_with(device_secret(d), enc.view())});
  }
  for (ActorId g : with.cosigners) {
    if (r.signers.full()) return Error{"", 0, 0, "too many signers"};
    r.signers.push_back({SignerKind::kGuardian, g, sign_with(guardian_secret(g), enc.view())});
  }
  if ((with.session || with.app_session) && !r.signers.full())
    r.signers.push_back(
        {SignerKind::kSession, session, sign_with(session_secret(identity, session), enc.view())});
  if (with.guardian && !r.signers.full())
    r.signers.push_back(
        {SignerKind::kGuardian, actor, sign_with(guardian_secret(actor), enc.view())});

  wire_.emplace_back(digest(enc.view()), r);
  const std::size_t index = static_cast<std::size_t>(
      &record_request(actor, r, receiver, reactive, true) - steps_.data());
  owners_strategy_.run(*this);  // may append reactive steps
  return &steps_[index];
}

std::string cosign_refusal(bool requester_is_guardian, bool requester_is_owner, bool colluding) {
  if (requester_is_guardian) return "";
  if (requester_is_owner)
    return colluding ? "a colluding guardian acts for the attacker, not the owner" : "";
  return colluding ? "" : "an honest guardian co-signs only the owner's requests";
}

std::string_view craft_name(Craft c) {
  switch (c) {
    case Craft::kNone: return "";
    case Craft::kReordered: return "reordered";
    case Craft::kDoubled: return "doubled";
    case Craft::kLifted: return "with-signatures-of";
  }
  return "";
}

Request crafted_request(const Request& base, Craft craft, const Request& donor) {
  Request r = base;
  switch (craft) {
    case Craft::kNone:
      break;
    case Craft::kReordered:
      for (std::size_t i = 0, j = r.signers.size(); i + 1 < j; ++i, --j)
        std::swap(r.signers[i], r.signers[j - 1]);
      break;
    case Craft::kDoubled:
      if (!r.signers.empty() && !r.signers.full()) r.signers.push_back(r.signers[0]);
      break;
    case Craft::kLifted:
      for (const SignatureEntry& e : donor.signers)
        if (!r.signers.full()) r.signers.push_back(e);
      break;
  }
  return r;
}

const Step& World::replay_crafted(ActorId actor, std::size_t base, Craft craft,
                                  std::size_t donor) {
  const Request r = crafted_request(steps_[base].request, craft,
                                    craft == Craft::kLifted ? steps_[donor].request : Request{});
  const std::size_t index = static_cast<std::size_t>(
      &record_request(actor, r, kNone, false, false) - steps_.data());
  steps_[index].craft = craft;
  steps_[index].craft_base = static_cast<uint32_t>(base + 1);
  steps_[index].craft_donor = craft == Craft::kLifted ? static_cast<uint32_t>(donor + 1) : 0;
  owners_strategy_.run(*this);
  return steps_[index];
}

const Step& World::replay(ActorId actor, const Request& request) {
  const std::size_t index = static_cast<std::size_t>(
      &record_request(actor, request, kNone, false, false) - steps_.data());
  owners_strategy_.run(*this);
  return steps_[index];
}

const Step& World::record_request(ActorId actor, const Request& r, ActorId receiver,
                                  bool reactive, bool sent) {
  const Identity* id = state_.identity(r.identity);
  const uint32_t next_session = id != nullptr ? id->next_session : 0;
  Step step;
  step.kind = Step::Kind::kRequest;
  step.time = now_;
  step.actor = actor;
  step.reactive = reactive;
  step.request = r;
  step.receiver = receiver;
  Outcome out = apply(policy_, state_, r, now_);
  step.before = state_;
  state_ = out.state;  // assigned, not moved: state_ keeps its storage across steps
  collect_notifications();
  step.verdict = out.verdict;
  step.reject = out.reject;
  step.rule = out.rule;
  step.change = out.change;
  if (sent) {
    // The owner knows which of her requests went through. A rejected one stays a signed
    // request the attacker saw; if it is replayed later and passes, it is news to her.
    if (out.verdict != Verdict::kRejected && actor == owner_of(r.identity))
      sent_by_owner_.push_back(digest(encode(r).view()));
    if (out.verdict != Verdict::kRejected) {
      // The sender keeps the secret of the key it sent (to the receiver it named).
      const OpInfo* info = find_op(r.op);
      switch (info != nullptr ? info->key : NewKey::kNone) {
        case NewKey::kDevice:
          grant(receiver, r.args.device2);
          break;
        case NewKey::kSession:
        case NewKey::kAppSession:
          sessions_.push_back(
              {r.identity, next_session, 1u << receiver, info->key == NewKey::kAppSession});
          break;
        case NewKey::kGuardian:  // a guardian's key is its own, held all along
        case NewKey::kNone:
          break;
      }
    }
    update_compromised();
  }
  step.after = std::move(out.state);
  step.knowledge = knowledge_;
  steps_.push_back(std::move(step));
  return steps_.back();
}

Result<bool> World::event(EventKind kind, ActorId actor, IdentityId identity, DeviceId device,
                          Duration within) {
  if (actor == kNone || actor > actor_names_.size()) return Error{"", 0, 0, "unknown actor"};
  if (kind == EventKind::kReacts && within <= 0)
    return Error{"", 0, 0, "a reaction window must be positive"};
  Step step;
  step.kind = Step::Kind::kEvent;
  step.time = now_;
  step.actor = actor;
  step.event = kind;
  step.device = device;
  step.identity = identity;
  step.within = within;
  step.before = state_;
  switch (kind) {
    case EventKind::kSteal:
      for (ActorId a = 1; a <= actor_names_.size(); ++a) revoke(a, device);
      grant(actor, device);
      break;
    case EventKind::kCopy:
      grant(actor, device);
      break;
    case EventKind::kLose:
      revoke(actor, device);
      break;
    case EventKind::kHijack:
      for (SessionHold& h : sessions_)
        if (h.identity == identity) h.actors |= 1u << actor;
      break;
    case EventKind::kCollude:
      knowledge_.colluding[actor] = 1;
      break;
    case EventKind::kReacts:
      owners_strategy_.add({actor, within}, inbox_.size());  // notifications from now on
      break;
  }
  update_compromised();
  step.after = state_;
  step.knowledge = knowledge_;
  steps_.push_back(std::move(step));
  owners_strategy_.run(*this);
  return true;
}

// Records a tick that changed something: `before` is the state it started from; `after`
// (equal to state_) what it left.
void World::record_tick(const decltype(TickResult::events)& matured, State before,
                        State after) {
  Step step;
  step.kind = Step::Kind::kTick;
  step.time = now_;
  for (const Matured& m : matured) step.matured.push_back(m);
  step.before = std::move(before);
  step.after = std::move(after);
  step.knowledge = knowledge_;
  steps_.push_back(std::move(step));
}

void World::tick_at(Time t) {
  now_ = t;
  TickResult r = tick(policy_, state_, now_);
  if (!r.events.empty() || !(r.state == state_)) {
    State before = state_;
    state_ = r.state;  // assigned, not moved: state_ keeps its storage across steps
    collect_notifications();
    record_tick(r.events, std::move(before), std::move(r.state));
  }
  owners_strategy_.run(*this);
}

void World::advance_to(Time t) {
  if (t < now_) return;
  for (int guard = 0; guard < 100000; ++guard) {
    Time react = owners_strategy_.next(*this);
    if (react <= now_) {
      owners_strategy_.run(*this);  // reactions due now
      react = owners_strategy_.next(*this);
      // Nothing should still be due once she has answered (next() leaves out a veto she has
      // no recovery device for); if something is, it never holds the deadlines back.
      if (react <= now_) react = kNever;
    }
    const Time next = std::min(next_due(policy_, state_, now_), react);
    if (next > t) break;
    tick_at(next);
  }
  if (now_ != t) tick_at(t);
}

void World::forget_steps() {
  forgotten_ += steps_.size();
  steps_.clear();  // keeps the capacity: the next steps reuse it
}

bool World::holds_session(ActorId actor, IdentityId identity) const {
  if (actor == kNone || actor >= 32) return false;
  for (const SessionHold& h : sessions_)
    if (h.identity == identity && (h.actors >> actor) & 1) return true;
  return false;
}

uint64_t World::future_hash() const {
  uint64_t h = mix_word(quick_hash(state_), static_cast<uint64_t>(now_));
  for (uint64_t k : knowledge_.holds) h = mix_word(h, k);
  for (uint32_t c : knowledge_.colluding) h = mix_word(h, c);
  h = mix_word(h, compromised_);
  h = mix_word(h, sessions_.size());
  for (const SessionHold& s : sessions_)
    h = mix_word(mix_word(mix_word(h, s.identity), s.session), s.actors);
  for (uint32_t c : collected_) h = mix_word(h, c);
  // The reactive owner skips a recovery its owner started herself.
  for (const Identity& id : state_.identities)
    if (id.recovery.active) h = mix_word(h, sent_by_owner(id.recovery.started_by));
  return mix_word(h, owners_strategy_.future_hash(*this));
}

const std::string& World::actor_name(ActorId a) const {
  return a >= 1 && a <= actor_names_.size() ? actor_names_[a - 1] : kUnknown;
}
const std::string& World::device_name(DeviceId d) const {
  return d >= 1 && d <= device_names_.size() ? device_names_[d - 1] : kUnknown;
}
const std::string& World::identity_name(IdentityId i) const {
  return i >= 1 && i <= identity_names_.size() ? identity_names_[i - 1] : kUnknown;
}
std::string World::asset_name(uint32_t a) const {
  return a >= 1 && a <= asset_names_.size() ? asset_names_[a - 1] : "#" + std::to_string(a);
}

Namer World::namer() const {
  return Namer{[this](IdentityId i) { return identity_name(i); },
               [this](DeviceId d) { return device_name(d); },
               [this](ActorId a) { return actor_name(a); }};
}

bool World::in_control(IdentityId identity, ActorId actor) const {
  const Identity* id = state_.identity(identity);
  if (id == nullptr) return false;
  std::size_t held = 0;
  for (const Device& d : id->devices) held += holds(actor, d.id);
  const std::size_t need = policy_.two_factor && id->devices.size() >= 2 ? 2 : 1;
  return held >= need;
}

bool World::locked_out(IdentityId identity) const {
  const Identity* id = state_.identity(identity);
  if (id == nullptr) return true;
  const ActorId owner = owner_of(identity);
  for (const Device& d : id->devices)
    if (holds(owner, d.id)) return false;
  if (!policy_.guardians || id->guardians.empty()) return true;
  // A recovery route exists if honest guardians reach quorum and no one else can veto.
  for (const Device& d : id->devices) {
    const bool can_veto =
        policy_.veto == CancelRight::kAnyDevice ||
        (policy_.veto == CancelRight::kRecoveryDevice && d.purpose == Purpose::kRecovery);
    bool held_by_other = false;
    for (ActorId a = 1; a <= actor_names_.size(); ++a) held_by_other |= holds(a, d.id);
    if (can_veto && held_by_other) return true;  // someone else vetoes every recovery
  }
  uint32_t weight = 0, count = 0;
  for (const Guardian& g : id->guardians)
    if (g.actor <= kMaxActors && !knowledge_.colluding[g.actor]) {
      weight += g.weight;
      ++count;
    }
  switch (policy_.quorum) {
    case RecoveryQuorum::kWeight:
      return weight < id->guardian_threshold;
    case RecoveryQuorum::kHalf:
      return count < (id->guardians.size() + 1) / 2;
    case RecoveryQuorum::kThreshold:
      return count < id->guardian_threshold;
  }
  return true;
}

uint64_t trace_hash(const World& world) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over 64-bit words, as hash(State) is
  auto mix = [&h](uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 0x100000001b3ull;
    }
  };
  mix(hash(world.initial()));
  for (const Step& s : world.steps()) {
    mix(static_cast<uint64_t>(s.kind));
    mix(static_cast<uint64_t>(s.time));
    mix(s.actor);
    mix(static_cast<uint64_t>(s.verdict));
    mix(static_cast<uint64_t>(s.reject));
    mix(hash(s.after));
    for (uint64_t k : s.knowledge.holds) mix(k);
  }
  return h;
}

}  // namespace reclaim
