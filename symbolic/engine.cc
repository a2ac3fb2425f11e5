// The Z3 engine's entry point (see engine.h).
#include "symbolic/engine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "properties/invariant.h"
#include "random/model.h"
#include "scenarios/counterexample.h"
#include "symbolic/bmc.h"
#include "symbolic/counterexample.h"
#include "symbolic/coverage.h"
#include "symbolic/evaluate.h"
#include "symbolic/induction.h"
#include "trace/write_file.h"

namespace reclaim {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Writes `text` to out_dir/file (trace/write_file.h); returns the path, or "" (with a note)
// when it cannot.
std::string write_file(const std::string& out_dir, const std::string& file, const std::string& text,
                       std::vector<std::string>* notes) {
  if (out_dir.empty()) return "";
  const std::string path = (std::filesystem::path(out_dir) / file).string();
  Result<bool> folder = prepare_output_folder(out_dir);
  Result<bool> written = folder ? write_file_atomic(path, text) : folder;
  if (!written) {
    notes->push_back(written.error().str());
    return "";
  }
  return path;
}

}  // namespace

bool SymbolicReport::claims_hold() const {
  if (!ok()) return false;
  for (const ClaimVerdict& v : verdicts)
    if (v.claim_fails()) return false;
  return true;
}

SymbolicReport run_symbolic(const Variant& variant, const SymbolicOptions& options) {
  const Clock::time_point start = Clock::now();
  SymbolicReport report;
  report.variant = variant.name;
  report.scope = options.scope.text();
  const std::string mutant = variant.policy.mutant == Mutant::kNone
                                 ? ""
                                 : "_" + std::string(mutant_name(variant.policy.mutant));
  auto claimed = [&](std::string_view id) {
    return std::find(variant.claims.begin(), variant.claims.end(), id) != variant.claims.end();
  };
  auto asked = [&](const std::string& id) {
    return options.invariants.empty() ||
           std::find(options.invariants.begin(), options.invariants.end(), id) !=
               options.invariants.end();
  };
  for (const std::string& id : options.invariants)
    if (!make_checker(id)) report.failures.push_back("unknown invariant id " + id);
  if (!report.failures.empty()) return report;
  for (const InvariantInfo& info : catalogue()) {
    if (!asked(std::string(info.id))) continue;
    ClaimVerdict v;
    v.invariant = std::string(info.id);
    v.claimed = claimed(info.id);
    v.engine = "symbolic";
    report.verdicts.push_back(v);
  }
  auto verdict = [&](const std::string& id) -> ClaimVerdict& {
    for (ClaimVerdict& v : report.verdicts)
      if (v.invariant == id) return v;
    return report.verdicts.front();
  };
  auto progress = [&](const std::string& phase, int depth, double depth_seconds, int open,
                      int violated) {
    if (options.progress)
      options.progress({phase, depth, depth_seconds, since(start), open, violated});
  };

  try {
    z3::context c;
    // GUARDIANS-PREVAIL's obligation narrows the scope, so it is tracked only when asked for.
    sym::Scope scope = options.scope;
    scope.prevail = claimed("GUARDIANS-PREVAIL") ||
                    std::find(options.invariants.begin(), options.invariants.end(),
                              "GUARDIANS-PREVAIL") != options.invariants.end();
    const sym::Encoding enc(c, variant.policy, scope);
    const sym::Evaluator ev(enc);
    const sym::Invariants& inv = ev.invariants();
    report.notes.push_back(
        "AUTH and REPLAY are concrete-only (signatures and digests are not in the encoding; its "
        "attacker never forges or replays); EVICT, ASSET-2FA and TIMELY are not encoded" +
        std::string(scope.prevail ? "" : "; GUARDIANS-PREVAIL only when asked for by name"));
    report.notes.push_back(
        "scope " + options.scope.text() + ": the standard identity; at most one session, " +
        std::to_string(options.scope.queue) +
        " unanswered notifications, one hostile notification per instant while the owner is "
        "reactive, one open SOCIAL-LIVENESS obligation at a time" +
        std::string(scope.prevail ? " (and one GUARDIANS-PREVAIL obligation)" : ""));

    // A policy with settings the encoding does not model: nothing that needs the relation to
    // be exact is claimed (coverage.h); the search still looks for counterexamples, which
    // count only when they replay on the model under the very policy.
    const std::vector<std::string> unencoded = sym::unencoded_settings(variant.policy);
    std::string unencoded_why;
    for (const std::string& s : unencoded) unencoded_why += (unencoded_why.empty() ? "" : ", ") + s;
    const bool exact = unencoded.empty();
    if (!exact) {
      unencoded_why = "the encoding does not model the policy's " + unencoded_why;
      report.notes.push_back(unencoded_why +
                             ": no proof, no depth claim and no differential phase; only "
                             "counterexamples that replay on the model are reported");
    }

    // 1. The differential phase.
    const std::string ref = variant_reference(variant);  // scenarios/counterexample.h
    if (exact) progress("differential", 0, 0, 0, 0);
    sym::DifferentialOptions dopt;
    dopt.seed = options.seed;
    dopt.steps = options.differential_steps;
    if (exact) report.differential = sym::run_differential(enc, ev, ref, dopt);
    if (exact && !report.differential.ok) {
      const std::string path =
          write_file(options.out_dir, "symbolic-differential-" + variant.name + mutant + ".scn",
                     report.differential.scn_text, &report.notes);
      report.failures.push_back("differential phase: the encoding and the model disagree: " +
                                report.differential.mismatch +
                                (path.empty() ? "" : " (written to " + path + ")"));
      for (ClaimVerdict& v : report.verdicts) {
        v.label = Label::kUnknown;
        v.why = "the encoding disagrees with the model (differential phase)";
      }
      report.seconds = since(start);
      return report;
    }

    // Not encoded and not asked.
    std::vector<std::string> ids;
    for (const sym::Invariants::Coverage& cov : inv.coverage()) {
      if (!asked(cov.id)) continue;
      ClaimVerdict& v = verdict(cov.id);
      if (!cov.encoded) {
        v.label = Label::kNotEncoded;
        v.why = cov.why;
      } else {
        ids.push_back(cov.id);
      }
    }

    // 2. Lemmas and k-induction: unbounded proofs, cheap when they close.
    std::vector<sym::InductionResult> proofs;
    if (options.induction && exact && !ids.empty()) {
      progress("induction", 0, 0, static_cast<int>(ids.size()), 0);
      const double budget = options.budget_seconds - since(start);
      const sym::Lemmas lemmas = sym::find_lemmas(enc, budget * 0.6);
      report.lemmas = static_cast<int>(lemmas.names.size());
      report.lemma_candidates = lemmas.candidates;
      if (!lemmas.complete)
        report.notes.push_back("the lemma search ran out of budget: no lemmas used");
      proofs = sym::k_induction(enc, inv, lemmas, ids, options.max_k,
                                (options.budget_seconds - since(start)) * 0.5);
    }
    auto partial = [&](const std::string& id) -> std::string {
      for (const sym::Invariants::Coverage& cov : inv.coverage())
        if (cov.id == id) return cov.partial;
      return {};
    };
    auto proof = [&](const std::string& id) -> const sym::InductionResult* {
      if (!partial(id).empty()) return nullptr;  // a proof of a part is no proof of the whole
      for (const sym::InductionResult& p : proofs)
        if (p.id == id && p.proved) return &p;
      return nullptr;
    };

    // 3. BMC: counterexamples, and the base case of every proof with k > 0.
    std::vector<std::string> searched;
    for (const std::string& id : ids) {
      const sym::InductionResult* p = proof(id);
      if (p == nullptr || p->k > 0) searched.push_back(id);
    }
    sym::SearchOptions sopt;
    sopt.max_depth = options.depth;
    sopt.budget_seconds = options.budget_seconds - since(start);
    sopt.invariants = searched;
    sopt.progress = [&](const sym::SearchProgress& p) {
      progress("bmc", p.depth, p.depth_seconds, p.open, p.violated);
    };
    const double bmc_start = since(start);
    const sym::SearchReport bmc = searched.empty() ? sym::SearchReport{} : sym::bmc(enc, inv, sopt);
    report.depth = bmc.depth;
    report.seconds_per_depth = bmc.seconds_per_depth;
    for (const std::string& id : ids) {
      ClaimVerdict& v = verdict(id);
      v.scope = options.scope.text();
      v.seconds = since(start);
      const sym::SearchResult* r = nullptr;
      for (const sym::SearchResult& x : bmc.results)
        if (x.id == id) r = &x;
      const sym::InductionResult* p = proof(id);
      if (r != nullptr && r->violated) {
        if (p != nullptr)
          report.failures.push_back(
              id + ": k-induction proved it, yet BMC finds a counterexample at depth " +
              std::to_string(r->depth));
        const std::string name = lower("symbolic-" + variant.name + mutant + "-" + id);
        const sym::Concrete cx =
            sym::concretize(enc, variant, ref, r->cx, id, name, options.minimise);
        if (!cx.reproduced && !exact) {
          v.label = Label::kNotEncoded;
          v.why = unencoded_why + "; a counterexample of the encoding at depth " +
                  std::to_string(r->depth) + " does not replay on the model: " + cx.message;
          continue;
        }
        if (!cx.reproduced) {
          v.label = Label::kUnknown;
          v.why = "its counterexample did not replay on the model";
          report.failures.push_back(
              id + ": the encoding's counterexample does not replay on the model (" + cx.message +
              ").\n  symbolic trace:\n" + cx.symbolic_trace + "  concrete trace:\n" +
              cx.concrete_trace);
          continue;
        }
        // Written the way every engine writes one (scenarios/counterexample.h): parsed back
        // and replayed by the runner under the very policy before it is kept.
        randomized::Model run = randomized::make_model(variant.policy);
        for (const Statement& st : cx.steps)
          if (randomized::applicable(run, st)) randomized::apply_action(run, st);
        CounterexampleSpec spec;
        spec.name = name;
        spec.about = cx.about;
        spec.invariant = id;
        spec.file = name + ".scn";
        spec.out_dir = options.out_dir;
        spec.also_expected = cx.also_violated;
        const Result<Counterexample> written = write_counterexample(run.world, variant, spec);
        if (!written) {
          v.label = Label::kUnknown;
          v.why = "its counterexample could not be written or did not replay";
          report.failures.push_back(id + ": " + written.error().str() + "\n  symbolic trace:\n" +
                                    cx.symbolic_trace);
          continue;
        }
        v.label = Label::kViolated;
        v.depth = r->depth;
        v.message = written->message;
        v.scn_text = written->scn_text;
        v.seconds_to_find = bmc_start + r->seconds_to_find;  // from the start of the run
        v.counterexample_path = written->path;
        continue;
      }
      const int depth = r != nullptr ? r->depth : 0;
      if (!exact) {
        v.label = Label::kNotEncoded;
        v.why = unencoded_why + "; no counterexample to depth " + std::to_string(depth);
      } else if (const std::string part = partial(id); !part.empty()) {
        v.label = Label::kNotEncoded;
        v.why = part + "; no counterexample to depth " + std::to_string(depth);
      } else if (p != nullptr && depth >= p->k) {
        v.label = Label::kProved;
        v.depth = p->k;
        v.why = "k-induction, k = " + std::to_string(p->k) + ", " + std::to_string(report.lemmas) +
                " lemmas";
      } else if (depth > 0) {
        v.label = Label::kHoldsToDepth;
        v.depth = depth;
        for (const sym::InductionResult& x : proofs)
          if (x.id == id && !x.proved) v.why = "not proved: " + x.why;
        if (r->exhausted) v.why += (v.why.empty() ? "" : "; ") + std::string("BMC: ") + r->why;
      } else {
        v.label = Label::kUnknown;
        v.why = r != nullptr && !r->why.empty() ? r->why : "no depth reached";
      }
    }
  } catch (const z3::exception& e) {
    report.failures.push_back(std::string("solver error: ") + e.msg());
    for (ClaimVerdict& v : report.verdicts)
      if (v.label == Label::kNotChecked) {
        v.label = Label::kUnknown;
        v.why = std::string("solver error: ") + e.msg();
      }
  }
  report.seconds = since(start);
  return report;
}

}  // namespace reclaim
