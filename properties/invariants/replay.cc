// REPLAY: no signed request is accepted twice.
//
// Precisely: over the whole trace, no two request steps that were accepted or made pending
// carry requests with the same canonical encoding (compared by its 64-bit digest; the
// encoding covers identity, op, nonce, time and arguments, not the signatures, so a request
// re-sent with other signatures is still the same request). This covers unsigned requests
// too (add-tentative): a replayed offer is a replay all the same. The checker keeps the
// digests of every effective request in an open-addressing set (amortized O(1) per step).
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "REPLAY";
constexpr std::string_view kStatement =
    "No two accepted-or-pending request steps of a trace carry the same request: equal "
    "canonical encodings (identity, op, nonce, time and arguments; signatures are not part "
    "of it), compared by digest. Unsigned requests count too.";

class ReplayChecker final : public CheckerOf<ReplayChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return seen_.digest(); }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (!effective(step)) return std::nullopt;
    const Digest d = digest_of(step.request);
    if (!seen_.insert(d))  // already there
      return violation(kId, index,
                       step_label(world, step) + ": the same request was already accepted");
    return std::nullopt;
  }

 private:
  DigestSet seen_;
};

}  // namespace

Entry replay_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<ReplayChecker>(); }};
}

}  // namespace reclaim::inv
