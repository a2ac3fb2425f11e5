// The random engine: many random adversarial traces per variant (RapidCheck, rc::state over
// the action language of model.h and generate.h), every invariant of the catalogue checked
// after every step, and every failure shrunk to a minimal trace and written back as a
// replayable .scn (trace/write.h) that ends in `expect violates ID`.
//
// A run checks the variant's claimed invariants first (a violation is a broken claim), then
// the unclaimed ones (a violation is an expected weakness, reported with its
// counterexample). Each phase is a series of RapidCheck searches: a search fails on the first
// trace that violates any invariant still open, RapidCheck shrinks that trace, the shrunk
// counterexample is recorded for the invariant it violates, that invariant is closed, and the
// search goes on for the rest with what is left of the budget.
//
// Reproducible: every trace derives from the seed (RapidCheck's splittable Random), and
// shrinking is bounded by a count of tries, not by time. The wall clock is read only
// between searches, to stop a phase when the time budget is spent; the report then gives
// the trace counts (repeat_traces) with which budget 0 repeats the very same run. Every
// counterexample is written through scenarios/counterexample.h, which checks it replays.
#ifndef RECLAIM_RANDOM_ENGINE_H_
#define RECLAIM_RANDOM_ENGINE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/policy.h"
#include "model/types.h"
#include "properties/verdict.h"
#include "sim/world.h"
#include "variants/variant.h"

namespace reclaim {

// Shrinking one failure stops after this many tries (a count, never a time, so that a run
// repeats exactly); the smallest failing trace found by then is the counterexample.
inline constexpr long kMaxShrinkTries = 20000;
// A phase bounded by time alone still has a trace limit; this one is never reached.
inline constexpr long kMaxRandomTraces = 1'000'000'000;

struct RandomProgress {
  std::string phase;  // "claims" or "weaknesses"
  long traces = 0;    // search traces so far, both phases
  int violated = 0;   // invariants found violated so far
  int open = 0;       // invariants still being searched in this phase
  double seconds = 0;
};

struct RandomOptions {
  uint64_t seed = 1;
  // Wall-clock budget of the search in seconds; 0 = none (max_traces alone bounds the run).
  // The claims get about 70% of it when unclaimed invariants are checked too.
  double budget_seconds = 0;
  long max_traces = 1000;          // traces per phase at most (claims, weaknesses)
  long max_weakness_traces = -1;   // the weaknesses phase's own limit; -1: max_traces
  int max_steps = 60;     // actions per trace at most (RapidCheck's size)
  std::string out_dir;    // counterexamples are written here as .scn; empty = not written
  // Invariant ids to check; empty = the variant's claims, and every other catalogue id for
  // the weakness report.
  std::vector<std::string> invariants;
  bool weaknesses = true;  // with `invariants` empty: also check the unclaimed ids
  // Let the clock run at the end of every trace until everything pending has resolved
  // (randomized::settle_time), so liveness invariants are judged on finished runs.
  bool settle = true;
  // Stop the whole run at the first violated claim (the weaknesses phase is then not run):
  // for mutation campaigns, which ask only whether some claim fails, and how soon.
  bool stop_at_first = false;
  // The state's memories at these limits (model/policy.h): small by default, so that a trace
  // of a few dozen actions reaches and crosses each of them; counterexamples carry them in
  // a `bounds` line.
  Limits limits = kSmallLimits;
  // Shrinking one failure stops after this many tries (a count, so a run still repeats).
  long max_shrink_tries = kMaxShrinkTries;
  std::function<void(const RandomProgress&)> progress;  // called now and then; may be empty
};

struct InvariantVerdict {
  std::string id;
  bool claimed = false;
  bool held = true;
  int traces = 0;                   // traces checked while this invariant was open
  long steps = 0;                   // World steps of those traces
  std::string counterexample_path;  // the written .scn (empty when held or not written)
  std::string scn_text;             // the counterexample as a complete .scn file
  // When violated:
  std::string message;      // the checker's violation message on the shrunk trace
  int shrunk_actions = 0;   // actions in the shrunk trace
  uint64_t trace_hash = 0;  // of the shrunk trace's run (scenarios' trace_hash of its replay)
  int found_after = 0;      // traces searched until the first failing one (inclusive)
  double seconds_to_find = 0;
  double seconds_to_shrink = 0;
};

// How often each op, verdict and rejection code occurred over the search traces (not the
// shrinking runs), and what else the generators produced.
struct RandomCoverage {
  std::array<long, kOpCount + 1> sent{};      // request actions, by op
  std::array<long, kOpCount + 1> accepted{};  // accepted or pending
  std::array<long, kRejectCount> rejected{};  // by rejection code
  std::array<long, 6> events{};               // by EventKind
  long advances = 0;
  long replays = 0;
  long replays_accepted = 0;
  long reactive_requests = 0;  // requests the reactive owner made
  long actions = 0;
  // Steps at which a memory of the state was full and the rules made room or said no
  // (Policy::limits): a digest evicted (the nonce floor rose), the oldest notification
  // dropped, a change refused for a full queue (R-TL-7), the oldest session dropped.
  std::array<long, 4> bounds_reached{};  // seen, notifications, pending, sessions
  // Requests the attacker crafted from parts it saw, by kind: a replay with its signatures
  // reordered, doubled or lifted from another request (Craft), and a request whose argument
  // points at nothing or out of range (a device not registered, an asset alice lacks, an
  // amount of nothing or beyond the balance).
  std::array<long, kCraftCount> crafted{};           // [0]: arguments; [k]: Craft(k)
  std::array<long, kCraftCount> crafted_accepted{};  // accepted or pending
  // Two factors and protected recovery hardware: TOTP authenticators registered (add-device,
  // replace-device accepted or pending), sessions created with two factors (R-2FA-5), and
  // protected devices removed or replaced (accepted or pending).
  std::array<long, 3> two_factor{};  // totp registered, two-factor logins, protected removals
  // Requests co-signed by guardians beside a device (Argent's owner plus ceil(n/2) guardians,
  // R-DEV-12, R-AST-6): sent, accepted or pending, rejected `threshold` (too few co-signers).
  std::array<long, 3> cosigned{};  // sent, accepted/pending, rejected threshold
};

struct RandomReport {
  uint64_t seed = 0;
  std::string variant;
  int max_steps = 0;
  long traces = 0;  // search traces, both phases
  long steps = 0;   // World steps of those traces
  double seconds = 0;
  bool stopped_by_time = false;            // a phase ended because the time budget ran out
  long phase_traces[2] = {0, 0};           // traces run per phase (claims, weaknesses)
  // The per-phase trace limits with which budget 0 repeats this run exactly.
  long repeat_traces[2] = {0, 0};
  std::vector<InvariantVerdict> verdicts;  // catalogue order; only the checked ids
  RandomCoverage coverage;
  std::vector<std::string> never_accepted;  // ops the policy has that no trace got accepted
  std::map<std::string, long> tags;         // RapidCheck RC_TAG distribution (per trace)
  // What went wrong in the engine itself (a counterexample that does not replay, a search
  // that gave up): a run with problems has not checked what it says and must not pass.
  std::vector<std::string> problems;

  bool claims_hold() const;
};

// Runs the engine over `variant` (its policy may carry a test-only mutant).
RandomReport run_random(const Variant& variant, const RandomOptions& options);

// One verdict in the words every engine uses (properties/verdict.h): "tested on n traces"
// while it held, "violated" with its counterexample otherwise.
ClaimVerdict claim_verdict(const InvariantVerdict& v);

// Coverage as text: one line per op (sent, accepted, top rejections) and per rejection code.
std::string format_coverage(const RandomCoverage& coverage);

}  // namespace reclaim

#endif  // RECLAIM_RANDOM_ENGINE_H_
