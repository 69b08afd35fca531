"""Screening many set-ups: one row per case (counts, worst challenge, remedies) and the
order in which a portfolio is ranked. The command line streams and prints these rows."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from typing import Any

from .rulemodel import LIKELIHOODS, SEVERITIES

_Light = namedtuple("_Light", "rule_id challenge status recommendations")


def summarize(
    rb, case, as_of: dt.date, file: str, full: bool = False, lang: str = "en"
) -> dict[str, Any]:
    """The screening row of one case (and, with ``full``, its whole assessment)."""
    from .facts import build_facts
    from .recommend import recommendation_ids

    period = rb.period(as_of)
    facts = build_facts(case, as_of)
    statuses = period.evaluate(facts.values)
    counts = {s: 0 for s in reversed(SEVERITIES)}
    verify = verify_high = 0
    worst = None
    light = []
    for rid, status in statuses.items():
        doc = period.by_id[rid].version.doc
        light.append(_Light(rid, doc.challenge, status, doc.recommendations))
        if status == "flagged":
            counts[doc.severity] += 1
            rank = (
                SEVERITIES.index(doc.severity),
                LIKELIHOODS.index(doc.likelihood),
                -rb.challenge_order()[doc.challenge],
            )
            if worst is None or rank > worst[0]:
                worst = (rank, doc.challenge, doc.severity)
        else:
            verify += 1
            verify_high += doc.severity in ("high", "critical")
    light.sort(key=lambda f: f.rule_id)
    recs = recommendation_ids(rb, case, facts, light, period)
    row = {
        "file": file,
        "case": case.meta.name,
        **counts,
        "to_verify": verify,
        "to_verify_high": verify_high,
        "worst_challenge": worst[1] if worst else None,
        "worst_severity": worst[2] if worst else None,
        "recommendations": recs,
        "as_of": as_of.isoformat(),
        "rules_version": rb.version,
        "findings": sorted(statuses.items()),
    }
    return row


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
