"""How facts and tests read in French and English (used in evidence and reports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .conditions import Atom
from .operators import OPERATORS
from .parameters import format_number
from .rulesbase import RulesBase
from .schema import FieldSpec

UNKNOWN_WORD = {"fr": "inconnu", "en": "unknown"}
YES = {"fr": "oui", "en": "yes"}
NO = {"fr": "non", "en": "no"}


def show_value(rb: RulesBase, spec: FieldSpec, value: Any, lang: str) -> str:
    if value is None:
        return UNKNOWN_WORD[lang]
    if spec.kind == "bool":
        return YES[lang] if value else NO[lang]
    if spec.kind == "enum":
        return rb.value_label(_glossary_key(spec), value, lang)
    if spec.kind == "multi":
        if not value:
            return "—"
        return ", ".join(rb.value_label(_glossary_key(spec), v, lang) for v in value)
    if spec.kind == "number":
        return format_number(value, spec.unit, lang)
    if spec.kind == "date":
        return long_date(value, lang) if isinstance(value, dt.date) else str(value)
    return str(value)


def long_date(day: dt.date, lang: str) -> str:
    """``1er mars 2026`` / ``1 March 2026``: a date as a reader writes it (the day and the
    month never split across lines)."""
    from . import catalogue

    month = catalogue.text(lang, f"core.month_{day.month}")
    first = lang == "fr" and day.day == 1
    return f"{'1er' if first else day.day}\u00a0{month} {day.year}"


def _glossary_key(spec: FieldSpec) -> str:
    return spec.absolute


def show_test(rb: RulesBase, atom: Atom, lang: str) -> str:
    """What a rule checks, in words: ``> 25 %``, ``= oui``, ``est l'un de {a, b}``."""
    spec = atom.spec
    if spec.kind == "bool":
        want = atom.value if atom.op == "eq" else not atom.value
        return f"= {YES[lang] if want else NO[lang]}"
    words = OPERATORS[atom.op].reads(lang)
    if isinstance(atom.value, tuple):
        shown = ", ".join(rb.value_label(spec.absolute, v, lang) for v in atom.value)
        return f"{words} {{{shown}}}"
    if spec.kind == "multi":
        return f"{words} {rb.value_label(spec.absolute, atom.value, lang)}"
    return f"{words} {show_value(rb, spec, atom.value, lang)}"


def lead_lower(text: str, keep: tuple[str, ...] = ()) -> str:
    """A sentence joined after a colon or a lead-in (« S’ils le confirment : … », "If
    they confirm it: …"): its first letter in lower case, unless it opens with one of
    ``keep`` (a partner's name) or an acronym (``MACIF``, ``R&D``); a one-letter word
    (« À », "A") is lowered too."""
    if not text or any(text.startswith(k) for k in keep if k):
        return text
    first = text.split(None, 1)[0]
    # An elided article before a name (« L’Association Tremplin ») is not an acronym.
    word = first[2:] if len(first) > 2 and first[1] in "’'" else first
    if any(c.isupper() for c in word[1:]):
        return text
    return text[:1].lower() + text[1:]


def field_path(scope: str, index: int | None, path: str) -> str:
    """``money.gifts`` + 0 + ``amount_eur`` -> ``money.gifts[0].amount_eur``."""
    if scope:
        return f"{scope}[{index}].{path}"
    return path


def since_words(since: str, lang: str) -> str:
    """``2026-03-01 14:05`` (a lock's time) -> ``1er mars 2026 à 14:05``."""
    from . import catalogue

    try:
        when = dt.datetime.strptime(since, "%Y-%m-%d %H:%M")
    except ValueError:
        return since
    return catalogue.text(
        lang, "tui.date_at_time", date=long_date(when.date(), lang), time=when.strftime("%H:%M")
    )
