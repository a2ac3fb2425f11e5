// fuzz_protocol: bytes -> (variant, bounded sequence of requests, adversary events and time
// advances) -> the model, with every checked invariant of that variant judged after every
// step. A violation prints the run as a .scn (with `expect violates ID`, so that
// `reclaim run` of it exits 0 exactly when it reproduces) and aborts; a crash of the model
// aborts by itself. RECLAIM_VARIANT and RECLAIM_INVARIANTS narrow a campaign (harness.h).
#include <cstddef>
#include <cstdint>

#include "fuzz/util/harness.h"
#include "fuzz/util/mutator.h"
#include "fuzz/util/protocol_input.h"

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  reclaim::fuzz::keep_freed_memory();
  reclaim::fuzz::find_variants(argc != nullptr && *argc > 0 ? (*argv)[0] : nullptr);
  (void)reclaim::fuzz::campaign();  // read the environment once, before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reclaim::fuzz;
  const Input input = decode_input({data, size});
  const CampaignVariant& cv = campaign().pick(input.header);
  ProtocolRun run = run_protocol(input, cv, reclaim::CryptoBackend::kIdeal);
  if (run.violation) report_violation(run.driver->world(), cv, *run.violation);
  return 0;
}

#ifdef RECLAIM_CUSTOM_MUTATOR
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

// Half of the mutations work on whole actions, half are libFuzzer's own byte mutations
// (which also bring in values from comparisons the model makes).
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  if (seed & 1) return LLVMFuzzerMutate(data, size, max_size);
  return reclaim::fuzz::mutate_actions(data, size, max_size, seed >> 1);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* a, size_t a_size, const uint8_t* b,
                                            size_t b_size, uint8_t* out, size_t max_out,
                                            unsigned int seed) {
  return reclaim::fuzz::cross_actions(a, a_size, b, b_size, out, max_out, seed);
}
#endif
