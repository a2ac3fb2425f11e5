// Session rules: a login creates a delegation the browser then signs with.
// R-SES-1: login needs a registered device signature (a session cannot mint another).
// R-SES-2: the delegation lives the requested TTL, or the policy default when none is
//          requested, capped at the policy's maximum; at most policy.limits.sessions live at
//          once (the oldest is dropped).
// R-SES-3: an expired delegation signs nothing (R-REQ-4) and is dropped by tick.
// What a session may do is policy: session_manages_devices (R-DEV-1).
#include <algorithm>

#include "model/rules/common.h"

namespace reclaim::rules {

Outcome session_apply(Ctx& ctx, const State& original) {
  const Policy& p = ctx.policy;
  const Request& r = ctx.request;
  Identity& id = *ctx.identity;
  if (ctx.signers.devices.empty()) return reject(ctx, original, Reject::kUnauthorized, "R-SES-1");
  if (r.args.duration < 0) return reject(ctx, original, Reject::kMalformed, "R-SES-2");
  const Duration ttl =
      std::min(r.args.duration == 0 ? p.session_default_ttl : r.args.duration, p.session_max_ttl);
  if (id.sessions.size() >= p.limits.sessions || id.sessions.full()) id.sessions.erase_at(0);
  id.sessions.push_back({id.next_session++, r.args.key, ctx.now + ttl});
  notify(p, id, ctx.now, r.op, kNone, 0, ctx.digest);
  return accept(ctx, "R-SES-2");
}

}  // namespace reclaim::rules
