// fuzz_canary: fails on purpose. It aborts on inputs that begin with "RCLM", which
// coverage-guided fuzzing reaches in well under a second through its comparison feedback; a
// campaign in which the canary does not fail has a broken fuzzing setup (no coverage
// instrumentation, no sanitizer, an engine that does not run the target). Its replay test
// expects failure too: fuzz/regressions/canary/ holds such an input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One branch per byte, so the engine is rewarded for each byte it gets right.
  if (size >= 1 && data[0] == 'R')
    if (size >= 2 && data[1] == 'C')
      if (size >= 3 && data[2] == 'L')
        if (size >= 4 && data[3] == 'M') {
          std::fprintf(stderr, "==reclaim-fuzz== CANARY reached: the fuzzing setup works\n");
          std::abort();
        }
  return 0;
}
