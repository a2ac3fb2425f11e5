// The canonical request encoding. Layout, all integers big-endian and fixed-width:
//   "RCLMREQ1"   8 bytes  domain tag; the trailing '1' is the encoding version
//   identity     u32
//   op           u8       Op's numeric value (append-only, see types.h)
//   nonce        u64
//   time         i64      two's complement
//   fields       the op's fields in the order of its row in the op table (ops.h)
// One table (the op table) drives both encode and decode, so the two cannot disagree on which
// fields an op carries or in what order.
#include "model/codec.h"

#include <cassert>
#include <cstring>
#include <string_view>

#include "model/ops.h"

namespace reclaim {
namespace {

constexpr std::string_view kTag = "RCLMREQ1";
constexpr std::size_t kHeaderSize = 8 + 4 + 1 + 8 + 8;

constexpr std::size_t width(Field f) {
  switch (f) {
    case Field::kKind:
    case Field::kPurpose:
    case Field::kProtect:
      return 1;
    case Field::kKey:
      return sizeof(PublicKey);
    case Field::kDuration:
    case Field::kAmount:
      return 8;
    default:
      return 4;
  }
}

std::size_t encoded_size(const OpInfo& op) {
  std::size_t n = kHeaderSize;
  for (std::size_t i = 0; i < op.field_count; ++i) n += width(op.fields[i]);
  return n;
}

// nullptr for a value outside Op.
const OpInfo* layout_of(uint8_t op) { return find_op(static_cast<Op>(op)); }

class Writer {
 public:
  explicit Writer(Encoded& out) : out_(out) {}
  void put(uint64_t v, std::size_t width) {
    assert(out_.size + width <= out_.bytes.size());
    for (std::size_t i = 0; i < width; ++i)
      out_.bytes[out_.size + i] = static_cast<uint8_t>(v >> (8 * (width - 1 - i)));
    out_.size += width;
  }
  void put_bytes(const uint8_t* data, std::size_t n) {
    assert(out_.size + n <= out_.bytes.size());
    std::memcpy(out_.bytes.data() + out_.size, data, n);
    out_.size += n;
  }

 private:
  Encoded& out_;
};

// Reads from input whose total length decode() has already checked against the layout.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  uint64_t get(std::size_t width) {
    assert(pos_ + width <= in_.size());
    uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | in_[pos_ + i];
    pos_ += width;
    return v;
  }
  void get_bytes(uint8_t* out, std::size_t n) {
    assert(pos_ + n <= in_.size());
    std::memcpy(out, in_.data() + pos_, n);
    pos_ += n;
  }
  std::size_t pos() const { return pos_; }

 private:
  std::span<const uint8_t> in_;
  std::size_t pos_ = 0;
};

void write_field(Writer& w, Field f, const Args& a) {
  switch (f) {
    case Field::kDevice:
      w.put(a.device, 4);
      break;
    case Field::kDevice2:
      w.put(a.device2, 4);
      break;
    case Field::kKind:
      w.put(static_cast<uint8_t>(a.kind), 1);
      break;
    case Field::kPurpose:
      w.put(static_cast<uint8_t>(a.purpose), 1);
      break;
    case Field::kProtect:
      w.put(a.protect ? 1 : 0, 1);
      break;
    case Field::kKey:
      w.put_bytes(a.key.data(), a.key.size());
      break;
    case Field::kDuration:
      w.put(static_cast<uint64_t>(a.duration), 8);
      break;
    case Field::kNumber:
      w.put(a.number, 4);
      break;
    case Field::kActor:
      w.put(a.actor, 4);
      break;
    case Field::kActor2:
      w.put(a.actor2, 4);
      break;
    case Field::kWeight:
      w.put(a.weight, 4);
      break;
    case Field::kAsset:
      w.put(a.asset, 4);
      break;
    case Field::kAmount:
      w.put(static_cast<uint64_t>(a.amount), 8);
      break;
    case Field::kCode:
      w.put(a.code, 4);
      break;
  }
}

// False on a value outside the field's canonical domain.
bool read_field(Reader& r, Field f, Args& a) {
  switch (f) {
    case Field::kDevice:
      a.device = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kDevice2:
      a.device2 = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kKind: {
      const uint64_t v = r.get(1);
      if (v > static_cast<uint8_t>(DeviceKind::kTotp)) return false;
      a.kind = static_cast<DeviceKind>(v);
      return true;
    }
    case Field::kPurpose: {
      const uint64_t v = r.get(1);
      if (v > static_cast<uint8_t>(Purpose::kRecovery)) return false;
      a.purpose = static_cast<Purpose>(v);
      return true;
    }
    case Field::kProtect: {
      const uint64_t v = r.get(1);
      if (v > 1) return false;
      a.protect = v == 1;
      return true;
    }
    case Field::kKey:
      r.get_bytes(a.key.data(), a.key.size());
      return true;
    case Field::kDuration: {
      // Negative durations have no meaning (a delay or a ttl); refusing them here means no
      // rule ever sees one arrive through the wire format.
      const auto v = static_cast<int64_t>(r.get(8));
      if (v < 0) return false;
      a.duration = v;
      return true;
    }
    case Field::kNumber:
      a.number = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kActor:
      a.actor = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kActor2:
      a.actor2 = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kWeight:
      a.weight = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kAsset:
      a.asset = static_cast<uint32_t>(r.get(4));
      return true;
    case Field::kAmount: {
      const auto v = static_cast<int64_t>(r.get(8));
      if (v < 0) return false;
      a.amount = v;
      return true;
    }
    case Field::kCode:
      a.code = static_cast<uint32_t>(r.get(4));
      return true;
  }
  return false;
}

void copy_field(Field f, const Args& from, Args& to) {
  switch (f) {
    case Field::kDevice: to.device = from.device; break;
    case Field::kDevice2: to.device2 = from.device2; break;
    case Field::kKind: to.kind = from.kind; break;
    case Field::kPurpose: to.purpose = from.purpose; break;
    case Field::kProtect: to.protect = from.protect; break;
    case Field::kKey: to.key = from.key; break;
    case Field::kDuration: to.duration = from.duration; break;
    case Field::kNumber: to.number = from.number; break;
    case Field::kActor: to.actor = from.actor; break;
    case Field::kActor2: to.actor2 = from.actor2; break;
    case Field::kWeight: to.weight = from.weight; break;
    case Field::kAsset: to.asset = from.asset; break;
    case Field::kAmount: to.amount = from.amount; break;
    case Field::kCode: to.code = from.code; break;
  }
}

}  // namespace

Args signed_args(Op op, const Args& args) {
  Args out;
  if (const OpInfo* l = layout_of(static_cast<uint8_t>(op))) {
    for (std::size_t i = 0; i < l->field_count; ++i) copy_field(l->fields[i], args, out);
  }
  return out;
}

Encoded encode(const Request& request) {
  // Total on purpose: apply() encodes every request it gets, canonical or not, to digest and
  // verify it. A request outside the canonical domain (negative duration or amount, an enum
  // out of range, an unknown op, which gets no fields) encodes to bytes decode() rejects, so
  // it can never be confused with a canonical one.
  Encoded out;
  Writer w(out);
  w.put_bytes(reinterpret_cast<const uint8_t*>(kTag.data()), kTag.size());
  w.put(request.identity, 4);
  w.put(static_cast<uint8_t>(request.op), 1);
  w.put(request.nonce, 8);
  w.put(static_cast<uint64_t>(request.time), 8);
  if (const OpInfo* l = layout_of(static_cast<uint8_t>(request.op))) {
    for (std::size_t i = 0; i < l->field_count; ++i) write_field(w, l->fields[i], request.args);
  }
  return out;
}

std::optional<Request> decode(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeaderSize) return std::nullopt;
  if (std::memcmp(bytes.data(), kTag.data(), kTag.size()) != 0) return std::nullopt;
  const OpInfo* l = layout_of(bytes[kTag.size() + 4]);
  if (l == nullptr) return std::nullopt;
  // Exact length: a short input cannot be read and a long one would let two byte strings
  // name the same request.
  if (bytes.size() != encoded_size(*l)) return std::nullopt;

  Reader r(bytes.subspan(kTag.size()));
  Request req;  // every field the op does not read keeps its default
  req.identity = static_cast<uint32_t>(r.get(4));
  req.op = static_cast<Op>(r.get(1));
  req.nonce = r.get(8);
  req.time = static_cast<int64_t>(r.get(8));
  for (std::size_t i = 0; i < l->field_count; ++i) {
    if (!read_field(r, l->fields[i], req.args)) return std::nullopt;
  }
  assert(kTag.size() + r.pos() == bytes.size());
  return req;
}

}  // namespace reclaim
