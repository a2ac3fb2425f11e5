"""The campaign: a private copy of the source tree and a build of it, where each mutant is
written, built and judged by the engines in turn, its result appended to a log that a later
run resumes from.

Work folder (default build/mutate):
  src/            the source tree the mutants are applied to (from a commit, or the working
                  tree); never the checkout itself, so work there goes on undisturbed. Its
                  rule files hold every mutant at once as a schema (schema.py)
  build/          its build: only `reclaim` and `fuzz_protocol_replay`, -O2 without debug
                  information
  results.jsonl   one line per judged mutant (appended and flushed as each ends)
  baseline.json   the engines on the unmutated source: every engine must pass it
  campaign.json   the settings of the last run

One build holds every mutant (RECLAIM_MUTANT=N switches mutant N on); a mutant the schema
cannot hold is written into its file alone and built by itself (a mutant that then does not
compile is stillborn and not counted). Per mutant: (1) the scenario library and the fuzz
replay, side by side; (2) the random engine over every built-in variant, a fixed number of
traces each. Every engine runs on every mutant, so each engine's kill rate is over the same mutants.
(3) A mutant nothing killed gets the random engine again with a time budget per variant. Seeds derive
from the mutant's key: a run repeats.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import engines
import schema
from mutants import Mutant, mutants_of

RULE_FILES = "model/rules"
STEP_FILE = "model/step.cc"


def rule_sources(root: str) -> list[str]:
    """The files the campaign mutates, relative to `root`: model/rules/*.cc but tests, and
    model/step.cc."""
    files = sorted(
        os.path.join(RULE_FILES, f) for f in os.listdir(os.path.join(root, RULE_FILES))
        if f.endswith(".cc") and not f.endswith("_test.cc"))
    return files + [STEP_FILE]


def all_mutants(root: str) -> list[Mutant]:
    out = []
    for rel in rule_sources(root):
        with open(os.path.join(root, rel)) as f:
            out += mutants_of(rel, f.read())
    return out


def log(message: str) -> None:
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


class Workspace:
    def __init__(self, root: str, work: str):
        self.root = os.path.abspath(root)
        self.work = os.path.abspath(work)
        self.src = os.path.join(self.work, "src")
        self.build = os.path.join(self.work, "build")
        self.results = os.path.join(self.work, "results.jsonl")
        self.env = dict(os.environ)

    # ------------------------------------------------------------------ source and build

    def _listing(self, source: str) -> list[str]:
        if source == "worktree":
            out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"],
                                 cwd=self.root, check=True, capture_output=True).stdout
        else:
            out = subprocess.run(["git", "ls-tree", "-r", "--name-only", "-z", source],
                                 cwd=self.root, check=True, capture_output=True).stdout
        return [p for p in out.decode().split("\0") if p]

    def describe_source(self, source: str) -> str:
        rev = "HEAD" if source == "worktree" else source
        commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=self.root, check=True,
                                capture_output=True, text=True).stdout.strip()
        if source != "worktree":
            return commit
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=self.root,
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+worktree" if dirty else "")

    def sync(self, source: str, transform=None) -> int:
        """Makes src/ hold `source` (a commit, or "worktree"), rewriting only files whose
        content differs, so the build stays incremental; `transform(rel, data)` may rewrite a
        file on the way (the schemata). Returns how many files changed."""
        os.makedirs(self.src, exist_ok=True)
        changed = 0
        wanted = set(self._listing(source))
        origin = self.root
        tmp = None
        if source != "worktree":
            tmp = tempfile.mkdtemp(prefix="mutate-src-", dir=self.work)
            archive = subprocess.run(["git", "archive", "--format=tar", source], cwd=self.root,
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            origin = tmp
        for rel in sorted(wanted):
            dst = os.path.join(self.src, rel)
            path = os.path.join(origin, rel)
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            if transform is not None:
                data = transform(rel, data)
            if os.path.isfile(dst):
                with open(dst, "rb") as f:
                    if f.read() == data:
                        continue
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(data)
            if os.access(path, os.X_OK):
                os.chmod(dst, 0o755)
            changed += 1
        if tmp:
            shutil.rmtree(tmp)
        for base, _, files in os.walk(self.src):
            for name in files:
                rel = os.path.relpath(os.path.join(base, name), self.src)
                if rel not in wanted:
                    os.remove(os.path.join(base, name))
                    changed += 1
        return changed

    def configure(self) -> None:
        if os.path.isfile(os.path.join(self.build, "CMakeCache.txt")):
            return
        args = ["cmake", "-S", self.src, "-B", self.build, "-G", "Unix Makefiles",
                "-DCMAKE_CXX_COMPILER=g++", "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG", "-DRECLAIM_BUILD_TESTS=OFF",
                "-DRECLAIM_BUILD_BENCH=OFF"]
        subprocess.run(args, check=True, env=self.env, stdout=subprocess.DEVNULL)

    def make(self, jobs: int, limit: float = 3600) -> tuple[bool, float, str]:
        start = time.monotonic()
        try:
            p = subprocess.run(["cmake", "--build", self.build, "--target", "reclaim",
                                "fuzz_protocol_replay", f"-j{jobs}"], env=self.env,
                               capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return False, time.monotonic() - start, "build timed out"
        errors = [ln for ln in p.stdout.splitlines() + p.stderr.splitlines() if "error" in ln]
        return p.returncode == 0, time.monotonic() - start, "\n".join(errors[:3])

    # ------------------------------------------------------------------ results

    def done(self) -> dict[str, dict]:
        out = {}
        if os.path.isfile(self.results):
            with open(self.results) as f:
                for line in f:
                    line = line.strip()
                    if line:
                        try:
                            r = json.loads(line)
                        except json.JSONDecodeError:
                            continue  # a line cut short by an interrupted run
                        out[r["key"]] = r
        return out

    def append(self, record: dict) -> None:
        with open(self.results, "a") as f:
            f.write(json.dumps(record, sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())


class Settings:
    def __init__(self, args):
        self.short_traces = args.traces
        self.long_budget = args.long_budget
        self.jobs = args.jobs
        self.limit_scenarios = args.scenario_limit
        self.limit_fuzz = args.fuzz_limit


def judge(ws: Workspace, s: Settings, file: str, seed: int, long_stage: bool,
          mutant: int = 0) -> dict:
    """Runs every engine on the build, with schema mutant `mutant` switched on (0: none)."""
    out: dict[str, dict] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        fs = pool.submit(engines.scenarios, ws.build, ws.src, s.limit_scenarios, mutant)
        ff = pool.submit(engines.fuzz_replay, ws.build, ws.src, s.limit_fuzz, mutant)
        out["scenarios"] = fs.result().to_json()
        out["fuzz"] = ff.result().to_json()
    out["random"] = engines.random_engine(ws.build, ws.src, file, 0, seed, s.jobs,
                                          mutant=mutant, traces=s.short_traces).to_json()
    if long_stage and not any(v["killed"] for v in out.values()):
        out["random-long"] = engines.random_engine(ws.build, ws.src, file, s.long_budget, seed,
                                                   s.jobs, "random-long", mutant).to_json()
    return out


def seed_of(key: str) -> int:
    return int(key[:8], 16)


def baseline(ws: Workspace, s: Settings, source: str) -> bool:
    path = os.path.join(ws.work, "baseline.json")
    log("baseline: the engines on the unmutated source")
    result = judge(ws, s, "", 1, long_stage=False)
    record = {"source": source, "engines": result, "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    with open(path + ".tmp", "w") as f:
        json.dump(record, f, indent=1, sort_keys=True)
    os.replace(path + ".tmp", path)
    bad = [e for e, v in result.items() if v["killed"]]
    for e in bad:
        log(f"baseline: {e} fails on the unmutated source: {result[e].get('detail', '')}")
    return not bad


def run(args) -> int:
    ws = Workspace(args.root, args.work)
    os.makedirs(ws.work, exist_ok=True)
    try:
        os.nice(args.nice)
    except OSError:
        pass

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    lock = os.path.join(ws.work, "lock")
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
    except FileExistsError:
        with open(lock) as f:
            pid = f.read().strip()
        if pid.isdigit() and os.path.exists(f"/proc/{pid}"):
            print(f"mutate: a campaign (pid {pid}) already runs in {ws.work}", file=sys.stderr)
            return 2
        with open(lock, "w") as f:
            f.write(str(os.getpid()))
    try:
        return _run(ws, args)
    finally:
        os.remove(lock)


def _prepare(ws: Workspace, args) -> tuple[str, list[Mutant], dict[str, str]]:
    """Syncs src/ with every mutant compiled in; returns the source's name, the mutants (a
    mutant's schema number is its place in the list, from 1) and the rule files as written."""
    source = ws.describe_source(args.source)
    log(f"source {source}: syncing {ws.src}")
    texts = {rel: _read_source(ws, args.source, rel) for rel in _rule_listing(ws, args.source)}
    mutants = [m for rel, text in texts.items() for m in mutants_of(rel, text)]

    def with_schema(rel: str, data: bytes) -> bytes:
        if rel not in texts:
            return data
        numbered = [(i + 1, m) for i, m in enumerate(mutants) if m.file == rel]
        return schema.render(texts[rel], rel, numbered)[0].encode()

    n = ws.sync(args.source, transform=with_schema)
    log(f"{n} files changed; {len(mutants)} mutants compiled in")
    return source, mutants, texts


def _rule_listing(ws: Workspace, source: str) -> list[str]:
    files = [p for p in ws._listing(source)
             if (p.startswith(RULE_FILES + "/") and p.endswith(".cc") and
                 not p.endswith("_test.cc") and p.count("/") == 2) or p == STEP_FILE]
    return sorted(f for f in files if f != STEP_FILE) + [STEP_FILE]


def _read_source(ws: Workspace, source: str, rel: str) -> str:
    if source == "worktree":
        with open(os.path.join(ws.root, rel)) as f:
            return f.read()
    return subprocess.run(["git", "show", f"{source}:{rel}"], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout


def _run(ws: Workspace, args) -> int:
    s = Settings(args)
    source, mutants, texts = _prepare(ws, args)
    ws.configure()
    ok, secs, err = ws.make(s.jobs)
    if not ok:
        log(f"the source with its mutants compiled in does not build: {err}")
        return 1
    log(f"built in {secs:.0f} s")
    with open(os.path.join(ws.work, "campaign.json"), "w") as f:
        json.dump({"source": source, "traces": s.short_traces,
                   "long_budget": None if args.short_only else s.long_budget,
                   "jobs": s.jobs, "mutants": len(mutants),
                   "started": time.strftime("%Y-%m-%d %H:%M:%S")}, f, indent=1)
    if not args.no_baseline and not baseline(ws, s, source):
        return 1

    every = list(mutants)
    number = {m.key: i + 1 for i, m in enumerate(mutants)}
    # Mutants the schema could not hold are built one by one.
    alone = set()
    for rel, text in texts.items():
        _, left = schema.render(text, rel, [(number[m.key], m) for m in mutants if m.file == rel])
        alone |= {m.key for m in left}
    if args.files:
        mutants = [m for m in mutants if any(m.file.endswith(x) for x in args.files)]
    if args.only:
        keys = set(args.only)
        mutants = [m for m in mutants if m.key in keys]
    done = ws.done()
    todo = []
    for m in mutants:
        prev = done.get(m.key)
        if prev is None:
            todo.append(m)
        elif args.rerun == "survived" and prev["status"] == "survived":
            todo.append(m)
        elif args.rerun == "all":
            todo.append(m)
    log(f"{len(mutants)} mutants, {len(mutants) - len(todo)} judged before, {len(todo)} to "
        f"judge ({len(alone)} without a schema)" + (f", {args.limit} this run" if args.limit
                                                     else ""))
    if args.limit:
        todo = todo[: args.limit]

    rebuild = False
    try:
        for i, m in enumerate(todo, 1):
            t0 = time.monotonic()
            record = dict(m.to_json())
            record.update({"source": source, "number": number[m.key],
                           "when": time.strftime("%Y-%m-%d %H:%M:%S")})
            if m.key in alone:
                ok, secs, err = _build_alone(ws, s, m, texts[m.file])
                rebuild = True
                record["build_seconds"] = round(secs, 1)
                if not ok:
                    record["status"] = "stillborn"
                    record["build_error"] = err[:500]
                switch = 0
            else:
                if rebuild:
                    ok, _, err = ws.make(s.jobs)
                    rebuild = False
                    if not ok:
                        log(f"the schema build broke: {err}")
                        return 1
                switch = number[m.key]
            if record.get("status") != "stillborn":
                result = judge(ws, s, m.file, seed_of(m.key), not args.short_only, switch)
                record["engines"] = result
                kills = [v for v in result.values() if v["killed"]]
                record["status"] = "killed" if kills else "survived"
                if kills:
                    best = min(kills, key=lambda v: v["seconds"])
                    record["killed_by"] = best["engine"]
                    record["seconds_to_kill"] = best["seconds"]
            if m.key in alone:
                _restore(ws, m.file, every, number, texts)
            ws.append(record)
            what = record["status"]
            if what == "killed":
                what += f" by {record['killed_by']} in {record['seconds_to_kill']:.1f} s"
            log(f"[{i}/{len(todo)}] {m.key} {m.file}:{m.line} {m.rule} {m.operator}: {what} "
                f"({time.monotonic() - t0:.0f} s)")
    except KeyboardInterrupt:
        log("interrupted; the results so far are kept and a new run resumes")
        return 130
    finally:
        for rel in texts:
            _restore(ws, rel, every, number, texts)
    return 0


def _build_alone(ws: Workspace, s: Settings, m: Mutant, text: str):
    with open(os.path.join(ws.src, m.file), "w") as f:
        f.write(m.apply(text))
    return ws.make(s.jobs, limit=1800)


def _restore(ws: Workspace, rel: str, mutants: list[Mutant], number: dict[str, int],
             texts: dict[str, str]) -> None:
    """Puts the schema file back (if a mutant built alone replaced it)."""
    rendered, _ = schema.render(texts[rel], rel,
                                [(number[m.key], m) for m in mutants if m.file == rel])
    path = os.path.join(ws.src, rel)
    with open(path) as f:
        if f.read() == rendered:
            return
    with open(path, "w") as f:
        f.write(rendered)
