// Z3 evaluating the relation on numerals (see evaluate.h).
#include "symbolic/evaluate.h"

namespace reclaim::sym {
namespace {

// One term holding all `terms` as arguments, so that a single substitute-and-simplify call
// shares the work over their common subterms.
expr tuple(z3::context& c, const std::vector<expr>& terms, const char* name) {
  z3::sort_vector sorts(c);
  z3::expr_vector args(c);
  for (const expr& t : terms) {
    sorts.push_back(t.get_sort());
    args.push_back(t);
  }
  return c.function(name, sorts, c.bool_sort())(args);
}

}  // namespace

std::optional<int64_t> int_value(const expr& e) {
  int64_t v = 0;
  if (numeral(e, &v)) return v;
  return std::nullopt;
}

std::optional<bool> bool_value(const expr& e) {
  if (e.is_true()) return true;
  if (e.is_false()) return false;
  return std::nullopt;
}

SymAction numeral_action(z3::context& c, const Scope& scope) { return make_action(c, scope); }

Evaluator::Evaluator(const Encoding& enc)
    : enc_(enc),
      pre_(fresh(enc.ctx(), make_state(enc.ctx(), enc.scope()), "pre")),
      act_(fresh(enc.ctx(), make_action(enc.ctx(), enc.scope()), "act")),
      inv_(enc),
      due_(enc.reaction_due(pre_)),
      time_(enc.reaction_time(pre_)) {
  for (int kind = 0; kind < 4; ++kind) {
    SymAction a = act_;
    a.kind = enc.ctx().int_val(kind);
    Template tp{enc.step(pre_, a), {}, enc.valid_parts(pre_, a)};
    tp.outputs = fields_of(tp.t.post);
    tp.outputs.push_back(tp.t.valid);
    tp.outputs.push_back(tp.t.oos);
    for (const Micro& m : tp.t.micro) {
      tp.outputs.push_back(m.active);
      tp.outputs.push_back(m.reactive);
      for (const expr& x : fields_of(m.out)) tp.outputs.push_back(x);
    }
    for (int k = 0; k < static_cast<int>(inv_.ids().size()); ++k) {
      tp.outputs.push_back(inv_.violated(k, tp.t));
      tp.outputs.push_back(inv_.violated_at_end(k, tp.t.post));
    }
    templates_.push_back(std::move(tp));
  }
}

std::vector<expr> Evaluator::reduce(const std::vector<expr>& outputs, const SymState& pre,
                                    const SymAction* a) const {
  z3::context& c = enc_.ctx();
  z3::expr_vector src(c), dst(c);
  const std::vector<expr> pv = fields_of(pre_), pn = fields_of(pre);
  for (std::size_t i = 0; i < pv.size(); ++i) {
    src.push_back(pv[i]);
    dst.push_back(pn[i]);
  }
  if (a != nullptr) {
    const std::vector<expr> av = fields_of(act_), an = fields_of(*a);
    for (std::size_t i = 0; i < av.size(); ++i) {
      src.push_back(av[i]);
      dst.push_back(an[i]);
    }
  }
  expr t = tuple(c, outputs, "outputs");
  expr r = t.substitute(src, dst).simplify();
  std::vector<expr> out;
  for (unsigned i = 0; i < r.num_args(); ++i) out.push_back(r.arg(i));
  return out;
}

Evaluated Evaluator::step(const SymState& pre, const SymAction& a) const {
  Evaluated ev{make_state(enc_.ctx(), enc_.scope()), false, "", false, {}, {}, {}, ""};
  const int kind = static_cast<int>(int_value(a.kind).value_or(0));
  if (kind < 0 || kind > 3) {
    ev.error = "an action of no kind";
    return ev;
  }
  const Template& tp = templates_[static_cast<std::size_t>(kind)];
  const std::vector<expr> r = reduce(tp.outputs, pre, &a);
  std::size_t i = 0;
  auto next_bool = [&](const char* what) {
    std::optional<bool> b = bool_value(r[i++]);
    if (!b && ev.error.empty())
      ev.error = std::string(what) + " did not reduce: " + r[i - 1].to_string();
    return b.value_or(false);
  };
  const std::vector<std::string> names = field_names(pre_);
  std::vector<expr> post;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const expr& x = r[i++];
    if (!x.is_numeral() && !x.is_true() && !x.is_false() && ev.error.empty())
      ev.error = "post " + names[k] + " did not reduce: " + x.to_string();
    post.push_back(x);
  }
  ev.post = with_fields(pre_, post);
  ev.valid = next_bool("valid");
  if (!ev.valid) {
    std::vector<expr> parts;
    for (const auto& p : tp.parts) parts.push_back(p.second);
    const std::vector<expr> pr = reduce(parts, pre, &a);
    for (std::size_t k = 0; k < pr.size(); ++k)
      if (!pr[k].is_true()) ev.invalid += " " + tp.parts[k].first;
  }
  ev.oos = next_bool("oos");
  for (const Micro& m : tp.t.micro) {
    MicroValues mv{m.kind, false, false, 0, 0, -1, 0, false, false, false, false, ev.post};
    mv.active = next_bool("micro active");
    mv.reactive = next_bool("micro reactive");
    StepOut o = m.out;
    std::vector<expr> of;
    for (std::size_t k = 0; k < fields_of(o).size(); ++k) of.push_back(r[i++]);
    o = with_fields(o, of);
    mv.verdict = int_value(o.verdict).value_or(-1);
    mv.reject = int_value(o.reject).value_or(-1);
    mv.rule = int_value(o.rule).value_or(-2);
    mv.change = int_value(o.change).value_or(-1);
    mv.notified = bool_value(o.notified).value_or(false);
    mv.remembered = bool_value(o.remembered).value_or(false);
    mv.oos = bool_value(o.oos).value_or(false);
    mv.completed = bool_value(o.completed).value_or(false);
    ev.micro.push_back(mv);
  }
  for (std::size_t k = 0; k < inv_.ids().size(); ++k) {
    ev.violated.push_back(next_bool("violated"));
    ev.violated_at_end.push_back(next_bool("violated at end"));
  }
  return ev;
}

bool Evaluator::reaction_due(const SymState& s) const {
  const std::vector<expr> r = reduce({due_}, s, nullptr);
  return bool_value(r[0]).value_or(false);
}

int64_t Evaluator::reaction_time(const SymState& s) const {
  const std::vector<expr> r = reduce({time_}, s, nullptr);
  return int_value(r[0]).value_or(kNever);
}

}  // namespace reclaim::sym
