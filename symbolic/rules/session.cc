// Session rules, symbolically (model/rules/session.cc): a login creates a delegation the
// browser then signs with. Two kinds exist (II): the front end's own session (`login`), and
// app delegations (`app-login`) that act for one app.
// R-SES-1: login needs a registered device signature (a session cannot mint another).
// R-SES-2: the delegation lives the requested TTL, or the policy default when none is
//          requested, capped at the policy's maximum; at most kMaxSessions live at once (the
//          oldest is dropped).
// R-SES-3: an expired delegation signs nothing (R-REQ-4) and is dropped by tick.
// R-SES-4: where the policy has app delegations, app-login needs device authority (a device,
//          or a live front-end session that manages devices); the delegation lives the
//          requested TTL, or app_default_ttl when none is requested, capped at app_max_ttl,
//          and shares R-SES-2's slots.
// R-SES-5: an app delegation moves assets (rules/assets.cc) and does nothing else: it is
//          never device authority (rules/common.cc) and mints no session.
// What a front-end session may do is policy: session_manages_devices (R-DEV-1).
// The scope holds fewer sessions than kMaxSessions: a login beyond it leaves the scope.
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {

Res session_apply(const Rq& rq) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  const bool app = rq.is(Op::kAppLogin).is_true();
  if (app && !p.app_sessions) return rejected(rq, Reject::kDisabled, "R-SES-4");
  Decision d(rq);
  d.reject_if(Not(app ? device_authority(rq) : owner_device_signed(rq)), Reject::kUnauthorized,
              app ? "R-SES-4" : "R-SES-1");
  d.reject_if(Lt(a.duration, e.i(0)), Reject::kMalformed, app ? "R-SES-4" : "R-SES-2");
  const Duration fallback = app ? p.app_default_ttl : p.session_default_ttl;
  const Duration cap = app ? p.app_max_ttl : p.session_max_ttl;
  const expr asked = If(Eq(a.duration, e.i(0)), e.i(fallback), a.duration);
  const expr ttl = Min(asked, e.i(cap));
  SymState post = s;
  std::vector<expr> count;
  for (const Session& x : s.sess) count.push_back(Count(x.present));
  const expr n_live = Sum(count, e.c);
  for (std::size_t k = 0; k < post.sess.size(); ++k) {
    const expr here = Eq(n_live, e.i(static_cast<int64_t>(k)));
    Session& x = post.sess[k];
    x = Session{Or(x.present, here), If(here, s.next_session, x.id),
                If(here, Add(s.now, ttl), x.expires_at), If(here, e.b(app), x.app)};
  }
  post.next_session = Add(s.next_session, e.i(1));
  const expr n = notify(e, &post, a.op);
  Res ok = accepted(rq, post, app ? "R-SES-4" : "R-SES-2", n);
  ok.oos = Ge(n_live, e.i(static_cast<int64_t>(s.sess.size())));
  static_assert(kMaxSessions >= 2, "the scope's sessions stay below the concrete bound");
  return d.otherwise(ok);
}

}  // namespace reclaim::sym::rules
