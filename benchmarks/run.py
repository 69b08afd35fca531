#!/usr/bin/env python3
"""Alliance Advisor benchmarks. Each prints its figures and a ratio to a baseline measured
in the same run (never a timed assertion): medians over repeated rounds, with the range.

    python3 tasks.py bench                 # all benchmarks, summary on stdout
    python3 tasks.py bench --quick         # 1,000 cases instead of 10,000
    python3 tasks.py bench --write         # also rewrite benchmarks/RESULTS.md and the plots

1. engine      one realistic case, warm: durable_rules vs the direct Python evaluation
2. refresh     the interview's real path after an answer (tui/session.py: the assessment the
               panels show, their ranked questions, progress) at 10 and 50 partners, vs the
               same session explaining every finding afresh; opening a 500-gift case
3. batch       N generated cases, YAML files -> --summary jsonl, journal on (the default),
               1 and 2 processes, vs parsing the same files; where a --summary row's CPU
               goes, stage by stage, as ratios to that parse floor; then the full jsonl path
4. cold        `python -m advisor assess example --format json` vs `python -c pass`, CPU,
               with the interpreter binary itself
5. memo        first PDF in a process, warm PDF, Markdown; `--format pdf` vs `--format md`
6. scaling     every output path (full JSON, Markdown memo, --summary row, the interview's
               first screen) for 2 to 500 list entries, and the assessment with 1x to 8x
               distinct rules: log-log slopes and plots
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import case_with_partners, generate_cases, largest_example, scaled_rules  # noqa: E402
from measure import (  # noqa: E402
    clock,
    median_run,
    percentiles,
    real_python,
    rounds,
    run_command,
    slope,
)

AS_OF = dt.date(2026, 6, 1)
RESULTS: list[tuple[str, str, str, str]] = []  # (benchmark, figure, value, target)
SERIES: dict[str, list[tuple[float, float]]] = {}  # for the plots


def record(bench: str, figure: str, value: str, target: str = "") -> None:
    RESULTS.append((bench, figure, value, target))
    print(f"  {figure:<58} {value:>26}   {target}")


def advisor_cmd(*args: str) -> list[str]:
    return [real_python(), "-m", "advisor", *args]


# ---- 1. engine --------------------------------------------------------------------------


def bench_engine() -> None:
    from advisor.assess import default_rules
    from advisor.casefile import load_case
    from advisor.facts import build_facts

    print("1. engine: one realistic case against the whole rules base (warm)")
    rb = default_rules()
    path = largest_example()
    period = rb.period(AS_OF)
    values = build_facts(load_case(path), AS_OF).values
    assert period.evaluate(values) == period.evaluate_direct(values)
    durable = rounds(lambda: period.evaluate(values), 100)
    direct = rounds(lambda: period.evaluate_direct(values), 100)
    record("engine", f"case: {path.name}, {len(period.rules)} rules in force", "")
    record("engine", "durable_rules evaluation per case", durable.us())
    record("engine", "direct Python evaluation (floor)", direct.us())
    record("engine", "ratio durable / direct", f"{durable.median / direct.median:.1f}×", "≤ 10×")


# ---- 2. the interview's refresh ---------------------------------------------------------


def bench_refresh() -> None:
    import gc

    from advisor import interview
    from advisor.assess import assess, default_rules
    from advisor.cli.common import settle_heap

    print("2. interview: one answer changed -> the real refresh (tui/session.py)")
    rb = default_rules()
    # As in an `advisor interview` process: the rules base loaded, then the heap settled
    # (undone below, so that the benchmarks after this one run as before).
    frozen_before, threshold = gc.get_freeze_count(), gc.get_threshold()
    settle_heap()
    try:
        for n, answers, target in ((10, 45, "p95 < 20 ms"), (50, 21, "p95 < 50 ms")):
            _refresh_rows(rb, n, answers, target)
    finally:
        if not frozen_before:
            gc.unfreeze()
        gc.set_threshold(*threshold)
    case = _gifts_case(500)
    start = clock()
    assess(case, as_of=AS_OF, lang="fr", rules=rb)
    interview.progress(rb, case, AS_OF)
    interview.review(rb, case, "fr", AS_OF)
    record("refresh", "500-gift case: assess + progress + review", f"{clock() - start:.2f} s")


def _refresh_rows(rb, n: int, answers: int, target: str, repeat: int = 3) -> None:
    """The interview's session (tui/session.py) answering yes / no / unknown in turn to
    its yes/no questions, each answer timed as the screen refreshes after it
    (tui/screens/answering.py ``store``): ``Session.answer`` (the case re-validated and
    re-assessed, then saved: the save is timed apart and left out), then what the panels
    and the progress line read (``next_questions``, ``tally``) and the questions to step
    through (``steps``). The baseline is the same session keeping nothing from one answer
    to the next (``live.explained = None``: each finding explained afresh, which questions
    ask worked out again, every durable ruleset evaluated, as before the memos), interleaved answer by answer so
    that both share the machine's load; p50 and p95 of each round, median over the
    rounds."""
    from advisor.casefile_edit import save_case_keeping_layout
    from tui.session import Options, Session

    work = Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    try:
        sessions = {}
        saves: dict[str, list[float]] = {"cached": [], "baseline": []}
        for name in ("cached", "baseline"):
            path = work / f"{name}.yaml"
            save_case_keeping_layout(path, case_with_partners(n))
            s = Session(Options(path=path, rules=rb, as_of=AS_OF, no_journal=True), "fr")
            if name == "baseline":
                s.live.explained = None
            s.save = _timed(s.save, saves[name])  # type: ignore[method-assign]
            sessions[name] = s
        questions = [
            q for q in sessions["cached"].steps() if q.spec is not None and q.spec.kind == "bool"
        ]
        stats: dict[str, list[tuple[float, float]]] = {"cached": [], "baseline": []}
        for _ in range(repeat):
            times: dict[str, list[float]] = {"cached": [], "baseline": []}
            for i in range(answers):
                q, value = questions[i % len(questions)], [True, False, None][i % 3]
                for name, s in sessions.items():
                    before = len(saves[name])
                    start = clock()
                    s.answer(q, value)
                    s.next_questions()
                    s.tally()
                    s.steps()
                    spent = clock() - start - sum(saves[name][before:])
                    times[name].append(spent)
            for name in stats:
                stats[name].append(percentiles(times[name]))
        mid = {name: _medians(stats[name]) for name in stats}
        record("refresh", f"{n} partners: p50", f"{mid['cached'][0] * 1e3:.1f} ms")
        record("refresh", f"{n} partners: p95", f"{mid['cached'][1] * 1e3:.1f} ms", target)
        record(
            "refresh",
            f"{n} partners: baseline (nothing kept between answers) p50 / p95",
            f"{mid['baseline'][0] * 1e3:.1f} / {mid['baseline'][1] * 1e3:.1f} ms",
        )
        record(
            "refresh",
            f"{n} partners: ratio baseline / kept, p50 / p95",
            f"{mid['baseline'][0] / mid['cached'][0]:.2f}× / "
            f"{mid['baseline'][1] / mid['cached'][1]:.2f}×",
        )
        record(
            "refresh",
            f"{n} partners: saving the file after an answer (left out above), p50",
            f"{statistics.median(saves['cached']) * 1e3:.1f} ms",
        )
        explained = sessions["cached"].live.explained
        assert explained is not None
        hits, misses = explained.hits, explained.misses
        record(
            "refresh",
            f"{n} partners: explanations reused",
            f"{hits / max(hits + misses, 1):.0%} of {hits + misses:,}",
        )
        kept = explained.verdicts
        record(
            "refresh",
            f"{n} partners: durable rulesets' verdicts reused",
            f"{kept.hits / max(kept.hits + kept.misses, 1):.0%} of {kept.hits + kept.misses:,}",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _timed(fn, spent: list[float]):
    def timed(*args, **kwargs):
        start = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            spent.append(clock() - start)

    return timed


def _medians(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p for p, _ in pairs), statistics.median(q for _, q in pairs)


def _gifts_case(n: int):
    from advisor.casefile import case_from_data

    partners = [
        {"id": "d", "name": "Donateur", "kind": "company", "turnover_eur": 10**9},
        {"id": "b", "name": "Bénéficiaire", "kind": "association", "general_interest": True},
    ]
    gifts = [
        {"donor": "d", "beneficiary": "b", "kind": "cash", "amount_eur": 1000 + i} for i in range(n)
    ]
    return case_from_data({"partners": partners, "money": {"gifts": gifts}}, "gifts")


# ---- 3. batch ---------------------------------------------------------------------------


def bench_batch(n: int) -> None:
    print(f"3. batch: {n:,} generated cases, YAML files -> JSONL (journal on, as by default)")
    work = Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    try:
        folder = work / "cases"
        generate_cases(folder, n)
        floor = median_run([real_python(), "-c", _PARSE_ONLY, str(folder)], repeat=3)[0]
        record(
            "batch", "floor: CSafeLoader over the same bytes", f"{n / floor.cpu:,.0f} cases/s CPU"
        )
        summary = {}
        for jobs in (1, 2):
            journal = work / f"journal-{jobs}.sqlite3"
            cmd = advisor_cmd(
                "assess",
                str(folder),
                "--summary",
                "--format",
                "jsonl",
                "--as-of",
                AS_OF.isoformat(),
                "--jobs",
                str(jobs),
                "--journal",
                str(journal),
                "-o",
                str(work / f"summary-{jobs}.jsonl"),
            )
            mid, lo, hi = median_run(cmd, repeat=3)
            summary[jobs] = mid
            record("batch", f"--summary, {jobs} process(es): wall", f"{n / mid.wall:,.0f} cases/s")
            record(
                "batch",
                f"--summary, {jobs} process(es): CPU per case",
                f"{mid.cpu / n * 1e3:.2f} ms ({lo.cpu / n * 1e3:.2f}–{hi.cpu / n * 1e3:.2f})",
            )
            record(
                "batch",
                f"--summary, {jobs} process(es): CPU / parse floor",
                f"{mid.cpu / floor.cpu:.2f}×",
                "≤ 1.5×" if jobs == 1 else "",
            )
            record("batch", f"--summary, {jobs} process(es): peak memory", f"{mid.peak_mb:,.0f} MB")
        for jobs in (1, 2):
            cmd = advisor_cmd(
                "assess",
                str(folder),
                "--format",
                "jsonl",
                "--as-of",
                AS_OF.isoformat(),
                "--jobs",
                str(jobs),
                "--journal",
                str(work / f"journal-full-{jobs}.sqlite3"),
                "-o",
                str(work / f"full-{jobs}.jsonl"),
            )
            mid, _lo, _hi = median_run(cmd, repeat=3)
            record("batch", f"full jsonl, {jobs} process(es): wall", f"{n / mid.wall:,.0f} cases/s")
            record(
                "batch",
                f"full jsonl, {jobs} process(es): CPU / --summary",
                f"{mid.cpu / summary[jobs].cpu:.2f}×",
                "≤ 3×" if jobs == 1 else "",
            )
            record(
                "batch", f"full jsonl, {jobs} process(es): peak memory", f"{mid.peak_mb:,.0f} MB"
            )
        _summary_stages(folder, min(n, 300))
        small = work / "small"
        m = max(n // 10, 100)
        generate_cases(small, m)
        for fmt in ("--summary", "full"):
            extra = ["--summary"] if fmt == "--summary" else []
            cmd = advisor_cmd(
                "assess",
                str(small),
                *extra,
                "--format",
                "jsonl",
                "--as-of",
                AS_OF.isoformat(),
                "--no-journal",
                "-o",
                str(work / "small.jsonl"),
            )
            record(
                "batch",
                f"{fmt}: peak memory with {m:,} cases (constant?)",
                f"{median_run(cmd, repeat=1)[0].peak_mb:,.0f} MB",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


#: The stages of one ``--summary`` row, as ``advisor assess DIR --summary --format jsonl``
#: runs them in one process (``advisor.cli.batch``: ``_work``, the journal, the line), each
#: timed where the batch calls it: (label, module, attribute).
_STAGES = (
    (
        "reading the file: our YAML parse with the line of each value",
        "advisor.casefile",
        "load_mapping_as_read",
    ),
    ("validating the case (format, list sizes, pydantic)", "advisor.casefile", "case_from_data"),
    ("checking the case for oddities (warnings)", "advisor.model.checks", "oddities"),
    ("building the facts", "advisor.assess", "build_facts"),
    ("durable evaluation (twice when presumptions apply)", "advisor.period:Period", "evaluate"),
    ("hashing the case for the journal", "advisor.casefile", "case_sha256"),
)


def _summary_stages(folder: Path, m: int, repeat: int = 3) -> None:
    """Where a ``--summary`` row's CPU goes: the first ``m`` generated cases run through the
    batch's own code in this process (``_work``, ``_BatchJournal``, the JSON line), each
    stage timed where it is called, as a ratio to the CSafeLoader parse of the same bytes
    measured in the same rounds. The process figures above add the start and the rules
    base load, shared by the batch."""
    import gc
    import importlib
    import io

    import yaml

    from advisor.cli import batch
    from advisor.cli.common import settle_heap
    from advisor.screening import public_row
    from advisor.textsafe import json_text

    paths = [str(p) for p in sorted(folder.glob("*.yaml"))[:m]]
    print(f"   --summary stages, in-process, {len(paths)} cases, journal on")
    batch._init(None, AS_OF, "summary", None, True, None)
    frozen_before, threshold = gc.get_freeze_count(), gc.get_threshold()
    settle_heap()  # as `advisor assess` does once the rules base is loaded
    targets = []
    for label, where, attr in _STAGES:
        module, _, cls = where.partition(":")
        owner = importlib.import_module(module)
        targets.append((label, getattr(owner, cls) if cls else owner, attr))
    stages: dict[str, list[float]] = {label: [] for label, *_ in _STAGES}
    other: dict[str, list[float]] = {
        k: []
        for k in (
            "findings, open questions, remedies, the row (the rest of the summary)",
            "writing the journal (one transaction per 500 cases)",
            "writing the JSON line",
            "the rest of the worker (warnings, the journal entry)",
        )
    }
    floor_runs, totals = [], []
    work = Path(tempfile.mkdtemp(prefix="advisor-stages-"))
    try:
        for r in range(repeat):
            gc.collect()
            start = clock()
            for p in paths:
                yaml.load(Path(p).read_bytes(), Loader=yaml.CSafeLoader)
            floor_runs.append(clock() - start)
            spent: dict[str, list[float]] = {label: [] for label in stages}
            saved = []
            for label, owner, attr in targets:
                saved.append((owner, attr, getattr(owner, attr)))
                setattr(owner, attr, _timed(getattr(owner, attr), spent[label]))
            summary_spent: list[float] = []
            saved.append((batch, "summarize", batch.summarize))
            batch.summarize = _timed(batch.summarize, summary_spent)
            journal = batch._BatchJournal(str(work / f"journal-{r}.sqlite3"), batch._STATE["rb"])
            out = io.StringIO()
            work_t = journal_t = line_t = 0.0
            gc.collect()
            start = clock()
            try:
                for p in paths:
                    t0 = clock()
                    _path, ok, payload = batch._safe_work(p)
                    t1 = clock()
                    assert ok, payload
                    journal.add(payload["journal"])
                    t2 = clock()
                    out.write(json_text(public_row(payload["row"])) + "\n")
                    t3 = clock()
                    work_t += t1 - t0
                    journal_t += t2 - t1
                    line_t += t3 - t2
                t2 = clock()
                journal.flush()
                journal_t += clock() - t2
            finally:
                for owner, attr, fn in reversed(saved):
                    setattr(owner, attr, fn)
            totals.append(clock() - start)
            for label in stages:
                stages[label].append(sum(spent[label]))
            # Building the facts and the evaluation run inside the summary.
            inner = sum(spent[_STAGES[3][0]]) + sum(spent[_STAGES[4][0]])
            timed_in_work = sum(sum(v) for v in spent.values()) - inner + sum(summary_spent)
            rest, journal_key, line_key, worker_key = other
            other[rest].append(sum(summary_spent) - inner)
            other[journal_key].append(journal_t)
            other[line_key].append(line_t)
            other[worker_key].append(work_t - timed_in_work)
    finally:
        if not frozen_before:
            gc.unfreeze()
        gc.set_threshold(*threshold)
        shutil.rmtree(work, ignore_errors=True)
    count = len(paths)
    floor = statistics.median(floor_runs)
    record(
        "batch",
        f"--summary stages ({count} cases in-process): CSafeLoader parse floor per case",
        f"{floor / count * 1e3:.3f} ms",
    )
    for label, runs in [*stages.items(), *other.items()]:
        mid = statistics.median(runs)
        record(
            "batch",
            f"--summary stage: {label}",
            f"{mid / count * 1e3:.3f} ms = {mid / floor:.2f}× floor",
        )
    direct = _direct_evaluation(paths, repeat)
    record(
        "batch",
        "--summary stage, for comparison: the direct Python evaluator on the same facts "
        "(not what the row runs)",
        f"{direct / count * 1e3:.3f} ms = {direct / floor:.2f}× floor",
    )
    total = statistics.median(totals)
    record(
        "batch",
        "--summary stages: whole row in-process (the stages above), / parse floor",
        f"{total / count * 1e3:.2f} ms = {total / floor:.2f}×",
        "≤ 1.5×",
    )


def _direct_evaluation(paths: list[str], repeat: int) -> float:
    """CPU seconds (median of ``repeat`` rounds) of the direct evaluator over the facts of
    these cases, evaluated a second time with the presumptions when any applies, as the
    durable stage is: the cost of the verdicts without durable."""
    from advisor import presumptions
    from advisor.assess import default_rules
    from advisor.casefile import load_case
    from advisor.facts import build_facts

    rb = default_rules()
    period = rb.period(AS_OF)
    values = [build_facts(load_case(p), AS_OF, lang="en", rb=rb).values for p in paths]
    runs = []
    for _ in range(repeat):
        start = clock()
        for v in values:
            period.evaluate_direct(v)
            presumed, applied = presumptions.apply(rb.presumptions, v)
            if applied:
                period.evaluate_direct(presumed)
        runs.append(clock() - start)
    return statistics.median(runs)


_PARSE_ONLY = (
    "import sys, pathlib, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


# ---- 4. cold start ------------------------------------------------------------------------


def bench_cold() -> None:
    print("4. cold start: a JSON assessment as a whole process (the interpreter binary)")
    example = str(largest_example())
    cmd = advisor_cmd(
        "assess", example, "--format", "json", "--no-journal", "--as-of", AS_OF.isoformat()
    )
    # An installed package runs from its compiled bytecode: with PYTHONDONTWRITEBYTECODE
    # set (as on the build machines) every run would compile the project's sources again.
    # The bytecode goes to a cache of its own (the worktree gets no __pycache__).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="advisor-pyc-")
    run_command(cmd, env=env)  # writes the bytecode
    bare = median_run([real_python(), "-c", "pass"], repeat=7, env=env)[0]
    whole, lo, hi = median_run(cmd, repeat=7, env=env)
    # As the earlier figures were taken: this machine's environment as it is.
    uncached = median_run(cmd, repeat=3)[0]
    # The first run after an install or a rules base edit: no parsed rules files kept.
    no_cache = median_run(cmd, repeat=3, env=dict(env, ALLIANCE_ADVISOR_CACHE="off"))[0]
    record("cold", "python -c pass (baseline), CPU", f"{bare.cpu * 1e3:.0f} ms")
    record(
        "cold", "python -m advisor assess example --format json, CPU", f"{whole.cpu * 1e3:.0f} ms"
    )
    record(
        "cold",
        "CPU above the bare interpreter",
        f"{(whole.cpu - bare.cpu) * 1e3:.0f} ms ({(lo.cpu - bare.cpu) * 1e3:.0f}–"
        f"{(hi.cpu - bare.cpu) * 1e3:.0f})",
        "≤ 300 ms",
    )
    record(
        "cold",
        "the same without bytecode (sources compiled at each run), CPU above the interpreter",
        f"{(uncached.cpu - bare.cpu) * 1e3:.0f} ms",
    )
    record(
        "cold",
        "the same with bytecode but no cache of parsed rules files (first run), above",
        f"{(no_cache.cpu - bare.cpu) * 1e3:.0f} ms",
    )
    import subprocess

    probe = subprocess.run(
        [
            real_python(),
            "-c",
            "import sys, contextlib, io\nimport advisor.cli as c\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    c.main(['assess', sys.argv[1], '--format', 'json', '--no-journal'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'textual', 'reportlab', 'rich', 'tui', 'reports'}))",
            example,
        ],
        capture_output=True,
        text=True,
    )
    record("cold", "UI/PDF packages imported by a JSON run", probe.stdout.strip() or "?")
    _cold_phases(example, env)


#: One JSON assessment in phases, as ``advisor assess CASE --format json`` runs it (the
#: collector held and no pydantic plugins, the compiled rules kept between processes, then
#: the heap settled after the rules base): prints the CPU seconds of each phase as JSON.
_PHASES = """
import json, sys, time, io
T = time.process_time
t = [T()]
from advisor.cli import common
common.hold_collector(); common.no_pydantic_plugins(); common.COMPILED_CACHE = True
from pydantic import BaseModel
class _Floor(BaseModel):
    x: int
t.append(T())
import advisor.cli.assess
from advisor.assess import assess
from advisor.casefile import load_case
t.append(T())
import advisor.engine as engine
rb = common.rules_base(type("A", (), {"rules": None})()); common.settle_heap()
t.append(T())
case = load_case(sys.argv[1])
t.append(T())
spent = [0.0]
create = engine._dre.create_ruleset
def timed(*a):
    s = T(); r = create(*a); spent[0] += T() - s; return r
engine._dre.create_ruleset = timed
day = __import__("datetime").date.fromisoformat(sys.argv[2])
a = assess(case, as_of=day, lang=case.meta.lang or "en", rules=rb, file=sys.argv[1])
t.append(T())
from reports.jsonout import assessment_json
from advisor.textsafe import json_text
text = json_text(assessment_json(a, case, rb), indent=2)
t.append(T())
assess(case, as_of=day, lang=case.meta.lang or "en", rules=rb, file=sys.argv[1])
t.append(T())
d = [b - a for a, b in zip(t, t[1:])]
print(json.dumps({"pydantic": d[0], "imports": d[1], "rules": d[2], "case": d[3],
    "first": d[4], "durable_c": spent[0], "json": d[5], "warm": d[6]}))
"""


def _cold_phases(example: str, env: dict[str, str], repeat: int = 5) -> None:
    """Where the CPU of a cold JSON assessment goes, in one process (medians of
    ``repeat`` processes): what pydantic costs before any model of ours (its import and one
    model: a floor no change of ours lowers), importing our code, loading the rules base,
    the first assessment against a warm one (compiling the rules in force; durable's own
    compile of the rulesets, in C, apart), the JSON."""
    import subprocess

    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [real_python(), "-c", _PHASES, example, AS_OF.isoformat()],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    mid = {k: statistics.median(r[k] for r in runs) for k in runs[0]}

    def ms(x: float) -> str:
        return f"{x * 1e3:.0f} ms"

    record(
        "cold",
        "phase: pydantic imported and one model built (a floor: no code of ours)",
        ms(mid["pydantic"]),
    )
    record(
        "cold",
        "phase: importing our code (the case, rules and output models...)",
        ms(mid["imports"]),
    )
    record("cold", "phase: loading the rules base (parsed files from the cache)", ms(mid["rules"]))
    record("cold", "phase: reading the case", ms(mid["case"]))
    record("cold", "phase: the first assessment", ms(mid["first"]))
    record(
        "cold", "phase: of which durable compiling the rulesets (its C code)", ms(mid["durable_c"])
    )
    record("cold", "phase: the same assessment again (warm)", ms(mid["warm"]))
    record("cold", "phase: the JSON (the memo summary and the text)", ms(mid["json"]))


# ---- 5. memo ------------------------------------------------------------------------------


def bench_memo() -> None:
    from advisor.assess import assess, default_rules
    from advisor.casefile import load_case
    from reports.markdown import render_markdown
    from reports.memo import build_memo
    from reports.pdf import render_pdf

    print("5. memo: PDF and Markdown of the largest example")
    example = largest_example()
    first = median_run(
        [
            real_python(),
            "-c",
            "import sys, datetime as d\nfrom advisor.assess import assess, default_rules\n"
            "from advisor.casefile import load_case\nfrom reports.memo import build_memo\n"
            "from reports.pdf import render_pdf\nrb = default_rules(); c = load_case(sys.argv[1])\n"
            "a = assess(c, as_of=d.date(2026, 6, 1), lang='fr', rules=rb)\n"
            "render_pdf(build_memo(a, c, rb))",
            str(example),
        ],
        repeat=3,
    )[0]
    rb = default_rules()
    case = load_case(example)
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    memo = build_memo(a, case, rb)
    pdf = rounds(lambda: render_pdf(memo), 2, repeat=5)
    md = rounds(lambda: render_markdown(memo), 10, repeat=5)
    record(
        "memo",
        f"{example.name}: {len(a.findings)} issues, PDF {len(render_pdf(memo)) // 1024} KB",
        "",
    )
    record("memo", "Markdown memo, warm (baseline)", md.ms())
    record("memo", "PDF memo, warm", pdf.ms(0), "< 300 ms")
    record("memo", "ratio PDF / Markdown, warm", f"{pdf.median / md.median:.0f}×")
    record("memo", "a whole process that writes one PDF (CPU)", f"{first.cpu * 1e3:.0f} ms")
    for fmt, suffix in (("md", "md"), ("pdf", "pdf")):
        out = Path(tempfile.mkdtemp()) / f"memo.{suffix}"
        run = median_run(
            advisor_cmd("assess", str(example), "--format", fmt, "-o", str(out), "--no-journal"),
            repeat=3,
        )[0]
        record("memo", f"advisor assess --format {fmt} (CPU)", f"{run.cpu * 1e3:.0f} ms")


# ---- 6. scaling ----------------------------------------------------------------------------


def bench_scaling() -> None:
    import gc

    from advisor.assess import assess, default_rules
    from advisor.cli.common import settle_heap
    from advisor.screening import summarize
    from reports.jsonout import assessment_json
    from reports.markdown import render_markdown
    from reports.memo import build_memo

    print("6. scaling: every output path with list entries, and the rules base")
    base = default_rules()
    # As in an `advisor assess` process: the rules base loaded, then the heap settled
    # (without it, collections rescanning the long-lived objects were ~0.45 s of the
    # 1,500-entry case); undone below.
    frozen_before, threshold = gc.get_freeze_count(), gc.get_threshold()
    settle_heap()
    try:
        _scaling_rows(base, assess, assessment_json, render_markdown, build_memo, summarize)
    finally:
        if not frozen_before:
            gc.unfreeze()
        gc.set_threshold(*threshold)


def _scaling_rows(base, assess, assessment_json, render_markdown, build_memo, summarize):
    from advisor import interview
    from advisor.rulesbase import load_rules_base

    paths = {
        "assessment + full JSON": lambda c: json.dumps(
            assessment_json(assess(c, as_of=AS_OF, rules=base), c, base)
        ),
        "assessment + Markdown memo": lambda c: render_markdown(
            build_memo(assess(c, as_of=AS_OF, lang="fr", rules=base), c, base)
        ),
        "--summary row": lambda c: summarize(base, c, AS_OF, "case.yaml", lang="fr"),
        "interview's first screen": lambda c: _first_screen(interview, assess, base, c),
    }
    for label, build in (("gifts", _gifts_case), ("partners, gifts and loans each", None)):
        for name, path in paths.items():
            if build is None and name != "assessment + full JSON":
                continue
            points = []
            for n in (2, 10, 50, 200, 500):
                case = build(n) if build is not None else case_with_partners(n)
                t = rounds(lambda case=case, path=path: path(case), 1, repeat=3 if n >= 200 else 5)
                points.append((n, t.median))
                # The target is for a 500-entry case: 500 gifts (500 partners, gifts and
                # loans each is a 1,500-entry case, reported beside it).
                target = "< 1 s" if n == 500 and build is not None and "JSON" in name else ""
                record("scaling", f"{n} {label}: {name}", t.ms(0), target)
            SERIES[f"{label}: {name}"] = points
            record(
                "scaling",
                f"{label}: {name}, log-log slope (1 = linear)",
                f"{slope(points):.2f}",
                "≤ 1.1",
            )
            # Over all sizes the fixed part flattens the fit; between the two largest it
            # is small, and the slope there is the growth itself.
            record(
                "scaling",
                f"{label}: {name}, slope from 200 to 500 entries",
                f"{slope(points[-2:]):.2f}",
                "≤ 1.1",
            )
    case = case_with_partners(10)
    rule_points = []
    for factor in (1, 2, 4, 8):
        rb = base if factor == 1 else load_rules_base(scaled_rules(factor))
        t = rounds(lambda rb=rb: assess(case, as_of=AS_OF, rules=rb), 3, repeat=5)
        n_rules = sum(len(v) for v in rb.rules.values())
        rule_points.append((n_rules, t.median))
        record("scaling", f"rules ×{factor} ({n_rules} rule versions), 10 partners", t.ms())
    SERIES["rules"] = rule_points
    record("scaling", "log-log slope with rules (1 = linear)", f"{slope(rule_points):.2f}", "≤ 1.1")


def _first_screen(interview, assess, rb, case) -> None:
    """What the interview computes before its first screen (tui/session.py): the
    assessment, the progress counts and the ranked open questions."""
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    interview.tally(rb, case, AS_OF)
    interview.askable(rb, a)


def write_plots() -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plots (pip install matplotlib)")
        return
    for name, xlabel in (
        ("entries", "list entries"),
        ("rules", "rule versions in the rules base"),
    ):
        series = {k: v for k, v in SERIES.items() if (k == "rules") == (name == "rules")}
        if not series:
            continue
        fig, ax = plt.subplots(figsize=(6.5, 4.2), dpi=100)
        for label, pts in series.items():
            xs, ys = [p[0] for p in pts], [p[1] * 1e3 for p in pts]
            ax.loglog(xs, ys, "o-", label=f"{label} (slope {slope(pts):.2f})")
        first = next(iter(series.values()))
        xs, y0 = [p[0] for p in first], first[0][1] * 1e3
        ax.loglog(xs, [y0 * x / xs[0] for x in xs], "--", color="grey", label="slope 1 (linear)")
        ax.legend(fontsize=6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("ms (median)")
        ax.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        out = Path(__file__).resolve().parent / f"scaling-{name}.png"
        fig.savefig(out)
        print(f"wrote {out}")


def write_results() -> None:
    path = Path(__file__).resolve().parent / "RESULTS.md"
    ran = {bench for bench, *_ in RESULTS}
    partly = (
        f" (benchmarks {', '.join(b for b in BENCHES if b in ran)} only; the other rows "
        "come from an earlier run)"
        if set(BENCHES) - ran
        else ""
    )
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {dt.date.today().isoformat()}{partly} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}.",
        "",
        "Re-run with `python3 tasks.py bench --write`. Times are medians over repeated rounds "
        "(range in brackets) of CPU time (the machine is shared: wall time would measure the "
        "other jobs); ratios compare with a baseline measured in the same run; processes are "
        "measured one by one (CPU and peak memory of that process only).",
        "",
        "| benchmark | figure | value | target |",
        "|---|---|---:|---|",
    ]
    kept = _table_rows(path)  # rows of the benchmarks not run (--only): kept as they were
    for bench in BENCHES:
        if bench in ran:
            for b, figure, value, target in RESULTS:
                if b == bench and value:
                    lines.append(f"| {b} | {figure} | {value} | {target} |")
        else:
            lines += kept.get(bench, [])
    lines += ["", "![entries](scaling-entries.png) ![rules](scaling-rules.png)", ""]
    notes = path.read_text(encoding="utf-8").split("<!-- notes -->", 1)
    tail = "\n<!-- notes -->" + notes[1] if len(notes) == 2 else ""
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    print(f"wrote {path}")


BENCHES = ("engine", "refresh", "batch", "cold", "memo", "scaling")


def _table_rows(path: Path) -> dict[str, list[str]]:
    """The table rows of ``RESULTS.md`` by benchmark (to keep those not run again)."""
    out: dict[str, list[str]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").split("<!-- notes -->", 1)[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells and cells[0] in BENCHES:
            out.setdefault(cells[0], []).append(line)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000")
    parser.add_argument("--write", action="store_true", help="rewrite RESULTS.md and the plots")
    parser.add_argument("--only", nargs="*", choices=BENCHES)
    args = parser.parse_args()
    os.environ.setdefault(
        "ALLIANCE_ADVISOR_JOURNAL", str(Path(tempfile.mkdtemp()) / "bench-journal.sqlite3")
    )
    # The cache of parsed rules files (advisor/rulescache.py) of this run, as an installed
    # tool has one after its first run; the cold benchmark also measures without it.
    os.environ.setdefault("ALLIANCE_ADVISOR_CACHE", tempfile.mkdtemp(prefix="advisor-cache-"))
    for name in args.only or BENCHES:
        if name == "batch":
            bench_batch(1_000 if args.quick else 10_000)
        else:
            globals()[f"bench_{name}"]()
        print()
    if args.write:
        if SERIES:
            write_plots()  # only when the scaling benchmark ran
        write_results()
    return 0


if __name__ == "__main__":
    sys.exit(main())
