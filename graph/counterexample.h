// The exhaustive engine's findings as .scn files that `reclaim run` replays. A finding keeps
// only its statements; its World is re-derived here by replaying them, so the file is
// written from what the replay shows, never from what the search believed:
//   counterexample  the setup's statements, the path, then `expect violates ID` for every
//                   claimed invariant the replay violates besides the finding's, and last
//                   `expect violates ID` of the finding's own invariant;
//   attack          the setup's statements, the path, then the expectations that state the
//                   outcome in the language (`expect control ID ACTOR`, `expect locked-out
//                   ID`, `expect asset ID/NAME < AMOUNT`).
// Each text is parsed back and run by the scenario runner, as `reclaim run` would run it
// (under the very variant explored: a test-only mutant rides on its policy); only a text
// whose every expectation is met, and which the runner passes, is returned as replayed.
// A finding that does not replay is a fault of the engine, and the caller says so loudly.
#ifndef RECLAIM_GRAPH_COUNTEREXAMPLE_H_
#define RECLAIM_GRAPH_COUNTEREXAMPLE_H_

#include <functional>
#include <string>
#include <vector>

#include "graph/explore.h"
#include "graph/setup.h"
#include "sim/world.h"
#include "variants/variant.h"

namespace reclaim::graph {

struct Replayed {
  bool replayed = false;  // the text parses, runs, meets every expectation, and passes
  std::string scn_text;   // the complete .scn file
  std::string message;    // the replay's violation message (counterexamples)
  std::string why;        // what went wrong, when !replayed
};

// `name` is the scenario's name ([A-Za-z0-9_.-], at most 64 bytes; longer is cut);
// `about` one line for the about header.
Replayed write_counterexample(const Variant& variant, const IdentitySetup& setup,
                              const Finding& finding, const std::string& name,
                              const std::string& about);

// An outcome's expectations and test (outcomes.h gives them for takeover, lockout and asset
// loss): the replay must reach `reached` and meet `expectations`.
struct OutcomeCheck {
  std::vector<Statement> expectations;
  std::function<bool(const World&)> reached;
};
Replayed write_attack(const Variant& variant, const IdentitySetup& setup, const Finding& finding,
                      const OutcomeCheck& outcome, const std::string& name,
                      const std::string& about);

// The World at the end of `path` from `setup`: the setup's statements, then each statement
// of the path through the one interpreter, as `reclaim run` replays a written file. Errors
// when a statement does not apply.
Result<Root> rederive(const Policy& policy, const IdentitySetup& setup,
                      const std::vector<Statement>& path);

// Writes a finding's text into `dir` (made if missing) as FILE, atomically
// (trace/write_file.h); a text that did not replay is kept as FILE.broken instead, never as a
// .scn (as scenarios/counterexample.h keeps the other engines'). The path written, or an
// Error naming it.
Result<std::string> write_finding(const std::string& dir, const std::string& file,
                                  const Replayed& replayed);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_COUNTEREXAMPLE_H_
