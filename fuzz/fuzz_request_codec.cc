// fuzz_request_codec: the canonical request codec (model/codec.h).
//   1. decode(bytes): whatever it accepts re-encodes to exactly the same bytes, and decoding
//      that again gives the same request (canonical inputs are a fixed point).
//   2. A request built field by field from the bytes (any op, any argument values, unused
//      fields included): encode(decode(encode(r))) == encode(r), and decode(encode(r))
//      accepts it whenever every value is in range (it is by construction here).
// A failure prints the bytes in hex and aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "model/codec.h"

namespace {

using namespace reclaim;

[[noreturn]] void fail(const char* what, const uint8_t* data, size_t size) {
  std::fprintf(stderr, "==reclaim-fuzz== CODEC %s; input:", what);
  for (size_t i = 0; i < size && i < 256; ++i) std::fprintf(stderr, " %02x", data[i]);
  std::fprintf(stderr, "\n");
  std::abort();
}

// Reads fixed-width values from the input, zeros past its end.
struct Reader {
  const uint8_t* data;
  size_t size;
  size_t at = 0;
  uint64_t take(size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | (at < size ? data[at++] : 0);
    return v;
  }
};

bool same_encoding(const Encoded& a, const Encoded& b) {
  return a.size == b.size && std::memcmp(a.bytes.data(), b.bytes.data(), a.size) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // 1. Decode arbitrary bytes.
  if (auto r = decode({data, size})) {
    const Encoded e = encode(*r);
    if (e.size != size || std::memcmp(e.bytes.data(), data, size) != 0)
      fail("decode accepted bytes that do not re-encode to themselves", data, size);
    auto again = decode(e.view());
    if (!again || !(*again == *r)) fail("decode(encode(decode(b))) != decode(b)", data, size);
  }
  // 2. Build a request from the bytes and round-trip it.
  Reader in{data, size};
  Request r;
  r.identity = static_cast<uint32_t>(in.take(4));
  r.op = static_cast<Op>(1 + in.take(1) % kOpCount);
  r.nonce = in.take(8);
  r.time = static_cast<int64_t>(in.take(8));
  Args& a = r.args;
  a.device = static_cast<uint32_t>(in.take(4));
  a.device2 = static_cast<uint32_t>(in.take(4));
  a.kind = static_cast<DeviceKind>(in.take(1) % 4);
  a.purpose = static_cast<Purpose>(in.take(1) % 2);
  a.protect = in.take(1) & 1;
  for (auto& k : a.key) k = static_cast<uint8_t>(in.take(1));
  a.duration = static_cast<int64_t>(in.take(8) >> 1);  // non-negative
  a.number = static_cast<uint32_t>(in.take(4));
  a.actor = static_cast<uint32_t>(in.take(4));
  a.actor2 = static_cast<uint32_t>(in.take(4));
  a.weight = static_cast<uint32_t>(in.take(4));
  a.asset = static_cast<uint32_t>(in.take(4));
  a.amount = static_cast<int64_t>(in.take(8) >> 1);  // non-negative
  a.code = static_cast<uint32_t>(in.take(4));
  const Encoded e = encode(r);
  if (e.size == 0 || e.size > kMaxEncoded) fail("encode produced no bytes", data, size);
  auto back = decode(e.view());
  if (!back) fail("decode rejected an encoding", e.bytes.data(), e.size);
  if (!same_encoding(encode(*back), e)) fail("encode(decode(encode(r))) != encode(r)", data, size);
  if (back->identity != r.identity || back->op != r.op || back->nonce != r.nonce ||
      back->time != r.time)
    fail("the header fields did not survive a round trip", data, size);
  return 0;
}
