// Flag values that CLI11's own conversions would accept wrongly: a seed given out of range
// is clamped by them, and a negative one wraps around. These parsers accept exactly the
// documented spellings and say what is wrong with anything else.
#ifndef RECLAIM_CLI_FLAGS_H_
#define RECLAIM_CLI_FLAGS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "model/result.h"

namespace reclaim::cli {

// A seed: a decimal integer from 0 to 18446744073709551615 (2^64 - 1), digits only (no sign,
// no spaces, no hex, no exponent). Otherwise an Error naming `flag` and the value.
Result<uint64_t> parse_seed(std::string_view text, std::string_view flag);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_FLAGS_H_
