// What fuzz_protocol and fuzz_differential share beyond the byte format: the campaign's
// configuration from the environment, a run checked by the monitor (properties/monitor.h)
// after every action, and the report of a violation as a replayable .scn.
//
// Environment (read once per process):
//   RECLAIM_VARIANT=name-or-path   fixes the variant (else the header's byte picks one of the
//                                  built-in variants)
//   RECLAIM_INVARIANTS=ID,ID       checks exactly these invariants, claimed or not (else each
//                                  variant's claims); this is how a campaign hunts a known
//                                  weakness, e.g. RECLAIM under ii-2021
//   RECLAIM_FUZZ_SCN=PATH          also write each violation's scenario to PATH
//   RECLAIM_BOUNDS=small|full      the state's memories at the small limits (kSmallLimits,
//                                  the default: a 32-action input fills each of them) or at
//                                  their full capacities (model/policy.h)
// A bad value is reported on stderr and ends the process (exit 2) before any input runs.
#ifndef RECLAIM_FUZZ_UTIL_HARNESS_H_
#define RECLAIM_FUZZ_UTIL_HARNESS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/util/driver.h"
#include "properties/invariant.h"
#include "properties/monitor.h"
#include "variants/variant.h"

namespace reclaim::fuzz {

struct CampaignVariant {
  Variant variant;
  std::vector<std::string> ids;  // the invariants checked under it
  bool force_reactive = false;   // RECLAIM or EVICT is checked: alice reacts from time 0
};

struct Campaign {
  std::vector<CampaignVariant> variants;  // never empty
  std::string scn_out;                    // RECLAIM_FUZZ_SCN
  const CampaignVariant& pick(const Header& h) const {
    return variants[h.variant % variants.size()];
  }
};

// The process-wide configuration, built from the environment on first use.
const Campaign& campaign();

// The limits the targets run the state's memories at: RECLAIM_BOUNDS (small, the default, or
// full); a bad value ends the process (exit 2). The seed converter uses them too, so that a
// converted seed indexes the same candidates as the run it seeds.
Limits fuzz_limits();

// Where the built-in variant files are when the source tree is absent (a fuzzing service's
// runner): if RECLAIM_VARIANTS_DIR is unset and variants_dir() holds no ii-2021.toml, points
// it at reclaim-variants/ beside the binary (.clusterfuzzlite/build.sh puts them there).
// Call from LLVMFuzzerInitialize, before campaign().
void find_variants(const char* argv0);

// Keeps freed memory in the process instead of returning it to the system after every run
// (glibc's trim and mmap thresholds raised): a run allocates and frees the same few hundred
// kilobytes each time, and giving them back cost a page fault per page on the next run
// (12% of fuzz_protocol's time). No effect under other allocators (ASan's included).
void keep_freed_memory();

// Runs `input` under its campaign variant, checking after every action. Returns the first
// violation together with the world that produced it.
struct ProtocolRun {
  std::unique_ptr<Driver> driver;
  std::optional<Violation> violation;
};
ProtocolRun run_protocol(const Input& input, const CampaignVariant& cv, CryptoBackend crypto);

// Prints the violation and its scenario (scenarios/counterexample.h: it ends in `expect
// violates ID` and is checked to replay to the same violation) between marker lines on
// stderr (the campaign script cuts the scenario out of the log), writes it to
// RECLAIM_FUZZ_SCN when set, says whether it replays, and aborts.
[[noreturn]] void report_violation(const World& world, const CampaignVariant& cv,
                                   const Violation& v);

inline constexpr std::string_view kScnBegin = "==reclaim-fuzz== BEGIN SCENARIO";
inline constexpr std::string_view kScnEnd = "==reclaim-fuzz== END SCENARIO";

}  // namespace reclaim::fuzz

#endif  // RECLAIM_FUZZ_UTIL_HARNESS_H_
