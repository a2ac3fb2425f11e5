// Verdict labels: what an engine may say about one invariant, and nothing stronger than it
// checked. Every engine reports its findings as ClaimVerdicts, and every report prints them
// with label_text(), so "proved" and "tested on 200 traces" can never be confused:
//   proved            for every depth, at the engine's scope (an inductive argument)
//   holds to depth k  no counterexample on any path of at most k steps, at the stated scope
//   tested on n       no counterexample in n random traces (or fuzz executions)
//   violated          a counterexample, written as a .scn that `reclaim run` replays
//   unknown           the engine ran on it and could not decide (budget, solver unknown)
//   not encoded       the engine does not cover this invariant: it claims nothing about it
// A run that checked nothing (zero traces, depth 0, no states) has no verdict to give and
// must not report one: callers treat kNotChecked as a failure of the run, never a pass.
#ifndef RECLAIM_PROPERTIES_VERDICT_H_
#define RECLAIM_PROPERTIES_VERDICT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace reclaim {

enum class Label : uint8_t {
  kNotChecked,    // nothing was checked: an error of the run, not a verdict
  kProved,
  kHoldsToDepth,
  kTested,
  kViolated,
  kUnknown,
  kNotEncoded,
};

std::string_view label_name(Label l);  // "proved", "holds-to-depth", "tested", ...

struct ClaimVerdict {
  std::string invariant;  // catalogue id
  bool claimed = false;   // the variant claims it (else a violation is an expected weakness)
  std::string engine;     // the engine's name, as `reclaim check --engine` takes it ("random")
  Label label = Label::kNotChecked;
  // The evidence, by label: depth and scope for proved/holds-to-depth; traces and steps for
  // tested; states for an engine that enumerates them; the counterexample for violated; `why`
  // for unknown and not encoded.
  int depth = 0;
  std::string scope;  // e.g. "devices=4,pending=2,guardians=3"; empty when not bounded
  long traces = 0;
  long steps = 0;
  long states = 0;
  double seconds = 0;  // wall clock spent on it (never part of a reproducible comparison)
  std::string why;
  // violated
  std::string message;              // the checker's violation message
  std::string scn_text;             // the counterexample as a complete .scn file
  std::string counterexample_path;  // where it was written (empty when not written)
  double seconds_to_find = 0;

  bool violated() const { return label == Label::kViolated; }
  // A claim that fails: violated, unknown or not checked (unknown is not a pass).
  bool claim_fails() const {
    return claimed && (label == Label::kViolated || label == Label::kNotChecked ||
                       label == Label::kUnknown);
  }
};

// The one-line label, e.g. "proved (scope devices=4,pending=2,guardians=3)",
// "holds to depth 12 (scope ...)", "tested on 400 traces (5,211 steps)",
// "violated (cx/timelock-reclaim.scn)", "unknown (solver: timeout)", "not encoded (...)".
std::string label_text(const ClaimVerdict& v);

}  // namespace reclaim

#endif  // RECLAIM_PROPERTIES_VERDICT_H_
