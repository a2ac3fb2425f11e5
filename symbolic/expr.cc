// Folding term constructors (see expr.h).
#include "symbolic/expr.h"

namespace reclaim::sym {
namespace {

bool same(const expr& a, const expr& b) { return z3::eq(a, b); }

// a op b on int64 when both are numerals and the result fits; false otherwise. `op` returns
// true on overflow (the __builtin_*_overflow convention).
template <typename Op>
bool fold(const expr& a, const expr& b, Op op, int64_t* out) {
  int64_t x = 0, y = 0;
  if (!numeral(a, &x) || !numeral(b, &y)) return false;
  return !op(x, y, out);
}

}  // namespace

bool numeral(const expr& e, int64_t* v) {
  if (!e.is_numeral() || !e.is_int()) return false;
  return e.is_numeral_i64(*v);
}

expr Int(z3::context& c, int64_t v) { return c.int_val(v); }
expr Bool(z3::context& c, bool v) { return c.bool_val(v); }

expr Not(const expr& a) {
  if (a.is_true()) return a.ctx().bool_val(false);
  if (a.is_false()) return a.ctx().bool_val(true);
  if (a.is_app() && a.decl().decl_kind() == Z3_OP_NOT) return a.arg(0);
  return !a;
}

expr And(const expr& a, const expr& b) {
  if (a.is_false() || b.is_true()) return a;
  if (b.is_false() || a.is_true()) return b;
  if (same(a, b)) return a;
  return a && b;
}

expr Or(const expr& a, const expr& b) {
  if (a.is_true() || b.is_false()) return a;
  if (b.is_true() || a.is_false()) return b;
  if (same(a, b)) return a;
  return a || b;
}

expr Implies(const expr& a, const expr& b) { return Or(Not(a), b); }

expr AndAll(const std::vector<expr>& terms, z3::context& c) {
  z3::expr_vector kept(c);
  for (const expr& t : terms) {
    if (t.is_false()) return t;
    if (!t.is_true()) kept.push_back(t);
  }
  if (kept.empty()) return c.bool_val(true);
  if (kept.size() == 1) return kept[0];
  return z3::mk_and(kept);
}

expr OrAll(const std::vector<expr>& terms, z3::context& c) {
  z3::expr_vector kept(c);
  for (const expr& t : terms) {
    if (t.is_true()) return t;
    if (!t.is_false()) kept.push_back(t);
  }
  if (kept.empty()) return c.bool_val(false);
  if (kept.size() == 1) return kept[0];
  return z3::mk_or(kept);
}

expr If(const expr& cond, const expr& then, const expr& otherwise) {
  if (cond.is_true() || same(then, otherwise)) return then;
  if (cond.is_false()) return otherwise;
  if (then.is_bool()) {
    if (then.is_true() && otherwise.is_false()) return cond;
    if (then.is_false() && otherwise.is_true()) return Not(cond);
    if (then.is_true()) return Or(cond, otherwise);
    if (otherwise.is_false()) return And(cond, then);
  }
  return z3::ite(cond, then, otherwise);
}

expr Eq(const expr& a, const expr& b) {
  if (same(a, b)) return a.ctx().bool_val(true);
  int64_t x = 0, y = 0;
  if (numeral(a, &x) && numeral(b, &y)) return a.ctx().bool_val(x == y);
  if (a.is_bool()) {
    if ((a.is_true() || a.is_false()) && (b.is_true() || b.is_false()))
      return a.ctx().bool_val(a.is_true() == b.is_true());
    if (a.is_true()) return b;
    if (b.is_true()) return a;
    if (a.is_false()) return Not(b);
    if (b.is_false()) return Not(a);
  }
  return a == b;
}

expr Ne(const expr& a, const expr& b) { return Not(Eq(a, b)); }

expr Lt(const expr& a, const expr& b) {
  int64_t x = 0, y = 0;
  if (numeral(a, &x) && numeral(b, &y)) return a.ctx().bool_val(x < y);
  if (same(a, b)) return a.ctx().bool_val(false);
  return a < b;
}

expr Le(const expr& a, const expr& b) {
  int64_t x = 0, y = 0;
  if (numeral(a, &x) && numeral(b, &y)) return a.ctx().bool_val(x <= y);
  if (same(a, b)) return a.ctx().bool_val(true);
  return a <= b;
}

expr Add(const expr& a, const expr& b) {
  int64_t r = 0;
  if (fold(
          a, b, [](int64_t x, int64_t y, int64_t* o) { return __builtin_add_overflow(x, y, o); },
          &r))
    return a.ctx().int_val(r);
  int64_t v = 0;
  if (numeral(b, &v) && v == 0) return a;
  if (numeral(a, &v) && v == 0) return b;
  return a + b;
}

expr Sub(const expr& a, const expr& b) {
  int64_t r = 0;
  if (fold(
          a, b, [](int64_t x, int64_t y, int64_t* o) { return __builtin_sub_overflow(x, y, o); },
          &r))
    return a.ctx().int_val(r);
  int64_t v = 0;
  if (numeral(b, &v) && v == 0) return a;
  return a - b;
}

expr Mul(const expr& a, int64_t k) {
  int64_t v = 0;
  int64_t r = 0;
  if (numeral(a, &v) && !__builtin_mul_overflow(v, k, &r)) return a.ctx().int_val(r);
  if (k == 1) return a;
  if (k == 0) return a.ctx().int_val(0);
  return a * a.ctx().int_val(k);
}

expr Min(const expr& a, const expr& b) { return If(Le(a, b), a, b); }

expr Count(const expr& b) { return If(b, b.ctx().int_val(1), b.ctx().int_val(0)); }

expr Sum(const std::vector<expr>& terms, z3::context& c) {
  expr out = c.int_val(0);
  for (const expr& t : terms) out = Add(out, t);
  return out;
}

expr Select(const std::vector<expr>& v, const expr& index, const expr& otherwise) {
  expr out = otherwise;
  for (std::size_t i = v.size(); i-- > 0;)
    out = If(Eq(index, index.ctx().int_val(static_cast<int64_t>(i))), v[i], out);
  return out;
}

}  // namespace reclaim::sym
