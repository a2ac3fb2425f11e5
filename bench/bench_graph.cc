// The exhaustive engine (graph/explore.h) on the standard identity, in the scope of
// `check --engine exhaustive` (the attacker may steal or copy any device, any guardian may
// collude; a passive and a reactive owner as two roots):
//   BM_Explore/V/K        every path of K actions under variant V, no invariant checked:
//                         new states per second (items/s), states, bytes per stored state;
//   BM_ExploreChecked/V/K the same with every invariant V claims checked on every path;
//   BM_Devices/D/K        timelock with D = 3 or 4 devices (alice/trezor): growth in devices;
//   BM_DepthInBudget/V    the deepest depth explored completely in $RECLAIM_BENCH_SECONDS
//                         seconds (default 5; the notes use 60), with its state count.
// Targets: >= 100,000 new states per second on one core for BM_Explore.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "graph/check.h"
#include "graph/explore.h"
#include "graph/menu.h"
#include "variants/variant.h"

namespace reclaim::graph {
namespace {

const std::vector<std::string>& variants() {
  static const std::vector<std::string> v = builtin_variant_names();
  return v;
}

void report(benchmark::State& state, const ExploreReport& r, double seconds) {
  state.counters["depth"] = r.depth;
  state.counters["states"] = static_cast<double>(r.states);
  state.counters["new_states/s"] = benchmark::Counter(static_cast<double>(r.new_states) / seconds);
  state.counters["actions/s"] = benchmark::Counter(static_cast<double>(r.actions) / seconds);
  state.counters["bytes/state"] =
      r.peak_states > 0 ? static_cast<double>(r.table_bytes) / static_cast<double>(r.peak_states)
                        : 0;
}

void run(benchmark::State& state, const Variant& v, const IdentitySetup& setup,
         const std::vector<std::string>& ids, Bounds b) {
  ExploreReport last;
  double seconds = 0;
  long new_states = 0;
  for (auto _ : state) {
    last = explore(v.policy, setup, check_scope(setup, {}), ids, {}, b);
    seconds += last.seconds;
    new_states += last.new_states;
  }
  state.SetItemsProcessed(new_states);
  report(state, last, seconds / static_cast<double>(state.iterations()));
  std::string growth;  // distinct states within 0, 1, 2, ... actions
  for (long n : last.states_by_depth) growth += (growth.empty() ? "" : " ") + std::to_string(n);
  state.SetLabel(v.name + ": " + last.label() + "; by depth: " + growth);
}

void BM_Explore(benchmark::State& state) {
  const Variant v = *load_variant(variants()[static_cast<std::size_t>(state.range(0))]);
  Bounds b;
  b.max_depth = static_cast<int>(state.range(1));
  run(state, v, standard_setup(v.policy), {}, b);
}

void BM_ExploreChecked(benchmark::State& state) {
  const Variant v = *load_variant(variants()[static_cast<std::size_t>(state.range(0))]);
  Bounds b;
  b.max_depth = static_cast<int>(state.range(1));
  run(state, v, standard_setup(v.policy), v.claims, b);
}

void BM_Devices(benchmark::State& state) {
  const Variant v = *load_variant("timelock");
  StandardOptions o;
  o.trezor = state.range(0) == 4;
  Bounds b;
  b.max_depth = static_cast<int>(state.range(1));
  run(state, v, standard_setup(v.policy, o), {}, b);
}

void BM_DepthInBudget(benchmark::State& state) {
  const Variant v = *load_variant(variants()[static_cast<std::size_t>(state.range(0))]);
  const char* env = std::getenv("RECLAIM_BENCH_SECONDS");
  Bounds b;
  b.max_depth = 40;
  b.max_seconds = env != nullptr ? std::atof(env) : 5;
  run(state, v, standard_setup(v.policy), {}, b);
}

void all_variants(benchmark::internal::Benchmark* b, std::vector<int> depths) {
  for (std::size_t i = 0; i < variants().size(); ++i)
    for (int d : depths) b->Args({static_cast<int64_t>(i), d});
}

BENCHMARK(BM_Explore)
    ->Apply([](benchmark::internal::Benchmark* b) {
      all_variants(b, {3, 4});
    })
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_ExploreChecked)
    ->Apply([](benchmark::internal::Benchmark* b) { all_variants(b, {3, 4}); })
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Devices)
    ->ArgsProduct({{3, 4}, {2, 3, 4}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_DepthInBudget)
    ->Apply([](benchmark::internal::Benchmark* b) {
      for (std::size_t i = 0; i < variants().size(); ++i) b->Arg(static_cast<int64_t>(i));
    })
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace reclaim::graph

BENCHMARK_MAIN();
