"""The interview's own words, from the catalogue (``advisor/catalogue/tui.yaml``).

Questions, help texts, findings and labels come from the rules base, already in the right
language; the catalogue holds the words of the app around them, in French and English.
"""

from __future__ import annotations

from advisor import catalogue


def t(lang: str, key: str, **values: object) -> str:
    """The text ``tui.<key>`` in ``lang``, with its ``{name}`` placeholders filled."""
    return catalogue.text(lang, f"tui.{key}", **values)


def tn(lang: str, key: str, n: float, **values: object) -> str:
    """The plural form of ``tui.<key>`` that agrees with ``n``."""
    return catalogue.count(lang, f"tui.{key}", n, **values)


def other(lang: str) -> str:
    return "en" if lang == "fr" else "fr"
