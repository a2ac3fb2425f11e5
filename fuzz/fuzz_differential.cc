// fuzz_differential: the same decoded trace (protocol_input.h) through the ideal (Dolev-Yao)
// and the real (libsodium Ed25519) crypto backends must agree step for step: the same steps,
// verdicts, reject codes, rules, pending-change numbers, states and knowledge. The backends
// differ only in signature bytes, which no state holds (crypto.h). The ideal run is also
// taken, step by step, by the symbolic encoding (symbolic/differential.h), evaluated by Z3 on
// its concrete values: the same verdicts, rules and abstracted states, the reactive owner's
// answers, the invariants' first violations. A run leaving the encoding's scope is compared
// up to its edge; a variant with settings the encoding does not model (symbolic/coverage.h:
// Argent's and Candide's fidelity rules) is not compared with it. A disagreement prints both
// sides and aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "fuzz/util/harness.h"
#include "fuzz/util/mutator.h"
#include "fuzz/util/protocol_input.h"
#include "symbolic/coverage.h"
#include "symbolic/differential.h"

namespace {

using namespace reclaim;

std::string show(const Step& s) {
  std::string out = "kind=" + std::to_string(static_cast<int>(s.kind)) +
                    " time=" + std::to_string(s.time) + " actor=" + std::to_string(s.actor);
  if (s.kind == Step::Kind::kRequest)
    out += " op=" + std::string(op_name(s.request.op)) + " verdict=" +
           std::string(verdict_name(s.verdict)) + " reject=" + std::string(reject_name(s.reject)) +
           " rule=" + std::string(s.rule) + " change=" + std::to_string(s.change);
  return out + " state=" + std::to_string(hash(s.after));
}

bool same_step(const Step& a, const Step& b) {
  return a.kind == b.kind && a.time == b.time && a.actor == b.actor &&
         a.reactive == b.reactive && a.verdict == b.verdict && a.reject == b.reject &&
         a.rule == b.rule && a.change == b.change && a.receiver == b.receiver &&
         a.event == b.event && a.device == b.device && a.after == b.after &&
         a.knowledge == b.knowledge && a.matured.size() == b.matured.size();
}

// The encoding of each campaign variant, built on first use (one Z3 context each). The scope
// is wider than the search's so that fuzz runs go further before its edge.
struct Symbolic {
  z3::context c;
  std::unique_ptr<sym::Encoding> enc;
  std::unique_ptr<sym::Evaluator> ev;
  bool covers = false;  // the encoding models every setting of the policy
};

const Symbolic& symbolic_for(const Policy& policy) {
  static std::map<std::string, std::unique_ptr<Symbolic>> cache;
  std::unique_ptr<Symbolic>& s = cache[policy.name];
  if (!s) {
    s = std::make_unique<Symbolic>();
    s->covers = sym::unencoded_settings(policy).empty();
    s->enc = std::make_unique<sym::Encoding>(s->c, policy, sym::wide_scope());
    s->ev = std::make_unique<sym::Evaluator>(*s->enc);
  }
  return *s;
}

[[noreturn]] void symbolic_disagrees(const std::string& what) {
  std::fprintf(stderr, "==reclaim-fuzz== DIFFERENTIAL model vs symbolic encoding disagree: %s\n",
               what.c_str());
  std::abort();
}

[[noreturn]] void disagree(const World& ideal, std::size_t i, const std::string& what) {
  std::fprintf(stderr, "==reclaim-fuzz== DIFFERENTIAL ideal vs real crypto disagree at step %zu: %s\n",
               i, what.c_str());
  if (i < ideal.steps().size()) std::fprintf(stderr, "  ideal: %s\n", show(ideal.steps()[i]).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  reclaim::fuzz::keep_freed_memory();
  reclaim::fuzz::find_variants(argc != nullptr && *argc > 0 ? (*argv)[0] : nullptr);
  (void)reclaim::fuzz::campaign();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reclaim::fuzz;
  const Input input = decode_input({data, size});
  const CampaignVariant& cv = campaign().pick(input.header);
  Policy ideal_policy = cv.variant.policy, real_policy = cv.variant.policy;
  ideal_policy.crypto = CryptoBackend::kIdeal;
  real_policy.crypto = CryptoBackend::kReal;
  Driver ideal(ideal_policy, input.header, cv.force_reactive);
  Driver real(real_policy, input.header, cv.force_reactive);
  std::size_t checked = 0;
  auto compare = [&]() {
    const auto& a = ideal.world().steps();
    const auto& b = real.world().steps();
    if (a.size() != b.size())
      disagree(ideal.world(), std::min(a.size(), b.size()),
               "step counts " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
    for (; checked < a.size(); ++checked)
      if (!same_step(a[checked], b[checked]))
        disagree(ideal.world(), checked, "real: " + show(b[checked]));
  };
  compare();
  const Symbolic& symbolic = symbolic_for(ideal_policy);
  sym::TraceCheck trace(*symbolic.enc, *symbolic.ev, ideal.world());
  bool in_scope = symbolic.covers && trace.start(false);
  auto take = [&]() {
    if (!in_scope) return;
    in_scope = trace.sync();
    if (!in_scope && !trace.left_scope()) symbolic_disagrees(trace.failure());
  };
  take();
  for (const Action& a : input.actions) {
    const bool x = ideal.apply(a), y = real.apply(a);
    if (x != y) disagree(ideal.world(), ideal.world().steps().size(), "one backend did nothing");
    compare();
    take();
  }
  if (!(ideal.world().state() == real.world().state()))
    disagree(ideal.world(), ideal.world().steps().size(), "final states differ");
  if (symbolic.covers && !trace.judge_invariants(false)) symbolic_disagrees(trace.failure());
  return 0;
}

#include "fuzz/util/custom_mutator.h"  // the structure-aware mutator hooks
