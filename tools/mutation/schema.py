"""Mutant schemata: every mutant of a file compiled into it at once, each behind a test of the
number the environment names (RECLAIM_MUTANT=N; unset or 0: none, the rules as written), so
that one build serves the whole campaign and a mutant costs only its engine runs.

  comparison  L < R     ->  (reclaim_mutant_is(N) ? (L >= R) : ... : (L < R))
  constant    5         ->  (reclaim_mutant_is(N) ? 6 : ... : 5)
  not         if (C)    ->  if ((reclaim_mutant_is(N) != static_cast<bool>(C)))
  drop-cond   A && B    ->  (reclaim_mutant_is(N) || (A)) && B     (|| : (!is(N) && (A)))
  drop-stmt   S;        ->  { if (!reclaim_mutant_is(N)) { S; } }

Rewrites nest: the inner ones are part of the operands an outer one copies. A mutant whose
range partly overlaps another's gets no schema and is judged by its own build instead (as is
one whose schema does not compile). The copy a comparison makes is written on one line
without comments, so line numbers (and compiler messages) stay those of the original.
"""

from __future__ import annotations

from cxx import Source
from mutants import Mutant

PRELUDE = """\
#include <cstdlib>  // mutant schema (tools/mutation/schema.py): not part of the rules
namespace {
const unsigned long reclaim_active_mutant = [] {
  const char* e = std::getenv("RECLAIM_MUTANT");
  return e == nullptr ? 0ul : std::strtoul(e, nullptr, 10);
}();
inline bool reclaim_mutant_is(unsigned long n) { return reclaim_active_mutant == n; }
}  // namespace
"""

ORDER = {"cmp": 0, "const": 0, "and-true": 1, "or-false": 1, "not": 2, "skip": 3}


class Node:
    def __init__(self, a: int, b: int):
        self.a, self.b = a, b
        self.mutants: list[tuple[int, Mutant]] = []
        self.children: list[Node] = []


def build_tree(mutants: list[tuple[int, Mutant]]) -> tuple[list[Node], list[Mutant]]:
    """Nodes by range, nested; returns the roots and the mutants left out (partial overlap)."""
    by_range: dict[tuple[int, int], Node] = {}
    for n, m in mutants:
        by_range.setdefault((m.a, m.b), Node(m.a, m.b)).mutants.append((n, m))
    nodes = sorted(by_range.values(), key=lambda x: (x.a, -x.b))
    roots: list[Node] = []
    stack: list[Node] = []
    left_out: list[Mutant] = []
    for node in nodes:
        while stack and stack[-1].b < node.a:
            stack.pop()
        if stack and node.b > stack[-1].b:  # starts inside the top, ends beyond it
            left_out += [m for _, m in node.mutants]
            continue
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots, left_out


class Renderer:
    def __init__(self, src: Source):
        self.src = src

    def span(self, a: int, b: int, children: list[Node], flat: bool) -> str:
        """Tokens a..b with the children inside rewritten. Not flat: the original text between
        tokens (comments, newlines); flat: tokens joined by spaces."""
        s, out, k = self.src, [], a
        kids = [c for c in children if a <= c.a and c.b <= b]
        while k <= b:
            child = next((c for c in kids if c.a == k), None)
            if child is not None:
                out.append(self.node(child, flat))
                nxt = child.b + 1
            else:
                out.append(s.tokens[k].text)
                nxt = k + 1
            if nxt <= b:
                if flat:
                    out.append(" ")
                else:
                    out.append(s.text[s.tokens[nxt - 1].end:s.tokens[nxt].start])
            k = nxt
        return "".join(out)

    def node(self, node: Node, flat: bool) -> str:
        ms = sorted(node.mutants, key=lambda x: (ORDER[x[1].schema], x[0]))
        cmps = [(n, m) for n, m in ms if m.schema == "cmp"]
        consts = [(n, m) for n, m in ms if m.schema == "const"]
        if cmps:
            o = cmps[0][1].op_token
            left = self.span(node.a, o - 1, node.children, True)
            right = self.span(o + 1, node.b, node.children, True)
            text = "(" + "".join(f"reclaim_mutant_is({n}) ? ({left} {m.new_text} {right}) : "
                                 for n, m in cmps)
            text += "(" + self.span(node.a, node.b, node.children, flat) + "))"
        elif consts:
            text = "(" + "".join(f"reclaim_mutant_is({n}) ? {m.new_text} : " for n, m in consts)
            text += self.src.tokens[node.a].text + ")"
        else:
            text = self.span(node.a, node.b, node.children, flat)
        for n, m in ms:
            if m.schema == "and-true":
                text = f"(reclaim_mutant_is({n}) || ({text}))"
            elif m.schema == "or-false":
                text = f"(!reclaim_mutant_is({n}) && ({text}))"
            elif m.schema == "not":
                text = f"(reclaim_mutant_is({n}) != static_cast<bool>({text}))"
            elif m.schema == "skip":
                text = f"{{ if (!reclaim_mutant_is({n})) {{ {text} }} }}"
        return text


def render(text: str, rel: str, mutants: list[tuple[int, Mutant]]) -> tuple[str, list[Mutant]]:
    """The file with every given mutant (number, mutant) compiled in; also the mutants that
    could not be (no schema, or a partial overlap)."""
    src = Source(rel, text)
    with_schema = [(n, m) for n, m in mutants if m.schema]
    left_out = [m for n, m in mutants if not m.schema]
    roots, overlap = build_tree(with_schema)
    left_out += overlap
    r = Renderer(src)
    out, pos = [], 0
    for node in roots:
        out.append(text[pos:src.tokens[node.a].start])
        out.append(r.node(node, False))
        pos = src.tokens[node.b].end
    out.append(text[pos:])
    body = "".join(out)
    # The prelude goes after the last #include; a #line directive keeps the numbering.
    lines = body.split("\n")
    last = max((i for i, ln in enumerate(lines) if ln.startswith("#include")), default=-1)
    lines.insert(last + 1, PRELUDE + f"#line {last + 2}")
    return "\n".join(lines), left_out
