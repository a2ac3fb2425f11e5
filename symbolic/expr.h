// Term helpers of the symbolic encoding: Z3 constructors that fold what is already known.
// The encoding reads the Policy in C++, so most branches it builds have a literal condition
// (a feature the policy lacks, an op fixed by a reaction); folding them away keeps the
// transition relation as small as the policy allows. Folding only ever replaces a term by an
// equal one: `If(true, a, b)` is `a`, `Eq(3, 3)` is `true`, `If(c, a, a)` is `a`.
#ifndef RECLAIM_SYMBOLIC_EXPR_H_
#define RECLAIM_SYMBOLIC_EXPR_H_

#include <z3++.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "symbolic/z3_expr.h"

namespace reclaim::sym {

// Is `e` an integer numeral that fits int64? Sets *v.
bool numeral(const expr& e, int64_t* v);

expr Int(z3::context& c, int64_t v);
expr Bool(z3::context& c, bool v);

expr Not(const expr& a);
expr And(const expr& a, const expr& b);
expr Or(const expr& a, const expr& b);
expr Implies(const expr& a, const expr& b);
expr AndAll(const std::vector<expr>& terms, z3::context& c);
expr OrAll(const std::vector<expr>& terms, z3::context& c);
expr If(const expr& cond, const expr& then, const expr& otherwise);

// Integer comparisons and arithmetic (Bool operands for Eq/Ne are allowed).
expr Eq(const expr& a, const expr& b);
expr Ne(const expr& a, const expr& b);
expr Lt(const expr& a, const expr& b);
expr Le(const expr& a, const expr& b);
inline expr Gt(const expr& a, const expr& b) { return Lt(b, a); }
inline expr Ge(const expr& a, const expr& b) { return Le(b, a); }
expr Add(const expr& a, const expr& b);
expr Sub(const expr& a, const expr& b);
expr Mul(const expr& a, int64_t k);
expr Min(const expr& a, const expr& b);
// 1 when `b` holds, else 0.
expr Count(const expr& b);
// The sum of the terms (0 for none).
expr Sum(const std::vector<expr>& terms, z3::context& c);
// v[index] for a symbolic index in [0, v.size()); `otherwise` outside that range.
expr Select(const std::vector<expr>& v, const expr& index, const expr& otherwise);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_EXPR_H_
