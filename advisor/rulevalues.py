"""What a rules base's values must be, checked as pydantic reads them (issue 11).

A number or a date that would reach the engine as something else than the file shows,
and a text a terminal would interpret, are refused with the file's line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

#: The largest parameter value a rules base may give (a trillion: euros, counts, months).
LARGEST_PARAMETER = 1e12


def calendar_day(value: Any) -> Any:
    """A date as case files write it, ``2024-01-01`` in ASCII digits: never a time of day
    (``2024-01-01T00:00:00``, which pydantic would silently cut to the day)."""
    if isinstance(value, dt.datetime):
        value = value.isoformat()
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError(f"{value} is not a day; write YYYY-MM-DD (e.g. 2024-01-01)")
    return value


def parameter_number(value: Any) -> Any:
    """A parameter value: a finite number written as a number, within a trillion.

    A string (``"25"``), a boolean, ``.nan``, ``.inf`` and ``1e300`` are refused: they
    would reach the engine as something else than what the file shows.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"{value!r} is not a number; write digits without quotes (e.g. 25 or 0.75)"
        )
    if not math.isfinite(value) or abs(value) > LARGEST_PARAMETER:
        raise ValueError(
            f"{value!r} is not allowed; give a finite number between "
            f"-{LARGEST_PARAMETER:,.0f} and {LARGEST_PARAMETER:,.0f}"
        )
    return value


#: Characters a rule text may hold that ``str.isprintable`` refuses: the allowed line
#: break and joiner, and the spaces and separators (no control or format character), so
#: that most texts are checked in one C call (a rules base holds thousands of texts).
_ALLOWED_UNPRINTABLE = {
    ord(ch): None
    for ch in "\n\u200d\xa0\u1680\u202f\u205f\u3000\u2028\u2029"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    if ch in "\n\u200d" or unicodedata.category(ch) not in ("Cc", "Cf")
}


def _printable(text: str) -> bool:
    """No character of ``text`` but printable ones and those of :data:`_ALLOWED_UNPRINTABLE`
    (the usual line break and no-break spaces removed first: ``str.replace`` is faster than
    ``str.translate``)."""
    if text.isprintable():
        return True
    text = text.replace("\n", "").replace("\xa0", "").replace("\u202f", "")
    return text.isprintable() or text.translate(_ALLOWED_UNPRINTABLE).isprintable()


def printable_text(value: Any) -> Any:
    """A rule text shown to clients: no control or format character (ESC, C1, bidi
    overrides...), which a terminal would interpret; a line break is allowed."""
    if isinstance(value, str):
        if _printable(value):
            return value  # no control or format character at all (checked in C)
        for i, ch in enumerate(value):
            if ch != "\n" and ch != "\u200d" and unicodedata.category(ch) in ("Cc", "Cf"):
                raise ValueError(
                    f"control character U+{ord(ch):04X} at character {i + 1}; rule texts "
                    "hold printable characters and line breaks only"
                )
    return value
