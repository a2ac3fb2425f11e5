// The exhaustive check of a variant's claims (see check.h).
#include "graph/check.h"

#include <algorithm>

#include "graph/counterexample.h"
#include "properties/invariant.h"
#include "trace/write.h"
#include "variants/duration.h"

namespace reclaim::graph {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string scope_text(const IdentitySetup& setup, const CheckOptions& o) {
  std::string s = setup.source;
  if (!o.credentials.empty()) {
    s += "; attacker starts with";
    for (const Statement& st : o.credentials) s += " [" + write_statement(st) + "]";
  }
  if (o.compromise_menu) {
    s += "; " + setup.attacker + " may steal or copy any device of " + setup.identity;
    if (!setup.guardians.empty()) s += ", any guardian may collude";
  }
  s += "; owner ";
  if (o.passive) s += "passive";
  if (o.passive && o.reactive) s += " and ";
  if (o.reactive) s += "reactive within " + format_duration(o.rho);
  return s;
}

}  // namespace

bool CheckReport::claims_hold() const {
  if (!failures.empty()) return false;
  return std::all_of(verdicts.begin(), verdicts.end(), [](const ClaimVerdict& v) {
    return !v.claimed || v.label == Label::kHoldsToDepth || v.label == Label::kProved;
  });
}

Scope check_scope(const IdentitySetup& setup, const CheckOptions& options) {
  Scope scope;
  scope.menu.identity = setup.identity;
  scope.menu.attacker = setup.attacker;
  scope.menu.rho = options.reactive ? options.rho : 0;
  if (options.compromise_menu) {
    scope.menu.steal = setup.devices;
    for (const GuardianInfo& g : setup.guardians) scope.menu.collude.push_back(g.actor);
  }
  if (options.passive) scope.preludes.push_back(options.credentials);
  if (options.reactive) {
    std::vector<Statement> p = {
        event_statement(setup.identity, EventKind::kReacts, "", options.rho)};
    for (const Statement& st : options.credentials) p.push_back(st);
    scope.preludes.push_back(p);
  }
  return scope;
}

CheckReport check_exhaustive(const Variant& variant, const IdentitySetup& setup,
                             const CheckOptions& options) {
  CheckReport report;
  auto claimed = [&](std::string_view id) {
    return std::find(variant.claims.begin(), variant.claims.end(), id) != variant.claims.end();
  };
  std::vector<std::string> ids;
  for (const InvariantInfo& info : catalogue()) {
    const std::string id(info.id);
    const bool asked = options.invariants.empty()
                           ? claimed(id) || options.weaknesses
                           : std::find(options.invariants.begin(), options.invariants.end(), id) !=
                                 options.invariants.end();
    if (asked) ids.push_back(id);
  }
  for (const std::string& id : options.invariants)
    if (make_checker(id) == nullptr) report.failures.push_back("unknown invariant id " + id);

  const Scope scope = check_scope(setup, options);
  report.scope = scope_text(setup, options);
  if (scope.preludes.empty()) {
    report.failures.push_back("no owner mode: nothing to explore");
    return report;
  }
  report.search = explore(variant.policy, setup, scope, ids, {}, options.bounds, options.progress);
  const ExploreReport& s = report.search;
  for (const std::string& e : s.errors) report.failures.push_back("search: " + e);

  const std::string mutant = variant.policy.mutant == Mutant::kNone
                                 ? ""
                                 : "_" + std::string(mutant_name(variant.policy.mutant));
  for (const std::string& id : ids) {
    ClaimVerdict v;
    v.invariant = id;
    v.claimed = claimed(id);
    v.engine = "exhaustive";
    v.seconds = s.seconds;
    v.states = s.states;
    v.depth = s.depth;
    v.scope = report.scope;
    if (const Finding* f = s.violation(id)) {
      const std::string name = "exhaustive-" + variant.name + mutant + "-" + lower(id);
      const std::string about =
          "Found by the exhaustive engine: shortest violation, " + std::to_string(f->depth) +
          " actions after the prelude (" + report.scope + ")" +
          (mutant.empty() ? "" : ", test-only mutant " + mutant.substr(1)) + ": " + f->message;
      Replayed r = write_counterexample(variant, setup, *f, name, about);
      v.depth = f->depth;
      v.message = r.message.empty() ? f->message : r.message;
      v.scn_text = r.scn_text;
      v.label = r.replayed ? Label::kViolated : Label::kUnknown;
      if (!r.replayed) {
        v.why = "its counterexample does not replay: " + r.why;
        report.failures.push_back(id + ": counterexample does not replay: " + r.why);
      }
      if (!options.out_dir.empty()) {
        Result<std::string> path = write_finding(options.out_dir, name + ".scn", r);
        if (!path) {
          report.failures.push_back(path.error().str());
        } else if (r.replayed) {
          v.counterexample_path = *path;
        }
      }
    } else if (!s.errors.empty()) {
      v.label = Label::kNotChecked;
      v.why = "the search failed";
    } else if (s.depth < 1) {
      v.label = Label::kNotChecked;
      v.why = "no action explored (" + s.label() + ")";
    } else {
      v.label = Label::kHoldsToDepth;
      if (s.complete) v.scope += "; complete (no new states)";
    }
    report.verdicts.push_back(v);
  }
  return report;
}

}  // namespace reclaim::graph
