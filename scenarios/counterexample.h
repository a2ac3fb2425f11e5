// Counterexamples: how every engine turns a run that violates an invariant into the one
// trace language. The recorded run becomes a scenario (trace/write.h scenario_from_run)
// ending in `expect violates ID`; before anything is written, the text is parsed back and
// replayed by the scenario runner exactly as `reclaim run` replays it, and the replay must
// violate the same invariant. A counterexample that does not replay is a bug of the engine
// or the language, never a finding: it is reported loudly (with the text and what the
// replay did) and kept beside the others as NAME.scn.broken, never as a .scn.
#ifndef RECLAIM_SCENARIOS_COUNTEREXAMPLE_H_
#define RECLAIM_SCENARIOS_COUNTEREXAMPLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/result.h"
#include "sim/world.h"
#include "variants/variant.h"

namespace reclaim {

struct CounterexampleSpec {
  std::string name;       // the scenario's name (cut to the language's name limit)
  std::string about;      // one line: who found it and how (made printable)
  std::string invariant;  // the catalogue id the run violates
  std::string file;       // the file name in out_dir, e.g. "timelock-reclaim.scn"
  std::string out_dir;    // empty: checked but not written
  // Other invariants the run violates that are expected too (`expect violates`), so that
  // `reclaim run` passes the file when the run breaks more than one claim.
  std::vector<std::string> also_expected;
};

struct Counterexample {
  std::string scn_text;     // the complete .scn
  std::string path;         // where it was written (empty when not written)
  std::string message;      // the replay's violation message
  uint64_t trace_hash = 0;  // of the replay
  bool same_trace = false;  // the replay recorded the very run (equal trace hashes)
};

// How a scenario's `variants` line names `v`: its built-in name when it is one (same policy),
// else the absolute path of its file.
std::string variant_reference(const Variant& v);

// Writes `run` (recorded under `variant`, whose policy may carry a test-only mutant: the
// replay then runs under that very policy) as a counterexample. Errors: the text does not
// parse, the replay does not violate spec.invariant (the message holds the text and what
// the replay found; the text is kept as NAME.scn.broken in out_dir), or a file cannot be
// written.
Result<Counterexample> write_counterexample(const World& run, const Variant& variant,
                                            const CounterexampleSpec& spec);

}  // namespace reclaim

#endif  // RECLAIM_SCENARIOS_COUNTEREXAMPLE_H_
