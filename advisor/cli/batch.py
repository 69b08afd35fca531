"""Screening many cases: ``advisor assess DIR_OR_FILES... --summary`` (and csv / jsonl).

One row per case: counts by severity, the worst challenge, the recommendations. On a
terminal the rows are ranked, most at-risk first, with a progress bar; as ``csv`` or
``jsonl`` they are streamed in input order (constant memory whatever the number of
cases). A broken file is reported on stderr (file, field, why) and skipped; the batch goes
on and exits 2 at the end. With ``-o`` the output is written to a temporary file renamed
at the end: it appears whole or not at all. ``--jobs N`` spreads the work over N processes
(results keep the input order, so the output is the same as with one process).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..errors import AdvisorError, InputFileError, UsageError
from ..rulemodel import SEVERITIES
from ..screening import public_row, rank_key, summarize
from .common import case_paths, rules_base

CSV_FIELDS = [
    "file",
    "case",
    "critical",
    "high",
    "medium",
    "low",
    "to_verify",
    "to_verify_high",
    "open_questions",
    "worst_challenge",
    "worst_severity",
    "recommendations",
    "as_of",
    "rules_version",
]
#: Below this many cases, worker processes cost more than they save.
MIN_CASES_PER_JOB = 40

# ---- workers -------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _init(
    rules_path: str | None, as_of: dt.date, mode: str, lang: str | None, journal: bool
) -> None:
    from ..assess import default_rules
    from ..rulesbase import load_rules_base

    _STATE["rb"] = load_rules_base(rules_path) if rules_path else default_rules()
    _STATE.update(as_of=as_of, mode=mode, lang=lang, journal=journal)


def _work(path: str) -> tuple[str, bool, Any]:
    """Assess one file in a worker; returns (path, ok, result dict or error message)."""
    from ..casefile import case_sha256, dumps_case, load_case
    from ..journal import verdict_records

    rb, as_of, mode = _STATE["rb"], _STATE["as_of"], _STATE["mode"]
    try:
        case = load_case(path)
    except AdvisorError as exc:
        return path, False, str(exc)
    lang = _STATE["lang"] or case.meta.lang or "en"
    out: dict[str, Any] = {}
    if mode == "full":
        from reports.jsonout import assessment_json

        from ..assess import assess

        a = assess(case, as_of=as_of, lang=lang, rules=rb, file=path)
        out["line"] = json.dumps(
            assessment_json(a, case, rb), ensure_ascii=False, separators=(",", ":")
        )
        out["worst"] = a.worst_flagged()
        findings = verdict_records(a)
    else:
        row = out["row"] = summarize(rb, case, as_of, path, lang=lang)
        out["worst"] = next((s for s in reversed(SEVERITIES) if row[s]), None)
        if _STATE["journal"]:
            findings = row["verdicts"]
    if _STATE["journal"]:
        out["journal"] = {
            "case_path": path,
            "case_name": case.meta.name,
            "case_sha256": case_sha256(case),
            "case_yaml": dumps_case(case),
            "as_of": as_of.isoformat(),
            "lang": lang,
            "findings": findings,
        }
    return path, True, out


def _results(paths: list[str], jobs: int, init_args: tuple):
    if jobs > 1 and len(paths) >= MIN_CASES_PER_JOB * 2:
        import multiprocessing as mp

        ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
        chunk = max(1, min(64, len(paths) // (jobs * 8)))
        with ctx.Pool(jobs, initializer=_init, initargs=init_args) as pool:
            yield from pool.imap(_work, paths, chunksize=chunk)
    else:
        _init(*init_args)
        for p in paths:
            yield _work(p)


# ---- output --------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.on = sys.stderr.isatty() and total > 1
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, failed: int) -> None:
        now = time.monotonic()
        if not self.on or (now - self.last < 0.1 and done < self.total):
            return
        self.last = now
        rate = done / max(now - self.start, 1e-6)
        width = 30
        filled = int(width * done / self.total)
        bar = "█" * filled + "░" * (width - filled)
        extra = f", {failed} failed" if failed else ""
        sys.stderr.write(f"\r{bar} {done}/{self.total} cases ({rate:,.0f}/s{extra})   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\n")


def _csv_line(row: dict[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([row[k] if k != "recommendations" else ";".join(row[k]) for k in CSV_FIELDS])
    return buf.getvalue()


def _table(rows: list[dict[str, Any]], rb) -> str:
    from ..textsafe import one_line

    head = (
        f"{'#':>4}  {'case':<34} {'crit':>4} {'high':>4} {'med':>4} {'low':>4} "
        f"{'?':>4}  {'worst challenge':<32} recommendations"
    )
    lines = [head, "-" * len(head)]
    for i, r in enumerate(rows, start=1):
        worst = r["worst_challenge"] or "—"
        recs = ", ".join(r["recommendations"][:3])
        if len(r["recommendations"]) > 3:
            recs += f" +{len(r['recommendations']) - 3}"
        lines.append(
            f"{i:>4}  {one_line(r['case'], 34):<34} {r['critical']:>4} "
            f"{r['high']:>4} {r['medium']:>4} {r['low']:>4} {r['to_verify']:>4}  "
            f"{worst:<32} {recs}"
        )
    lines.append(
        f"{len(rows)} case(s) ranked, most at-risk first; rules base {rb.version} "
        f"({rb.sha256[:12]})"
    )
    return "\n".join(lines) + "\n"


def _open_output(target: str | None):
    if not target:
        return sys.stdout, None
    folder = Path(target).parent if str(Path(target).parent) else Path(".")
    if not folder.is_dir():
        raise InputFileError(f"folder '{folder}' does not exist", file=target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputFileError(
            f"cannot write in folder '{folder}': {exc.strerror or exc}", file=target
        ) from None
    return os.fdopen(fd, "w", encoding="utf-8", newline=""), tmp


def run_batch(args) -> int:
    rb = rules_base(args)
    paths = [str(p) for p in case_paths(args.paths)]
    as_of = args.as_of or dt.date.today()
    fmt = args.format
    if fmt in ("pdf", "md"):
        raise UsageError(
            f"--format {fmt} writes one memo per case; use text, csv, jsonl or json with --summary"
        )
    mode = "full" if (fmt in ("jsonl", "json") and not args.summary) else "summary"
    jobs = max(1, args.jobs)
    out, tmp = _open_output(args.output)
    progress = _Progress(len(paths))
    rows: list[dict[str, Any]] = []
    failed = done = 0
    worst = -1
    ranked = fmt in ("text", "json") and mode == "summary"
    journal = None if args.no_journal else _BatchJournal(args.journal, rb)
    init = (args.rules, as_of, mode, args.lang, journal is not None)
    try:
        if fmt == "csv":
            out.write(",".join(CSV_FIELDS) + "\n")
        for _path, ok, payload in _results(paths, jobs, init):
            done += 1
            if not ok:
                failed += 1
                if progress.on:
                    sys.stderr.write("\n")
                sys.stderr.write(f"advisor: skipped {payload}\n")
                progress.update(done, failed)
                continue
            if payload["worst"] is not None:
                worst = max(worst, SEVERITIES.index(payload["worst"]))
            if journal is not None:
                journal.add(payload["journal"])
            row = payload.get("row")
            if mode == "full":
                out.write(payload["line"] + "\n")
            elif ranked:
                rows.append(row)
            elif fmt == "csv":
                out.write(_csv_line(row))
            else:
                out.write(json.dumps(public_row(row), ensure_ascii=False) + "\n")
            progress.update(done, failed)
        progress.close()
        if journal is not None:
            journal.flush()
        if ranked:
            rows.sort(key=rank_key)
            if fmt == "text":
                out.write(_table(rows, rb))
            else:
                out.write(
                    json.dumps(
                        [public_row(r) for r in rows],
                        ensure_ascii=False,
                        indent=2,
                    )
                    + "\n"
                )
        if tmp:
            out.flush()
            os.fsync(out.fileno())
            out.close()
            os.replace(tmp, args.output)
            tmp = None
    finally:
        if tmp:
            out.close()
            os.unlink(tmp)
    if failed:
        sys.stderr.write(
            f"advisor: {failed} of {len(paths)} case file(s) could not be assessed (see above)\n"
        )
        return 2
    if args.fail_on != "never" and worst >= SEVERITIES.index(args.fail_on):
        return 1
    return 0


class _BatchJournal:
    """Journal entries of a batch, written in a few transactions rather than one per case."""

    CHUNK = 500

    def __init__(self, path: str | None, rb):
        from ..journal import Journal

        self.journal = Journal.open(path)
        self.rb = rb
        self.pending: list[dict[str, Any]] = []

    def add(self, entry: dict[str, Any]) -> None:
        self.pending.append(entry)
        if len(self.pending) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.journal.record_many(self.pending, self.rb)
            self.pending = []
