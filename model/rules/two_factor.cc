// Two-factor rules: sensitive changes need two distinct registered devices.
// R-2FA-1: where the policy has two-factor and the identity has two or more devices, a
//          sensitive change (add/remove/replace device, confirming a tentative device,
//          removal delay, guardians, guardian threshold) is accepted only if two distinct
//          registered devices signed it. A session delegation never counts as a device.
// R-2FA-2: cancelling a pending change or vetoing a recovery is never sensitive: one
//          recovery device suffices, so a thief holding one device cannot outvote it.
#include "model/ops.h"
#include "model/rules/common.h"

namespace reclaim::rules {

// The op table (model/ops.h) marks the sensitive ops; cancel and veto are not (R-2FA-2).
bool is_sensitive(Op op) { return op_info(op).sensitive; }

bool two_factor_ok(const Ctx& ctx) {
  if (!ctx.policy.two_factor || !is_sensitive(ctx.request.op)) return true;
  if (ctx.identity->devices.size() < 2) return true;
  // Signers are distinct by R-REQ-6 and registered by R-REQ-4.
  return ctx.signers.devices.size() >= (ctx.policy.mutant == Mutant::kTwoFactorOneDevice ? 1u : 2u);
}

}  // namespace reclaim::rules
