// State hashing and dumping. Both hashes walk the fields in one fixed order (never raw memory,
// so padding and layout cannot leak in); the dump is the text form tests compare against.
#include "model/state.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace reclaim {
namespace {

// FNV-1a over explicitly fed 64-bit words: stable across platforms and builds.
class Hasher {
 public:
  void add(uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h_ ^= (v >> (8 * i)) & 0xff;
      h_ *= 0x100000001b3ull;
    }
  }
  void add(const PublicKey& k) {
    for (uint8_t b : k) {
      h_ ^= b;
      h_ *= 0x100000001b3ull;
    }
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0xcbf29ce484222325ull;
};

// A word-at-a-time mix of the same fields, for in-process tables (quick_hash).
class QuickHasher {
 public:
  void add(uint64_t v) {
    uint64_t x = (h_ ^ v) * 0x9e3779b97f4a7c15ull;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ull;
    h_ = x ^ (x >> 29);
  }
  void add(const PublicKey& k) {
    for (std::size_t i = 0; i < k.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, k.data() + i, 8);
      add(w);
    }
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0x243f6a8885a308d3ull;
};

template <typename H>
void add_args(H& h, const Args& a) {
  h.add(a.device);
  h.add(a.device2);
  h.add(static_cast<uint64_t>(a.kind));
  h.add(static_cast<uint64_t>(a.purpose));
  h.add(a.protect);
  h.add(a.key);
  h.add(static_cast<uint64_t>(a.duration));
  h.add(a.number);
  h.add(a.actor);
  h.add(a.actor2);
  h.add(a.weight);
  h.add(a.asset);
  h.add(static_cast<uint64_t>(a.amount));
  h.add(a.code);
}

std::string fmt_time(Time t) {
  if (t == kNever) return "never";
  return std::to_string(t) + "s";
}

// Feeds every field of the state, in a fixed order, to `h`.
template <typename H>
void walk(const State& state, H& h) {
  h.add(state.identities.size());
  for (const Identity& id : state.identities) {
    h.add(id.id);
    h.add(id.devices.size());
    for (const Device& d : id.devices) {
      h.add(d.id);
      h.add(static_cast<uint64_t>(d.kind));
      h.add(static_cast<uint64_t>(d.purpose));
      h.add(d.is_protected);
      h.add(d.key);
      h.add(static_cast<uint64_t>(d.added_at));
    }
    h.add(id.pending.size());
    for (const PendingChange& c : id.pending) {
      h.add(c.number);
      h.add(static_cast<uint64_t>(c.op));
      add_args(h, c.args);
      h.add(static_cast<uint64_t>(c.requested_at));
      h.add(static_cast<uint64_t>(c.due_at));
      h.add(static_cast<uint64_t>(c.expires_at));
      h.add(static_cast<uint64_t>(c.delay));
      h.add(c.requested_by);
    }
    h.add(id.next_change);
    h.add(static_cast<uint64_t>(id.removal_delay));
    h.add(id.guardians.size());
    for (const Guardian& g : id.guardians) {
      h.add(g.actor);
      h.add(g.weight);
      h.add(g.key);
      h.add(g.follows);
    }
    h.add(id.guardian_threshold);
    const Recovery& r = id.recovery;
    h.add(r.active);
    h.add(r.new_device);
    h.add(static_cast<uint64_t>(r.kind));
    h.add(r.new_key);
    h.add(static_cast<uint64_t>(r.started_at));
    h.add(static_cast<uint64_t>(r.due_at));
    h.add(r.guardians_at_start);
    h.add(r.approvals.size());
    for (ActorId a : r.approvals) h.add(a);
    h.add(r.vetoes.size());
    for (uint32_t v : r.vetoes) h.add(v);
    h.add(r.owner_started);
    h.add(r.started_by);
    h.add(r.start_nonce);
    h.add(static_cast<uint64_t>(id.locked_until));
    // Mixed only when set, so that states of policies without a recovery lock keep the hash
    // they had before the flag existed.
    if (id.lock_by_recovery) h.add(0x5245434c4f434bull);  // "RECLOCK"
    // Mixed only when set (as lock_by_recovery): policies without an escape interval keep
    // their hashes.
    if (id.last_recovery_start != kNoTime) {
      h.add(0x455343524543ull);  // "ESCREC"
      h.add(static_cast<uint64_t>(id.last_recovery_start));
    }
    if (id.last_guardian_removal != kNoTime) {
      h.add(0x455343524d56ull);  // "ESCRMV"
      h.add(static_cast<uint64_t>(id.last_guardian_removal));
    }
    h.add(id.assets.size());
    for (const Asset& a : id.assets) {
      h.add(a.id);
      h.add(static_cast<uint64_t>(a.amount));
      h.add(static_cast<uint64_t>(a.locked_until));
      // Mixed only when set (as lock_by_recovery), so states without a sweep keep their hash.
      if (a.swept != 0) {
        h.add(0x5357455054ull);  // "SWEPT"
        h.add(static_cast<uint64_t>(a.swept));
      }
    }
    // Mixed only when present, so that states of policies without contacts keep their hash.
    if (!id.contacts.empty()) {
      h.add(0x434f4e54414354ull);  // "CONTACT"
      h.add(id.contacts.size());
      for (const Contact& c : id.contacts) {
        h.add(c.actor);
        h.add(static_cast<uint64_t>(c.from));
      }
    }
    h.add(id.sessions.size());
    for (const Session& s : id.sessions) {
      h.add(s.id);
      h.add(s.key);
      h.add(static_cast<uint64_t>(s.expires_at));
      if (s.app) h.add(0x415050ull);  // "APP", mixed only when set (as lock_by_recovery)
      if (s.two_factor) h.add(0x324641ull);  // "2FA", mixed only when set
    }
    h.add(id.next_session);
    h.add(id.notifications.size());
    for (const Notification& n : id.notifications) {
      h.add(n.seq);
      h.add(static_cast<uint64_t>(n.at));
      h.add(static_cast<uint64_t>(n.op));
      h.add(n.device);
      h.add(n.change);
      h.add(n.request);
    }
    h.add(id.notification_count);
    h.add(id.seen.size());
    for (const SeenRequest& s : id.seen) {
      h.add(s.digest);
      h.add(s.nonce);
      h.add(static_cast<uint64_t>(s.time));
    }
    h.add(id.nonce_floor);
    const Registration& g = id.registration;
    h.add(g.open);
    h.add(static_cast<uint64_t>(g.window_end));
    h.add(g.has_tentative);
    h.add(g.device);
    h.add(static_cast<uint64_t>(g.kind));
    h.add(static_cast<uint64_t>(g.purpose));
    h.add(g.key);
    h.add(g.code);
    h.add(g.wrong_attempts);
    if (g.protect) h.add(0x50524f54ull);  // "PROT", mixed only when set (as lock_by_recovery)
  }
}


}  // namespace

uint32_t Identity::count_purpose(Purpose p) const {
  uint32_t n = 0;
  for (const Device& d : devices) n += d.purpose == p;
  return n;
}

uint32_t Identity::count_kind(DeviceKind k) const {
  uint32_t n = 0;
  for (const Device& d : devices) n += d.kind == k;
  return n;
}

uint64_t hash(const State& state) {
  Hasher h;
  walk(state, h);
  return h.value();
}

uint64_t quick_hash(const State& state) {
  QuickHasher h;
  walk(state, h);
  return h.value();
}

std::string dump(const State& state, const Namer* namer) {
  auto ident = [&](IdentityId i) {
    return namer && namer->identity ? namer->identity(i) : "#" + std::to_string(i);
  };
  auto dev = [&](DeviceId d) {
    return namer && namer->device ? namer->device(d) : "#" + std::to_string(d);
  };
  auto actor = [&](ActorId a) {
    return namer && namer->actor ? namer->actor(a) : "#" + std::to_string(a);
  };
  std::string out;
  for (const Identity& id : state.identities) {
    out += "identity " + ident(id.id) + " removal-delay " + fmt_time(id.removal_delay) + "\n";
    for (const Device& d : id.devices) {
      out += "  device " + dev(d.id) + " " + std::string(kind_name(d.kind)) + " " +
             std::string(purpose_name(d.purpose)) + (d.is_protected ? " protected" : "") +
             " added " + fmt_time(d.added_at) + "\n";
    }
    for (const PendingChange& c : id.pending) {
      out += "  pending #" + std::to_string(c.number) + " " + std::string(op_name(c.op));
      if (c.args.device != kNone) out += " " + dev(c.args.device);
      out += " requested " + fmt_time(c.requested_at) + " due " + fmt_time(c.due_at);
      if (c.expires_at != kNever) out += " expires " + fmt_time(c.expires_at);
      out += "\n";
    }
    if (!id.guardians.empty())
      out += "  guardian-threshold " + std::to_string(id.guardian_threshold) + "\n";
    for (const Guardian& g : id.guardians) {
      out += "  guardian " + actor(g.actor) + " weight " + std::to_string(g.weight);
      if (g.follows != kNone) out += " follows " + actor(g.follows);
      out += "\n";
    }
    if (id.recovery.active) {
      out += "  recovery to " + dev(id.recovery.new_device) + " due " +
             fmt_time(id.recovery.due_at) + " approvals";
      for (ActorId a : id.recovery.approvals) out += " " + actor(a);
      out += " vetoes " + std::to_string(id.recovery.vetoes.size()) + "\n";
    }
    if (id.locked_until != 0)
      out += "  locked-until " + fmt_time(id.locked_until) +
             (id.lock_by_recovery ? " by recovery" : "") + "\n";
    if (id.last_recovery_start != kNoTime)
      out += "  last-recovery-start " + fmt_time(id.last_recovery_start) + "\n";
    if (id.last_guardian_removal != kNoTime)
      out += "  last-guardian-removal " + fmt_time(id.last_guardian_removal) + "\n";
    for (const Asset& a : id.assets) {
      out += "  asset #" + std::to_string(a.id) + " " + std::to_string(a.amount);
      if (a.locked_until != 0) out += " locked-until " + fmt_time(a.locked_until);
      if (a.swept != 0) out += " swept " + std::to_string(a.swept);
      out += "\n";
    }
    for (const Contact& c : id.contacts)
      out += "  contact " + actor(c.actor) + " from " + fmt_time(c.from) + "\n";
    for (const Session& s : id.sessions)
      out += "  session #" + std::to_string(s.id) + (s.app ? " app" : "") +
             (s.two_factor ? " two-factor" : "") + " expires " +
             fmt_time(s.expires_at) + "\n";
    if (id.registration.open) {
      out += "  registration until " + fmt_time(id.registration.window_end);
      if (id.registration.has_tentative)
        out += " tentative " + dev(id.registration.device) +
               (id.registration.protect ? " protected" : "");
      out += " wrong-codes " + std::to_string(id.registration.wrong_attempts) + "\n";
    }
    out += "  notifications " + std::to_string(id.notification_count) + "\n";
  }
  return out;
}

}  // namespace reclaim
