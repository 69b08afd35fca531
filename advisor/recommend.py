"""Recommendations: the remedies the issues call for, and the remedies the set-up itself
calls for (the source note's two), each with the issues it answers.

Two passes. :func:`propose` decides *which* remedies, answering *which* issues, in which
order — from data only (``rules/recommendations.yaml``: the remedies issues name, and, for
a remedy with ``proposed_when_fits``, its ``applies_if``/``unless``/``secures``; with
``conditions_must_hold``, its conditions). :func:`recommendations` then adds the texts: the
why, the clause checklist filled with the case's facts, the conflicts, the conditions
table. Nothing here names a remedy by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import catalogue
from .conditions import nnf
from .evaluate import explain, truth
from .facts import FactSheet, build_facts
from .findings import (
    ClauseOut,
    ConditionOut,
    ConflictOut,
    Finding,
    RecommendationOut,
    ReferenceOut,
    RemedyDetails,
)
from .model import AllianceCase
from .parameters import format_number
from .rulemodel import RecommendationDoc
from .rulesbase import RulesBase
from .template import fill

GROUP_ORDER = ("note_remedy", "contract", "social", "tax", "governance", "accounting", "finance")


@dataclass(frozen=True)
class Proposal:
    """A remedy proposed, and the issues (leading rule ids) it answers."""

    doc: RecommendationDoc
    answers: tuple[str, ...]
    fits: bool
    """It was proposed from the set-up itself (its ``applies_if`` holds)."""
    secured: tuple[Finding, ...] = ()
    """The issues it secures (for a remedy proposed from the set-up)."""

    @property
    def id(self) -> str:
        return self.doc.id


def propose(rb: RulesBase, facts: FactSheet, issues: list[Finding]) -> list[Proposal]:
    """Which remedies, answering which issues, most useful first."""
    named: dict[str, list[Finding]] = {}
    for f in issues:
        for rid in f.recommendations:
            named.setdefault(rid, []).append(f)
    out: list[Proposal] = []
    for doc in rb.recommendations.values():
        by_issue = named.get(doc.id, [])
        if not doc.proposed_when_fits:
            if by_issue:
                out.append(Proposal(doc, tuple(sorted(f.rule_id for f in by_issue)), False))
            continue
        fit = _fit(rb, doc.id, facts)
        secured = tuple(f for f in issues if _secures(doc, f)) if doc.secures else ()
        fits = fit is True and (bool(secured) or not doc.secures)
        # An issue naming the remedy counts when it is flagged and the set-up does not rule
        # the remedy out: a mere point to verify does not make it worth proposing.
        flagged = [f for f in by_issue if f.status == "flagged"] if fit is not False else []
        if not (fits or flagged or (by_issue and not doc.secures and fit is not False)):
            continue
        if doc.conditions_must_hold and any(
            truth(rb.remedy_conditions[f"{doc.id}:conditions:{c.id}"], facts.values) is False
            for c in doc.conditions
        ):
            continue
        answers = {f.rule_id for f in (by_issue if not doc.secures else flagged)}
        if fits:
            answers |= {f.rule_id for f in secured}
        out.append(Proposal(doc, tuple(sorted(answers)), fits, secured if fits else ()))
    # A remedy the case already conflicts with (exclusive rights wanted on results the R&D
    # convention would publish) comes after the others, as its cure does (cure_options).
    out.sort(
        key=lambda p: (
            _conflicted(rb, p.doc, facts),
            GROUP_ORDER.index(p.doc.group),
            -len(p.answers),
            p.id,
        )
    )
    return out


def _conflicted(rb: RulesBase, doc: RecommendationDoc, facts: FactSheet) -> bool:
    """One of the remedy's conflicts certainly holds in the case."""
    return any(
        truth(rb.remedy_conditions[f"{doc.id}:conflicts:{c.id}"], facts.values) is True
        for c in doc.conflicts
    )


def _fit(rb: RulesBase, rec_id: str, facts: FactSheet) -> bool | None:
    """Whether a remedy fits the set-up: ``applies_if`` holds and ``unless`` does not
    certainly hold (three-valued: ``None`` when unknown facts decide it)."""
    node = rb.remedy_conditions.get(f"{rec_id}:applies_if")
    fit = True if node is None else truth(node, facts.values)
    unless = rb.remedy_conditions.get(f"{rec_id}:unless")
    if unless is not None and fit is not False and truth(unless, facts.values) is True:
        return False
    return fit


def _secures(doc: RecommendationDoc, finding: Finding) -> bool:
    """The remedy secures one of the rules merged into the issue (or their challenge)."""
    return answers_rule(doc.secures, finding)


def answers_rule(entries: list[str], finding: Finding) -> bool:
    """One of ``entries`` (rule ids, or challenge ids for all their rules) names a rule
    merged into the issue."""
    rules = finding.rules or [finding.rule_id]
    return any(r in entries or ".".join(r.split(".")[:2]) in entries for r in rules)


# ---- texts ---------------------------------------------------------------------------


def recommendations(
    rb: RulesBase,
    case: AllianceCase,
    facts: FactSheet,
    issues: list[Finding],
    lang: str,
) -> list[RecommendationOut]:
    """Every remedy proposed, with its texts and details, most useful first."""
    values = clause_facts(rb, case, lang)
    return [_out(rb, p, facts, issues, values, lang) for p in propose(rb, facts, issues)]


def _out(
    rb: RulesBase,
    p: Proposal,
    facts: FactSheet,
    issues: list[Finding],
    values: dict[str, str],
    lang: str,
) -> RecommendationOut:
    doc = p.doc
    # The remedy as it reads in this set-up: the first variant that holds, if any.
    variant = next(
        (
            v
            for v in doc.variants
            if truth(rb.remedy_conditions[f"{doc.id}:variants:{v.id}"], facts.values) is True
        ),
        None,
    )
    title = variant.title if variant is not None and variant.title else doc.title
    summary = variant.summary if variant is not None else doc.summary
    references = variant.references if variant is not None else doc.references
    return RecommendationOut(
        id=doc.id,
        group=doc.group,
        title=title.get(lang),
        summary=summary.get(lang),
        findings=list(p.answers),
        why=_why(rb, p, facts, lang),
        details=_details(rb, doc, facts, issues, values, lang),
        references=[ReferenceOut.of(r) for r in references],
    )


def _why(rb: RulesBase, p: Proposal, facts: FactSheet, lang: str) -> str:
    w = catalogue.Words(lang)
    if p.doc.conditions:
        rows = conditions_table(rb, p.doc, facts, lang)
        unknown = sum(1 for r in rows if r.state == "unknown")
        return (
            w.count("core.why.conditions_unknown", unknown)
            if unknown
            else w("core.why.conditions_met")
        )
    if p.fits and p.secured:
        order = rb.challenge_order()
        challenges = sorted({f.challenge for f in p.secured}, key=lambda c: order.get(c, 99))
        return w.count(
            "core.why.fits",
            len(p.secured),
            kinds=str(facts.values.get("partner_kinds_count") or "?"),
            challenges=", ".join(rb.challenge(c).label.get(lang) for c in challenges),
        )
    return w.count("core.why.named", len(p.answers))


def _details(
    rb: RulesBase,
    doc: RecommendationDoc,
    facts: FactSheet,
    issues: list[Finding],
    values: dict[str, str],
    lang: str,
) -> RemedyDetails:
    conflicts = []
    for c in doc.conflicts:
        t = truth(rb.remedy_conditions[f"{doc.id}:conflicts:{c.id}"], facts.values)
        if t is not False:
            conflicts.append(
                ConflictOut(id=c.id, state="present" if t else "possible", text=c.text.get(lang))
            )
    clauses = []
    for cl in doc.clauses:
        cond = rb.remedy_conditions.get(f"{doc.id}:clauses:{cl.id}")
        if cond is not None and truth(cond, facts.values) is not True:
            continue
        clauses.append(
            ClauseOut(
                id=cl.id,
                title=cl.title.get(lang),
                content=fill(cl.content.get(lang), values),
                answers=list(
                    dict.fromkeys(
                        rb.challenge(".".join(a.split(".")[:2])).label.get(lang) for a in cl.answers
                    )
                ),
                findings=sorted({f.rule_id for f in issues if answers_rule(cl.answers, f)}),
                basis=cl.basis,
            )
        )
    table = conditions_table(rb, doc, facts, lang) if doc.conditions else []
    states = {r.state for r in table}
    local = rb.remedy_conditions.get(f"{doc.id}:local_if")
    return RemedyDetails(
        enacted=doc.enacted,
        status_note=doc.status_note.get(lang) if doc.status_note else None,
        conflicts=conflicts,
        clauses=clauses,
        conditions=table,
        qualifies=(
            None
            if not table
            else "no"
            if "missing" in states
            else "maybe"
            if "unknown" in states
            else "yes"
        ),
        local_note=(
            doc.local_note.get(lang)
            if doc.local_note and local is not None and truth(local, facts.values) is True
            else None
        ),
    )


def conditions_table(
    rb: RulesBase, doc: RecommendationDoc, facts: FactSheet, lang: str
) -> list[ConditionOut]:
    """A remedy's conditions, each met, missing or unknown for this case."""
    rows = []
    for c in doc.conditions:
        why = explain(nnf(rb.remedy_conditions[f"{doc.id}:conditions:{c.id}"]), facts.values)
        rows.append(
            ConditionOut(
                id=c.id,
                label=c.label.get(lang),
                state={True: "met", False: "missing", None: "unknown"}[why.value],
                unknown=sorted({rb.field_label(h.atom.spec.absolute, lang) for h in why.unknown}),
            )
        )
    return rows


def experimentation_table(
    rb: RulesBase, case: AllianceCase, as_of: dt.date, lang: str, rec_id: str
) -> RemedyDetails:
    """The conditions of a remedy with ``conditions`` (the proposed experimentation right),
    for this case, whether or not it is proposed."""
    facts = build_facts(case, as_of, lang=lang, rb=rb)
    return _details(rb, rb.recommendations[rec_id], facts, [], clause_facts(rb, case, lang), lang)


def clause_facts(rb: RulesBase, case: AllianceCase, lang: str) -> dict[str, str]:
    """The case's facts as a clause of a contract checklist quotes them (``{partners}``,
    ``{duration}``, ``{results}``, ``{contributions}``, ``{people}``)."""
    w = catalogue.Words(lang)
    tbd = w("core.tbd")
    names = {p.id: p.name for p in case.partners}

    def name(pid: str | None) -> str:
        return names.get(pid, tbd) if pid else tbd

    def bare(label: str) -> str:
        # A label printed inside brackets loses its own: no nested brackets.
        return (
            label[: label.index(" (")].rstrip() if label.endswith(")") and " (" in label else label
        )

    def kind(p) -> str:
        return bare(rb.value_label("partners[].kind", p.kind, lang)) if p.kind else tbd

    sep = w("core.list_sep")
    contributions = []
    for g in case.money.gifts:
        what = bare(rb.value_label("money.gifts[].kind", g.kind, lang)) if g.kind else ""
        amount = format_number(g.amount_eur, "eur", lang) if g.amount_eur is not None else ""
        detail = ", ".join(x for x in (what, amount) if x)
        contributions.append(f"{name(g.donor)} ({detail})" if detail else name(g.donor))
    loans = rb.scope_label("people.staff_loans", lang).lower()
    contributions += [f"{name(x.lender)} ({loans})" for x in case.people.staff_loans]
    people = []
    if case.people.volunteers.involved:
        people.append(w("core.people.volunteers"))
    if case.people.service_civique.involved:
        people.append(w("core.people.service_civique"))
    people += [w("core.people.loaned", lender=name(x.lender)) for x in case.people.staff_loans]
    months = case.co_construction.duration_months
    results = case.results.co_developed or []
    return {
        "partners": sep.join(f"{p.name} ({kind(p)})" for p in case.partners) or tbd,
        "duration": w.count("core.months", months) if months is not None else tbd,
        "results": ", ".join(bare(rb.value_label("results.co_developed", r, lang)) for r in results)
        or tbd,
        "contributions": sep.join(contributions) or tbd,
        "people": sep.join(people) or w("core.none"),
    }


__all__ = [
    "Proposal",
    "clause_facts",
    "conditions_table",
    "experimentation_table",
    "propose",
    "recommendations",
]
