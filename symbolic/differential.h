// The differential phase: random concrete runs (the random engine's generators from the
// standard identity) through both implementations. Every step the World records — request,
// tick, event, the reactive owner's answers — is also taken by the encoding, evaluated by Z3
// on the concrete values (evaluate.h), and compared: the verdict, reject code and rule of
// each request, what it notified and remembered, the whole abstracted state after it
// (abstraction.h), whether the World's action is one the encoding calls valid, and at the end
// of each run which invariants the concrete checkers and the encoding find violated first.
// Any difference fails the phase and is written as a .scn of the concrete run.
//
// A run that leaves the scope (more devices, pending changes or sessions than it holds, two
// hostile notifications at one instant, ...) stops there; its steps up to that point count.
#ifndef RECLAIM_SYMBOLIC_DIFFERENTIAL_H_
#define RECLAIM_SYMBOLIC_DIFFERENTIAL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sim/world.h"
#include "symbolic/evaluate.h"
#include "variants/variant.h"

namespace reclaim::sym {

struct DifferentialOptions {
  uint64_t seed = 1;
  int steps = 200;         // World steps to compare at least
  int max_actions = 40;    // random actions per run at most
  int max_runs = 1000;     // runs at most (a bound when runs leave the scope early)
  bool invariants = true;  // also compare the invariants' first violations
  // The World's policy when it differs from the encoding's (a test-only mutant switched on in
  // the model alone); nullptr: the encoding's.
  const Policy* concrete_policy = nullptr;
};

struct DifferentialReport {
  bool ok = true;
  long steps = 0;  // World steps compared
  long runs = 0;
  long left_scope = 0;                        // runs stopped at the scope's edge
  long reactions = 0;                         // reactive-owner answers compared
  std::map<std::string, long> scope_reasons;  // why runs left the scope
  double seconds = 0;
  std::string mismatch;  // what differs, both sides
  std::string scn_text;  // the concrete run up to the mismatch
};

// One recorded World run of alice's identity compared with the encoding, step by step, as
// the World records it: start() abstracts the initial state (and, for the standard identity,
// checks it is the encoding's), sync() takes every step recorded since (any run: the random
// engine's, a fuzz input's). After a failure or leaving the scope nothing more is taken.
class TraceCheck {
 public:
  TraceCheck(const Encoding& enc, const Evaluator& ev, const World& world);
  ~TraceCheck();
  bool start(bool standard_identity);
  bool sync();
  // The invariants' first violations over the steps taken (and at the end, when `at_end`).
  bool judge_invariants(bool at_end);
  const std::string& failure() const;  // empty unless a comparison failed
  bool left_scope() const;
  const std::string& scope_why() const;
  long steps() const;
  long reactions() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// A scope wider than the search's (8 devices, 4 pending changes, 2 sessions, 3 unanswered
// notifications), for comparing long concrete runs (fuzz inputs, the tests' random runs)
// before they reach its edge.
inline Scope wide_scope() {
  Scope s;
  s.devices = 8;
  s.pending = 4;
  s.sessions = 2;
  s.queue = 3;
  return s;
}

// `variant_ref` names the variant in the written .scn (a built-in name or a path).
DifferentialReport run_differential(const Encoding& enc, const Evaluator& ev,
                                    const std::string& variant_ref,
                                    const DifferentialOptions& options);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_DIFFERENTIAL_H_
