"""``advisor assess``: one case or a few, as a report (text, JSON, Markdown, PDF)."""

from __future__ import annotations

import sys

from ..errors import AdvisorError, UsageError
from ..rulemodel import SEVERITIES
from ..textsafe import json_text
from .common import (
    case_paths,
    check_output,
    default_lang,
    report_skipped,
    rules_base,
    warn_oddities,
    with_cover,
)


def cmd_assess(args) -> int:
    if args.summary or args.format in ("csv", "jsonl") or args.jobs > 1:
        # Streamed case by case whatever the number of processes: constant memory.
        from .batch import run_batch

        return run_batch(args)
    from ..assess import assess
    from ..casefile import load_case

    paths, skipped = case_paths(args.paths)
    check_output(args, paths)
    rb = rules_base(args)
    if args.format == "pdf" and (len(paths) != 1 or not args.output):
        raise UsageError("--format pdf writes one memo: give one case and --output FILE.pdf")
    report_skipped(skipped)
    results, failed = [], len(skipped)
    journal = JournalWriter(args)
    for path in paths:
        try:
            case = load_case(path)
        except AdvisorError as exc:
            if len(paths) == 1:
                raise
            failed += 1
            sys.stderr.write(f"advisor: skipped {exc}\n")
            continue
        if args.adviser or args.client:
            case = _with_cover(case, args, str(path))
        lang = args.lang or case.meta.lang or default_lang()
        a = assess(case, as_of=args.as_of, lang=lang, rules=rb, engine=args.engine, file=str(path))
        results.append((path, case, a))
        warn_oddities(path, case, lang)
    _write(args, rb, results)
    for path, case, a in results:
        journal.record(path, case, a)
    if failed:
        return 2
    return _exit_for(args.fail_on, [a for _, _, a in results])


class JournalWriter:
    """Journals assessments; a journal that fails costs a warning, never the assessment."""

    def __init__(self, args):
        self.path = None if args.no_journal else args.journal
        self.off = bool(args.no_journal)
        self.journal = None

    def record(self, path, case, assessment) -> None:
        if self.off:
            return
        try:
            if self.journal is None:
                from ..journal import Journal

                self.journal = Journal.open(self.path)
            self.journal.record(path, case, assessment)
        except AdvisorError as exc:
            self.off = True  # say it once
            sys.stderr.write(f"advisor: warning: assessment not journalled: {exc}\n")


def _with_cover(case, args, name: str):
    return with_cover(case, args.adviser, args.client, name)


def _exit_for(fail_on: str, assessments) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITIES.index(fail_on)
    for a in assessments:
        worst = a.worst_flagged()
        if worst is not None and SEVERITIES.index(worst) >= threshold:
            return 1
    return 0


def _write(args, rb, results) -> None:
    from ..yamlio import atomic_write

    fmt = args.format
    if fmt == "pdf":
        from reports.memo import build_memo
        from reports.pdf import render_pdf

        ((path, case, a),) = results
        atomic_write(args.output, render_pdf(build_memo(a, case, rb, annex=args.annex)))
        return
    if fmt == "text":
        from reports.text import render

        colour = args.output is None and sys.stdout.isatty()
        text = "\n".join(render(a, colour=colour, verbose=args.verbose) for _, _, a in results)
    elif fmt == "json":
        from reports.jsonout import assessment_json

        docs = [assessment_json(a, case, rb) for _, case, a in results]
        text = json_text(docs[0] if len(docs) == 1 else docs, indent=2) + "\n"
    elif fmt == "md":
        from reports.markdown import render_markdown
        from reports.memo import build_memo

        text = "\n".join(
            render_markdown(build_memo(a, case, rb, annex=args.annex)) for _, case, a in results
        )
    else:  # pragma: no cover - argparse restricts choices
        raise UsageError(f"unknown format {fmt}")
    if args.output:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)


__all__ = ["cmd_assess"]
