"""Where the interview stands: overall progress and the sections, each with its count."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from advisor.textsafe import visible

from ..strings import tn
from ..texts import plain


class ProgressLine(Horizontal):
    """``12 answered · 28 to go`` and a bar.

    An answer can bring new questions (a partner's kind asks its own): the line says what is
    answered and what is left now, never a percentage that would fall after an answer.
    """

    #: The narrowest bar worth drawing; with less room the words take the whole line
    #: (and wrap), never cut (« 99 réponses (non enregistrées) · 10 question » at 80×24).
    MIN_BAR = 4

    _words = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-label")
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress-bar")

    def show(self, answered: int, asked: int, lang: str, saved: bool = True) -> None:
        """``saved``: ``False`` in a read-only interview (the answers are not written)."""
        key = "answered" if saved else "answered_not_saved"
        left = max(asked - answered, 0)
        text = plain(f"{tn(lang, key, answered)} · {tn(lang, 'questions_left', left)}")
        self._words = text.cell_length
        self.query_one("#progress-label", Static).update(text)
        self.query_one(ProgressBar).update(total=max(asked, 1), progress=answered)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.size.width
        if width:
            self.set_class(self._words + 2 + self.MIN_BAR > width, "-words-only")


class SectionNav(OptionList):
    """The sections of the interview; choosing one jumps to its first question."""

    class Chosen(Message):
        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def show(self, sections: list[tuple[str, str, int, int]], current: str | None) -> None:
        """``sections``: (id, title, answered, asked); ``current``: the section shown."""
        options = []
        for sid, title, answered, asked in sections:
            # A grid, so that a long title wraps under itself and the count stays right.
            row = Table.grid(expand=True, padding=(0, 0))
            row.add_column(width=2, no_wrap=True)
            row.add_column(ratio=1)
            row.add_column(justify="right", no_wrap=True)
            current_one = sid == current
            row.add_row(
                "▸" if current_one else " ",
                Text(visible(title), style="bold" if current_one else ""),
                Text(f" {answered}/{asked}" if asked else "", style="dim"),
            )
            options.append(Option(row, id=sid))
        self.set_options(options)
        ids = [s[0] for s in sections]
        if current in ids:
            self.highlighted = ids.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
