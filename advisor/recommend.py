"""Recommendations: the remedies the findings call for, grouped and de-duplicated, and
the source note's two remedies when the set-up fits them.

What each remedy is, when it fits, its clause checklist and its conditions are data
(``rules/recommendations.yaml``); this module evaluates those conditions on the case and
assembles the explanation. It decides nothing the YAML does not say.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .evaluate import explain, truth
from .facts import FactSheet, build_facts
from .findings import Finding, RecommendationOut, ReferenceOut
from .model import AllianceCase
from .parameters import format_number
from .rulemodel import RecommendationDoc
from .rulesbase import RulesBase
from .template import fill as fill_template

GROUP_ORDER = ("note_remedy", "contract", "social", "tax", "governance", "accounting", "finance")
RD = "rd_societal_convention"
XP = "partnership_experimentation_right"

_W = {
    "fr": {
        "why_rd": "L'alliance co-crée quelque chose de nouveau entre {n} statuts juridiques "
        "différents, et {k} risque(s) que cette convention sécurise ont été relevés "
        "({challenges}).",
        "why_rd_named": "Des risques relevés renvoient à cette convention.",
        "why_xp_yes": "Le montage remplirait toutes les conditions du dispositif proposé.",
        "why_xp_maybe": "Le montage pourrait remplir les conditions du dispositif proposé ; "
        "{n} condition(s) restent à vérifier.",
        "why_named": "{n} risque(s) relevé(s) appellent cette mesure.",
        "tbd": "à préciser",
        "months": "{n} mois",
        "none": "aucun",
    },
    "en": {
        "why_rd": "The alliance co-creates something new between {n} different legal "
        "statuses, and {k} risk(s) this agreement secures were found "
        "({challenges}).",
        "why_rd_named": "Findings point to this agreement.",
        "why_xp_yes": "The set-up would meet every condition of the proposed scheme.",
        "why_xp_maybe": "The set-up may meet the conditions of the proposed scheme; "
        "{n} condition(s) remain to verify.",
        "why_named": "{n} finding(s) call for this measure.",
        "tbd": "to be set",
        "months": "{n} months",
        "none": "none",
    },
}


def recommendations(
    rb: RulesBase,
    case: AllianceCase,
    facts: FactSheet,
    findings: list[Finding],
    period: Any,
    lang: str,
) -> list[RecommendationOut]:
    """Every remedy called for, each with the findings it answers, most useful first."""
    w = _W[lang]
    answered: dict[str, set[str]] = {}
    for f in findings:
        for rid in f.recommendations:
            answered.setdefault(rid, set()).add(f.rule_id)
    out: list[RecommendationOut] = []
    rd = rb.recommendations.get(RD)
    if rd is not None:
        entry = _rd_convention(rb, rd, case, facts, findings, answered.pop(RD, set()), lang)
        if entry:
            out.append(entry)
    xp = rb.recommendations.get(XP)
    if xp is not None:
        named = answered.pop(XP, set())
        if _xp_proposed(rb, xp, facts, named):
            table = experimentation_table(rb, case, facts.as_of, lang, facts=facts)
            n_unknown = sum(1 for c in table["conditions"] if c["state"] == "unknown")
            why = (
                w["why_xp_yes"]
                if table["qualifies"] == "yes"
                else w["why_xp_maybe"].format(n=n_unknown)
            )
            out.append(_entry(xp, lang, sorted(named), why, table))
    for rid, rule_ids in answered.items():
        doc = rb.recommendations[rid]
        out.append(_entry(doc, lang, sorted(rule_ids), w["why_named"].format(n=len(rule_ids)), {}))
    out.sort(key=lambda r: (GROUP_ORDER.index(r.group), -len(r.findings), r.id))
    return out


def recommendation_ids(
    rb: RulesBase, case: AllianceCase, facts: FactSheet, findings: list, period: Any
) -> list[str]:
    """The ids :func:`recommendations` would return, in the same order, without building
    their texts and details (for screening many cases)."""
    answered: dict[str, set[str]] = {}
    for f in findings:
        for rid in f.recommendations:
            answered.setdefault(rid, set()).add(f.rule_id)
    out: list[tuple[int, int, str]] = []
    rd = rb.recommendations.get(RD)
    if rd is not None:
        named = answered.pop(RD, set())
        answers = _rd_answers(rb, rd, facts, findings, named)
        if answers is not None:
            out.append((GROUP_ORDER.index(rd.group), -len(answers), RD))
    xp = rb.recommendations.get(XP)
    if xp is not None:
        named = answered.pop(XP, set())
        if _xp_proposed(rb, xp, facts, named):
            out.append((GROUP_ORDER.index(xp.group), -len(named), XP))
    for rid, rule_ids in answered.items():
        out.append((GROUP_ORDER.index(rb.recommendations[rid].group), -len(rule_ids), rid))
    return [rid for _, _, rid in sorted(out)]


def _fit(rb: RulesBase, rec_id: str, facts: FactSheet) -> bool | None:
    """Whether a remedy fits the set-up: ``applies_if`` holds and ``unless`` does not
    certainly hold (three-valued: ``None`` when unknown facts decide it)."""
    node = rb.remedy_conditions.get(f"{rec_id}:applies_if")
    fit = True if node is None else truth(node, facts.values)
    unless = rb.remedy_conditions.get(f"{rec_id}:unless")
    if unless is not None and fit is not False:
        blocked = truth(unless, facts.values)
        if blocked is True:
            return False
    return fit


def _secures(doc: RecommendationDoc, finding) -> bool:
    """The remedy secures one of the rules merged into the issue (or their challenge)."""
    rules = getattr(finding, "rules", None) or [finding.rule_id]
    return any(r in doc.secures or ".".join(r.split(".")[:2]) in doc.secures for r in rules)


def _rd_answers(
    rb: RulesBase, doc: RecommendationDoc, facts: FactSheet, findings: list, named: set[str]
) -> set[str] | None:
    """The findings the R&D convention answers, or ``None`` when it is not proposed."""
    fit_state = _fit(rb, RD, facts)
    fits = fit_state is True
    secured = {f.rule_id for f in findings if _secures(doc, f)}
    # A finding that names the convention counts when it is flagged and the set-up does
    # not rule co-creation out; a mere "to verify" does not make the convention worth it.
    flagged_named = {f.rule_id for f in findings if f.rule_id in named and f.status == "flagged"}
    named = flagged_named if fit_state is not False else set()
    if not ((fits and secured) or named):
        return None
    return named | (secured if fits else set())


def _xp_proposed(rb: RulesBase, doc: RecommendationDoc, facts: FactSheet, named: set[str]) -> bool:
    fits = _fit(rb, XP, facts) is True
    if not (fits or named):
        return False
    for c in doc.conditions:
        if truth(rb.remedy_conditions[f"{XP}:conditions:{c.id}"], facts.values) is False:
            return False
    return True


def _entry(
    doc: RecommendationDoc, lang: str, findings: list[str], why: str, details: dict[str, Any]
) -> RecommendationOut:
    return RecommendationOut(
        id=doc.id,
        group=doc.group,
        title=doc.title.get(lang),
        summary=doc.summary.get(lang),
        findings=findings,
        why=why,
        details=details,
        references=[
            ReferenceOut(text=r.text, url=r.url, unverified=r.unverified, note=r.note)
            for r in doc.references
        ],
    )


def _rd_convention(
    rb: RulesBase,
    doc: RecommendationDoc,
    case: AllianceCase,
    facts: FactSheet,
    findings: list[Finding],
    named: set[str],
    lang: str,
) -> RecommendationOut | None:
    w = _W[lang]
    answers = _rd_answers(rb, doc, facts, findings, named)
    if answers is None:
        return None
    fits = _fit(rb, RD, facts) is True
    secured = [f for f in findings if _secures(doc, f)]
    challenges = sorted({f.challenge for f in secured}, key=rb.challenge_order().get)
    why = (
        w["why_rd"].format(
            n=facts.values.get("partner_kinds_count") or "?",
            k=len(secured),
            challenges=", ".join(rb.challenge(c).label.get(lang) for c in challenges),
        )
        if fits and secured
        else w["why_rd_named"]
    )
    conflicts = []
    for c in doc.conflicts:
        t = truth(rb.remedy_conditions[f"{RD}:conflicts:{c.id}"], facts.values)
        if t is not False:
            conflicts.append(
                {"id": c.id, "state": "present" if t else "possible", "text": c.text.get(lang)}
            )
    by_challenge: dict[str, list[str]] = {}
    for f in findings:
        by_challenge.setdefault(f.challenge, []).append(f.rule_id)
    fill = _placeholders(rb, case, lang)
    clauses = []
    for cl in doc.clauses:
        cond = rb.remedy_conditions.get(f"{RD}:clauses:{cl.id}")
        if cond is not None and truth(cond, facts.values) is not True:
            continue
        clauses.append(
            {
                "id": cl.id,
                "title": cl.title.get(lang),
                "content": fill_template(cl.content.get(lang), fill),
                "answers": [rb.challenge(a).label.get(lang) for a in cl.answers],
                "findings": sorted({r for a in cl.answers for r in by_challenge.get(a, [])}),
                "basis": cl.basis,
            }
        )
    details = {
        "enacted": bool(doc.enacted),
        "status_note": doc.status_note.get(lang) if doc.status_note else None,
        "conflicts": conflicts,
        "clauses": clauses,
    }
    return _entry(doc, lang, sorted(answers), why, details)


def experimentation_table(
    rb: RulesBase, case: AllianceCase, as_of: dt.date, lang: str, facts: FactSheet | None = None
) -> dict[str, Any]:
    """The proposed scheme's conditions, each met, missing or unknown, for this case."""
    doc = rb.recommendations[XP]
    facts = facts or build_facts(case, as_of)
    rows = []
    for c in doc.conditions:
        node = rb.remedy_conditions[f"{XP}:conditions:{c.id}"]
        from .conditions import nnf

        why = explain(nnf(node), facts.values)
        state = {True: "met", False: "missing", None: "unknown"}[why.value]
        unknown = sorted({rb.field_label(h.atom.spec.absolute, lang) for h in why.unknown})
        rows.append({"id": c.id, "label": c.label.get(lang), "state": state, "unknown": unknown})
    states = {r["state"] for r in rows}
    qualifies = "no" if "missing" in states else ("maybe" if "unknown" in states else "yes")
    local = rb.remedy_conditions.get(f"{XP}:local_if")
    local_note = (
        doc.local_note.get(lang)
        if doc.local_note and local is not None and truth(local, facts.values) is True
        else None
    )
    return {
        "enacted": bool(doc.enacted),
        "status_note": doc.status_note.get(lang) if doc.status_note else None,
        "qualifies": qualifies,
        "conditions": rows,
        "local_note": local_note,
    }


def _placeholders(rb: RulesBase, case: AllianceCase, lang: str) -> dict[str, str]:
    w = _W[lang]

    def kind(p) -> str:
        return rb.value_label("partners[].kind", p.kind, lang) if p.kind else w["tbd"]

    partners = ", ".join(f"{p.name} ({kind(p)})" for p in case.partners) or w["tbd"]
    months = case.co_construction.duration_months
    duration = w["months"].format(n=months) if months is not None else w["tbd"]
    results = case.results.co_developed
    results_text = (
        ", ".join(rb.value_label("results.co_developed", r, lang) for r in results)
        if results
        else w["tbd"]
    )
    contributions = []
    for g in case.money.gifts:
        who = case.partner(g.donor).name if case.partner(g.donor) else "?"
        what = rb.value_label("money.gifts[].kind", g.kind, lang) if g.kind else w["tbd"]
        amount = format_number(g.amount_eur, "eur", lang) if g.amount_eur is not None else ""
        contributions.append(f"{who}: {what} {amount}".strip())
    for loan in case.people.staff_loans:
        who = case.partner(loan.lender).name if case.partner(loan.lender) else "?"
        contributions.append(f"{who}: {rb.scope_label('people.staff_loans', lang).lower()}")
    people = []
    if case.people.volunteers.involved:
        people.append(rb.field_label("people.volunteers.involved", lang))
    if case.people.service_civique.involved:
        people.append(rb.field_label("people.service_civique.involved", lang))
    for loan in case.people.staff_loans:
        who = case.partner(loan.lender).name if case.partner(loan.lender) else "?"
        people.append(f"{rb.scope_label('people.staff_loans', lang)} ({who})")
    return {
        "partners": partners,
        "duration": duration,
        "results": results_text,
        "contributions": "; ".join(contributions) or w["tbd"],
        "people": "; ".join(people) or w["none"],
    }
