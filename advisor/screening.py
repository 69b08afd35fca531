"""Screening many set-ups: one row per case (counts, worst challenge, remedies) and the
order in which a portfolio is ranked. The command line streams and prints these rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .rulemodel import SEVERITIES


def summarize(
    rb, case, as_of: dt.date, file: str, full: bool = False, lang: str = "en"
) -> dict[str, Any]:
    """The screening row of one case: the consolidated view's counts (issues, not rule
    firings), its worst flagged issue, its open questions and remedies.

    Computed by :func:`advisor.assess.screen`: only what the row prints and the journal
    keeps (no texts, no clearing options), equal to the full assessment's figures
    (tests/test_screening.py). ``lang`` changes nothing in the row: it holds ids only."""
    from .assess import screen
    from .journal import verdict_records

    s = screen(case, as_of=as_of, rules=rb)
    counts = {sev: s.counts.flagged[sev] for sev in reversed(SEVERITIES)}
    verify = [f for f in s.findings if f.status == "to_verify"]
    flagged = [f for f in s.findings if f.status == "flagged"]
    worst = flagged[0] if flagged else None  # issues come ranked
    return {
        "file": file,
        "case": case.meta.name,
        **counts,
        "to_verify": len(verify),
        "to_verify_high": sum(f.severity in ("high", "critical") for f in verify),
        "open_questions": s.open_questions,
        "worst_challenge": worst.challenge if worst else None,
        "worst_severity": worst.severity if worst else None,
        "recommendations": s.recommendations,
        "as_of": as_of.isoformat(),
        "rules_version": rb.version,
        "findings": sorted((v.rule_id, v.status) for v in s.verdicts),
        "verdicts": verdict_records(s),  # the journal's record: reads .verdicts only
    }


def rank_key(row: dict[str, Any]) -> tuple:
    """Most at-risk first: flagged risks by severity, then serious points to verify (high
    or critical), then all points to verify, then by file name."""
    return (
        -row["critical"],
        -row["high"],
        -row["medium"],
        -row["low"],
        -row["to_verify_high"],
        -row["to_verify"],
        row["file"],
    )


#: Keys of a row kept for the assessment's own use (journal, worst severity), not printed.
PRIVATE = ("findings", "verdicts")


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    """A screening row as printed (csv, jsonl, json)."""
    return {k: v for k, v in row.items() if k not in PRIVATE}
