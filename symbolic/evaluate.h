// Z3 evaluating the transition relation on concrete values. The relation is built once over
// symbolic inputs (a state named "pre" and an action named "act"); evaluating a step
// substitutes numerals for those inputs and lets Z3's simplifier reduce every output — the
// post state, the validity of the action, the scope, each micro step's outputs and
// invariant verdicts — to numerals. The same terms the search solves over are the ones the
// differential phase evaluates, so a rule the two implementations disagree on shows here.
#ifndef RECLAIM_SYMBOLIC_EVALUATE_H_
#define RECLAIM_SYMBOLIC_EVALUATE_H_

#include <optional>
#include <string>
#include <vector>

#include "symbolic/invariants.h"
#include "symbolic/step.h"

namespace reclaim::sym {

// A numeral's value; nullopt when the term is not a numeral (an encoding bug).
std::optional<int64_t> int_value(const expr& e);
std::optional<bool> bool_value(const expr& e);

struct MicroValues {
  MicroKind kind;
  bool active = false;
  bool reactive = false;
  int64_t verdict = 0, reject = 0, rule = -1, change = 0;
  bool notified = false, remembered = false, oos = false, completed = false;
  SymState post;  // numerals
};

struct Evaluated {
  SymState post;  // numerals
  bool valid = false;
  std::string invalid;  // the validity conjuncts the action breaks
  bool oos = false;
  std::vector<MicroValues> micro;
  // Per encoded invariant (Invariants::ids() order): a micro step of this step violates it.
  std::vector<bool> violated;
  // Per encoded invariant: the state after this step violates its end-of-run judgment.
  std::vector<bool> violated_at_end;
  std::string error;  // non-empty when some output did not reduce to a numeral
};

class Evaluator {
 public:
  explicit Evaluator(const Encoding& enc);
  Evaluated step(const SymState& pre, const SymAction& a) const;
  bool reaction_due(const SymState& s) const;
  int64_t reaction_time(const SymState& s) const;
  const Invariants& invariants() const { return inv_; }

 private:
  // The relation for one kind of action (the action's kind fixed, the rest symbolic): each
  // evaluation substitutes into the part of the relation its action can take.
  struct Template {
    Transition t;
    std::vector<expr> outputs;
    std::vector<std::pair<std::string, expr>> parts;
  };
  std::vector<expr> reduce(const std::vector<expr>& outputs, const SymState& pre,
                           const SymAction* a) const;

  const Encoding& enc_;
  SymState pre_;
  SymAction act_;
  Invariants inv_;
  std::vector<Template> templates_;  // by ActionKind
  expr due_, time_;
};

// A SymAction of numerals with every field at its default (make_action), for building
// concrete actions field by field.
SymAction numeral_action(z3::context& c, const Scope& scope);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_EVALUATE_H_
