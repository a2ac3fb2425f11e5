// Counterexamples as scenarios. A BMC counterexample (numerals of each action) becomes the
// statements of the .scn language (trace/scenario.h): requests with their arguments and
// signers, compromise and reaction events, and a bare `at T` for every move of the clock; the
// reactive owner's answers are not written (the World replays them). The statements are
// replayed on a World of the standard identity with the variant's very policy (mutants
// included), minimised — every statement whose removal keeps the same invariant violated is
// dropped — and written with its setup lines, ending in `expect violates ID` (one line more for
// each other claimed invariant the trace violates, so `reclaim run` passes). A scenario whose
// variant is a file or a built-in is also parsed back and run by scenarios/runner.h, the way
// `reclaim run` does. A counterexample that does not replay is reported, never dropped.
#ifndef RECLAIM_SYMBOLIC_COUNTEREXAMPLE_H_
#define RECLAIM_SYMBOLIC_COUNTEREXAMPLE_H_

#include <string>
#include <vector>

#include "symbolic/bmc.h"
#include "trace/scenario.h"
#include "variants/variant.h"

namespace reclaim::sym {

struct Concrete {
  bool reproduced = false;      // the concrete checker finds the same invariant violated
  bool runner_checked = false;  // also replayed through scenarios/runner.h
  std::string scn_text;         // the minimised scenario
  std::string message;          // the concrete checker's violation message
  int statements = 0;           // steps and events of the minimised scenario
  int symbolic_steps = 0;       // actions of the BMC counterexample
  std::string symbolic_trace;   // the BMC counterexample, one action a line
  std::string concrete_trace;   // what the World did with it, one step a line
  std::vector<Statement> steps;  // the minimised statements (no setup, no expectation)
  std::string about;             // the scenario's about line
  std::vector<std::string> also_violated;  // other claimed invariants the trace violates
};

// The statements a counterexample's actions spell (no setup, no expectation).
std::vector<Statement> statements_of(const Encoding& enc, const Counterexample& cx);

// The symbolic actions as text, one a line (for a report of a failed replay).
std::string symbolic_text(const Encoding& enc, const Counterexample& cx);

// Replays, minimises and writes. `variant_ref` names the variant on the `variants` line (a
// built-in name or a path); `name` is the scenario's name.
Concrete concretize(const Encoding& enc, const Variant& variant, const std::string& variant_ref,
                    const Counterexample& cx, const std::string& invariant, const std::string& name,
                    bool minimise = true);

// Replays the steps of a scenario on a World of the standard identity under `policy` (which
// may differ from the scenario's variant, e.g. without a mutant) and says whether the
// concrete checker of `invariant` finds it violated. False when a step does not apply.
bool violates(const Policy& policy, const Scenario& scenario, const std::string& invariant);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_COUNTEREXAMPLE_H_
