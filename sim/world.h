// World: the simulated world around the protocol. Actors hold secrets (device keys, their
// own guardian key, session delegations); compromise events move secrets between actors;
// the reactive owner (reactive_owner.h) is a strategy some owners play. The world drives
// the pure model's apply()/tick() and records every step with the state before and after
// and who held what: the run as data that every invariant checker reads and every engine
// writes back as a scenario.
//
// Everything is deterministic: keys come from (run seed, secret number), nonces count up,
// and time moves only when the driver says so.
#ifndef RECLAIM_SIM_WORLD_H_
#define RECLAIM_SIM_WORLD_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/crypto.h"
#include "model/policy.h"
#include "model/result.h"
#include "model/state.h"
#include "model/step.h"
#include "sim/reactive_owner.h"

namespace reclaim {

inline constexpr std::size_t kMaxActors = 16;
inline constexpr std::size_t kMaxWorldDevices = 64;  // device ids 1..64 in one run

// Who holds which device secret: one bit per device id, per actor.
struct Knowledge {
  std::array<uint64_t, kMaxActors + 1> holds{};        // indexed by actor id
  std::array<uint32_t, kMaxActors + 1> colluding{};    // 1 = acts for the attacker
  friend bool operator==(const Knowledge&, const Knowledge&) = default;
  bool held(ActorId a, DeviceId d) const {
    return a <= kMaxActors && d >= 1 && d <= kMaxWorldDevices && ((holds[a] >> (d - 1)) & 1);
  }
};

enum class EventKind : uint8_t { kSteal, kCopy, kLose, kHijack, kCollude, kReacts };
std::string_view event_name(EventKind e);

// How an attacker re-sends a request it saw, built from parts it has seen: unchanged, or
// with the signatures reordered, the first one doubled, or another request's signatures
// added (lifted from it). The request itself (identity, op, arguments, nonce, time) is the
// seen one's, so only its signature list differs.
enum class Craft : uint8_t { kNone, kReordered, kDoubled, kLifted };
inline constexpr int kCraftCount = 4;
std::string_view craft_name(Craft c);  // "", "reordered", "doubled", "with-signatures-of"
// `base` with its signature list crafted; `donor` gives the lifted signatures (kLifted). At
// most kMaxSigners signatures are kept.
Request crafted_request(const Request& base, Craft craft, const Request& donor);

// Which secrets sign a request.
struct SignWith {
  std::vector<DeviceId> devices;
  bool session = false;   // the identity's newest front-end session the actor holds
  bool guardian = false;  // the actor's own guardian key
  bool app_session = false;  // the identity's newest app delegation the actor holds
  // Guardians whose own keys co-sign after the devices (Argent's owner-plus-guardians
  // requests), each subject to the co-signing rule (cosign_refusal below).
  std::vector<ActorId> cosigners;
};

// The co-signing rule: who can obtain a guardian's signature on a request. A guardian's key
// signs a request when the requester is that guardian itself; or the requester is the
// identity's owner and the guardian is honest (it confirms out of band with the owner, as
// Argent's guardian service does); or the guardian colludes (`ACTOR colludes`: it acts for
// the attacker) and the requester is not the owner. Returns the empty string when it signs,
// else why not (for "G does not co-sign for R (WHY)" input errors; trace/parse.cc applies the
// same rule in file order). Whether the signer is a guardian of the identity when the request
// arrives is the protocol's to judge (R-REQ-4), not this rule's.
std::string cosign_refusal(bool requester_is_guardian, bool requester_is_owner, bool colluding);

struct Step {
  enum class Kind : uint8_t { kRequest, kTick, kEvent };
  Kind kind = Kind::kRequest;
  Time time = 0;
  ActorId actor = kNone;
  bool reactive = false;  // made by the reactive-owner strategy
  // kRequest
  Request request;
  // A replay the attacker crafted (World::replay with a craft): how, and the steps whose
  // requests it was built from (index + 1 into steps(); 0 for none).
  Craft craft = Craft::kNone;
  uint32_t craft_base = 0, craft_donor = 0;
  Verdict verdict = Verdict::kRejected;
  Reject reject = Reject::kNone;
  std::string_view rule;
  uint32_t change = 0;
  ActorId receiver = kNone;  // who gets the new secret (add/replace/start-recovery/login)
  // kTick (on the heap: most steps are not ticks, and inline it would be most of a Step)
  HeapBoundedVec<Matured, kMaxPending + 4> matured;
  // kEvent
  EventKind event = EventKind::kSteal;
  DeviceId device = kNone;
  IdentityId identity = kNone;
  Duration within = 0;  // kReacts
  // all kinds
  State before, after;
  Knowledge knowledge;  // after the step
};

class World {
 public:
  World(Policy policy, uint64_t run_seed);

  // --- names and setup (no requests; the initial state) ---
  ActorId actor(const std::string& name);           // find or create
  ActorId find_actor(const std::string& name) const;  // kNone if unknown
  IdentityId add_identity(const std::string& name, ActorId owner);
  IdentityId find_identity(const std::string& name) const;
  // Device names are "identity/dev"; the holders default to the identity's owner.
  Result<DeviceId> add_device(IdentityId identity, const std::string& name, DeviceKind kind,
                              Purpose purpose, bool is_protected,
                              const std::vector<ActorId>& holders);
  DeviceId device_id(const std::string& name);  // find or allocate an id (for new devices)
  DeviceId find_device(const std::string& name) const;
  Result<bool> add_guardian(IdentityId identity, ActorId guardian, uint32_t weight);
  Result<bool> add_asset(IdentityId identity, uint32_t asset, int64_t amount, Time locked_until);
  uint32_t asset_id(const std::string& name);  // find or allocate
  uint32_t find_asset(const std::string& name) const;  // 0 if unknown
  void set_removal_delay(IdentityId identity, Duration d);
  void set_guardian_threshold(IdentityId identity, uint32_t t);
  // The run's limits on the state's bounded memories (Policy::limits); false (unchanged)
  // unless every limit is between 1 and its capacity.
  bool set_limits(const Limits& limits);
  // Marks the end of setup: the current state becomes the trace's initial state.
  void begin();

  // --- driving ---
  // Moves the clock to `t`, ticking at every due time on the way and running reactions.
  void advance_to(Time t);
  // Builds, signs and applies a request. Errors (not outcomes) when the actor does not hold
  // a secret it signs with, or an argument names nothing. The returned step pointer is
  // valid until the next call that records a step.
  Result<const Step*> submit(ActorId actor, IdentityId identity, Op op, Args args,
                             const SignWith& with, ActorId receiver = kNone);
  // Replays a previously sent request unchanged (the attacker saw it on the wire).
  const Step& replay(ActorId actor, const Request& request);
  // Replays the request of step `base` crafted as `craft` (with step `donor`'s signatures
  // for kLifted); both must be request steps of this world.
  const Step& replay_crafted(ActorId actor, std::size_t base, Craft craft, std::size_t donor);
  Result<bool> event(EventKind kind, ActorId actor, IdentityId identity, DeviceId device,
                     Duration within = 0);

  // --- engines that branch a run (graph/) ---
  // Forgets the steps recorded so far (once a monitor has read them), so that copying the
  // world costs its present, not its past: steps() then holds only the steps recorded later,
  // while step_count() still counts every step of the run, so step indexes stay those of the
  // whole run. A world that forgot steps cannot be written back as a scenario (trace/write.h)
  // nor hashed as a trace; re-run its statements to get one that can.
  void forget_steps();
  std::size_t steps_forgotten() const { return forgotten_; }
  std::size_t step_count() const { return forgotten_ + steps_.size(); }
  // A hash of everything this world's future depends on, for merging the states of an
  // exhaustive search: two worlds of the same setup (same policy, seed and names) with equal
  // future_hash() answer every later driving call alike, up to the values of nonces. Covered:
  // the protocol state, the clock, who holds what and who ever held what, session holders,
  // every reaction strategy's notifications not yet handled (with whether the owner sent the
  // request each names and who signed it) and its veto plans, whether the owner started each
  // running recovery. Left out: the recorded steps, the requests no reaction will read, and
  // the nonce counter (a new request's nonce exceeds every earlier one whatever its value, and
  // the model compares nonces with nothing else). Names are left out too: engines allocate the
  // names they use before begin(). In-process only (a fast mix, not a stable format).
  uint64_t future_hash() const;
  // The earliest time a reaction strategy answers (kNever if none): a clock move an engine
  // offers.
  Time next_reaction() const { return owners_strategy_.next(*this); }
  // Does `actor` hold a session delegation of `identity` (live or not: `by session` signs with
  // the newest one held)?
  bool holds_session(ActorId actor, IdentityId identity) const;

  // --- reading ---
  const Policy& policy() const { return policy_; }
  const State& state() const { return state_; }
  const State& initial() const { return initial_; }
  const Knowledge& initial_knowledge() const { return initial_knowledge_; }
  Time now() const { return now_; }
  uint64_t seed() const { return run_seed_; }
  const std::vector<Step>& steps() const { return steps_; }
  const Knowledge& knowledge() const { return knowledge_; }
  ActorId owner_of(IdentityId id) const;
  const std::vector<Reaction>& reactions() const { return owners_strategy_.reactions(); }
  // Every notification ever shown to an owner, in order (the owners' inbox; the state keeps
  // only a bounded ring).
  const std::vector<std::pair<IdentityId, Notification>>& inbox() const { return inbox_; }
  // Did the identity's owner make the request with this digest herself (and see it pass)?
  bool sent_by_owner(Digest d) const;
  // The request sent with this digest, or nullptr.
  const Request* sent_request(Digest d) const;
  bool holds(ActorId a, DeviceId d) const { return knowledge_.held(a, d); }
  // Did someone other than the identity's owner ever hold this device?
  bool ever_compromised(DeviceId d) const {
    return d >= 1 && d <= kMaxWorldDevices && ((compromised_ >> (d - 1)) & 1);
  }
  uint64_t compromised_mask() const { return compromised_; }
  const std::string& actor_name(ActorId a) const;
  const std::string& device_name(DeviceId d) const;
  const std::string& identity_name(IdentityId i) const;
  std::string asset_name(uint32_t a) const;
  size_t actor_count() const { return actor_names_.size(); }
  Namer namer() const;
  // Control: `actor` holds registered devices of `identity` enough for any sensitive change
  // (two when the policy has two-factor and the identity has two or more, else one).
  bool in_control(IdentityId identity, ActorId actor) const;
  // Locked out: the owner holds no registered device and no recovery is running.
  bool locked_out(IdentityId identity) const;
  // Was session `session` of `identity` handed out as an app delegation (app-login)?
  bool app_session(IdentityId identity, uint32_t session) const;
  PublicKey device_key(DeviceId d) const;
  PublicKey guardian_key(ActorId a) const;
  PublicKey session_key(IdentityId i, uint32_t session) const;

 private:
  friend class ReactiveOwners;  // submits the reactive owner's requests (reactive = true)

  void record_tick(const decltype(TickResult::events)& matured, State before, State after);
  // Applies `request` and records the step. `sent` is false for a replay of a request seen
  // on the wire: then no new secret is handed out and nothing is remembered as sent.
  const Step& record_request(ActorId actor, const Request& request, ActorId receiver,
                             bool reactive, bool sent);
  void collect_notifications();
  Result<const Step*> submit_impl(ActorId actor, IdentityId identity, Op op, Args args,
                                  const SignWith& with, ActorId receiver, bool reactive);
  void tick_at(Time t);
  Signature sign_with(uint64_t secret, std::span<const uint8_t> msg) const;
  void grant(ActorId a, DeviceId d);
  void revoke(ActorId a, DeviceId d);
  void update_compromised();

  Policy policy_;
  uint64_t run_seed_;
  State state_, initial_;
  Knowledge initial_knowledge_;
  Time now_ = 0;
  uint64_t nonce_ = 0;
  Knowledge knowledge_;
  uint64_t compromised_ = 0;
  std::vector<std::string> actor_names_, device_names_, identity_names_, asset_names_;
  std::vector<ActorId> owners_;  // by identity id
  ReactiveOwners owners_strategy_;
  // Every notification ever shown to an owner, in order. The state keeps only a bounded
  // ring (kMaxNotifications); the owner's memory is this inbox, so a flood of notifications
  // cannot hide an earlier one from the reactive owner.
  std::vector<std::pair<IdentityId, Notification>> inbox_;
  std::array<uint32_t, kMaxIdentities + 1> collected_{};  // highest seq copied, by identity
  std::vector<Digest> sent_by_owner_;  // digests of requests the owners made themselves
  struct SessionHold {
    IdentityId identity;
    uint32_t session;
    uint32_t actors;  // bit per actor id
    bool app;         // an app delegation, not the front end's own session
  };
  std::vector<SessionHold> sessions_;
  std::vector<std::pair<Digest, Request>> wire_;  // every request sent, by digest
  std::vector<Step> steps_;
  std::size_t forgotten_ = 0;  // steps recorded before steps_[0] (forget_steps)
};

// Mixes the word `v` into the running hash `h`: fast and well spread, for in-process keys
// (World::future_hash, checker digests); never written anywhere, so free to change.
inline uint64_t mix_word(uint64_t h, uint64_t v) {
  uint64_t x = (h ^ v) * 0x9e3779b97f4a7c15ull;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ull;
  return x ^ (x >> 29);
}

// The secret numbers keys derive from (crypto.h derive_seed): disjoint ranges per kind.
inline uint64_t device_secret(DeviceId d) { return d; }
inline uint64_t guardian_secret(ActorId a) { return (uint64_t{1} << 40) | a; }
inline uint64_t session_secret(IdentityId i, uint32_t s) {
  return (uint64_t{2} << 40) | (uint64_t{i} << 20) | s;
}
// Cached keypair for (run seed, secret): pure, so memoization cannot change results.
const KeyPair& cached_keypair(uint64_t run_seed, uint64_t secret);

// Hash of a recorded run: the initial state, then every step's kind, time, actor, outcome,
// state after and knowledge. Stable across runs and crypto backends (states carry keys, not
// signatures), so replays, round trips and engines compare runs by one number.
uint64_t trace_hash(const World& world);

}  // namespace reclaim

#endif  // RECLAIM_SIM_WORLD_H_
