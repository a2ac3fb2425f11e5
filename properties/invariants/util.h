// Shared, rule-free helpers of the invariant checkers: reading a recorded step (which
// identity changed, which devices left, who verifiably signed), remembering where pending
// changes came from, and a few bit masks over device ids. Nothing here calls model/rules:
// every checker re-derives what must hold from the trace alone (states before and after,
// request, verdict, signatures, knowledge, policy). Signature checks use model/crypto and
// model/codec only, the same primitives a client would use.
#ifndef RECLAIM_PROPERTIES_INVARIANTS_UTIL_H_
#define RECLAIM_PROPERTIES_INVARIANTS_UTIL_H_

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/codec.h"
#include "sim/world.h"
#include "properties/invariant.h"

namespace reclaim::inv {

inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

// One catalogue entry: id, precise statement, factory. Each invariants/<id>.cc defines one.
struct Entry {
  std::string_view id;
  std::string_view statement;
  std::unique_ptr<Checker> (*make)();
};
Entry auth_entry();
Entry replay_entry();
Entry protected_entry();
Entry delay_entry();
Entry delay_mono_entry();
Entry notify_entry();
Entry two_factor_entry();
Entry reclaim_entry();
Entry evict_entry();
Entry guardian_minority_entry();
Entry social_liveness_entry();
Entry guardians_prevail_entry();
Entry veto_entry();
Entry asset_entry();
Entry asset_2fa_entry();
Entry bounds_entry();
Entry tentative_entry();
Entry timely_entry();

// The checker of a recovery that honest guardians start for an owner who lost every device
// (social_liveness.cc), reporting under `id`: SOCIAL-LIVENESS when a device held by another
// actor that may veto waives the obligation, GUARDIANS-PREVAIL when nothing a thief holds
// does.
std::unique_ptr<Checker> recovery_obligation_checker(std::string_view id, bool thief_veto_waives);

// --- device-id bit masks (world device ids are 1..kMaxWorldDevices = 64) ---
inline uint64_t bit(DeviceId d) {
  return d >= 1 && d <= kMaxWorldDevices ? uint64_t{1} << (d - 1) : 0;
}
inline uint64_t device_mask(const Identity& id) {
  uint64_t m = 0;
  for (const Device& d : id.devices) m |= bit(d.id);
  return m;
}
inline uint64_t recovery_mask(const Identity& id) {
  uint64_t m = 0;
  for (const Device& d : id.devices)
    if (d.purpose == Purpose::kRecovery) m |= bit(d.id);
  return m;
}
// device_mask and recovery_mask in one pass.
struct Masks {
  uint64_t devices = 0;
  uint64_t recovery = 0;
};
inline Masks masks(const Identity& id) {
  Masks m;
  for (const Device& d : id.devices) {
    m.devices |= bit(d.id);
    if (d.purpose == Purpose::kRecovery) m.recovery |= bit(d.id);
  }
  return m;
}
// Devices held by any actor other than `owner`.
inline uint64_t held_by_others(const Knowledge& k, ActorId owner) {
  uint64_t m = 0;
  for (std::size_t a = 1; a <= kMaxActors; ++a) m |= a == owner ? 0 : k.holds[a];  // branch-free
  return m;
}
inline uint64_t held_by(const Knowledge& k, ActorId a) { return a <= kMaxActors ? k.holds[a] : 0; }
inline bool colluding(const Knowledge& k, ActorId a) { return a <= kMaxActors && k.colluding[a]; }

// Identity `id` in `s`, looked up at `hint` first (identities never move during a run).
inline const Identity* identity_at(const State& s, IdentityId id, std::size_t hint) {
  if (hint < s.identities.size() && s.identities[hint].id == id) return &s.identities[hint];
  return s.identity(id);
}

// --- exact equality, cheap fields first ---
// Every checker compares parts of every identity before and after every step, and almost
// always finds them equal. The model's defaulted operator== compares each key through an
// out-of-line memcmp; same() is true exactly when operator== is, but compares keys inline,
// word by word, after the small fields (util.cc asserts the structs' sizes, so a new field
// cannot be forgotten silently).
template <std::size_t N>
inline bool same_bytes(const std::array<uint8_t, N>& a, const std::array<uint8_t, N>& b) {
  static_assert(N % 8 == 0);
  uint64_t diff = 0;
  for (std::size_t i = 0; i < N; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    diff |= x ^ y;
  }
  return diff == 0;
}
inline bool same(const Device& a, const Device& b) {
  return a.id == b.id && a.kind == b.kind && a.purpose == b.purpose &&
         a.is_protected == b.is_protected && a.added_at == b.added_at && same_bytes(a.key, b.key);
}
inline bool same(const Args& a, const Args& b) {
  return a.device == b.device && a.device2 == b.device2 && a.kind == b.kind &&
         a.purpose == b.purpose && a.protect == b.protect && a.duration == b.duration &&
         a.number == b.number && a.actor == b.actor && a.actor2 == b.actor2 &&
         a.weight == b.weight && a.asset == b.asset && a.amount == b.amount && a.code == b.code &&
         same_bytes(a.key, b.key);
}
inline bool same(const PendingChange& a, const PendingChange& b) {
  return a.number == b.number && a.op == b.op && a.requested_at == b.requested_at &&
         a.due_at == b.due_at && a.expires_at == b.expires_at && a.delay == b.delay &&
         a.requested_by == b.requested_by && same(a.args, b.args);
}
inline bool same(const Guardian& a, const Guardian& b) {
  return a.actor == b.actor && a.weight == b.weight && a.follows == b.follows &&
         same_bytes(a.key, b.key);
}
inline bool same(const Session& a, const Session& b) {
  return a.id == b.id && a.expires_at == b.expires_at && a.app == b.app &&
         same_bytes(a.key, b.key);
}
inline bool same(const Asset& a, const Asset& b) { return a == b; }  // no key: already cheap
inline bool same(const Registration& a, const Registration& b) {
  return a.open == b.open && a.window_end == b.window_end && a.has_tentative == b.has_tentative &&
         a.device == b.device && a.kind == b.kind && a.purpose == b.purpose && a.code == b.code &&
         a.wrong_attempts == b.wrong_attempts && a.protect == b.protect &&
         same_bytes(a.key, b.key);
}
template <typename T, std::size_t N>
bool same(const BoundedVec<T, N>& a, const BoundedVec<T, N>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

// Accepted or made pending: the request took effect (now or later).
inline bool effective(const Step& s) {
  return s.kind == Step::Kind::kRequest && s.verdict != Verdict::kRejected;
}

// Does `r` carry a signature entry of this kind (verified or not)?
inline bool has_signer_kind(const Request& r, SignerKind kind) {
  return r.signers.find_if([kind](const SignatureEntry& e) { return e.kind == kind; }) != nullptr;
}

// The canonical bytes and digest of a request. One thread-local slot caches the last
// request, so the checkers of one step share a single encoding. `generation` tells apart the
// encodings computed on this thread (verify_signers remembers verdicts by it).
struct RequestBytes {
  Encoded encoded;
  Digest digest = 0;
  uint64_t generation = 0;
};
const RequestBytes& bytes_of(const Request& r);
inline Digest digest_of(const Request& r) { return bytes_of(r).digest; }

// Who verifiably signed `r`, judged against the identity as it was before the request, at
// `now`: a device entry counts when that device is registered and its signature verifies; a
// session entry when that session is live (expires_at > now) and verifies; a guardian entry
// when that actor is a guardian and its key verifies. A session entry sets `session` for the
// front end's own session and `app_session` for an app delegation. `bad` is the first entry that does not
// (or repeats an earlier signer), -1 when every entry verified. The verdicts of the last few
// verify() calls are remembered by (backend, key, signature, encoding), so the many checkers
// judging one step verify each signature once.
struct Verified {
  BoundedVec<DeviceId, kMaxSigners> devices;
  BoundedVec<ActorId, kMaxSigners> guardians;
  bool session = false;      // a live front-end session
  bool app_session = false;  // a live app delegation (it moves assets only)
  int bad = -1;
  std::string_view why;  // for `bad`
  bool ok() const { return bad < 0; }
  bool has_device(DeviceId d) const {
    return devices.find_if([d](DeviceId x) { return x == d; }) != nullptr;
  }
  bool has_guardian(ActorId a) const {
    return guardians.find_if([a](ActorId x) { return x == a; }) != nullptr;
  }
};
Verified verify_signers(const Policy& p, const Identity& before, const Request& r, Time now);
// Is one of the verified device signers a recovery device of `id`?
bool has_recovery(const Identity& id, const Verified& v);

// Does `a` hold registered devices of `id` enough for any sensitive change (two under
// two-factor when the identity has two or more, else one)? Re-derived from state and
// knowledge, like World::in_control but for any recorded step.
bool controls(const Policy& p, const Identity& id, const Knowledge& k, ActorId a);

inline bool has_device(const Identity& id, DeviceId d) { return id.device(d) != nullptr; }
inline const PendingChange* pending_number(const Identity& id, uint32_t number) {
  return id.pending.find_if([number](const PendingChange& c) { return c.number == number; });
}
// A notification appended between `before` and `after` (seq > before's count) that matches.
template <typename Pred>
const Notification* new_notification(const Identity& before, const Identity& after, Pred pred) {
  for (std::size_t i = after.notifications.size(); i-- > 0;) {
    const Notification& n = after.notifications[i];
    if (n.seq <= before.notification_count) break;
    if (pred(n)) return &n;
  }
  return nullptr;
}

// Did a social recovery complete in this step for identity `before` -> `after`: it was
// running before, is not running after, and its new device arrived. Judged from the states,
// not from the tick's event tags.
bool recovery_completed(const Identity& before, const Identity& after);

// Social-recovery quorum, re-derived from the policy: a guardian's weight counts (once) when
// it or any guardian up its follow chain (bounded by kMaxGuardians hops) approved; `approved`
// says who approved. kWeight: counted weight >= threshold (and > 0); kHalf: counted guardians
// >= ceil(n/2) of the n guardians (n > 0); kThreshold: counted guardians >= threshold (> 0).
struct Quorum {
  uint32_t weight = 0;
  uint32_t count = 0;
  bool reached = false;
};
template <typename Approved>
Quorum quorum(const Policy& p, const Identity& id, Approved approved) {
  Quorum q;
  for (const Guardian& g : id.guardians) {
    const Guardian* cur = &g;
    bool counts = false;
    for (std::size_t hop = 0; hop <= kMaxGuardians && cur != nullptr && !counts; ++hop) {
      counts = approved(cur->actor);
      cur = cur->follows == kNone ? nullptr : id.guardian(cur->follows);
    }
    if (!counts) continue;
    q.weight += g.weight;
    ++q.count;
  }
  const uint32_t n = static_cast<uint32_t>(id.guardians.size());
  switch (p.quorum) {
    case RecoveryQuorum::kWeight:
      q.reached = q.weight > 0 && q.weight >= id.guardian_threshold;
      break;
    case RecoveryQuorum::kHalf:
      q.reached = n > 0 && q.count >= (n + 1) / 2;
      break;
    case RecoveryQuorum::kThreshold:
      q.reached = q.count > 0 && q.count >= id.guardian_threshold;
      break;
  }
  return q;
}

// Where a pending change came from: recorded at the request step that created it.
struct Origin {
  IdentityId identity = kNone;
  uint32_t number = 0;  // the pending-change number it created (0 for a recovery)
  Digest digest = 0;    // of the creating request
  Op op = Op::kAddDevice;
  Time time = 0;               // when it was requested
  std::size_t index = 0;       // step index of the request
  ActorId actor = kNone;       // who sent it
  Duration removal_delay = 0;  // the identity's removal delay in force at the request
  bool notified = false;       // a notification carrying its number (or digest) was appended
  uint64_t owner_held = 0;     // devices the identity's owner held at the request
  // Who signed, recorded only by record_signers (it verifies the request's signatures):
  bool authorized = false;  // a registered device, a managing session or an app delegation
                            // signed (what an asset move needs)
  BoundedVec<DeviceId, kMaxSigners> device_signers;  // verified device signers
};

// Bounded log of origins: when it grows past kKeep entries, origins whose change is no
// longer pending in the current state are dropped (they can never mature any more).
// Builds a checker's digest (Checker::digest): words are mixed in the order given; step
// indexes are replaced by their rank among all the indexes given (kNoIndex stays apart, above
// every rank), so that runs whose remembered steps stand in the same order digest alike
// whatever their lengths. Sound because checkers compare step indexes only with each other
// and with later steps' indexes, which exceed every index remembered. Past kMaxRanked
// indexes the rest enter by value: never unsound, it only merges less.
class DigestBuilder {
 public:
  static constexpr std::size_t kMaxRanked = 512;
  void add(uint64_t v) { h_ = mix_word(h_, v); }
  void index(std::size_t i);
  uint64_t done() const;

 private:
  uint64_t h_ = 0x5d1e5e5ull;
  std::size_t count_ = 0;
  std::array<std::size_t, kMaxRanked> indexes_;
};

// An owner's `reacts within` declaration, as RECLAIM and EVICT remember it: who, within how
// long, and at which step it was made.
struct Reaction {
  ActorId owner = kNone;
  Duration within = 0;
  std::size_t index = 0;
};

// Mixes every remembered declaration into `b`, in order.
void digest_reactions(DigestBuilder& b, const std::vector<Reaction>& reactions);

class OriginLog {
 public:
  static constexpr std::size_t kKeep = 256;
  OriginLog() { entries_.reserve(64); }
  void add(const Origin& o, const State& now_state);
  const Origin* find(IdentityId identity, Digest digest) const;
  // Every field of every origin kept, the step indexes as ranks.
  void digest_into(DigestBuilder& b) const;

 private:
  std::vector<Origin> entries_;
};

// For each pending change present in `after` but not in `before` (by number), calls f(change).
template <typename F>
void for_new_pending(const Identity& before, const Identity& after, F f) {
  for (const PendingChange& c : after.pending)
    if (pending_number(before, c.number) == nullptr) f(c);
}

// Builds the origin of pending change number `number` created by request step `s`
// (identity before/after); number 0 records a recovery the step started, whose
// notification must then carry the request's digest. Who signed is left out: the checkers
// that judge it add it with record_signers.
Origin make_origin(const Step& s, std::size_t index, const Identity& before, const Identity& after,
                   uint32_t number, ActorId owner);
// Records in `o` who verifiably signed the request of step `s` (authorized, device_signers).
void record_signers(Origin& o, const Step& s, const Identity& before, const Policy& p);
// Did request step `s` start a (new) recovery on this identity?
bool started_recovery(const Step& s, const Identity& before, const Identity& after);

// Open-addressing set of digests (REPLAY): amortized O(1), grows by doubling.
class DigestSet {
 public:
  DigestSet() : slots_(256, 0) {}
  bool contains(Digest d) const;
  bool insert(Digest d);  // false when `d` was already in the set
  std::size_t size() const { return size_; }
  // A digest of the set's members, whatever the order they came in (a sum kept by insert).
  uint64_t digest() const { return mix_word(sum_, size_ + has_zero_); }

 private:
  void grow();
  std::vector<Digest> slots_;  // 0 = empty; digest 0 is kept in has_zero_
  std::size_t size_ = 0;
  bool has_zero_ = false;
  uint64_t sum_ = 0;  // of mix_word(0, d) over the members
};

// Events of a tick step for one identity.
template <typename F>
void for_events(const Step& s, IdentityId identity, F f) {
  for (const Matured& m : s.matured)
    if (m.identity == identity) f(m);
}

Violation violation(std::string_view id, std::size_t index, std::string message);

// The words naming a step in messages, e.g. "alice: add-device (accepted) at 420s".
struct StepLabel {
  const World& world;
  const Step& step;
};

// The pieces a violation message is made of: string literals, other text, integers (in
// decimal, as std::to_string writes them) and step labels. Each piece bounds its length
// (max_size) and is written at a cursor (put), so cat() allocates once and copies once.
template <std::size_t N>
constexpr std::size_t max_size(const char (&)[N]) {
  return N - 1;  // a string literal
}
inline std::size_t max_size(std::string_view s) { return s.size(); }
template <std::integral I>
constexpr std::size_t max_size(I) {
  return 20;  // the longest 64-bit integer, sign included
}
std::size_t max_size(const StepLabel& l);

template <std::size_t N>
char* put(char* out, const char (&s)[N]) {
  std::memcpy(out, s, N - 1);
  return out + N - 1;
}
inline char* put(char* out, std::string_view s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}
template <std::integral I>
char* put(char* out, I v) {
  return std::to_chars(out, out + max_size(v), v).ptr;
}
char* put(char* out, const StepLabel& l);

// Concatenates the pieces into a violation message.
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out((max_size(parts) + ...), '\0');
  char* end = out.data();
  ((end = put(end, parts)), ...);
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

// "seed phrase alice/phrase" style names for messages.
std::string device_label(const World& w, DeviceId d);
std::string step_label(const World& w, const Step& s);  // cat(StepLabel{w, s})

}  // namespace reclaim::inv

#endif  // RECLAIM_PROPERTIES_INVARIANTS_UTIL_H_
