// Makers of the symbolic records and the standard identity's initial state (state.h).
#include "symbolic/state.h"

#include "model/state.h"
#include "symbolic/initial.h"

namespace reclaim::sym {

SymState::SymState(z3::context& c)
    : now(c),
      next_change(c),
      removal_delay(c),
      threshold(c),
      r_active(c),
      r_dev(c),
      r_kind(c),
      r_started(c),
      r_due(c),
      r_n0(c),
      r_owner_started(c),
      r_veto_owner(c),
      locked_until(c),
      lock_by_rec(c),
      last_start(c),
      last_removal(c),
      asset_amount(c),
      asset_locked(c),
      asset_swept(c),
      next_session(c),
      notifications(c),
      g_open(c),
      g_end(c),
      g_tentative(c),
      g_dev(c),
      g_kind(c),
      g_rec(c),
      g_prot(c),
      g_wrong(c),
      own_session(c),
      oth_session(c),
      own_app(c),
      oth_app(c),
      last_session(c),
      last_app(c),
      reacts(c),
      rho(c),
      plan_live(c),
      plan_serial(c),
      plan_since(c),
      plan_done(c),
      stepno(c),
      seq(c),
      serial(c),
      r_owner_sent(c),
      r_o_owner(c),
      r_o_step(c),
      r_o_rdelay(c),
      r_o_notified(c),
      r_o_reactive(c),
      r_serial(c),
      r_vetoed(c),
      r_voter_owner(c),
      ob_live(c),
      ob_serial(c),
      ob_due(c),
      ob_armed(c),
      ob_armed_at(c),
      ob_dev(c),
      gp_live(c),
      gp_serial(c),
      gp_due(c),
      gp_armed(c),
      gp_armed_at(c),
      gp_dev(c) {}

SymAction::SymAction(z3::context& c)
    : kind(c),
      time(c),
      actor(c),
      op(c),
      dev(c),
      dev2(c),
      kind2(c),
      rec2(c),
      prot2(c),
      duration(c),
      number(c),
      gslot(c),
      gslot2(c),
      weight(c),
      amount(c),
      code_right(c),
      receiver(c),
      event(c),
      sig_session(c),
      session_id(c),
      sig_app(c),
      sig_guardian(c),
      gsigner(c),
      to(c),
      stale(c),
      seen(c),
      early(c),
      replay(c),
      replay_owner(c) {}

StepOut::StepOut(z3::context& c)
    : verdict(c), reject(c), rule(c), change(c), notified(c), remembered(c), oos(c), completed(c) {}

namespace {

// Every field false or 0, except slot-valued ones (kNoSlot) and `verdict` (rejected).
template <typename R>
void set_defaults(z3::context& c, R& r) {
  for_each_field(r, [&](const std::string& name, expr& e, bool is_bool, bool) {
    const bool slot = name.ends_with("dev") || name.ends_with("dev2") || name.ends_with("gslot") ||
                      name.ends_with("gslot2") || name.ends_with("follows");
    e = is_bool ? c.bool_val(false) : c.int_val(slot ? kNoSlot : 0);
  });
}

}  // namespace

SymState make_state(z3::context& c, const Scope& scope) {
  const int D = scope.devices, P = scope.pending, NG = guardian_slots(scope);
  const expr n(c);
  SymState s(c);
  s.dev.assign(D, Device{n, n, n, n, n});
  s.pend.assign(P,
                Pending{n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n});
  s.guard.assign(NG, Guardian{n, n, n});
  s.r_approved.assign(NG, n);
  s.r_veto.assign(NG, n);
  s.sess.assign(scope.sessions, Session{n, n, n, n});
  s.own.assign(D, n);
  s.oth.assign(D, n);
  s.colluding.assign(NG, n);
  s.queue.assign(scope.queue, Notice{n, n, n, n, n, std::vector<expr>(D, n)});
  s.plan_mine.assign(D, n);
  s.comp.assign(D, n);
  s.was_ready.assign(D, n);
  s.ready_since.assign(D, n);
  s.r_o_held.assign(D, n);
  s.r_voter.assign(NG, n);
  s.contact_from.assign(actor_count(scope), n);
  s.trusted_from.assign(actor_count(scope), n);
  set_defaults(c, s);
  s.last_start = c.int_val(kNoTime);
  s.last_removal = c.int_val(kNoTime);
  for (expr& x : s.contact_from) x = c.int_val(kNever);
  for (expr& x : s.trusted_from) x = c.int_val(kNever);
  return s;
}

SymAction make_action(z3::context& c, const Scope& scope) {
  SymAction a(c);
  a.sig.assign(scope.devices, expr(c));
  a.cosig.assign(guardian_slots(scope), expr(c));
  set_defaults(c, a);
  return a;
}

StepOut make_out(z3::context& c, const Scope& scope) {
  StepOut o(c);
  o.matured.assign(scope.pending, expr(c));
  o.lapsed.assign(scope.pending, expr(c));
  set_defaults(c, o);
  o.verdict = c.int_val(static_cast<int>(Verdict::kRejected));
  return o;
}

SymState initial_state(z3::context& c, const Policy& p, const Scope& scope) {
  SymState s = make_state(c, scope);
  const expr t = c.bool_val(true);
  const auto kind = [&](DeviceKind k) { return c.int_val(static_cast<int>(k)); };
  s.dev[kLaptop] =
      Device{t, kind(DeviceKind::kPasskey), c.bool_val(false), c.bool_val(false), c.int_val(0)};
  s.dev[kYubikey] =
      Device{t, kind(DeviceKind::kSecurityKey), c.bool_val(false), c.bool_val(false), c.int_val(1)};
  s.dev[kPhrase] =
      Device{t, kind(DeviceKind::kSeedPhrase), t, c.bool_val(p.protection), c.int_val(2)};
  for (int d : {kLaptop, kYubikey, kPhrase}) s.own[d] = t;
  s.seq = c.int_val(3);
  s.next_change = c.int_val(1);
  s.removal_delay =
      c.int_val(p.default_removal_delay == 0 ? kStandardRemovalDelay : p.default_removal_delay);
  s.threshold = c.int_val(p.guardians ? kStandardThreshold : p.default_guardian_threshold);
  if (p.guardians)
    for (int j = 0; j < kStandardGuardians; ++j)
      s.guard[j] = Guardian{t, c.int_val(1), c.int_val(kNoSlot)};
  s.asset_amount = c.int_val(kStandardAsset);
  s.asset_locked = c.int_val(kStandardAssetLock);
  s.asset_swept = c.int_val(0);
  s.next_session = c.int_val(1);
  return s;
}

}  // namespace reclaim::sym

namespace reclaim::sym {

std::string device_name(int slot) {
  switch (slot) {
    case kLaptop:
      return "alice/laptop";
    case kYubikey:
      return "alice/yubikey";
    case kPhrase:
      return "alice/phrase";
    default:
      return "alice/new" + std::to_string(slot - 2);
  }
}

std::string actor_name(int actor) {
  static const char* const kNames[] = {"alice", "mallory", "bob", "carol", "dave"};
  if (actor >= 0 && actor < 5) return kNames[actor];
  return "guardian" + std::to_string(actor - 1);
}

}  // namespace reclaim::sym
