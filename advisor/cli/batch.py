"""Screening many cases: ``advisor assess DIR_OR_FILES... --summary`` (and csv / jsonl).

One row per case: counts by severity, the worst challenge, the recommendations. On a
terminal the rows are ranked, most at-risk first, with a progress bar; as ``csv`` or
``jsonl`` they are streamed in input order (constant memory whatever the number of
cases). A broken file is reported on stderr (file, field, why) and skipped; the batch goes
on and exits 2 at the end. With ``-o`` the output is written to a temporary file renamed
at the end: it appears whole or not at all. ``--jobs N`` spreads the work over N processes
(results keep the input order, so the output is the same as with one process). A worker
that fails or dies (a crash, a kill) costs only the case it was assessing, reported with
the reason; a new worker takes over the rest (:mod:`advisor.cli.pool`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import time
from typing import TYPE_CHECKING, Any

from ..atomic import AtomicOutput
from ..textsafe import csv_cell, json_text

if TYPE_CHECKING:
    from ..journal import Journal
from ..errors import AdvisorError, UsageError, shown_path
from ..rulemodel import SEVERITIES
from ..screening import public_row, rank_key, summarize
from .common import (
    case_paths,
    check_output,
    default_lang,
    report_skipped,
    rules_base,
    with_cover,
)
from .pool import pool_results

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
    rules_path: str | None,
    as_of: dt.date,
    mode: str,
    lang: str | None,
    journal: bool,
    full: dict[str, Any] | None = None,
) -> None:
    """Prepare a process to assess cases. ``full``: for the full JSON lines, the default
    language, the engine and the cover names, as ``advisor assess`` of one case takes them."""
    from ..assess import default_rules
    from ..rulesbase import load_rules_base

    _STATE["rb"] = load_rules_base(rules_path) if rules_path else default_rules()
    _STATE.update(as_of=as_of, mode=mode, lang=lang, journal=journal, full=full or {})


def _work(path: str) -> tuple[str, bool, Any]:
    """Assess one file in a worker; returns (path, ok, result dict or error message)."""
    from ..casefile import case_sha256, dumps_case, load_case_as_read
    from ..journal import verdict_records

    rb, as_of, mode, full = _STATE["rb"], _STATE["as_of"], _STATE["mode"], _STATE["full"]
    try:
        case, text = load_case_as_read(path)
        if full.get("adviser") or full.get("client"):
            case = with_cover(case, full.get("adviser"), full.get("client"), path)
            text = dumps_case(case)
    except AdvisorError as exc:
        return path, False, str(exc)
    lang = _STATE["lang"] or case.meta.lang or full.get("lang") or "en"
    from ..model.checks import oddities

    out: dict[str, Any] = {"warnings": oddities(case, lang)}
    if mode == "full":
        from reports.jsonout import assessment_json

        from ..assess import assess

        a = assess(
            case, as_of=as_of, lang=lang, rules=rb, file=path, engine=full.get("engine", "durable")
        )
        out["line"] = json_text(assessment_json(a, case, rb), separators=(",", ":"))
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
            "case_yaml": text,  # the file as read, not the case written out again
            "as_of": as_of.isoformat(),
            "lang": lang,
            "findings": findings,
        }
    return path, True, out


def _safe_work(path: str) -> tuple[str, bool, Any]:
    """:func:`_work`, where any failure costs this case only."""
    try:
        return _work(path)
    except Exception as exc:  # a defect: reported against its case, the batch goes on
        return (
            path,
            False,
            f"{shown_path(path)}: could not be assessed ({type(exc).__name__}: {exc})",
        )


def _results(paths: list[str], jobs: int, init_args: tuple, limit: float | None = None):
    # A time limit needs a process to kill: with one, even one job runs in a worker.
    if limit is not None or (jobs > 1 and len(paths) >= MIN_CASES_PER_JOB * 2):
        yield from pool_results(paths, jobs, _init, init_args, _safe_work, limit)
    else:
        _init(*init_args)
        for p in paths:
            yield _safe_work(p)


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
    # Every text cell goes through csv_cell: no escape reaches a terminal, no formula runs.
    writer.writerow(
        [csv_cell(row[k] if k != "recommendations" else ";".join(row[k])) for k in CSV_FIELDS]
    )
    return buf.getvalue()


def _table(rows: list[dict[str, Any]], rb, lang: str) -> str:
    """The ranked table a project lead reads: words in ``lang``, no ids (the JSON and CSV
    forms keep the ids for tools)."""
    from ..catalogue import Words
    from ..textsafe import one_line

    w = Words(lang)
    labels = {c.id: c.label.get(lang) for c in rb.base.challenges}
    head = (
        f"{'#':>4}  {w('core.screening.case'):<34} {w('core.screening.critical'):>4} "
        f"{w('core.screening.high'):>4} {w('core.screening.medium'):>4} "
        f"{w('core.screening.low'):>4} {'?':>4}  {w('core.screening.worst'):<28} "
        f"{w('core.screening.remedies')}"
    )
    lines = [head, "-" * len(head)]
    for i, r in enumerate(rows, start=1):
        worst = labels.get(r["worst_challenge"], r["worst_challenge"]) or "—"
        titles = [_remedy_title(rb, rid, lang) for rid in r["recommendations"]]
        recs = ", ".join(one_line(t, 32) for t in titles[:2])
        if len(titles) > 2:
            recs += f" +{len(titles) - 2}"
        lines.append(
            f"{i:>4}  {one_line(r['case'], 34):<34} {r['critical']:>4} "
            f"{r['high']:>4} {r['medium']:>4} {r['low']:>4} {r['to_verify']:>4}  "
            f"{one_line(worst, 28):<28} {recs}"
        )
    lines.append(w.count("core.screening.ranked", len(rows)))
    lines.append(w("core.screening.legend", version=rb.version, sha=rb.sha256[:12]))
    return "\n".join(lines) + "\n"


def _remedy_title(rb, rid: str, lang: str) -> str:
    rec = rb.recommendations.get(rid)
    return rec.title.get(lang) if rec is not None else rid


def run_batch(args) -> int:
    found, skipped = case_paths(args.paths)
    check_output(args, found)
    rb = rules_base(args)
    paths = [str(p) for p in found]
    as_of = args.as_of or dt.date.today()
    fmt = args.format
    if fmt in ("pdf", "md"):
        raise UsageError(
            f"--format {fmt} writes one memo per case; use text, csv, jsonl or json with --summary"
        )
    mode = "full" if (fmt in ("jsonl", "json") and not args.summary) else "summary"
    report_skipped(skipped)
    out = AtomicOutput(args.output) if args.output else None
    write = out.write if out is not None else sys.stdout.write
    progress = _Progress(len(paths))
    rows: list[dict[str, Any]] = []
    failed = len(skipped)
    done = 0
    worst = -1
    ranked = fmt in ("text", "json") and mode == "summary"
    journal = None if args.no_journal else _BatchJournal(args.journal, rb)
    full = None
    if mode == "full":
        # The same lines as ``advisor assess CASE --format json`` gives case by case.
        full = {
            "lang": default_lang(),
            "engine": getattr(args, "engine", "durable"),
            "adviser": getattr(args, "adviser", None),
            "client": getattr(args, "client", None),
        }
    init = (args.rules, as_of, mode, args.lang, journal is not None, full)
    try:
        if fmt == "csv":
            write(",".join(CSV_FIELDS) + "\n")
        for path, ok, payload in _results(
            paths, args.jobs, init, getattr(args, "case_timeout", None)
        ):
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
            for text in payload.get("warnings", ()):
                sys.stderr.write(f"advisor: warning: {shown_path(path)}: {text}\n")
            if journal is not None:
                journal.add(payload["journal"])
            row = payload.get("row")
            if mode == "full":
                write(payload["line"] + "\n")
            elif ranked:
                rows.append(row)
            elif fmt == "csv":
                write(_csv_line(row))
            else:
                write(json_text(public_row(row)) + "\n")
            progress.update(done, failed)
        progress.close()
        if ranked:
            rows.sort(key=rank_key)
            if fmt == "text":
                write(_table(rows, rb, args.lang or default_lang()))
            else:
                write(
                    json_text(
                        [public_row(r) for r in rows],
                        indent=2,
                    )
                    + "\n"
                )
        if out is not None:
            out.close()
            out = None
    finally:
        if out is not None:
            out.abort()
    if journal is not None:
        journal.flush()
    if failed:
        total = len(paths) + len(skipped)
        sys.stderr.write(
            f"advisor: {failed} of {total} case {'file' if total == 1 else 'files'} could not "
            "be assessed (see above)\n"
        )
        return 2
    if args.fail_on != "never" and worst >= SEVERITIES.index(args.fail_on):
        return 1
    return 0


class _BatchJournal:
    """Journal entries of a batch, written in a few transactions rather than one per case.

    A journal that fails costs one warning: the batch and its output go on.
    """

    CHUNK = 500

    def __init__(self, path: str | None, rb):
        self.path = path
        self.journal: Journal | None = None
        self.rb = rb
        self.pending: list[dict[str, Any]] = []
        self.off = False

    def add(self, entry: dict[str, Any]) -> None:
        if self.off:
            return
        self.pending.append(entry)
        if len(self.pending) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending or self.off:
            return
        try:
            if self.journal is None:
                from ..journal import Journal

                self.journal = Journal.open(self.path)
            self.journal.record_many(self.pending, self.rb)
        except AdvisorError as exc:
            self.off = True
            sys.stderr.write(f"advisor: warning: assessments not journalled: {exc}\n")
        self.pending = []
