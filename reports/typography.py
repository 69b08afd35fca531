"""Typography shared by the memo's renderers (no reportlab here).

French puts a non-breaking space before ``; : ! ? »`` and after ``«`` (a narrow one before
``; ! ?``, Lexique des règles typographiques de l'Imprimerie nationale). The rules base
and the memo's wording are written with ordinary spaces there; this turns them into
non-breaking ones so that a line never starts with a colon. Only existing spaces are
changed: a brand written ``Yahoo!`` stays as its owner wrote it.
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


def french_spaces(text: str) -> str:
    """``text`` with French non-breaking spaces around high punctuation and guillemets."""
    if not any(ch in text for ch in ";:!?«»"):
        return text
    text = _BEFORE_NARROW.sub(NNBSP, text)
    text = _BEFORE_WIDE.sub(NBSP, text)
    return _AFTER_OPEN.sub(NBSP, text)


def typeset(text: str, lang: str) -> str:
    """The language's spacing rules applied to ``text``."""
    return french_spaces(text) if lang == "fr" else text


def shorten(text: str | None, limit: int = ENTRY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    if not text:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
