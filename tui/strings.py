"""The interview's own words, from the catalogue (``advisor/catalogue/tui.yaml``).

Questions, help texts, findings and labels come from the rules base, already in the right
language; the catalogue holds the words of the app around them, in French and English.
French text is set with a non-breaking space before ``: ; ! ?`` and inside ``« »``
(:func:`typeset`), so that a line never starts with a lone colon or question mark.
"""

from __future__ import annotations

import re

from advisor import catalogue

NBSP = "\u00a0"
_BEFORE = re.compile(r" +([:;!?»])")
_AFTER = re.compile(r"(«|\bn°|\bN°) +")


def typeset(lang: str, text: str) -> str:
    """French typography: the space before ``: ; ! ? »`` and after ``«`` or ``n°`` does not
    break."""
    if lang != "fr" or not text:
        return text
    return _AFTER.sub(r"\1" + NBSP, _BEFORE.sub(NBSP + r"\1", text))


def t(lang: str, key: str, *, gender: str | None = None, **values: object) -> str:
    """The text ``tui.<key>`` in ``lang``, with its ``{name}`` placeholders filled."""
    return typeset(lang, catalogue.text(lang, f"tui.{key}", gender=gender, **values))


def tn(lang: str, key: str, n: float, **values: object) -> str:
    """The plural form of ``tui.<key>`` that agrees with ``n``."""
    return typeset(lang, catalogue.count(lang, f"tui.{key}", n, **values))


def colon(lang: str, label: str) -> str:
    """``Gravité : `` in French (the space does not break), ``Severity: `` in English."""
    return t(lang, "colon", label=label)


def other(lang: str) -> str:
    return "en" if lang == "fr" else "fr"
