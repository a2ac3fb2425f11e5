// Helpers shared by the rule families (see common.h for the R-REQ rules).
#include "model/rules/common.h"

#include "model/codec.h"

namespace reclaim::rules {
namespace {

// R-REQ-5: remember the digest. Stale entries are pruned first (R-REQ-2 covers them); if
// the memory is still full (policy.limits.seen), the oldest is evicted and the nonce floor
// rises to its nonce, so the evicted request stays unreplayable.
void remember(Ctx& ctx) {
  if (ctx.policy.mutant == Mutant::kReplayNotStored) return;
  Identity& id = *ctx.identity;
  const Time now = ctx.now;
  id.seen.erase_if([now](const SeenRequest& s) { return now - s.time > kRequestFreshness; });
  if (id.seen.size() >= ctx.policy.limits.seen || id.seen.full()) {
    if (id.seen[0].nonce > id.nonce_floor) id.nonce_floor = id.seen[0].nonce;
    id.seen.erase_at(0);
  }
  id.seen.push_back({ctx.digest, ctx.request.nonce, ctx.request.time});
}

}  // namespace

Outcome reject(const Ctx& ctx, const State& original, Reject code, std::string_view rule) {
  (void)ctx;
  Outcome out;
  out.verdict = Verdict::kRejected;
  out.reject = code;
  out.rule = rule;
  out.state = original;
  return out;
}

Outcome accept(Ctx& ctx, std::string_view rule) {
  remember(ctx);
  Outcome out;
  out.verdict = Verdict::kAccepted;
  out.rule = rule;
  out.state = std::move(ctx.state);  // ctx ends here: the working copy becomes the result
  return out;
}

Outcome make_pending(Ctx& ctx, const State& original, Duration delay, Time expires_at,
                     std::string_view rule) {
  Identity& id = *ctx.identity;
  if (id.pending.size() >= ctx.policy.limits.pending || id.pending.full())
    return reject(ctx, original, Reject::kLimit, "R-TL-7");
  PendingChange c;
  c.number = id.next_change++;
  c.op = ctx.request.op;
  c.args = signed_args(ctx.request.op, ctx.request.args);
  c.requested_at = ctx.now;
  c.due_at = ctx.now + delay;
  c.expires_at = expires_at;
  c.delay = delay;
  c.requested_by = ctx.digest;
  id.pending.push_back(c);
  notify(ctx.policy, id, ctx.now, ctx.request.op, c.args.device, c.number,
         ctx.digest);
  remember(ctx);
  Outcome out;
  out.verdict = Verdict::kPending;
  out.rule = rule;
  out.state = std::move(ctx.state);  // ctx ends here
  out.change = c.number;
  return out;
}

void notify(const Policy& policy, Identity& identity, Time at, Op op, DeviceId device,
            uint32_t change, Digest request) {
  if (!policy.notifications) return;
  if (policy.mutant == Mutant::kRemovalUnnotified && op == Op::kRemoveDevice) return;
  if (identity.notifications.size() >= policy.limits.notifications ||
      identity.notifications.full())
    identity.notifications.erase_at(0);
  Notification n;
  n.seq = ++identity.notification_count;
  n.at = at;
  n.op = op;
  n.device = device;
  n.change = change;
  n.request = request;
  identity.notifications.push_back(n);
}

bool device_authority(const Ctx& ctx) {
  return !ctx.signers.devices.empty() ||
         (ctx.signers.session && (ctx.policy.session_manages_devices ||
                                  ctx.policy.mutant == Mutant::kSessionManagesDevices));
}

bool signed_by_recovery_device(const Ctx& ctx) {
  for (DeviceId d : ctx.signers.devices) {
    const Device* dev = ctx.identity->device(d);
    if (dev != nullptr && dev->purpose == Purpose::kRecovery) return true;
  }
  return false;
}

bool guardians_cosigned(const Ctx& ctx) {
  const std::size_t n = ctx.identity->guardians.size();
  // Verified guardian signers are guardians of the identity (R-REQ-4), each once (R-REQ-6).
  return ctx.signers.guardians.size() >= (n + 1) / 2;
}

void drop_changes_for_device(Identity& identity, DeviceId device) {
  identity.pending.erase_if([device](const PendingChange& c) {
    return (c.op == Op::kRemoveDevice || c.op == Op::kReplaceDevice ||
            c.op == Op::kUnprotect || c.op == Op::kProtect) &&
           c.args.device == device;
  });
}

}  // namespace reclaim::rules
