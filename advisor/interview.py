"""The interview, without a user interface: which questions to ask, and reading, parsing,
checking and writing answers.

The Textual app (``tui/``) only displays what this module decides. Questions are data
(``rules/questions/*.yaml``); a question is asked when its ``ask_if`` is certainly true.
Top-level questions form the sequence of steps; questions about list entries (a gift's
amount, a partner's kind) are asked in the list editor, for each entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .casefile import case_data, case_from_data
from .errors import AdvisorError, CaseError
from .evaluate import truth
from .facts import build_facts, entry_label
from .model import PARTNER_REFERENCES, REFERENCE_FIELDS, AllianceCase
from .parameters import format_number
from .rulesbase import Question, RulesBase
from .schema import FieldSpec
from .validation import describe


class AnswerError(AdvisorError):
    """An answer that cannot be stored, with what is allowed."""


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str


# ---- which questions ---------------------------------------------------------------


def _facts(case: AllianceCase, as_of: dt.date | None):
    return build_facts(case, as_of or dt.date.today())


def steps(rb: RulesBase, case: AllianceCase, as_of: dt.date | None = None) -> list[Question]:
    """Top-level questions to ask now, in order (list questions included)."""
    facts = _facts(case, as_of)
    out = []
    for q in rb.questions:
        if q.list_scope and not q.is_list:
            continue  # an entry question: asked in the list editor
        if q.ask_if is None or truth(q.ask_if, facts.values) is True:
            out.append(q)
    return out


def entry_questions(
    rb: RulesBase, case: AllianceCase, scope: str, index: int, as_of: dt.date | None = None
) -> list[Question]:
    """Questions to ask about entry ``index`` of list ``scope``."""
    facts = _facts(case, as_of)
    entry = facts.values[scope][index]
    out = []
    for q in rb.questions:
        if q.is_list or q.list_scope != scope:
            continue
        if q.ask_if is None or truth(q.ask_if, facts.values, entry) is True:
            out.append(q)
    return out


def sections(rb: RulesBase, lang: str) -> list[tuple[str, str]]:
    return [(s.id, s.title.get(lang)) for s in rb.sections]


# ---- reading and writing answers ---------------------------------------------------


def _split(question: Question) -> tuple[str | None, str]:
    f = question.doc.field
    if "[]." in f:
        scope, path = f.split("[].", 1)
        return scope, path
    return None, f


def _get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def entries(case: AllianceCase, scope: str) -> list[Any]:
    return _get_path(case, scope)


def get_answer(case: AllianceCase, question: Question, index: int | None = None) -> Any:
    """The stored answer (``None`` = unknown); for a list question, the entries."""
    if question.is_list:
        return entries(case, question.doc.field)
    scope, path = _split(question)
    target = case if scope is None else entries(case, scope)[_need(index, question)]
    return _get_path(target, path)


def _need(index: int | None, question: Question) -> int:
    if index is None:
        raise AnswerError(f"question '{question.id}' is about a list entry: say which one")
    return index


def set_answer(
    case: AllianceCase, question: Question, value: Any, index: int | None = None
) -> AllianceCase:
    """A new case with the answer stored, validated as a whole.

    Raises:
        AnswerError: the value does not fit the field (message names it and what is allowed).
    """
    scope, path = _split(question)
    data = case.model_dump(mode="python")
    target = data
    if scope is not None:
        target = _dig(data, scope)[_need(index, question)]
    *parents, last = path.split(".")
    for p in parents:
        target = target[p]
    target[last] = value
    return _validated(data, question.doc.field)


def _dig(data: dict, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def _validated(data: dict, field: str) -> AllianceCase:
    try:
        return AllianceCase.model_validate(data)
    except ValidationError as exc:
        problems = describe(exc, AllianceCase)
        raise AnswerError(problems[0], field=None) from None


# ---- lists -------------------------------------------------------------------------

REFERENCES = PARTNER_REFERENCES


def add_entry(
    case: AllianceCase, scope: str, values: dict[str, Any] | None = None
) -> tuple[AllianceCase, int]:
    """A new case with an entry appended to list ``scope``; returns it and its index."""
    data = case.model_dump(mode="python")
    items = _dig(data, scope)
    entry = dict(values or {})
    if scope == "partners":
        taken = {p["id"] for p in items}
        n = len(items) + 1
        while f"partner-{n}" in taken:
            n += 1
        entry.setdefault("id", f"partner-{n}")
        entry.setdefault("name", f"Partner {n}")
    items.append(entry)
    return _validated(data, scope), len(items) - 1


def remove_entry(case: AllianceCase, scope: str, index: int) -> AllianceCase:
    """A new case without entry ``index``; a partner still referenced cannot be removed."""
    data = case.model_dump(mode="python")
    items = _dig(data, scope)
    if not 0 <= index < len(items):
        raise AnswerError(f"{scope} has no entry {index + 1}")
    if scope == "partners":
        pid = items[index]["id"]
        users = [
            f"{s}[{i}].{f}"
            for s, fields in REFERENCES.items()
            for i, e in enumerate(_dig(data, s))
            for f in fields
            if e.get(f) == pid
        ]
        if users:
            raise AnswerError(
                f"partner '{items[index]['name']}' is still referred to by "
                f"{', '.join(users)}; change or remove those entries first"
            )
    del items[index]
    return _validated(data, scope)


def entry_title(case: AllianceCase, scope: str, index: int) -> str:
    return entry_label(case, scope, entries(case, scope)[index])


# ---- answer types ------------------------------------------------------------------


def choices(
    rb: RulesBase, question: Question, lang: str, case: AllianceCase | None = None
) -> list[Choice]:
    """The options of a yes/no, choice or multiple-choice question (unknown included)."""
    spec = question.spec
    unknown = Choice(None, "inconnu" if lang == "fr" else "unknown")
    if spec is None:
        return []
    if spec.kind == "bool":
        return [
            Choice(True, "oui" if lang == "fr" else "yes"),
            Choice(False, "non" if lang == "fr" else "no"),
            unknown,
        ]
    if spec.kind in ("enum", "multi"):
        opts = [Choice(v, rb.value_label(spec.absolute, v, lang)) for v in spec.values]
        return opts + [unknown]
    if spec.kind == "text" and case is not None and _is_partner_ref(spec):
        return [Choice(p.id, p.name) for p in case.partners] + [unknown]
    return []


def _is_partner_ref(spec: FieldSpec) -> bool:
    return spec.path in REFERENCE_FIELDS


def answer_kind(question: Question) -> str:
    """One of: list, bool, enum, multi, eur, pct, number, date, text, partner."""
    spec = question.spec
    if spec is None:
        return "list"
    if spec.kind == "number":
        return {"eur": "eur", "pct": "pct"}.get(spec.unit or "", "number")
    if spec.kind == "text" and _is_partner_ref(spec):
        return "partner"
    return spec.kind


_NUM = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def parse_number(text: str, question: Question) -> Any:
    """Parse ``12 000,50 €``, ``12,000.50``, ``25 %``; empty or ``?`` means unknown."""
    raw = text.strip()
    if raw.lower() in ("", "?", "unknown", "inconnu", "inconnue"):
        return None
    cleaned = raw.replace("€", "").replace("%", "").replace("eur", "").strip()
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", cleaned)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # 12,000.50
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # 12000,50
    if not _NUM.match(cleaned):
        raise AnswerError(
            f"'{text}' is not a number; write e.g. 12000 or 12 000,50 (leave empty for unknown)",
            field=question.doc.field,
        )
    value = float(cleaned)
    kind = question.spec.unit if question.spec else None
    if kind in ("count", "months", "years") or (value.is_integer() and kind != "pct"):
        if not value.is_integer() and kind in ("count", "months", "years"):
            raise AnswerError(f"'{text}': a whole number is needed", field=question.doc.field)
        return int(value)
    return value


def parse_date(text: str, question: Question) -> dt.date | None:
    """Parse ``2025-02-28`` or ``28/02/2025``; empty means unknown."""
    raw = text.strip()
    if raw.lower() in ("", "?", "unknown", "inconnu", "inconnue"):
        return None
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", raw)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise AnswerError(
            f"'{text}' is not a valid date; write YYYY-MM-DD or DD/MM/YYYY (a real calendar date)",
            field=question.doc.field,
        ) from None


def show_answer(rb: RulesBase, question: Question, value: Any, lang: str) -> str:
    """An answer as the review screen shows it."""
    from .display import show_value

    if question.is_list:
        n = len(value)
        return f"{n} entrée(s)" if lang == "fr" else f"{n} entr{'y' if n == 1 else 'ies'}"
    spec = question.spec
    if value is None:
        return "inconnu" if lang == "fr" else "unknown"
    if spec.kind == "text":
        return str(value)
    if spec.kind == "number" and spec.unit is None:
        return format_number(value, None, lang)
    return show_value(rb, spec, value, lang)


# ---- progress and review -----------------------------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    section: str
    question: Question
    index: int | None
    entry: str | None
    shown: str
    known: bool


def review(
    rb: RulesBase, case: AllianceCase, lang: str, as_of: dt.date | None = None
) -> list[ReviewLine]:
    """Every question asked, with its answer, in interview order (entries expanded)."""
    lines = []
    for q in steps(rb, case, as_of):
        value = get_answer(case, q)
        lines.append(
            ReviewLine(q.section, q, None, None, show_answer(rb, q, value, lang), value is not None)
        )
        if q.is_list:
            for i in range(len(value)):
                title = entry_title(case, q.doc.field, i)
                for eq in entry_questions(rb, case, q.doc.field, i, as_of):
                    v = get_answer(case, eq, i)
                    shown = show_answer(rb, eq, v, lang)
                    if v is not None and answer_kind(eq) == "partner" and case.partner(v):
                        shown = case.partner(v).name
                    lines.append(ReviewLine(q.section, eq, i, title, shown, v is not None))
    return lines


def progress(rb: RulesBase, case: AllianceCase, as_of: dt.date | None = None) -> tuple[int, int]:
    """(answered, asked) over every question currently asked, entries included."""
    lines = review(rb, case, "en", as_of)
    asked = [ln for ln in lines if not ln.question.is_list]
    return sum(1 for ln in asked if ln.known), len(asked)


def with_progress(
    case: AllianceCase, question_id: str | None, index: int | None = None
) -> AllianceCase:
    """The case with the interview position recorded (saved with it)."""
    data = case_data(case)
    meta = data.setdefault("meta", {})
    meta["progress"] = {
        k: v for k, v in (("question", question_id), ("item", index)) if v is not None
    }
    return case_from_data(data, "<interview>")


__all__ = [
    "AnswerError",
    "CaseError",
    "Choice",
    "add_entry",
    "answer_kind",
    "choices",
    "entries",
    "entry_questions",
    "get_answer",
    "parse_date",
    "parse_number",
    "progress",
    "remove_entry",
    "review",
    "sections",
    "set_answer",
    "show_answer",
    "steps",
    "with_progress",
]
