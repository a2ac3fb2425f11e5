// Where fuzz_protocol's time goes, per input, over a corpus folder (the committed seeds in
// fuzz/corpus/protocol, or RECLAIM_BENCH_CORPUS=DIR, e.g. a campaign's grown corpus). Each
// input runs under the variant its header picks and that variant's claims, with ideal
// crypto, exactly as fuzz_protocol runs it without RECLAIM_VARIANT/RECLAIM_INVARIANTS:
//   BM_Decode          bytes -> header and actions (fuzz/util/protocol_input)
//   BM_Model           decode + the driver's setup and every action on the model, no checker
//   BM_ModelAndChecks  decode + model + every claimed invariant after every step: the whole
//                      of LLVMFuzzerTestOneInput
// Shares: decoder = Decode, model = Model - Decode, checkers = ModelAndChecks - Model. The
// target is 20,000 inputs/s for the whole (50 us per input); libFuzzer's own work per input
// (coverage collection, corpus upkeep) and the sanitizers come on top, see fuzz/README.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <vector>

#include "fuzz/util/harness.h"
#include "fuzz/util/protocol_input.h"

namespace reclaim::fuzz {
namespace {

std::vector<std::vector<uint8_t>> load_corpus() {
  const char* env = std::getenv("RECLAIM_BENCH_CORPUS");
  const std::filesystem::path dir =
      env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                     : std::filesystem::path(RECLAIM_SOURCE_DIR) / "fuzz" /
                                           "corpus" / "protocol";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());  // a fixed order: the same corpus, the same work
  std::vector<std::vector<uint8_t>> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

const std::vector<std::vector<uint8_t>>& corpus() {
  static const std::vector<std::vector<uint8_t>> c = load_corpus();
  return c;
}

// The campaign's variants with nothing checked: the model alone.
const Campaign& unchecked() {
  static const Campaign c = [] {
    Campaign out = campaign();
    for (CampaignVariant& v : out.variants) v.ids.clear();
    return out;
  }();
  return c;
}

template <typename Body>
void over_corpus(benchmark::State& state, Body body) {
  const auto& inputs = corpus();
  if (inputs.empty()) {
    state.SkipWithError("empty corpus (set RECLAIM_BENCH_CORPUS to a folder of inputs)");
    return;
  }
  for (auto _ : state)
    for (const auto& bytes : inputs) body(std::span<const uint8_t>(bytes.data(), bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * inputs.size()));
}

void BM_Decode(benchmark::State& state) {
  over_corpus(state, [](std::span<const uint8_t> bytes) {
    Input input = decode_input(bytes);
    benchmark::DoNotOptimize(input);
  });
}
BENCHMARK(BM_Decode)->Unit(benchmark::kMicrosecond);

void BM_Model(benchmark::State& state) {
  over_corpus(state, [](std::span<const uint8_t> bytes) {
    const Input input = decode_input(bytes);
    ProtocolRun run = run_protocol(input, unchecked().pick(input.header), CryptoBackend::kIdeal);
    benchmark::DoNotOptimize(run.violation);
  });
}
BENCHMARK(BM_Model)->Unit(benchmark::kMicrosecond);

void BM_ModelAndChecks(benchmark::State& state) {
  std::size_t violations = 0;
  over_corpus(state, [&](std::span<const uint8_t> bytes) {
    const Input input = decode_input(bytes);
    ProtocolRun run = run_protocol(input, campaign().pick(input.header), CryptoBackend::kIdeal);
    violations += run.violation.has_value();
  });
  // A corpus input that violates a claim is a finding, not a benchmark input: say so.
  if (violations != 0) state.SkipWithError("an input violates a claimed invariant");
}
BENCHMARK(BM_ModelAndChecks)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace reclaim::fuzz

int main(int argc, char** argv) {
  reclaim::fuzz::find_variants(argc > 0 ? argv[0] : nullptr);
  (void)reclaim::fuzz::campaign();
  std::printf("corpus: %zu inputs\n", reclaim::fuzz::corpus().size());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
