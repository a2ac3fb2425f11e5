// The scenario runner (see runner.h).
#include "scenarios/runner.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "properties/monitor.h"
#include "trace/interpret.h"

namespace reclaim {
namespace {

bool applies(const Statement& st, const std::string& variant) {
  return st.only.empty() || std::find(st.only.begin(), st.only.end(), variant) != st.only.end();
}

std::string expect_text(const Statement& st) {
  std::string t = "expect";
  if (!st.only.empty()) {
    t += "[";
    for (std::size_t i = 0; i < st.only.size(); ++i) t += (i ? "," : "") + st.only[i];
    t += "]";
  }
  switch (st.expect) {
    case ExpectKind::kAccepted: return t + " accepted";
    case ExpectKind::kPending: return t + " pending";
    case ExpectKind::kRejected:
      return t + " rejected" + (st.reject ? " " + std::string(reject_name(*st.reject)) : "");
    case ExpectKind::kControl: return t + " control " + st.identity + " " + st.actor;
    case ExpectKind::kNoControl: return t + " no-control " + st.identity + " " + st.actor;
    case ExpectKind::kLockedOut: return t + " locked-out " + st.identity;
    case ExpectKind::kPresent: return t + " present " + st.device;
    case ExpectKind::kAbsent: return t + " absent " + st.device;
    case ExpectKind::kNotified:
      return t + " notified " + st.identity + " " + std::string(op_name(st.notified_op));
    case ExpectKind::kAsset:
      return t + " asset " + st.device + " " + st.compare + " " + std::to_string(st.amount);
    case ExpectKind::kSwept:
      return t + " swept " + st.device + " " + st.compare + " " + std::to_string(st.amount);
    case ExpectKind::kHolds: return t + " holds " + st.invariant;
    case ExpectKind::kViolates: return t + " violates " + st.invariant;
  }
  return t;
}

bool compare(int64_t a, const std::string& op, int64_t b) {
  if (op == "==") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  return false;
}

struct Runner {
  const Scenario& sc;
  const Variant& variant;
  World& w;
  VariantRun& out;
  Interpreter interp;
  Monitor monitor;
  std::vector<std::size_t> deferred;   // holds/violates expectations judged at the end

  ExpectResult expect(const Statement& st) {
    ExpectResult e{st.loc, expect_text(st), false, ""};
    auto verdict_of_last = [&](Verdict want) {
      if (interp.last_request_step() == kNoStep) {
        e.detail = "no request before this expectation";
        return;
      }
      const Step& s = w.steps()[interp.last_request_step()];
      e.passed = s.verdict == want &&
                 (want != Verdict::kRejected || !st.reject || *st.reject == s.reject);
      e.detail = std::string(verdict_name(s.verdict));
      if (s.verdict == Verdict::kRejected) e.detail += " " + std::string(reject_name(s.reject));
      e.detail += " (" + std::string(s.rule) + ")";
    };
    const IdentityId iid = st.identity.empty() ? kNone : w.find_identity(st.identity);
    const Identity* id = w.state().identity(iid);
    switch (st.expect) {
      case ExpectKind::kAccepted: verdict_of_last(Verdict::kAccepted); break;
      case ExpectKind::kPending: verdict_of_last(Verdict::kPending); break;
      case ExpectKind::kRejected: verdict_of_last(Verdict::kRejected); break;
      case ExpectKind::kControl: {
        const ActorId a = w.find_actor(st.actor);
        e.passed = a != kNone && w.in_control(iid, a);
        if (!e.passed) e.detail = st.actor + " is not in control";
        break;
      }
      case ExpectKind::kNoControl: {
        const ActorId a = w.find_actor(st.actor);
        e.passed = a == kNone || !w.in_control(iid, a);
        if (!e.passed) e.detail = st.actor + " is in control";
        break;
      }
      case ExpectKind::kLockedOut:
        e.passed = w.locked_out(iid);
        if (!e.passed) e.detail = "the owner still has a way in";
        break;
      case ExpectKind::kPresent:
      case ExpectKind::kAbsent: {
        const DeviceId d = w.find_device(st.device);
        const bool present = id != nullptr && d != kNone && id->device(d) != nullptr;
        e.passed = present == (st.expect == ExpectKind::kPresent);
        e.detail = present ? "present" : "absent";
        break;
      }
      case ExpectKind::kNotified: {
        e.passed = false;
        if (id != nullptr)
          for (const Notification& n : id->notifications) e.passed |= n.op == st.notified_op;
        if (!e.passed) e.detail = "no such notification";
        break;
      }
      case ExpectKind::kAsset:
      case ExpectKind::kSwept: {
        const bool swept = st.expect == ExpectKind::kSwept;
        const Asset* as = id ? id->asset(w.find_asset(st.device)) : nullptr;
        const int64_t amount = as ? (swept ? as->swept : as->amount) : 0;
        e.passed = as != nullptr && compare(amount, st.compare, st.amount);
        e.detail = as ? (swept ? "swept " : "amount ") + std::to_string(amount) : "no such asset";
        break;
      }
      case ExpectKind::kHolds:
      case ExpectKind::kViolates:
        break;  // judged at the end of the run (liveness invariants need the whole run)
    }
    return e;
  }
};

}  // namespace

bool VariantRun::passed() const {
  for (const auto& e : expectations)
    if (!e.passed) return false;
  for (const auto& inv : invariants) {
    if (!inv.claimed || inv.held) continue;
    // A claimed invariant may only fail where the scenario says it must.
    bool expected = false;
    for (const auto& e : expectations) expected |= e.text.ends_with(" violates " + inv.id);
    if (!expected) return false;
  }
  return true;
}

Result<std::vector<VariantRun>> run_scenario(const Scenario& sc, const RunOptions& options) {
  // What to run: the scenario's variants (every built-in when it lists none), or those of
  // options.variants it lists (matched by name), plus every options.variants path. A file
  // the scenario lists is read from the scenario's folder; an options path as given.
  struct Pick {
    std::string ref;       // built-in name or path, for load_variant
    std::string listed;    // as the scenario wrote it ("" for an options path)
    std::optional<Loc> at;  // where the scenario lists it
  };
  std::vector<Pick> listed;
  if (sc.variants.empty()) {
    for (const std::string& n : builtin_variant_names()) listed.push_back({n, n, std::nullopt});
  } else {
    for (std::size_t i = 0; i < sc.variants.size(); ++i) {
      const std::string& n = sc.variants[i];
      std::string ref = n;
      if (n.ends_with(".toml") && !sc.file.empty() && !std::filesystem::path(n).is_absolute())
        ref = (std::filesystem::path(sc.file).parent_path() / n).string();
      listed.push_back({ref, n, i < sc.variant_locs.size() ? std::optional(sc.variant_locs[i])
                                                           : std::nullopt});
    }
  }
  std::vector<Pick> picks = listed;
  if (!options.variants.empty()) {
    picks.clear();
    for (const std::string& v : options.variants) {
      const bool is_path = v.find('/') != std::string::npos || v.ends_with(".toml");
      if (is_path) {
        picks.push_back({v, "", std::nullopt});
        continue;
      }
      for (const Pick& p : listed)
        if (variant_name_of_file(p.listed) == v) picks.push_back(p);
    }
  }
  if (options.only_variant != nullptr) picks = {{options.only_variant->name, "", std::nullopt}};
  std::vector<VariantRun> runs;
  for (const Pick& pick : picks) {
    Variant v;
    if (options.only_variant != nullptr) {
      v = *options.only_variant;
    } else {
      Result<Variant> variant = load_variant(pick.ref);
      if (!variant) {
        if (!pick.at) return variant.error();
        return Error{sc.file, pick.at->line, pick.at->col,
                     "variant \"" + pick.listed + "\": " + variant.error().str()};
      }
      v = *variant;
    }
    v.policy.crypto = options.crypto;

    VariantRun out;
    out.variant = v.name;
    out.world = std::make_unique<World>(v.policy, options.seed);
    World& w = *out.world;
    std::vector<std::string> ids;
    for (const InvariantInfo& info : catalogue()) ids.emplace_back(info.id);
    Runner r{sc, v, w, out, Interpreter(), Monitor(ids), {}};
    bool begun = false;
    for (std::size_t i = 0; i < sc.statements.size(); ++i) {
      const Statement& st = sc.statements[i];
      if (is_setup(st)) {
        auto ok = r.interp.setup(w, st);
        if (!ok) return located(sc.file, st, ok.error());
        continue;
      }
      if (!begun) {
        w.begin();
        begun = true;
      }
      const std::size_t first_step = w.steps().size();
      if (st.kind == StmtKind::kExpect) {
        if (applies(st, v.name)) {
          if (st.expect == ExpectKind::kHolds || st.expect == ExpectKind::kViolates)
            r.deferred.push_back(out.expectations.size());
          out.expectations.push_back(r.expect(st));
        }
      } else {
        auto ok = r.interp.step(w, st);
        if (!ok) return located(sc.file, st, ok.error());
      }
      r.monitor.catch_up(w);
      out.statement_steps.emplace_back(i, first_step);
    }
    if (!begun) w.begin();
    r.monitor.finish(w);
    for (const Monitor::Slot& slot : r.monitor.slots()) {
      InvariantResult res;
      res.id = slot.id;
      res.claimed = std::find(v.claims.begin(), v.claims.end(), res.id) != v.claims.end();
      res.held = !slot.violation;
      if (slot.violation) res.violation = *slot.violation;
      out.invariants.push_back(res);
    }
    for (std::size_t k : r.deferred) {
      ExpectResult& e = out.expectations[k];
      const bool want_holds = e.text.find(" holds ") != std::string::npos;
      const std::string id = e.text.substr(e.text.rfind(' ') + 1);
      const InvariantResult* inv = nullptr;
      for (const InvariantResult& x : out.invariants)
        if (x.id == id) inv = &x;
      if (inv == nullptr) {
        e.detail = "unknown invariant";
        continue;
      }
      e.passed = inv->held == want_holds;
      e.detail = inv->held ? "holds" : "violated at step " + std::to_string(inv->violation.step) +
                                           ": " + inv->violation.message;
    }
    out.trace_hash = trace_hash(w);
    runs.push_back(std::move(out));
  }
  return runs;
}

}  // namespace reclaim
