// Request: one signed call to the protocol. Its canonical byte encoding (codec.h) is what
// every signer signs and what the replay digest is taken over; two requests are the same
// request exactly when their encodings are equal.
#ifndef RECLAIM_MODEL_REQUEST_H_
#define RECLAIM_MODEL_REQUEST_H_

#include "model/bounded_vec.h"
#include "model/types.h"

namespace reclaim {

// The union of every op's arguments; an op reads only the fields its rule documents and
// the codec encodes only those, so unused fields never change a request's identity.
struct Args {
  DeviceId device = kNone;   // the device acted on (remove, protect, replace's old, ...)
  DeviceId device2 = kNone;  // a new device (add, replace's new, start-recovery, tentative)
  DeviceKind kind = DeviceKind::kPasskey;   // kind of the new device
  Purpose purpose = Purpose::kAuth;         // purpose of the new device
  bool protect = false;                     // the new device is protected
  PublicKey key{};                          // public key of the new device / guardian / session
  Duration duration = 0;   // removal delay, session ttl, seconds
  uint32_t number = 0;     // pending change number to cancel (0 = all), guardian threshold
  ActorId actor = kNone;   // guardian, followee, recipient
  ActorId actor2 = kNone;  // follow: the followee
  uint32_t weight = 0;     // guardian weight
  uint32_t asset = 0;      // asset id
  int64_t amount = 0;      // asset amount
  uint32_t code = 0;       // tentative-registration code
  friend bool operator==(const Args&, const Args&) = default;
};

enum class SignerKind : uint8_t {
  kDevice = 1,    // a registered device of the identity
  kSession = 2,   // a live session delegation of the identity
  kGuardian = 3,  // a guardian's own key
};

struct SignatureEntry {
  SignerKind kind = SignerKind::kDevice;
  uint32_t id = kNone;  // device id, session id or guardian actor id
  Signature sig{};
  friend bool operator==(const SignatureEntry&, const SignatureEntry&) = default;
};

inline constexpr std::size_t kMaxSigners = 4;

struct Request {
  IdentityId identity = kNone;
  Op op = Op::kAddDevice;
  Args args;
  uint64_t nonce = 0;  // chosen by the sender; with the time it makes each request unique
  Time time = 0;       // when the sender made it; must be fresh (rules/common.h)
  BoundedVec<SignatureEntry, kMaxSigners> signers;  // not part of the signed bytes
  friend bool operator==(const Request&, const Request&) = default;
};

}  // namespace reclaim

#endif  // RECLAIM_MODEL_REQUEST_H_
