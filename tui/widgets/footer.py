"""The footer, with its keys in one order on every screen.

Textual lists a screen's keys in the order its bindings are met, from the focused widget
up to the app: Ctrl+Q came first (Textual's own binding), and F7 first on an entry whose
text area binds F7. The adviser reads the same row everywhere: F1 to F8, then Ctrl keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

ORDER = ("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "ctrl+q", "ctrl+p")


def _rank(widget) -> int:
    key = getattr(widget, "key", "")
    return ORDER.index(key) if key in ORDER else len(ORDER)


class KeyFooter(Footer):
    """:class:`Footer` with the keys in :data:`ORDER` (the others after, as met)."""

    def compose(self) -> ComposeResult:
        yield from sorted(super().compose(), key=_rank)
