// The standard identity (see standard_identity.h).
#include "sim/standard_identity.h"

namespace reclaim {

StandardIdentity build_standard_identity(World& w, const StandardOptions& o) {
  const Policy& p = w.policy();
  StandardIdentity s;
  s.alice = w.actor(kStandardOwner);
  s.id = w.add_identity(kStandardOwner, s.alice);
  auto device = [&](const char* name, DeviceKind kind, Purpose purpose, bool prot) {
    Result<DeviceId> d = w.add_device(s.id, name, kind, purpose, prot, {});
    return d.ok() ? *d : kNone;
  };
  s.laptop = device("alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false);
  s.yubikey = device("alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth, false);
  s.phrase = device("alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery,
                    o.phrase_protected && p.protection);
  if (o.trezor)
    s.trezor = device("alice/trezor", DeviceKind::kHardwareWallet, Purpose::kAuth, false);
  if (p.guardians)
    for (std::size_t i = 0; i < kStandardGuardians.size(); ++i) {
      s.guardians[i] = w.actor(kStandardGuardians[i]);
      (void)w.add_guardian(s.id, s.guardians[i], i == 0 ? o.first_guardian_weight : 1);
    }
  s.neuron = w.asset_id(kStandardAsset);
  (void)w.add_asset(s.id, s.neuron, kStandardAssetAmount, o.asset_locked_until);
  Duration delay = o.removal_delay;
  if (delay < 0)
    delay = p.default_removal_delay == 0 ? kStandardRemovalDelay : p.default_removal_delay;
  w.set_removal_delay(s.id, delay);
  if (p.guardians) w.set_guardian_threshold(s.id, o.guardian_threshold);
  s.mallory = w.actor(kStandardAttacker);
  w.begin();
  return s;
}

}  // namespace reclaim
