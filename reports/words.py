"""The memo's words, read from the catalogue (``advisor/catalogue/memo.yaml``).

The renderers index a :class:`MemoWords` like a dict (``w["summary"]``) for fixed texts,
and call it for texts with placeholders, plural forms (:meth:`MemoWords.count`) or gender
forms (``w.text("severity.high", gender="f")``): no "(s)" anywhere.
"""

from __future__ import annotations

import datetime as dt

from advisor import catalogue

_PREFIX = "memo."

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: dt.date, lang: str) -> str:
    """``1er juin 2026`` / ``1 June 2026`` (the day and month never split across lines)."""
    month = _MONTHS["fr" if lang == "fr" else "en"][day.month - 1]
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day}\u00a0{month} {day.year}"
    return f"{day.day}\u00a0{month} {day.year}"


class MemoWords:
    """The memo's words in one language: ``w["key"]``, ``w.text(key, **values)``,
    ``w.count(key, n)``."""

    def __init__(self, lang: str):
        self.lang = lang
        self._words = catalogue.Words(lang)

    def __getitem__(self, key: str) -> str:
        return self._words(_PREFIX + key)

    def get(self, key: str, default: str = "") -> str:
        return self[key] if catalogue.has(_PREFIX + key) else default

    def text(self, key: str, /, *, gender: str | None = None, **values: object) -> str:
        return self._words(_PREFIX + key, gender=gender, **values)

    def count(self, key: str, n: float, /, **values: object) -> str:
        return self._words.count(_PREFIX + key, n, **values)

    def severity(self, severity: str, *, gender: str = "f") -> str:
        """A severity as an adjective (« élevée » after « gravité »)."""
        return self.text(f"severity.{severity}", gender=gender)


def words(lang: str) -> MemoWords:
    """The memo's words in ``lang`` (``fr`` or ``en``)."""
    return MemoWords("fr" if lang == "fr" else "en")
