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

#include "fuzz/util/custom_mutator.h"  // the structure-aware mutator hooks
