// Strict flag parsers (see flags.h).
#include "cli/flags.h"

#include <charconv>

#include "cli/output.h"

namespace reclaim::cli {

Result<uint64_t> parse_seed(std::string_view text, std::string_view flag) {
  auto bad = [&](const std::string& why) {
    return Error{"", 0, 0,
                 std::string(flag) + " \"" + printable(text) + "\": " + why +
                     "; a seed is a decimal integer from 0 to 18446744073709551615"};
  };
  if (text.empty()) return bad("empty");
  if (text.front() == '-') return bad("negative");
  for (const char c : text)
    if (c < '0' || c > '9') return bad("not a decimal number");
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) return bad("out of range");
  if (ec != std::errc() || end != text.data() + text.size()) return bad("not a decimal number");
  return value;
}

}  // namespace reclaim::cli
