"""Where the interview stands: overall progress and the sections, each with its count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from ..strings import tn
from ..texts import join, plain


class ProgressLine(Horizontal):
    """``12 of 40 answered`` and a bar."""

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-label")
        yield ProgressBar(total=1, show_eta=False, show_percentage=True, id="progress-bar")

    def show(self, answered: int, asked: int, lang: str) -> None:
        self.query_one("#progress-label", Static).update(
            plain(tn(lang, "answered", answered, asked=asked))
        )
        self.query_one(ProgressBar).update(total=max(asked, 1), progress=answered)


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
            mark = "▸ " if sid == current else "  "
            count = f" {answered}/{asked}" if asked else ""
            style = "bold" if sid == current else ""
            options.append(Option(join(mark, (title, style), (count, "dim")), id=sid))
        self.set_options(options)
        ids = [s[0] for s in sections]
        if current in ids:
            self.highlighted = ids.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
