// The encoding's term type: a z3::expr whose move assignment releases the term it held.
//
// z3++.h up to Z3 4.8.12 (Debian's) moves a term over another without releasing the one
// overwritten, so every `e = <temporary>` left a reference behind. The encoding assigns
// terms this way throughout (fresh constants over a shape, If chains, states merged field by
// field), so nothing a search built was ever freed: the terms lived until the context went,
// and Z3 frees a context that still holds terms layer by layer over all of them. A deep BMC
// search then spent longer tearing its context down than searching (timelock, 60 s budget:
// 37 s freeing the context of 244 depths after the search had stopped on the budget).
// Copy assignment is right in every version; this type assigns by copying, then lets the
// moved-from term go.
#ifndef RECLAIM_SYMBOLIC_Z3_EXPR_H_
#define RECLAIM_SYMBOLIC_Z3_EXPR_H_

#include <z3++.h>

#include <utility>

namespace reclaim::sym {

class expr : public z3::expr {
 public:
  using z3::expr::expr;
  expr(const z3::expr& e) : z3::expr(e) {}                  // NOLINT: a term is a term
  expr(z3::expr&& e) noexcept : z3::expr(std::move(e)) {}  // NOLINT
  expr(const expr&) = default;
  expr(expr&&) noexcept = default;
  ~expr() = default;
  expr& operator=(const z3::expr& other) {
    z3::expr::operator=(other);
    return *this;
  }
  expr& operator=(const expr& other) {
    z3::expr::operator=(other);
    return *this;
  }
  // Copy, then the moved-from term releases its own reference when it goes.
  expr& operator=(z3::expr&& other) {
    z3::expr::operator=(static_cast<const z3::expr&>(other));
    return *this;
  }
  expr& operator=(expr&& other) {
    z3::expr::operator=(static_cast<const z3::expr&>(other));
    return *this;
  }
};

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_Z3_EXPR_H_
