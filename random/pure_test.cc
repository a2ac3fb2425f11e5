// Pure properties the random engine relies on, checked with RapidCheck: the canonical
// request encoding round-trips and is canonical; variant files print and parse back the same;
// a random trace's scenario writes, parses and writes back the same text; a seed gives one
// trace (same seed, same trace hash); ideal and real crypto give the same trace.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "model/codec.h"
#include "random/generate.h"
#include "random/model.h"
#include "trace/parse.h"
#include "trace/write.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

using randomized::action_line;
using randomized::Commands;
using randomized::gen_trace;
using randomized::run_trace;

// ------------------------------------------------------------------ request encoding

rc::Gen<Request> gen_request() {
  return rc::gen::exec([] {
    Request r;
    r.identity = *rc::gen::oneOf(rc::gen::inRange<uint32_t>(0, 5), rc::gen::arbitrary<uint32_t>());
    r.op = static_cast<Op>(*rc::gen::inRange(1, kOpCount + 1));
    r.nonce = *rc::gen::arbitrary<uint64_t>();
    r.time = *rc::gen::oneOf(rc::gen::inRange<Time>(0, 100 * kYear), rc::gen::arbitrary<Time>());
    Args& a = r.args;
    a.device = *rc::gen::arbitrary<uint32_t>();
    a.device2 = *rc::gen::arbitrary<uint32_t>();
    a.kind = static_cast<DeviceKind>(*rc::gen::inRange(0, 4));
    a.purpose = static_cast<Purpose>(*rc::gen::inRange(0, 2));
    a.protect = *rc::gen::arbitrary<bool>();
    for (uint8_t& b : a.key) b = *rc::gen::arbitrary<uint8_t>();
    a.duration = *rc::gen::inRange<Duration>(0, 100 * kYear);
    a.number = *rc::gen::arbitrary<uint32_t>();
    a.actor = *rc::gen::arbitrary<uint32_t>();
    a.actor2 = *rc::gen::arbitrary<uint32_t>();
    a.weight = *rc::gen::arbitrary<uint32_t>();
    a.asset = *rc::gen::arbitrary<uint32_t>();
    a.amount = *rc::gen::inRange<int64_t>(0, 1'000'000'000'000);
    a.code = *rc::gen::inRange<uint32_t>(0, 1'000'000);
    return r;
  });
}

std::vector<uint8_t> bytes(const Encoded& e) { return {e.bytes.begin(), e.bytes.begin() + e.size}; }

RC_GTEST_PROP(PureRequestEncoding, RoundTrips, ()) {
  const Request r = *gen_request();
  const Encoded e = encode(r);
  const auto back = decode(e.view());
  RC_ASSERT(back.has_value());
  RC_ASSERT(back->identity == r.identity && back->op == r.op && back->nonce == r.nonce &&
            back->time == r.time);
  RC_ASSERT(bytes(encode(*back)) == bytes(e));
  // What the op reads survives; what it does not read never changes the bytes.
  Request other = r;
  other.signers.clear();
  RC_ASSERT(bytes(encode(other)) == bytes(e));
}

RC_GTEST_PROP(PureRequestEncoding, DistinctRequestsHaveDistinctBytes, ()) {
  const Request a = *gen_request();
  Request b = a;
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      b.nonce ^= 1 + *rc::gen::inRange<uint64_t>(0, 1000);
      break;
    case 1:
      b.time ^= 1 + *rc::gen::inRange<int64_t>(0, 1000);
      break;
    case 2:
      b.identity ^= 1 + *rc::gen::inRange<uint32_t>(0, 1000);
      break;
    default:
      b.op = static_cast<Op>(static_cast<int>(a.op) % kOpCount + 1);
      break;
  }
  RC_ASSERT(bytes(encode(a)) != bytes(encode(b)));
}

// Canonicity: whatever bytes decode, they are exactly the encoding of what they decode to.
RC_GTEST_PROP(PureRequestEncoding, OnlyCanonicalBytesDecode, ()) {
  std::vector<uint8_t> b = bytes(encode(*gen_request()));
  const int edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits; ++i) {
    switch (*rc::gen::inRange(0, 4)) {
      case 0: {  // flip bits of one byte
        const std::size_t at = *rc::gen::inRange<std::size_t>(0, b.size());
        b[at] ^= static_cast<uint8_t>(*rc::gen::inRange(1, 256));
        break;
      }
      case 1:  // truncate
        if (!b.empty()) b.resize(*rc::gen::inRange<std::size_t>(0, b.size()));
        break;
      case 2:  // append
        b.push_back(*rc::gen::arbitrary<uint8_t>());
        break;
      default:  // set one byte to a boundary value
        if (!b.empty())
          b[*rc::gen::inRange<std::size_t>(0, b.size())] =
              *rc::gen::elementOf(std::vector<uint8_t>{0, 1, 2, 0xff});
        break;
    }
  }
  const auto r = decode(std::span<const uint8_t>(b.data(), b.size()));
  if (r) RC_ASSERT(bytes(encode(*r)) == b);
}

// ------------------------------------------------------------------ variant files

RC_GTEST_PROP(PureVariantFile, BuiltinsWithChangedValuesPrintAndParseBack, ()) {
  const auto names = builtin_variant_names();
  Result<Variant> loaded = load_variant(*rc::gen::elementOf(names));
  RC_ASSERT(loaded.ok());
  Variant v = *loaded;
  Policy& p = v.policy;
  // Changes no contradiction rule of variant.h can object to.
  p.max_devices = *rc::gen::inRange<uint32_t>(std::max<uint32_t>(1, p.max_seed_phrases),
                                              static_cast<uint32_t>(kMaxDevices) + 1);
  p.allow_remove_last_device = *rc::gen::arbitrary<bool>();
  p.session_max_ttl = *rc::gen::elementOf(std::vector<Duration>{kHour, kDay, 30 * kDay, kYear});
  p.session_default_ttl = *rc::gen::inRange<Duration>(1, p.session_max_ttl + 1);
  p.session_manages_devices = *rc::gen::arbitrary<bool>();
  p.notifications = p.notifications || *rc::gen::arbitrary<bool>();
  p.boundary = *rc::gen::element(Boundary::kInclusive, Boundary::kStrict);
  if (p.registration) {
    p.registration_window = *rc::gen::inRange<Duration>(1, 10 * kDay);
    p.registration_attempts = *rc::gen::inRange<uint32_t>(1, 10);
  }
  if (p.guardians && p.guardian_change_delay > 0)
    p.guardian_change_window = *rc::gen::elementOf(std::vector<Duration>{0, kHour, 12 * kHour});
  v.about =
      *rc::gen::elementOf(std::vector<std::string>{"", "a variant", "an \"about\" with quotes"});
  const std::string text = print_variant(v);
  Result<Variant> back = parse_variant(text, "changed.toml");
  RC_ASSERT(back.ok());
  RC_ASSERT(same_variant(v, *back));
  RC_ASSERT(print_variant(*back) == text);
}

// ------------------------------------------------------------------ traces

const std::vector<std::string>& all_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const InvariantInfo& i : catalogue()) out.emplace_back(i.id);
    return out;
  }();
  return ids;
}

Policy policy_of(const std::string& name) {
  Result<Variant> v = load_variant(name);
  RC_ASSERT(v.ok());
  return v->policy;
}

// The scenario of a random run writes, parses and writes back to the same text.
RC_GTEST_PROP(PureScenarioWriter, RandomRunsRoundTrip, ()) {
  const Policy policy = policy_of(*rc::gen::elementOf(builtin_variant_names()));
  const Commands commands = *gen_trace(policy);
  const auto run = run_trace(policy, commands, {}, true);
  const Scenario sc = scenario_from_run(run.model.world, "round-trip", {policy.name});
  const std::string text = write_scenario(sc);
  Result<Scenario> parsed = parse_scenario(text, "round-trip.scn");
  RC_ASSERT(parsed.ok());
  const std::string again = write_scenario(*parsed);
  RC_ASSERT(again == text);
  Result<Scenario> reparsed = parse_scenario(again, "again.scn");
  RC_ASSERT(reparsed.ok());
  RC_ASSERT(same_scenario(*parsed, *reparsed));
}

// Every generated action is applicable where it stands and prints as a line the parser
// accepts in context (the action lines after the standard world's setup).
RC_GTEST_PROP(PureActions, GeneratedActionsApplyAndParse, ()) {
  const Policy policy = policy_of(*rc::gen::elementOf(builtin_variant_names()));
  const Commands commands = *gen_trace(policy);
  randomized::Model m = randomized::make_model(policy);
  const Scenario setup = scenario_from_run(m.world, "actions", {policy.name});
  std::string text = write_scenario(setup);
  if (text.back() != '\n') text += '\n';
  text += "\n";
  for (const auto& c : commands) {
    std::string why;
    RC_ASSERT(randomized::applicable(m, randomized::action_of(c), &why));
    randomized::apply_action(m, randomized::action_of(c));
    text += action_line(randomized::action_of(c)) + "\n";
  }
  Result<Scenario> parsed = parse_scenario(text, "actions.scn");
  if (!parsed) RC_FAIL(parsed.error().str() + "\n" + text);
}

// Determinism: one Random and size give one command sequence and one trace.
RC_GTEST_PROP(PureDeterminism, SameSeedSameTraceHash, ()) {
  const Policy policy = policy_of(*rc::gen::elementOf(builtin_variant_names()));
  const uint64_t seed = *rc::gen::arbitrary<uint64_t>();
  const int size = *rc::gen::inRange(0, 60);
  const auto gen = gen_trace(policy);
  const Commands a = gen(rc::Random(seed), size).value();
  const Commands b = gen(rc::Random(seed), size).value();
  RC_ASSERT(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    RC_ASSERT(action_line(randomized::action_of(a[i])) == action_line(randomized::action_of(b[i])));
  const auto ra = run_trace(policy, a, all_ids(), true);
  const auto rb = run_trace(policy, b, all_ids(), true);
  RC_ASSERT(trace_hash(ra.model.world) == trace_hash(rb.model.world));
  RC_ASSERT(ra.violation.has_value() == rb.violation.has_value());
  if (ra.violation) RC_ASSERT(ra.violation->message == rb.violation->message);
}

// Ideal (Dolev-Yao) and real (Ed25519) crypto: the same trace, step by step.
RC_GTEST_PROP(PureCrypto, IdealAndRealAgree, ()) {
  Policy ideal = policy_of(*rc::gen::elementOf(builtin_variant_names()));
  ideal.crypto = CryptoBackend::kIdeal;
  Policy real = ideal;
  real.crypto = CryptoBackend::kReal;
  const Commands commands = *gen_trace(ideal);
  const auto a = run_trace(ideal, commands, all_ids(), true);
  const auto b = run_trace(real, commands, all_ids(), true);
  const auto& sa = a.model.world.steps();
  const auto& sb = b.model.world.steps();
  RC_ASSERT(sa.size() == sb.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    RC_ASSERT(sa[i].verdict == sb[i].verdict);
    RC_ASSERT(sa[i].reject == sb[i].reject);
    RC_ASSERT(hash(sa[i].after) == hash(sb[i].after));
  }
  RC_ASSERT(trace_hash(a.model.world) == trace_hash(b.model.world));
  RC_ASSERT(a.violation.has_value() == b.violation.has_value());
}

}  // namespace
}  // namespace reclaim
