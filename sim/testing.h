// The test bed: the fixture for tests that drive the protocol through a World. It holds alice's
// identity (the identity "alice", owned by the actor alice) and the cast around it, either bare,
// for a test to add exactly the devices, guardians and asset it needs, or as the standard identity
// (standard_identity.h); it submits requests, records compromise events, and reads the identity
// back. Rule-family helpers (a registration's code, a social recovery's start) stay in their own
// test files, built on this one. Test-only: included by *_test.cc files and the suites' test
// headers alone.
#ifndef RECLAIM_SIM_TESTING_H_
#define RECLAIM_SIM_TESTING_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "model/policy.h"
#include "model/request.h"
#include "model/state.h"
#include "model/testing.h"
#include "sim/standard_identity.h"
#include "sim/world.h"

namespace reclaim::fixtures {

// A request step's outcome as one "verdict reject rule" string (Describe in model/testing.h).
inline std::string Describe(const Step& s) { return Describe(s.verdict, s.reject, s.rule); }

// A bug in the test's own setup or script, not an outcome it checks: the test program stops.
[[noreturn]] inline void SetupError(const std::string& why) {
  std::fprintf(stderr, "test setup error: %s\n", why.c_str());
  std::abort();
}

// The standard identity's defaults, for a bed built from it: Bed b(policy, kStandard).
inline const StandardOptions kStandard{};

class Bed {
 public:
  // A bare identity: the cast alice (the owner), mallory (the attacker), bob, carol, dave and
  // erin, created in that order (actor ids 1 to 6), and the identity "alice" with no device,
  // guardian or asset. Setup goes on (Dev, Three, AddGuardian, Guardians, Asset and the
  // World's own setters) until the test calls world.begin().
  explicit Bed(Policy policy, uint64_t seed = kStandardSeed) : world(std::move(policy), seed) {
    Cast();
    id = world.add_identity(kStandardOwner, alice);
  }

  // The standard identity as build_standard_identity makes it (which ends the setup: a test
  // that sets up more calls world.begin() again). Its actors keep the ids it gives them; the
  // rest of the cast (erin always, and bob, carol and dave where the policy has no guardians)
  // follows.
  Bed(Policy policy, const StandardOptions& options, uint64_t seed = kStandardSeed)
      : world(std::move(policy), seed) {
    const StandardIdentity s = build_standard_identity(world, options);
    Cast();
    id = s.id;
    laptop = s.laptop;
    yubikey = s.yubikey;
    phrase = s.phrase;
    neuron = s.neuron;
  }

  // --- setup ---
  // Registers the device "alice/NAME" (held by alice); kNone, and a test failure, if the
  // world refuses it.
  DeviceId Dev(const std::string& name, DeviceKind kind, Purpose purpose,
               bool is_protected = false) {
    Result<DeviceId> d = world.add_device(id, Name(name), kind, purpose, is_protected, {});
    if (!d.ok()) {
      ADD_FAILURE() << d.error().str();
      return kNone;
    }
    return *d;
  }
  // The id of "alice/NAME", allocated if new: a device to add, offer or recover to.
  DeviceId Fresh(const std::string& name) { return world.device_id(Name(name)); }
  // The usual three: laptop (passkey) and yubikey (security key) for authentication, phrase
  // (seed phrase) for recovery, protected if asked and the policy has protection.
  void Three(bool phrase_protected = false) {
    laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
    yubikey = Dev("yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
    phrase = Dev("phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, phrase_protected);
  }
  void AddGuardian(ActorId guardian, uint32_t weight = 1) {
    Result<bool> r = world.add_guardian(id, guardian, weight);
    if (!r.ok()) ADD_FAILURE() << r.error().str();
  }
  // bob, carol and dave as guardians with these weights.
  void Guardians(uint32_t bob_weight = 1, uint32_t carol_weight = 1, uint32_t dave_weight = 1) {
    AddGuardian(bob, bob_weight);
    AddGuardian(carol, carol_weight);
    AddGuardian(dave, dave_weight);
  }
  // `amount` of the standard asset (alice/neuron), locked until `locked_until`.
  void Asset(int64_t amount, Time locked_until) {
    neuron = world.asset_id(kStandardAsset);
    Result<bool> r = world.add_asset(id, neuron, amount, locked_until);
    if (!r.ok()) ADD_FAILURE() << r.error().str();
  }

  // --- driving ---
  // Submits a request on alice's identity and describes its outcome ("verdict reject rule"),
  // or "error: ..." for an input error (an unheld secret, an unknown name). Remembers the
  // pending-change number in `change`.
  std::string Do(ActorId actor, Op op, const Args& args, const SignWith& with,
                 ActorId receiver = kNone) {
    Result<const Step*> s = world.submit(actor, id, op, args, with, receiver);
    if (!s.ok()) return "error: " + s.error().str();
    change = (*s)->change;
    return Describe(**s);
  }
  // Submits a request and returns the index of its step (the request's own, even when
  // reactions follow it). An input error is a setup error.
  std::size_t Submit(ActorId actor, Op op, const Args& args, const SignWith& with,
                     ActorId receiver = kNone) {
    Result<const Step*> s = world.submit(actor, id, op, args, with, receiver);
    if (!s.ok()) SetupError(s.error().str());
    change = (*s)->change;
    return static_cast<std::size_t>(*s - world.steps().data());
  }
  // Records a compromise event on alice's identity and returns the index of its step (the
  // event's own, even when reactions follow it). An input error is a setup error.
  std::size_t Event(EventKind kind, ActorId actor, DeviceId device = kNone, Duration within = 0) {
    Result<bool> r = world.event(kind, actor, id, device, within);
    if (!r.ok()) SetupError(r.error().str());
    for (std::size_t i = world.steps().size(); i-- > 0;)
      if (world.steps()[i].kind == Step::Kind::kEvent && world.steps()[i].event == kind) return i;
    return world.steps().size() - 1;
  }

  // --- reading ---
  const Identity& I() const { return *world.state().identity(id); }
  bool Has(DeviceId d) const { return I().device(d) != nullptr; }

  World world;
  ActorId alice = kNone, mallory = kNone, bob = kNone, carol = kNone, dave = kNone, erin = kNone;
  IdentityId id = kNone;
  DeviceId laptop = kNone, yubikey = kNone, phrase = kNone;  // set by Three or the standard
  uint32_t neuron = 0;                                       // set by Asset or the standard
  uint32_t change = 0;  // the pending-change number of the last request Do or Submit made

 private:
  void Cast() {
    alice = world.actor(kStandardOwner);
    mallory = world.actor(kStandardAttacker);
    bob = world.actor("bob");
    carol = world.actor("carol");
    dave = world.actor("dave");
    erin = world.actor("erin");
  }
  static std::string Name(const std::string& device) { return kStandardOwner + "/" + device; }
};

}  // namespace reclaim::fixtures

#endif  // RECLAIM_SIM_TESTING_H_
