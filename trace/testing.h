// Test-only support for the trace language's suites: the stolen-yubikey example, a scenario
// using every setup form, events, requests and expectations, that the parser's and the
// writer's tests both start from.
#ifndef RECLAIM_TRACE_TESTING_H_
#define RECLAIM_TRACE_TESTING_H_

#include <string_view>

namespace reclaim {

inline constexpr std::string_view kStolenYubikeyExample = R"(scenario stolen-yubikey
about "A thief takes Alice's YubiKey and tries to lock her out."
variants ii-2021 ii-protected timelock timelock-2fa social

identity alice                                   # actor alice owns identity alice
device alice/laptop   passkey       auth
device alice/yubikey  security-key  auth
device alice/phrase   seed-phrase   recovery protected
guardian alice/bob weight 1                      # ignored by variants without guardians
asset alice/neuron 500 locked-until 180d
setting alice removal-delay 1w
alice reacts within 1d                           # from t=0: the reactive owner

at 0     mallory steals alice/yubikey
at 1h    mallory: remove-device alice/phrase by alice/yubikey
expect[ii-2021] accepted
expect[timelock,timelock-2fa,social] pending
at +1h   mallory: add-device alice/evil security-key auth by alice/yubikey
at 8d
expect[ii-2021] locked-out alice
expect[timelock,social] control alice alice
expect[timelock,social] absent alice/evil
)";

}  // namespace reclaim

#endif  // RECLAIM_TRACE_TESTING_H_
