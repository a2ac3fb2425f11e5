// fuzz_variant_parser: arbitrary bytes into the variant loader (variants/variant.h). It must
// never crash, hang, leak or throw, and any file it accepts must round trip:
// print_variant(v) parses back to a same_variant() equal Variant, and printing that again
// gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "variants/variant.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reclaim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Variant> v = parse_variant(text, "fuzz.toml");
  if (!v) return 0;
  const std::string printed = print_variant(*v);
  Result<Variant> again = parse_variant(printed, "fuzz.toml");
  if (!again) {
    std::fprintf(stderr, "==reclaim-fuzz== VARIANT rejects its own output: %s\n--- printed:\n%s",
                 again.error().str().c_str(), printed.c_str());
    std::abort();
  }
  if (!same_variant(*v, *again)) {
    std::string diff;
    for (const std::string& d : policy_differences(v->policy, again->policy)) diff += d + "\n";
    std::fprintf(stderr, "==reclaim-fuzz== VARIANT round trip changed it:\n%s--- printed:\n%s",
                 diff.c_str(), printed.c_str());
    std::abort();
  }
  if (print_variant(*again) != printed) {
    std::fprintf(stderr, "==reclaim-fuzz== VARIANT printing is not idempotent\n");
    std::abort();
  }
  return 0;
}
