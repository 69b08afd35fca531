"""One challenge of the 12: its state and its findings, each opening in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from advisor.findings import ChallengeStatus

from ..localize import localize_bindings
from ..strings import t
from ..texts import STATUS_STYLE, join, plain
from ..widgets.findings_list import FindingList
from .closing import CLOSE_KEYS, close_row


class ChallengeScreen(ModalScreen[None]):
    """The findings of one challenge (Enter opens one; Esc comes back to the 12)."""

    BINDINGS = CLOSE_KEYS  # Enter on a finding opens it

    def __init__(self, challenge: ChallengeStatus) -> None:
        super().__init__(classes="dialog-screen")
        self.challenge = challenge

    def compose(self) -> ComposeResult:
        s = self.app.session
        lang, c = s.lang, self.challenge
        state = s.rb.base.statuses[c.status].get(lang)
        with Vertical(classes="dialog detail"):
            yield Static(plain(c.label, "bold"), classes="dialog-title")
            yield Static(
                join(
                    (f"{c.framework_label} · ", "italic"),
                    (state, STATUS_STYLE.get(c.status, "")),
                )
            )
            yield FindingList(id="challenge-findings")
            yield Static("", id="challenge-empty", classes="muted")
            yield from close_row(lang)

    def on_mount(self) -> None:
        s = self.app.session
        localize_bindings(self, s.lang)
        self.refresh_bindings()
        found = self.query_one(FindingList)
        found.show(s.assessment, s.lang, detailed=False, challenge=self.challenge.id)
        empty = self.query_one("#challenge-empty", Static)
        empty.update(plain(t(s.lang, "challenge_clear")))
        empty.display = not found.by_id
        found.display = bool(found.by_id)
        (found if found.by_id else self.query_one(Button)).focus()

    def on_finding_list_chosen(self, message: FindingList.Chosen) -> None:
        message.stop()
        self.app.open_finding(message.finding)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
