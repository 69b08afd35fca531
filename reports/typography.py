"""Typography shared by the memo's renderers (no reportlab here).

French puts a non-breaking space before ``; : ! ? »`` and after ``«`` (a narrow one before
``; ! ?``, Lexique des règles typographiques de l'Imprimerie nationale). The rules base
and the memo's wording are written with ordinary spaces there; this turns them into
non-breaking ones so that a line never starts with a colon, and adds the space a French
reader expects before a colon or semicolon written without one (``MACIF: 40 000 €`` ->
``MACIF : 40 000 €``). A brand written ``Yahoo!`` stays as its owner wrote it. English
sets no space before ``: ;`` nor before ``%``. In both languages the apostrophe is the
typographic one and an article number stays with its abbreviation (``art. 238 bis``).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

#: Longest a repeated label (a list entry such as ``Acme → Asso``) is printed; the full
#: text appears once, where the entry itself is described (cover, annex).
ENTRY_LIMIT = 120
NNBSP = "\u202f"

_BEFORE_NARROW = re.compile(r"[ \t\u00a0]+(?=[;!?])")
_BEFORE_WIDE = re.compile(r"[ \t\u00a0\u202f]+(?=[:»])")
_AFTER_OPEN = re.compile(r"(?<=«)[ \t\u202f]+")
# A colon or semicolon glued to a word and followed by a space (not ``https://``, ``10:30``).
_GLUED_COLON = re.compile(r"(?<=[\w)\]»€%])(?=:(?:\s|$))")
_GLUED_SEMI = re.compile(r"(?<=[\w)\]»€%]);(?=\s|$)")
_ENTITY_END = re.compile(r"&#?\w+$")
_EN_BEFORE = re.compile(r"(?<=\w)[ \u00a0\u202f]+(?=[:;](?:\s|$))")
_EN_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]+(?=%)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# A plural possessive (« employees' time », « partners') »): the apostrophe ends the word.
_POSSESSIVE = re.compile(r"(?<=\w[sSzx])'(?=[\s.,;:!?)\]»]|$)")
_ABBREVIATION = re.compile(r"\b(art\.|n°|al\.|Art\.|arts\.) (?=[\dLRDA])")
# A code article's part and number (« L. 113-3 », « LO 1113-1 ») never split over two lines.
_ARTICLE_PART = re.compile(r"\b([LRD]\.|LO) (?=\d)")
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=[€%‰])")


def _semicolon(m: re.Match[str]) -> str:
    """A glued semicolon gets its space, unless it ends an entity a user typed (``&amp;``)."""
    return ";" if _ENTITY_END.search(m.string, 0, m.start()) else NNBSP + ";"


def french_spaces(text: str) -> str:
    """``text`` with French non-breaking spaces around high punctuation and guillemets."""
    if not any(ch in text for ch in ";:!?«»"):
        return text
    text = _GLUED_COLON.sub(NBSP, text)
    text = _GLUED_SEMI.sub(_semicolon, text)
    text = _BEFORE_NARROW.sub(NNBSP, text)
    text = _BEFORE_WIDE.sub(NBSP, text)
    return _AFTER_OPEN.sub(NBSP, text)


def english_spaces(text: str) -> str:
    """``text`` without the French spaces before ``: ;`` and ``%``."""
    if ":" in text or ";" in text:
        text = _EN_BEFORE.sub("", text)
    if "%" in text:
        text = _EN_PERCENT.sub("", text)
    return text


def typeset(text: str, lang: str) -> str:
    """The language's spacing rules applied to ``text``, with typographic apostrophes and
    article numbers kept with their abbreviation."""
    if "'" in text:
        text = _POSSESSIVE.sub("\u2019", _APOSTROPHE.sub("\u2019", text))
    if " " in text:
        text = _ABBREVIATION.sub(r"\1" + NBSP, text)
        text = _ARTICLE_PART.sub(r"\1" + NBSP, text)
        text = _NUMBER_UNIT.sub(NBSP, text)
    return french_spaces(text) if lang == "fr" else english_spaces(text)


def shorten(text: str | None, limit: int = ENTRY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    if not text:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def unbracket(text: str) -> str:
    """``text`` without a trailing parenthesis, for a label printed inside one
    (``entreprise (société commerciale)`` -> ``entreprise``): no nested brackets."""
    if text.endswith(")") and " (" in text:
        return text[: text.index(" (")].rstrip()
    return text
