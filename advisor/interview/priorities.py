"""What matters most next: the open questions of an assessment, as the interview asks them.

The assessment ranks its open questions by the risk weight their answer settles
(:func:`advisor.consolidate.open_questions`). This module only turns them into questions the
interview can put on screen (a question id and, for a list entry, its index), counts what
they settle, and says what an answer settled: the ranking itself is the core's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Assessment, OpenQuestion
from ..rulesbase import RulesBase

_ENTRY = re.compile(r"^(?P<scope>[a-z_.]+)\[(?P<index>\d+)\]\.(?P<path>.+)$")


@dataclass(frozen=True)
class NextQuestion:
    """An open question the interview can ask now."""

    question_id: str
    index: int | None
    """For a question about a list entry: which entry."""
    open: OpenQuestion
    """The core's open question: what it decides, its worst severity, its weight."""
    risks: int = 0
    """How many possible risks (issues to verify, findings not raised) it decides."""


def _entry_index(field: str) -> int | None:
    m = _ENTRY.match(field)
    return int(m["index"]) if m else None


def askable(rb: RulesBase, assessment: Assessment) -> list[NextQuestion]:
    """The open questions, in the core's order, that an interview question asks."""
    known = {q.id: q for q in rb.questions}
    units = possible_risks(assessment)
    # Which possible risks hold each rule (by their place in ``units``): an open question
    # counts the risks holding one of the rules it decides (861 questions at 50 partners
    # each scanned every risk).
    holding: dict[str, list[int]] = {}
    for k, rules in enumerate(units):
        for rule in rules:
            holding.setdefault(rule, []).append(k)
    out = []
    for oq in assessment.open_questions:
        q = known.get(oq.question.id)
        if q is None or q.is_list:
            continue  # a fact no question asks: the memo lists it, the interview cannot
        index = _entry_index(oq.field) if q.list_scope else None
        if q.list_scope and index is None:
            continue
        risks = len({k for rule in oq.decides for k in holding.get(rule, ())})
        risks = risks or len(set(oq.decides))
        out.append(NextQuestion(q.id, index, oq, risks))
    return out


def next_question(
    rb: RulesBase, assessment: Assessment, skipped: Iterable[tuple[str, int | None]] = ()
) -> NextQuestion | None:
    """The question whose answer settles the most open risk weight (not ``skipped``)."""
    passed = set(skipped)
    for nq in askable(rb, assessment):
        if (nq.question_id, nq.index) not in passed:
            return nq
    return None


def possible_risks(assessment: Assessment) -> list[frozenset[str]]:
    """The possible risks the open questions settle, each as the rule ids it stands for:
    an issue to verify (its merged rules), or a finding not raised yet that an answer
    decides (one rule). Counted as issues, as everywhere."""
    decided = {r for oq in assessment.open_questions for r in oq.decides}
    out = []
    merged: set[str] = set()
    for f in assessment.findings:
        rules = frozenset(f.rules or [f.rule_id])
        merged |= rules
        if f.status == "to_verify" and decided & rules:
            out.append(rules)
    for v in assessment.verdicts:
        if v.disposition == "not_raised" and v.rule_id in decided and v.rule_id not in merged:
            out.append(frozenset({v.rule_id}))
    return out


def _still_open(assessment: Assessment) -> set[str]:
    decided = {r for oq in assessment.open_questions for r in oq.decides}
    verify = {
        r for f in assessment.findings if f.status == "to_verify" for r in (f.rules or [f.rule_id])
    }
    return decided | verify


def open_summary(assessment: Assessment) -> tuple[int, int, int]:
    """``(questions, possible risks, of them to verify)``: "N questions settle M risks: V
    to verify (the count the header shows), the others not revealed yet"."""
    risks = possible_risks(assessment)
    verify = {
        frozenset(f.rules or [f.rule_id]) for f in assessment.findings if f.status == "to_verify"
    }
    return len(assessment.open_questions), len(risks), sum(1 for r in risks if r in verify)


def settled(before: Assessment, after: Assessment) -> int:
    """How many of the possible risks open before an answer are no longer open after it
    (established as a risk, or ruled out)."""
    still = _still_open(after)
    return sum(1 for rules in possible_risks(before) if not rules & still)


__all__ = [
    "NextQuestion",
    "askable",
    "next_question",
    "open_summary",
    "possible_risks",
    "settled",
]
