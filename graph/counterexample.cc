// Findings as replayed .scn files (see counterexample.h).
#include "graph/counterexample.h"

#include <algorithm>
#include <filesystem>

#include "scenarios/counterexample.h"
#include "scenarios/runner.h"
#include "trace/parse.h"
#include "trace/write.h"
#include "trace/write_file.h"

namespace reclaim::graph {
namespace {

std::string clean_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    out += ok ? c : '-';
  }
  if (out.empty() || out[0] == '-' || out[0] == '.' || out[0] == '_') out = "x" + out;
  if (out.size() > kMaxScenarioName) out.resize(kMaxScenarioName);
  return out;
}

Statement expect_violates(const std::string& id) {
  Statement st;
  st.kind = StmtKind::kExpect;
  st.expect = ExpectKind::kViolates;
  st.invariant = id;
  return st;
}

// Does `reclaim run` of the variant's name give back exactly this policy?
bool replayable_by_name(const Variant& v) {
  if (v.policy.mutant != Mutant::kNone) return false;
  Result<Variant> loaded = load_variant(variant_reference(v));
  return loaded && same_policy(loaded->policy, v.policy);
}

struct Replay {
  bool ok = false;
  std::string why;
  std::vector<VariantRun> runs;
};

// Parses `text` and runs it as `reclaim run` would (or, for a policy no file gives back, under
// the variant itself).
Replay replay(const Variant& variant, const std::string& text, const std::string& file) {
  Replay out;
  Result<Scenario> sc = parse_scenario(text, file);
  if (!sc) {
    out.why = "does not parse: " + sc.error().str();
    return out;
  }
  RunOptions options;
  if (!replayable_by_name(variant)) options.only_variant = &variant;
  Result<std::vector<VariantRun>> runs = run_scenario(*sc, options);
  if (!runs) {
    out.why = "does not run: " + runs.error().str();
    return out;
  }
  if (runs->size() != 1) {
    out.why = "ran under " + std::to_string(runs->size()) + " variants, not one";
    return out;
  }
  out.ok = true;
  out.runs = std::move(*runs);
  return out;
}

// Claimed invariants the run violates, but `except`, in catalogue order.
std::vector<std::string> other_violated_claims(const VariantRun& run, const std::string& except) {
  std::vector<std::string> out;
  for (const InvariantResult& r : run.invariants)
    if (r.claimed && !r.held && r.id != except) out.push_back(r.id);
  return out;
}

std::string unmet(const VariantRun& run) {
  for (const ExpectResult& e : run.expectations)
    if (!e.passed) return e.text + " (" + e.detail + ")";
  return "";
}

// Writes `base` plus `expects` (before `last`), replays it, and when claimed invariants the
// expectations do not name are violated, names them and replays once more.
Replayed finish(const Variant& variant, Scenario base, std::vector<Statement> expects,
                const Statement* last, const std::string& finding_id,
                const std::function<std::string(const VariantRun&)>& verdict) {
  Replayed out;
  const std::string file = base.name + ".scn";
  for (int round = 0; round < 2; ++round) {
    Scenario sc = base;
    for (const Statement& e : expects) sc.statements.push_back(e);
    if (last != nullptr) sc.statements.push_back(*last);
    out.scn_text = write_scenario(sc);
    Replay r = replay(variant, out.scn_text, file);
    if (!r.ok) {
      out.why = r.why;
      return out;
    }
    const VariantRun& run = r.runs[0];
    if (const InvariantResult* inv = [&]() -> const InvariantResult* {
          for (const InvariantResult& x : run.invariants)
            if (x.id == finding_id) return &x;
          return nullptr;
        }())
      if (!inv->held) out.message = inv->violation.message;
    const std::vector<std::string> others = other_violated_claims(run, finding_id);
    bool named_all = true;
    for (const std::string& id : others)
      if (std::none_of(expects.begin(), expects.end(),
                       [&](const Statement& e) { return e.invariant == id; })) {
        expects.push_back(expect_violates(id));
        named_all = false;
      }
    if (!named_all) continue;  // once more, naming them
    const std::string bad = verdict(run);
    if (!bad.empty()) {
      out.why = bad;
      return out;
    }
    if (const std::string u = unmet(run); !u.empty()) {
      out.why = "expectation not met: " + u;
      return out;
    }
    if (!run.passed()) {
      out.why = "the runner does not pass it";
      return out;
    }
    out.replayed = true;
    return out;
  }
  out.why = "claimed invariants violated in the replay change from one replay to the next";
  return out;
}

Scenario base_scenario(const Variant& variant, const IdentitySetup& setup, const Finding& f,
                       const std::string& name, const std::string& about) {
  Scenario sc;
  sc.name = clean_name(name);
  sc.about = one_line(about);
  if (!replayable_by_name(variant))
    sc.about += " [no variant file holds this policy: replayed under it directly]";
  sc.variants = {variant_reference(variant)};
  sc.statements = setup.statements;
  for (const Statement& st : f.path) sc.statements.push_back(st);
  // An expectation needs a step before it: a finding at the root with no prelude gets one.
  if (f.path.empty()) sc.statements.push_back(advance_to(0));
  for (Statement& st : sc.statements) st.loc = Loc{};
  return sc;
}

}  // namespace

Result<Root> rederive(const Policy& policy, const IdentitySetup& setup,
                      const std::vector<Statement>& path) {
  Result<Root> root = build_root(policy, setup, {});
  if (!root) return root;
  for (const Statement& st : path) {
    Result<std::size_t> r = root->interpreter.step(root->world, st);
    if (!r) return Error{"", 0, 0, write_statement(st) + ": " + r.error().message};
  }
  return root;
}

Replayed write_counterexample(const Variant& variant, const IdentitySetup& setup,
                              const Finding& finding, const std::string& name,
                              const std::string& about) {
  const Statement last = expect_violates(finding.what);
  return finish(variant, base_scenario(variant, setup, finding, name, about), {}, &last,
                finding.what, [&](const VariantRun& run) -> std::string {
                  for (const InvariantResult& r : run.invariants)
                    if (r.id == finding.what)
                      return r.held ? finding.what + " holds in the replay" : "";
                  return finding.what + " is not in the catalogue";
                });
}

Replayed write_attack(const Variant& variant, const IdentitySetup& setup, const Finding& finding,
                      const OutcomeCheck& outcome, const std::string& name,
                      const std::string& about) {
  return finish(variant, base_scenario(variant, setup, finding, name, about), outcome.expectations,
                nullptr, "", [&](const VariantRun& run) -> std::string {
                  if (!outcome.reached(*run.world))
                    return finding.what + " not reached in the replay";
                  return "";
                });
}

Result<std::string> write_finding(const std::string& dir, const std::string& file,
                                  const Replayed& replayed) {
  Result<bool> folder = prepare_output_folder(dir);
  if (!folder) return folder.error();
  const std::string path =
      (std::filesystem::path(dir) / (replayed.replayed ? file : file + ".broken")).string();
  Result<bool> written = write_file_atomic(path, replayed.scn_text);
  if (!written) return written.error();
  return path;
}

}  // namespace reclaim::graph
