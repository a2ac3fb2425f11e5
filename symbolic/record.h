// The field lists of SymState, SymAction and StepOut (state.h), and the record operations
// written once over them. Included by state.h only.
#ifndef RECLAIM_SYMBOLIC_RECORD_H_
#define RECLAIM_SYMBOLIC_RECORD_H_

#include <string>
#include <vector>

#include "symbolic/expr.h"
#include "symbolic/state.h"

namespace reclaim::sym {

namespace detail {

template <typename V, typename T>
void visit_all(V& v, const std::string& name, std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = name + std::to_string(i) + ".";
    items[i].visit([&](const std::string& field, expr& e, bool is_bool, bool ghost) {
      v(prefix + field, e, is_bool, ghost);
    });
  }
}

template <typename V>
void visit_terms(V& v, const std::string& name, std::vector<expr>& items, bool is_bool,
                 bool ghost) {
  for (std::size_t i = 0; i < items.size(); ++i)
    v(name + std::to_string(i), items[i], is_bool, ghost);
}

}  // namespace detail

template <typename V>
void SymState::visit(V&& v) {
  v("now", now, false, false);
  detail::visit_all(v, "dev", dev);
  detail::visit_all(v, "pend", pend);
  v("next_change", next_change, false, false);
  v("removal_delay", removal_delay, false, false);
  detail::visit_all(v, "guard", guard);
  v("threshold", threshold, false, false);
  v("r_active", r_active, true, false);
  v("r_dev", r_dev, false, false);
  v("r_kind", r_kind, false, false);
  v("r_started", r_started, false, false);
  v("r_due", r_due, false, false);
  v("r_n0", r_n0, false, false);
  v("r_owner_started", r_owner_started, true, false);
  v("r_veto_owner", r_veto_owner, true, false);
  detail::visit_terms(v, "r_approved", r_approved, true, false);
  detail::visit_terms(v, "r_veto", r_veto, true, false);
  v("locked_until", locked_until, false, false);
  v("lock_by_rec", lock_by_rec, true, false);
  v("last_start", last_start, false, false);
  v("last_removal", last_removal, false, false);
  detail::visit_terms(v, "contact_from", contact_from, false, false);
  v("asset_amount", asset_amount, false, false);
  v("asset_locked", asset_locked, false, false);
  v("asset_swept", asset_swept, false, false);
  detail::visit_all(v, "sess", sess);
  v("next_session", next_session, false, false);
  v("notifications", notifications, false, false);
  v("g_open", g_open, true, false);
  v("g_end", g_end, false, false);
  v("g_tentative", g_tentative, true, false);
  v("g_dev", g_dev, false, false);
  v("g_kind", g_kind, false, false);
  v("g_rec", g_rec, true, false);
  v("g_prot", g_prot, true, false);
  v("g_wrong", g_wrong, false, false);
  detail::visit_terms(v, "own", own, true, false);
  detail::visit_terms(v, "oth", oth, true, false);
  detail::visit_terms(v, "colluding", colluding, true, false);
  v("own_session", own_session, false, false);
  v("oth_session", oth_session, false, false);
  v("own_app", own_app, false, false);
  v("oth_app", oth_app, false, false);
  v("last_session", last_session, false, false);
  v("last_app", last_app, false, false);
  v("reacts", reacts, true, false);
  v("rho", rho, false, false);
  detail::visit_all(v, "queue", queue);
  v("plan_live", plan_live, true, true);
  v("plan_serial", plan_serial, false, true);
  v("plan_since", plan_since, false, true);
  v("plan_done", plan_done, true, true);
  detail::visit_terms(v, "plan_mine", plan_mine, true, true);
  v("stepno", stepno, false, true);
  v("seq", seq, false, true);
  v("serial", serial, false, true);
  detail::visit_terms(v, "comp", comp, true, true);
  detail::visit_terms(v, "was_ready", was_ready, true, true);
  detail::visit_terms(v, "ready_since", ready_since, false, true);
  v("r_owner_sent", r_owner_sent, true, true);
  v("r_o_owner", r_o_owner, true, true);
  v("r_o_step", r_o_step, false, true);
  v("r_o_rdelay", r_o_rdelay, false, true);
  v("r_o_notified", r_o_notified, true, true);
  v("r_o_reactive", r_o_reactive, true, true);
  v("r_serial", r_serial, false, true);
  v("r_vetoed", r_vetoed, true, true);
  detail::visit_terms(v, "r_o_held", r_o_held, true, true);
  detail::visit_terms(v, "r_voter", r_voter, true, true);
  v("r_voter_owner", r_voter_owner, true, true);
  detail::visit_terms(v, "trusted_from", trusted_from, false, true);
  v("ob_live", ob_live, true, true);
  v("ob_serial", ob_serial, false, true);
  v("ob_due", ob_due, false, true);
  v("ob_armed", ob_armed, true, true);
  v("ob_armed_at", ob_armed_at, false, true);
  v("ob_dev", ob_dev, false, true);
  v("gp_live", gp_live, true, true);
  v("gp_serial", gp_serial, false, true);
  v("gp_due", gp_due, false, true);
  v("gp_armed", gp_armed, true, true);
  v("gp_armed_at", gp_armed_at, false, true);
  v("gp_dev", gp_dev, false, true);
}

template <typename V>
void SymAction::visit(V&& v) {
  v("kind", kind, false, false);
  v("time", time, false, false);
  v("actor", actor, false, false);
  v("op", op, false, false);
  v("dev", dev, false, false);
  v("dev2", dev2, false, false);
  v("kind2", kind2, false, false);
  v("rec2", rec2, true, false);
  v("prot2", prot2, true, false);
  v("duration", duration, false, false);
  v("number", number, false, false);
  v("gslot", gslot, false, false);
  v("gslot2", gslot2, false, false);
  v("weight", weight, false, false);
  v("amount", amount, false, false);
  v("code_right", code_right, true, false);
  v("receiver", receiver, false, false);
  v("event", event, false, false);
  detail::visit_terms(v, "sig", sig, true, false);
  v("sig_session", sig_session, true, false);
  v("session_id", session_id, false, false);
  v("sig_app", sig_app, true, false);
  v("sig_guardian", sig_guardian, true, false);
  v("gsigner", gsigner, false, false);
  detail::visit_terms(v, "cosig", cosig, true, false);
  v("to", to, false, false);
  v("stale", stale, true, false);
  v("seen", seen, true, false);
  v("early", early, true, false);
  v("replay", replay, true, false);
  v("replay_owner", replay_owner, true, false);
}

template <typename V>
void StepOut::visit(V&& v) {
  v("verdict", verdict, false, false);
  v("reject", reject, false, false);
  v("rule", rule, false, false);
  v("change", change, false, false);
  v("notified", notified, true, false);
  v("remembered", remembered, true, false);
  v("oos", oos, true, false);
  v("completed", completed, true, false);
  detail::visit_terms(v, "matured", matured, true, false);
  detail::visit_terms(v, "lapsed", lapsed, true, false);
}

template <typename R>
R merge(const expr& cond, const R& then, const R& otherwise) {
  if (cond.is_true()) return then;
  if (cond.is_false()) return otherwise;
  R out = otherwise;
  R t = then;
  std::vector<expr*> ts;
  for_each_field(t, [&](const std::string&, expr& e, bool, bool) { ts.push_back(&e); });
  std::size_t i = 0;
  for_each_field(out, [&](const std::string&, expr& e, bool, bool) { e = If(cond, *ts[i++], e); });
  return out;
}

// All fields of a record, in visit order.
template <typename R>
std::vector<expr> fields_of(const R& r) {
  std::vector<expr> out;
  R copy = r;
  for_each_field(copy, [&](const std::string&, expr& e, bool, bool) { out.push_back(e); });
  return out;
}

template <typename R>
std::vector<std::string> field_names(const R& r) {
  std::vector<std::string> out;
  R copy = r;
  for_each_field(copy, [&](const std::string& n, expr&, bool, bool) { out.push_back(n); });
  return out;
}

// A record whose fields are `values`, in visit order. Contract: values.size() matches.
template <typename R>
R with_fields(const R& shape, const std::vector<expr>& values) {
  R out = shape;
  std::size_t i = 0;
  for_each_field(out, [&](const std::string&, expr& e, bool, bool) { e = values[i++]; });
  return out;
}

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_RECORD_H_
