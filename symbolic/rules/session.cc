// Session rules, symbolically (model/rules/session.cc): a login creates a delegation the
// browser then signs with.
// R-SES-1: login needs a registered device signature (a session cannot mint another).
// R-SES-2: the delegation lives the requested TTL, or the policy default when none is
//          requested, capped at the policy's maximum; at most kMaxSessions live at once (the
//          oldest is dropped).
// R-SES-3: an expired delegation signs nothing (R-REQ-4) and is dropped by tick.
// What a session may do is policy: session_manages_devices (R-DEV-1).
// The scope holds fewer sessions than kMaxSessions: a login beyond it leaves the scope.
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {

Res session_apply(const Rq& rq) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  Decision d(rq);
  d.reject_if(Not(owner_device_signed(rq)), Reject::kUnauthorized, "R-SES-1");
  d.reject_if(Lt(a.duration, e.i(0)), Reject::kMalformed, "R-SES-2");
  const expr asked = If(Eq(a.duration, e.i(0)), e.i(p.session_default_ttl), a.duration);
  const expr ttl = Min(asked, e.i(p.session_max_ttl));
  SymState post = s;
  std::vector<expr> count;
  for (const Session& x : s.sess) count.push_back(Count(x.present));
  const expr n_live = Sum(count, e.c);
  for (std::size_t k = 0; k < post.sess.size(); ++k) {
    const expr here = Eq(n_live, e.i(static_cast<int64_t>(k)));
    Session& x = post.sess[k];
    x = Session{Or(x.present, here), If(here, s.next_session, x.id),
                If(here, Add(s.now, ttl), x.expires_at)};
  }
  post.next_session = Add(s.next_session, e.i(1));
  const expr n = notify(e, &post, a.op);
  Res ok = accepted(rq, post, "R-SES-2", n);
  ok.oos = Ge(n_live, e.i(static_cast<int64_t>(s.sess.size())));
  static_assert(kMaxSessions >= 2, "the scope's sessions stay below the concrete bound");
  return d.otherwise(ok);
}

}  // namespace reclaim::sym::rules
