"""The risk memo's content, decided once and shared by the PDF, Markdown and JSON forms.

Renderers lay this model out; they never decide what the memo says: which sections exist
and in which order, how findings are numbered and grouped, where each one sits in the
risk matrix, which sentence sums up a risk, which question to put to the client. All texts
are in the memo's language; user text is kept raw here and escaped by each renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from advisor.findings import Assessment, Finding, RecommendationOut
from advisor.model import AllianceCase
from advisor.rulemodel import LIKELIHOODS, SEVERITIES
from advisor.rulesbase import RulesBase

from .memo_parts import AnswerLine, VerifyQuestion, answer_lines, verify_questions
from .typography import ENTRY_LIMIT, shorten
from .words import long_date, words

#: Section keys in memo order, titled with ``words[key]``; the first five are numbered.
SECTIONS = (
    "summary",
    "matrix",
    "findings",
    "recommendations",
    "to_verify_title",
    "annex",
    "disclaimer_title",
)
_NUMBERED = 5


@dataclass(frozen=True)
class Section:
    key: str
    """Stable anchor of the section (``summary``, ``matrix``...)."""
    title: str


@dataclass(frozen=True)
class MatrixCell:
    severity: str
    likelihood: str
    numbers: tuple[str, ...]
    """Finding numbers placed in this cell (``F1``, ``F4``...)."""
    flagged: tuple[str, ...] = ()
    """The numbers of ``numbers`` that are flagged (the others are to verify)."""
    level: int = 0
    """Heat of the cell, 0 (low severity, unlikely) to 5 (critical, likely)."""


@dataclass(frozen=True)
class ChallengeRow:
    id: str
    framework: str
    framework_label: str
    label: str
    status: str
    status_label: str
    numbers: tuple[str, ...]
    flagged: int = 0
    to_verify: int = 0
    worst: str | None = None


@dataclass(frozen=True)
class MemoFinding:
    number: str
    finding: Finding
    severity_label: str
    likelihood_label: str
    status_label: str
    recommendation_titles: tuple[str, ...]
    clear_options: tuple[str, ...] = ()
    """Each way to clear the finding, in words (changes joined with ``+``)."""
    sentence: str = ""
    """The finding in one sentence, with its severity, likelihood and status."""

    @property
    def anchor(self) -> str:
        return f"finding-{self.number}"


@dataclass(frozen=True)
class FindingGroup:
    framework_label: str
    challenge_label: str
    challenge_id: str
    findings: tuple[MemoFinding, ...]
    framework: str = ""

    @property
    def anchor(self) -> str:
        return f"challenge-{self.challenge_id}"


@dataclass(frozen=True)
class MemoRecommendation:
    rec: RecommendationOut
    numbers: tuple[str, ...]
    """Numbers of the findings this remedy answers, in memo order."""
    line: str
    """The remedy in one line (executive summary)."""

    @property
    def anchor(self) -> str:
        return f"rec-{self.rec.id}"


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
    territory: str | None = None
    adviser_notes: str | None = None
    sections: list[Section] = field(default_factory=list)
    remedies: list[MemoRecommendation] = field(default_factory=list)
    """Every recommendation with the numbers of the findings it answers (same order)."""
    questions: list[VerifyQuestion] = field(default_factory=list)
    tool: str = ""
    """Name and version of the tool that wrote the memo."""
    overview: str = ""
    """Counts of risks and challenges in one or two sentences (executive summary)."""
    date_text: str = ""
    """The date of assessment as a reader writes it (``1er juin 2026``)."""
    severity_labels: dict[str, str] = field(default_factory=dict)
    likelihood_labels: dict[str, str] = field(default_factory=dict)
    status_labels: dict[str, str] = field(default_factory=dict)

    @property
    def findings(self) -> list[MemoFinding]:
        return [f for g in self.groups for f in g.findings]

    def remedy(self, rec_id: str) -> MemoRecommendation:
        return next(r for r in self.remedies if r.rec.id == rec_id)

    def summary(self) -> dict[str, Any]:
        """The memo's summary, added to the JSON output."""
        return {
            "lang": self.lang,
            "sections": [s.key for s in self.sections],
            "counts": self.counts,
            "top_risks": [
                {
                    "number": m.number,
                    "rule_id": m.finding.rule_id,
                    "title": m.finding.title,
                    "severity": m.finding.severity,
                    "likelihood": m.finding.likelihood,
                    "status": m.finding.status,
                }
                for m in self.top_risks
            ],
            "matrix": {
                f"{c.severity}/{c.likelihood}": list(c.numbers)
                for row in self.matrix
                for c in row
                if c.numbers
            },
            "numbers": {m.number: m.finding.rule_id for m in self.findings},
            "recommendations": [r.id for r in self.recommendations],
            "questions": len(self.questions),
        }


def build_memo(a: Assessment, case: AllianceCase, rb: RulesBase) -> Memo:
    """Decide the memo's content from an assessment."""
    w = words(a.lang)
    lang = a.lang
    sev_labels = {s: rb.base.severities[s].get(lang) for s in SEVERITIES}
    lik_labels = {lk: rb.base.likelihoods[lk].get(lang) for lk in LIKELIHOODS}
    status_labels = {s: d.get(lang) for s, d in rb.base.statuses.items()}
    order = rb.challenge_order()
    ranked = sorted(
        a.findings,
        key=lambda f: (
            order.get(f.challenge, len(order)),
            -SEVERITIES.index(f.severity),
            f.rule_id,
        ),
    )
    rec_titles = {r.id: r.title for r in a.recommendations}
    numbered = [
        _memo_finding(f"F{i}", f, w, sev_labels, lik_labels, status_labels, rec_titles)
        for i, f in enumerate(ranked, start=1)
    ]
    number_of = {m.finding.rule_id: m.number for m in numbered}
    groups = []
    for c in rb.challenges:
        mine = tuple(m for m in numbered if m.finding.challenge == c.id)
        if mine:
            groups.append(
                FindingGroup(
                    rb.base.frameworks[c.framework].get(lang),
                    c.label.get(lang),
                    c.id,
                    mine,
                    c.framework,
                )
            )
    # The three most serious: flagged first, then severity, likelihood, challenge order.
    serious = sorted(
        numbered,
        key=lambda m: (
            m.finding.status != "flagged",
            -SEVERITIES.index(m.finding.severity),
            -LIKELIHOODS.index(m.finding.likelihood) if m.finding.likelihood else 1,
            int(m.number[1:]),
        ),
    )
    matrix = [[_cell(s, lk, numbered) for lk in LIKELIHOODS] for s in reversed(SEVERITIES)]
    challenges = [
        ChallengeRow(
            id=ch.id,
            framework=ch.framework,
            framework_label=ch.framework_label,
            label=ch.label,
            status=ch.status,
            status_label=status_labels.get(ch.status, ch.status),
            numbers=tuple(m.number for m in numbered if m.finding.challenge == ch.id),
            flagged=ch.flagged,
            to_verify=ch.to_verify,
            worst=ch.worst,
        )
        for ch in a.challenges
    ]
    remedies = [_remedy(r, number_of, w) for r in a.recommendations]
    to_verify = [m for m in numbered if m.finding.status == "to_verify"]
    return Memo(
        lang=lang,
        words=w,
        title=w["memo_title"],
        alliance=case.meta.name,
        partners=[
            (p.name, rb.value_label("partners[].kind", p.kind, lang) if p.kind else w["unknown"])
            for p in case.partners
        ],
        as_of=a.as_of,
        adviser=case.meta.adviser,
        client=case.meta.client,
        territory=case.meta.territory,
        adviser_notes=case.meta.notes,
        counts={
            "flagged": {s: a.counts.flagged.get(s, 0) for s in reversed(SEVERITIES)},
            "to_verify": {s: a.counts.to_verify.get(s, 0) for s in reversed(SEVERITIES)},
        },
        top_risks=serious[:3],
        recommendations=list(a.recommendations),
        note_remedies=[r for r in a.recommendations if r.group == "note_remedy"],
        other_remedies=[r for r in a.recommendations if r.group != "note_remedy"],
        matrix=matrix,
        challenges=challenges,
        groups=groups,
        to_verify=to_verify,
        answers=answer_lines(rb, case, lang, a.as_of),
        provenance=_provenance(a, w),
        disclaimer=w["disclaimer"],
        notes=list(a.notes),
        sections=[
            Section(k, f"{i}. {w[k]}" if i <= _NUMBERED else w[k])
            for i, k in enumerate(SECTIONS, start=1)
        ],
        tool=f"{a.tool.get('name', '?')} {a.tool.get('version', '?')}",
        overview=_overview(a, w),
        date_text=long_date(a.as_of, lang),
        remedies=remedies,
        questions=verify_questions(to_verify, w),
        severity_labels=sev_labels,
        likelihood_labels=lik_labels,
        status_labels=status_labels,
    )


def _memo_finding(
    number: str,
    f: Finding,
    w: dict[str, str],
    sev: dict[str, str],
    lik: dict[str, str],
    status: dict[str, str],
    rec_titles: dict[str, str],
) -> MemoFinding:
    options = tuple(
        " + ".join(_short_entry(ch.text, ch.entry) for ch in opt.changes)
        for opt in f.clear_by
        if opt.changes
    )
    return MemoFinding(
        number=number,
        finding=f,
        severity_label=sev[f.severity],
        likelihood_label=lik[f.likelihood] if f.likelihood else status[f.status],
        status_label=status[f.status],
        recommendation_titles=tuple(rec_titles[r] for r in f.recommendations if r in rec_titles),
        clear_options=options,
        sentence=w["risk_sentence"].format(
            number=number,
            title=_no_final_stop(f.title),
            severity=sev[f.severity],
            likelihood=lik[f.likelihood] if f.likelihood else status[f.status],
            status=status[f.status],
        ),
    )


def _short_entry(text: str, entry: str | None) -> str:
    """A change's words with its list entry's label shortened (it is repeated often)."""
    if entry and len(entry) > ENTRY_LIMIT:
        return text.replace(entry, shorten(entry))
    return text


def _cell(severity: str, likelihood: str, numbered: list[MemoFinding]) -> MatrixCell:
    mine = [
        m for m in numbered if m.finding.severity == severity and m.finding.likelihood == likelihood
    ]
    return MatrixCell(
        severity,
        likelihood,
        tuple(m.number for m in mine),
        tuple(m.number for m in mine if m.finding.status == "flagged"),
        SEVERITIES.index(severity) + LIKELIHOODS.index(likelihood),
    )


def _remedy(
    r: RecommendationOut, number_of: dict[str, str], w: dict[str, str]
) -> MemoRecommendation:
    numbers = tuple(
        sorted((number_of[rid] for rid in r.findings if rid in number_of), key=lambda n: int(n[1:]))
    )
    line = w["rec_line"].format(title=r.title, n=len(numbers)) if numbers else r.title
    return MemoRecommendation(r, numbers, line)


def _provenance(a: Assessment, w: dict[str, str]) -> dict[str, str]:
    return {
        w["prov_tool"]: f"{a.tool.get('name', '?')} {a.tool.get('version', '?')}",
        w["prov_rules"]: a.rules_base.version,
        w["prov_rules_hash"]: a.rules_base.sha256,
        w["prov_case_hash"]: a.case.sha256,
        w["prov_as_of"]: a.as_of.isoformat(),
        w["prov_lang"]: a.lang,
        w["prov_rerun"]: (
            f"advisor assess CASE.yaml --as-of {a.as_of.isoformat()} "
            f"--lang {a.lang} --format pdf -o memo.pdf"
        ),
    }


def _overview(a: Assessment, w: dict[str, str]) -> str:
    states = [ch.status for ch in a.challenges]
    return w["overview"].format(
        flagged=sum(a.counts.flagged.values()),
        to_verify=sum(a.counts.to_verify.values()),
        challenges=len(states),
        c_flagged=states.count("flagged"),
        c_to_verify=states.count("to_verify"),
        c_clear=states.count("clear"),
    )


def _no_final_stop(text: str) -> str:
    return text.rstrip().rstrip(".")
