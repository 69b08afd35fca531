"""What the client is asked to do and to answer, from the findings layer: the actions that
cure each issue (who acts, and when), the open questions grouped by the partner who can
answer them, and the assumptions the analysis relies on.

Content only: :mod:`advisor.consolidate` decides which issues, cures, questions and
assumptions there are and how they rank; this module words them for the memo.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.findings import Assessment
from advisor.model import AllianceCase

from .citations import cite
from .memo_parts import QuestionGroup, VerifyQuestion
from .typography import shorten
from .words import MemoWords

#: When an action is due, soonest first (the order of the action table).
WHEN = (
    "at_once",
    "before_signing",
    "before_start",
    "before_first_payment",
    "within_year",
    "with_tax_return",
)


@dataclass(frozen=True)
class Action:
    number: str
    """``A1``, ``A2``... in the order of the action table."""
    text: str
    """The action in words, naming who acts."""
    who: str
    when: str
    """When it is due, in words (``avant la signature``)."""
    numbers: tuple[str, ...]
    """The issues it answers."""

    @property
    def anchor(self) -> str:
        return f"action-{self.number}"


@dataclass(frozen=True)
class AssumptionLine:
    label: str
    shown: str
    basis: str
    question: str


def actions(
    a: Assessment, number_of: dict[str, str], w: MemoWords, names: tuple[str, ...] = ()
) -> list[Action]:
    """The action plan: every flagged issue leads to at least one action (its cure, or its
    advice when no cure clears it); an issue to verify leads to its cure phrased as
    depending on the check (never as if the risk were established). The same action never
    twice; ranked by the most serious issue it answers and then by when it is due.

    ``names``: the partners' names (an action starting with one keeps its capital)."""
    found: dict[str, tuple[int, int, list[str], str, str]] = {}
    for f in sorted(a.findings, key=lambda f: f.rank or 10_000):
        number = number_of.get(f.rule_id)
        if f.clear_by:
            changes = list(f.clear_by[0].changes)  # the first option; others are alternatives
        elif f.status == "flagged" and f.action is not None:
            changes = [f.action]
        else:
            continue
        for change in changes:
            when = change.when if change.when in WHEN else "before_signing"
            text = change.text
            if f.status != "flagged" and number:
                text = w.text("action_if_confirmed", number=number, action=_lead_lower(text, names))
            if text not in found:
                who = ", ".join(change.who) or w["all_partners"]
                found[text] = (f.rank or 10_000, WHEN.index(when), [], who, when)
            if number and number not in found[text][2]:
                found[text][2].append(number)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[1][1]))
    return [
        Action(f"A{i}", text, who, w[f"when.{when}"], tuple(numbers))
        for i, (text, (_, _, numbers, who, when)) in enumerate(ordered, start=1)
    ]


def _lead_lower(text: str, names: tuple[str, ...]) -> str:
    """The action after a colon: its first letter in lower case, unless it opens with a
    partner's name or an acronym."""
    if not text or any(text.startswith(n) for n in names if n):
        return text
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def open_question_groups(
    a: Assessment, case: AllianceCase, number_of: dict[str, str], w: MemoWords
) -> list[QuestionGroup]:
    """The open questions, grouped by the partner who can answer (the alliance as a whole
    first), each group in the findings layer's ranking; the issues each may settle."""
    alliance = case.meta.name
    names = [p.name for p in case.partners]
    grouped: dict[str, list] = {}
    for q in a.open_questions:
        owner = q.partners[0] if q.partners else alliance
        grouped.setdefault(owner, []).append(q)
    order: dict[str, int] = {}  # each owner's first position (list.index was quadratic)
    for k, o in enumerate([alliance, *names]):
        order.setdefault(o, k)
    out, i = [], 0
    for owner in sorted(grouped, key=lambda o: order.get(o, len(names) + 1)):
        rows = []
        for q in grouped[owner]:
            i += 1
            numbers = sorted(
                {number_of[r] for r in q.decides if r in number_of}, key=lambda n: int(n[1:])
            )
            entry = q.entry or ""
            rows.append(
                VerifyQuestion(
                    f"Q{i}",
                    q.question.text,
                    "" if entry == owner else shorten(entry),
                    tuple(numbers),
                    (q.question.text, entry),
                )
            )
        out.append(QuestionGroup(owner, tuple(rows)))
    return out


def assumptions(a: Assessment, w: MemoWords) -> list[AssumptionLine]:
    """The presumptions relied on, each with its basis and the question that confirms it."""
    return [
        AssumptionLine(
            x.label + (f" — {x.entry}" if x.entry else ""),
            x.shown,
            cite(x.basis) or "",
            x.question.text if x.question else "",
        )
        for x in a.assumptions
    ]
