"""Dialogs: an error with a title and a sentence (never a traceback), and a yes/no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..texts import plain

#: ← and → move between a dialog's buttons (Textual reads BINDINGS of DOM classes only,
#: so each dialog lists these itself).
ARROWS = [Binding("left", "button(-1)", show=False), Binding("right", "button(1)", show=False)]


class _ButtonRow:
    """← and → move between the dialog's buttons (Tab does too), stopping at both ends.

    Keys typed before a button has the focus are held by the app and given to the dialog
    once it has (an Enter typed as the dialog appears closes it instead of vanishing)."""

    accepting_keys = False

    def ready_for_keys(self, button: Button) -> None:
        button.focus()
        self.call_after_refresh(self._accept, 20)  # type: ignore[attr-defined]

    def _accept(self, attempts: int) -> None:
        if self.focused is None and attempts:  # type: ignore[attr-defined]
            self.call_after_refresh(self._accept, attempts - 1)  # type: ignore[attr-defined]
            return
        self.accepting_keys = True
        accept = getattr(self.app, "accept_keys", None)  # type: ignore[attr-defined]
        if accept is not None:
            self.app.call_later(accept)  # type: ignore[attr-defined]

    def action_button(self, delta: int) -> None:
        buttons = list(self.query(Button))  # type: ignore[attr-defined]
        if not buttons:
            return
        focused = self.focused  # type: ignore[attr-defined]
        i = buttons.index(focused) if focused in buttons else (0 if delta > 0 else len(buttons))
        buttons[max(0, min(len(buttons) - 1, i + delta))].focus()


class ErrorDialog(_ButtonRow, ModalScreen[bool]):
    """An error the user must read. Dismissed with ``True`` when “quit” was chosen."""

    BINDINGS = [Binding("escape", "close", show=False), *ARROWS]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        ok: str = "OK",
        quit_label: str | None = None,
        quit_only: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.ok = ok
        self.quit_label = quit_label
        self.quit_only = quit_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Static(plain(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(plain(self.message), id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                if not self.quit_only:
                    yield Button(self.ok, id="ok", variant="primary")
                if self.quit_label:
                    yield Button(self.quit_label, id="quit", variant="error")

    def on_mount(self) -> None:
        self.ready_for_keys(self.query_one(Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit")

    def action_close(self) -> None:
        self.dismiss(self.quit_only)


class ConfirmDialog(_ButtonRow, ModalScreen[bool]):
    """A yes/no question; Escape answers no."""

    BINDINGS = [Binding("escape", "no", show=False), *ARROWS]

    def __init__(self, title: str, message: str, yes: str, no: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.message, self.yes, self.no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text, "bold"), classes="dialog-title")
            yield Static(plain(self.message), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.ready_for_keys(self.query_one("#no", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)
