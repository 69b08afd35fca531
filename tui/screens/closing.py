"""How a view over the interview (help, a risk in full, a challenge) closes: Esc, Enter or
its « Fermer » button, said beside the button.

Enter closes only when the focus is on nothing Enter acts on: the focused widget reads its
own Enter first (a risk's answer line goes to its question, a finding opens), and the
screen's binding gets the key only when the focus is on the text that scrolls.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from ..strings import t
from ..texts import plain

#: Esc and Enter: close (Enter after the focused widget has had its say).
CLOSE_KEYS = [
    Binding("escape", "close", "b_close"),
    Binding("enter", "close", "b_close", show=False),
]


def close_row(lang: str) -> ComposeResult:
    """« Échap / Entrée : fermer » and the « Fermer » button, on one line."""
    with Horizontal(classes="close-row"):
        yield Static(plain(t(lang, "close_hint"), "dim"), classes="close-hint")
        yield Button(t(lang, "b_close"), id="close", variant="primary")
