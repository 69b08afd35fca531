"""Recommendations: the remedies the findings point to, grouped and de-duplicated."""

from __future__ import annotations

from .facts import FactSheet
from .findings import Finding, RecommendationOut, ReferenceOut
from .model import AllianceCase
from .period import Period
from .rulesbase import RulesBase

GROUP_ORDER = ("note_remedy", "contract", "social", "tax", "governance", "accounting",
               "finance")


def recommendations(rb: RulesBase, case: AllianceCase, facts: FactSheet,
                    findings: list[Finding], period: Period,
                    lang: str) -> list[RecommendationOut]:
    """One entry per remedy named by a finding, with the findings it answers."""
    answered: dict[str, list[str]] = {}
    for f in findings:
        for rid in f.recommendations:
            answered.setdefault(rid, []).append(f.rule_id)
    out = []
    for rid, rule_ids in answered.items():
        doc = rb.recommendations[rid]
        out.append(RecommendationOut(
            id=rid, group=doc.group, title=doc.title.get(lang), summary=doc.summary.get(lang),
            findings=sorted(set(rule_ids)),
            references=[ReferenceOut(text=r.text, url=r.url, unverified=r.unverified,
                                     note=r.note) for r in doc.references]))
    out.sort(key=lambda r: (GROUP_ORDER.index(r.group), -len(r.findings), r.id))
    return out
