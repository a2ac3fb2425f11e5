// fuzz_scenario_parser: arbitrary bytes into the .scn parser (trace/parse.h). It must never
// crash, hang or leak (the sanitizers and libFuzzer's -timeout/-rss_limit judge those), and
// any text it accepts must round trip: write_scenario(s) parses back to a same_scenario()
// equal Scenario, and writing that gives the same text again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "trace/parse.h"
#include "trace/write.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reclaim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Scenario> s = parse_scenario(text, "fuzz.scn");
  if (!s) {
    if (s.error().message.empty()) {
      std::fprintf(stderr, "==reclaim-fuzz== PARSER rejected with an empty message\n");
      std::abort();
    }
    return 0;
  }
  const std::string written = write_scenario(*s);
  Result<Scenario> again = parse_scenario(written, "fuzz.scn");
  if (!again) {
    std::fprintf(stderr, "==reclaim-fuzz== PARSER rejects its own output: %s\n--- written:\n%s",
                 again.error().str().c_str(), written.c_str());
    std::abort();
  }
  if (!same_scenario(*s, *again)) {
    std::fprintf(stderr, "==reclaim-fuzz== PARSER round trip changed the scenario\n--- written:\n%s",
                 written.c_str());
    std::abort();
  }
  if (write_scenario(*again) != written) {
    std::fprintf(stderr, "==reclaim-fuzz== PARSER writing is not idempotent\n--- written:\n%s",
                 written.c_str());
    std::abort();
  }
  return 0;
}
