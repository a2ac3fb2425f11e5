// Durations as people write them in variant files and scenarios: "0", "90s", "15m", "2h",
// "3d", "1w", "1mo" (30 d), "1y" (365 d). One parser and one printer, so that a variant
// file and the canonical text print_variant() writes agree on every number.
#ifndef RECLAIM_VARIANTS_DURATION_H_
#define RECLAIM_VARIANTS_DURATION_H_

#include <optional>
#include <string>
#include <string_view>

#include "model/types.h"

namespace reclaim {

// The longest duration a variant may name. A bound keeps `now + delay` far from int64
// overflow in the model, and no protocol we mirror waits longer than a few years.
inline constexpr Duration kMaxVariantDuration = 100 * kYear;

// Parses "0" or DIGITS UNIT with UNIT one of s m h d w mo y (lower case, no sign, no spaces).
// Returns nullopt on anything else, including a value above kMaxVariantDuration.
std::optional<Duration> parse_duration(std::string_view text);

// The shortest exact spelling of `d` in the largest unit that divides it ("2d" for 48 h,
// "36h", "1mo", "0"), so that parse_duration(format_duration(d)) == d for every d in
// [0, kMaxVariantDuration]. A negative `d` has no spelling; it prints as "-Ns" for
// diagnostics, which parse_duration rejects.
std::string format_duration(Duration d);

}  // namespace reclaim

#endif  // RECLAIM_VARIANTS_DURATION_H_
