// The scenario runner (see runner.h).
#include "scenarios/runner.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "model/codec.h"

namespace reclaim {
namespace {

Error at(const Scenario& sc, const Statement& st, const std::string& message) {
  return Error{sc.file, st.loc.line, st.loc.col, message};
}

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
    case ExpectKind::kLockedOut: return t + " locked-out " + st.identity;
    case ExpectKind::kPresent: return t + " present " + st.device;
    case ExpectKind::kAbsent: return t + " absent " + st.device;
    case ExpectKind::kNotified:
      return t + " notified " + st.identity + " " + std::string(op_name(st.notified_op));
    case ExpectKind::kAsset:
      return t + " asset " + st.device + " " + st.compare + " " + std::to_string(st.amount);
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

// Incremental invariant checking over the world's steps.
class Monitor {
 public:
  Monitor(const Variant& v) {
    for (const InvariantInfo& info : catalogue()) {
      InvariantResult r;
      r.id = std::string(info.id);
      r.claimed = std::find(v.claims.begin(), v.claims.end(), r.id) != v.claims.end();
      results_.push_back(r);
      checkers_.push_back(make_checker(info.id));
    }
  }
  void catch_up(const World& w) {
    const auto& steps = w.steps();
    for (; next_ < steps.size(); ++next_)
      for (std::size_t i = 0; i < checkers_.size(); ++i) {
        if (!results_[i].held || !checkers_[i]) continue;
        if (auto v = checkers_[i]->on_step(w, steps[next_], next_)) {
          results_[i].held = false;
          results_[i].violation = *v;
        }
      }
  }
  void finish(const World& w) {
    catch_up(w);
    for (std::size_t i = 0; i < checkers_.size(); ++i) {
      if (!results_[i].held || !checkers_[i]) continue;
      if (auto v = checkers_[i]->at_end(w)) {
        results_[i].held = false;
        results_[i].violation = *v;
      }
    }
  }
  const InvariantResult* find(const std::string& id) const {
    for (const auto& r : results_)
      if (r.id == id) return &r;
    return nullptr;
  }
  std::vector<InvariantResult> results() const { return results_; }

 private:
  std::vector<InvariantResult> results_;
  std::vector<std::unique_ptr<Checker>> checkers_;
  std::size_t next_ = 0;
};

struct Runner {
  const Scenario& sc;
  const Variant& variant;
  World& w;
  VariantRun& out;
  Monitor monitor;
  std::vector<Request> request_lines;  // by request-line order, for `replay K`
  std::size_t last_request_step = SIZE_MAX;
  std::vector<std::size_t> deferred;   // holds/violates expectations judged at the end

  Result<bool> setup(const Statement& st) {
    switch (st.kind) {
      case StmtKind::kIdentity: {
        ActorId owner = w.actor(st.identity);
        if (owner == kNone || w.add_identity(st.identity, owner) == kNone)
          return at(sc, st, "too many identities or actors");
        return true;
      }
      case StmtKind::kDevice: {
        IdentityId id = w.find_identity(st.identity);
        std::vector<ActorId> holders;
        for (const std::string& h : st.holders) holders.push_back(w.actor(h));
        auto r = w.add_device(id, st.device, st.device_kind, st.purpose, st.is_protected, holders);
        if (!r) return at(sc, st, r.error().message + " under " + variant.name);
        return true;
      }
      case StmtKind::kGuardian: {
        if (!w.policy().guardians) return true;  // ignored by variants without guardians
        IdentityId id = w.find_identity(st.identity);
        auto r = w.add_guardian(id, w.actor(st.actor), st.weight == 0 ? 1 : st.weight);
        if (!r) return at(sc, st, r.error().message);
        return true;
      }
      case StmtKind::kAsset: {
        IdentityId id = w.find_identity(st.identity);
        auto r = w.add_asset(id, w.asset_id(st.device), st.amount, st.locked_until);
        if (!r) return at(sc, st, r.error().message);
        return true;
      }
      case StmtKind::kSetting: {
        IdentityId id = w.find_identity(st.identity);
        if (st.setting == "removal-delay") {
          w.set_removal_delay(id, st.duration);
        } else {
          w.set_guardian_threshold(id, st.number);
        }
        return true;
      }
      default:
        return true;
    }
  }

  Result<bool> request(const Statement& st) {
    const IdentityId iid = w.find_identity(st.identity);
    if (iid == kNone) return at(sc, st, "unknown identity " + st.identity);
    const ActorId actor = w.actor(st.actor);
    Args a;
    ActorId receiver = kNone;
    auto dev = [&](const std::string& name) { return name.empty() ? kNone : w.device_id(name); };
    switch (st.op) {
      case Op::kAddDevice:
        a.device2 = dev(st.device);
        a.kind = st.device_kind; a.purpose = st.purpose; a.protect = st.is_protected;
        break;
      case Op::kRemoveDevice: case Op::kProtect: case Op::kUnprotect:
        a.device = dev(st.device);
        break;
      case Op::kReplaceDevice:
        a.device = dev(st.device); a.device2 = dev(st.device2);
        a.kind = st.device_kind; a.purpose = st.purpose; a.protect = st.is_protected;
        break;
      case Op::kSetRemovalDelay: a.duration = st.duration; break;
      case Op::kCancel: a.number = st.number; break;
      case Op::kAddGuardian:
        a.actor = w.actor(st.guardian); a.weight = st.weight == 0 ? 1 : st.weight;
        break;
      case Op::kRemoveGuardian: a.actor = w.actor(st.guardian); break;
      case Op::kFollow:
        a.actor = w.actor(st.guardian);
        a.actor2 = st.actor2.empty() ? kNone : w.actor(st.actor2);
        break;
      case Op::kStartRecovery:
        a.device2 = dev(st.device2); a.kind = st.device_kind;
        receiver = st.actor2.empty() ? actor : w.actor(st.actor2);
        break;
      case Op::kLogin: a.duration = st.duration; break;
      case Op::kTransfer: case Op::kWithdraw:
        a.asset = w.asset_id(st.device); a.amount = st.amount;
        a.actor = st.actor2.empty() ? kNone : w.actor(st.actor2);
        break;
      case Op::kClawback: a.asset = w.asset_id(st.device); break;
      case Op::kAddTentative:
        a.device2 = dev(st.device2); a.kind = st.device_kind; a.purpose = st.purpose;
        break;
      case Op::kVerifyTentative: {
        const Identity* id = w.state().identity(iid);
        const uint32_t right = id ? id->registration.code : 0;
        a.code = st.code_right ? right : (right + 1) % 1000000;
        break;
      }
      case Op::kSetGuardianThreshold: a.number = st.number; break;
      default: break;
    }
    SignWith with;
    switch (st.signer_mode) {
      case SignerMode::kDevices:
        for (const std::string& s : st.signers) {
          DeviceId d = w.find_device(s);
          if (d == kNone) return at(sc, st, "unknown device " + s);
          with.devices.push_back(d);
        }
        break;
      case SignerMode::kSession: with.session = true; break;
      case SignerMode::kGuardian: with.guardian = true; break;
      case SignerMode::kUnsigned: break;
    }
    auto r = w.submit(actor, iid, st.op, a, with, receiver);
    if (!r) return at(sc, st, r.error().message);
    last_request_step = static_cast<std::size_t>(*r - w.steps().data());
    request_lines.push_back((*r)->request);
    return true;
  }

  Result<bool> event(const Statement& st) {
    const ActorId actor = w.actor(st.actor);
    const IdentityId iid = st.identity.empty() ? kNone : w.find_identity(st.identity);
    const DeviceId d = st.device.empty() ? kNone : w.find_device(st.device);
    auto r = w.event(st.event, actor, iid, d, st.duration);
    if (!r) return at(sc, st, r.error().message);
    return true;
  }

  ExpectResult expect(const Statement& st) {
    ExpectResult e{st.loc, expect_text(st), false, ""};
    auto verdict_of_last = [&](Verdict want) {
      if (last_request_step == SIZE_MAX) {
        e.detail = "no request before this expectation";
        return;
      }
      const Step& s = w.steps()[last_request_step];
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
      case ExpectKind::kAsset: {
        const Asset* as = id ? id->asset(w.find_asset(st.device)) : nullptr;
        const int64_t amount = as ? as->amount : 0;
        e.passed = as != nullptr && compare(amount, st.compare, st.amount);
        e.detail = as ? "amount " + std::to_string(amount) : "no such asset";
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
  std::vector<VariantRun> runs;
  for (const Pick& pick : picks) {
    Result<Variant> variant = load_variant(pick.ref);
    if (!variant) {
      if (!pick.at) return variant.error();
      return Error{sc.file, pick.at->line, pick.at->col,
                   "variant \"" + pick.listed + "\": " + variant.error().str()};
    }
    Variant v = *variant;
    v.policy.crypto = options.crypto;

    VariantRun out;
    out.variant = v.name;
    out.world = std::make_unique<World>(v.policy, options.seed);
    World& w = *out.world;
    Runner r{sc, v, w, out, Monitor(v), {}, SIZE_MAX, {}};
    bool begun = false;
    for (std::size_t i = 0; i < sc.statements.size(); ++i) {
      const Statement& st = sc.statements[i];
      const bool is_setup = st.kind == StmtKind::kIdentity || st.kind == StmtKind::kDevice ||
                            st.kind == StmtKind::kGuardian || st.kind == StmtKind::kAsset ||
                            st.kind == StmtKind::kSetting;
      if (is_setup) {
        auto ok = r.setup(st);
        if (!ok) return ok.error();
        continue;
      }
      if (!begun) {
        w.begin();
        begun = true;
      }
      const std::size_t first_step = w.steps().size();
      if (st.kind != StmtKind::kExpect) w.advance_to(st.time);
      Result<bool> ok = true;
      switch (st.kind) {
        case StmtKind::kEvent: ok = r.event(st); break;
        case StmtKind::kRequest: ok = r.request(st); break;
        case StmtKind::kReplay: {
          if (st.number == 0 || st.number > r.request_lines.size())
            return at(sc, st, "replay " + std::to_string(st.number) + " names no earlier request");
          const Step& s = w.replay(w.actor(st.actor), r.request_lines[st.number - 1]);
          r.last_request_step = static_cast<std::size_t>(&s - w.steps().data());
          break;
        }
        case StmtKind::kExpect:
          if (applies(st, v.name)) {
            if (st.expect == ExpectKind::kHolds || st.expect == ExpectKind::kViolates)
              r.deferred.push_back(out.expectations.size());
            out.expectations.push_back(r.expect(st));
          }
          break;
        default: break;
      }
      if (!ok) return ok.error();
      r.monitor.catch_up(w);
      out.statement_steps.emplace_back(i, first_step);
    }
    if (!begun) w.begin();
    r.monitor.finish(w);
    out.invariants = r.monitor.results();
    for (std::size_t k : r.deferred) {
      ExpectResult& e = out.expectations[k];
      const bool want_holds = e.text.find(" holds ") != std::string::npos;
      const std::string id = e.text.substr(e.text.rfind(' ') + 1);
      const InvariantResult* inv = r.monitor.find(id);
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
