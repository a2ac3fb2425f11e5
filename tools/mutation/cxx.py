"""A small C++ reader for the mutation campaign: tokens with their places in the text, and the
statements of every function body, enough to place a mutant on a comparison, a constant, a
condition or a statement of the rule files (model/rules/*.cc, model/step.cc). It is not a
C++ parser: it knows the constructs those files use, and a mutant it places wrongly does not
compile and is reported as such, never counted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PUNCTUATORS = sorted(
    """<<= >>= ->* ... :: -> ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^=
    { } [ ] ( ) ; : , . ? ~ ! + - * / % ^ & | = < > #""".split(),
    key=len,
    reverse=True,
)

IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
NUMBER = re.compile(r"(0[xX][0-9a-fA-F']+|[0-9][0-9']*(\.[0-9]+)?)([uUlL]*)")
RULE_ID = re.compile(r"R-(?:REQ|DEV|TL|2FA|SOC|AST|REG|SES)-[0-9]+")


@dataclass
class Token:
    kind: str  # ident number string char punct
    text: str
    start: int  # offset in the file's text
    end: int
    line: int  # 1-based


@dataclass
class Statement:
    kind: str  # expr decl if for while switch return block jump do label
    first: int  # token index of its first token
    last: int  # token index of its last token (inclusive)
    header: tuple[int, int] | None = None  # if/for/while/switch: the ( ) token indices
    has_else: bool = False
    after_else: bool = False
    children: list["Statement"] = field(default_factory=list)


class Source:
    """One file: its text, tokens, comments (by line) and the statements of its functions."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.tokens: list[Token] = []
        self.comments: dict[int, str] = {}  # line -> comment text on that line
        self.line_starts = [0]
        for i, c in enumerate(text):
            if c == "\n":
                self.line_starts.append(i + 1)
        self._tokenize()
        self.match = self._match_brackets()
        self.functions: list[tuple[int, int]] = []  # body { } token index pairs
        self.statements: list[Statement] = []  # top-level statements of every function body
        self._find_functions()

    # ------------------------------------------------------------------ tokens

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def _comment(self, start: int, end: int) -> None:
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        for ln in range(first, last + 1):
            self.comments[ln] = self.comments.get(ln, "") + " " + self.text[start:end]

    def _tokenize(self) -> None:
        t, i, n = self.text, 0, len(self.text)
        while i < n:
            c = t[i]
            if c in " \t\r\n":
                i += 1
            elif t.startswith("//", i):
                j = t.find("\n", i)
                j = n if j < 0 else j
                self._comment(i, j)
                i = j
            elif t.startswith("/*", i):
                j = t.find("*/", i + 2)
                j = n if j < 0 else j + 2
                self._comment(i, j)
                i = j
            elif c == "#" and (i == 0 or t[:i].rstrip(" \t").endswith("\n") or not t[:i].strip()):
                j = t.find("\n", i)  # a preprocessor line: not code to mutate
                i = n if j < 0 else j
            elif c == '"' or c == "'":
                j = i + 1
                while j < n and t[j] != c:
                    j += 2 if t[j] == "\\" else 1
                j = min(j + 1, n)
                self._add("string" if c == '"' else "char", i, j)
                i = j
            elif c.isdigit():
                m = NUMBER.match(t, i)
                self._add("number", i, m.end())
                i = m.end()
            elif c.isalpha() or c == "_":
                m = IDENT.match(t, i)
                self._add("ident", i, m.end())
                i = m.end()
            else:
                for p in PUNCTUATORS:
                    if t.startswith(p, i):
                        self._add("punct", i, i + len(p))
                        i += len(p)
                        break
                else:
                    i += 1

    def _add(self, kind: str, start: int, end: int) -> None:
        self.tokens.append(Token(kind, self.text[start:end], start, end, self.line_of(start)))

    def _match_brackets(self) -> dict[int, int]:
        match, stack = {}, []
        pairs = {")": "(", "]": "[", "}": "{"}
        for k, tok in enumerate(self.tokens):
            if tok.kind != "punct":
                continue
            if tok.text in "([{":
                stack.append(k)
            elif tok.text in pairs and stack and self.tokens[stack[-1]].text == pairs[tok.text]:
                o = stack.pop()
                match[o], match[k] = k, o
        return match

    def tok(self, k: int) -> str:
        return self.tokens[k].text if 0 <= k < len(self.tokens) else ""

    # ------------------------------------------------------------------ functions, statements

    def _find_functions(self) -> None:
        k = 0
        while k < len(self.tokens):
            if self.tok(k) == "{":
                prev = self.tok(k - 1)
                if prev in (")", "const", "override", "noexcept") and k in self.match:
                    end = self.match[k]
                    self.functions.append((k, end))
                    self.statements.extend(self._block(k + 1, end))
                    k = end + 1
                    continue
                j = k - 1
                while j >= 0 and (self.tokens[j].kind == "ident" and self.tok(j) != "namespace"
                                  or self.tok(j) == "::"):
                    j -= 1
                if self.tok(j) == "namespace":
                    k += 1  # enter the namespace
                    continue
                if k in self.match:  # a type body or an initializer at namespace scope
                    k = self.match[k] + 1
                    continue
            k += 1

    def _block(self, k: int, end: int) -> list[Statement]:
        out = []
        while k < end:
            st = self._statement(k, end)
            if st is None:
                break
            out.append(st)
            k = st.last + 1
        return out

    def _skip_to_semicolon(self, k: int, end: int) -> int:
        while k < end:
            t = self.tok(k)
            if t in "([{" and k in self.match:
                k = self.match[k] + 1
                continue
            if t == ";":
                return k
            k += 1
        return end - 1

    def _statement(self, k: int, end: int) -> Statement | None:
        if k >= end:
            return None
        t = self.tok(k)
        if t == "{":
            close = self.match.get(k, end - 1)
            return Statement("block", k, close, children=self._block(k + 1, close))
        if t in ("case", "default"):
            j = k
            while j < end and self.tok(j) != ":":
                j += 1
            return Statement("label", k, j)
        if t in ("if", "for", "while", "switch"):
            h = k + 1
            if self.tok(h) == "constexpr":
                h += 1
            if self.tok(h) != "(" or h not in self.match:
                return Statement("expr", k, self._skip_to_semicolon(k, end))
            close = self.match[h]
            body = self._statement(close + 1, end)
            if body is None:
                return None
            st = Statement(t, k, body.last, header=(h, close), children=[body])
            if t == "if" and self.tok(body.last + 1) == "else":
                other = self._statement(body.last + 2, end)
                if other is not None:
                    if other.kind == "if":
                        other.after_else = True
                    st.children.append(other)
                    st.last = other.last
                    st.has_else = True
            return st
        if t == "do":
            body = self._statement(k + 1, end)
            last = self._skip_to_semicolon(body.last + 1, end) if body else k
            return Statement("do", k, last, children=[body] if body else [])
        if t == "return":
            return Statement("return", k, self._skip_to_semicolon(k, end))
        if t in ("break", "continue", "goto"):
            return Statement("jump", k, self._skip_to_semicolon(k, end))
        last = self._skip_to_semicolon(k, end)
        return Statement("decl" if self._is_declaration(k, last) else "expr", k, last)

    def _is_declaration(self, k: int, last: int) -> bool:
        """A declaration starts with a type: `const`/`auto`/`static`, or a (qualified,
        templated) name followed by `&`, `*` or another name."""
        if self.tok(k) in ("const", "auto", "static", "constexpr", "using", "struct", "enum"):
            return True
        j = k
        if self.tokens[j].kind != "ident":
            return False
        while j <= last:
            j += 1
            t = self.tok(j)
            if t == "::":
                j += 1
                continue
            if t == "<":  # template arguments
                depth = 1
                while j < last and depth:
                    j += 1
                    depth += {"<": 1, ">": -1, ">>": -2}.get(self.tok(j), 0)
                continue
            while self.tok(j) in ("&", "*", "&&"):
                j += 1
            return j <= last and self.tokens[j].kind == "ident" and self.tok(j + 1) in (
                "=", ";", "(", "{", ",", "[", ":")
        return False

    def walk(self):
        """Every statement of every function body, outer first."""
        stack = list(reversed(self.statements))
        while stack:
            st = stack.pop()
            yield st
            stack.extend(reversed(st.children))

    def in_function(self, k: int) -> bool:
        return any(a < k < b for a, b in self.functions)

    def enclosing_function(self, k: int) -> tuple[int, int] | None:
        for a, b in self.functions:
            if a < k < b:
                return a, b
        return None
