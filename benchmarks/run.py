#!/usr/bin/env python3
"""Alliance Advisor benchmarks. Each prints its figures and a ratio to a baseline measured
in the same run (never a timed assertion).

    python3 tasks.py bench                 # all benchmarks, summary on stdout
    python3 tasks.py bench --quick         # smaller batch (1,000 cases) for a quick look
    python3 tasks.py bench --write         # also rewrite benchmarks/RESULTS.md

1. engine      one realistic case, warm: durable_rules vs direct Python evaluation
2. reassess    one interview answer changed -> findings updated: p50 / p95
3. batch       10,000 generated cases, YAML files -> JSONL, 1 and 2 processes; peak memory
4. cold        `advisor assess example.yaml --format json` vs `python -c pass`
5. memo        PDF memo of the largest example; 100 memos
6. scaling     time per case with 1x, 2x, 4x the rules base and 2, 10, 50 partners
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_cases, largest_example, scaled_rules  # noqa: E402

AS_OF = dt.date(2026, 6, 1)
RESULTS: list[tuple[str, str, str, str]] = []  # (benchmark, figure, value, target)


def record(bench: str, figure: str, value: str, target: str = "") -> None:
    RESULTS.append((bench, figure, value, target))
    print(f"  {figure:<52} {value:>18}   {target}")


def per_call(fn, n: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def bench_engine() -> None:
    from advisor.assess import default_rules
    from advisor.casefile import load_case
    from advisor.facts import build_facts

    print("1. engine: one realistic case against the whole rules base (warm)")
    rb = default_rules()
    path = largest_example()
    case = load_case(path)
    period = rb.period(AS_OF)
    values = build_facts(case, AS_OF).values
    assert period.evaluate(values) == period.evaluate_direct(values)
    durable = per_call(lambda: period.evaluate(values), 400)
    direct = per_call(lambda: period.evaluate_direct(values), 400)
    record("engine", f"case: {path.name}, {len(period.rules)} rules in force", "")
    record("engine", "durable_rules evaluation per case", f"{durable * 1e6:,.0f} µs")
    record("engine", "direct Python evaluation (floor)", f"{direct * 1e6:,.0f} µs")
    record("engine", "ratio durable / direct", f"{durable / direct:.1f}×", "target ≤ 10×")


def bench_reassess() -> None:
    from advisor import interview
    from advisor.assess import assess, default_rules
    from advisor.casefile import load_case

    print("2. interview: one answer changed -> findings updated")
    rb = default_rules()
    case = load_case(largest_example())
    questions = [
        q for q in interview.steps(rb, case, AS_OF) if q.spec is not None and q.spec.kind == "bool"
    ]
    times_full, times_live = [], []
    for i in range(300):
        q = questions[i % len(questions)]
        value = [True, False, None][i % 3]
        start = time.perf_counter()
        changed = interview.set_answer(case, q, value)
        assess(changed, as_of=AS_OF, lang="fr", rules=rb)
        times_full.append(time.perf_counter() - start)
        start = time.perf_counter()
        changed = interview.set_answer(case, q, value)
        assess(changed, as_of=AS_OF, lang="fr", rules=rb, clear_by=False)
        times_live.append(time.perf_counter() - start)
    for label, times in (
        ("full (with what would clear each)", times_full),
        ("live panel (clear_by=False)", times_live),
    ):
        q = statistics.quantiles(times, n=100)
        record("reassess", f"{label}: p50", f"{q[49] * 1e3:.1f} ms")
        record("reassess", f"{label}: p95", f"{q[94] * 1e3:.1f} ms", "target < 20 ms")


def _peak_rss_kb(proc_times: resource.struct_rusage) -> int:
    return proc_times.ru_maxrss


def bench_batch(n: int) -> None:
    print(f"3. batch: {n:,} generated cases, YAML files -> JSONL summary")
    work = Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    try:
        folder = work / "cases"
        generate_cases(folder, n)
        # Baseline: reading and parsing the same files with PyYAML's C loader only.
        import yaml

        start = time.perf_counter()
        for p in sorted(folder.glob("*.yaml")):
            yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        parse = time.perf_counter() - start
        record("batch", "baseline: YAML parse only", f"{n / parse:,.0f} cases/s")
        advisor = shutil.which("advisor") or str(Path(sys.executable).parent / "advisor")
        for jobs in (1, 2):
            out = work / f"out-{jobs}.jsonl"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    advisor,
                    "assess",
                    str(folder),
                    "--summary",
                    "--format",
                    "jsonl",
                    "--no-journal",
                    "--as-of",
                    AS_OF.isoformat(),
                    "--jobs",
                    str(jobs),
                    "-o",
                    str(out),
                ],
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
                raise SystemExit("batch failed")
            lines = sum(1 for _ in out.open(encoding="utf-8"))
            assert lines == n, (lines, n)
            rate = n / elapsed
            record(
                "batch",
                f"{jobs} process(es): end to end",
                f"{rate:,.0f} cases/s",
                "target ≥ 2,000/s per core" if jobs == 1 else "",
            )
            record("batch", f"{jobs} process(es): per core", f"{rate / jobs:,.0f} cases/s")
            record(
                "batch",
                f"{jobs} process(es): ratio to YAML-parse baseline",
                f"{(n / parse) / rate:.1f}× slower",
            )
            peak = max(after.ru_maxrss, before.ru_maxrss) / 1024
            record(
                "batch",
                f"{jobs} process(es): peak memory (largest process)",
                f"{peak:,.0f} MB",
                "target < 300 MB",
            )
        # Constant memory: the same run on a tenth of the cases.
        small = work / "small"
        generate_cases(small, max(n // 10, 100))
        r = subprocess.run(
            [
                "/usr/bin/env",
                "python3",
                "-c",
                "import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
                "stdout=subprocess.DEVNULL); print(resource.getrusage("
                "resource.RUSAGE_CHILDREN).ru_maxrss)",
                advisor,
                "assess",
                str(small),
                "--summary",
                "--format",
                "jsonl",
                "--no-journal",
                "--as-of",
                AS_OF.isoformat(),
            ],
            capture_output=True,
            text=True,
        )
        if r.stdout.strip().isdigit():
            record(
                "batch",
                f"peak memory with {max(n // 10, 100):,} cases (1 process)",
                f"{int(r.stdout) / 1024:,.0f} MB",
                "same as above = constant",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_cold() -> None:
    print("4. cold start: a JSON assessment as a whole process")
    advisor = shutil.which("advisor") or str(Path(sys.executable).parent / "advisor")
    example = str(largest_example())

    def run(cmd):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    bare = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(7))
    whole = statistics.median(
        run(
            [
                advisor,
                "assess",
                example,
                "--format",
                "json",
                "--no-journal",
                "--as-of",
                AS_OF.isoformat(),
            ]
        )
        for _ in range(7)
    )
    record("cold", "python -c pass (baseline)", f"{bare * 1e3:.0f} ms")
    record("cold", "advisor assess example --format json", f"{whole * 1e3:.0f} ms")
    record(
        "cold", "above the bare interpreter", f"{(whole - bare) * 1e3:.0f} ms", "target < 500 ms"
    )
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, runpy; sys.argv=['advisor','assess',sys.argv[1],"
            "'--format','json','--no-journal']; import advisor.cli as c; "
            "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):"
            "\n    c.main(sys.argv[1:])\nprint(sorted({m.split('.')[0] for m in "
            "sys.modules} & {'textual','reportlab','rich'}))",
            example,
        ],
        capture_output=True,
        text=True,
    )
    record("cold", "UI/PDF libraries imported by a JSON run", probe.stdout.strip() or "?")


def bench_memo() -> None:
    from advisor.assess import assess, default_rules
    from advisor.casefile import load_case
    from reports.markdown import render_markdown
    from reports.memo import build_memo
    from reports.pdf import render_pdf

    print("5. memo: PDF of the largest example")
    rb = default_rules()
    case = load_case(largest_example())
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    memo = build_memo(a, case, rb)
    pdf = per_call(lambda: render_pdf(memo), 5)
    md = per_call(lambda: render_markdown(memo), 20)
    record("memo", f"{len(a.findings)} findings; PDF {len(render_pdf(memo)) // 1024} KB", "")
    record("memo", "Markdown memo (baseline)", f"{md * 1e3:.1f} ms")
    record("memo", "PDF memo", f"{pdf * 1e3:.0f} ms", "target < 300 ms")
    record("memo", "ratio PDF / Markdown", f"{pdf / md:.0f}×")
    start = time.perf_counter()
    for _ in range(100):
        render_pdf(build_memo(assess(case, as_of=AS_OF, lang="fr", rules=rb), case, rb))
    record("memo", "100 memos (assess + build + PDF)", f"{time.perf_counter() - start:.1f} s")


def bench_scaling() -> None:
    from generate import case_with_partners

    from advisor.assess import default_rules, statuses
    from advisor.rulesbase import load_rules_base

    print("6. scaling: time per case")
    base = default_rules()
    case = case_with_partners(10)
    points = []
    for factor in (1, 2, 4):
        rb = base if factor == 1 else load_rules_base(scaled_rules(factor))
        t = per_call(lambda rb=rb: statuses(case, as_of=AS_OF, rules=rb), 100)
        points.append((factor, t))
        record(
            "scaling",
            f"rules base ×{factor} ({sum(len(v) for v in rb.rules.values())} "
            "rule versions), 10 partners",
            f"{t * 1e6:,.0f} µs",
        )
    slope = (points[-1][1] / points[0][1]) / (points[-1][0] / points[0][0])
    record(
        "scaling",
        "growth with the rules base (1 = linear)",
        f"{slope:.2f}",
        "≤ 1 is linear or better",
    )
    sizes = []
    for n in (2, 10, 50):
        c = case_with_partners(n)
        t = per_call(lambda c=c: statuses(c, as_of=AS_OF, rules=base), 60)
        sizes.append((n, t))
        record("scaling", f"{n} partners", f"{t * 1e6:,.0f} µs")
    slope = (sizes[-1][1] / sizes[0][1]) / (sizes[-1][0] / sizes[0][0])
    record(
        "scaling",
        "growth with partners 2 -> 50 (1 = linear)",
        f"{slope:.2f}",
        "≤ 1 is linear or better",
    )


def write_results() -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {dt.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}.",
        "",
        "Re-run with `python3 tasks.py bench --write` (figures vary by a few percent "
        "between runs; ratios are measured against a baseline in the same run).",
        "",
        "| benchmark | figure | value | target |",
        "|---|---|---:|---|",
    ]
    for bench, figure, value, target in RESULTS:
        if value:
            lines.append(f"| {bench} | {figure} | {value} | {target} |")
    path = Path(__file__).resolve().parent / "RESULTS.md"
    notes = path.read_text(encoding="utf-8").split("<!-- notes -->", 1)
    tail = "\n<!-- notes -->" + notes[1] if len(notes) == 2 else ""
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000")
    parser.add_argument("--write", action="store_true", help="rewrite benchmarks/RESULTS.md")
    parser.add_argument(
        "--only", nargs="*", choices=("engine", "reassess", "batch", "cold", "memo", "scaling")
    )
    args = parser.parse_args()
    todo = args.only or ["engine", "reassess", "batch", "cold", "memo", "scaling"]
    os.environ.setdefault(
        "ALLIANCE_ADVISOR_JOURNAL",
        str(Path(tempfile.gettempdir()) / "advisor-bench-journal.sqlite3"),
    )
    for name in todo:
        if name == "batch":
            bench_batch(1_000 if args.quick else 10_000)
        else:
            globals()[f"bench_{name}"]()
        print()
    if args.write:
        write_results()
    return 0


if __name__ == "__main__":
    sys.exit(main())
