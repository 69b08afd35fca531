"""The risk memo's content, decided once and shared by the PDF, Markdown and JSON forms.

Renderers lay this model out; they never decide what the memo says. All texts are in the
memo's language; user text is kept raw here and escaped by each renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from advisor import interview
from advisor.findings import Assessment, Finding, RecommendationOut
from advisor.model import AllianceCase
from advisor.rulemodel import LIKELIHOODS, SEVERITIES
from advisor.rulesbase import RulesBase

from .words import words


@dataclass(frozen=True)
class MatrixCell:
    severity: str
    likelihood: str
    numbers: tuple[str, ...]
    """Finding numbers placed in this cell (``F1``, ``F4``...)."""


@dataclass(frozen=True)
class ChallengeRow:
    id: str
    framework: str
    framework_label: str
    label: str
    status: str
    status_label: str
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class MemoFinding:
    number: str
    finding: Finding
    severity_label: str
    likelihood_label: str
    status_label: str
    recommendation_titles: tuple[str, ...]


@dataclass(frozen=True)
class FindingGroup:
    framework_label: str
    challenge_label: str
    challenge_id: str
    findings: tuple[MemoFinding, ...]


@dataclass(frozen=True)
class AnswerLine:
    section: str
    question: str
    entry: str | None
    answer: str


@dataclass
class Memo:
    lang: str
    words: dict[str, str]
    title: str
    alliance: str
    partners: list[tuple[str, str]]
    """(name, legal nature) of each partner."""
    as_of: dt.date
    adviser: str | None
    client: str | None
    counts: dict[str, dict[str, int]]
    top_risks: list[MemoFinding]
    recommendations: list[RecommendationOut]
    note_remedies: list[RecommendationOut]
    other_remedies: list[RecommendationOut]
    matrix: list[list[MatrixCell]]
    """Rows from the most severe down; columns from unlikely to likely."""
    challenges: list[ChallengeRow]
    groups: list[FindingGroup]
    to_verify: list[MemoFinding]
    answers: list[AnswerLine]
    provenance: dict[str, str]
    disclaimer: str
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[MemoFinding]:
        return [f for g in self.groups for f in g.findings]

    def summary(self) -> dict[str, Any]:
        """The memo's summary, added to the JSON output."""
        return {
            "counts": self.counts,
            "top_risks": [{"number": m.number, "rule_id": m.finding.rule_id,
                           "title": m.finding.title, "severity": m.finding.severity}
                          for m in self.top_risks],
            "matrix": {f"{c.severity}/{c.likelihood}": list(c.numbers)
                       for row in self.matrix for c in row if c.numbers},
            "numbers": {m.number: m.finding.rule_id for m in self.findings},
            "recommendations": [r.id for r in self.recommendations],
        }


def build_memo(a: Assessment, case: AllianceCase, rb: RulesBase) -> Memo:
    """Decide the memo's content from an assessment."""
    w = words(a.lang)
    order = rb.challenge_order()
    ranked = sorted(a.findings, key=lambda f: (order[f.challenge],
                                               -SEVERITIES.index(f.severity), f.rule_id))
    rec_titles = {r.id: r.title for r in a.recommendations}
    numbered: list[MemoFinding] = []
    for i, f in enumerate(ranked, start=1):
        numbered.append(MemoFinding(
            number=f"F{i}", finding=f,
            severity_label=rb.base.severities[f.severity].get(a.lang),
            likelihood_label=rb.base.likelihoods[f.likelihood].get(a.lang),
            status_label=rb.base.statuses[f.status].get(a.lang),
            recommendation_titles=tuple(rec_titles[r] for r in f.recommendations
                                        if r in rec_titles)))
    by_rule = {m.finding.rule_id: m for m in numbered}
    groups = []
    for c in rb.challenges:
        mine = tuple(m for m in numbered if m.finding.challenge == c.id)
        if mine:
            groups.append(FindingGroup(rb.base.frameworks[c.framework].get(a.lang),
                                       c.label.get(a.lang), c.id, mine))
    # The three most serious: flagged first, then severity, likelihood, challenge order.
    serious = sorted(numbered, key=lambda m: (
        m.finding.status != "flagged", -SEVERITIES.index(m.finding.severity),
        -LIKELIHOODS.index(m.finding.likelihood), int(m.number[1:])))
    matrix = [[MatrixCell(s, lk, tuple(m.number for m in numbered
                                       if m.finding.severity == s
                                       and m.finding.likelihood == lk))
               for lk in LIKELIHOODS] for s in reversed(SEVERITIES)]
    challenges = [ChallengeRow(
        id=ch.id, framework=ch.framework, framework_label=ch.framework_label,
        label=ch.label, status=ch.status,
        status_label=rb.base.statuses[ch.status].get(a.lang),
        numbers=tuple(m.number for m in numbered if m.finding.challenge == ch.id))
        for ch in a.challenges]
    answers = [AnswerLine(section=_section_title(rb, ln.section, a.lang),
                          question=ln.question.doc.text.get(a.lang), entry=ln.entry,
                          answer=ln.shown)
               for ln in interview.review(rb, case, a.lang, a.as_of)]
    return Memo(
        lang=a.lang, words=w, title=w["memo_title"], alliance=case.meta.name,
        partners=[(p.name, rb.value_label("partners[].kind", p.kind, a.lang)
                   if p.kind else w["unknown"]) for p in case.partners],
        as_of=a.as_of, adviser=case.meta.adviser, client=case.meta.client,
        counts={"flagged": dict(a.counts.flagged), "to_verify": dict(a.counts.to_verify)},
        top_risks=serious[:3], recommendations=list(a.recommendations),
        note_remedies=[r for r in a.recommendations if r.group == "note_remedy"],
        other_remedies=[r for r in a.recommendations if r.group != "note_remedy"],
        matrix=matrix, challenges=challenges, groups=groups,
        to_verify=[by_rule[f.rule_id] for f in ranked if f.status == "to_verify"],
        answers=answers,
        provenance={
            w["prov_tool"]: f"{a.tool['name']} {a.tool['version']}",
            w["prov_rules"]: f"{a.rules_base.version}",
            w["prov_rules_hash"]: a.rules_base.sha256,
            w["prov_case_hash"]: a.case.sha256,
            w["prov_as_of"]: a.as_of.isoformat(),
            w["prov_lang"]: a.lang,
        },
        disclaimer=w["disclaimer"],
        notes=list(a.notes),
    )


def _section_title(rb: RulesBase, section_id: str, lang: str) -> str:
    for s in rb.sections:
        if s.id == section_id:
            return s.title.get(lang)
    return section_id
