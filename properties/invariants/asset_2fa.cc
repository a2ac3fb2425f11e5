// ASSET-2FA: assets leave, and sessions that can move them are created, only with two
// distinct factors.
//
// Precisely, for every request step accepted or made pending, with the identity as it was
// before the step and its signatures verified against it:
//   - the factors of the request are its verified signers that are registered devices of a
//     kind other than totp, plus its verified totp signers when there is at least one such
//     device (a TOTP code counts only beside a real signer);
//   - a session is two-factor when this checker saw it created by an accepted login or
//     app-login that carried two factors or was itself signed by a two-factor session;
//   - every transfer or withdrawal carries two factors, or the verified signature of a live
//     two-factor session (sweeps and clawbacks move value to the recovery path: not judged);
//   - every accepted app-login, and every accepted login where sessions manage devices (and
//     so move assets), carries two factors or the signature of a live two-factor session.
// A policy without two-factor asset moves violates ASSET-2FA at its first single-signer
// transfer: the checker judges behaviour, not intent.
#include <algorithm>
#include <vector>

#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "ASSET-2FA";
constexpr std::string_view kStatement =
    "Every accepted-or-pending transfer or withdrawal, every accepted app-login, and every "
    "accepted login where sessions manage devices, carries valid signatures of two distinct "
    "factors registered before it (devices of any kind but totp; a totp only beside one of "
    "them), or of a live session that was itself created with two factors.";

struct Known {
  IdentityId identity = kNone;
  uint32_t session = 0;
  friend bool operator==(const Known&, const Known&) = default;
};

class Asset2faChecker final : public CheckerOf<Asset2faChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override {
    DigestBuilder b;
    b.add(two_factor_.size());
    for (const Known& k : two_factor_) {
      b.add(k.identity);
      b.add(k.session);
    }
    return b.done();
  }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    std::optional<Violation> out;
    if (effective(step)) out = judge(world, step, index);
    forget_gone(step.after);
    return out;
  }

 private:
  std::optional<Violation> judge(const World& world, const Step& step, std::size_t index) {
    const Policy& p = world.policy();
    const Request& r = step.request;
    const bool move = r.op == Op::kTransfer || r.op == Op::kWithdraw;
    const bool app = r.op == Op::kAppLogin;
    const bool login = r.op == Op::kLogin || app;
    if (!move && !login) return std::nullopt;
    const Identity* before = step.before.identity(r.identity);
    const Identity* after = step.after.identity(r.identity);
    if (before == nullptr || after == nullptr) return std::nullopt;
    const Verified v = verify_signers(p, *before, r, step.time);
    std::size_t real = 0, totp = 0;
    for (DeviceId d : v.devices) {
      const Device* dev = before->device(d);
      if (dev == nullptr) continue;
      ++(dev->kind == DeviceKind::kTotp ? totp : real);
    }
    const std::size_t factors = real == 0 ? 0 : real + totp;
    bool by_two_factor_session = false;
    for (const SignatureEntry& e : r.signers) {
      if (e.kind != SignerKind::kSession) continue;
      const bool live = before->sessions.find_if([&](const Session& s) {
        return s.id == e.id && s.expires_at > step.time;
      }) != nullptr;
      if (live && known(r.identity, e.id)) by_two_factor_session = true;
    }
    const bool two = factors >= 2 || by_two_factor_session;
    if (login && step.verdict == Verdict::kAccepted) {
      const uint32_t created = before->next_session;
      const bool exists = after->sessions.find_if([created](const Session& s) {
        return s.id == created;
      }) != nullptr;
      if (two && exists) two_factor_.push_back({r.identity, created});
      const bool moves = app || p.session_manages_devices;
      if (moves && exists && !two)
        return violation(kId, index,
                         cat(StepLabel{world, step}, " created a session that moves assets with ",
                             factors, " factor(s)"));
      return std::nullopt;
    }
    if (move && !two)
      return violation(kId, index,
                       cat(StepLabel{world, step}, " moves assets with ", factors,
                           " factor(s) and no two-factor session"));
    return std::nullopt;
  }

  bool known(IdentityId identity, uint32_t session) const {
    return std::find(two_factor_.begin(), two_factor_.end(), Known{identity, session}) !=
           two_factor_.end();
  }

  // Sessions that left the state (expired, evicted) can never sign again.
  void forget_gone(const State& now) {
    std::erase_if(two_factor_, [&](const Known& k) {
      const Identity* id = now.identity(k.identity);
      return id == nullptr ||
             id->sessions.find_if([&](const Session& s) { return s.id == k.session; }) == nullptr;
    });
  }

  std::vector<Known> two_factor_;  // two-factor sessions still in the state, oldest first
};

}  // namespace

Entry asset_2fa_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<Asset2faChecker>(); }};
}

}  // namespace reclaim::inv
