#include "variants/duration.h"

#include <array>
#include <cstdint>
#include <utility>

namespace reclaim {
namespace {

// Largest first: format_duration picks the first unit that divides exactly.
constexpr std::array<std::pair<std::string_view, Duration>, 7> kUnits = {{
    {"y", kYear},
    {"mo", kMonth},
    {"w", kWeek},
    {"d", kDay},
    {"h", kHour},
    {"m", kMinute},
    {"s", 1},
}};

// Twelve digits times the largest unit (a year, ~3.2e7 s) stays far below INT64_MAX, so the
// product below cannot overflow before the range check.
constexpr std::size_t kMaxDigits = 12;

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  if (text == "0") return Duration{0};
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > kMaxDigits) return std::nullopt;
  int64_t number = 0;
  for (std::size_t i = 0; i < digits; ++i) number = number * 10 + (text[i] - '0');
  std::string_view unit = text.substr(digits);
  for (const auto& [name, seconds] : kUnits) {
    if (unit != name) continue;
    Duration d = number * seconds;
    if (d > kMaxVariantDuration) return std::nullopt;
    return d;
  }
  return std::nullopt;
}

std::string format_duration(Duration d) {
  if (d == 0) return "0";
  if (d < 0) return std::to_string(d) + "s";
  for (const auto& [name, seconds] : kUnits) {
    if (d % seconds == 0) return std::to_string(d / seconds) + std::string(name);
  }
  return std::to_string(d) + "s";  // unreachable: every d is a multiple of 1 s
}

}  // namespace reclaim
