// The reactive owner, symbolically: the strategy sim/world.cc plays for an owner who
// `reacts within rho`, as one action of her requests. When the oldest notification of a
// request she did not send is rho old (World::run_reactions, World::react), and she still
// holds a registered device:
//   1. she cancels the pending change it created, if it is still pending (signed by the first
//      device of her sign set: a recovery device when she holds one);
//   2. she vetoes the recovery it started, if that recovery still runs (all she holds);
//   3. she removes every registered device she does not hold, then every device that signed
//      the notified request, each by a remove-device signed by two of her devices (one when
//      she holds one), skipping what is gone or already pending removal, and stops when she
//      holds nothing to sign with; a protected device she holds signs its own removal
//      (R-DEV-5), first, beside the first of those two. Where guardians co-sign device changes
//      (R-DEV-12) she asks her honest guardians, as many as the quorum ceil(n/2), within
//      kMaxSigners, keeping at least one device of her own.
// After each of her requests, and at the end, her veto plan (World::veto_foreign_recoveries)
// runs: a recovery she did not start is vetoed, signed by the recovery devices she holds,
// once she has held the same ones for rho.
// Time cannot pass the moment an answer is due: step.cc's valid() makes the answer the only
// action then. Two notifications due at one instant (answered nested in the World, ghosts.cc)
// are outside the scope. A plan due that she has no recovery device left for waits, in the
// World and here alike, without holding the clock back.
#include "model/request.h"
#include "symbolic/ghosts.h"
#include "symbolic/step.h"

namespace reclaim::sym {

std::vector<expr> Encoding::sign_set(const SymState& s, int k) const {
  const rules::Enc& e = enc_;
  const int D = e.devices();
  std::vector<expr> held(D, e.b(false)), out(D, e.b(false));
  for (int d = 0; d < D; ++d) held[d] = And(s.dev[d].present, s.own[d]);
  for (int d = 0; d < D; ++d) {
    // How many held devices come before d: recovery devices first, then list order.
    std::vector<expr> before;
    for (int x = 0; x < D; ++x) {
      if (x == d) continue;
      const expr first =
          Or(And(s.dev[x].recovery, Not(s.dev[d].recovery)),
             And(Eq(s.dev[x].recovery, s.dev[d].recovery), Lt(s.dev[x].order, s.dev[d].order)));
      before.push_back(Count(And(held[x], first)));
    }
    out[d] = And(held[d], Lt(Sum(before, e.c), e.i(k)));
  }
  return out;
}

void Encoding::cosign(const SymState& s, const std::vector<expr>& first, SymAction* a) const {
  const rules::Enc& e = enc_;
  const int NG = e.gslots();
  const expr k_max = e.i(static_cast<int64_t>(kMaxSigners));
  std::vector<expr> honest(NG, e.b(false)), count;
  for (int j = 0; j < NG; ++j) {
    honest[j] = And(s.guard[j].present, Not(s.colluding[j]));
    count.push_back(Count(honest[j]));
  }
  // (n + 1) / 2 of the n guardians: the least q with 2q >= n.
  const expr n = rules::guardian_count(e, s);
  expr quorum = e.i(0);
  for (int q = NG; q >= 1; --q) quorum = If(Ge(Mul(e.i(q), 2), n), e.i(q), quorum);
  const expr want = Min(Sum(count, e.c), quorum);
  std::vector<expr> devices;
  for (const expr& x : a->sig) devices.push_back(Count(x));
  const expr drop = And(Gt(Sum(devices, e.c), e.i(1)), Gt(Add(Sum(devices, e.c), want), k_max));
  for (std::size_t d = 0; d < a->sig.size(); ++d) a->sig[d] = If(drop, first[d], a->sig[d]);
  devices.clear();
  for (const expr& x : a->sig) devices.push_back(Count(x));
  const expr k = Min(want, Sub(k_max, Sum(devices, e.c)));
  // The first k honest guardians (by slot: which ones sign changes no state).
  for (int j = 0; j < NG; ++j) {
    std::vector<expr> before;
    for (int x = 0; x < j; ++x) before.push_back(count[x]);
    a->cosig[j] = And(honest[j], Lt(Sum(before, e.c), k));
  }
}

namespace {

SymAction owner_request(z3::context& c, const Scope& scope, Op op,
                        const std::vector<expr>& signers) {
  SymAction a = make_action(c, scope);
  a.kind = c.int_val(action_kind(ActionKind::kRequest));
  a.actor = c.int_val(kOwner);
  a.receiver = c.int_val(kOwner);
  a.op = c.int_val(static_cast<int>(op));
  a.sig = signers;
  return a;
}

}  // namespace

std::vector<Micro> Encoding::react(const SymState& pre, const expr& active) const {
  const rules::Enc& e = enc_;
  const int D = e.devices();
  std::vector<Micro> out;
  SymState s = pre;
  const expr yes = e.b(true);

  // Sends one of her requests when `when` holds (every `when` below implies `active`).
  auto send = [&](const SymAction& a, const expr& when) {
    Micro m = request_micro(s, a, when, yes);
    s = m.post;
    out.push_back(std::move(m));
  };
  // Her veto plan's turn, after each request she sent (`when`) and at the end.
  auto plan_turn = [&](const expr& when) {
    const expr due = AndAll({active, when, ghosts::plan_due(*this, s)}, e.c);
    SymState marked = s;
    marked.plan_done = Or(marked.plan_done, due);
    const std::vector<expr> mine = ghosts::owner_recovery_devices(s);
    std::vector<expr> signers(D, e.b(false));
    {
      // At most kMaxSigners of them, in device-list order.
      for (int d = 0; d < D; ++d) {
        std::vector<expr> before;
        for (int x = 0; x < D; ++x)
          if (x != d) before.push_back(Count(And(mine[x], Lt(s.dev[x].order, s.dev[d].order))));
        signers[d] = And(mine[d], Lt(Sum(before, e.c), e.i(static_cast<int64_t>(kMaxSigners))));
      }
    }
    s = marked;
    send(owner_request(c_, scope_, Op::kVetoRecovery, signers), due);
  };

  // The oldest notification, if its answer is due.
  const Notice n = pre.queue[0];
  const expr entry_due = AndAll({active, n.present, Ge(pre.now, Add(n.at, pre.rho))}, e.c);
  SymState popped = pre;
  for (std::size_t k = 0; k + 1 < popped.queue.size(); ++k) popped.queue[k] = pre.queue[k + 1];
  popped.queue.back().present = e.b(false);
  s = merge(entry_due, popped, pre);
  std::vector<expr> holding;
  for (int d = 0; d < D; ++d) holding.push_back(And(s.dev[d].present, s.own[d]));
  const expr answers = And(entry_due, OrAll(holding, e.c));

  // 1. cancel the change it created
  {
    std::vector<expr> pending;
    for (const Pending& c : s.pend) pending.push_back(And(c.present, Eq(c.number, n.change)));
    SymAction a = owner_request(c_, scope_, Op::kCancel, sign_set(s, 1));
    a.number = n.change;
    const expr when = AndAll({answers, Ne(n.change, e.i(0)), OrAll(pending, e.c)}, e.c);
    send(a, when);
    plan_turn(when);
  }
  // 2. veto the recovery it started
  {
    const expr when = AndAll({answers, n.start, s.r_active, Eq(s.r_serial, n.serial)}, e.c);
    send(owner_request(c_, scope_, Op::kVetoRecovery, sign_set(s, static_cast<int>(kMaxSigners))),
         when);
    plan_turn(when);
  }
  // 3. remove what she does not hold, then what signed it, in that order
  {
    std::vector<expr> group0(D, e.b(false)), group1(D, e.b(false)), candidate(D, e.b(false));
    for (int d = 0; d < D; ++d) {
      group0[d] = And(s.dev[d].present, Not(s.own[d]));
      group1[d] = And(n.signer[d], Not(group0[d]));
      candidate[d] = And(answers, Or(group0[d], group1[d]));
    }
    std::vector<expr> rank(D, e.i(0));
    for (int d = 0; d < D; ++d) {
      std::vector<expr> before;
      for (int x = 0; x < D; ++x) {
        if (x == d) continue;
        const expr first = Or(And(group0[x], group1[d]),
                              And(Eq(group0[x], group0[d]), Lt(s.dev[x].order, s.dev[d].order)));
        before.push_back(Count(And(candidate[x], first)));
      }
      rank[d] = Sum(before, e.c);
    }
    expr stopped = e.b(false);
    for (int i = 0; i < D; ++i) {
      expr target = e.i(kNoSlot), exists = e.b(false);
      for (int d = D; d-- > 0;) {
        const expr here = And(candidate[d], Eq(rank[d], e.i(i)));
        target = If(here, e.i(d), target);
        exists = Or(exists, here);
      }
      std::vector<expr> pending_removal;
      for (const Pending& c : s.pend)
        pending_removal.push_back(
            AndAll({c.present, Eq(c.op, e.op(Op::kRemoveDevice)), Eq(c.dev, target)}, e.c));
      const expr tries = AndAll({exists, Not(stopped), rules::dev_present(e, s, target),
                                 Not(OrAll(pending_removal, e.c))},
                                e.c);
      const std::vector<expr> two = sign_set(s, 2), one = sign_set(s, 1);
      const expr none = Not(OrAll(two, e.c));
      stopped = Or(stopped, And(tries, none));
      const expr when = And(tries, Not(none));
      // A protected target she holds that is not among the two signs first (R-DEV-5).
      const expr own_sign =
          AndAll({rules::dev_field(s, target, &Device::prot, e.b(false)),
                  Select(s.own, target, e.b(false)), Not(Select(two, target, e.b(false)))},
                 e.c);
      std::vector<expr> signers(D, e.b(false)), first(D, e.b(false));
      for (int d = 0; d < D; ++d) {
        const expr is_target = Eq(target, e.i(d));
        signers[d] = If(own_sign, Or(is_target, one[d]), two[d]);
        first[d] = If(own_sign, is_target, one[d]);
      }
      SymAction a = owner_request(c_, scope_, Op::kRemoveDevice, signers);
      a.dev = target;
      if (policy_.cosign_device_changes) cosign(s, first, &a);
      send(a, when);
      plan_turn(when);
    }
  }
  // The plan's turn at the end of run_reactions.
  plan_turn(e.b(true));
  return out;
}

}  // namespace reclaim::sym
