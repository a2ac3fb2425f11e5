"""`tools/mutate smoke`, the campaign's part of ctest: the operators on a fixed snippet give
exactly the expected mutants; over the real rule files every mutant applies where it says,
changes the text, has a unique key and a rule, and touches no test-only hook; the committed
lists (equivalent mutants, rule notes) name only mutants and rules that exist; the map check
passes a map that guards every rule and fails one that leaves any rule unguarded; the random
stage runs every built-in variant. No build and
no engine run: the campaign itself is far too long for a test."""

from __future__ import annotations

import glob
import os
import re
import sys
import tempfile

import campaign
import report
from engines import VARIANTS
from mutants import mutants_of

HOOK = re.compile(r"[\w.]*\bmutant\s*[!=]=\s*Mutant::k\w+")

SNIPPET = """\
// R-XXX-0: not a family the campaign knows.
namespace reclaim::rules {
bool gate(const Policy& p, int n, int due) {
  if (n < 2 && p.mutant != Mutant::kNone) return false;  // R-AST-1
  total += static_cast<int>(n);
  return due >= 3 || p.flag;
}
}  // namespace reclaim::rules
"""

EXPECTED = {
    ("negate", "<", ">="), ("boundary", "<", "<="), ("const+1", "2", "3"), ("const-1", "2", "1"),
    ("drop-stmt", "if (n < 2 && p.mutant != Mutant::kNone) return false;", ""),
    ("not", "n < 2 && p.mutant != Mutant::kNone", "!(n < 2 && p.mutant != Mutant::kNone)"),
    ("drop-cond", "n < 2 &&", ""),
    ("drop-stmt", "total += static_cast<int>(n);", ""),
    ("negate", ">=", "<"), ("boundary", ">=", ">"), ("const+1", "3", "4"), ("const-1", "3", "2"),
    ("drop-cond", "due >= 3 ||", ""), ("drop-cond", "|| p.flag", ""),
}


def fail(message: str) -> int:
    print("mutate smoke: " + message, file=sys.stderr)
    return 1


def run(root: str) -> int:
    got = {(m.operator, m.original, m.replacement) for m in mutants_of("snippet.cc", SNIPPET)}
    if got != EXPECTED:
        return fail(f"operators on the snippet: missing {sorted(EXPECTED - got)}, "
                    f"unexpected {sorted(got - EXPECTED)}")
    rules = {m.rule for m in mutants_of("snippet.cc", SNIPPET) if m.line == 4}
    if rules != {"R-AST-1"}:
        return fail(f"the snippet's line 4 cites R-AST-1, attributed {rules}")

    mutants = campaign.all_mutants(root)
    by_file: dict[str, int] = {}
    keys: set[str] = set()
    for m in mutants:
        by_file[m.file] = by_file.get(m.file, 0) + 1
        if m.key in keys:
            return fail(f"duplicate key {m.key} ({m.file}:{m.line})")
        keys.add(m.key)
        with open(f"{root}/{m.file}") as f:
            text = f.read()
        if text[m.start:m.end] != m.original or m.apply(text) == text:
            return fail(f"{m.key} does not apply at {m.file}:{m.line}")
        if m.operator == "drop-cond" and not HOOK.sub("", m.original).strip(" \n()!&|"):
            return fail(f"{m.key} drops a test-only hook at {m.file}:{m.line}")
        if m.operator in ("negate", "boundary", "const+1", "const-1") and \
                "Mutant" in text[m.start - 40:m.end + 40].split("\n")[0] and \
                HOOK.search(text[m.start - 40:m.end + 40]) and \
                any(h.start() <= m.start - (max(0, m.start - 40)) < h.end()
                    for h in HOOK.finditer(text[max(0, m.start - 40):m.end + 40])):
            return fail(f"{m.key} changes a test-only hook at {m.file}:{m.line}")
        if m.rule == "?":
            return fail(f"{m.key} at {m.file}:{m.line} ({m.function}) has no rule")
    for f in campaign.rule_sources(root):
        if by_file.get(f, 0) == 0:
            return fail(f"no mutant of {f}")
    builtins = {os.path.basename(t)[:-len(".toml")]
                for t in glob.glob(os.path.join(root, "variants", "*.toml"))}
    if set(VARIANTS) != builtins:
        return fail(f"the random stage's variants {sorted(VARIANTS)} are not the built-ins "
                    f"{sorted(builtins)}")
    for key, fields in report.read_tsv(report.EQUIVALENT).items():
        if key not in keys:
            return fail(f"equivalent.tsv names {key}, which is no mutant of today's rules")
        if not fields or not fields[-1]:
            return fail(f"equivalent.tsv gives no reason for {key}")
    catalogue = report.rule_catalogue(root)
    for rule in report.read_tsv(report.RULE_NOTES):
        if rule not in catalogue:
            return fail(f"rule_notes.tsv names {rule}, which the rules do not state")
    problem = check_map_checker(root, catalogue) or check_short_stage_label()
    if problem:
        return fail(problem)
    # The committed map guards every rule the rules state (or gives the reason none can).
    committed = os.path.join(root, "docs", "rule-map.md")
    if os.path.isfile(committed):
        with open(committed) as f:
            gaps = report.map_gaps(f.read(), catalogue)
        if gaps:
            return fail("docs/rule-map.md: " + "; ".join(gaps[:5]))
    print(f"mutate smoke: {len(mutants)} mutants over {len(by_file)} files, "
          f"{len(catalogue)} rules")
    return 0


def check_short_stage_label() -> str:
    """A survivor the long stage never judged is reported as such, in the text and the
    counts; one it judged is a plain survivor. Returns what went wrong ("" when nothing)."""
    def record(key: str, engines: list[str]) -> dict:
        return {"key": key, "file": "model/rules/x.cc", "line": 1, "rule": "R-TL-1",
                "operator": "negate", "original": "<", "replacement": ">=",
                "status": "survived", "seconds_to_kill": None,
                "engines": {e: {"engine": e, "killed": False, "seconds": 1.0} for e in engines}}
    with tempfile.TemporaryDirectory() as work:
        s = report.summarize([record("short00000", ["scenarios", "fuzz", "random"]),
                              record("long000000", ["scenarios", "fuzz", "random",
                                                    "random-long"])], work)
    text = report.text_report(s)
    if s.get("survived_short_only") != 1:
        return f"survivors judged by the short stage alone: {s.get('survived_short_only')}"
    short = [ln for ln in text.splitlines() if "short00000" in ln]
    full = [ln for ln in text.splitlines() if "long000000" in ln]
    if not short or "long stage not run" not in short[0]:
        return f"a short-stage survivor is not labelled so: {short}"
    if not full or "long stage not run" in full[0]:
        return f"a survivor of both stages is labelled short-stage: {full}"
    return ""


def check_map_checker(root: str, catalogue: dict[str, str]) -> str:
    """The map check (report.map_gaps) on maps written by report.rule_map from made-up
    results: one where every rule's mutant was caught passes; dropping any one rule's guard,
    or its row, fails on exactly that rule. Returns what went wrong ("" when nothing)."""
    rules = list(catalogue)

    def summary(guarded: list[str]) -> dict:
        s = {"settings": {}, "mutants": 0, "counts": {"killed": 0, "survived": 0,
                                                      "equivalent": 0, "stillborn": 0},
             "seconds_to_kill": {"median": None, "worst": None}, "rules": {}}
        for rid in rules:
            caught = rid in guarded
            s["rules"][rid] = {"mutants": 1, "killed": int(caught), "survived": int(not caught),
                               "equivalent": 0, "stillborn": 0, "engines": {},
                               "invariants": {"DELAY (timelock)": 1} if caught else {},
                               "expectations": 0}
        return s

    notes = set(report.read_tsv(report.RULE_NOTES))
    full = report.rule_map(summary(rules), root)
    if report.map_gaps(full, catalogue):
        return f"a map guarding every rule fails the check: {report.map_gaps(full, catalogue)}"
    for rid in (rules[0], rules[len(rules) // 2], rules[-1]):
        if rid in notes:
            continue  # a written reason stands in for a guard
        gaps = report.map_gaps(report.rule_map(summary([r for r in rules if r != rid]), root),
                               catalogue)
        if len(gaps) != 1 or not gaps[0].startswith(rid + ":"):
            return f"a map without a guard for {rid} gives {gaps}"
        cut = "\n".join(ln for ln in full.splitlines() if not ln.startswith(f"| {rid} |"))
        gaps = report.map_gaps(cut, catalogue)
        if len(gaps) != 1 or not gaps[0].startswith(rid + ":"):
            return f"a map without a row for {rid} gives {gaps}"
    return ""
