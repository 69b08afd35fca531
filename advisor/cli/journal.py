"""``advisor history`` and ``advisor recheck``."""

from __future__ import annotations

import sys

from ..errors import shown_path
from ..journal import Journal, recheck
from ..textsafe import json_text, one_line
from .common import rules_base


def _report_skipped(journal: Journal, skipped) -> int:
    """Say which rows could not be used; the exit code (2 when any)."""
    for entry_id, why in skipped:
        sys.stderr.write(
            f"advisor: skipped journal entry {entry_id} of {shown_path(journal.path)}: "
            f"{one_line(why)}\n"
        )
    return 2 if skipped else 0


def cmd_history(args) -> int:
    journal = Journal.open(args.journal)
    total = journal.count()
    entries = journal.entries(limit=args.limit)
    if args.format == "json":
        rows = [
            {
                "id": e.id,
                "at": e.at,
                "source": e.source,
                "case": e.case_name,
                "file": e.case_path,
                "case_sha256": e.case_sha256,
                "as_of": e.as_of,
                "rules_version": e.rules_version,
                "rules_sha256": e.rules_sha256,
                "findings": e.findings,
            }
            for e in entries
        ]
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return _report_skipped(journal, journal.skipped)
    if not entries and not journal.skipped:
        sys.stdout.write(f"the journal is empty ({shown_path(journal.path)})\n")
        return 0
    for e in entries:
        flagged = sum(1 for f in e.findings if f["status"] == "flagged")
        verify = len(e.findings) - flagged
        # Every column is text anyone may have edited in the database: shown escaped.
        sys.stdout.write(
            f"{e.id:>5}  {one_line(e.at)}  {one_line(e.source):<9} "
            f"{one_line(e.case_name, 40):<40} as of {one_line(e.as_of)}  "
            f"rules {one_line(e.rules_version)} ({one_line(e.rules_sha256[:8])})  "
            f"{flagged} flagged, {verify} to verify\n"
        )
    shown = len(entries) + len(journal.skipped)
    where = shown_path(journal.path)
    if shown < total:
        line = f"the {shown} most recent of {total} entries in {where}"
    else:
        line = f"{_entries(total)} in {where}"
    if journal.skipped:
        # The count is of the rows in the database: say which of them were not shown.
        unread = len(journal.skipped)
        if entries:
            line += f"; {unread} could not be read (listed below)"
        elif unread == 1:
            line += "; it could not be read (see below)"
        else:
            line += f"; none of these {unread} could be read (listed below)"
    sys.stdout.write(line + "\n")
    return _report_skipped(journal, journal.skipped)


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def cmd_recheck(args) -> int:
    rb = rules_base(args)
    journal = Journal.open(args.journal)
    skipped: list = []
    results = list(recheck(journal, rb, args.as_of, skipped))
    if args.format == "json":
        out = [
            {
                "case": e.case_name,
                "file": e.case_path,
                "entry": e.id,
                "rules_before": {"version": e.rules_version, "sha256": e.rules_sha256},
                "changes": [
                    {"rule_id": c.rule_id, "kind": c.kind, "before": c.before, "after": c.after}
                    for c in changes
                ],
            }
            for e, changes in results
        ]
        sys.stdout.write(
            json_text(
                {"rules_base": {"version": rb.version, "sha256": rb.sha256}, "cases": out},
                indent=2,
            )
            + "\n"
        )
        return _report_skipped(journal, skipped)
    changed = 0
    for e, changes in results:
        where = one_line(e.case_path or e.case_name)
        if not changes:
            sys.stdout.write(f"= {one_line(e.case_name)} ({where}): no change\n")
            continue
        changed += 1
        sys.stdout.write(
            f"! {one_line(e.case_name)} ({where}): {_plural(len(changes), 'change')} "
            f"since rules {one_line(e.rules_version)} ({one_line(e.rules_sha256[:8])})\n"
        )
        for c in changes:
            if c.kind == "new":
                detail = f"new, {c.after['status']} ({c.after['severity']})"
            elif c.kind == "gone":
                detail = f"gone (was {c.before['status']}, {c.before['severity']})"
            elif c.kind == "severity":
                detail = f"severity {c.before['severity']} -> {c.after['severity']}"
            else:
                detail = f"status {c.before['status']} -> {c.after['status']}"
            sys.stdout.write(f"    {one_line(c.rule_id)}: {one_line(detail)}\n")
    sys.stdout.write(
        f"{_plural(len(results), 'case')} re-checked against rules {rb.version} "
        f"({rb.sha256[:8]}); {changed} with changed conclusions\n"
    )
    return _report_skipped(journal, skipped)
