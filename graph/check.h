// `reclaim check --engine exhaustive`: every invariant a variant claims (and, asked for, the
// unclaimed ones) checked on every path of the exhaustive engine's state graph (explore.h)
// to a bound. Every violation is the shortest one and comes back as a .scn counterexample
// ending `expect violates ID` that `reclaim run` replays: the replay is checked before the
// file is written (counterexample.h); one that does not replay is reported as a failure of
// the run, never as a verdict.
//
// Scope (stated in every verdict): the identity (standard or a .scn's setup); the roots, one
// per owner mode asked for (passive; reactive within ρ: the prelude `OWNER reacts within ρ`),
// each after the prelude of credentials the attacker holds from the start; the compromises
// the menu offers (by default: the attacker may steal or copy any of the owner's devices,
// any guardian may collude); the menu of menu.h.
#ifndef RECLAIM_GRAPH_CHECK_H_
#define RECLAIM_GRAPH_CHECK_H_

#include <functional>
#include <string>
#include <vector>

#include "graph/explore.h"
#include "graph/setup.h"
#include "properties/verdict.h"
#include "variants/variant.h"

namespace reclaim::graph {

struct CheckOptions {
  Bounds bounds;         // depth, states, seconds
  bool passive = true;   // a root with a passive owner
  bool reactive = true;  // a root with an owner who reacts within rho
  Duration rho = kDay;
  std::vector<Statement> credentials;  // events the attacker's prelude holds (both roots)
  bool compromise_menu = true;         // steal/copy any owner device, any guardian colludes
  // Invariant ids; empty: the variant's claims, and with `weaknesses` every other id too.
  std::vector<std::string> invariants;
  bool weaknesses = false;
  std::string out_dir;  // counterexamples written here; empty: not written
  std::function<void(const ExploreProgress&)> progress;
};

struct CheckReport {
  std::vector<ClaimVerdict> verdicts;  // catalogue order; only the ids checked
  ExploreReport search;                // the exploration behind them
  std::string scope;                   // what was explored, in words
  std::vector<std::string> failures;   // counterexamples that did not replay, search errors
  bool claims_hold() const;            // every claim holds to the bound (and no failure)
};

// The search's scope for `options` (its menu and one prelude per owner mode asked for), as
// check_exhaustive explores it; the benchmarks and tests explore the same one.
Scope check_scope(const IdentitySetup& setup, const CheckOptions& options);

CheckReport check_exhaustive(const Variant& variant, const IdentitySetup& setup,
                             const CheckOptions& options);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_CHECK_H_
