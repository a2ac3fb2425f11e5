// The Z3 engine (symbolic/engine.h) behind the engine interface (engine.h): its verdicts, the
// depth it reached per invariant, its proofs and the differential phase's figures, and the
// flags that repeat it (the scope, the budget and the depth it reached).
#include <cstdio>

#include "engines/engine.h"
#include "symbolic/engine.h"

namespace reclaim {
namespace {

// Without --depth the search deepens until the budget is spent; with no budget either, to
// this depth (the depth the timelock variants' claims are held to).
constexpr int kDefaultSymbolicDepth = 12;
constexpr int kUnboundedSymbolicDepth = 1000;
constexpr double kNoBudgetSeconds = 7 * 24 * 3600.0;

std::string seconds_text(double s) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", s);
  return b;
}

}  // namespace

EngineResult check_symbolic(const EngineRequest& request) {
  EngineResult out;
  out.engine = "symbolic";
  SymbolicOptions options;
  if (!request.scope.empty()) {
    Result<sym::Scope> scope = sym::parse_scope(request.scope);
    if (!scope) {  // check validates it first; a caller that did not is told here
      out.problems.push_back(scope.error().message);
      return out;
    }
    options.scope = *scope;
  }
  options.seed = request.seed;
  options.budget_seconds = request.budget_seconds > 0 ? request.budget_seconds : kNoBudgetSeconds;
  const int asked = request.symbolic_depth > 0 ? request.symbolic_depth : request.depth;
  options.depth = asked > 0                    ? asked
                  : request.budget_seconds > 0 ? kUnboundedSymbolicDepth
                                               : kDefaultSymbolicDepth;
  options.out_dir = request.out_dir;
  options.invariants = request.invariants;
  if (options.invariants.empty() && request.claims_only)  // search the claims alone
    options.invariants = request.variant.claims;
  if (request.progress)
    options.progress = [](const SymbolicProgress& p) {
      if (p.phase == "bmc")
        std::fprintf(stderr,
                     "\r[symbolic bmc] depth %d in %.2f s, %d open, %d violated, %.1f s\033[K",
                     p.depth, p.depth_seconds, p.open, p.violated, p.seconds);
      else
        std::fprintf(stderr, "\r[symbolic %s] %.1f s\033[K", p.phase.c_str(), p.seconds);
      std::fflush(stderr);
    };
  const SymbolicReport r = run_symbolic(request.variant, options);
  if (request.progress) std::fprintf(stderr, "\r\033[K");

  out.verdicts = r.verdicts;

  // Less than asked: an asked depth the budget did not reach for an open invariant, or a
  // claim the solver could not decide.
  int proofs = 0;
  for (const ClaimVerdict& v : out.verdicts) {
    proofs += v.label == Label::kProved;
    if (v.label == Label::kHoldsToDepth && asked > 0 && v.depth < asked) {
      out.incomplete = true;
      out.incomplete_why += (out.incomplete_why.empty() ? "" : "; ") + v.invariant +
                            " reached depth " + std::to_string(v.depth) + " of " +
                            std::to_string(asked) + " within the budget";
    }
    if (v.claimed && v.label == Label::kUnknown) {
      out.incomplete = true;
      out.incomplete_why +=
          (out.incomplete_why.empty() ? "" : "; ") + v.invariant + " is unknown (" + v.why + ")";
    }
  }

  // The flags that repeat it: its scope always; alone, its budget and the depth it reached;
  // beside other engines (whose flags rule the budget), the depth it reached as its own.
  out.repeat_flags = " --scope " + options.scope.text();
  if (request.engine == "symbolic") {
    char budget[32];
    std::snprintf(budget, sizeof budget, "%.17g", request.budget_seconds);
    out.repeat_flags += std::string(" --budget ") + budget;
    if (request.symbolic_depth > 0)
      out.repeat_flags += " --symbolic-depth " + std::to_string(request.symbolic_depth);
    else if (asked == 0 && r.depth > 0)
      out.repeat_flags += " --depth " + std::to_string(r.depth);
  } else if (request.symbolic_depth > 0 || r.depth > 0) {
    const int depth = request.symbolic_depth > 0 ? request.symbolic_depth : r.depth;
    out.repeat_flags += " --symbolic-depth " + std::to_string(depth);
  }

  nlohmann::ordered_json depths = nlohmann::ordered_json::object();
  for (const ClaimVerdict& v : out.verdicts)
    if (v.label == Label::kHoldsToDepth || v.label == Label::kProved || v.label == Label::kViolated)
      depths[v.invariant] = v.depth;
  nlohmann::ordered_json found = nlohmann::ordered_json::object();
  for (const ClaimVerdict& v : out.verdicts)
    if (v.violated()) found[v.invariant] = v.seconds_to_find;
  out.figures = {{"scope", r.scope},
                 {"depth", r.depth},
                 {"depth_per_invariant", depths},
                 {"seconds_per_depth", r.seconds_per_depth},
                 {"seconds", r.seconds},
                 {"proofs", proofs},
                 {"lemmas", r.lemmas},
                 {"lemma_candidates", r.lemma_candidates},
                 {"differential_steps", r.differential.steps},
                 {"differential_runs", r.differential.runs},
                 {"seconds_to_counterexample", found},
                 {"notes", r.notes}};

  out.text = "symbolic: scope " + r.scope + ", BMC depth " + std::to_string(r.depth) + ", " +
             std::to_string(proofs) + " proved (" + std::to_string(r.lemmas) + " lemmas of " +
             std::to_string(r.lemma_candidates) + " candidates), " +
             std::to_string(r.differential.steps) + " differential steps compared, " +
             seconds_text(r.seconds) + " s\n";
  if (!r.seconds_per_depth.empty()) {
    out.text += "  seconds per depth:";
    for (double s : r.seconds_per_depth) out.text += " " + seconds_text(s);
    out.text += "\n";
  }
  for (const ClaimVerdict& v : out.verdicts)
    if (v.violated())
      out.text += "  " + v.invariant + ": counterexample at depth " + std::to_string(v.depth) +
                  " after " + seconds_text(v.seconds_to_find) + " s\n";
  for (const std::string& note : r.notes) out.text += "  note: " + note + "\n";
  return out;
}

}  // namespace reclaim
