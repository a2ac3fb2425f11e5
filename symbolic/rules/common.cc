// Helpers shared by the symbolic rule families (see common.h; model/rules/common.cc is the
// concrete counterpart).
#include "symbolic/rules/common.h"

#include <algorithm>
#include <array>

#include "model/state.h"

namespace reclaim::sym::rules {
namespace {

constexpr std::array<std::string_view, 78> kRules = {
    "R-REQ-1",  "R-REQ-2", "R-REQ-3", "R-REQ-4", "R-REQ-5", "R-REQ-6", "R-DEV-1", "R-DEV-2",
    "R-DEV-3",  "R-DEV-4", "R-DEV-5", "R-DEV-6", "R-DEV-7", "R-DEV-8", "R-DEV-9", "R-DEV-10",
    "R-DEV-11", "R-TL-1",  "R-TL-2",  "R-TL-3",  "R-TL-4",  "R-TL-5",  "R-TL-6",  "R-TL-7",
    "R-TL-8",   "R-TL-9",  "R-TL-10", "R-TL-11", "R-TL-12", "R-2FA-1", "R-2FA-2", "R-SOC-1",
    "R-SOC-2",  "R-SOC-3", "R-SOC-4", "R-SOC-5", "R-SOC-6", "R-SOC-7", "R-SOC-8", "R-SOC-9",
    "R-AST-1",  "R-AST-2", "R-AST-3", "R-AST-4", "R-AST-5", "R-REG-1", "R-REG-2", "R-REG-3",
    "R-REG-4",  "R-REG-5", "R-REG-6", "R-SES-1", "R-SES-2", "R-SES-3", "R-SES-4", "R-SES-5",
    "R-AST-7",  "R-AST-8", "R-DEV-13", "R-DEV-12", "R-TL-13", "R-SOC-10", "R-SOC-11", "R-SOC-12",
    "R-SOC-13", "R-SOC-14", "R-SOC-15", "R-SOC-16", "R-SOC-17", "R-SOC-18", "R-AST-6", "R-AST-9",
    "R-AST-10", "R-2FA-3",  "R-2FA-4", "R-2FA-5",
};

}  // namespace

int rule_code(std::string_view rule) {
  for (std::size_t i = 0; i < kRules.size(); ++i)
    if (!kRules[i].empty() && kRules[i] == rule) return static_cast<int>(i);
  return -1;
}

std::string_view rule_name(int code) {
  if (code < 0 || code >= static_cast<int>(kRules.size())) return "?";
  return kRules[static_cast<std::size_t>(code)];
}

Res merge_res(const expr& cond, const Res& t, const Res& o) {
  if (cond.is_true()) return t;
  if (cond.is_false()) return o;
  return Res{If(cond, t.verdict, o.verdict),
             If(cond, t.reject, o.reject),
             If(cond, t.rule, o.rule),
             If(cond, t.change, o.change),
             merge(cond, t.post, o.post),
             If(cond, t.notified, o.notified),
             If(cond, t.remembered, o.remembered),
             If(cond, t.oos, o.oos),
             If(cond, t.completed, o.completed)};
}

Res rejected_with_state(const Rq& rq, Reject code, std::string_view rule, const SymState& post) {
  const Enc& e = rq.e;
  return Res{e.i(static_cast<int>(Verdict::kRejected)),
             e.i(static_cast<int>(code)),
             e.i(rule_code(rule)),
             e.i(0),
             post,
             e.b(false),
             e.b(false),
             e.b(false),
             e.b(false)};
}

Res rejected(const Rq& rq, Reject code, std::string_view rule) {
  return rejected_with_state(rq, code, rule, rq.s);
}

void Decision::reject_if(const expr& cond, Reject code, std::string_view rule) {
  if (cond.is_false()) return;
  guards_.push_back({cond, rejected(rq_, code, rule)});
}

void Decision::reject_with_state_if(const expr& cond, Reject code, std::string_view rule,
                                    const SymState& post) {
  if (cond.is_false()) return;
  guards_.push_back({cond, rejected_with_state(rq_, code, rule, post)});
}

Res Decision::otherwise(const Res& success) const {
  Res out = success;
  for (std::size_t i = guards_.size(); i-- > 0;)
    out = merge_res(guards_[i].cond, guards_[i].res, out);
  return out;
}

// R-REQ-5: an accepted or pending request is remembered (unless the replay-not-stored mutant
// forgets it).
static expr remembers(const Enc& e) { return e.b(e.p.mutant != Mutant::kReplayNotStored); }

Res accepted(const Rq& rq, const SymState& post, std::string_view rule, const expr& notified) {
  const Enc& e = rq.e;
  return Res{e.i(static_cast<int>(Verdict::kAccepted)),
             e.i(static_cast<int>(Reject::kNone)),
             e.i(rule_code(rule)),
             e.i(0),
             post,
             notified,
             remembers(e),
             e.b(false),
             e.b(false)};
}

Res make_pending(const Rq& rq, const SymState& before, const expr& delay, const expr& expires,
                 std::string_view rule) {
  const Enc& e = rq.e;
  const SymAction& a = rq.a;
  SymState s = before;
  const expr count = pending_count(e, s);
  Pending c = s.pend[0];
  c.present = e.b(true);
  c.number = s.next_change;
  c.op = a.op;
  // The arguments the op signs (model/codec.h signed_args), the others at their defaults.
  const expr none = e.i(kNoSlot);
  const expr has_dev = Or(Or(rq.is(Op::kRemoveDevice), rq.is(Op::kReplaceDevice)),
                          Or(rq.is(Op::kUnprotect), rq.is(Op::kProtect)));
  c.dev = If(has_dev, a.dev, none);
  const expr replace = rq.is(Op::kReplaceDevice);
  c.dev2 = If(replace, a.dev2, none);
  c.kind2 = If(replace, a.kind2, e.i(0));
  c.rec2 = And(replace, a.rec2);
  c.prot2 = And(replace, a.prot2);
  c.duration = If(rq.is(Op::kSetRemovalDelay), a.duration, e.i(0));
  const expr gchange = Or(rq.is(Op::kAddGuardian), rq.is(Op::kRemoveGuardian));
  c.gslot = If(gchange, a.gslot, none);
  c.weight = If(rq.is(Op::kAddGuardian), a.weight, e.i(0));
  c.amount = If(rq.is(Op::kWithdraw), a.amount, e.i(0));
  c.threshold = If(rq.is(Op::kSetGuardianThreshold), a.number, e.i(0));
  c.requested_at = s.now;
  c.due_at = Add(s.now, delay);
  c.expires_at = expires;
  c.delay = delay;
  expr notified = notify(e, &s, a.op);
  c.o_owner = rq.by_owner;
  c.o_held = If(has_dev, Select(s.own, a.dev, e.b(false)), e.b(false));
  c.o_step = s.stepno;
  c.o_rdelay = before.removal_delay;
  c.o_reactive = And(s.reacts, Lt(s.rho, before.removal_delay));
  c.o_notified = notified;
  c.o_signed = If(has_dev, Select(rq.dev_signed, a.dev, e.b(false)), e.b(false));
  c.o_authorized = device_authority(rq);
  c.o_raised = e.b(false);
  for (int p = 0; p < e.pending(); ++p) {
    const expr here = Eq(count, e.i(p));
    s.pend[p] = merge(here, c, s.pend[p]);
  }
  s.next_change = Add(s.next_change, e.i(1));
  // R-TL-7: the run's bound on changes waiting at once (policy.limits.pending, a scenario's or
  // a campaign's `bounds`) refuses the change when it lies within the scope; past the scope's
  // slots the run leaves it instead.
  const int64_t limit = std::min<int64_t>(e.p.limits.pending, kMaxPending);
  const bool bounded = limit <= e.pending();
  const Res made{e.i(static_cast<int>(Verdict::kPending)),
                 e.i(static_cast<int>(Reject::kNone)),
                 e.i(rule_code(rule)),
                 c.number,
                 s,
                 notified,
                 remembers(e),
                 bounded ? e.b(false) : Ge(count, e.i(e.pending())),
                 e.b(false)};
  if (!bounded) return made;
  return merge_res(Ge(count, e.i(limit)), rejected(rq, Reject::kLimit, "R-TL-7"), made);
}

expr notify(const Enc& e, SymState* s, const expr& op) {
  if (!e.p.notifications) return e.b(false);
  expr yes = e.b(true);
  if (e.p.mutant == Mutant::kRemovalUnnotified) yes = Ne(op, e.op(Op::kRemoveDevice));
  s->notifications = If(yes, Add(s->notifications, e.i(1)), s->notifications);
  return yes;
}

expr device_authority(const Rq& rq) {
  const Policy& p = rq.e.p;
  const bool manages = p.session_manages_devices || p.mutant == Mutant::kSessionManagesDevices;
  return Or(Gt(rq.devices_signed, rq.e.i(0)), And(rq.session_signed, rq.e.b(manages)));
}

expr signed_by_recovery_device(const Rq& rq) {
  std::vector<expr> any;
  for (int d = 0; d < rq.e.devices(); ++d)
    any.push_back(And(rq.dev_signed[d], rq.s.dev[d].recovery));
  return OrAll(any, rq.e.c);
}

expr owner_device_signed(const Rq& rq) { return Gt(rq.devices_signed, rq.e.i(0)); }

expr reached(const Enc& e, const expr& due, const expr& now) {
  const expr d = e.p.mutant == Mutant::kDeadlineEarly ? Sub(due, e.i(1)) : due;
  return e.p.boundary == Boundary::kStrict ? Gt(now, d) : Ge(now, d);
}

expr device_count(const Enc& e, const SymState& s) {
  std::vector<expr> n;
  for (const Device& d : s.dev) n.push_back(Count(d.present));
  return Sum(n, e.c);
}

expr kind_count(const Enc& e, const SymState& s, DeviceKind k) {
  std::vector<expr> n;
  for (const Device& d : s.dev)
    n.push_back(Count(And(d.present, Eq(d.kind, e.i(static_cast<int>(k))))));
  return Sum(n, e.c);
}

expr pending_count(const Enc& e, const SymState& s) {
  std::vector<expr> n;
  for (const Pending& c : s.pend) n.push_back(Count(c.present));
  return Sum(n, e.c);
}

expr guardians_cosigned(const Rq& rq) {
  std::vector<expr> n;
  for (const expr& x : rq.guard_signed) n.push_back(Count(x));
  return Ge(Mul(Sum(n, rq.e.c), 2), guardian_count(rq.e, rq.s));
}

expr guardian_count(const Enc& e, const SymState& s) {
  std::vector<expr> n;
  for (const Guardian& g : s.guard) n.push_back(Count(g.present));
  return Sum(n, e.c);
}

expr in_follow_cycle(const Enc& e, const SymState& s, int j) {
  std::vector<expr> next;
  for (const Guardian& g : s.guard) next.push_back(If(g.present, g.follows, e.i(kNoSlot)));
  expr cur = s.guard[j].follows, cycle = e.b(false);
  for (int hop = 0; hop < e.gslots(); ++hop) {
    const expr live = Ne(cur, e.i(kNoSlot));
    cycle = Or(cycle, And(live, Eq(cur, e.i(j))));
    cur = If(live, Select(next, cur, e.i(kNoSlot)), cur);
  }
  return AndAll({s.guard[j].present, Ne(s.guard[j].follows, e.i(kNoSlot)), cycle}, e.c);
}

expr dev_present(const Enc& e, const SymState& s, const expr& slot) {
  std::vector<expr> v;
  for (const Device& d : s.dev) v.push_back(d.present);
  return Select(v, slot, e.b(false));
}

expr dev_field(const SymState& s, const expr& slot, expr Device::*field, const expr& otherwise) {
  std::vector<expr> v;
  for (const Device& d : s.dev) v.push_back(d.*field);
  return Select(v, slot, otherwise);
}

void add_device(const Enc& e, SymState* s, const expr& slot, const expr& kind, const expr& recovery,
                const expr& prot) {
  for (int d = 0; d < e.devices(); ++d) {
    const expr here = Eq(slot, e.i(d));
    Device& x = s->dev[d];
    x = Device{If(here, e.b(true), x.present), If(here, kind, x.kind),
               If(here, recovery, x.recovery), If(here, prot, x.prot), If(here, s->seq, x.order)};
  }
  s->seq = Add(s->seq, e.i(1));
}

void drop_device(const Enc& e, SymState* s, const expr& slot) {
  for (int d = 0; d < e.devices(); ++d)
    s->dev[d].present = And(s->dev[d].present, Ne(slot, e.i(d)));
}

void drop_changes_for_device(const Enc& e, SymState* s, const expr& slot) {
  std::vector<expr> keep;
  for (const Pending& c : s->pend) {
    const expr device_op =
        Or(Or(Eq(c.op, e.op(Op::kRemoveDevice)), Eq(c.op, e.op(Op::kReplaceDevice))),
           Or(Eq(c.op, e.op(Op::kUnprotect)), Eq(c.op, e.op(Op::kProtect))));
    keep.push_back(Not(And(device_op, Eq(c.dev, slot))));
  }
  keep_pending(e, s, keep);
}

namespace {

// The list `items` with only the present entries whose flag holds, moved to the front in
// their order.
template <typename T>
void compact(const Enc& e, std::vector<T>& items, const std::vector<expr>& keep) {
  const std::size_t n = items.size();
  std::vector<expr> stays(n, e.b(false)), rank(n, e.i(0));
  expr before = e.i(0);
  bool all_kept = true;
  for (std::size_t k = 0; k < n; ++k) {
    stays[k] = And(items[k].present, keep[k]);
    if (!keep[k].is_true()) all_kept = false;
    rank[k] = before;
    before = Add(before, Count(stays[k]));
  }
  if (all_kept) return;
  std::vector<T> out = items;
  for (std::size_t i = 0; i < n; ++i) {
    T slot = items[i];
    slot.present = e.b(false);
    // Entry k moves to position rank[k] <= k, so position i takes one of the entries k >= i.
    for (std::size_t k = n; k-- > i;)
      slot = merge(And(stays[k], Eq(rank[k], e.i(static_cast<int64_t>(i)))), items[k], slot);
    out[i] = slot;
  }
  items = out;
}

}  // namespace

void keep_pending(const Enc& e, SymState* s, const std::vector<expr>& keep) {
  compact(e, s->pend, keep);
}
void keep_sessions(const Enc& e, SymState* s, const std::vector<expr>& keep) {
  compact(e, s->sess, keep);
}

}  // namespace reclaim::sym::rules
