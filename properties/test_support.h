// Test support for the invariant suites (the variant-mirroring policies are in
// model/testing.h): a fixture that sets up Alice's
// identity (laptop, YubiKey, seed phrase; optional guardians and an asset) in a World; and
// a runner that feeds recorded steps to one checker, optionally judging them against
// another World (same names, another policy) to model "the rule the run used is broken".
#ifndef RECLAIM_PROPERTIES_TEST_SUPPORT_H_
#define RECLAIM_PROPERTIES_TEST_SUPPORT_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/testing.h"
#include "sim/world.h"
#include "properties/invariant.h"

namespace reclaim::fixtures {

struct SetupOptions {
  bool phrase_protected = true;
  bool guardians = false;  // bob and carol, weight 1 each
  bool asset = false;      // alice/neuron, 500
  Time asset_locked_until = 0;
};

// Alice's identity: laptop (passkey, auth), yubikey (security key, auth), phrase (seed
// phrase, recovery). Actors: alice (owner), mallory (attacker), bob and carol (guardians
// when asked for), dave.
class Alice {
 public:
  explicit Alice(Policy p, SetupOptions o = {}, uint64_t seed = 7) : w(std::move(p), seed) {
    alice = w.actor("alice");
    mallory = w.actor("mallory");
    bob = w.actor("bob");
    carol = w.actor("carol");
    dave = w.actor("dave");
    id = w.add_identity("alice", alice);
    laptop = *w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
    yubikey =
        *w.add_device(id, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth, false, {});
    phrase = *w.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery,
                           o.phrase_protected, {});
    if (o.guardians) {
      (void)w.add_guardian(id, bob, 1);
      (void)w.add_guardian(id, carol, 1);
    }
    if (o.asset) {
      neuron = w.asset_id("neuron");
      (void)w.add_asset(id, neuron, 500, o.asset_locked_until);
    }
    w.begin();  // tests that add more setup call w.begin() again
  }

  // Submits a request and returns its step index (the request step itself, even when
  // reactions follow it). An input error (not an outcome) aborts the test program: it is a
  // bug in the test.
  std::size_t submit(ActorId actor, Op op, Args args, SignWith with, ActorId receiver = kNone) {
    Result<const Step*> r = w.submit(actor, id, op, args, with, receiver);
    if (!r.ok()) die(r.error().str());
    return static_cast<std::size_t>(*r - w.steps().data());
  }
  std::size_t event(EventKind kind, ActorId actor, DeviceId device = kNone, Duration within = 0) {
    Result<bool> r = w.event(kind, actor, id, device, within);
    if (!r.ok()) die(r.error().str());
    // The event step is the first step recorded by this call; reactions may follow it.
    for (std::size_t i = w.steps().size(); i-- > 0;)
      if (w.steps()[i].kind == Step::Kind::kEvent && w.steps()[i].event == kind) return i;
    return w.steps().size() - 1;
  }
  const Identity& state() const { return *w.state().identity(id); }
  [[noreturn]] static void die(const std::string& why) {
    std::fprintf(stderr, "test setup error: %s\n", why.c_str());
    std::abort();
  }
  DeviceId device(const std::string& name) { return w.device_id(name); }

  World w;
  ActorId alice = kNone, mallory = kNone, bob = kNone, carol = kNone, dave = kNone;
  IdentityId id = kNone;
  DeviceId laptop = kNone, yubikey = kNone, phrase = kNone;
  uint32_t neuron = 0;
};

inline Args remove_args(DeviceId d) {
  Args a;
  a.device = d;
  return a;
}
inline Args add_args(DeviceId d, DeviceKind kind, Purpose purpose, bool protect = false) {
  Args a;
  a.device2 = d;
  a.kind = kind;
  a.purpose = purpose;
  a.protect = protect;
  return a;
}
inline SignWith by(std::vector<DeviceId> devices) {
  return SignWith{std::move(devices), false, false};
}
inline SignWith by_session() { return SignWith{{}, true, false}; }
inline SignWith by_guardian() { return SignWith{{}, false, true}; }

// Feeds `steps` to a fresh checker for `id`, judging against `judge` (its policy, names,
// owners and, for at_end, its final state); the first violation, if any.
inline std::optional<Violation> first_violation(const World& judge, const std::vector<Step>& steps,
                                                std::string_view id) {
  std::unique_ptr<Checker> c = make_checker(id);
  if (c == nullptr) Alice::die("unknown invariant " + std::string(id));
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (auto v = c->on_step(judge, steps[i], i)) return v;
  return c->at_end(judge);
}
inline std::optional<Violation> first_violation(const World& w, std::string_view id) {
  return first_violation(w, w.steps(), id);
}

// The index of the first tick step with an event `e` for identity `identity`.
inline std::size_t first_tick(const World& w, TickEvent e, IdentityId identity) {
  for (std::size_t i = 0; i < w.steps().size(); ++i) {
    const Step& s = w.steps()[i];
    if (s.kind != Step::Kind::kTick) continue;
    for (const Matured& m : s.matured)
      if (m.event == e && m.identity == identity) return i;
  }
  return static_cast<std::size_t>(-1);
}

}  // namespace reclaim::fixtures

#endif  // RECLAIM_PROPERTIES_TEST_SUPPORT_H_
