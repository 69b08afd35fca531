"""Turning texts into Textual ``Content``: user text shown literally, severity accents.

Every string that may hold user input (a partner's name, an answer, a finding whose
evidence names an entry) is shown through :func:`plain`: markup like ``[b]x[/b]`` stays
literal (``Content`` never parses markup) and control characters such as ``\\x1b`` are
replaced by visible escapes, so nothing can restyle or break the screen.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.padding import Padding
from rich.text import Text
from textual.content import Content

from advisor.textsafe import one_line, visible

#: Severity accents, chosen to read on both light and dark themes (white on a mid tone).
SEVERITY_STYLE = {
    "critical": "bold #ffffff on #8e24aa",
    "high": "bold #ffffff on #c62828",
    "medium": "bold #000000 on #f9a825",
    "low": "bold #ffffff on #1565c0",
}
STATUS_STYLE = {"flagged": "bold #c62828", "to_verify": "bold #ef6c00", "clear": "bold #2e7d32"}
TO_VERIFY_BADGE = "bold #000000 on #bdbdbd"


def plain(text: object, style: str = "", *, single_line: bool = False) -> Content:
    """User or rules-base text, shown literally."""
    raw = "" if text is None else str(text)
    safe = one_line(raw) if single_line else visible(raw)
    return Content.styled(safe, style) if style else Content(safe)


def cell(text: object, style: str = "", limit: int | None = 60) -> Text:
    """A DataTable cell: Rich ``Text`` (a ``str`` cell would be parsed as markup), on one
    line and shortened, so that a long free-text answer does not push columns away."""
    return Text(one_line("" if text is None else str(text), limit), style=style, end="")


def wrapped(text: object, style: str = "", indent: int = 0):
    """A DataTable cell that wraps at the column's width (rows of height ``None``), shown
    literally; ``indent`` columns on the left of every line."""
    body = Text(visible("" if text is None else str(text)), style=style, end="")
    return Padding(body, (0, 0, 0, indent)) if indent else body


_MEASURE = Console(file=io.StringIO(), width=400, color_system=None)


def wrapped_cell(text: object, width: int, style: str = "", indent: int = 0):
    """``(cell, lines)``: a cell wrapping at ``width`` (see :func:`wrapped`) and how many
    lines it takes, found without rendering the row (a DataTable whose rows size
    themselves renders every row: slow for the thousands of rows of a big case)."""
    body = Text(visible("" if text is None else str(text)), style=style, end="")
    inner = max(width - indent, 1)
    lines = 1 if body.cell_len <= inner else len(body.wrap(_MEASURE, inner))
    return (Padding(body, (0, 0, 0, indent)) if indent else body), max(lines, 1)


def join(*parts: str | Content | tuple[str, str]) -> Content:
    """Assemble parts; plain ``str`` parts are made visible (never parsed as markup)."""
    safe: list[str | Content | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, str):
            safe.append(visible(part))
        elif isinstance(part, tuple):
            safe.append((visible(part[0]), part[1]))
        else:
            safe.append(part)
    return Content.assemble(*safe)


def severity_badge(severity: str, status: str, lang: str) -> Content:
    """``⚑ élevée`` in the severity's colour (flagged) or grey (to verify): the severity in
    full words (« la gravité », feminine), never an abbreviation."""
    from .strings import t

    word = t(lang, f"sev_{severity}", gender="f")
    style = SEVERITY_STYLE.get(severity, "bold") if status == "flagged" else TO_VERIFY_BADGE
    marker = "⚑" if status == "flagged" else "?"
    return Content.styled(f"{marker} {word} ", style)


def status_text(status: str, label: str) -> Content:
    return Content.styled(visible(label), STATUS_STYLE.get(status, ""))


__all__ = [
    "cell",
    "plain",
    "join",
    "severity_badge",
    "status_text",
    "one_line",
    "wrapped",
    "wrapped_cell",
]
