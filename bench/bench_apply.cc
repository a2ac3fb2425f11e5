// Throughput of the step function and of the invariant catalogue.
//   BM_ApplyIdeal:   apply() with ideal crypto on a 5-device identity (target >= 2M/s).
//   BM_ApplyReal:    the same with Ed25519 signatures; compare with BM_SodiumVerify, the
//                    cost of libsodium's own verify for the one signature each request has
//                    (target: within 1.2x).
//   BM_ApplyRecorded / BM_CheckRecorded: a recorded run of 200 varied requests, applied
//                    again vs. checked by the whole catalogue (target: checking <= 2x apply).
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <vector>

#include "model/codec.h"
#include "sim/world.h"
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

// A recorded run of varied requests (accepted, pending and rejected), for comparing the cost
// of checking a step with the cost of applying it.
const World& recorded_run() {
  static const World* run = [] {
    Fixture f(CryptoBackend::kIdeal);
    auto* w = new World(f.world);
    const ActorId alice = 1;
    const DeviceId laptop = w->find_device("alice/laptop"), phone = w->find_device("alice/phone");
    const DeviceId phrase = w->find_device("alice/phrase");
    for (int i = 0; i < 200; ++i) {
      w->advance_to(w->now() + 7 * kMinute);
      Args a;
      switch (i % 5) {
        case 0:
          a.device2 = w->device_id("alice/k" + std::to_string(i % 40));
          a.kind = DeviceKind::kSecurityKey;
          (void)w->submit(alice, f.id, Op::kAddDevice, a, SignWith{{laptop}, false, false});
          break;
        case 1:
          a.device = w->find_device("alice/k" + std::to_string((i - 1) % 40));
          (void)w->submit(alice, f.id, Op::kRemoveDevice, a, SignWith{{phone}, false, false});
          break;
        case 2:
          (void)w->submit(alice, f.id, Op::kLogin, a, SignWith{{laptop}, false, false});
          break;
        case 3:
          a.device = phrase;  // pending under the timelock, then cancelled
          (void)w->submit(alice, f.id, Op::kRemoveDevice, a, SignWith{{laptop}, false, false});
          break;
        default:
          a.number = 0;
          (void)w->submit(alice, f.id, Op::kCancel, a, SignWith{{phrase}, false, false});
          break;
      }
    }
    return w;
  }();
  return *run;
}

void BM_ApplyRecorded(benchmark::State& state) {
  const World& w = recorded_run();
  std::size_t n = 0;
  for (auto _ : state) {
    for (const Step& s : w.steps()) {
      if (s.kind != Step::Kind::kRequest) continue;
      Outcome o = apply(w.policy(), s.before, s.request, s.time);
      benchmark::DoNotOptimize(o);
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}

void BM_CheckRecorded(benchmark::State& state) {
  const World& w = recorded_run();
  std::size_t n = 0;
  for (auto _ : state) {
    std::vector<std::unique_ptr<Checker>> checkers;
    for (const InvariantInfo& info : catalogue()) checkers.push_back(make_checker(info.id));
    for (std::size_t i = 0; i < w.steps().size(); ++i) {
      const Step& s = w.steps()[i];
      for (auto& c : checkers) {
        auto v = c->on_step(w, s, i);
        benchmark::DoNotOptimize(v);
      }
      n += s.kind == Step::Kind::kRequest;
    }
  }
  // Per request step, so the figure compares directly with BM_ApplyRecorded.
  state.SetItemsProcessed(static_cast<int64_t>(n));
}

BENCHMARK(BM_ApplyIdeal);
BENCHMARK(BM_ApplyReal);
BENCHMARK(BM_SodiumVerify);
BENCHMARK(BM_ApplyRecorded);
BENCHMARK(BM_CheckRecorded);

}  // namespace
}  // namespace reclaim

BENCHMARK_MAIN();
