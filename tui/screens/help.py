"""Help: how the interview works, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..localize import localize_bindings
from ..strings import t
from ..texts import join, plain
from .closing import CLOSE_KEYS, close_row

#: (keys, string key of what they do)
KEYS = (
    ("F1", "k_help"),
    ("F2", "k_lang"),  # the key is on the left: not said twice
    ("F3", "c_review"),
    ("F4", "c_findings"),
    ("F5", "c_export"),
    ("F6", "k_risks"),
    ("F7", "k_priorities"),
    ("F8", "k_to_verify"),
    ("PgUp / PgDn", "k_prev_next"),
    ("↑ ↓", "k_arrows"),
    ("Enter", "k_enter"),
    ("Space", "k_space"),
    ("?", "k_question_mark"),
    ("Esc", "k_escape"),
    ("Ctrl+P", "c_palette"),
    ("Ctrl+Q", "b_quit"),
)


#: Key names written in words, which French names differently (Entrée, Espace, Échap...).
WORDED = {"Enter": "key_enter", "Space": "key_space", "Esc": "key_esc", "PgUp / PgDn": "key_pages"}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [*CLOSE_KEYS, Binding("f1", "close", "b_close", show=False)]
    DEFAULT_CLASSES = "dialog-screen"  # centred, as every dialog

    def compose(self) -> ComposeResult:
        lang = self.app.session.lang
        with Vertical(classes="dialog help"):
            yield Static(plain(t(lang, "help_title"), "bold"), classes="dialog-title")
            with VerticalScroll(classes="detail-body"):
                yield Static(plain(t(lang, "help_body")), classes="detail-item")
                yield Static(plain(t(lang, "keys"), "bold"), classes="detail-head")
                names = [t(lang, WORDED[keys]) if keys in WORDED else keys for keys, _ in KEYS]
                # Two spaces at least between the longest key name (« PgPréc / PgSuiv ») and
                # what it does, in every language.
                width = max(len(name) for name in names) + 2
                for name, (_, what) in zip(names, KEYS, strict=True):
                    yield Static(
                        join((name.ljust(width), "bold"), t(lang, what)),
                        classes="key-line",
                    )
            yield from close_row(lang)

    def on_mount(self) -> None:
        localize_bindings(self, self.app.session.lang)
        self.refresh_bindings()
        self.query_one(".detail-body").focus()  # arrows scroll, Enter closes; Tab: the button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
