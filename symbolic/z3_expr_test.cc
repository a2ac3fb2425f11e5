// The encoding's term type releases what an assignment overwrites (z3_expr.h).
#include "symbolic/z3_expr.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace reclaim::sym {
namespace {

// Bytes Z3 holds. Freed terms go back to Z3's pools and are reused, so a loop that keeps one
// term alive at a time stays flat; one that leaks grows with every iteration.
double megabytes() { return static_cast<double>(Z3_get_estimated_alloc_size()) / 1e6; }

TEST(Z3Expr, MoveAssignmentReleasesTheTermItOverwrites) {
  z3::context c;
  const z3::expr x = c.int_const("x");
  expr e = x + c.int_val(-1);
  for (int warm = 0; warm < 1000; ++warm) e = x + c.int_val(warm);
  const double before = megabytes();
  // 200000 distinct terms, each moved over the last: leaked, they hold tens of megabytes.
  for (int k = 0; k < 200000; ++k) e = x + c.int_val(1000000 + k);
  const double grown = megabytes() - before;
  EXPECT_LT(grown, 4.0) << "each overwritten term stayed referenced: " << grown << " MB";
  EXPECT_TRUE(z3::eq(e, x + c.int_val(1000000 + 199999)));
}

TEST(Z3Expr, AssignmentKeepsTheValueAndTheSourceUsable) {
  z3::context c;
  const z3::expr x = c.int_const("x"), y = c.int_const("y");
  expr a = x;
  expr b = y + c.int_val(1);
  a = std::move(b);  // expr from expr
  EXPECT_TRUE(z3::eq(a, y + c.int_val(1)));
  a = x * c.int_val(2);  // expr from a z3::expr temporary
  EXPECT_TRUE(z3::eq(a, x * c.int_val(2)));
  expr& same = a;
  a = std::move(same);  // onto itself
  EXPECT_TRUE(z3::eq(a, x * c.int_val(2)));
  const expr copy = a;
  a = y;
  EXPECT_TRUE(z3::eq(copy, x * c.int_val(2)));
  EXPECT_TRUE(z3::eq(a, y));
}

}  // namespace
}  // namespace reclaim::sym
