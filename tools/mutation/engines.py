"""The engines a mutant is judged by, each run as a process of the campaign's own build, under a
time limit, with its verdict read from what it prints:

  scenarios  `reclaim run scenarios/ fuzz/regressions/scenarios/`: the attack and conformance
             library and every fuzz finding; killed when an expectation is unmet or a claimed
             invariant is violated (exit 1)
  fuzz       `fuzz_protocol_replay fuzz/corpus/protocol fuzz/regressions/protocol`: every seed
             and regression input, each variant's claims checked after every action; killed
             when a claim is violated (the target aborts)
  random     `reclaim check --variant V --claims-only --first-violation` with a number of
             traces (the short stage: exactly repeatable) or a time budget (the long stage),
             for every built-in variant, a few at a time; killed when some claim is violated
             (exit 1)

A crash, a hang past the limit or an engine's own failure also kills: the mutant made the
protocol misbehave in a way the harness saw. Every engine's time to kill is its own figure: the
random engine's seconds to the first failing trace, the others' wall time.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

# Every built-in variant (variants/*.toml; the smoke test checks the list is complete).
VARIANTS = ["social", "timelock-2fa", "timelock", "argent", "candide", "vault", "ii-protected",
            "ii-2021", "thread-proposal", "hardware-recovery", "argent-starknet"]

# Which variants exercise a file's rules first: a kill is found sooner where the rules live.
FIRST_VARIANTS = {
    "social.cc": ["social", "argent", "candide", "argent-starknet"],
    "assets.cc": ["vault", "argent", "ii-2021", "thread-proposal"],
    "registration.cc": ["ii-2021", "ii-protected", "timelock"],
    "timelock.cc": ["timelock", "timelock-2fa", "vault"],
    "two_factor.cc": ["thread-proposal", "timelock-2fa", "social"],
    "devices.cc": ["ii-protected", "timelock", "vault", "hardware-recovery"],
    "session.cc": ["ii-2021", "timelock"],
}


@dataclass
class Verdict:
    engine: str
    killed: bool
    seconds: float  # time to kill (or time run, when it survived)
    how: str = ""  # claim expectation crash timeout failure
    detail: str = ""
    invariant: str = ""
    variant: str = ""

    def to_json(self) -> dict:
        out = {"engine": self.engine, "killed": self.killed, "seconds": round(self.seconds, 3)}
        for k in ("how", "detail", "invariant", "variant"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        return out


def variant_order(file: str) -> list[str]:
    first = FIRST_VARIANTS.get(os.path.basename(file), [])
    return first + [v for v in VARIANTS if v not in first]


class Proc:
    """A child in its own process group, so a time limit ends it and everything it started."""

    def __init__(self, args: list[str], cwd: str, limit: float, mutant: int = 0):
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.started = time.monotonic()
        self.limit = limit
        env = dict(os.environ)
        env.pop("RECLAIM_MUTANT", None)
        if mutant:
            env["RECLAIM_MUTANT"] = str(mutant)  # the schema's switch (schema.py)
        self.p = subprocess.Popen(args, cwd=cwd, stdout=self.out, stderr=self.err, env=env,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        self.timed_out = False

    def poll(self) -> int | None:
        rc = self.p.poll()
        if rc is None and time.monotonic() - self.started > self.limit:
            self.stop()
            self.timed_out = True
            rc = self.p.wait()
        return rc

    def stop(self) -> None:
        if self.p.poll() is None:
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.p.wait()

    def wait(self) -> int:
        while (rc := self.poll()) is None:
            time.sleep(0.05)
        return rc

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def text(self) -> tuple[str, str]:
        self.out.seek(0)
        self.err.seek(0)
        return (self.out.read().decode(errors="replace"), self.err.read().decode(errors="replace"))


def _abnormal(engine: str, p: Proc, rc: int, expected: tuple[int, ...],
              abort_reports: bool = False) -> Verdict | None:
    """A timeout, a crash (a signal; an abort too, unless the engine reports by aborting) or an
    exit code the engine never gives: each kills the mutant."""
    if p.timed_out:
        return Verdict(engine, True, p.elapsed(), "timeout", f"no answer within {p.limit:.0f} s")
    if rc < 0 and not (abort_reports and rc == -signal.SIGABRT):
        return Verdict(engine, True, p.elapsed(), "crash", f"killed by signal {-rc}")
    if rc not in expected and rc >= 0:
        _, err = p.text()
        return Verdict(engine, True, p.elapsed(), "failure",
                       f"exit {rc}: " + " ".join(err.strip().splitlines()[-1:])[:300])
    return None


def scenarios(build: str, src: str, limit: float, mutant: int = 0) -> Verdict:
    p = Proc([os.path.join(build, "reclaim"), "run", "scenarios", "fuzz/regressions/scenarios"],
             src, limit, mutant)
    rc = p.wait()
    bad = _abnormal("scenarios", p, rc, (0, 1))
    if bad:
        return bad
    if rc == 0:
        return Verdict("scenarios", False, p.elapsed())
    _, err = p.text()
    lines = [ln for ln in err.splitlines() if " is unmet " in ln or "violated at step" in ln]
    first = lines[0] if lines else err.strip()[:300]
    m = re.search(r"under (\S+): claimed invariant (\S+) violated", first)
    if m:
        return Verdict("scenarios", True, p.elapsed(), "claim", first[:300], m.group(2),
                       m.group(1))
    m = re.search(r"under (\S+):", first)
    return Verdict("scenarios", True, p.elapsed(), "expectation", first[:300], "",
                   m.group(1) if m else "")


def fuzz_replay(build: str, src: str, limit: float, mutant: int = 0) -> Verdict:
    p = Proc([os.path.join(build, "fuzz", "fuzz_protocol_replay"), "fuzz/corpus/protocol",
              "fuzz/regressions/protocol"], src, limit, mutant)
    rc = p.wait()
    bad = _abnormal("fuzz", p, rc, (0,), abort_reports=True)
    if bad:
        return bad
    if rc == 0:
        return Verdict("fuzz", False, p.elapsed())
    _, err = p.text()  # an abort: the harness printed the violation before it
    m = re.search(r"==reclaim-fuzz== VIOLATION (\S+) under (\S+) at step \d+: (.*)", err)
    inputs = re.findall(r"replay: (\S+)", err)
    where = "input " + os.path.basename(inputs[-1]) + ": " if inputs else ""
    if not m:
        return Verdict("fuzz", True, p.elapsed(), "crash", where + "aborted without a violation")
    return Verdict("fuzz", True, p.elapsed(), "claim", (where + m.group(3))[:300], m.group(1),
                   m.group(2))


def random_engine(build: str, src: str, file: str, budget: float, seed: int, jobs: int,
                  engine: str = "random", mutant: int = 0, traces: int = 0) -> Verdict:
    """Every built-in variant, `jobs` at a time, until one finds a violated claim; each run
    bounded by `traces` when given, else by `budget` seconds."""
    order = variant_order(file)
    running: list[tuple[str, Proc, str]] = []
    started = time.monotonic()
    result: Verdict | None = None
    with tempfile.TemporaryDirectory(prefix="mutate-random-") as tmp:
        queue = list(order)
        while (queue or running) and result is None:
            while queue and len(running) < jobs:
                v = queue.pop(0)
                out = os.path.join(tmp, v)
                bound = ["--budget", "0", "--traces", str(traces)] if traces else \
                    ["--budget", str(budget)]
                args = [os.path.join(build, "reclaim"), "check", "--variant", v, *bound,
                        "--claims-only", "--first-violation", "--seed", str(seed), "--json",
                        "--out", out]
                limit = traces / 50 + 120 if traces else budget * 3 + 60
                running.append((v, Proc(args, src, limit, mutant), out))
            time.sleep(0.05)
            for item in list(running):
                v, p, _ = item
                rc = p.poll()
                if rc is None:
                    continue
                running.remove(item)
                result = _random_verdict(engine, v, p, rc) or result
        for _, p, _ in running:
            p.stop()
    if result is None:
        return Verdict(engine, False, time.monotonic() - started)
    return result


def _random_verdict(engine: str, variant: str, p: Proc, rc: int) -> Verdict | None:
    bad = _abnormal(engine, p, rc, (0, 1, 3))
    if bad:
        bad.variant = variant
        return bad
    if rc != 1:
        return None
    out, _ = p.text()
    try:
        report = json.loads(out)
    except json.JSONDecodeError:
        return Verdict(engine, True, p.elapsed(), "failure", "unreadable report", "", variant)
    for e in report.get("engines", []):
        for v in e.get("verdicts", []):
            if v.get("claimed") and v.get("label") == "violated":
                return Verdict(engine, True, float(v.get("seconds_to_find", p.elapsed())),
                               "claim", v.get("message", "")[:300], v["id"], variant)
        if e.get("problems"):
            return Verdict(engine, True, p.elapsed(), "failure", "; ".join(e["problems"])[:300],
                           "", variant)
    return Verdict(engine, True, p.elapsed(), "failure", "exit 1 without a violated claim", "",
                   variant)
