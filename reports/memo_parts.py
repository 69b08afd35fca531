"""Parts of the memo model that need more than a line: the annex of answers and the
questions for the client.

Kept apart from :mod:`reports.memo` so that each file stays short; like it, this module
decides content and never imports a renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor import interview
from advisor.display import show_value
from advisor.facts import entry_label
from advisor.model import REFERENCE_FIELDS, AllianceCase
from advisor.rulesbase import RulesBase
from advisor.schema import FieldSpec, case_schema

from .words import words

if TYPE_CHECKING:  # pragma: no cover
    from .memo import MemoFinding


@dataclass(frozen=True)
class VerifyQuestion:
    text: str
    """The question to put to the client."""
    about: str
    """The unknown fact it settles (its label, and the entry for a list entry)."""
    numbers: tuple[str, ...]
    """The to-verify findings it may raise or dismiss."""


@dataclass(frozen=True)
class AnswerLine:
    section: str
    question: str
    entry: str | None
    answer: str


#: Fields holding a partner's id: the annex shows the partner's name instead.
_PARTNER_REFS = REFERENCE_FIELDS


def answer_lines(rb: RulesBase, case: AllianceCase, lang: str, as_of: dt.date) -> list[AnswerLine]:
    """Every answer of the case: the interview's questions in interview order, then any
    answered fact no question asks (so that the annex is complete whatever the
    questionnaire covers), in the case model's order."""
    lines: list[AnswerLine] = []
    covered: set[tuple[str, int | None]] = set()
    for ln in interview.review(rb, case, lang, as_of):
        lines.append(
            AnswerLine(
                section=_section_title(rb, ln.section, lang),
                question=ln.question.doc.text.get(lang),
                entry=ln.entry,
                answer=ln.shown,
            )
        )
        covered.add((ln.question.doc.field, ln.index))
    other = words(lang)["other_answers"]
    for spec, index, entry, value in _answered(case):
        if (spec.absolute, index) in covered or spec.path == "id" or value == entry:
            continue  # the entry's own label (a partner's name) heads its lines already
        lines.append(
            AnswerLine(
                section=other,
                question=rb.field_label(spec.absolute, lang),
                entry=entry,
                answer=_shown(rb, case, spec, value, lang),
            )
        )
    return lines


def _answered(case: AllianceCase):
    """(spec, entry index, entry label, value) of every known answer, in model order."""
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
            label = entry_label(case, scope, item)
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


def _shown(rb: RulesBase, case: AllianceCase, spec: FieldSpec, value: Any, lang: str) -> str:
    if spec.kind == "text" and spec.path in _PARTNER_REFS:
        partner = case.partner(value)
        return partner.name if partner is not None else str(value)
    return show_value(rb, spec, value, lang)


def _section_title(rb: RulesBase, section_id: str, lang: str) -> str:
    for s in rb.sections:
        if s.id == section_id:
            return s.title.get(lang)
    return section_id


def verify_questions(to_verify: list[MemoFinding], w: dict[str, str]) -> list[VerifyQuestion]:
    """The questions to put to the client, one per unknown fact (per list entry), in
    the order of the findings they settle; each lists those findings.

    A fact no interview question asks is put as a question built from its label.
    """
    found: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for m in to_verify:
        for u in m.finding.unknowns:
            about = f"{u.label} ({u.entry})" if u.entry else u.label
            asked = [(q.id, q.text) for q in u.questions] or [
                (
                    "",
                    w["ask_fact"].format(
                        fact=u.label.rstrip(" ?"), entry=f" ({u.entry})" if u.entry else ""
                    ),
                )
            ]
            for _qid, text in asked:
                key = (text, about)  # two entries with the same label read as one question
                if key not in found:
                    found[key] = (text, about, [])
                numbers = found[key][2]
                if m.number not in numbers:
                    numbers.append(m.number)
    return [VerifyQuestion(text, about, tuple(numbers)) for text, about, numbers in found.values()]
