// Incremental BMC (see bmc.h).
#include "symbolic/bmc.h"

#include <chrono>

#include "symbolic/evaluate.h"

namespace reclaim::sym {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

template <typename R>
R read(const z3::model& m, const R& r) {
  std::vector<expr> values;
  for (const expr& x : fields_of(r)) values.push_back(m.eval(x, true));
  return with_fields(r, values);
}

// Destroying the solver takes time that grows with the depth it holds: about a sixth of the
// search's own time at a few hundred depths (timelock: 5.7 s after 40 s of search). A depth
// starts, and a query runs, only within the budget less this share of the time spent.
constexpr double kTeardownShare = 0.25;

}  // namespace

SearchReport bmc(const Encoding& enc, const Invariants& inv, const SearchOptions& options) {
  z3::context& c = enc.ctx();
  const Clock::time_point start = Clock::now();
  SearchReport report;
  std::vector<int> ks;  // encoded invariant indices, in the order asked
  if (options.invariants.empty()) {
    for (int k = 0; k < static_cast<int>(inv.ids().size()); ++k) ks.push_back(k);
  } else {
    for (const std::string& id : options.invariants)
      if (inv.index(id) >= 0) ks.push_back(inv.index(id));
  }
  for (int k : ks) report.results.push_back(SearchResult{inv.ids()[k]});
  std::vector<bool> open(ks.size(), true);
  auto open_count = [&] {
    int n = 0;
    for (bool o : open) n += o;
    return n;
  };

  z3::solver s(c);
  std::vector<SymState> states = {enc.initial()};
  std::vector<SymAction> actions;
  const SymAction shape = make_action(c, enc.scope());
  const SymState state_shape = make_state(c, enc.scope());
  int violated = 0;
  auto time_left = [&] {
    const double spent = since(start);
    return options.budget_seconds - spent * (1 + kTeardownShare);
  };
  for (int depth = 1; depth <= options.max_depth && open_count() > 0; ++depth) {
    const Clock::time_point depth_start = Clock::now();
    if (time_left() <= 0) {
      for (std::size_t i = 0; i < ks.size(); ++i)
        if (open[i]) {
          report.results[i].exhausted = true;
          report.results[i].why = "budget spent";
        }
      break;
    }
    const SymState& pre = states.back();
    const SymAction a = fresh(c, shape, "a" + std::to_string(depth));
    const Transition t = enc.step(pre, a);
    s.add(t.valid);
    s.add(enc.search_only(pre, a));
    s.add(!t.oos);
    s.add(!t.noop);
    const SymState post = fresh(c, state_shape, "s" + std::to_string(depth));
    const std::vector<expr> pv = fields_of(post), tv = fields_of(t.post);
    for (std::size_t i = 0; i < pv.size(); ++i) s.add(pv[i] == tv[i]);
    actions.push_back(a);
    states.push_back(post);

    std::vector<expr> viol(ks.size(), c.bool_val(false));
    for (std::size_t i = 0; i < ks.size(); ++i)
      if (open[i]) viol[i] = Or(inv.violated(ks[i], t), inv.violated_at_end(ks[i], post));
    bool budget_out = false;
    for (;;) {
      std::vector<expr> any;
      for (std::size_t i = 0; i < ks.size(); ++i)
        if (open[i]) any.push_back(viol[i]);
      if (any.empty()) break;
      const expr lit =
          c.bool_const(("q" + std::to_string(depth) + "_" + std::to_string(violated)).c_str());
      s.add(z3::implies(lit, OrAll(any, c)));
      const double remaining = time_left();
      if (remaining <= 0) {
        budget_out = true;
        break;
      }
      z3::params p(c);
      p.set("timeout", static_cast<unsigned>(std::max(1.0, remaining * 1000)));
      s.set(p);
      z3::expr_vector assume(c);
      assume.push_back(lit);
      const z3::check_result r = s.check(assume);
      if (r == z3::unsat) break;
      if (r == z3::unknown) {
        budget_out = true;
        for (std::size_t i = 0; i < ks.size(); ++i)
          if (open[i]) report.results[i].why = "solver: " + s.reason_unknown();
        break;
      }
      const z3::model m = s.get_model();
      Counterexample cx;
      for (const SymAction& x : actions) cx.actions.push_back(read(m, x));
      for (const SymState& x : states) cx.states.push_back(read(m, x));
      bool found = false;
      for (std::size_t i = 0; i < ks.size(); ++i) {
        if (!open[i] || !m.eval(viol[i], true).is_true()) continue;
        open[i] = false;
        found = true;
        ++violated;
        SearchResult& res = report.results[i];
        res.violated = true;
        res.depth = depth;
        res.seconds_to_find = since(start);
        res.cx = cx;
      }
      if (!found) break;  // cannot happen: the model satisfies the disjunction
    }
    if (budget_out) {
      for (std::size_t i = 0; i < ks.size(); ++i)
        if (open[i]) {
          report.results[i].exhausted = true;
          if (report.results[i].why.empty()) report.results[i].why = "budget spent";
        }
      break;
    }
    for (std::size_t i = 0; i < ks.size(); ++i)
      if (open[i]) report.results[i].depth = depth;
    report.depth = depth;
    report.seconds_per_depth.push_back(since(depth_start));
    if (options.progress)
      options.progress({depth, since(start), since(depth_start), open_count(), violated});
  }
  report.seconds = since(start);
  return report;
}

}  // namespace reclaim::sym
