// Session rules: a login creates a delegation the browser then signs with. Two kinds exist
// (II): the front end's own session (`login`), and app delegations (`app-login`,
// prepare_delegation) that act for one app.
// R-SES-1: login needs a registered device signature (a session cannot mint another).
// R-SES-2: the delegation lives the requested TTL, or the policy default when none is
//          requested, capped at the policy's maximum; at most policy.limits.sessions live at
//          once (the oldest is dropped).
// R-SES-3: an expired delegation signs nothing (R-REQ-4) and is dropped by tick.
// R-SES-4: where the policy has app delegations, app-login needs a registered device or a
//          live front-end session that manages devices (the II front end mints them); the
//          delegation lives the requested TTL, or app_default_ttl when none is requested,
//          capped at app_max_ttl, and shares R-SES-2's policy.limits.sessions slots.
// R-SES-5: an app delegation moves the app's assets (transfer, withdraw: R-AST-1) and does
//          nothing else: it is never device authority (R-DEV-1) and mints no session.
// What a front-end session may do is policy: session_manages_devices (R-DEV-1). Two factors
// to create a session, and the factors a session records, are R-2FA-5 (rules/two_factor).
#include <algorithm>

#include "model/rules/common.h"

namespace reclaim::rules {

Outcome session_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  const bool app = r.op == Op::kAppLogin;
  if (app && !p.app_sessions) return reject(ctx, original, Reject::kDisabled, "R-SES-4");
  if (app ? !device_authority(ctx) : ctx.signers.devices.empty())
    return reject(ctx, original, Reject::kUnauthorized, app ? "R-SES-4" : "R-SES-1");
  if (r.args.duration < 0)
    return reject(ctx, original, Reject::kMalformed, app ? "R-SES-4" : "R-SES-2");
  const bool two = two_factors(ctx);
  if (p.two_factor_login && !two) return reject(ctx, original, Reject::kTwoFactor, "R-2FA-5");
  const bool counted = p.two_factor_login || p.two_factor_assets;
  const Duration fallback = app ? p.app_default_ttl : p.session_default_ttl;
  const Duration cap = app ? p.app_max_ttl : p.session_max_ttl;
  const Duration ttl = std::min(r.args.duration == 0 ? fallback : r.args.duration, cap);
  if (id.sessions.size() >= p.limits.sessions || id.sessions.full()) id.sessions.erase_at(0);
  id.sessions.push_back({id.next_session++, r.args.key, ctx.now + ttl, app, counted && two});
  notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
  return accept(ctx, app ? "R-SES-4" : "R-SES-2");
}

}  // namespace reclaim::rules
