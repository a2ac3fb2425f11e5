// The folding constructors build terms equal to the plain Z3 ones: on random integer and
// Boolean numerals (and on symbolic operands) each folded term and its unfolded twin agree
// after Z3's simplifier.
#include "symbolic/expr.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace reclaim::sym {
namespace {

bool same_value(const expr& a, const expr& b) {
  const expr d = (a == b).simplify();
  return d.is_true();
}

RC_GTEST_PROP(Fold, AgreesWithZ3OnNumerals, (int32_t x, int32_t y, bool p, bool q)) {
  z3::context c;
  const expr a = c.int_val(x), b = c.int_val(y), u = c.bool_val(p), v = c.bool_val(q);
  RC_ASSERT(same_value(Add(a, b), a + b));
  RC_ASSERT(same_value(Sub(a, b), a - b));
  RC_ASSERT(same_value(Mul(a, 3), a * 3));
  RC_ASSERT(same_value(Eq(a, b), a == b));
  RC_ASSERT(same_value(Lt(a, b), a < b));
  RC_ASSERT(same_value(Le(a, b), a <= b));
  RC_ASSERT(same_value(Min(a, b), z3::ite(a <= b, a, b)));
  RC_ASSERT(same_value(And(u, v), u && v));
  RC_ASSERT(same_value(Or(u, v), u || v));
  RC_ASSERT(same_value(Not(u), !u));
  RC_ASSERT(same_value(If(u, a, b), z3::ite(u, a, b)));
  RC_ASSERT(same_value(If(u, v, c.bool_val(true)), z3::ite(u, v, c.bool_val(true))));
  RC_ASSERT(same_value(Count(u), z3::ite(u, c.int_val(1), c.int_val(0))));
  RC_ASSERT(same_value(Select({a, b}, c.int_val(p ? 1 : 0), c.int_val(7)), p ? b : a));
}

TEST(Fold, KeepsSymbolicTermsSymbolicAndFoldsOnlyWhatIsKnown) {
  z3::context c;
  const expr x = c.int_const("x"), p = c.bool_const("p");
  EXPECT_TRUE(z3::eq(If(c.bool_val(true), x, c.int_val(3)), x));
  EXPECT_TRUE(z3::eq(If(p, x, x), x));
  EXPECT_TRUE(z3::eq(And(p, c.bool_val(true)), p));
  EXPECT_TRUE(And(p, c.bool_val(false)).is_false());
  EXPECT_TRUE(z3::eq(Add(x, c.int_val(0)), x));
  EXPECT_TRUE(Eq(x, x).is_true());
  EXPECT_FALSE(Eq(x, c.int_val(1)).is_true());
  // No fold across an overflow: the term stays Z3's, which has unbounded integers.
  const expr big = c.int_val(INT64_MAX);
  EXPECT_FALSE(Add(big, c.int_val(1)).is_numeral() &&
               Add(big, c.int_val(1)).get_numeral_int64() < 0);
  EXPECT_TRUE(same_value(Add(big, c.int_val(1)), big + c.int_val(1)));
}

}  // namespace
}  // namespace reclaim::sym
