// Lemmas and k-induction (see induction.h).
#include "symbolic/induction.h"

#include <chrono>

#include "model/state.h"
#include "symbolic/ghosts.h"

namespace reclaim::sym {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The candidate lemmas about state `s`, named.
std::vector<std::pair<std::string, expr>> candidates(const Encoding& enc, const SymState& s) {
  const rules::Enc& e = enc.enc();
  const Policy& p = enc.policy();
  const int D = e.devices(), P = e.pending(), NG = e.gslots();
  std::vector<std::pair<std::string, expr>> out;
  auto add = [&](const std::string& name, const expr& x) { out.emplace_back(name, x); };
  auto op_is = [&](const Pending& c, Op o) { return Eq(c.op, e.op(o)); };
  add("now >= 0", Ge(s.now, e.i(0)));
  add("removal delay >= 0", Ge(s.removal_delay, e.i(0)));
  add("next_change >= 1", Ge(s.next_change, e.i(1)));
  add("stepno >= 0", Ge(s.stepno, e.i(0)));
  for (int c = 0; c < P; ++c) {
    const Pending& q = s.pend[c];
    const std::string n = "pending" + std::to_string(c) + " ";
    if (c + 1 < P) add(n + "prefix", Implies(s.pend[c + 1].present, q.present));
    if (c + 1 < P)
      add(n + "numbers increase",
          Implies(s.pend[c + 1].present, Lt(q.number, s.pend[c + 1].number)));
    add(n + "number issued",
        Implies(q.present, And(Ge(q.number, e.i(1)), Lt(q.number, s.next_change))));
    add(n + "due after its delay", Implies(q.present, Eq(q.due_at, Add(q.requested_at, q.delay))));
    add(n + "requested in the past", Implies(q.present, Le(q.requested_at, s.now)));
    add(n + "requested at >= 0", Implies(q.present, Ge(q.requested_at, e.i(0))));
    add(n + "delay >= 0", Implies(q.present, Ge(q.delay, e.i(0))));
    add(n + "origin before now", Implies(q.present, Lt(q.o_step, s.stepno)));
    add(n + "origin step >= 0", Implies(q.present, Ge(q.o_step, e.i(0))));
    const expr device_op = OrAll(
        {op_is(q, Op::kRemoveDevice), op_is(q, Op::kReplaceDevice), op_is(q, Op::kUnprotect)}, e.c);
    add(n + "device change of a registered device",
        Implies(And(q.present, device_op), rules::dev_present(e, s, q.dev)));
    add(n + "device change waits the removal delay at its request",
        Implies(And(q.present, Or(device_op, op_is(q, Op::kSetRemovalDelay))),
                Eq(q.delay, q.o_rdelay)));
    const expr notified =
        p.notifications ? (p.mutant == Mutant::kRemovalUnnotified ? Not(op_is(q, Op::kRemoveDevice))
                                                                  : e.b(true))
                        : e.b(false);
    add(n + "notified as the policy says", Implies(q.present, Eq(q.o_notified, notified)));
    add(n + "never expires", Implies(q.present, Eq(q.expires_at, e.i(kNever))));
    add(n + "expires after due",
        Implies(q.present, Or(Eq(q.expires_at, e.i(kNever)), Ge(q.expires_at, q.due_at))));
    add(n + "a delay decrease",
        Implies(And(q.present, op_is(q, Op::kSetRemovalDelay)), Lt(q.duration, q.o_rdelay)));
    add(n + "a delay decrease outlives no raise above its old delay (R-TL-11)",
        Implies(And(q.present, op_is(q, Op::kSetRemovalDelay)), Not(q.o_raised)));
    // The ops this policy makes pending at all.
    std::vector<expr> pendable;
    if (p.timelock) {
      pendable.push_back(device_op);
      pendable.push_back(op_is(q, Op::kSetRemovalDelay));
    }
    if (p.guardians && p.guardian_change_delay != 0)
      for (Op o : {Op::kAddGuardian, Op::kRemoveGuardian, Op::kSetGuardianThreshold})
        pendable.push_back(op_is(q, o));
    if (p.withdrawal_delay > 0) pendable.push_back(op_is(q, Op::kWithdraw));
    add(n + "a pending op of the policy", Implies(q.present, OrAll(pendable, e.c)));
    add(n + "device slots in range",
        Implies(And(q.present, device_op), And(Ge(q.dev, e.i(0)), Lt(q.dev, e.i(D)))));
    add(n + "a replacement's new device in range",
        Implies(
            And(q.present, op_is(q, Op::kReplaceDevice)),
            AndAll(
                {Ge(q.dev2, e.i(0)), Lt(q.dev2, e.i(D)), Ge(q.kind2, e.i(0)), Le(q.kind2, e.i(3)),
                 Implies(q.prot2, Eq(q.kind2, e.i(static_cast<int>(DeviceKind::kSeedPhrase))))},
                e.c)));
    add(n + "a replacement's new device protected only where the policy protects",
        Implies(And(q.present, op_is(q, Op::kReplaceDevice)), Implies(q.prot2, e.b(p.protection))));
    add(n + "a guardian change names a guardian slot",
        Implies(And(q.present, Or(op_is(q, Op::kAddGuardian), op_is(q, Op::kRemoveGuardian))),
                And(Ge(q.gslot, e.i(0)), Lt(q.gslot, e.i(NG)))));
    add(n + "an added guardian weighs >= 1",
        Implies(And(q.present, op_is(q, Op::kAddGuardian)), Ge(q.weight, e.i(1))));
    add(n + "a threshold >= 1",
        Implies(And(q.present, op_is(q, Op::kSetGuardianThreshold)), Ge(q.threshold, e.i(1))));
    add(n + "a withdrawal of a positive amount",
        Implies(And(q.present, op_is(q, Op::kWithdraw)), Gt(q.amount, e.i(0))));
    add(n + "withdrawal authorized",
        Implies(And(q.present, op_is(q, Op::kWithdraw)), q.o_authorized));
    add(n + "reactive then, reactive now",
        Implies(And(q.present, q.o_reactive), And(s.reacts, Lt(s.rho, q.o_rdelay))));
    add(n + "a delay change to a value >= 0",
        Implies(And(q.present, op_is(q, Op::kSetRemovalDelay)), Ge(q.duration, e.i(0))));
    add(n + "signed by its target when protected",
        Implies(
            AndAll({q.present, device_op, rules::dev_field(s, q.dev, &Device::prot, e.b(false))},
                   e.c),
            q.o_signed));
    for (int x = c + 1; x < P; ++x)
      add(n + "one change per device " + std::to_string(x),
          Implies(AndAll({q.present, s.pend[x].present, device_op,
                          OrAll({op_is(s.pend[x], Op::kRemoveDevice),
                                 op_is(s.pend[x], Op::kReplaceDevice),
                                 op_is(s.pend[x], Op::kUnprotect)},
                                e.c)},
                         e.c),
                  Ne(q.dev, s.pend[x].dev)));
  }
  for (int d = 0; d < D; ++d) {
    const std::string n = "device" + std::to_string(d) + " ";
    add(n + "compromised when others hold it", Implies(s.oth[d], s.comp[d]));
    add(n + "order below seq", Implies(s.dev[d].present, Lt(s.dev[d].order, s.seq)));
    add(n + "kind in range",
        Implies(s.dev[d].present, And(Ge(s.dev[d].kind, e.i(0)), Le(s.dev[d].kind, e.i(3)))));
    add(n + "ready since the past", Le(s.ready_since[d], s.stepno));
    if (!p.protection) add(n + "unprotected", Implies(s.dev[d].present, Not(s.dev[d].prot)));
    add(n + "protected only as a seed phrase",
        Implies(And(s.dev[d].present, s.dev[d].prot),
                Eq(s.dev[d].kind, e.i(static_cast<int>(DeviceKind::kSeedPhrase)))));
    for (int x = d + 1; x < D; ++x)
      add(n + "order distinct " + std::to_string(x),
          Implies(And(s.dev[d].present, s.dev[x].present), Ne(s.dev[d].order, s.dev[x].order)));
  }
  add("a device registered", OrAll(
                                 [&] {
                                   std::vector<expr> v;
                                   for (const Device& d : s.dev) v.push_back(d.present);
                                   return v;
                                 }(),
                                 e.c));
  add("recovery started in the past", Implies(s.r_active, Le(s.r_started, s.now)));
  add("recovery started at >= 0", Implies(s.r_active, Ge(s.r_started, e.i(0))));
  add("the owner sent a recovery's start when she made it (no replays)",
      Eq(s.r_owner_sent, s.r_o_owner));
  add("recovery reactive then, reactive now",
      Implies(And(s.r_active, s.r_o_reactive), And(s.reacts, Lt(s.rho, s.r_o_rdelay))));
  add("recovery origin before now", Implies(s.r_active, Lt(s.r_o_step, s.stepno)));
  add("recovery notified as the policy says",
      Implies(s.r_active, Eq(s.r_o_notified, e.b(p.notifications))));
  if (p.recovery_delay >= 0)
    add("recovery due after its delay",
        Implies(s.r_active, Eq(s.r_due, Add(s.r_started, e.i(p.recovery_delay)))));
  else
    add("recovery due after the removal delay at its start",
        Implies(s.r_active, Eq(s.r_due, Add(s.r_started, s.r_o_rdelay))));
  add("recovery of an unregistered device",
      Implies(s.r_active, Not(rules::dev_present(e, s, s.r_dev))));
  // New device ids nothing else names (R-DEV-13).
  add("tentative device unregistered",
      Implies(s.g_tentative, Not(rules::dev_present(e, s, s.g_dev))));
  add("recovery and tentative devices differ",
      Implies(And(s.r_active, s.g_tentative), Ne(s.r_dev, s.g_dev)));
  for (int c = 0; c < P; ++c) {
    const Pending& q = s.pend[c];
    const expr replace = And(q.present, op_is(q, Op::kReplaceDevice));
    const std::string n = "pending" + std::to_string(c) + " ";
    add(n + "replacement's new device unregistered",
        Implies(replace, Not(rules::dev_present(e, s, q.dev2))));
    add(n + "replacement's new device not the recovery's",
        Implies(And(replace, s.r_active), Ne(q.dev2, s.r_dev)));
    add(n + "replacement's new device not the tentative one",
        Implies(And(replace, s.g_tentative), Ne(q.dev2, s.g_dev)));
    for (int x = c + 1; x < P; ++x)
      add(n + "replacements' new devices differ " + std::to_string(x),
          Implies(AndAll({replace, s.pend[x].present, op_is(s.pend[x], Op::kReplaceDevice)}, e.c),
                  Ne(q.dev2, s.pend[x].dev2)));
  }
  add("a vetoed recovery has ended", Implies(s.r_active, Not(s.r_vetoed)));
  add("recovery device in range",
      Implies(s.r_active, AndAll({Ge(s.r_dev, e.i(0)), Lt(s.r_dev, e.i(D)), Ge(s.r_kind, e.i(0)),
                                  Le(s.r_kind, e.i(3))},
                                 e.c)));
  add("no recovery without guardians", Implies(s.r_active, e.b(p.guardians)));
  add("tentative device in range",
      Implies(s.g_tentative, AndAll({Ge(s.g_dev, e.i(0)), Lt(s.g_dev, e.i(D)), Ge(s.g_kind, e.i(0)),
                                     Le(s.g_kind, e.i(3))},
                                    e.c)));
  add("a tentative device protected only as R-DEV-4 allows",
      Implies(s.g_prot, AndAll({s.g_tentative, e.b(p.protection),
                                Eq(s.g_kind, e.i(static_cast<int>(DeviceKind::kSeedPhrase)))},
                               e.c)));
  add("no registration without the policy's", Implies(s.g_open, e.b(p.registration)));
  add("no lock without the policy's", Implies(Ne(s.locked_until, e.i(0)), e.b(p.lock_period > 0)));
  add("asset lock as set up", Eq(s.asset_locked, e.i(30 * kDay)));
  for (int j = 0; j < NG; ++j) {
    add("guardian" + std::to_string(j) + " weight >= 1",
        Implies(s.guard[j].present, Ge(s.guard[j].weight, e.i(1))));
    std::vector<expr> presents;
    for (const Guardian& g : s.guard) presents.push_back(g.present);
    add("guardian" + std::to_string(j) + " follows a guardian",
        Implies(And(s.guard[j].present, Ne(s.guard[j].follows, e.i(kNoSlot))),
                Select(presents, s.guard[j].follows, e.b(false))));
    const expr follows = And(s.guard[j].present, Ne(s.guard[j].follows, e.i(kNoSlot)));
    if (!p.following) add("guardian" + std::to_string(j) + " follows no one", Not(follows));
    add("guardian" + std::to_string(j) + " follows another",
        Implies(follows, Ne(s.guard[j].follows, e.i(j))));
    add("guardian" + std::to_string(j) + " in no follow cycle",
        Not(rules::in_follow_cycle(e, s, j)));
  }
  for (int c = 0; c < P; ++c) {
    const Pending& q = s.pend[c];
    const std::string n = "pending" + std::to_string(c) + " ";
    add(n + "adds a guardian of weight >= 1",
        Implies(And(q.present, op_is(q, Op::kAddGuardian)), Ge(q.weight, e.i(1))));
    auto device_change = [&](const Pending& x) {
      return OrAll({op_is(x, Op::kRemoveDevice), op_is(x, Op::kReplaceDevice),
                    op_is(x, Op::kUnprotect)},
                   e.c);
    };
    for (int x = c + 1; x < P; ++x)
      add(n + "and pending" + std::to_string(x) + " change different devices",
          Not(AndAll({q.present, s.pend[x].present, device_change(q), device_change(s.pend[x]),
                      Eq(q.dev, s.pend[x].dev)},
                     e.c)));
  }
  add("threshold >= 1", Ge(s.threshold, e.i(1)));
  for (std::size_t k = 0; k < s.sess.size(); ++k) {
    const std::string n = "session" + std::to_string(k) + " ";
    if (k + 1 < s.sess.size()) add(n + "prefix", Implies(s.sess[k + 1].present, s.sess[k].present));
    add(n + "id issued", Implies(s.sess[k].present, Lt(s.sess[k].id, s.next_session)));
    add(n + "within the maximum ttl",
        Implies(s.sess[k].present,
                Le(s.sess[k].expires_at,
                   Add(s.now, If(s.sess[k].app, e.i(p.app_max_ttl), e.i(p.session_max_ttl))))));
    if (!p.app_sessions) add(n + "no app delegation", Not(s.sess[k].app));
  }
  add("own session issued", Lt(s.own_session, s.next_session));
  add("others' session issued", Lt(s.oth_session, s.next_session));
  add("own app delegation issued", Lt(s.own_app, s.next_session));
  add("others' app delegation issued", Lt(s.oth_app, s.next_session));
  add("newest session issued", Lt(s.last_session, s.next_session));
  add("newest app delegation issued", Lt(s.last_app, s.next_session));
  add("own session no newer than the newest", Le(s.own_session, s.last_session));
  add("others' session no newer than the newest", Le(s.oth_session, s.last_session));
  add("own app delegation no newer than the newest", Le(s.own_app, s.last_app));
  add("others' app delegation no newer than the newest", Le(s.oth_app, s.last_app));
  add("newest ids >= 0", And(Ge(s.last_session, e.i(0)), Ge(s.last_app, e.i(0))));
  for (std::size_t k = 0; k < s.queue.size(); ++k) {
    const std::string n = "notice" + std::to_string(k) + " ";
    if (k + 1 < s.queue.size())
      add(n + "prefix", Implies(s.queue[k + 1].present, s.queue[k].present));
    if (k + 1 < s.queue.size())
      add(n + "in time order",
          Implies(s.queue[k + 1].present, Lt(s.queue[k].at, s.queue[k + 1].at)));
    add(n + "only when reactive", Implies(s.queue[k].present, s.reacts));
    add(n + "not yet due", Implies(s.queue[k].present, Le(s.queue[k].at, s.now)));
  }
  add("rho > 0 when reactive", Implies(s.reacts, Gt(s.rho, e.i(0))));
  // RECLAIM's argument: a hostile removal of a recovery device the owner has held ever since,
  // while reactive, has her answer still waiting in her inbox (she answers before it is due);
  // likewise a recovery she did not start.
  auto guarded = [&](const expr& dev, const expr& since) {
    return AndAll(
        {Select(s.was_ready, dev, e.b(false)), Le(Select(s.ready_since, dev, e.i(0)), since),
         Not(Select(s.comp, dev, e.b(true))), rules::dev_present(e, s, dev),
         rules::dev_field(s, dev, &Device::recovery, e.b(false)), Select(s.own, dev, e.b(false))},
        e.c);
  };
  for (int c = 0; c < P; ++c) {
    const Pending& q = s.pend[c];
    const expr hostile_removal =
        AndAll({q.present, Or(op_is(q, Op::kRemoveDevice), op_is(q, Op::kReplaceDevice)),
                Not(q.o_owner), q.o_reactive, q.o_held, guarded(q.dev, q.o_step)},
               e.c);
    std::vector<expr> waiting;
    for (const Notice& n : s.queue)
      waiting.push_back(AndAll({n.present, Eq(n.change, q.number), Eq(n.at, q.requested_at)}, e.c));
    add("pending" + std::to_string(c) + " hostile removal still to be answered",
        Implies(hostile_removal, OrAll(waiting, e.c)));
    add("pending" + std::to_string(c) + " removal of a registered recovery device",
        Implies(hostile_removal, rules::dev_field(s, q.dev, &Device::recovery, e.b(false))));
  }
  {
    std::vector<expr> held;
    for (int d = 0; d < D; ++d) held.push_back(And(s.r_o_held[d], guarded(e.i(d), s.r_o_step)));
    const expr hostile_start = AndAll(
        {s.r_active, Not(s.r_owner_sent), Not(s.r_o_owner), s.r_o_reactive, OrAll(held, e.c)}, e.c);
    std::vector<expr> waiting;
    for (const Notice& n : s.queue)
      waiting.push_back(
          AndAll({n.present, n.start, Eq(n.serial, s.r_serial), Eq(n.at, s.r_started)}, e.c));
    add("a hostile recovery still to be answered", Implies(hostile_start, OrAll(waiting, e.c)));
  }
  for (std::size_t k = 0; k < s.queue.size(); ++k) {
    const Notice& n = s.queue[k];
    add("notice" + std::to_string(k) + " of a pending change",
        Implies(And(n.present, Ne(n.change, e.i(0))), Lt(n.change, s.next_change)));
    add("notice" + std::to_string(k) + " of a recovery",
        Implies(And(n.present, n.start), Le(n.serial, s.serial)));
    for (std::size_t x = k + 1; x < s.queue.size(); ++x)
      add("notices" + std::to_string(k) + "," + std::to_string(x) + " of different changes",
          Implies(AndAll({n.present, s.queue[x].present, Ne(n.change, e.i(0))}, e.c),
                  Ne(n.change, s.queue[x].change)));
  }
  add("the running recovery's serial",
      Implies(s.r_active, And(Ge(s.r_serial, e.i(1)), Le(s.r_serial, s.serial))));
  add("tentative only while open", Implies(s.g_tentative, s.g_open));
  add("window within the policy's",
      Implies(s.g_open, Le(s.g_end, Add(s.now, e.i(p.registration_window)))));
  add("wrong attempts below the limit",
      Implies(s.g_open, Lt(s.g_wrong, e.i(p.registration_attempts))));
  add("asset amount >= 0", Ge(s.asset_amount, e.i(0)));
  add("obligation armed only when live", Implies(s.ob_armed, s.ob_live));
  add("prevail obligation armed only when live", Implies(s.gp_armed, s.gp_live));
  return out;
}

}  // namespace

expr lemmas_about(const Lemmas& lemmas, const SymState& s) {
  z3::context& c = s.now.ctx();
  if (lemmas.over.empty()) return c.bool_val(true);
  z3::expr_vector src(c), dst(c);
  const std::vector<expr> a = fields_of(lemmas.shape), b = fields_of(s);
  for (std::size_t i = 0; i < a.size(); ++i) {
    src.push_back(a[i]);
    dst.push_back(b[i]);
  }
  std::vector<expr> out;
  for (const expr& x : lemmas.over) out.push_back(expr(x).substitute(src, dst));
  return AndAll(out, c);
}

Lemmas find_lemmas(const Encoding& enc, double budget_seconds) {
  z3::context& c = enc.ctx();
  const Clock::time_point start = Clock::now();
  Lemmas out{{}, {}, fresh(c, make_state(c, enc.scope()), "l0"), 0, true};
  const SymState& s0 = out.shape;
  auto cands = candidates(enc, s0);
  out.candidates = static_cast<int>(cands.size());
  // Those false in the initial state go first.
  const SymState init = enc.initial();
  z3::expr_vector src(c), dst(c);
  {
    const std::vector<expr> a = fields_of(s0), b = fields_of(init);
    for (std::size_t i = 0; i < a.size(); ++i) {
      src.push_back(a[i]);
      dst.push_back(b[i]);
    }
  }
  std::vector<bool> keep(cands.size(), true);
  for (std::size_t i = 0; i < cands.size(); ++i)
    if (!cands[i].second.substitute(src, dst).simplify().is_true()) keep[i] = false;
  // Houdini: drop what a step from a state satisfying the kept lemmas breaks.
  const SymAction a = fresh(c, make_action(c, enc.scope()), "la");
  const Transition t = enc.step(s0, a);
  const SymState s1 = fresh(c, make_state(c, enc.scope()), "l1");
  const auto after = candidates(enc, s1);
  z3::solver s(c);
  s.add(t.valid);
  s.add(enc.search_only(s0, a));
  s.add(!t.oos);
  const std::vector<expr> pv = fields_of(s1), tv = fields_of(t.post);
  for (std::size_t i = 0; i < pv.size(); ++i) s.add(pv[i] == tv[i]);
  // Each candidate behind a literal: kept candidates are assumed about the state before; a
  // query asks whether one of them can break in the state after. Asked one candidate at a
  // time (local proofs are far cheaper than one disjunction over all of them), the solver
  // keeping what it learns between queries.
  std::vector<expr> assume_lit, break_lit;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    assume_lit.push_back(c.bool_const(("h_assume_" + std::to_string(i)).c_str()));
    break_lit.push_back(c.bool_const(("h_break_" + std::to_string(i)).c_str()));
    s.add(z3::implies(assume_lit[i], cands[i].second));
    s.add(z3::implies(break_lit[i], !after[i].second));
  }
  // A candidate proved with a set of others assumed (its unsat core) stays proved while all of
  // them are kept: only those whose core lost a member are asked again.
  std::vector<std::vector<std::size_t>> core(cands.size());
  std::vector<bool> proved(cands.size(), false);
  for (bool changed = true; changed && out.complete;) {
    changed = false;
    for (std::size_t i = 0; i < cands.size(); ++i) {
      if (!keep[i]) continue;
      if (proved[i]) {
        bool intact = true;
        for (std::size_t j : core[i]) intact = intact && keep[j];
        if (intact) continue;
        proved[i] = false;
      }
      const double left = budget_seconds - since(start);
      if (left <= 0) {
        out.complete = false;
        break;
      }
      z3::expr_vector assumptions(c);
      std::vector<std::size_t> index_of;
      for (std::size_t j = 0; j < cands.size(); ++j)
        if (keep[j]) {
          assumptions.push_back(assume_lit[j]);
          index_of.push_back(j);
        }
      assumptions.push_back(break_lit[i]);
      z3::params prm(c);
      prm.set("timeout", static_cast<unsigned>(std::max(1.0, left * 1000)));
      s.set(prm);
      const z3::check_result r = s.check(assumptions);
      if (r == z3::unsat) {
        proved[i] = true;
        core[i].clear();
        const z3::expr_vector uc = s.unsat_core();
        for (unsigned k = 0; k < uc.size(); ++k)
          for (std::size_t j : index_of)
            if (z3::eq(uc[k], assume_lit[j])) core[i].push_back(j);
        continue;
      }
      if (r == z3::unknown) {
        out.complete = false;
        break;
      }
      const z3::model m = s.get_model();
      for (std::size_t j = 0; j < cands.size(); ++j)
        if (keep[j] && !m.eval(after[j].second, true).is_true()) {
          keep[j] = false;
          changed = true;
        }
    }
  }
  if (!out.complete) return Lemmas{{}, {}, out.shape, out.candidates, false};
  for (std::size_t i = 0; i < cands.size(); ++i)
    if (keep[i]) {
      out.names.push_back(cands[i].first);
      out.over.push_back(cands[i].second);
    }
  return out;
}

std::vector<InductionResult> k_induction(const Encoding& enc, const Invariants& inv,
                                         const Lemmas& lemmas, const std::vector<std::string>& ids,
                                         int max_k, double budget_seconds) {
  z3::context& c = enc.ctx();
  const Clock::time_point start = Clock::now();
  std::vector<InductionResult> out;
  for (const std::string& id : ids) out.push_back(InductionResult{id});
  // One unrolling from an arbitrary state satisfying the lemmas, shared by every invariant.
  z3::solver s(c);
  std::vector<SymState> states = {fresh(c, make_state(c, enc.scope()), "k0")};
  s.add(lemmas_about(lemmas, states[0]));
  std::vector<std::vector<expr>> bad(ids.size());  // per invariant: violation at each step
  std::vector<bool> open(ids.size(), true);
  for (int k = 0; k <= max_k; ++k) {
    const SymState pre = states.back();
    const SymAction a = fresh(c, make_action(c, enc.scope()), "ka" + std::to_string(k));
    const Transition t = enc.step(pre, a);
    s.add(t.valid);
    s.add(enc.search_only(pre, a));
    s.add(!t.oos);
    const SymState post = fresh(c, make_state(c, enc.scope()), "k" + std::to_string(k + 1));
    const std::vector<expr> pv = fields_of(post), tv = fields_of(t.post);
    for (std::size_t i = 0; i < pv.size(); ++i) s.add(pv[i] == tv[i]);
    s.add(lemmas_about(lemmas, post));
    states.push_back(post);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!open[i]) continue;
      const int idx = inv.index(ids[i]);
      bad[i].push_back(Or(inv.violated(idx, t), inv.violated_at_end(idx, post)));
      const double left = budget_seconds - since(start);
      if (left <= 0) {
        out[i].why = "budget spent at k = " + std::to_string(k);
        open[i] = false;
        continue;
      }
      s.push();
      for (std::size_t j = 0; j + 1 < bad[i].size(); ++j) s.add(!bad[i][j]);
      s.add(bad[i].back());
      z3::params prm(c);
      prm.set("timeout", static_cast<unsigned>(std::max(1.0, left * 1000)));
      s.set(prm);
      const z3::check_result r = s.check();
      s.pop();
      if (r == z3::unsat) {
        out[i].proved = true;
        out[i].k = k;
        open[i] = false;
      } else if (r == z3::unknown) {
        out[i].why = "solver: " + s.reason_unknown();
        open[i] = false;
      } else if (k == max_k) {
        out[i].why = "not k-inductive up to k = " + std::to_string(max_k);
      }
    }
    bool any = false;
    for (bool o : open) any |= o;
    if (!any) break;
  }
  return out;
}

}  // namespace reclaim::sym
