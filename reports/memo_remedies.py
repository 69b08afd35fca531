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

from advisor.findings import Assessment, RecommendationOut
from advisor.model import AllianceCase
from advisor.parameters import format_number
from advisor.rulesbase import RulesBase
from advisor.template import fill

from .citations import cite, cite_all
from .typography import unbracket
from .words import MemoWords

RD = "rd_societal_convention"
XP = "partnership_experimentation_right"


@dataclass(frozen=True)
class ClauseRow:
    title: str
    content: str
    basis: str
    numbers: tuple[str, ...]
    """The findings the clause answers."""


@dataclass(frozen=True)
class Conflict:
    present: bool
    """Certain (``True``) or possible, depending on unknown facts."""
    label: str
    text: str


@dataclass(frozen=True)
class RdConvention:
    title: str
    summary: str
    nature: str
    """Heading of the box saying what kind of instrument it is."""
    nature_text: str
    numbers: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    clauses: tuple[ClauseRow, ...]
    references: tuple[tuple[str, str | None], ...]
    anchor: str = f"rec-{RD}"


@dataclass(frozen=True)
class Measure:
    anchor: str
    title: str
    summary: str
    numbers: tuple[str, ...]
    references: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class ConditionLine:
    label: str
    state: str
    """``met``, ``missing`` or ``unknown``."""
    state_label: str


@dataclass(frozen=True)
class Advocacy:
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
    anchor: str = f"rec-{XP}"


def _numbers(rule_ids, number_of: dict[str, str]) -> tuple[str, ...]:
    return tuple(
        sorted((number_of[r] for r in rule_ids if r in number_of), key=lambda n: int(n[1:]))
    )


def _refs(rec: RecommendationOut) -> tuple[tuple[str, str | None], ...]:
    return cite_all(rec.references)


def _find(a: Assessment, rec_id: str) -> RecommendationOut | None:
    return next((r for r in a.recommendations if r.id == rec_id), None)


def rd_convention(
    a: Assessment, case: AllianceCase, rb: RulesBase, w: MemoWords, number_of: dict[str, str]
) -> RdConvention | None:
    """The societal R&D agreement, when the assessment proposes it."""
    rec = _find(a, RD)
    if rec is None:
        return None
    doc = rb.recommendations.get(RD)
    templates = {c.id: c for c in doc.clauses} if doc is not None else {}
    values = clause_values(case, rb, w)
    clauses = []
    for cl in rec.details.get("clauses", []):
        template = templates.get(cl.get("id"))
        content = fill(template.content.get(w.lang), values) if template else cl.get("content", "")
        clauses.append(
            ClauseRow(
                cl.get("title", ""),
                content,
                cite(cl.get("basis") or "") or "",
                _numbers(cl.get("findings", []), number_of),
            )
        )
    conflicts = tuple(
        Conflict(c.get("state") == "present", w[f"conflict.{c.get('state')}"], c.get("text", ""))
        for c in rec.details.get("conflicts", [])
        if c.get("state") in ("present", "possible")
    )
    return RdConvention(
        title=rec.title,
        summary=rec.summary,
        nature=w["rd_nature"],
        nature_text=w["rd_nature_text"],
        numbers=_numbers(rec.findings, number_of),
        conflicts=conflicts,
        clauses=tuple(clauses),
        references=_refs(rec),
    )


def measures(
    a: Assessment, rb: RulesBase, w: MemoWords, number_of: dict[str, str]
) -> list[Measure]:
    """Every other recommendation, most useful first (as the assessment orders them)."""
    return [
        Measure(
            f"rec-{r.id}",
            r.title,
            r.summary,
            _numbers(r.findings, number_of),
            _refs(r),
        )
        for r in a.recommendations
        if r.group != "note_remedy"
    ]


def advocacy(a: Assessment, case: AllianceCase, rb: RulesBase, w: MemoWords) -> Advocacy | None:
    """The partnership experimentation right, as a matter to advocate, when proposed."""
    rec = _find(a, XP)
    if rec is None:
        return None
    d = rec.details
    rows = tuple(
        ConditionLine(c.get("label", ""), c.get("state", "unknown"), w[f"state.{c.get('state')}"])
        for c in d.get("conditions", [])
        if c.get("state") in ("met", "missing", "unknown")
    )
    unknown = sum(1 for r in rows if r.state == "unknown")
    q = d.get("qualifies", "maybe")
    qualifies = w.count("qualifies.maybe", unknown) if q == "maybe" else w[f"qualifies.{q}"]
    return Advocacy(
        title=rec.title,
        status_title=w["advocacy_status"],
        status_note=d.get("status_note") or "",
        summary=rec.summary,
        today_title=w["advocacy_today"],
        today=d.get("local_note") or w["advocacy_today_none"],
        qualifies=qualifies,
        conditions=rows,
        references=_refs(rec),
    )


def clause_values(case: AllianceCase, rb: RulesBase, w: MemoWords) -> dict[str, str]:
    """The case's facts as the clause templates quote them (``{partners}``...)."""
    lang = w.lang

    def name(pid: str | None) -> str:
        p = case.partner(pid) if pid else None
        return p.name if p is not None else w["tbd"]

    def kind(p) -> str:
        return unbracket(rb.value_label("partners[].kind", p.kind, lang)) if p.kind else w["tbd"]

    sep = " ; " if lang == "fr" else "; "
    contributions = []
    for g in case.money.gifts:
        what = unbracket(rb.value_label("money.gifts[].kind", g.kind, lang)) if g.kind else ""
        amount = format_number(g.amount_eur, "eur", lang) if g.amount_eur is not None else ""
        detail = ", ".join(x for x in (what, amount) if x)
        contributions.append(f"{name(g.donor)} ({detail})" if detail else name(g.donor))
    loans = rb.scope_label("people.staff_loans", lang).lower()
    contributions += [f"{name(x.lender)} ({loans})" for x in case.people.staff_loans]
    people = []
    if case.people.volunteers.involved:
        people.append(unbracket(rb.field_label("people.volunteers.involved", lang)))
    if case.people.service_civique.involved:
        people.append(unbracket(rb.field_label("people.service_civique.involved", lang)))
    people += [f"{loans} ({name(x.lender)})" for x in case.people.staff_loans]
    months = case.co_construction.duration_months
    results = case.results.co_developed or []
    return {
        "partners": sep.join(f"{p.name} ({kind(p)})" for p in case.partners) or w["tbd"],
        "duration": w.count("months", months) if months is not None else w["tbd"],
        "results": ", ".join(
            unbracket(rb.value_label("results.co_developed", r, lang)) for r in results
        )
        or w["tbd"],
        "contributions": sep.join(contributions) or w["tbd"],
        "people": sep.join(people) or w["none"],
    }
