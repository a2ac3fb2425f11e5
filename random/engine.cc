// The random engine (see engine.h).
#include "random/engine.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <unordered_map>

#include "model/ops.h"
#include "properties/invariant.h"
#include "random/generate.h"
#include "scenarios/counterexample.h"
#include "trace/write.h"

namespace reclaim {
namespace {

using randomized::action_of;
using randomized::apply_action;
using randomized::CommandPtr;
using randomized::Commands;
using randomized::gen_trace;
using randomized::make_model;
using randomized::Model;
using randomized::run_trace;
using randomized::TraceRun;
using Clock = std::chrono::steady_clock;

// RapidCheck prints its global configuration (RC_PARAMS, or a random seed) on stderr when it
// first loads it. The engine passes its own parameters and never uses that configuration, so
// it is loaded once with stderr muted; a malformed RC_PARAMS is left to the tests that use it.
void load_rapidcheck_quietly() {
  static const bool loaded = [] {
    std::streambuf* old = std::cerr.rdbuf(nullptr);
    try {
      rc::detail::configuration();
    } catch (const std::exception&) {
    }
    std::cerr.rdbuf(old);
    std::cerr.clear();
    return true;
  }();
  (void)loaded;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

uint64_t mix64(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

void add(RandomCoverage& into, const RandomCoverage& c) {
  for (std::size_t i = 0; i < into.sent.size(); ++i) {
    into.sent[i] += c.sent[i];
    into.accepted[i] += c.accepted[i];
  }
  for (std::size_t i = 0; i < into.rejected.size(); ++i) into.rejected[i] += c.rejected[i];
  for (std::size_t i = 0; i < into.events.size(); ++i) into.events[i] += c.events[i];
  into.advances += c.advances;
  into.replays += c.replays;
  into.replays_accepted += c.replays_accepted;
  into.reactive_requests += c.reactive_requests;
  into.actions += c.actions;
  for (std::size_t i = 0; i < into.bounds_reached.size(); ++i)
    into.bounds_reached[i] += c.bounds_reached[i];
  for (std::size_t i = 0; i < into.crafted.size(); ++i) {
    into.crafted[i] += c.crafted[i];
    into.crafted_accepted[i] += c.crafted_accepted[i];
  }
  for (std::size_t i = 0; i < into.two_factor.size(); ++i) into.two_factor[i] += c.two_factor[i];
  for (std::size_t i = 0; i < into.cosigned.size(); ++i) into.cosigned[i] += c.cosigned[i];
}

// Does the request name something alice does not have, or an amount out of range (against
// the state before it)?
bool crafted_arguments(const Step& s) {
  const Identity* id = s.before.identity(s.request.identity);
  if (id == nullptr) return true;
  const OpInfo* op = find_op(s.request.op);
  if (op == nullptr) return true;
  const Args& a = s.request.args;
  if (op->has_role(ArgRole::kDevice) && id->device(a.device) == nullptr) return true;
  if (op->has_role(ArgRole::kAsset)) {
    const Asset* asset = id->asset(a.asset);
    if (asset == nullptr) return true;
    if (op->has_role(ArgRole::kAmount) && (a.amount <= 0 || a.amount > asset->amount))
      return true;
  }
  return false;
}

// Which of the state's memories this step found full (RandomCoverage::bounds_reached).
void count_bounds(RandomCoverage& c, const Policy& p, const Step& s) {
  if (s.kind != Step::Kind::kRequest) return;
  for (const Identity& a : s.after.identities) {
    const Identity* b = s.before.identity(a.id);
    if (b == nullptr) continue;
    c.bounds_reached[0] += a.nonce_floor > b->nonce_floor;
    c.bounds_reached[1] += b->notifications.size() >= p.limits.notifications &&
                           a.notification_count > b->notification_count;
    c.bounds_reached[3] += s.request.op == Op::kLogin && s.verdict == Verdict::kAccepted &&
                           b->sessions.size() >= p.limits.sessions;
  }
  c.bounds_reached[2] += s.reject == Reject::kLimit && s.rule == "R-TL-7";
}

void count_two_factor(RandomCoverage& c, const Step& s) {
  if (s.kind != Step::Kind::kRequest || s.verdict == Verdict::kRejected) return;
  const Request& r = s.request;
  const Identity* b = s.before.identity(r.identity);
  const Identity* a = s.after.identity(r.identity);
  if (b == nullptr || a == nullptr) return;
  if ((r.op == Op::kAddDevice || r.op == Op::kReplaceDevice) && r.args.kind == DeviceKind::kTotp)
    ++c.two_factor[0];
  if (r.op == Op::kLogin || r.op == Op::kAppLogin)
    for (const Session& x : a->sessions)
      c.two_factor[1] += x.id == b->next_session && x.two_factor;
  if (r.op == Op::kRemoveDevice || r.op == Op::kReplaceDevice) {
    const Device* d = b->device(r.args.device);
    c.two_factor[2] += d != nullptr && d->is_protected;
  }
}

// A request signed by a device and at least one guardian (RandomCoverage::cosigned); a
// replay whose signatures the attacker crafted (lifted from a guardian's request) is counted
// with the crafted requests instead.
void count_cosigned(RandomCoverage& c, const Step& s) {
  if (s.kind != Step::Kind::kRequest || s.craft != Craft::kNone) return;
  bool device = false, guardian = false;
  for (const SignatureEntry& e : s.request.signers) {
    device |= e.kind == SignerKind::kDevice;
    guardian |= e.kind == SignerKind::kGuardian;
  }
  if (!device || !guardian) return;
  ++c.cosigned[0];
  c.cosigned[1] += s.verdict != Verdict::kRejected;
  c.cosigned[2] += s.reject == Reject::kThreshold;
}

void count_action(RandomCoverage& c, const World& w, const Statement& a, std::size_t own) {
  ++c.actions;
  switch (a.kind) {
    case StmtKind::kAdvance:
      ++c.advances;
      return;
    case StmtKind::kEvent:
      ++c.events[static_cast<std::size_t>(a.event)];
      return;
    default:
      break;
  }
  if (own == kNoStep || own >= w.steps().size()) return;
  const Step& s = w.steps()[own];
  const bool ok = s.verdict != Verdict::kRejected;
  if (!ok) ++c.rejected[static_cast<std::size_t>(s.reject)];
  if (a.kind == StmtKind::kReplay) {
    ++c.replays;
    c.replays_accepted += ok;
    const auto k = static_cast<std::size_t>(a.craft);
    if (k != 0) {
      ++c.crafted[k];
      c.crafted_accepted[k] += ok;
    }
    return;
  }
  if (crafted_arguments(s)) {
    ++c.crafted[0];
    c.crafted_accepted[0] += ok;
  }
  const auto op = static_cast<std::size_t>(a.op);
  ++c.sent[op];
  c.accepted[op] += ok;
}

// What one run of the property measured; committed only for search cases.
struct CaseStats {
  long steps = 0;
  RandomCoverage coverage;
};

struct Failure {
  Commands commands;
  Violation violation;
};

// One RapidCheck search over `ids`.
struct Search {
  const Policy& policy;
  std::vector<std::string> ids;
  int max_steps = 40;
  long max_shrink_tries = kMaxShrinkTries;
  bool settle = true;
  std::function<void(long)> on_trace;

  // Filled by the run.
  long traces = 0;
  long steps = 0;
  long shrink_tries = 0;
  bool shrinking = false;
  Clock::time_point started, found_at;
  int found_after = 0;
  CaseStats pending;
  bool has_pending = false;
  RandomCoverage coverage;
  std::optional<Failure> failure;  // the last failing run: the shrunk counterexample at the end
};

class Listener final : public rc::detail::TestListener {
 public:
  explicit Listener(Search& s) : s_(s) {}
  void onTestCaseFinished(const rc::detail::CaseDescription& d) override {
    if (d.result.type == rc::detail::CaseResult::Type::Discard) {
      s_.has_pending = false;
      return;
    }
    ++s_.traces;
    if (s_.has_pending) {
      s_.steps += s_.pending.steps;
      add(s_.coverage, s_.pending.coverage);
      s_.has_pending = false;
    }
    if (d.result.type == rc::detail::CaseResult::Type::Failure && !s_.shrinking) {
      s_.shrinking = true;
      s_.found_at = Clock::now();
      s_.found_after = static_cast<int>(s_.traces);
    }
    if (s_.on_trace) s_.on_trace(s_.traces);
  }
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override { s_.has_pending = false; }
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}

 private:
  Search& s_;
};

struct SearchResult {
  bool failed = false;
  bool gave_up = false;
  std::string gave_up_reason;
  std::map<std::string, long> tags;
};

SearchResult run_search(Search& s, uint64_t seed, int max_traces, const std::string& test_id) {
  SearchResult out;
  s.started = Clock::now();
  auto property = rc::detail::toProperty([&s] {
    // Past the shrink allowance (a count, so that a run repeats exactly) every candidate
    // passes, which ends shrinking with the smallest failing trace found so far.
    if (s.shrinking && ++s.shrink_tries > s.max_shrink_tries) return;
    const Commands commands = *gen_trace(s.policy);
    CaseStats stats;
    const TraceRun run = run_trace(s.policy, commands, s.ids, s.settle,
                                   [&stats](const Model& m, const Statement& a, std::size_t own) {
                                     count_action(stats.coverage, m.world, a, own);
                                   });
    const Model& m = run.model;
    const std::optional<Violation>& v = run.violation;
    for (const Step& st : m.world.steps()) {
      stats.coverage.reactive_requests += st.reactive;
      count_bounds(stats.coverage, s.policy, st);
      count_two_factor(stats.coverage, st);
      count_cosigned(stats.coverage, st);
    }
    stats.steps = static_cast<long>(m.world.steps().size());
    s.pending = stats;
    s.has_pending = true;
    RC_TAG(m.reactive ? "reactive owner" : "passive owner");
    RC_TAG(m.world.compromised_mask() != 0 ? "compromised" : "uncompromised");
    RC_CLASSIFY(stats.coverage.reactive_requests > 0, "owner reacted");
    if (v) {
      s.failure = Failure{commands, *v};
      RC_FAIL(v->invariant + ": " + v->message);
    }
  });
  rc::detail::TestParams params;
  params.seed = seed;
  params.maxSuccess = std::max(1, max_traces);
  params.maxSize = std::max(1, s.max_steps - 1);  // a trace has at most size + 1 actions
  params.maxDiscardRatio = 0;  // nothing is discarded: generators pick what applies
  params.disableShrinking = false;
  Listener listener(s);
  rc::detail::TestMetadata metadata;
  metadata.id = test_id;
  metadata.description = test_id;
  const rc::detail::TestResult result =
      rc::detail::checkProperty(property, metadata, params, listener);
  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error error;
  if (result.match(failure)) {
    out.failed = true;
  } else if (result.match(success)) {
    for (const auto& [tags, n] : success.distribution) {
      std::string key;
      for (const std::string& t : tags) key += (key.empty() ? "" : ", ") + t;
      out.tags[key] += n;
    }
  } else if (result.match(gave_up)) {
    out.gave_up = true;
    out.gave_up_reason = gave_up.description;
  } else if (result.match(error)) {
    out.gave_up = true;
    out.gave_up_reason = error.description;
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Replays the shrunk commands and writes the scenario through write_counterexample, which
// checks that it replays. Fills the verdict's counterexample.
void record_counterexample(const Variant& variant, const RandomOptions& options, const Failure& f,
                           InvariantVerdict& verdict, RandomReport& report) {
  const TraceRun run = run_trace(variant.policy, f.commands, {verdict.id}, options.settle);
  const Model& m = run.model;
  const std::optional<Violation>& v = run.violation;
  verdict.trace_hash = trace_hash(m.world);
  verdict.message = v ? v->message : f.violation.message;
  verdict.shrunk_actions = static_cast<int>(run.applied);
  if (!v) {
    report.problems.push_back(verdict.id + ": the shrunk trace no longer violates it");
    return;
  }
  const std::string mutant = variant.policy.mutant == Mutant::kNone
                                 ? ""
                                 : "_" + std::string(mutant_name(variant.policy.mutant));
  CounterexampleSpec spec;
  spec.name = "random-" + variant.name + mutant + "-" + lower(verdict.id);
  spec.about = "Found by the random engine (seed " + std::to_string(options.seed) + ", " +
               std::to_string(verdict.found_after) + " traces, shrunk to " +
               std::to_string(verdict.shrunk_actions) + " actions" +
               (mutant.empty() ? "" : ", test-only mutant " + mutant.substr(1)) +
               "): " + verdict.message;
  spec.invariant = verdict.id;
  spec.file = variant.name + mutant + "-" + lower(verdict.id) + ".scn";
  spec.out_dir = options.out_dir;
  Result<Counterexample> cx = write_counterexample(m.world, variant, spec);
  if (!cx) {
    report.problems.push_back(cx.error().str());
    return;
  }
  verdict.scn_text = cx->scn_text;
  verdict.counterexample_path = cx->path;
  if (!cx->same_trace)
    report.problems.push_back(verdict.id +
                              ": the counterexample replays to the violation but "
                              "not to the very same trace");
}

}  // namespace

bool RandomReport::claims_hold() const {
  return std::all_of(verdicts.begin(), verdicts.end(),
                     [](const InvariantVerdict& v) { return !v.claimed || v.held; });
}

RandomReport run_random(const Variant& given, const RandomOptions& options) {
  load_rapidcheck_quietly();
  Variant variant = given;
  variant.policy.limits = options.limits;
  const Clock::time_point start = Clock::now();
  RandomReport report;
  report.seed = options.seed;
  report.variant = variant.name;
  report.max_steps = options.max_steps;

  // Which ids, in catalogue order, claimed first.
  auto claimed = [&](std::string_view id) {
    return std::find(variant.claims.begin(), variant.claims.end(), id) != variant.claims.end();
  };
  std::vector<std::string> phase_ids[2];
  for (const InvariantInfo& info : catalogue()) {
    const std::string id(info.id);
    const bool asked = options.invariants.empty()
                           ? (claimed(id) || options.weaknesses)
                           : std::find(options.invariants.begin(), options.invariants.end(), id) !=
                                 options.invariants.end();
    if (!asked) continue;
    phase_ids[claimed(id) ? 0 : 1].push_back(id);
    InvariantVerdict v;
    v.id = id;
    v.claimed = claimed(id);
    report.verdicts.push_back(v);
  }
  for (const std::string& id : options.invariants)
    if (!make_checker(id))
      report.problems.push_back("unknown invariant id " + id + ": not checked");
  auto verdict = [&](const std::string& id) -> InvariantVerdict& {
    for (InvariantVerdict& v : report.verdicts)
      if (v.id == id) return v;
    return report.verdicts.front();  // unreachable: ids come from the verdicts
  };

  const bool two_phases = !phase_ids[0].empty() && !phase_ids[1].empty();
  int violated = 0;
  bool stop = false;  // stop_at_first and a claim fell
  for (int phase = 0; phase < 2 && !stop; ++phase) {
    std::vector<std::string> open = phase_ids[phase];
    if (open.empty()) continue;
    const std::string phase_name = phase == 0 ? "claims" : "weaknesses";
    // The time budget is compared in seconds (a huge budget never overflows a clock).
    const double share = phase == 0 && two_phases ? 0.7 : 1.0;
    const double phase_deadline = options.budget_seconds > 0 ? options.budget_seconds * share : 0;
    const long limit = phase == 1 && options.max_weakness_traces >= 0 ? options.max_weakness_traces
                                                                      : options.max_traces;
    long left = std::max(1L, limit);
    long phase_traces = 0;
    const Clock::time_point phase_start = Clock::now();
    // Searches of at most kChunk traces each (RapidCheck allocates by maxSuccess): after a
    // failure the next search goes on without the violated id; after a clean chunk, with a
    // fresh seed until the traces or the time run out. The time budget stops a phase only
    // between searches and only after a clean, complete one, so that the run is exactly
    // the trace-bounded run of `repeat_traces` traces (a search's traces depend on its
    // seed and its maxSuccess alone).
    constexpr long kChunk = 1000;
    bool last_clean = false;
    long before_last = 0, last_max = 0;
    for (int round = 0; !open.empty() && left > 0 && !stop; ++round) {
      if (last_clean && phase_deadline > 0 && seconds_since(start) > phase_deadline) {
        report.stopped_by_time = true;
        break;
      }
      Search s{variant.policy, open, options.max_steps};
      s.settle = options.settle;
      s.max_shrink_tries = options.max_shrink_tries;
      const long before = report.traces;
      s.on_trace = [&](long n) {
        if (options.progress && n % 25 == 0)
          options.progress({phase_name, before + n, violated, static_cast<int>(open.size()),
                            seconds_since(start)});
      };
      const uint64_t seed = phase == 0 && round == 0
                                ? options.seed
                                : mix64(options.seed ^ mix64(uint64_t(phase) * 1000003 + round));
      const std::string test_id =
          "reclaim/random/" + variant.name + "/" + phase_name + "/" + std::to_string(round);
      const long max_success = std::min(left, kChunk);
      before_last = phase_traces;
      last_max = max_success;
      SearchResult r = run_search(s, seed, static_cast<int>(max_success), test_id);
      report.traces += s.traces;
      report.steps += s.steps;
      add(report.coverage, s.coverage);
      for (const auto& [k, n] : r.tags) report.tags[k] += n;
      for (const std::string& id : open) {
        verdict(id).traces += static_cast<int>(s.traces);
        verdict(id).steps += s.steps;
      }
      left -= s.traces;
      const long traces_before = phase_traces;
      phase_traces += s.traces;
      last_clean = !r.failed;
      if (r.gave_up) {
        report.problems.push_back("search gave up: " + one_line(r.gave_up_reason));
        break;
      }
      if (s.traces == 0) {
        report.problems.push_back("a search ran no trace");
        break;
      }
      if (!r.failed) continue;  // a clean chunk: the next one, with a fresh seed
      if (!s.failure) {
        report.problems.push_back("a search failed without a recorded trace");
        break;
      }
      const Failure& f = *s.failure;
      const std::string id = f.violation.invariant;
      auto it = std::find(open.begin(), open.end(), id);
      if (it == open.end()) {
        report.problems.push_back("violation of an id not searched: " + id);
        break;
      }
      open.erase(it);
      InvariantVerdict& v = verdict(id);
      v.held = false;
      v.found_after = static_cast<int>(traces_before + s.found_after);
      v.seconds_to_find = std::chrono::duration<double>(s.found_at - phase_start).count();
      v.seconds_to_shrink = seconds_since(s.found_at);
      record_counterexample(variant, options, f, v, report);
      ++violated;
      if (options.stop_at_first && v.claimed) stop = true;
      if (options.progress)
        options.progress({phase_name, report.traces, violated, static_cast<int>(open.size()),
                          seconds_since(start)});
    }
    report.phase_traces[phase] = phase_traces;
    report.repeat_traces[phase] = before_last + last_max;
  }
  for (Op op : randomized::enabled_ops(variant.policy))
    if (report.coverage.accepted[static_cast<std::size_t>(op)] == 0)
      report.never_accepted.push_back(std::string(op_name(op)));
  report.seconds = seconds_since(start);
  return report;
}

ClaimVerdict claim_verdict(const InvariantVerdict& v) {
  ClaimVerdict c;
  c.invariant = v.id;
  c.claimed = v.claimed;
  c.engine = "random";
  c.label = v.held ? (v.traces > 0 ? Label::kTested : Label::kNotChecked) : Label::kViolated;
  if (c.label == Label::kNotChecked) c.why = "no trace ran";
  c.traces = v.traces;
  c.steps = v.steps;
  c.message = v.message;
  c.scn_text = v.scn_text;
  c.counterexample_path = v.counterexample_path;
  c.seconds_to_find = v.seconds_to_find;
  return c;
}

std::string format_coverage(const RandomCoverage& c) {
  std::string out;
  char line[160];
  for (int i = 1; i <= kOpCount; ++i) {
    if (c.sent[i] == 0) continue;
    std::snprintf(line, sizeof line, "  %-22s sent %7ld  accepted/pending %7ld\n",
                  std::string(op_name(static_cast<Op>(i))).c_str(), c.sent[i], c.accepted[i]);
    out += line;
  }
  if (c.replays > 0) {
    std::snprintf(line, sizeof line, "  %-22s sent %7ld  accepted/pending %7ld\n", "replay",
                  c.replays, c.replays_accepted);
    out += line;
  }
  for (int i = 1; i < kRejectCount; ++i) {
    if (c.rejected[i] == 0) continue;
    std::snprintf(line, sizeof line, "  rejected %-13s %7ld\n",
                  std::string(reject_name(static_cast<Reject>(i))).c_str(), c.rejected[i]);
    out += line;
  }
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    if (c.events[i] == 0) continue;
    std::snprintf(line, sizeof line, "  event %-16s %7ld\n",
                  std::string(event_name(static_cast<EventKind>(i))).c_str(), c.events[i]);
    out += line;
  }
  std::snprintf(line, sizeof line, "  clock moves %ld, reactive-owner requests %ld, actions %ld\n",
                c.advances, c.reactive_requests, c.actions);
  out += line;
  std::snprintf(line, sizeof line,
                "  bounds reached: seen %ld, notifications %ld, pending %ld, sessions %ld\n",
                c.bounds_reached[0], c.bounds_reached[1], c.bounds_reached[2],
                c.bounds_reached[3]);
  out += line;
  long sent = 0, accepted = 0;
  for (std::size_t i = 0; i < c.crafted.size(); ++i) {
    sent += c.crafted[i];
    accepted += c.crafted_accepted[i];
  }
  std::snprintf(line, sizeof line,
                "  crafted requests sent %ld, accepted/pending %ld (arguments %ld/%ld, reordered "
                "%ld/%ld, doubled %ld/%ld, with-signatures-of %ld/%ld)\n",
                sent, accepted, c.crafted[0], c.crafted_accepted[0], c.crafted[1],
                c.crafted_accepted[1], c.crafted[2], c.crafted_accepted[2], c.crafted[3],
                c.crafted_accepted[3]);
  out += line;
  if (c.two_factor[0] + c.two_factor[1] + c.two_factor[2] > 0) {  // only where they occur
    std::snprintf(line, sizeof line,
                  "  two factors: totp registered %ld, two-factor logins %ld, protected "
                  "removals %ld\n",
                  c.two_factor[0], c.two_factor[1], c.two_factor[2]);
    out += line;
  }
  if (c.cosigned[0] > 0) {  // only where guardians co-sign
    std::snprintf(line, sizeof line,
                  "  co-signed requests (device + guardians) sent %ld, accepted/pending %ld, "
                  "rejected threshold %ld\n",
                  c.cosigned[0], c.cosigned[1], c.cosigned[2]);
    out += line;
  }
  return out;
}

}  // namespace reclaim
