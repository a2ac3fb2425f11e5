// Tests of the step function itself (step.cc): the request-level rules R-REQ-1..6 with
// hand-built, hand-signed requests through raw apply(), both crypto backends (the same run
// gives the same trace under ideal and real signatures; real signatures are checked for
// real), the canonical encoding at the model's door, and tick()/next_due().
#include "model/step.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/codec.h"
#include "model/crypto.h"
#include "model/policy.h"
#include "model/state.h"
#include "model/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary
using fixtures::Describe;  // overloaded below

std::string Describe(const Outcome& o) { return Describe(o.verdict, o.reject, o.rule); }

constexpr uint64_t kSeed = 2024;

Policy Timelock2fa(CryptoBackend crypto) {
  Policy p = timelock_2fa();
  // The timelock variants' protected phrase may leave through the delay; these tests
  // keep protection absolute.
  p.delay_overrides_protection = false;
  p.crypto = crypto;
  return p;
}

Policy Social(CryptoBackend crypto) {
  Policy p = Timelock2fa(crypto);
  p.name = "social";
  p.delay_overrides_protection = true;
  p.guardians = true;
  p.quorum = RecoveryQuorum::kWeight;
  p.default_guardian_threshold = 2;
  p.veto = CancelRight::kRecoveryDevice;
  p.following = true;
  return p;
}

// Alice (laptop, YubiKey, recovery phrase) and Bob (one key) in one world; raw requests are
// built and signed here, outside the world, so that signatures can be tampered with.
class Raw {
 public:
  explicit Raw(CryptoBackend crypto) : world(Timelock2fa(crypto), kSeed) {
    alice = world.actor("alice");
    bob = world.actor("bob");
    a = world.add_identity("alice", alice);
    b = world.add_identity("bob", bob);
    laptop = Dev(a, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth);
    yubikey = Dev(a, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth);
    phrase = Dev(a, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery);
    bobkey = Dev(b, "bob/key", DeviceKind::kSecurityKey, Purpose::kAuth);
    world.begin();
    state = world.state();
  }
  DeviceId Dev(IdentityId id, const std::string& name, DeviceKind kind, Purpose purpose) {
    Result<DeviceId> d = world.add_device(id, name, kind, purpose, false, {});
    if (!d.ok()) {
      ADD_FAILURE() << d.error().str();
      return kNone;
    }
    return *d;
  }
  const Policy& policy() const { return world.policy(); }
  // An add-device request for alice (a sensitive change: two signers needed).
  Request AddDevice(uint64_t nonce, Time time, DeviceId new_device = 40) const {
    Request r;
    r.identity = a;
    r.op = Op::kAddDevice;
    r.args.device2 = new_device;
    r.args.kind = DeviceKind::kPasskey;
    r.args.purpose = Purpose::kAuth;
    r.args.key = world.device_key(new_device);
    r.nonce = nonce;
    r.time = time;
    return r;
  }
  Request Login(uint64_t nonce, Time time) const {
    Request r;
    r.identity = a;
    r.op = Op::kLogin;
    r.args.key = world.session_key(a, 1);
    r.nonce = nonce;
    r.time = time;
    return r;
  }
  Signature SigBy(const Request& r, DeviceId key_of, CryptoBackend backend) const {
    const Encoded enc = encode(r);
    return sign(backend, cached_keypair(kSeed, device_secret(key_of)), enc.view());
  }
  // Names `as` and signs with `key_of`'s secret (the same device unless testing wrong keys).
  void Sign(Request& r, DeviceId as, DeviceId key_of = kNone) const {
    r.signers.push_back(
        {SignerKind::kDevice, as, SigBy(r, key_of == kNone ? as : key_of, policy().crypto)});
  }
  Request Signed(Request r, std::initializer_list<DeviceId> by) const {
    for (DeviceId d : by) Sign(r, d);
    return r;
  }

  World world;
  ActorId alice = kNone, bob = kNone;
  IdentityId a = kNone, b = kNone;
  DeviceId laptop = kNone, yubikey = kNone, phrase = kNone, bobkey = kNone;
  State state;
};

// --- R-REQ-1 ----------------------------------------------------------------------------------

TEST(RequestRules, UnknownIdentityIsMalformed) {
  Raw t(CryptoBackend::kIdeal);
  Request r = t.Signed(t.Login(1, 0), {t.laptop});
  r.identity = 99;
  const Outcome o = apply(t.policy(), t.state, r, 0);
  EXPECT_EQ(Describe(o), "rejected malformed R-REQ-1");
  EXPECT_EQ(o.state, t.state);
}

// --- R-REQ-2 ----------------------------------------------------------------------------------

TEST(RequestRules, RequestTimeMustBeFresh) {
  Raw t(CryptoBackend::kIdeal);
  const Time now = kHour;
  EXPECT_EQ(Describe(apply(t.policy(), t.state, t.Signed(t.Login(1, now + 1), {t.laptop}), now)),
            "rejected stale R-REQ-2");
  EXPECT_EQ(Describe(apply(t.policy(), t.state,
                           t.Signed(t.Login(2, now - kRequestFreshness - 1), {t.laptop}), now)),
            "rejected stale R-REQ-2");
  EXPECT_EQ(Describe(apply(t.policy(), t.state,
                           t.Signed(t.Login(3, now - kRequestFreshness), {t.laptop}), now)),
            "accepted none R-SES-2");
  EXPECT_EQ(Describe(apply(t.policy(), t.state, t.Signed(t.Login(4, now), {t.laptop}), now)),
            "accepted none R-SES-2");
}

// --- R-REQ-3 / R-REQ-5 --------------------------------------------------------------------------

TEST(RequestRules, AcceptedRequestIsRememberedAndNotAcceptedTwice) {
  Raw t(CryptoBackend::kIdeal);
  const Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  const Outcome first = apply(t.policy(), t.state, r, 0);
  ASSERT_EQ(Describe(first), "accepted none R-DEV-11");
  ASSERT_EQ(first.state.identity(t.a)->seen.size(), 1u);
  EXPECT_EQ(first.state.identity(t.a)->seen[0].nonce, 1u);
  EXPECT_EQ(Describe(apply(t.policy(), first.state, r, 0)), "rejected replay R-REQ-3");
  EXPECT_EQ(Describe(apply(t.policy(), first.state, r, kRequestFreshness)),
            "rejected replay R-REQ-3");
  // The digest covers the signed bytes, not the signatures: other signers, same request.
  const Request resigned = t.Signed(t.AddDevice(1, 0), {t.yubikey, t.phrase});
  EXPECT_EQ(Describe(apply(t.policy(), first.state, resigned, 1)), "rejected replay R-REQ-3");
  // Too old to replay at all.
  EXPECT_EQ(Describe(apply(t.policy(), first.state, r, kRequestFreshness + 1)),
            "rejected stale R-REQ-2");
}

TEST(RequestRules, PendingRequestIsRememberedRejectedIsNot) {
  Raw t(CryptoBackend::kIdeal);
  Request rm;
  rm.identity = t.a;
  rm.op = Op::kRemoveDevice;
  rm.args.device = t.phrase;
  rm.nonce = 5;
  const Request one = t.Signed(rm, {t.laptop});  // 2FA: rejected
  const Outcome rejected = apply(t.policy(), t.state, one, 0);
  ASSERT_EQ(Describe(rejected), "rejected two-factor R-2FA-1");
  EXPECT_EQ(rejected.state, t.state);
  EXPECT_TRUE(rejected.state.identity(t.a)->seen.empty());
  // The same bytes may be sent again, now properly signed.
  const Request two = t.Signed(rm, {t.laptop, t.yubikey});
  const Outcome pending = apply(t.policy(), rejected.state, two, 0);
  ASSERT_EQ(Describe(pending), "pending none R-DEV-10");
  EXPECT_EQ(pending.change, 1u);
  EXPECT_EQ(pending.state.identity(t.a)->seen.size(), 1u);
  EXPECT_EQ(Describe(apply(t.policy(), pending.state, two, 0)), "rejected replay R-REQ-3");
}

TEST(RequestRules, NonceAtOrBelowTheFloorIsAReplay) {
  Raw t(CryptoBackend::kIdeal);
  EXPECT_EQ(Describe(apply(t.policy(), t.state, t.Signed(t.Login(0, 0), {t.laptop}), 0)),
            "rejected replay R-REQ-3");
}

TEST(RequestRules, EvictingTheOldestDigestRaisesTheNonceFloor) {
  Raw t(CryptoBackend::kIdeal);
  State s = t.state;
  std::vector<Request> sent;
  for (uint64_t n = 1; n <= kMaxSeen + 1; ++n) {
    sent.push_back(t.Signed(t.Login(n, 0), {t.laptop}));
    Outcome o = apply(t.policy(), s, sent.back(), 0);
    ASSERT_EQ(Describe(o), "accepted none R-SES-2") << n;
    s = o.state;
  }
  const Identity& id = *s.identity(t.a);
  EXPECT_EQ(id.seen.size(), kMaxSeen);
  EXPECT_EQ(id.nonce_floor, 1u);
  // The evicted request stays unreplayable, through the floor.
  EXPECT_EQ(Describe(apply(t.policy(), s, sent[0], 0)), "rejected replay R-REQ-3");
  EXPECT_EQ(Describe(apply(t.policy(), s, sent[1], 0)), "rejected replay R-REQ-3");
  // Stale digests are pruned first, without raising the floor.
  const Outcome later = apply(t.policy(), s, t.Signed(t.Login(100, kHour), {t.laptop}), kHour);
  ASSERT_EQ(Describe(later), "accepted none R-SES-2");
  EXPECT_EQ(later.state.identity(t.a)->seen.size(), 1u);
  EXPECT_EQ(later.state.identity(t.a)->nonce_floor, 1u);
}

// --- R-REQ-4 ----------------------------------------------------------------------------------

TEST(RequestRules, SignerMustBeARegisteredDeviceSessionOrGuardian) {
  Raw t(CryptoBackend::kIdeal);
  // Bob's key is registered, but to Bob's identity, not Alice's.
  EXPECT_EQ(Describe(apply(t.policy(), t.state, t.Signed(t.Login(1, 0), {t.bobkey}), 0)),
            "rejected unauthorized R-REQ-4");
  Request never = t.Login(2, 0);
  t.Sign(never, 50);  // an id no identity has
  EXPECT_EQ(Describe(apply(t.policy(), t.state, never, 0)), "rejected unauthorized R-REQ-4");
  Request session = t.Login(3, 0);
  session.signers.push_back({SignerKind::kSession, 1, Signature{}});
  EXPECT_EQ(Describe(apply(t.policy(), t.state, session, 0)), "rejected unauthorized R-REQ-4");
  Request guardian = t.Login(4, 0);
  guardian.signers.push_back({SignerKind::kGuardian, t.bob, Signature{}});
  EXPECT_EQ(Describe(apply(t.policy(), t.state, guardian, 0)), "rejected unauthorized R-REQ-4");
}

TEST(RequestRules, UnsignedRequestPassesRequestRulesAndMeetsTheFamilyRule) {
  Raw t(CryptoBackend::kIdeal);
  EXPECT_EQ(Describe(apply(t.policy(), t.state, t.Login(1, 0), 0)),
            "rejected unauthorized R-SES-1");
}

// --- R-REQ-6 ----------------------------------------------------------------------------------

TEST(RequestRules, ASignerAtMostOnce) {
  Raw t(CryptoBackend::kIdeal);
  const Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.laptop});
  EXPECT_EQ(Describe(apply(t.policy(), t.state, r, 0)), "rejected malformed R-REQ-6");
}

// --- the real backend, via raw apply ------------------------------------------------------------

TEST(RealCrypto, ValidSignaturesAreAccepted) {
  Raw t(CryptoBackend::kReal);
  const Outcome o =
      apply(t.policy(), t.state, t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey}), 0);
  EXPECT_EQ(Describe(o), "accepted none R-DEV-11");
}

TEST(RealCrypto, TamperedSignatureIsBad) {
  Raw t(CryptoBackend::kReal);
  Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  r.signers[1].sig[17] ^= 0x01;
  const Outcome o = apply(t.policy(), t.state, r, 0);
  EXPECT_EQ(Describe(o), "rejected bad-signature R-REQ-4");
  EXPECT_EQ(o.state, t.state);
}

TEST(RealCrypto, TamperedRequestBreaksItsSignatures) {
  Raw t(CryptoBackend::kReal);
  Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  r.args.purpose = Purpose::kRecovery;  // the signed bytes said auth
  EXPECT_EQ(Describe(apply(t.policy(), t.state, r, 0)), "rejected bad-signature R-REQ-4");
}

TEST(RealCrypto, SignatureByAnotherDevicesKeyIsBad) {
  Raw t(CryptoBackend::kReal);
  Request r = t.AddDevice(1, 0);
  t.Sign(r, t.laptop);
  t.Sign(r, t.yubikey, t.phrase);  // names the YubiKey, signed with the phrase's key
  EXPECT_EQ(Describe(apply(t.policy(), t.state, r, 0)), "rejected bad-signature R-REQ-4");
  Request other = t.AddDevice(2, 0);
  t.Sign(other, t.laptop);
  t.Sign(other, t.yubikey, t.bobkey);  // a registered key, of another identity
  EXPECT_EQ(Describe(apply(t.policy(), t.state, other, 0)), "rejected bad-signature R-REQ-4");
}

TEST(RealCrypto, BackendsDoNotAcceptEachOthersSignatures) {
  Raw real(CryptoBackend::kReal);
  Request r = real.AddDevice(1, 0);
  r.signers.push_back(
      {SignerKind::kDevice, real.laptop, real.SigBy(r, real.laptop, CryptoBackend::kIdeal)});
  r.signers.push_back(
      {SignerKind::kDevice, real.yubikey, real.SigBy(r, real.yubikey, CryptoBackend::kIdeal)});
  EXPECT_EQ(Describe(apply(real.policy(), real.state, r, 0)), "rejected bad-signature R-REQ-4");

  Raw ideal(CryptoBackend::kIdeal);
  Request q = ideal.AddDevice(1, 0);
  q.signers.push_back(
      {SignerKind::kDevice, ideal.laptop, ideal.SigBy(q, ideal.laptop, CryptoBackend::kReal)});
  EXPECT_EQ(Describe(apply(ideal.policy(), ideal.state, q, 0)), "rejected bad-signature R-REQ-4");
  // And a tampered ideal tag fails too.
  Request w = ideal.Signed(ideal.AddDevice(2, 0), {ideal.laptop, ideal.yubikey});
  w.signers[0].sig[0] ^= 0x80;
  EXPECT_EQ(Describe(apply(ideal.policy(), ideal.state, w, 0)), "rejected bad-signature R-REQ-4");
}

TEST(RealCrypto, ReplayedAcceptedRequestIsRejected) {
  Raw t(CryptoBackend::kReal);
  const Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  const Outcome first = apply(t.policy(), t.state, r, 0);
  ASSERT_EQ(Describe(first), "accepted none R-DEV-11");
  const Outcome again = apply(t.policy(), first.state, r, 2 * kMinute);
  EXPECT_EQ(Describe(again), "rejected replay R-REQ-3");
  EXPECT_EQ(again.state, first.state);
}

TEST(RealCrypto, StaleRequestIsRejected) {
  Raw t(CryptoBackend::kReal);
  const Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  EXPECT_EQ(Describe(apply(t.policy(), t.state, r, kRequestFreshness + 1)),
            "rejected stale R-REQ-2");
}

// --- canonical encoding at the door
// ---------------------------------------------------------------

TEST(RealCrypto, CanonicalBytesDecodeAndReencodeIdentically) {
  Raw t(CryptoBackend::kReal);
  Request r = t.AddDevice(7, 3);
  const Encoded enc = encode(r);
  const std::optional<Request> back = decode(enc.view());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, r);  // signers are not part of the bytes; r has none yet
  const Encoded again = encode(*back);
  ASSERT_EQ(again.size, enc.size);
  EXPECT_TRUE(std::equal(enc.view().begin(), enc.view().end(), again.view().begin()));
  // A request rebuilt from the wire, with the signatures attached, is the same request.
  Request wire = *back;
  t.Sign(wire, t.laptop);
  t.Sign(wire, t.yubikey);
  EXPECT_EQ(Describe(apply(t.policy(), t.state, wire, 3)), "accepted none R-DEV-11");
}

TEST(RealCrypto, NonCanonicalEncodingsAreRejectedByDecode) {
  Raw t(CryptoBackend::kReal);
  const Encoded enc = encode(t.AddDevice(7, 3));
  const std::vector<uint8_t> good(enc.view().begin(), enc.view().end());
  auto decodes = [](std::vector<uint8_t> bytes) {
    return decode(std::span<const uint8_t>(bytes.data(), bytes.size())).has_value();
  };
  ASSERT_TRUE(decodes(good));
  {
    std::vector<uint8_t> longer(good.size() + 1, 0);
    std::copy(good.begin(), good.end(), longer.begin());
    EXPECT_FALSE(decodes(longer)) << "trailing byte";
  }
  EXPECT_FALSE(decodes(std::vector<uint8_t>(good.begin(), good.end() - 1))) << "truncated";
  {
    std::vector<uint8_t> tag = good;
    tag[7] = '2';  // "RCLMREQ2": another encoding version
    EXPECT_FALSE(decodes(tag)) << "domain tag";
  }
  // Layout: tag 8, identity 4, op 1, nonce 8, time 8, then add-device's fields:
  // device2 4, kind 1, purpose 1, protect 1, key 32.
  constexpr std::size_t kOp = 12, kKind = 33, kPurpose = 34, kProtect = 35;
  {
    std::vector<uint8_t> op = good;
    op[kOp] = 0;
    EXPECT_FALSE(decodes(op)) << "op 0";
    op[kOp] = kOpCount + 1;
    EXPECT_FALSE(decodes(op)) << "unknown op";
  }
  {
    std::vector<uint8_t> kind = good;
    kind[kKind] = 5;  // one past kTotp
    EXPECT_FALSE(decodes(kind)) << "kind out of range";
  }
  {
    std::vector<uint8_t> purpose = good;
    purpose[kPurpose] = 2;
    EXPECT_FALSE(decodes(purpose)) << "purpose out of range";
  }
  {
    std::vector<uint8_t> protect = good;
    protect[kProtect] = 2;
    EXPECT_FALSE(decodes(protect)) << "boolean not 0/1";
    protect[kProtect] = 1;
    EXPECT_TRUE(decodes(protect)) << "boolean 1 is canonical";
  }
  // A negative delay cannot come off the wire.
  Request neg;
  neg.identity = t.a;
  neg.op = Op::kSetRemovalDelay;
  neg.args.duration = -1;
  neg.nonce = 9;
  const Encoded n = encode(neg);
  EXPECT_FALSE(decode(n.view()).has_value());
}

// --- one run, two backends ----------------------------------------------------------------------

struct Trace {
  std::vector<std::string> lines;  // one per step: kind, time, verdict, reject, rule, hash
  uint64_t final_hash = 0;
  std::vector<Signature> signatures;  // the first signature of every signed request
};

std::string Line(const Step& s) {
  std::string out = std::to_string(static_cast<int>(s.kind)) + " t=" + std::to_string(s.time) +
                    " actor=" + std::to_string(s.actor) + (s.reactive ? " reactive" : "");
  if (s.kind == Step::Kind::kRequest) {
    out += " " + std::string(op_name(s.request.op)) + " " + Describe(s.verdict, s.reject, s.rule) +
           " change=" + std::to_string(s.change);
  }
  for (const Matured& m : s.matured)
    out += " [" + std::to_string(static_cast<int>(m.event)) + " " + std::string(m.rule) + "]";
  out += " hash=" + std::to_string(hash(s.after));
  return out;
}

// A dozen and more varied requests, a few compromise events, a reactive owner, a replay.
Trace ScriptedRun(CryptoBackend crypto) {
  World w(Social(crypto), kSeed);
  const ActorId alice = w.actor("alice"), mallory = w.actor("mallory"), bob = w.actor("bob"),
                carol = w.actor("carol");
  const IdentityId id = w.add_identity("alice", alice);
  const DeviceId laptop =
      *w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
  const DeviceId yubikey =
      *w.add_device(id, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth, false, {});
  const DeviceId phrase =
      *w.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true, {});
  EXPECT_TRUE(w.add_guardian(id, bob, 1).ok());
  EXPECT_TRUE(w.add_guardian(id, carol, 1).ok());
  const uint32_t neuron = w.asset_id("neuron");
  EXPECT_TRUE(w.add_asset(id, neuron, 500, 0).ok());
  w.begin();

  auto by = [](std::initializer_list<DeviceId> d) { return SignWith{d, false, false}; };
  auto submit = [&](ActorId actor, Op op, Args args, const SignWith& with,
                    ActorId receiver = kNone) {
    Result<const Step*> s = w.submit(actor, id, op, args, with, receiver);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().str());
  };
  auto add = [&](const std::string& name, DeviceKind kind) {
    Args a;
    a.device2 = w.device_id(name);
    a.kind = kind;
    return a;
  };

  EXPECT_TRUE(w.event(EventKind::kReacts, alice, id, kNone, kDay).ok());
  submit(alice, Op::kLogin, Args{}, by({laptop}));
  submit(alice, Op::kAddDevice, add("alice/tablet", DeviceKind::kPasskey), by({laptop, yubikey}));
  submit(alice, Op::kAddDevice, add("alice/tv", DeviceKind::kPasskey), by({laptop}));
  Args delay;
  delay.duration = kMonth;
  submit(alice, Op::kSetRemovalDelay, delay, by({laptop, yubikey}));
  w.advance_to(kHour);
  EXPECT_TRUE(w.event(EventKind::kCopy, mallory, id, yubikey).ok());
  EXPECT_TRUE(w.event(EventKind::kSteal, mallory, id, w.find_device("alice/tablet")).ok());
  Args rm;
  rm.device = phrase;
  submit(mallory, Op::kRemoveDevice, rm, by({yubikey}));
  submit(mallory, Op::kRemoveDevice, rm, by({yubikey, w.find_device("alice/tablet")}));
  submit(mallory, Op::kAddDevice, add("alice/evil", DeviceKind::kSecurityKey),
         by({yubikey, w.find_device("alice/tablet")}));
  w.advance_to(2 * kHour);
  submit(alice, Op::kEnterRegistration, Args{}, by({laptop}));
  Args offer = add("alice/phone", DeviceKind::kPasskey);
  submit(alice, Op::kAddTentative, offer, SignWith{});
  Args code;
  code.code = (w.state().identity(id)->registration.code + 1) % 1000000;
  submit(alice, Op::kVerifyTentative, code, by({laptop, phrase}));
  code.code = w.state().identity(id)->registration.code;
  submit(alice, Op::kVerifyTentative, code, by({laptop, phrase}));
  submit(bob, Op::kStartRecovery, add("alice/new", DeviceKind::kPasskey), SignWith{{}, false, true},
         alice);
  submit(carol, Op::kApproveRecovery, Args{}, SignWith{{}, false, true});
  submit(alice, Op::kVetoRecovery, Args{}, by({phrase}));
  Args pay;
  pay.asset = neuron;
  pay.amount = 100;
  pay.actor = bob;
  submit(alice, Op::kTransfer, pay, by({laptop}));
  // Mallory replays what she saw on the wire: the fresh transfer, and the old login.
  Request seen_transfer, seen_login;
  for (const Step& s : w.steps()) {
    if (s.kind != Step::Kind::kRequest) continue;
    if (s.request.op == Op::kTransfer) seen_transfer = s.request;
    if (s.request.op == Op::kLogin) seen_login = s.request;
  }
  w.replay(mallory, seen_transfer);
  w.replay(mallory, seen_login);
  w.advance_to(3 * kMonth);

  Trace t;
  for (const Step& s : w.steps()) {
    t.lines.push_back(Line(s));
    if (s.kind == Step::Kind::kRequest && !s.request.signers.empty())
      t.signatures.push_back(s.request.signers[0].sig);
  }
  t.final_hash = hash(w.state());
  return t;
}

TEST(CryptoBackends, SameRunGivesIdenticalTracesUnderIdealAndReal) {
  const Trace ideal = ScriptedRun(CryptoBackend::kIdeal);
  const Trace real = ScriptedRun(CryptoBackend::kReal);
  ASSERT_EQ(ideal.lines.size(), real.lines.size());
  for (std::size_t i = 0; i < ideal.lines.size(); ++i)
    EXPECT_EQ(ideal.lines[i], real.lines[i]) << i;
  EXPECT_EQ(ideal.final_hash, real.final_hash);
  // The run is varied: every verdict and several rules occur.
  std::string all;
  for (const std::string& l : ideal.lines) all += l + "\n";
  for (std::string_view want :
       {"accepted none R-SES-2", "accepted none R-DEV-11", "rejected two-factor R-2FA-1",
        "accepted none R-TL-4", "pending none R-DEV-10", "rejected bad-code R-REG-6",
        "accepted none R-REG-5", "accepted none R-SOC-4", "accepted none R-SOC-5",
        "accepted none R-SOC-6", "accepted none R-AST-5", "rejected replay R-REQ-3",
        "rejected stale R-REQ-2", "accepted none R-TL-8", "reactive"})
    EXPECT_NE(all.find(want), std::string::npos) << want << "\n" << all;
  // ...and the two runs really signed differently.
  ASSERT_EQ(ideal.signatures.size(), real.signatures.size());
  ASSERT_FALSE(ideal.signatures.empty());
  for (std::size_t i = 0; i < ideal.signatures.size(); ++i)
    EXPECT_NE(ideal.signatures[i], real.signatures[i]) << i;
}

// request.h: "two requests are the same request exactly when their encodings are equal", and
// an op's fields outside its encoding never change a request's identity. Fields nobody signed
// must then not change what the request does either.
TEST(StepFunction, FieldsOutsideTheEncodingDoNotChangeTheOutcome) {
  Raw t(CryptoBackend::kReal);
  Request rm;
  rm.identity = t.a;
  rm.op = Op::kRemoveDevice;
  rm.args.device = t.phrase;
  rm.nonce = 1;
  const Request signed_rm = t.Signed(rm, {t.laptop, t.yubikey});
  Request padded = signed_rm;  // same bytes, so the same valid signatures
  padded.args.device2 = 42;
  padded.args.amount = 7;
  padded.args.code = 999;
  ASSERT_EQ(encode(padded).size, encode(signed_rm).size);
  const Outcome a = apply(t.policy(), t.state, signed_rm, 0);
  const Outcome b = apply(t.policy(), t.state, padded, 0);
  ASSERT_EQ(Describe(a), "pending none R-DEV-10");
  ASSERT_EQ(Describe(b), "pending none R-DEV-10");
  EXPECT_EQ(hash(a.state), hash(b.state));
}

// --- purity, tick and next_due
// --------------------------------------------------------------------

TEST(StepFunction, ApplyIsPureAndDeterministic) {
  Raw t(CryptoBackend::kReal);
  const State before = t.state;
  const Request r = t.Signed(t.AddDevice(1, 0), {t.laptop, t.yubikey});
  const Outcome a = apply(t.policy(), t.state, r, 0);
  const Outcome b = apply(t.policy(), t.state, r, 0);
  EXPECT_EQ(t.state, before);
  EXPECT_EQ(Describe(a), Describe(b));
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(hash(a.state), hash(b.state));
  EXPECT_NE(a.state, before);
}

TEST(StepFunction, TickWithNothingDueChangesNothing) {
  Raw t(CryptoBackend::kIdeal);
  EXPECT_EQ(next_due(t.policy(), t.state, 0), kNever);
  const TickResult r = tick(t.policy(), t.state, kYear);
  EXPECT_EQ(r.events.size(), 0u);
  EXPECT_EQ(r.state, t.state);
}

TEST(StepFunction, NextDueIsTheEarliestOfEverythingTimed) {
  Raw t(CryptoBackend::kIdeal);
  Request rm;
  rm.identity = t.a;
  rm.op = Op::kRemoveDevice;
  rm.args.device = t.phrase;
  rm.nonce = 1;
  Outcome o = apply(t.policy(), t.state, t.Signed(rm, {t.laptop, t.yubikey}), 0);
  ASSERT_EQ(Describe(o), "pending none R-DEV-10");
  EXPECT_EQ(next_due(t.policy(), o.state, 0), kWeek);
  o = apply(t.policy(), o.state, t.Signed(t.Login(2, 0), {t.laptop}), 0);
  ASSERT_EQ(Describe(o), "accepted none R-SES-2");
  EXPECT_EQ(next_due(t.policy(), o.state, 0), 30 * kMinute);
  EXPECT_EQ(next_due(t.policy(), o.state, 30 * kMinute), kWeek);  // strictly after `after`
  // A change already due at `after` that nothing holds (a request released it between
  // ticks) is owed at the next second.
  EXPECT_EQ(next_due(t.policy(), o.state, kWeek + kDay), kWeek + kDay + 1);
  // Several things due at once mature in one tick.
  const TickResult r = tick(t.policy(), o.state, kWeek);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].event, TickEvent::kMatured);
  EXPECT_EQ(r.events[1].event, TickEvent::kSessionExpired);
  EXPECT_EQ(next_due(t.policy(), r.state, kWeek), kNever);
}

}  // namespace
}  // namespace reclaim
