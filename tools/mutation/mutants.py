"""The mutants of the campaign: small source changes to the rule files, one at a time, each with
a stable key, the rule id it breaks and the text change that makes it.

Operators (the classic ones of mutation testing, kept few):
  negate     a comparison becomes its negation (<  ->  >=, == -> !=, ...)
  boundary   a strict comparison becomes inclusive or back (< <-> <=, > <-> >=)
  not        an if condition that is not a single comparison is negated as a whole
  drop-cond  one operand of a top-level && or || of a condition is dropped
  drop-stmt  an expression statement, or a whole if/for without else, is deleted
  const+1    an integer literal grows by one
  const-1    an integer literal shrinks by one

The test-only mutants of model/mutant.h (`policy.mutant == Mutant::k...`) are hooks, not
rules: nothing inside such a comparison, nor the constant a hook's ternary picks, is mutated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cxx import RULE_ID, Source, Statement

NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
COMPARISONS = set(NEGATE)
# Helpers that cite no rule themselves, and the rule each enforces for its callers. The step
# function's own machinery (accept, reject) is attributed to the step contract, "step".
HELPER_RULES = {
    ("common.cc", "accept"): "R-REQ-5",
    ("common.cc", "reject"): "step",
    ("common.cc", "device_authority"): "R-DEV-1",
    ("common.cc", "signed_by_recovery_device"): "R-TL-8",
    ("common.cc", "drop_changes_for_device"): "R-TL-5",
    ("common.cc", "notify"): "R-DEV-11",
    ("common.cc", "make_pending"): "R-TL-1",
    ("social.cc", "threshold_allows"): "R-SOC-14",
    ("devices.cc", "remove_device_now"): "R-DEV-7",
    ("devices.cc", "device_id_named"): "R-DEV-13",
    ("registration.cc", "window_open"): "R-REG-3",
    ("social.cc", "approved_directly"): "R-SOC-5",
    ("social.cc", "ceil_half"): "R-SOC-7",
    ("social.cc", "change_delay"): "R-SOC-2",
    ("social.cc", "complete_recovery"): "R-SOC-8",
    ("social.cc", "recovery_quorum"): "R-SOC-7",
    ("social.cc", "would_cycle"): "R-SOC-3",
    ("timelock.cc", "is_guardian_change"): "R-TL-13",
    ("timelock.cc", "menu_allows"): "R-TL-4",
    ("two_factor.cc", "two_factor_ok"): "R-2FA-1",
    ("step.cc", "seen"): "R-REQ-3",
}
TEMPLATE_NAMES = {
    "static_cast", "reinterpret_cast", "const_cast", "dynamic_cast", "BoundedVec",
    "HeapBoundedVec", "vector", "array", "min", "max", "span", "optional", "pair", "function",
    "numeric_limits", "unique_ptr", "shared_ptr", "map", "set", "tuple",
}


@dataclass
class Mutant:
    key: str  # stable: file, operator, the line's text, the place in it, the replacement
    file: str  # relative to the source root
    line: int
    operator: str
    start: int  # offsets of the replaced text
    end: int
    replacement: str
    original: str  # the replaced text
    rule: str  # the rule id the mutated line cites or lies under ("?" when none)
    function: str
    # The same change as a schema (schema.py): the token range it rewrites and how.
    schema: str = ""  # cmp const not and-true or-false skip ("" = textual only)
    a: int = 0
    b: int = 0
    op_token: int = 0  # cmp: the operator's token index
    new_text: str = ""  # cmp: the new operator; const: the new literal

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]

    def describe(self, text: str | None = None) -> str:
        old = " ".join(self.original.split())
        new = " ".join(self.replacement.split()) or "(nothing)"
        if len(old) > 70:
            old = old[:67] + "..."
        if len(new) > 70:
            new = new[:67] + "..."
        return f"{self.operator}: `{old}` -> `{new}`"

    def to_json(self) -> dict:
        return {
            "key": self.key, "file": self.file, "line": self.line, "operator": self.operator,
            "rule": self.rule, "function": self.function, "original": self.original,
            "replacement": self.replacement,
        }


class Generator:
    def __init__(self, rel: str, text: str):
        self.rel = rel
        self.src = Source(rel, text)
        self.hooks = self._hook_tokens()
        self.templates = self._template_tokens()
        self.out: list[Mutant] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.idents: dict[str, int] = {}

    # ------------------------------------------------------------------ exclusions

    def _hook_tokens(self) -> set[int]:
        """Token indices of `X.mutant ==/!= Mutant::kY` and of the value a hook's ternary picks
        (`hook ? A : B`: A)."""
        s, out = self.src, set()
        for k, t in enumerate(s.tokens):
            if t.text != "mutant" or s.tok(k - 1) != ".":
                continue
            j = k - 2
            while j >= 0 and (s.tokens[j].kind == "ident" or s.tok(j) == "."):
                j -= 1
            first = j + 1
            if s.tok(k + 1) not in ("==", "!=") or s.tok(k + 2) != "Mutant":
                continue
            last = k + 4  # Mutant :: kY
            out.update(range(first, last + 1))
            if s.tok(last + 1) == "?":
                j = last + 2
                while j < len(s.tokens) and s.tok(j) != ":":
                    out.add(j)
                    j += 1
        return out

    def _template_tokens(self) -> set[int]:
        s, out = self.src, set()
        for k, t in enumerate(s.tokens):
            if t.text != "<" or s.tok(k - 1) not in TEMPLATE_NAMES:
                continue
            depth, j = 1, k
            while depth and j + 1 < len(s.tokens):
                j += 1
                depth += {"<": 1, ">": -1}.get(s.tok(j), 0)
            out.update((k, j))
        return out

    def _hook_only(self, a: int, b: int) -> bool:
        """Is every token of [a, b] a hook or a bracket?"""
        return all(k in self.hooks or self.src.tok(k) in "()!" for k in range(a, b + 1))

    def _touches_hook(self, a: int, b: int) -> bool:
        return any(k in self.hooks for k in range(a, b + 1))

    # ------------------------------------------------------------------ rule attribution

    def _rules_in(self, first_line: int, last_line: int) -> list[str]:
        found = []
        for ln in range(first_line, last_line + 1):
            found += RULE_ID.findall(self.src.line_text(ln))
        return found

    def rule_for(self, k: int, stmt: Statement | None) -> str:
        """The rule id the mutated line cites (a string or comment on it), else the one its
        statement cites (for an if or loop with a block body: its header, else the last rule
        its body decides by), else the helper's rule (HELPER_RULES), else the nearest one
        above it in the same function, else the first later in it."""
        s = self.src
        line = s.tokens[k].line
        found = RULE_ID.findall(s.line_text(line))
        if found:
            return found[0]
        if stmt is not None:
            last = stmt.last
            block = stmt.kind in ("if", "for", "while", "switch") and stmt.children and \
                stmt.children[0].kind == "block"
            if block:
                last = stmt.header[1]
            found = self._rules_in(s.tokens[stmt.first].line, s.tokens[last].line)
            if found:
                return found[0]
            if block:
                body = stmt.children[0]
                strings = [t.text for t in s.tokens[body.first:body.last + 1]
                           if t.kind == "string" and RULE_ID.fullmatch(t.text.strip('"'))]
                if strings:
                    return strings[-1].strip('"')
        helper = HELPER_RULES.get((self.rel.rsplit("/", 1)[-1], self.function_name(k)))
        if helper:
            return helper
        # A rule cited on a line of its own governs the lines below it; one cited at the end
        # of a line of code only that statement.
        fn = s.enclosing_function(k)
        top = s.tokens[fn[0]].line if fn else 1
        for ln in range(line - 1, top - 1, -1):
            text = s.line_text(ln).strip()
            found = RULE_ID.findall(text)
            if found and text.startswith("//"):
                return found[0]
        if fn:
            ln = self.function_line(k) - 1
            while ln > 0 and s.line_text(ln).strip().startswith("//"):
                found = RULE_ID.findall(s.line_text(ln))
                if found:
                    return found[0]
                ln -= 1
            found = self._rules_in(line, s.tokens[fn[1]].line)
            if found:
                return found[0]
        return "?"

    def function_line(self, k: int) -> int:
        """The first line of the declaration of the function holding token k."""
        s = self.src
        fn = s.enclosing_function(k)
        j = fn[0] - 1
        while j > 0 and s.tok(j) != ")":
            j -= 1
        j = s.match.get(j, j) - 1
        # Back over the name and the return type, to the previous ; } or {.
        while j > 0 and s.tok(j - 1) not in (";", "}", "{"):
            j -= 1
        return s.tokens[j].line

    def function_name(self, k: int) -> str:
        fn = self.src.enclosing_function(k)
        if not fn:
            return "?"
        j = fn[0] - 1
        while j > 0 and self.src.tok(j) != ")":
            j -= 1
        o = self.src.match.get(j, 0)
        return self.src.tok(o - 1) or "?"

    # ------------------------------------------------------------------ building mutants

    def _stmt_at(self, k: int) -> Statement | None:
        """The innermost simple statement (or if/loop header) holding token k."""
        best = None
        for st in self.src.walk():
            if st.first <= k <= st.last:
                if st.kind in ("if", "for", "while", "switch") and st.header and \
                        not (st.first <= k <= st.header[1]):
                    continue
                if st.kind == "block":
                    continue
                best = st
        return best

    def add(self, operator: str, a: int, b: int, replacement: str, at: int | None = None,
            schema: tuple = ()) -> None:
        """Replaces the text of tokens a..b (inclusive) with `replacement`; `schema` is
        (kind, first token, last token[, operator token, new text]) of the same change as a
        schema (schema.py), empty when it has none."""
        s = self.src
        start, end = s.tokens[a].start, s.tokens[b].end
        if (start, end, replacement) in self.seen:
            return
        self.seen.add((start, end, replacement))
        at = a if at is None else at
        line = s.tokens[at].line
        original = s.text[start:end]
        ident = "|".join([self.rel, operator, " ".join(s.line_text(line).split()),
                          str(start - s.line_starts[line - 1]), " ".join(original.split()),
                          replacement])
        # The same change on an identical line elsewhere in the file: its occurrence number.
        self.idents[ident] = self.idents.get(ident, 0) + 1
        if self.idents[ident] > 1:
            ident += "|" + str(self.idents[ident])
        key = hashlib.sha1(ident.encode()).hexdigest()[:10]
        m = Mutant(key, self.rel, line, operator, start, end, replacement, original,
                   self.rule_for(at, self._stmt_at(at)), self.function_name(at))
        if schema:
            m.schema, m.a, m.b = schema[0], schema[1], schema[2]
            if len(schema) > 3:
                m.op_token, m.new_text = schema[3], schema[4]
        self.out.append(m)

    def comparisons(self) -> None:
        s = self.src
        for k, t in enumerate(s.tokens):
            if t.kind != "punct" or t.text not in COMPARISONS or not s.in_function(k):
                continue
            if k in self.templates or k in self.hooks:
                continue
            a, b = self.comparison_extent(k)
            self.add("negate", k, k, NEGATE[t.text], schema=("cmp", a, b, k, NEGATE[t.text]))
            if t.text in BOUNDARY:
                self.add("boundary", k, k, BOUNDARY[t.text],
                         schema=("cmp", a, b, k, BOUNDARY[t.text]))

    def comparison_extent(self, k: int) -> tuple[int, int]:
        """The token range of the comparison whose operator is token k: its operands reach
        as far as operators that bind less tightly (&& || ?: assignment , and, for a
        relational operator, == and !=), or an unmatched bracket."""
        s = self.src
        stop = {"&&", "||", "?", ":", "=", "+=", "-=", "*=", "/=", "|=", "&=", ",", ";", "{",
                "}", "return", "&", "|", "^"}
        if s.tok(k) not in ("==", "!="):
            stop |= {"==", "!="}
        a = k - 1
        while a >= 0:
            t = s.tok(a)
            if t in ")]" and a in s.match:
                a = s.match[a] - 1
                continue
            if t in stop or t in "([":
                break
            a -= 1
        b = k + 1
        stop_right = stop | {"<", "<=", ">", ">="} if s.tok(k) not in ("==", "!=") else stop
        while b < len(s.tokens):
            t = s.tok(b)
            if t in "([" and b in s.match:
                b = s.match[b] + 1
                continue
            if (t in stop_right and b not in self.templates) or t in ")]":
                break
            b += 1
        return a + 1, b - 1

    def constants(self) -> None:
        s = self.src
        for k, t in enumerate(s.tokens):
            if t.kind != "number" or not s.in_function(k) or k in self.hooks:
                continue
            digits = t.text.rstrip("uUlL").replace("'", "")
            if not digits.isdigit() or "." in t.text:
                continue
            suffix = t.text[len(t.text.rstrip("uUlL")):]
            value = int(digits)
            if s.tok(k - 1) == "[":  # an index into a fixed table
                continue
            schema = () if self._constant_context(k) else ("const", k, k)
            self.add("const+1", k, k, str(value + 1) + suffix,
                     schema=schema and schema + (k, str(value + 1) + suffix))
            if value > 0:
                self.add("const-1", k, k, str(value - 1) + suffix,
                         schema=schema and schema + (k, str(value - 1) + suffix))

    def _constant_context(self, k: int) -> bool:
        """Must the literal at k stay a constant expression (a template argument, a case
        label, a constexpr or static initializer)? Such a literal has no schema."""
        s = self.src
        if k in self.templates or any(a < k < b for a, b in self._template_spans()):
            return True
        j = k
        if s.tok(k + 1) == ":" and s.tok(k - 1) == "case":
            return True
        while j > 0 and s.tok(j) not in (";", "{", "}", ":", "return"):
            if s.tok(j) in ("constexpr", "static_assert", "static"):
                return True
            j -= 1
        return False

    def _template_spans(self) -> list[tuple[int, int]]:
        spans, opened = [], None
        for k in sorted(self.templates):
            if self.src.tok(k) == "<" and opened is None:
                opened = k
            elif self.src.tok(k) == ">" and opened is not None:
                spans.append((opened, k))
                opened = None
        return spans

    def _operands(self, a: int, b: int) -> tuple[str, list[tuple[int, int]]] | None:
        """The top-level operands of the expression a..b split at its loosest logical
        operator: ('||' or '&&', [(first, last), ...]); None when it has none."""
        s = self.src
        for op in ("||", "&&"):
            parts, k, first, depth = [], a, a, 0
            while k <= b:
                t = s.tok(k)
                if t in "([{" and k in s.match:
                    k = s.match[k] + 1
                    continue
                if t == "?":
                    return None  # a conditional expression: not split
                if t == op:
                    parts.append((first, k - 1))
                    first = k + 1
                k += 1
            if parts:
                parts.append((first, b))
                return op, parts
        return None

    def _conditions(self, a: int, b: int, depth: int = 0) -> None:
        """drop-cond over the expression a..b and its parenthesized operands."""
        split = self._operands(a, b)
        if split is None:
            return
        op, parts = split
        # Dropping an operand of && is making it true; of ||, making it false.
        kind = "and-true" if op == "&&" else "or-false"
        for i, (x, y) in enumerate(parts):
            if self._hook_only(x, y):
                continue
            # Drop operand i together with the operator after it (or before it, for the last).
            if i + 1 < len(parts):
                self.add("drop-cond", x, parts[i + 1][0] - 1, "", at=x, schema=(kind, x, y))
            else:
                self.add("drop-cond", parts[i - 1][1] + 1, y, "", at=x, schema=(kind, x, y))
            if self.src.tok(x) == "(" and self.src.match.get(x) == y and depth < 3:
                self._conditions(x + 1, y - 1, depth + 1)
            elif self.src.tok(x) == "!" and self.src.tok(x + 1) == "(" and \
                    self.src.match.get(x + 1) == y and depth < 3:
                self._conditions(x + 2, y - 1, depth + 1)

    def _declares(self, a: int) -> bool:
        s = self.src
        return s.tok(a) in ("const", "auto") or (
            s.tokens[a].kind == "ident" and s.tok(a + 1) in ("*", "&") and
            s.tokens[a + 2].kind == "ident" and s.tok(a + 3) == "=")

    def _single_comparison(self, a: int, b: int) -> bool:
        s, count, k = self.src, 0, a
        while k <= b:
            if s.tok(k) in ("&&", "||", "?"):
                return False
            if s.tok(k) in COMPARISONS and k not in self.templates:
                count += 1
            k += 1
        return count == 1

    def conditions(self) -> None:
        s = self.src
        for st in s.walk():
            if st.kind in ("if", "while") and st.header:
                a, b = st.header[0] + 1, st.header[1] - 1
                if a > b or self._hook_only(a, b):
                    continue
                self._conditions(a, b)
                if self._declares(a):
                    continue  # `if (const Device* d = ...)`: no negation compiles
                if not self._single_comparison(a, b):
                    self.add("not", a, b, "!(" + s.text[s.tokens[a].start:s.tokens[b].end] + ")",
                             schema=("not", a, b))
        # return expressions and bool initializers, also inside lambdas
        for k, t in enumerate(s.tokens):
            if not s.in_function(k):
                continue
            if t.text == "return":
                a = k + 1
            elif t.text == "bool" and s.tokens[k + 1].kind == "ident" and s.tok(k + 2) == "=":
                a = k + 3
            else:
                continue
            b = a
            while b < len(s.tokens) and s.tok(b) != ";":
                b = s.match.get(b, b) + 1 if s.tok(b) in "([{" else b + 1
            self._conditions(a, b - 1)

    def statements(self) -> None:
        s = self.src
        for st in s.walk():
            if st.after_else or st.has_else:
                continue
            if st.kind == "expr":
                # Only statements that do something: a call, an assignment, ++/--.
                texts = [s.tok(k) for k in range(st.first, st.last + 1)]
                if not any(x in texts for x in ("(", "=", "+=", "-=", "++", "--")):
                    continue
            elif st.kind == "if":
                if self._hook_only(st.header[0] + 1, st.header[1] - 1):
                    continue
            elif st.kind != "for":
                continue
            self.add("drop-stmt", st.first, st.last, "", schema=("skip", st.first, st.last))

    def generate(self) -> list[Mutant]:
        self.comparisons()
        self.conditions()
        self.statements()
        self.constants()
        self.out.sort(key=lambda m: (m.start, m.operator, m.replacement))
        return self.out


def mutants_of(rel: str, text: str) -> list[Mutant]:
    return Generator(rel, text).generate()
