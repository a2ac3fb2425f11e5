// bench_symbolic: the Z3 engine's speed figures, outside the timed tests.
//
//   bench_symbolic [VARIANT...] [--depth K] [--budget S] [--scope devices=D,...]
//                  [--invariant ID]... [--no-induction] [--differential N] [--seed N]
//                  [--out DIR]
//
// Runs run_symbolic() on each variant (default: every built-in) and prints, per invariant,
// the label, the time to a counterexample, and per depth the BMC time. With no --budget the
// budget is 60 s per variant (the figure the engine is held to).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "symbolic/engine.h"

int main(int argc, char** argv) {
  using namespace reclaim;
  std::vector<std::string> variants;
  SymbolicOptions o;
  o.depth = 12;
  o.budget_seconds = 60;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--depth") {
      o.depth = std::atoi(value().c_str());
    } else if (a == "--budget") {
      o.budget_seconds = std::atof(value().c_str());
    } else if (a == "--scope") {
      Result<sym::Scope> s = sym::parse_scope(value(), o.scope);
      if (!s) {
        std::fprintf(stderr, "%s\n", s.error().str().c_str());
        return 2;
      }
      o.scope = *s;
    } else if (a == "--invariant") {
      o.invariants.push_back(value());
    } else if (a == "--no-induction") {
      o.induction = false;
    } else if (a == "--differential") {
      o.differential_steps = std::atoi(value().c_str());
    } else if (a == "--out") {
      o.out_dir = value();
    } else if (a == "--seed") {
      o.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else {
      variants.push_back(a);
    }
  }
  if (variants.empty()) variants = builtin_variant_names();
  o.progress = [](const SymbolicProgress& p) {
    if (p.phase == "bmc")
      std::fprintf(stderr, "  depth %2d  %7.2f s  (total %7.2f s, %d open, %d violated)\n", p.depth,
                   p.depth_seconds, p.seconds, p.open, p.violated);
  };
  int status = 0;
  for (const std::string& name : variants) {
    Result<Variant> v = load_variant(name);
    if (!v) {
      std::fprintf(stderr, "%s\n", v.error().str().c_str());
      return 2;
    }
    std::printf("== %s (scope %s, depth %d, budget %.0f s)\n", v->name.c_str(),
                o.scope.text().c_str(), o.depth, o.budget_seconds);
    std::fflush(stdout);
    const SymbolicReport r = run_symbolic(*v, o);
    std::printf("differential: %ld steps in %ld runs (%ld left the scope), %ld answers, %.1f s\n",
                r.differential.steps, r.differential.runs, r.differential.left_scope,
                r.differential.reactions, r.differential.seconds);
    std::printf("depth reached %d in %.1f s; lemmas %d of %d\n", r.depth, r.seconds, r.lemmas,
                r.lemma_candidates);
    for (std::size_t d = 0; d < r.seconds_per_depth.size(); ++d)
      std::printf("  depth %2zu: %.2f s\n", d + 1, r.seconds_per_depth[d]);
    for (const ClaimVerdict& c : r.verdicts) {
      std::printf("%-18s %-9s %s", c.invariant.c_str(), c.claimed ? "claimed" : "unclaimed",
                  label_text(c).c_str());
      if (c.label == Label::kViolated)
        std::printf(" found in %.2f s: %s", c.seconds_to_find, c.message.c_str());
      if (!c.why.empty() && c.label != Label::kNotEncoded) std::printf(" [%s]", c.why.c_str());
      std::printf("\n");
    }
    for (const std::string& n : r.notes) std::printf("note: %s\n", n.c_str());
    for (const std::string& f : r.failures) std::printf("FAILURE: %s\n", f.c_str());
    if (!r.ok()) status = 1;
    std::fflush(stdout);
  }
  return status;
}
