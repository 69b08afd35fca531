"""Parts of the memo model that need more than a line: the questions for the client,
grouped by the partner who can answer them, and the full annex of answers (``--annex``).

Kept apart from :mod:`reports.memo` so that each file stays short; like it, this module
decides content and never imports a renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.display import lead_lower, show_value
from advisor.facts import entry_label
from advisor.model import REFERENCE_FIELDS, AllianceCase
from advisor.rulesbase import RulesBase
from advisor.schema import FieldSpec, case_schema

from .typography import shorten
from .words import MemoWords, long_date, words

if TYPE_CHECKING:  # pragma: no cover
    from .memo import MemoFinding


@dataclass(frozen=True)
class VerifyQuestion:
    """A question to put to the client, numbered in the memo."""

    number: str
    """``Q1``, ``Q2``... in the order of the memo."""
    text: str
    """The question to put to the client."""
    entry: str
    """The list entry it is about when the group does not say it (a gift), or empty."""
    numbers: tuple[str, ...]
    """The to-verify findings it may confirm or rule out."""
    key: tuple[str, str] = ("", "")
    """(question, list entry) it answers, to find it from a finding's unknown fact."""
    also: tuple[tuple[str, str], ...] = ()
    """The other (question, list entry) pairs it answers: a question asked once of
    several partners."""
    reveals: str = ""
    """For a question that settles none of the memo's risks: the challenges in which its
    answer may reveal one (« Incitations fiscales »), or empty."""

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return (self.key, *self.also)


@dataclass(frozen=True)
class QuestionGroup:
    """The questions one partner (or the alliance) can answer."""

    title: str
    """The partner who can answer (or the alliance as a whole)."""
    questions: tuple[VerifyQuestion, ...]


@dataclass(frozen=True)
class AnswerLine:
    """One answer of the case, as the memo's annex lists it."""

    section: str
    question: str
    entry: str | None
    answer: str


def question_groups(
    to_verify: list[MemoFinding], case: AllianceCase, w: MemoWords
) -> list[QuestionGroup]:
    """One question per unknown fact (per list entry), the same question never twice,
    grouped by the partner the fact is about (the donor, lender or funder for an
    exchange between two partners), the alliance's own questions first."""
    found: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for m in to_verify:
        for u in m.finding.unknowns:
            texts = [q.text for q in u.questions] or [
                w.text("ask_fact", fact=lead_lower(u.label.rstrip(" ?")))
            ]
            for text in texts:
                key = (text, u.entry or "")
                if key not in found:
                    found[key] = (text, u.entry or "", [])
                if m.number not in found[key][2]:
                    found[key][2].append(m.number)
    names = [p.name for p in case.partners]
    known = set(names)
    alliance = case.meta.name
    grouped: dict[str, list[tuple[str, str, list[str]]]] = {}
    for text, entry, numbers in found.values():
        owner = _owner(entry, known) or alliance
        grouped.setdefault(owner, []).append((text, entry, numbers))
    order: dict[str, int] = {}  # each owner's first position (list.index was quadratic)
    for k, o in enumerate([alliance, *names]):
        order.setdefault(o, k)
    out, i = [], 0
    for owner in sorted(grouped, key=lambda o: order.get(o, len(names) + 1)):
        rows = []
        for text, entry, numbers in grouped[owner]:
            i += 1
            shown = "" if entry == owner else shorten(entry)
            rows.append(VerifyQuestion(f"Q{i}", text, shown, tuple(numbers), (text, entry)))
        out.append(QuestionGroup(owner, tuple(rows)))
    return out


def asked(u, w: MemoWords) -> list[str]:
    """The questions that settle an unknown fact (one built from its label if none)."""
    return [q.text for q in u.questions] or [
        w.text("ask_fact", fact=lead_lower(u.label.rstrip(" ?")))
    ]


def question_numbers(groups: list[QuestionGroup]) -> dict[tuple[str, str], str]:
    """``Q`` number of each (question, list entry)."""
    return {key: q.number for g in groups for q in g.questions for key in q.keys}


def _owner(entry: str, names: Collection[str]) -> str | None:
    """The partner an entry is about: itself, or the first of ``A → B``."""
    if not entry:
        return None
    head = entry.split(" → ", 1)[0].strip()
    return head if head in names else None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Fields holding a partner's id: the annex shows the partner's name instead.
_PARTNER_REFS = REFERENCE_FIELDS


def answer_lines(rb: RulesBase, case: AllianceCase, lang: str, as_of: dt.date) -> list[AnswerLine]:
    """Every answer of the case: the interview's questions in interview order, then any
    answered fact no question asks (so that the annex is complete whatever the
    questionnaire covers), in the case model's order."""
    # Imported here: only the annex reads the interview (a JSON run never loads it).
    from advisor import interview

    lines: list[AnswerLine] = []
    covered: set[tuple[str, int | None]] = set()
    for ln in interview.review(rb, case, lang, as_of):
        lines.append(
            AnswerLine(
                section=_section_title(rb, ln.section, lang),
                question=ln.question.doc.text.get(lang),
                entry=ln.entry,
                answer=_in_words(ln.shown, lang),
            )
        )
        covered.add((ln.question.doc.field, ln.index))
    other = words(lang)["other_answers"]
    partners = {p.id: p for p in case.partners}  # ids are unique (the case model checks)
    for spec, index, entry, value in _answered(case, partners, rb, lang):
        if (spec.absolute, index) in covered or spec.path == "id" or value == entry:
            continue  # the entry's own label (a partner's name) heads its lines already
        lines.append(
            AnswerLine(
                section=other,
                question=rb.field_label(spec.absolute, lang),
                entry=entry,
                answer=_shown(rb, partners, spec, value, lang),
            )
        )
    return lines


def _in_words(shown: str, lang: str) -> str:
    """An answer that is a date, written as a reader writes it (``30 novembre 2026``)."""
    if len(shown) == 10 and _ISO_DATE.fullmatch(shown):
        try:
            return long_date(dt.date.fromisoformat(shown), lang)
        except ValueError:
            return shown
    return shown


def _answered(case: AllianceCase, partners: dict, rb: RulesBase, lang: str):
    """(spec, entry index, entry label, value) of every known answer, in model order
    (``partners``: the case's partners by id); the entry labels in the memo's language
    (« fonds solidaire (90/10) → structure commune », never ``solidarity_fund → vehicle``)."""
    schema = case_schema()
    for spec in schema.in_scope(""):
        value = _get(case, spec.path)
        if not spec.derived and _known(value):
            yield spec, None, None, value
    for scope in schema.scopes:
        if any(scope.startswith(other + ".") for other in schema.scopes):
            continue  # a list inside list entries: not in today's model
        items = _get(case, scope)
        for i, item in enumerate(items or ()):
            label = entry_label(case, scope, item, partners, lang=lang, rb=rb)
            for spec in schema.in_scope(scope):
                value = _get(item, spec.path)
                if not spec.derived and _known(value):
                    yield spec, i, label, value


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def _known(value: Any) -> bool:
    return value is not None and value != [] and value != ()


def _shown(rb: RulesBase, partners: dict, spec: FieldSpec, value: Any, lang: str) -> str:
    if spec.kind == "text" and spec.path in _PARTNER_REFS:
        partner = partners.get(value) if value is not None else None
        return partner.name if partner is not None else str(value)
    if spec.kind == "date" and isinstance(value, dt.date):
        return long_date(value, lang)
    return show_value(rb, spec, value, lang)


def _section_title(rb: RulesBase, section_id: str, lang: str) -> str:
    for s in rb.sections:
        if s.id == section_id:
            return s.title.get(lang)
    return section_id
