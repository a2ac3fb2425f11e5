// Scope text form (see scope.h).
#include "symbolic/scope.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace reclaim::sym {

std::string Scope::text() const {
  return "devices=" + std::to_string(devices) + ",pending=" + std::to_string(pending) +
         ",guardians=" + std::to_string(guardians);
}

Result<Scope> parse_scope(std::string_view text, Scope base) {
  Scope out = base;
  if (!text.empty() && (text.front() == ',' || text.back() == ','))
    return Error{"", 0, 0, "scope: an empty item in '" + std::string(text) + "'"};
  std::vector<std::string_view> seen;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(pos, end - pos);
    const std::string_view key = item.substr(0, item.find('='));
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      return Error{"", 0, 0, "scope: '" + std::string(key) + "' given twice"};
    seen.push_back(key);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      return Error{"", 0, 0, "scope: expected NAME=N, got '" + std::string(item) + "'"};
    const std::string_view name = item.substr(0, eq), value = item.substr(eq + 1);
    int n = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || p != value.data() + value.size())
      return Error{"", 0, 0, "scope: bad number '" + std::string(value) + "'"};
    if (name == "devices") {
      if (n < 3 || n > kMaxScopeDevices)
        return Error{"", 0, 0, "scope: devices must be 3.." + std::to_string(kMaxScopeDevices)};
      out.devices = n;
    } else if (name == "pending") {
      if (n < 1 || n > kMaxScopePending)
        return Error{"", 0, 0, "scope: pending must be 1.." + std::to_string(kMaxScopePending)};
      out.pending = n;
    } else if (name == "guardians") {
      if (n < 3 || n > kMaxScopeGuardians)
        return Error{"", 0, 0, "scope: guardians must be 3.." + std::to_string(kMaxScopeGuardians)};
      out.guardians = n;
    } else {
      return Error{"", 0, 0, "scope: unknown name '" + std::string(name) + "'"};
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace reclaim::sym
