// Structure-aware mutation for the protocol input format (protocol_input.h). libFuzzer's
// byte mutations shift every later action when they insert or erase one byte; these work on
// whole 5-byte actions instead (insert, erase, duplicate, swap, splice, rewrite one field,
// retarget an opcode), so most mutants are again well-formed traces that differ from their
// parent by one step. The targets mix them with libFuzzer's own mutations (fuzz_protocol.cc).
// Pure functions of their inputs and the seed: no global state, bounded by max_size.
#ifndef RECLAIM_FUZZ_UTIL_MUTATOR_H_
#define RECLAIM_FUZZ_UTIL_MUTATOR_H_

#include <cstddef>
#include <cstdint>

namespace reclaim::fuzz {

// Mutates data[0, size) in place (capacity max_size) at action granularity; returns the new
// size (<= max_size). Inputs shorter than the header are first padded with zeros.
std::size_t mutate_actions(uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed);

// Header of `a`, then a prefix of a's actions followed by a suffix of b's; returns the size
// written to out (<= max_out).
std::size_t cross_actions(const uint8_t* a, std::size_t a_size, const uint8_t* b,
                          std::size_t b_size, uint8_t* out, std::size_t max_out, unsigned seed);

}  // namespace reclaim::fuzz

#endif  // RECLAIM_FUZZ_UTIL_MUTATOR_H_
