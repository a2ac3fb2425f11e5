// Two-factor rules: sensitive changes need two distinct registered devices; where the policy
// says so, creating a session and moving assets need two distinct factors too.
// R-2FA-1: where the policy has two-factor and the identity has two or more devices, a
//          sensitive change (add/remove/replace device, confirming a tentative device,
//          removal delay, guardians, guardian threshold) is accepted only if two distinct
//          registered factors signed it (R-2FA-4). A session delegation never counts.
// R-2FA-2: cancelling a pending change or vetoing a recovery is never sensitive: one
//          recovery device suffices, so a thief holding one device cannot outvote it.
// R-2FA-3: a TOTP authenticator (kind totp) signs nothing alone: a request whose only signers
//          are TOTP authenticators is rejected `unauthorized`, and a TOTP signer is never device
//          authority (R-DEV-1), a recovery device or a protected device's own signature. It is
//          registered only where the policy has totp, as an auth device, never protected, and
//          is never a recovery's new device.
// R-2FA-4: a TOTP authenticator counts as a factor only beside a registered device of another
//          kind that signed the same request: the factors of a request are its distinct
//          device signers, plus its TOTP signers when there is at least one.
// R-2FA-5: where the policy has two_factor_login, creating a session (login, app-login) needs
//          two distinct factors (R-2FA-4), or, for an app delegation minted by the front end's
//          session, a session created with two; where the policy counts factors
//          (two_factor_login or two_factor_assets) the session records whether it was created
//          with two, and an app delegation carries the factors of the login that minted it.
#include "model/ops.h"
#include "model/rules/common.h"

namespace reclaim::rules {

// The op table (model/ops.h) marks the sensitive ops; cancel and veto are not (R-2FA-2).
bool is_sensitive(Op op) { return op_info(op).sensitive; }

uint32_t factor_count(const Ctx& ctx) {
  // R-2FA-4. Signers are distinct by R-REQ-6 and registered by R-REQ-4.
  const uint32_t real = static_cast<uint32_t>(ctx.signers.devices.size());
  return real == 0 ? 0 : real + static_cast<uint32_t>(ctx.signers.totp.size());
}

bool two_factors(const Ctx& ctx) {
  // R-2FA-5: two factors, or a session created with two.
  return factor_count(ctx) >= 2 || ctx.signers.session_two_factor;
}

bool two_factor_ok(const Ctx& ctx) {
  if (!ctx.policy.two_factor || !is_sensitive(ctx.request.op)) return true;
  if (ctx.identity->devices.size() < 2) return true;
  return factor_count(ctx) >= (ctx.policy.mutant == Mutant::kTwoFactorOneDevice ? 1u : 2u);
}

bool totp_allowed(const Policy& policy, DeviceKind kind, Purpose purpose, bool is_protected) {
  // R-2FA-3
  if (kind != DeviceKind::kTotp) return true;
  return policy.totp && purpose == Purpose::kAuth && !is_protected;
}

}  // namespace reclaim::rules
