"""What the memo recommends: the societal R&D agreement with its clause checklist filled for
the case, the other measures in one table, and the partnership experimentation right as a
matter to advocate (it is not law).

Which remedies apply, their clauses and conditions come from the assessment
(:mod:`advisor.recommend`, data in ``rules/recommendations.yaml``); this module decides how
the memo words them. The clause texts are filled here with the memo's own rendering of the
case's facts (no nested brackets, French spacing), from the clause templates of the rules
base.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.display import lead_lower
from advisor.findings import Assessment, RecommendationOut
from advisor.model import AllianceCase
from advisor.rulesbase import RulesBase

from .citations import basis_of, cite, see_also_of
from .memo_timing import amends
from .words import MemoWords


def convention(a: Assessment) -> RecommendationOut | None:
    """The source note's contractual remedy: a note remedy with a clause checklist."""
    return next(
        (r for r in a.recommendations if r.group == "note_remedy" and r.details.clauses), None
    )


def advocated(a: Assessment) -> RecommendationOut | None:
    """The source note's political remedy: a scheme not enacted, with conditions."""
    return next(
        (r for r in a.recommendations if r.details.conditions and r.details.enacted is False),
        None,
    )


@dataclass(frozen=True)
class ClauseRow:
    """A clause of the R&D agreement's checklist, filled for the case, with the findings it answers."""

    title: str
    content: str
    basis: str
    numbers: tuple[str, ...]
    """The findings the clause answers."""


@dataclass(frozen=True)
class Conflict:
    """Something in the set-up that conflicts with the agreement, certain or possible."""

    present: bool
    """Certain (``True``) or possible, depending on unknown facts."""
    label: str
    text: str


@dataclass(frozen=True)
class RdConvention:
    """The societal R&D agreement the memo recommends, when it applies."""

    title: str
    summary: str
    nature: str
    """Heading of the box saying what kind of instrument it is."""
    nature_text: str
    numbers: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    clauses: tuple[ClauseRow, ...]
    references: tuple[tuple[str, str | None], ...]
    anchor: str = ""
    see_also: tuple[tuple[str, str | None], ...] = ()
    """What it cites that is not law (a guide, the source note): never a basis."""


@dataclass(frozen=True)
class Measure:
    """One of the other measures, in the memo's table."""

    anchor: str
    title: str
    summary: str
    numbers: tuple[str, ...]
    references: tuple[tuple[str, str | None], ...]
    rules: tuple[str, ...] = ()
    """The rules of the findings it answers (who acts on it is derived from them)."""
    restates: tuple[str, ...] = ()
    """The rules whose cure or advice says what the measure says (the action table then
    shows the measure in that action's row)."""
    duty: str = ""
    """Who bears the duty it discharges, when not whoever its issues' cures name
    (``recipients``, ``receipt_issuers``, ``non_profits``: the rules base's ``acts_by``)."""
    amends: bool = False
    """The agreement it asks for is already signed in a running set-up: it is amended, not
    signed anew, and the amendment is due at once."""
    see_also: str = ""
    """« Voir aussi : … »: the guides it cites (never its basis), which its summary ends
    with; a row it is folded into ends with it too."""


@dataclass(frozen=True)
class ConditionLine:
    """One condition of a remedy, and whether the case meets it."""

    label: str
    state: str
    """``met``, ``missing`` or ``unknown``."""
    state_label: str


@dataclass(frozen=True)
class Advocacy:
    """A proposal the memo advocates without it being law (the experimentation right)."""

    title: str
    status_title: str
    status_note: str
    """Why it is not law, and where its proposed conditions come from."""
    summary: str
    """What it would bring."""
    today_title: str
    today: str
    """What exists today (territorial experimentation when a local authority is a partner)."""
    qualifies: str
    conditions: tuple[ConditionLine, ...]
    references: tuple[tuple[str, str | None], ...]
    anchor: str = ""
    see_also: tuple[tuple[str, str | None], ...] = ()
    """What it cites that is not law (the bill and amendment it comes from): never a basis."""


def _numbers(rule_ids, number_of: dict[str, str]) -> tuple[str, ...]:
    return tuple(
        sorted((number_of[r] for r in rule_ids if r in number_of), key=lambda n: int(n[1:]))
    )


def _refs(rec: RecommendationOut, lang: str = "fr") -> tuple[tuple[str, str | None], ...]:
    """The remedy's legal basis: a guide, the source note or a bill is never one."""
    return basis_of(rec.references, lang)


def _see_also(rec: RecommendationOut, lang: str = "fr") -> tuple[tuple[str, str | None], ...]:
    return see_also_of(rec.references, lang)


def rd_convention(
    a: Assessment, case: AllianceCase, rb: RulesBase, w: MemoWords, number_of: dict[str, str]
) -> RdConvention | None:
    """The societal R&D agreement, when the assessment proposes it."""
    rec = convention(a)
    if rec is None:
        return None
    clauses = [
        ClauseRow(
            cl.title, cl.content, cite(cl.basis, w.lang) or "", _numbers(cl.findings, number_of)
        )
        for cl in rec.details.clauses
    ]
    conflicts = tuple(
        Conflict(c.state == "present", w[f"conflict.{c.state}"], lead_lower(c.text))
        for c in rec.details.conflicts
    )
    return RdConvention(
        title=rec.title,
        summary=rec.summary,
        nature=w["rd_nature"],
        nature_text=w["rd_nature_text"],
        numbers=_numbers(rec.findings, number_of),
        conflicts=conflicts,
        clauses=tuple(clauses),
        references=_refs(rec, w.lang),
        anchor=f"rec-{rec.id}",
        see_also=_see_also(rec, w.lang),
    )


#: Measures that only make sense when the case holds an entry of a list: a staff-loan
#: agreement when staff is loaned. Without such an entry the measure is still listed (an
#: issue to verify may lead to a loan) but as a condition, never as if a loan existed.
NEEDS_ENTRY = {"staff_loan_agreement": "staff_loans"}
#: Measures asking for an agreement that, once signed in a running set-up, is amended
#: rather than signed anew (:func:`reports.memo_timing.amends`): the words that say so.
AMENDED = {"subsidy_agreement": "amend.subsidy_agreement"}
#: Measures that carry the conditions of a lawful staff loan (C. trav., art. L. 8241-1).
STAFF_LOAN_MEASURES = frozenset({"staff_loan_agreement"})


def measures(
    a: Assessment,
    rb: RulesBase,
    w: MemoWords,
    number_of: dict[str, str],
    case: AllianceCase | None = None,
) -> list[Measure]:
    """Every other recommendation, most useful first (as the assessment orders them), as
    it applies to the case; who acts on it and when is the action plan's business
    (:func:`reports.memo_actions.with_measures`)."""
    out = []
    for r in a.recommendations:
        if r.group == "note_remedy":
            continue
        summary = r.summary
        doc = rb.recommendations.get(r.id)
        amended = case is not None and r.id in AMENDED and amends(case, a.as_of)
        if amended:
            summary = w[AMENDED[r.id]]
        elif case is not None:
            summary = _for_case(r, summary, case, w)
        also = _see_also(r, w.lang)
        line = ""
        if also:
            # A guide is read beside the measure, never as its legal basis.
            sep = "\u202f; " if w.lang == "fr" else "; "
            line = w.text("see_also_line", refs=sep.join(text for text, _ in also))
            summary = f"{summary} {line}"
        out.append(
            Measure(
                f"rec-{r.id}",
                r.title,
                summary,
                _numbers(r.findings, number_of),
                _refs(r, w.lang),
                tuple(r.findings),
                tuple(doc.restates) if doc is not None else (),
                (doc.acts_by or "") if doc is not None else "",
                amended,
                line,
            )
        )
    return out


def _for_case(r: RecommendationOut, summary: str, case: AllianceCase, w: MemoWords) -> str:
    """The measure's summary as it applies to the case: under a condition when the case
    holds none of what it is about, with the legal conditions of a staff loan."""
    scope = NEEDS_ENTRY.get(r.id)
    if scope is not None and not getattr(case.people, scope, None):
        summary = w.text("if_staff_loan", measure=lead_lower(summary))
    if r.id in STAFF_LOAN_MEASURES:
        summary = f"{summary} {w['staff_loan_conditions']}"
    return summary


def advocacy(a: Assessment, case: AllianceCase, rb: RulesBase, w: MemoWords) -> Advocacy | None:
    """The partnership experimentation right, as a matter to advocate, when proposed."""
    rec = advocated(a)
    if rec is None:
        return None
    d = rec.details
    rows = tuple(ConditionLine(c.label, c.state, w[f"state.{c.state}"]) for c in d.conditions)
    unknown = sum(1 for r in rows if r.state == "unknown")
    q = d.qualifies or "maybe"
    qualifies = w.count("qualifies.maybe", unknown) if q == "maybe" else w[f"qualifies.{q}"]
    return Advocacy(
        title=rec.title,
        status_title=w["advocacy_status"],
        status_note=d.status_note or "",
        summary=rec.summary,
        today_title=w["advocacy_today"],
        today=d.local_note or w["advocacy_today_none"],
        qualifies=qualifies,
        conditions=rows,
        references=_refs(rec, w.lang),
        anchor=f"rec-{rec.id}",
        see_also=_see_also(rec, w.lang),
    )
