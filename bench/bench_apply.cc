// Throughput of the step function and of the invariant catalogue.
//   BM_ApplyIdeal:   apply() with ideal crypto on a 5-device identity (target >= 2M/s).
//   BM_ApplyReal:    the same with Ed25519 signatures; compare with BM_SodiumVerify, the
//                    cost of libsodium's own verify for the one signature each request has
//                    (target: within 1.2x).
//   BM_CheckAll:     every catalogue checker on one recorded step (target <= 2x apply).
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <vector>

#include "model/codec.h"
#include "model/world.h"
#include "properties/invariant.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

constexpr int kRequests = 1024;

struct Fixture {
  World world;
  IdentityId id = kNone;
  std::vector<Request> requests;
  explicit Fixture(CryptoBackend backend) : world(make_policy(backend), 7) {
    ActorId alice = world.actor("alice");
    id = world.add_identity("alice", alice);
    const char* names[] = {"alice/laptop", "alice/phone", "alice/yubikey", "alice/trezor",
                           "alice/phrase"};
    const DeviceKind kinds[] = {DeviceKind::kPasskey, DeviceKind::kPasskey,
                                DeviceKind::kSecurityKey, DeviceKind::kHardwareWallet,
                                DeviceKind::kSeedPhrase};
    for (int i = 0; i < 5; ++i)
      (void)world.add_device(id, names[i], kinds[i], i == 4 ? Purpose::kRecovery : Purpose::kAuth,
                             i == 4, {});
    world.begin();
    // Accepted requests of several families, each with its own nonce, signed once.
    const DeviceId laptop = world.find_device("alice/laptop");
    const KeyPair& kp = cached_keypair(7, device_secret(laptop));
    for (int i = 0; i < kRequests; ++i) {
      Request r;
      r.identity = id;
      r.nonce = static_cast<uint64_t>(i + 1);
      r.time = 0;
      switch (i % 3) {
        case 0:
          r.op = Op::kAddDevice;
          r.args.device2 = 40;
          r.args.kind = DeviceKind::kSecurityKey;
          break;
        case 1: r.op = Op::kLogin; break;
        default: r.op = Op::kEnterRegistration; break;
      }
      const Encoded enc = encode(r);
      r.signers.push_back({SignerKind::kDevice, laptop, sign(backend, kp, enc.view())});
      requests.push_back(r);
    }
  }
  static Policy make_policy(CryptoBackend backend) {
    Result<Variant> v = load_variant("timelock");
    Policy p = v ? v->policy : Policy{};
    p.crypto = backend;
    return p;
  }
};

void run_apply(benchmark::State& state, CryptoBackend backend) {
  Fixture f(backend);
  std::size_t i = 0, accepted = 0;
  for (auto _ : state) {
    Outcome o = apply(f.world.policy(), f.world.state(), f.requests[i], 0);
    accepted += o.verdict == Verdict::kAccepted;
    benchmark::DoNotOptimize(o);
    i = (i + 1) % f.requests.size();
  }
  if (accepted != static_cast<std::size_t>(state.iterations()))
    state.SkipWithError("a benchmark request was rejected");
  state.SetItemsProcessed(state.iterations());
}

void BM_ApplyIdeal(benchmark::State& state) { run_apply(state, CryptoBackend::kIdeal); }
void BM_ApplyReal(benchmark::State& state) { run_apply(state, CryptoBackend::kReal); }

void BM_SodiumVerify(benchmark::State& state) {
  Fixture f(CryptoBackend::kReal);
  const Request& r = f.requests[0];
  const Encoded enc = encode(r);
  const PublicKey pk = f.world.device_key(f.world.find_device("alice/laptop"));
  for (auto _ : state) {
    int rc = crypto_sign_verify_detached(r.signers[0].sig.data(), enc.bytes.data(), enc.size,
                                         pk.data());
    benchmark::DoNotOptimize(rc);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CheckAll(benchmark::State& state) {
  Fixture f(CryptoBackend::kIdeal);
  // Record one accepted step to check over and over.
  Args a;
  a.device2 = f.world.device_id("alice/key2");
  a.kind = DeviceKind::kSecurityKey;
  auto step = f.world.submit(1, f.id, Op::kAddDevice, a,
                             SignWith{{f.world.find_device("alice/laptop")}, false, false});
  if (!step) {
    state.SkipWithError("setup request failed");
    return;
  }
  std::vector<std::unique_ptr<Checker>> checkers;
  for (const InvariantInfo& info : catalogue()) checkers.push_back(make_checker(info.id));
  const Step& s = f.world.steps().back();
  for (auto _ : state) {
    for (auto& c : checkers) {
      auto v = c->on_step(f.world, s, f.world.steps().size() - 1);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_ApplyIdeal);
BENCHMARK(BM_ApplyReal);
BENCHMARK(BM_SodiumVerify);
BENCHMARK(BM_CheckAll);

}  // namespace
}  // namespace reclaim

BENCHMARK_MAIN();
