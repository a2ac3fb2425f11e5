// Shared helpers of the invariant checkers (see util.h). Rule-free by construction: this
// file includes nothing from model/rules.
#include "properties/invariants/util.h"

#include <algorithm>
#include <bit>

#include "model/crypto.h"

namespace reclaim::inv {

// same() (util.h) must compare every field of these; a new field changes the size.
static_assert(sizeof(Device) == 48, "Device changed: update inv::same(Device)");
static_assert(sizeof(Args) == 96, "Args changed: update inv::same(Args)");
static_assert(sizeof(PendingChange) == 144, "PendingChange changed: update inv::same");
static_assert(sizeof(Guardian) == 44, "Guardian changed: update inv::same(Guardian)");
static_assert(sizeof(Session) == 56, "Session changed: update inv::same(Session)");
static_assert(sizeof(Registration) == 72, "Registration changed: update inv::same");
static_assert(sizeof(Request) == 416, "Request changed: update bytes_of's key");

const RequestBytes& bytes_of(const Request& r) {
  // Keyed by the signed fields only: the encoding covers nothing else (codec.h).
  struct Slot {
    IdentityId identity = kNone;
    Op op = Op::kAddDevice;
    uint64_t nonce = 0;
    Time time = 0;
    Args args;
    RequestBytes bytes;
  };
  thread_local Slot slot;
  thread_local uint64_t generations = 0;
  if (slot.bytes.generation != 0 && slot.nonce == r.nonce && slot.time == r.time &&
      slot.identity == r.identity && slot.op == r.op && same(slot.args, r.args))
    return slot.bytes;
  slot.identity = r.identity;
  slot.op = r.op;
  slot.nonce = r.nonce;
  slot.time = r.time;
  slot.args = r.args;
  slot.bytes.encoded = encode(r);
  slot.bytes.digest = digest(slot.bytes.encoded.view());
  slot.bytes.generation = ++generations;
  return slot.bytes;
}

namespace {

// verify() of one signature over `b`, remembered for the last few calls on this thread.
bool verified(CryptoBackend backend, const PublicKey& key, const RequestBytes& b,
              const Signature& sig) {
  struct Entry {
    uint64_t generation = 0;  // 0: empty
    CryptoBackend backend = CryptoBackend::kIdeal;
    bool ok = false;
    PublicKey key{};
    Signature sig{};
  };
  thread_local std::array<Entry, 8> cache;
  thread_local std::size_t next = 0;
  for (std::size_t age = 1; age <= cache.size(); ++age) {  // the newest entry first
    const Entry& e = cache[(next + cache.size() - age) % cache.size()];
    if (e.generation == b.generation && e.backend == backend && same_bytes(e.sig, sig) &&
        same_bytes(e.key, key))
      return e.ok;
  }
  const bool ok = verify(backend, key, b.encoded.view(), sig);
  cache[next] = Entry{b.generation, backend, ok, key, sig};
  next = (next + 1) % cache.size();
  return ok;
}

}  // namespace

bool has_recovery(const Identity& id, const Verified& v) {
  for (DeviceId d : v.devices) {
    const Device* dev = id.device(d);
    if (dev != nullptr && dev->purpose == Purpose::kRecovery) return true;
  }
  return false;
}

Verified verify_signers(const Policy& p, const Identity& before, const Request& r, Time now) {
  Verified v;
  auto fail = [&v](std::size_t i, std::string_view why) {
    if (!v.ok()) return;  // keep the first problem
    v.bad = static_cast<int>(i);
    v.why = why;
  };
  const RequestBytes& b = bytes_of(r);
  for (std::size_t i = 0; i < r.signers.size(); ++i) {
    const SignatureEntry& e = r.signers[i];
    for (std::size_t j = 0; j < i; ++j)
      if (r.signers[j].kind == e.kind && r.signers[j].id == e.id) {
        fail(i, "repeats an earlier signer");
      }
    const PublicKey* key = nullptr;
    bool app = false;
    switch (e.kind) {
      case SignerKind::kDevice:
        if (const Device* d = before.device(e.id)) key = &d->key;
        break;
      case SignerKind::kSession:
        for (const Session& s : before.sessions)
          if (s.id == e.id && s.expires_at > now) {
            key = &s.key;
            app = s.app;
          }
        break;
      case SignerKind::kGuardian:
        if (const Guardian* g = before.guardian(e.id)) key = &g->key;
        break;
    }
    if (key == nullptr) {
      fail(i, "names no registered signer");
      continue;
    }
    if (!verified(p.crypto, *key, b, e.sig)) {
      fail(i, "does not verify");
      continue;
    }
    switch (e.kind) {
      case SignerKind::kDevice:
        if (!v.has_device(e.id) && !v.devices.full()) v.devices.push_back(e.id);
        break;
      case SignerKind::kSession:
        (app ? v.app_session : v.session) = true;
        break;
      case SignerKind::kGuardian:
        if (!v.has_guardian(e.id) && !v.guardians.full()) v.guardians.push_back(e.id);
        break;
    }
  }
  return v;
}

bool controls(const Policy& p, const Identity& id, const Knowledge& k, ActorId a) {
  const uint64_t held = held_by(k, a) & device_mask(id);
  const int count = std::popcount(held);
  const int need = p.two_factor && id.devices.size() >= 2 ? 2 : 1;
  return count >= need;
}

bool started_recovery(const Step& s, const Identity& before, const Identity& after) {
  return effective(s) && s.request.op == Op::kStartRecovery && after.recovery.active &&
         (!before.recovery.active || before.recovery.started_by != after.recovery.started_by);
}

bool recovery_completed(const Identity& before, const Identity& after) {
  return before.recovery.active && !after.recovery.active &&
         !has_device(before, before.recovery.new_device) &&
         has_device(after, before.recovery.new_device);
}

void OriginLog::add(const Origin& o, const State& now_state) {
  if (entries_.size() >= kKeep) {
    std::erase_if(entries_, [&](const Origin& e) {
      const Identity* id = now_state.identity(e.identity);
      if (id == nullptr) return true;
      if (e.number == 0) return !(id->recovery.active && id->recovery.started_by == e.digest);
      const PendingChange* c = pending_number(*id, e.number);
      return c == nullptr || c->requested_by != e.digest;
    });
  }
  entries_.push_back(o);
}

const Origin* OriginLog::find(IdentityId identity, Digest digest) const {
  for (std::size_t i = entries_.size(); i-- > 0;)
    if (entries_[i].identity == identity && entries_[i].digest == digest) return &entries_[i];
  return nullptr;
}

Origin make_origin(const Step& s, std::size_t index, const Identity& before, const Identity& after,
                   uint32_t number, ActorId owner) {
  Origin o;
  o.identity = before.id;
  o.number = number;
  o.digest = digest_of(s.request);
  o.op = s.request.op;
  o.time = s.time;
  o.index = index;
  o.actor = s.actor;
  o.removal_delay = before.removal_delay;
  const Digest dg = o.digest;
  o.notified = new_notification(before, after, [number, dg](const Notification& n) {
                 return number == 0 ? n.request == dg : n.change == number;
               }) != nullptr;
  o.owner_held = held_by(s.knowledge, owner);
  return o;
}

void record_signers(Origin& o, const Step& s, const Identity& before, const Policy& p) {
  const Verified v = verify_signers(p, before, s.request, s.time);
  o.device_signers = v.devices;
  o.authorized =
      !v.devices.empty() || (v.session && p.session_manages_devices) || v.app_session;
}

bool DigestSet::contains(Digest d) const {
  if (d == 0) return has_zero_;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(d) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == d) return true;
    if (slots_[i] == 0) return false;
  }
}

bool DigestSet::insert(Digest d) {
  if (d == 0) {
    const bool added = !has_zero_;
    has_zero_ = true;
    return added;
  }
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(d) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == d) return false;
    if (slots_[i] == 0) {
      slots_[i] = d;
      ++size_;
      sum_ += mix_word(0, d);
      return true;
    }
  }
}

void DigestSet::grow() {
  std::vector<Digest> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, 0);
  size_ = 0;
  sum_ = 0;
  for (Digest d : old)
    if (d != 0) insert(d);
}

void DigestBuilder::index(std::size_t i) {
  add(0x1dec5);  // marks where an index stands among the words
  if (i == kNoIndex) {
    add(kNoIndex);
  } else if (count_ < kMaxRanked) {
    indexes_[count_++] = i;
  } else {
    add(i);
  }
}

uint64_t DigestBuilder::done() const {
  std::array<std::size_t, kMaxRanked> sorted;
  std::copy(indexes_.begin(), indexes_.begin() + count_, sorted.begin());
  std::sort(sorted.begin(), sorted.begin() + count_);
  const auto end = std::unique(sorted.begin(), sorted.begin() + count_);
  uint64_t h = mix_word(h_, count_);
  for (std::size_t k = 0; k < count_; ++k)
    h = mix_word(h, static_cast<uint64_t>(std::lower_bound(sorted.begin(), end, indexes_[k]) -
                                          sorted.begin()));
  return h;
}

// digest_into must mix every field of Origin; a new field changes the size.
static_assert(sizeof(Origin) == 96, "Origin changed: update OriginLog::digest_into");

void digest_reactions(DigestBuilder& b, const std::vector<Reaction>& reactions) {
  b.add(reactions.size());
  for (const Reaction& r : reactions) {
    b.add(r.owner);
    b.add(static_cast<uint64_t>(r.within));
    b.index(r.index);
  }
}

void OriginLog::digest_into(DigestBuilder& b) const {
  b.add(entries_.size());
  for (const Origin& o : entries_) {
    b.add(o.identity);
    b.add(o.number);
    b.add(o.digest);
    b.add(static_cast<uint64_t>(o.op));
    b.add(static_cast<uint64_t>(o.time));
    b.index(o.index);
    b.add(o.actor);
    b.add(static_cast<uint64_t>(o.removal_delay));
    b.add(o.notified);
    b.add(o.owner_held);
    b.add(o.authorized);
    b.add(o.device_signers.size());
    for (DeviceId d : o.device_signers) b.add(d);
  }
}

Violation violation(std::string_view id, std::size_t index, std::string message) {
  return Violation{std::string(id), index, std::move(message)};
}

std::string device_label(const World& w, DeviceId d) {
  const std::string& name = w.device_name(d);
  return name == "?" ? cat("device #", d) : name;
}

namespace {

// Calls f with the pieces of a step label (the one place that says what a label reads).
template <typename F>
auto label_pieces(const StepLabel& l, F f) {
  const Step& s = l.step;
  switch (s.kind) {
    case Step::Kind::kRequest:
      return f(l.world.actor_name(s.actor), ": ", op_name(s.request.op), " (",
               verdict_name(s.verdict), ") at ", s.time, "s");
    case Step::Kind::kTick:
      return f("tick at ", s.time, "s");
    case Step::Kind::kEvent:
      return f(l.world.actor_name(s.actor), " ", event_name(s.event), " at ", s.time, "s");
  }
  return f("?");
}

}  // namespace

std::size_t max_size(const StepLabel& l) {
  return label_pieces(l, [](const auto&... pieces) { return (max_size(pieces) + ...); });
}

char* put(char* out, const StepLabel& l) {
  return label_pieces(l, [out](const auto&... pieces) mutable {
    ((out = put(out, pieces)), ...);
    return out;
  });
}

std::string step_label(const World& w, const Step& s) { return cat(StepLabel{w, s}); }

}  // namespace reclaim::inv
