// The differential phase (see differential.h).
#include "symbolic/differential.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "model/codec.h"
#include "properties/invariant.h"
#include "random/generate.h"
#include "random/model.h"
#include "symbolic/abstraction.h"
#include "trace/scenario.h"
#include "trace/write.h"

namespace reclaim::sym {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::string printable(const std::string& s, std::size_t max) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= max) break;
    out += c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
  }
  return out;
}

std::string step_words(const World& w, const Step& s) {
  std::string t = step_text(w, s);
  if (t.empty()) t = "tick";
  return "at " + std::to_string(s.time) + "s " + t;
}

}  // namespace

// One recorded run compared step by step.
class TraceCheck::Impl {
 public:
  Impl(const Encoding& enc, const Evaluator& ev, const World& world)
      : enc_(enc), ev_(ev), w_(world), abs_(enc.ctx(), world, enc.scope()), s_(enc.initial()) {}

  const std::string& failure() const { return failure_; }
  bool left_scope() const { return left_scope_; }
  const std::string& scope_why() const { return scope_why_; }
  long steps() const { return static_cast<long>(next_); }
  long reactions() const { return reactions_; }

  bool start(bool standard) {
    std::string why;
    std::optional<SymState> s = abs_.state(w_.initial(), w_.initial_knowledge(), 0, &why);
    if (!s) return out_of_scope(why);
    if (standard) {
      const std::string d = abs_.compare(enc_.initial(), w_.initial(), w_.initial_knowledge(), 0);
      if (!d.empty())
        return fail("the encoding's standard identity differs from the model's:\n" + d);
    }
    s_ = *s;
    return true;
  }

  bool sync() { return sync(w_.now()); }

  // Compares the invariants' first violations over the steps taken so far.
  bool judge_invariants(bool at_end) {
    const Invariants& inv = ev_.invariants();
    const World& w = w_;
    const CheckReport report = check_all(w, inv.ids());
    for (std::size_t k = 0; k < inv.ids().size(); ++k) {
      const std::string& id = inv.ids()[k];
      std::size_t concrete = SIZE_MAX;
      for (const Violation& v : report.violated)
        if (v.invariant == id) concrete = v.step;
      // Only what was compared: a violation past it, or at the end of an unfinished run, is
      // not judged.
      if (concrete != SIZE_MAX && concrete < w.steps().size() && concrete >= next_)
        concrete = SIZE_MAX;
      if (concrete == w.steps().size() && !at_end) concrete = SIZE_MAX;
      std::size_t lo = SIZE_MAX, hi = 0;
      bool symbolic = false;
      for (const Taken& t : taken_)
        if (t.violated[k]) {
          symbolic = true;
          lo = t.lo;
          hi = t.hi;
          break;
        }
      if (!symbolic && at_end && !taken_.empty() && taken_.back().at_end[k]) {
        symbolic = true;
        lo = hi = w.steps().size();
      }
      const bool agree = symbolic ? concrete != SIZE_MAX && concrete >= lo &&
                                        (concrete < hi || (lo == hi && concrete == lo))
                                  : concrete == SIZE_MAX;
      if (!agree) {
        std::string m = id + ": the model's checker ";
        m += concrete == SIZE_MAX ? "finds no violation"
                                  : "finds the first violation at step " + std::to_string(concrete);
        for (const Violation& v : report.violated)
          if (v.invariant == id && concrete != SIZE_MAX) m += " (" + v.message + ")";
        m += "; the encoding ";
        m += symbolic ? "finds it at the step covering world steps " + std::to_string(lo) + ".." +
                            std::to_string(hi)
                      : "finds none";
        return fail(m);
      }
    }
    return true;
  }

 private:
  struct Taken {
    std::size_t lo, hi;  // World steps this symbolic step covers
    std::vector<bool> violated, at_end;
  };

  bool fail(const std::string& m) {
    if (failure_.empty()) failure_ = m;
    return false;
  }
  bool out_of_scope(const std::string& why) {
    left_scope_ = true;
    scope_why_ = why;
    return false;
  }

  const State& concrete_state() const {
    return next_ == 0 ? w_.initial() : w_.steps()[next_ - 1].after;
  }
  const Knowledge& concrete_knowledge() const {
    return next_ == 0 ? w_.initial_knowledge() : w_.steps()[next_ - 1].knowledge;
  }

  // Evaluates `a` from the current symbolic state; compares the outcome with the World's state
  // after step `upto - 1` (or the current one when no World step was taken).
  bool take(const SymAction& a, std::size_t upto, const std::string& what, Time now) {
    const Evaluated e = ev_.step(s_, a);
    if (!e.error.empty()) return fail(what + ": " + e.error);
    if (e.oos) return out_of_scope("the encoding's bounds (pending, sessions, notifications)");
    if (!e.valid)
      return fail(what + ": the World took a step the encoding calls invalid:" + e.invalid);
    const std::size_t lo = next_;
    next_ = upto;
    const std::string d = abs_.compare(e.post, concrete_state(), concrete_knowledge(), now);
    if (!d.empty()) return fail(what + ": the states after differ:\n" + d);
    taken_.push_back({lo, upto, e.violated, e.violated_at_end});
    last_ = e;
    s_ = e.post;
    return true;
  }

  // The earliest moment after now at which the symbolic tick would change something, or the
  // reactive owner answers (the World's next_due and next_reaction).
  Time next_moment() const {
    const Policy& p = enc_.policy();
    const Time now = int_value(s_.now).value_or(0);
    const Duration strict = p.boundary == Boundary::kStrict ? 1 : 0;
    Time best = kNever;
    auto consider = [&](bool present, const expr& t, Duration plus) {
      const Time x = int_value(t).value_or(kNever);
      if (present && x != kNever && x + plus > now) best = std::min(best, x + plus);
    };
    auto yes = [](const expr& b) { return bool_value(b).value_or(false); };
    for (const Pending& c : s_.pend) {
      consider(yes(c.present), c.due_at, strict);
      consider(yes(c.present), c.expires_at, 0);
    }
    consider(yes(s_.r_active), s_.r_due, strict);
    consider(yes(s_.g_open), s_.g_end, 0);
    for (const Session& x : s_.sess) consider(yes(x.present), x.expires_at, 0);
    consider(int_value(s_.locked_until).value_or(0) != 0, s_.locked_until, 0);
    const Time r = ev_.reaction_time(s_);
    if (r > now) best = std::min(best, r);
    // Anything already due that nothing holds: the next second.
    if (bool_value(enc_.overdue(s_).simplify()).value_or(false)) best = std::min(best, now + 1);
    return best;
  }

  bool react_if_due() {
    for (int guard = 0; guard < 8 && ev_.reaction_due(s_); ++guard) {
      const Time now = int_value(s_.now).value_or(0);
      std::size_t upto = next_;
      const auto& steps = w_.steps();
      while (upto < steps.size() && steps[upto].reactive && steps[upto].time == now) ++upto;
      reactions_ += upto > next_;
      if (!take(abs_.react(), upto, "the reactive owner's answer at " + std::to_string(now) + "s",
                now))
        return false;
    }
    return true;
  }

  bool advance(Time t) {
    for (int guard = 0; guard < 10000; ++guard) {
      const Time now = int_value(s_.now).value_or(0);
      if (now >= t) return true;
      const Time target = std::min(next_moment(), t);
      const auto& steps = w_.steps();
      std::size_t upto = next_;
      if (upto < steps.size() && steps[upto].kind == Step::Kind::kTick &&
          steps[upto].time == target)
        ++upto;
      if (!take(abs_.advance(target), upto, "the tick at " + std::to_string(target) + "s", target))
        return false;
      if (!react_if_due()) return false;
    }
    return fail("the clock did not reach " + std::to_string(t) + "s");
  }

  bool sync(Time until) {
    const auto& steps = w_.steps();
    while (next_ < steps.size()) {
      const Step& w = steps[next_];
      const Time now = int_value(s_.now).value_or(0);
      if (w.time > now) {
        if (!advance(w.time)) return false;
        continue;
      }
      if (w.kind == Step::Kind::kTick)
        return fail("a tick at " + std::to_string(w.time) + "s the encoding did not take");
      if (w.reactive)
        return fail(step_words(w_, w) +
                    ": an answer of the reactive owner the encoding did "
                    "not make");
      std::string why;
      std::optional<SymAction> a;
      // A request identical to an earlier one is a replay (World::submit numbers every fresh
      // request anew); it is the owner's when she sent the original and it went through.
      bool replay = false, replay_owner = false;
      Digest dg = 0;
      if (w.kind == Step::Kind::kRequest) {
        dg = digest(encode(w.request).view());
        replay = std::find(sent_.begin(), sent_.end(), dg) != sent_.end();
        replay_owner = std::find(owner_sent_.begin(), owner_sent_.end(), dg) != owner_sent_.end();
        a = abs_.request(w, replay, replay_owner, &why);
      } else {
        a = abs_.event(w, &why);
      }
      if (!a) return out_of_scope(why);
      const std::size_t index = next_;
      if (!take(*a, next_ + 1, step_words(w_, w), w.time)) return false;
      if (w.kind == Step::Kind::kRequest && !check_outcome(w, index)) return false;
      if (w.kind == Step::Kind::kRequest) {
        if (!replay) sent_.push_back(dg);
        if (!replay && w.verdict != Verdict::kRejected && w.actor == w_.find_actor("alice"))
          owner_sent_.push_back(dg);
      }
      if (!react_if_due()) return false;
    }
    const Time now = int_value(s_.now).value_or(0);
    if (until > now && !advance(until)) return false;
    return true;
  }

  // The request's own outcome: verdict, reject code, rule, change, notified, remembered.
  bool check_outcome(const Step& w, std::size_t index) {
    const MicroValues& m = last_.micro[0];
    const Identity* before = w.before.identity(1);
    const Identity* after = w.after.identity(1);
    const Digest dg = digest(encode(w.request).view());
    const bool notified = after->notification_count > before->notification_count;
    const bool remembered =
        w.verdict != Verdict::kRejected &&
        after->seen.find_if([dg](const SeenRequest& x) { return x.digest == dg; });
    std::string d;
    auto check = [&](bool same, const std::string& what, int64_t sym, int64_t model) {
      if (!same)
        d += what + ": encoding " + std::to_string(sym) + ", model " + std::to_string(model) + "\n";
    };
    check(m.verdict == static_cast<int64_t>(w.verdict), "verdict", m.verdict,
          static_cast<int>(w.verdict));
    check(m.reject == static_cast<int64_t>(w.reject), "reject", m.reject,
          static_cast<int>(w.reject));
    check(m.rule == rules::rule_code(w.rule), "rule (" + std::string(w.rule) + " in the model)",
          m.rule, rules::rule_code(w.rule));
    if (w.verdict == Verdict::kPending) check(m.change == w.change, "change", m.change, w.change);
    check(m.notified == notified, "notified", m.notified, notified);
    check(m.remembered == remembered, "remembered", m.remembered, remembered);
    if (!d.empty()) return fail(step_words(w_, w_.steps()[index]) + ": the outcomes differ:\n" + d);
    return true;
  }

  const Encoding& enc_;
  const Evaluator& ev_;
  const World& w_;
  Abstraction abs_;
  SymState s_;
  Evaluated last_{s_, false, "", false, {}, {}, {}, ""};
  std::size_t next_ = 0;
  std::vector<Digest> sent_, owner_sent_;
  std::vector<Taken> taken_;
  std::string failure_;
  bool left_scope_ = false;
  std::string scope_why_;
  long reactions_ = 0;
};

TraceCheck::TraceCheck(const Encoding& enc, const Evaluator& ev, const World& world)
    : impl_(std::make_unique<Impl>(enc, ev, world)) {}
TraceCheck::~TraceCheck() = default;
bool TraceCheck::start(bool standard) { return impl_->start(standard); }
bool TraceCheck::sync() { return impl_->sync(); }
bool TraceCheck::judge_invariants(bool at_end) { return impl_->judge_invariants(at_end); }
const std::string& TraceCheck::failure() const { return impl_->failure(); }
bool TraceCheck::left_scope() const { return impl_->left_scope(); }
const std::string& TraceCheck::scope_why() const { return impl_->scope_why(); }
long TraceCheck::steps() const { return impl_->steps(); }
long TraceCheck::reactions() const { return impl_->reactions(); }

namespace {}  // namespace

DifferentialReport run_differential(const Encoding& enc, const Evaluator& ev,
                                    const std::string& variant_ref,
                                    const DifferentialOptions& options) {
  const Clock::time_point start = Clock::now();
  DifferentialReport report;
  const Policy& policy =
      options.concrete_policy != nullptr ? *options.concrete_policy : enc.policy();
  for (int run = 0; run < options.max_runs && report.steps < options.steps; ++run) {
    randomized::Model m = randomized::make_model(policy);
    TraceCheck r(enc, ev, m.world);
    ++report.runs;
    bool ok = r.start(true);
    uint64_t seed = mix(options.seed ^ mix(static_cast<uint64_t>(run) + 1));
    for (int i = 0; ok && i < options.max_actions; ++i) {
      const rc::Random random(seed = mix(seed));
      const Statement action = randomized::gen_action(m)(random, 30).value();
      if (!randomized::applicable(m, action)) continue;
      // A replay with a crafted signature list is not sent: the relation has no signature
      // lists to take it with (the abstraction refuses one that gets through).
      if (action.kind == StmtKind::kReplay && action.craft != Craft::kNone) continue;
      randomized::apply_action(m, action);
      ok = r.sync();
    }
    if (ok) {
      // Let the clock run until everything set in motion resolves (liveness at the end).
      randomized::apply_action(m,
                               advance_to(m.world.now() + randomized::settle_time(m)));
      ok = r.sync();
    }
    if (ok || r.left_scope()) {
      if (options.invariants && !r.judge_invariants(ok)) ok = false;
    }
    report.steps += r.steps();
    report.reactions += r.reactions();
    if (!ok && r.left_scope() && r.failure().empty()) {
      ++report.left_scope;
      ++report.scope_reasons[r.scope_why()];
      continue;
    }
    if (!ok) {
      report.ok = false;
      report.mismatch = "run " + std::to_string(run) + ": " + r.failure();
      Scenario sc =
          scenario_from_run(m.world, "symbolic-differential-" + policy.name, {variant_ref});
      sc.about = printable("The encoding and the model disagree: " + r.failure(), 400);
      report.scn_text = write_scenario(sc);
      break;
    }
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace reclaim::sym
