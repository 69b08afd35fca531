"""``advisor assess``: one case or a few, as a report (text, JSON, Markdown, PDF)."""

from __future__ import annotations

import json
import sys

from ..errors import AdvisorError, UsageError
from ..rulemodel import SEVERITIES
from .common import case_paths, default_lang, rules_base


def cmd_assess(args) -> int:
    if args.summary or args.format == "csv" or args.jobs > 1:
        from .batch import run_batch

        return run_batch(args)
    from ..assess import assess
    from ..casefile import load_case

    rb = rules_base(args)
    paths = case_paths(args.paths)
    if args.format == "pdf" and (len(paths) != 1 or not args.output):
        raise UsageError("--format pdf writes one memo: give one case and --output FILE.pdf")
    results, failed = [], 0
    for path in paths:
        try:
            case = load_case(path)
        except AdvisorError as exc:
            if len(paths) == 1:
                raise
            failed += 1
            sys.stderr.write(f"advisor: skipped {exc}\n")
            continue
        if args.adviser:
            case.meta.adviser = args.adviser
        if args.client:
            case.meta.client = args.client
        lang = args.lang or case.meta.lang or default_lang()
        a = assess(case, as_of=args.as_of, lang=lang, rules=rb, engine=args.engine, file=str(path))
        results.append((path, case, a))
        if not args.no_journal:
            _journal(args, path, case, a)
    _write(args, rb, results)
    if failed:
        return 2
    return _exit_for(args.fail_on, [a for _, _, a in results])


def _exit_for(fail_on: str, assessments) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITIES.index(fail_on)
    for a in assessments:
        worst = a.worst_flagged()
        if worst is not None and SEVERITIES.index(worst) >= threshold:
            return 1
    return 0


def _journal(args, path, case, assessment) -> None:
    try:
        from ..journal import Journal
    except ImportError:  # pragma: no cover
        return
    try:
        Journal.open(args.journal).record(path, case, assessment)
    except AdvisorError as exc:
        sys.stderr.write(f"advisor: warning: assessment not journalled: {exc}\n")


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
        text = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        from reports.jsonout import assessment_json

        text = "".join(
            json.dumps(assessment_json(a, case, rb), ensure_ascii=False, separators=(",", ":"))
            + "\n"
            for _, case, a in results
        )
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
