// libFuzzer's custom mutator and crossover hooks for the targets that read protocol inputs
// (protocol_input.h): half of the mutations work on whole actions (mutator.h), half are
// libFuzzer's own byte mutations (which also bring in values from comparisons the model
// makes). Included once by each such target's file; defined only where the build has
// libFuzzer's LLVMFuzzerMutate (RECLAIM_CUSTOM_MUTATOR, fuzz/CMakeLists.txt).
#ifndef RECLAIM_FUZZ_UTIL_CUSTOM_MUTATOR_H_
#define RECLAIM_FUZZ_UTIL_CUSTOM_MUTATOR_H_

#ifdef RECLAIM_CUSTOM_MUTATOR
#include <cstddef>
#include <cstdint>

#include "fuzz/util/mutator.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

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
#endif  // RECLAIM_CUSTOM_MUTATOR

#endif  // RECLAIM_FUZZ_UTIL_CUSTOM_MUTATOR_H_
