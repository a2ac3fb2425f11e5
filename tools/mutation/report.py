"""The campaign's report (text and JSON) and the rule-to-invariant map (docs/rule-map.md), both
from results.jsonl and the committed list of equivalent mutants."""

from __future__ import annotations

import json
import os
import re
import statistics

from cxx import RULE_ID
from engines import VARIANTS

ENGINES = ["scenarios", "fuzz", "random", "random-long"]
HERE = os.path.dirname(os.path.abspath(__file__))
EQUIVALENT = os.path.join(HERE, "equivalent.tsv")
RULE_NOTES = os.path.join(HERE, "rule_notes.tsv")
FAMILIES = ["REQ", "DEV", "TL", "2FA", "SOC", "AST", "REG", "SES"]


def read_tsv(path: str) -> dict[str, list[str]]:
    """KEY <tab> FIELD... per line; # comments and blank lines are skipped."""
    out = {}
    if os.path.isfile(path):
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                parts = line.split("\t")
                out[parts[0].strip()] = [p.strip() for p in parts[1:]]
    return out


def rule_catalogue(root: str) -> dict[str, str]:
    """Every numbered rule the model states (`// R-XXX-N: text` in model/rules), in order."""
    rules: dict[str, str] = {}
    folder = os.path.join(root, "model", "rules")
    for name in sorted(os.listdir(folder)):
        if not (name.endswith(".cc") or name.endswith(".h")) or name.endswith("_test.cc"):
            continue
        current = None
        with open(os.path.join(folder, name)) as f:
            for line in f:
                m = re.match(r"//\s*(R-[A-Z0-9]+-\d+)(?: \([^)]*\))?:\s*(.*)", line.strip())
                if m and m.group(1) not in rules:
                    current = m.group(1)
                    rules[current] = m.group(2).strip()
                elif current and re.match(r"//\s{2,}\S", line.strip()):
                    rules[current] += " " + line.strip()[2:].strip()
                else:
                    current = None

    def order(rid: str):
        _, fam, num = rid.split("-", 2) if rid.count("-") == 2 else ("R", rid, "0")
        return (FAMILIES.index(fam) if fam in FAMILIES else 99, int(num) if num.isdigit() else 0)

    return dict(sorted(rules.items(), key=lambda kv: order(kv[0])))


def load(work: str) -> list[dict]:
    path = os.path.join(work, "results.jsonl")
    out: dict[str, dict] = {}
    if os.path.isfile(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                out[r["key"]] = r  # a rerun's line replaces the earlier one
    return sorted(out.values(), key=lambda r: (r["file"], r["line"], r["key"]))


def classify(records: list[dict]) -> None:
    """Marks survivors listed in equivalent.tsv as equivalent (with the reason)."""
    eq = read_tsv(EQUIVALENT)
    for r in records:
        if r["key"] in eq:
            reason = eq[r["key"]][-1] if eq[r["key"]] else ""
            if r["status"] == "survived":
                r["status"] = "equivalent"
                r["reason"] = reason
            elif r["status"] == "killed":
                r["stale_equivalent"] = reason


def summarize(records: list[dict], work: str) -> dict:
    classify(records)
    judged = [r for r in records if r["status"] != "stillborn"]
    counts = {s: sum(r["status"] == s for r in records)
              for s in ("killed", "survived", "equivalent", "stillborn")}
    per_engine = {}
    for e in ENGINES:
        ran = [r for r in judged if e in r.get("engines", {})]
        kills = [r for r in ran if r["engines"][e]["killed"]]
        times = sorted(r["engines"][e]["seconds"] for r in kills)
        per_engine[e] = {
            "ran": len(ran), "killed": len(kills),
            "rate": round(len(kills) / len(ran), 4) if ran else None,
            "median_seconds": round(statistics.median(times), 2) if times else None,
            "worst_seconds": round(times[-1], 2) if times else None,
        }
    kill_times = sorted(r["seconds_to_kill"] for r in records if r["status"] == "killed")
    nonequivalent = counts["killed"] + counts["survived"]
    rules: dict[str, dict] = {}
    for r in records:
        x = rules.setdefault(r["rule"], {"mutants": 0, "killed": 0, "survived": 0,
                                         "equivalent": 0, "stillborn": 0, "engines": {},
                                         "invariants": {}, "expectations": 0})
        x["mutants"] += 1
        x[r["status"]] += 1
        for e, v in r.get("engines", {}).items():
            if not v["killed"]:
                continue
            x["engines"][e] = x["engines"].get(e, 0) + 1
            if v.get("invariant"):
                name = v["invariant"] + (f" ({v['variant']})" if v.get("variant") else "")
                x["invariants"][name] = x["invariants"].get(name, 0) + 1
            elif v.get("how") == "expectation":
                x["expectations"] += 1
    survivors = [r for r in records if r["status"] in ("survived", "equivalent")]
    # A survivor the long stage never judged (a --short-only run) survived less than the
    # campaign asks: it is said so, never counted as a survivor of the whole campaign.
    for r in survivors:
        r["short_only"] = "random-long" not in r.get("engines", {})
    settings = {}
    path = os.path.join(work, "campaign.json")
    if os.path.isfile(path):
        with open(path) as f:
            settings = json.load(f)
    return {
        "settings": settings,
        "mutants": len(records),
        "counts": counts,
        "kill_rate": round(counts["killed"] / nonequivalent, 4) if nonequivalent else None,
        "per_engine": per_engine,
        "seconds_to_kill": {
            "median": round(statistics.median(kill_times), 2) if kill_times else None,
            "worst": round(kill_times[-1], 2) if kill_times else None,
            "within_60s": sum(t <= 60 for t in kill_times),
        },
        "rules": rules,
        "files": sorted({r["file"] for r in records}),
        "survivors": [{k: r.get(k) for k in ("key", "file", "line", "rule", "operator",
                                             "original", "replacement", "status", "reason",
                                             "short_only")}
                      for r in survivors],
        # Each mutant is judged at the source of its last run: a rerun of the survivors at a
        # newer commit leaves the earlier kills standing (adding checks never revives one).
        "sources": sorted({r.get("source", "?") for r in records}),
        "survived_short_only": sum(r["status"] == "survived" and r["short_only"]
                                   for r in survivors),
        "stale_equivalents": [r["key"] for r in records if "stale_equivalent" in r],
    }


def one_line(text: str, width: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= width else t[: width - 3] + "..."


def long_stage(settings: dict) -> str:
    """How the campaign's long stage ran, in words."""
    if "long_budget" not in settings:
        return "long stage unknown"
    if settings["long_budget"] is None:
        return "no long stage (--short-only)"
    return f"{settings['long_budget']} s per variant for survivors"


def text_report(s: dict) -> str:
    c = s["counts"]
    st = s.get("settings", {})
    lines = [f"mutation campaign over model/rules/ and model/step.cc (source "
             f"{st.get('source', '?')}, random engine {st.get('traces', '?')} traces per "
             f"variant, {long_stage(st)})",
             f"{s['mutants']} mutants: {c['killed']} killed, {c['survived']} survived, "
             f"{c['equivalent']} equivalent, {c['stillborn']} stillborn (do not compile)"]
    if s.get("unjudged"):
        lines.append(f"{s['unjudged']} of today's mutants not judged yet: `tools/mutate run` "
                     f"judges them")
    if s.get("stale_results"):
        lines.append(f"{s['stale_results']} results left out: their mutants are of lines the "
                     f"rules no longer have")
    if s.get("survived_short_only"):
        lines.append(f"{s['survived_short_only']} of the {c['survived']} survivors were judged by "
                     f"the short stage alone (no long random run yet): `tools/mutate run` "
                     f"without --short-only judges them")
    if s["kill_rate"] is not None:
        lines.append(f"kill rate {100 * s['kill_rate']:.1f}% of the non-equivalent mutants")
    k = s["seconds_to_kill"]
    if k["median"] is not None:
        lines.append(f"time to kill (fastest engine): median {k['median']} s, worst "
                     f"{k['worst']} s; {k['within_60s']} of {c['killed']} within 60 s")
    lines.append("per engine (of the mutants it ran on):")
    for e, v in s["per_engine"].items():
        if v["ran"]:
            lines.append(f"  {e:<12} killed {v['killed']:>4} of {v['ran']:>4} "
                         f"({100 * v['rate']:5.1f}%), median {v['median_seconds']} s, worst "
                         f"{v['worst_seconds']} s")
    lines.append("per rule: mutants killed survived equivalent stillborn | invariants (variant)")
    for rule, v in sorted(s["rules"].items()):
        inv = ", ".join(f"{n}x{k}" for k, n in sorted(v["invariants"].items(),
                                                          key=lambda kv: -kv[1])[:4])
        lines.append(f"  {rule:<9} {v['mutants']:>4} {v['killed']:>4} {v['survived']:>4} "
                     f"{v['equivalent']:>4} {v['stillborn']:>4} | {inv}")
    lines.append("survivors:")
    for r in s["survivors"]:
        tag = "equivalent: " + r["reason"] if r["status"] == "equivalent" else \
            "SURVIVED the short stage (long stage not run)" if r["short_only"] else "SURVIVED"
        lines.append(f"  {r['key']} {r['file']}:{r['line']} {r['rule']} {r['operator']} "
                     f"`{one_line(r['original'], 40)}` -> `{one_line(r['replacement'], 40)}`: "
                     f"{tag}")
    for key in s["stale_equivalents"]:
        lines.append(f"  note: {key} is listed as equivalent but was killed")
    return "\n".join(lines) + "\n"


def rule_map(s: dict, root: str) -> str:
    """docs/rule-map.md: per numbered rule, the invariants (and variants) that caught its
    mutants, and the reason where none did."""
    catalogue = rule_catalogue(root)
    notes = read_tsv(RULE_NOTES)
    c = s["counts"]
    k = s["seconds_to_kill"]
    st = s.get("settings", {})
    out = [
        "# Rule-to-invariant map",
        "",
        "<!-- Generated by `tools/mutate map` from the last mutation campaign (results in",
        "     build/mutate/); do not edit. Reasons for rules no invariant guards, and for",
        "     equivalent mutants, live in tools/mutation/rule_notes.tsv and",
        "     tools/mutation/equivalent.tsv. -->",
        "",
        "Every numbered rule of the model, and what catches it when it is broken. The mutation",
        "campaign (`tools/mutate run`, see [mutation.md](mutation.md)) breaks each rule many",
        "ways (negated and shifted comparisons, dropped conditions and statements, constants",
        "off by one) and runs every engine on each break; a row lists the invariants whose",
        "claims failed (with the built-in variant that claims them) and how many of the rule's",
        "mutants each caught. `scenario` counts breaks only an expectation of the scenario",
        "library caught (a conformance fact, not an invariant).",
        "",
        f"Campaign: judged at {', '.join(s.get('sources', [])) or '?'} (the last run's source "
        f"{st.get('source', '?')}), random engine {st.get('traces', '?')} "
        f"traces per variant, {long_stage(st)}; {s['mutants']} mutants: {c['killed']} "
        f"killed, {c['survived']} survived"
        + (f" ({s['survived_short_only']} by the short stage alone)"
           if s.get("survived_short_only") else "")
        + f", {c['equivalent']} equivalent, {c['stillborn']} "
        f"stillborn; time to kill median {k['median']} s, worst {k['worst']} s.",
        "",
        "Files whose mutants were judged: " + (", ".join(f"`{f}`" for f in s.get("files", []))
                                               or "none") + ". A rule of another file shows "
        "`not judged`, and `tools/mutate map --check` counts it as unguarded.",
        "",
        "| rule | states | mutants (killed/judged) | caught by: invariant (variant) x mutants | note |",
        "|---|---|---|---|---|",
    ]
    for rid, text in catalogue.items():
        v = s["rules"].get(rid)
        if v:
            judged = v["mutants"] - v["stillborn"]
            count = f"{v['killed']}/{judged}"
            if v["equivalent"]:
                count += f" ({v['equivalent']} equivalent)"
            if v["survived"]:
                count += f" **{v['survived']} survived**"
            caught = ", ".join(f"{name} x{n}" for name, n in
                               sorted(v["invariants"].items(), key=lambda kv: (-kv[1], kv[0])))
            if v["expectations"]:
                caught += (", " if caught else "") + f"scenario x{v['expectations']}"
        else:
            count, caught = "0", ""
        note = notes.get(rid, [""])[-1] if rid in notes else ""
        if not caught and not note:
            note = "not judged" if not v or v["mutants"] == v["stillborn"] else \
                "no mutant of this rule was caught"
        states = one_line(text, 90).replace("|", "\\|")
        out.append(f"| {rid} | {states} | {count} | {caught or '—'} | {note} |")
    others = sorted(r for r in s["rules"] if r not in catalogue)
    if others:
        out += ["", "Mutants of code that cites no numbered rule:", ""]
        for rid in others:
            v = s["rules"][rid]
            out.append(f"- `{rid}`: {v['killed']} of {v['mutants'] - v['stillborn']} killed")
    return "\n".join(out) + "\n"


NO_GUARD = ("no mutant of this rule was caught", "not judged")


def map_gaps(text: str, catalogue: dict[str, str]) -> list[str]:
    """What docs/rule-map.md (`text`) leaves unguarded: every numbered rule of `catalogue` must
    have a row that names a guard (an invariant, or a scenario expectation) or a written reason
    why none can exist; a row for a rule the rules no longer state is stale. Returns one line
    per problem (empty: every rule guarded)."""
    rows: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if len(cells) == 5 and re.fullmatch(r"R-[A-Z0-9]+-\d+", cells[0]):
            rows[cells[0]] = (cells[3], cells[4])
    out = []
    for rid in catalogue:
        if rid not in rows:
            out.append(f"{rid}: no row in the map")
            continue
        caught, note = rows[rid]
        if caught in ("", "—") and (not note or note.startswith(NO_GUARD)):
            out.append(f"{rid}: no invariant guards it, and no reason is written")
    for rid in rows:
        if rid not in catalogue:
            out.append(f"{rid}: the map names a rule the rules do not state")
    return out
