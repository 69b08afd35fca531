"""The risk memo's content, decided once and shared by the PDF, Markdown and JSON forms.

Renderers lay this model out; they never decide what the memo says: which sections exist
and in which order, how findings are numbered and grouped, where each one sits in the
risk matrix, which sentence sums up a risk, which question to put to the client, what the
client reads and what only the technical annex shows (rule ids, fingerprints, the command
that reproduces the memo). All texts are in the memo's language; user text is kept raw
here and escaped by each renderer.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any, cast

from advisor import catalogue
from advisor.articles import with_article
from advisor.findings import Assessment, Finding
from advisor.model import AllianceCase
from advisor.parameters import format_number
from advisor.rulemodel import LIKELIHOODS, SEVERITIES, Likelihood
from advisor.rulesbase import RulesBase

from .citations import basis_of, cite, see_also_of
from .memo_actions import (
    Action,
    AssumptionLine,
    actions,
    assumptions,
    open_question_groups,
    with_measures,
)
from .memo_facts import FactsPage, facts_page
from .memo_opinion import opinion
from .memo_parts import (
    AnswerLine,
    QuestionGroup,
    answer_lines,
    asked,
    question_groups,
    question_numbers,
)
from .memo_remedies import (
    Advocacy,
    Measure,
    RdConvention,
    advocacy,
    measures,
    rd_convention,
)
from .memo_timing import due_in_case, running
from .typography import ENTRY_LIMIT, shorten, unbracket
from .words import MemoWords, long_date, words

#: Section keys in memo order (``annex`` only when asked for).
SECTIONS = (
    "summary",
    "questions",
    "matrix",
    "findings",
    "recommendations",
    "advocacy",
    "facts",
    "annex",
    "signature",
    "technical",
)


@dataclass(frozen=True)
class Section:
    """A section of the memo, by its anchor."""

    key: str
    """Stable anchor of the section (``summary``, ``matrix``...)."""
    title: str


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the risk matrix and the findings placed in it."""

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
    """One challenge of the summary table, with its status."""

    id: str
    framework: str
    framework_label: str
    label: str
    status: str
    status_label: str
    numbers: tuple[str, ...]
    """Numbers of the findings under this challenge (an issue merging rules of several
    challenges is under each)."""
    tone: str = ""
    """The tile's colour: its status, or ``minor`` when the only established risks are of
    low severity (not the red of a serious one)."""


@dataclass(frozen=True)
class FactLine:
    """One fact the memo shows, with the questions it answers."""

    label: str
    entry: str
    """The list entry the fact belongs to (a partner, a gift), shortened; or empty."""
    shown: str
    """The value as a reader sees it (``inconnu`` for an unknown)."""
    questions: tuple[str, ...] = ()
    """For an unknown fact: the questions that settle it."""
    asks: tuple[str, ...] = ()
    """Their numbers among the questions for the client (``Q3``)."""


@dataclass(frozen=True)
class MemoFinding:
    """A finding as the memo numbers and words it."""

    number: str
    finding: Finding
    severity_label: str
    """The severity as it agrees with « gravité » (``élevée``)."""
    likelihood_label: str
    status_label: str
    facts: tuple[FactLine, ...] = ()
    unknowns: tuple[FactLine, ...] = ()
    references: tuple[tuple[str, str | None], ...] = ()
    """(citation, link) of each legal basis."""
    see_also: tuple[tuple[str, str | None], ...] = ()
    """(citation, link) of what it cites that is not law (a guide, the source note)."""
    line: str = ""
    """The finding in one line, with its severity and status (summary)."""
    actions: tuple[str, ...] = ()
    """Numbers of the actions of the plan that cure it (``A1``)."""
    exposure: tuple[tuple[str, str], ...] = ()
    """(what is at stake, amount as shown) of each estimate the rules give (flagged only)."""
    exposure_notes: tuple[str, ...] = ()
    """How the estimates are computed (the fine for wrongly issued receipts), each once."""
    unverified_note: str = ""
    """Which amount or legal point the risk rests on could not be confirmed (empty: none)."""

    @property
    def anchor(self) -> str:
        return f"finding-{self.number}"

    @property
    def outline(self) -> str:
        """The finding as a bookmark: ``F3 — title``."""
        return f"{self.number} — {self.finding.title}"


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one challenge."""

    framework_label: str
    challenge_label: str
    challenge_id: str
    findings: tuple[MemoFinding, ...]
    framework: str = ""

    @property
    def anchor(self) -> str:
        return f"challenge-{self.challenge_id}"


@dataclass(frozen=True)
class Signature:
    """Who signs the memo, for whom, and when."""

    adviser: str | None
    firm: str | None
    client: str | None
    addressee: str | None
    date_text: str
    addressed: str = ""
    """Who the memo is for, in words (« Établie pour X, à l’attention de Y »), or empty."""


@dataclass(frozen=True)
class TechnicalRow:
    """One row of the technical annex: a finding's rules and source."""

    number: str
    rule_ids: tuple[str, ...]
    source: str
    unverified: str = ""
    """What the rules base could not confirm for this finding (an amount, a source): for
    the adviser to check before signing, never in the client's text."""


@dataclass
class Memo:
    """What the memo says, decided once for the PDF, the Markdown and the JSON summary."""

    lang: str
    words: MemoWords
    title: str
    alliance: str
    partners: list[tuple[str, str]]
    """(name, legal nature) of each partner."""
    as_of: dt.date
    date_text: str
    """The date of assessment as a reader writes it (``1er juin 2026``)."""
    signature: Signature
    territory: str | None
    client_note: str | None
    """The note the adviser wrote for the client (``meta.client_note``); never
    ``meta.notes``, which stays internal."""
    opinion: list[str]
    """The opinion in two sentences."""
    opinion_title: str
    """Its heading: « Notre avis » when an adviser signs; otherwise what the analysis
    finds (nobody gives a view in a memo that says no adviser has reviewed it)."""
    counts: dict[str, dict[str, int]]
    top_risks: list[MemoFinding]
    matrix: list[list[MatrixCell]]
    """Rows from the most severe down; columns from unlikely to likely."""
    challenges: list[ChallengeRow]
    groups: list[FindingGroup]
    questions: list[QuestionGroup]
    rd: RdConvention | None
    measures: list[Measure]
    """The recommended measures, each also a row of ``actions``."""
    actions: list[Action]
    """The one table of what to do: what each partner does, and when, to cure the issues
    (ranked), then the recommended measures, with who acts and when."""
    priorities: list[Action]
    """The priority actions of page 1: the first five that cure an issue."""
    assumptions: list[AssumptionLine]
    """The presumptions the analysis relies on."""
    advocacy: Advocacy | None
    facts: FactsPage
    answers: list[AnswerLine]
    """The full question-and-answer annex (empty unless asked for)."""
    technical: list[TechnicalRow]
    provenance: list[tuple[str, str]]
    technical_intro: str
    """What the technical annex holds: it mentions what the rules base could not confirm
    only when there is something of the kind."""
    disclaimer: str | None
    """Shown only when no adviser signs the memo."""
    tool: str
    sections: list[Section] = field(default_factory=list)
    severity_labels: dict[str, str] = field(default_factory=dict)
    likelihood_labels: dict[str, str] = field(default_factory=dict)
    recommendation_ids: list[str] = field(default_factory=list)
    to_confirm: str = ""
    """The heading of what stays to confirm: « À confirmer avant signature », or
    « À confirmer » once the set-up is signed or under way (no signature to wait for)."""

    @property
    def findings(self) -> list[MemoFinding]:
        return [f for g in self.groups for f in g.findings]

    @property
    def priority_actions(self) -> list[Action]:
        """The actions page 1 lists (the first that cure an issue)."""
        return self.priorities

    def has(self, key: str) -> bool:
        return any(s.key == key for s in self.sections)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

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
            "recommendations": list(self.recommendation_ids),
            "questions": sum(len(g.questions) for g in self.questions),
        }


def build_memo(a: Assessment, case: AllianceCase, rb: RulesBase, *, annex: bool = False) -> Memo:
    """Decide the memo's content from an assessment; ``annex`` adds every answer."""
    w = words(a.lang)
    lang = w.lang
    sev_labels = {s: w.severity(s) for s in SEVERITIES}
    lik_labels: dict[str, str] = {
        lk: rb.base.likelihoods[cast(Likelihood, lk)].get(lang) for lk in LIKELIHOODS
    }
    # Risks to verify have no likelihood yet: their column says so (« à vérifier » is a
    # status, not a probability).
    lik_labels[TO_VERIFY] = w["likelihood.unassessed"]
    order = rb.challenge_order()
    ranked = sorted(
        a.findings,
        key=lambda f: (
            order.get(f.challenge, len(order)),
            -SEVERITIES.index(f.severity),
            f.rule_id,
        ),
    )
    # The experimentation right is not law: it is advocated, never offered as a cure.
    numbered = [_memo_finding(f"F{i}", f, w, rb, lik_labels) for i, f in enumerate(ranked, start=1)]
    # An issue holds several rules: any of them names it.
    number_of = {r: m.number for m in numbered for r in (m.finding.rules or [m.finding.rule_id])}
    questions = (
        open_question_groups(a, case, number_of, w)
        if a.open_questions
        else question_groups([m for m in numbered if m.finding.status == "to_verify"], case, w)
    )
    numbered = _with_question_numbers(numbered, questions, w)
    # A merged issue counts in the challenge of every rule it holds.
    challenge_of = {v.rule_id: v.challenge for v in a.verdicts}
    questions = _with_reasons(questions, a, challenge_of, rb, lang)
    cures = actions(
        a, number_of, w, tuple(p.name for p in case.partners), due_in_case(case, a.as_of)
    )
    others = measures(a, rb, w, number_of, case)
    plan = with_measures(cures, others, a, case, number_of, w)
    numbered = [
        replace(m, actions=tuple(x.number for x in plan if m.number in x.numbers)) for m in numbered
    ]
    groups = [
        FindingGroup(
            rb.base.frameworks[c.framework].get(lang),
            c.label.get(lang),
            c.id,
            mine,
            c.framework,
        )
        for c in rb.challenges
        if (mine := tuple(m for m in numbered if m.finding.challenge == c.id))
    ]
    rd = rd_convention(a, case, rb, w, number_of)
    xp = advocacy(a, case, rb, w)
    answers = answer_lines(rb, case, lang, a.as_of) if annex else []
    signature = Signature(
        adviser=case.meta.adviser,
        firm=case.meta.firm,
        client=case.meta.client,
        addressee=case.meta.addressee,
        date_text=long_date(a.as_of, lang),
        addressed=_addressed(_client_named(case, w.lang), case.meta.addressee, w),
    )
    keys = [k for k in SECTIONS if k != "annex" or annex]
    if xp is None:
        keys.remove("advocacy")
    titles = {
        "advocacy": w["advocacy"],
        "signature": w["signature"],
        "facts": w["facts_and_assumptions"] if a.assumptions else w["facts"],
    }
    under_way = running(case, a.as_of)  # signed or started: nothing left to sign
    elsewhere = _unconfirmed_remedies(a, rb, w, plan)
    return Memo(
        lang=lang,
        words=w,
        title=w["memo_title"],
        alliance=case.meta.name,
        partners=[
            (p.name, unbracket(rb.value_label("partners[].kind", p.kind, lang)) if p.kind else "")
            for p in case.partners
        ],
        as_of=a.as_of,
        date_text=long_date(a.as_of, lang),
        signature=signature,
        territory=case.meta.territory,
        client_note=case.meta.client_note,
        opinion=opinion(
            numbered,
            sum(len(g.questions) for g in questions),
            w,
            reviewed=bool(case.meta.adviser),
            running=under_way,
        ),
        to_confirm=w["to_confirm.running"] if under_way else w["to_confirm"],
        opinion_title=w["opinion"] if case.meta.adviser else w["opinion.unreviewed"],
        counts={
            "flagged": {s: a.counts.flagged.get(s, 0) for s in reversed(SEVERITIES)},
            "to_verify": {s: a.counts.to_verify.get(s, 0) for s in reversed(SEVERITIES)},
        },
        top_risks=_top_risks(numbered, plan),
        matrix=[
            [_cell(s, lk, numbered) for lk in _columns(numbered)] for s in reversed(SEVERITIES)
        ],
        challenges=[
            ChallengeRow(
                id=ch.id,
                framework=ch.framework,
                framework_label=ch.framework_label,
                label=ch.label,
                status=ch.status,
                status_label=w[f"status.{_tone(ch)}"],
                numbers=tuple(m.number for m in numbered if ch.id in m.finding.challenges),
                tone=_tone(ch),
            )
            for ch in a.challenges
        ],
        groups=groups,
        questions=questions,
        rd=rd,
        measures=others,
        actions=plan,
        priorities=[x for x in plan if not x.measure][:PRIORITY_ACTIONS],
        assumptions=assumptions(a, w),
        advocacy=xp,
        facts=facts_page(case, rb, w, tuple(a.warnings)),
        answers=answers,
        technical=[
            TechnicalRow(
                m.number,
                tuple(m.finding.rules or [m.finding.rule_id]),
                m.finding.source,
                m.unverified_note,
            )
            for m in numbered
        ]
        + elsewhere,
        provenance=_provenance(a, w),
        technical_intro=w["technical_intro"]
        if any(m.unverified_note for m in numbered) or elsewhere
        else w["technical_intro.confirmed"],
        disclaimer=None if case.meta.adviser else w["disclaimer"],
        tool=f"{a.tool.get('name', '?')} {a.tool.get('version', '?')}",
        sections=[Section(k, titles.get(k) or w[k]) for k in keys],
        severity_labels=sev_labels,
        likelihood_labels=lik_labels,
        recommendation_ids=[r.id for r in a.recommendations],
    )


#: How many actions page 1 lists as priorities, and how many risks at least as the main ones.
PRIORITY_ACTIONS = 5
TOP_RISKS = 3


def _with_reasons(
    questions: list[QuestionGroup],
    a: Assessment,
    challenge_of: dict[str, str],
    rb: RulesBase,
    lang: str,
) -> list[QuestionGroup]:
    """A question that settles none of the memo's risks says where its answer may reveal
    one (the challenges of the rules it decides), never a bare « peut révéler un risque »."""
    labels = {c.id: c.label.get(lang) for c in rb.challenges}
    decides = {(q.question.text, q.entry or ""): q.decides for q in a.open_questions}
    out = []
    for g in questions:
        rows = []
        for q in g.questions:
            if not q.numbers:
                ids = [challenge_of.get(r) for k in q.keys for r in decides.get(k, ())]
                named = [labels[c] for c in dict.fromkeys(ids) if c in labels]
                q = replace(q, reveals=", ".join(named))
            rows.append(q)
        out.append(replace(g, questions=tuple(rows)))
    return out


def _top_risks(numbered: list[MemoFinding], plan: list[Action]) -> list[MemoFinding]:
    """The main risks of page 1: the three most serious, and any other of high or critical
    severity that a priority action answers (page 1 never lists an action for a serious
    risk it leaves out)."""
    ranked = _ranked(numbered)
    answered = {n for x in plan[:PRIORITY_ACTIONS] for n in x.numbers}
    return ranked[:TOP_RISKS] + [
        m
        for m in ranked[TOP_RISKS:]
        if m.number in answered and m.finding.severity in ("high", "critical")
    ]


def _tone(ch: Any) -> str:
    """A challenge's colour: ``minor`` when the risks established are all low."""
    return "minor" if ch.status == "flagged" and ch.worst == "low" else ch.status


def _ranked(numbered: list[MemoFinding]) -> list[MemoFinding]:
    """Most serious first, as the findings layer ranks issues (severity weighed with
    status: a high issue to verify outranks a low flagged one; flagged first among
    equals); without ranks, the same order computed here."""
    return sorted(
        numbered,
        key=lambda m: (
            m.finding.rank or 10_000,
            -SEVERITIES.index(m.finding.severity),
            m.finding.status != "flagged",
            -LIKELIHOODS.index(m.finding.likelihood) if m.finding.likelihood else 0,
            int(m.number[1:]),
        ),
    )


#: The matrix's column for issues to verify: their likelihood is not shown.
TO_VERIFY = "to_verify"


def _columns(numbered: list[MemoFinding]) -> tuple[str, ...]:
    """Likelihoods, and a column for issues to verify when there are some."""
    if any(m.finding.likelihood is None for m in numbered):
        return (*LIKELIHOODS, TO_VERIFY)
    return tuple(LIKELIHOODS)


def _memo_finding(
    number: str,
    f: Finding,
    w: MemoWords,
    rb: RulesBase,
    lik: dict[str, str],
) -> MemoFinding:
    severity = w.severity(f.severity)
    status = w[f"status.{f.status}"]
    return MemoFinding(
        number=number,
        finding=f,
        severity_label=severity,
        likelihood_label=lik[f.likelihood] if f.likelihood else "",
        status_label=status,
        # The same fact is listed once, however many merged rules rest on it.
        facts=_facts(f),
        unknowns=tuple(
            FactLine(u.label, _entry(u.entry), w["unknown"], tuple(q.text for q in u.questions))
            for u in f.unknowns
        ),
        references=basis_of(f.references, w.lang),
        see_also=see_also_of(f.references, w.lang),
        exposure=tuple((x.label, x.shown) for x in f.exposure),
        exposure_notes=tuple(dict.fromkeys(x.note for x in f.exposure if x.note)),
        line=w.text(
            "risk_line", title=f.title.rstrip().rstrip("."), severity=severity, status=status
        ),
        unverified_note=_unverified_note(f, w, rb),
    )


def _facts(f: Finding) -> tuple[FactLine, ...]:
    """The facts of the case a finding rests on, each once: the same fact with the same
    value for every entry from one partner (the donor's total, under each of its three
    gifts) is one line under that partner (« — Groupe Ingénova : 533 000 € »)."""
    sides: dict[tuple[str, str], list[str]] = {}
    for e in f.evidence:
        sides.setdefault((e.label, e.shown), []).append(e.entry or "")
    # The partner all of a fact's entries start from, or None: once per fact (per line of
    # evidence, 500 gifts with the same value made it quadratic).
    starts: dict[tuple[str, str], str | None] = {}
    for side, named in sides.items():
        entries = list(dict.fromkeys(named))
        lefts = {x.partition(" → ")[0] for x in entries if " → " in x}
        one = len(entries) > 1 and len(lefts) == 1 and all(" → " in x for x in entries)
        starts[side] = lefts.pop() if one else None
    out: dict[FactLine, None] = {}
    for e in f.evidence:
        start = starts[(e.label, e.shown)]
        if start is not None:
            out.setdefault(FactLine(e.label, _entry(start), e.shown), None)
        else:
            out.setdefault(FactLine(e.label, _entry(e.entry), e.shown), None)
    return tuple(out)


def _unconfirmed_remedies(
    a: Assessment, rb: RulesBase, w: MemoWords, plan: list[Action]
) -> list[TechnicalRow]:
    """A row of the technical annex for each remedy the memo shows (a measure of the action
    plan, the R&D agreement and its clauses, the experimentation right) that cites a source
    the rules base could not confirm: every unconfirmed source the memo cites is listed
    for the adviser, not only a finding's own."""
    lang = w.lang
    unconfirmed = {
        src.citation.get("fr"): src.citation.get(lang)
        for src in rb.sources.values()
        if not src.verified
    }
    rows = []
    for r in a.recommendations:
        anchor = f"rec-{r.id}"
        numbers = [x.number for x in plan if anchor in (x.key, x.folded)]
        # A measure folded into an action's row shows its legal basis only, not what it
        # cites as « see also » (its own row's text does).
        folded = bool(numbers) and all(x.key != anchor for x in plan if x.number in numbers)
        cited = [
            c
            for x in r.references
            if x.unverified and not (folded and x.see_also) and (c := cite(x.text, lang))
        ]
        # A clause's basis is a citation written in the clause: matched against the
        # registry's unconfirmed sources.
        for cl in r.details.clauses:
            cited += [shown for fr, shown in unconfirmed.items() if cl.basis and fr in cl.basis]
        cited = list(dict.fromkeys(c for c in cited if c))
        if not cited:
            continue
        if numbers:
            number = ", ".join(numbers)
        elif r.group == "note_remedy":
            number = r.title
        else:
            continue  # not shown in the memo
        note = w.text(
            "unverified_sources", sources=catalogue.text(lang, "core.list_sep").join(cited)
        )
        rows.append(TechnicalRow(number, (r.id,), "recommendations.yaml", note))
    return rows


def _unverified_note(f: Finding, w: MemoWords, rb: RulesBase) -> str:
    """Say which fact could not be confirmed: an amount (the last known one is applied) or
    a legal point whose source was not found; never a bare "a fact is unconfirmed"."""
    lang = w.lang
    parts = []
    for p in f.parameters:
        if p.unverified and p.name in rb.params:
            doc = rb.params[p.name]
            parts.append(
                w.text(
                    "unverified_amount",
                    what=(doc.description.get(lang) or p.name).rstrip("."),
                    value=format_number(p.value, doc.unit, lang),
                )
            )
    refs = list(
        dict.fromkeys(c for r in f.references if r.unverified and (c := cite(r.text, lang)))
    )
    if refs:
        parts.append(
            w.text("unverified_sources", sources=catalogue.text(lang, "core.list_sep").join(refs))
        )
    if not parts and f.unverified:
        parts.append(w["unverified_fact"])
    return " ".join(parts)


def _with_question_numbers(
    numbered: list[MemoFinding], questions: list[QuestionGroup], w: MemoWords
) -> list[MemoFinding]:
    """Each unknown fact of a finding points to the questions for the client that settle
    it, instead of repeating them."""
    number = question_numbers(questions)
    out = []
    for m in numbered:
        lines = tuple(
            replace(
                line,
                asks=tuple(
                    dict.fromkeys(
                        n
                        for t in asked(u, w)
                        # Asked of the entry (« MACIF → X »), or of the partner it starts
                        # from (MACIF's total gifts, asked of MACIF).
                        if (
                            n := number.get((t, u.entry or ""))
                            or number.get((t, (u.entry or "").partition(" → ")[0]))
                        )
                        is not None
                    )
                ),
            )
            for line, u in zip(m.unknowns, m.finding.unknowns, strict=True)
        )
        out.append(replace(m, unknowns=lines))
    return out


def _entry(entry: str | None) -> str:
    return shorten(entry, ENTRY_LIMIT) if entry else ""


def _cell(severity: str, likelihood: str, numbered: list[MemoFinding]) -> MatrixCell:
    mine = [
        m
        for m in numbered
        if m.finding.severity == severity and (m.finding.likelihood or TO_VERIFY) == likelihood
    ]
    column = LIKELIHOODS.index(likelihood) if likelihood in LIKELIHOODS else 1
    return MatrixCell(
        severity,
        likelihood,
        tuple(m.number for m in mine),
        tuple(m.number for m in mine if m.finding.status == "flagged"),
        SEVERITIES.index(severity) + column,
    )


def _client_named(case: AllianceCase, lang: str) -> str | None:
    """The client as « Établie pour » introduces it: « l’Association Tremplin », « la
    société TechNord SAS » when the client is a partner of known kind; a name that is
    neither stays bare, never « le partenaire X » for a client who may be a third party."""
    client = case.meta.client
    if not client or lang != "fr":
        return client
    kinds = {p.name.strip(): p.kind for p in case.partners}
    named = with_article(client, kinds.get(client.strip()), "the", lang)
    return client if named.startswith("le partenaire ") else named


def _addressed(client: str | None, addressee: str | None, w: MemoWords) -> str:
    """« Établie pour X, à l’attention de Y » for the signature block (empty: nobody)."""
    parts = []
    if client:
        parts.append(f"{w['prepared_for']} {client}")
    if addressee:
        parts.append(w.text("attention_of", name=addressee))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _provenance(a: Assessment, w: MemoWords) -> list[tuple[str, str]]:
    return [
        (w["prov_tool"], f"{a.tool.get('name', '?')} {a.tool.get('version', '?')}"),
        (w["prov_rules"], a.rules_base.version),
        (w["prov_rules_hash"], a.rules_base.sha256),
        (w["prov_case_hash"], a.case.sha256),
        (w["prov_as_of"], long_date(a.as_of, w.lang)),
        (
            w["prov_rerun"],
            f"advisor assess {_case_file(a)} --as-of {a.as_of.isoformat()} "
            f"--lang {a.lang} --format pdf -o memo.pdf",
        ),
    ]


def _case_file(a: Assessment) -> str:
    """The case file's name as a shell reads it (« CASE.yaml » when the case was not read
    from a file)."""
    if not a.case.file:
        return "CASE.yaml"
    return shlex.quote(PurePath(a.case.file).name)


__all__ = ["Memo", "MemoFinding", "build_memo"]
