"""Typed answers: amounts, percentages, numbers, dates and free text, read as the adviser
writes them in French or English; and answers shown back as the adviser reads them.

``?`` alone means "unknown" in every typed answer, free text included (the hint under the
input says so); an empty input means unknown too when the adviser erased an answer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import catalogue
from ..parameters import format_number
from ..rulesbase import Question, RulesBase
from .answers import AnswerError

#: Typed words that mean "unknown" in a number or a date.
UNKNOWN_TYPED = frozenset({"", "?", "unknown", "inconnu", "inconnue"})
_NUM = re.compile(r"^[+-]?\d+([.,]\d+)?$")
#: English thousands with commas: 3,200 or 12,000.50 (in French the comma is the decimal one).
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
#: The unit words an adviser may type after a number, by kind of number ("3 200 heures",
#: "18 mois", "12 000 €", "25 %"): only the question's own (18 mois is not an amount).
_UNIT_WORDS = {
    "eur": r"€|eur|euros?",
    "pct": r"%|pour\s*cent|pourcents?|per\s*cent|percent",
    "months": r"mois|months?",
    "years": r"ans?|années?|years?",
    "hours": r"h|heures?|hours?|hrs?",
    "ratio": r"×|x|fois|times",
}
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def number_kind(question: Question) -> str:
    """What a number answer counts, for its unit words, hint and examples: ``eur``, ``pct``,
    ``months``, ``years``, ``hours``, ``ratio``, ``count`` or ``number``.

    Hours are a count in the rules (their thresholds are counts): told apart here by the
    field's name (``partner_premises_hours``), for the adviser's words only.
    """
    spec = question.spec
    if spec is None or spec.kind != "number":
        return "number"
    if spec.path.endswith("_hours"):
        return "hours"
    return spec.unit if spec.unit in _UNIT_WORDS or spec.unit == "count" else "number"


def _without_unit(text: str, kind: str) -> str:
    words = _UNIT_WORDS.get(kind)
    if words is None:
        return text
    return re.sub(rf"(?i)\s*(?:{words})\.?$", "", text).strip()


def parse_number(text: str, question: Question, lang: str = "en") -> Any:
    """``3 200 heures``, ``12 000,50 €``, ``12,000.50``, ``25 %``, ``18 mois``; empty or
    ``?``: unknown (None).

    Raises:
        AnswerError: not a number of the question's kind (the message gives an example of
            that kind), or not a whole number where one is needed.
    """
    raw = text.strip()
    if raw.lower() in UNKNOWN_TYPED:
        return None
    kind = number_kind(question)
    cleaned = _SPACES.sub("", _without_unit(raw, kind))
    if lang == "en" and _EN_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")  # 3,200 hours
    elif "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # 12,000.50
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # 12000,50
    if not _NUM.match(cleaned):
        raise AnswerError(catalogue.text(lang, f"tui.not_a_number_{kind}", text=raw))
    value = float(cleaned)
    unit = question.spec.unit if question.spec else None
    whole_needed = unit in ("count", "months", "years")
    if whole_needed and not value.is_integer():
        raise AnswerError(catalogue.text(lang, "tui.whole_number_needed", text=raw))
    if whole_needed or (value.is_integer() and unit != "pct"):
        return int(value)
    return value


def parse_date(text: str, question: Question, lang: str = "en") -> dt.date | None:
    """``28/02/2025`` or ``2025-02-28``; empty or ``?``: unknown (None).

    Raises:
        AnswerError: not a date of the calendar.
    """
    raw = text.strip()
    if raw.lower() in UNKNOWN_TYPED:
        return None
    m = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", raw)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise AnswerError(catalogue.text(lang, "tui.not_a_date", text=raw)) from None


def parse_text(text: str, question: Question, lang: str = "en") -> str | None:
    """Free text, trimmed; ``?`` or nothing: unknown (None)."""
    raw = text.strip()
    return None if raw in ("", "?") else raw


def shown_for_input(kind: str, value: Any, lang: str = "en") -> str:
    """A stored value as text the parsers read back unchanged (``""`` when unknown)."""
    if value is None:
        return ""
    if kind == "date" and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and lang == "fr":
        return str(value).replace(".", ",")
    return str(value)


def show_answer(rb: RulesBase, question: Question, value: Any, lang: str) -> str:
    """An answer as the review shows it (``inconnu`` for no value; a list without entries
    in words, never « 0 entrée »: it is in none of the tally's counts)."""
    from ..display import show_value

    if question.is_list:
        if not value:  # skipped or none: the file cannot tell, and no count includes it
            return catalogue.text(lang, "tui.list_left_empty")
        return catalogue.count(lang, "tui.entries_n", len(value))
    spec = question.spec
    assert spec is not None  # a question that is not a list asks one field
    if value is None:
        return catalogue.text(lang, "core.unknown")
    if spec.kind == "text":
        return str(value)
    if spec.kind == "number" and spec.unit is None:
        return format_number(value, None, lang)
    if number_kind(question) == "hours":  # a count in the rules, hours for the adviser
        return catalogue.count(lang, "tui.hours_n", value)
    return show_value(rb, spec, value, lang)
