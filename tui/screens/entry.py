"""The questions about one entry of a list (a partner, a gift...), one at a time."""

from __future__ import annotations

from textual.binding import Binding

from advisor import interview
from advisor.errors import AdvisorError
from advisor.rulesbase import Question

from ..entries import entry_form
from ..strings import t
from ..texts import one_line
from .flow import FlowScreen


class EntryScreen(FlowScreen):
    """The questions about one entry of a list, identity first."""

    BINDINGS = [Binding("escape", "back", "b_back", show=False)]

    def __init__(self, scope: str, index: int, start: str | None = None) -> None:
        super().__init__(start)
        self.scope = scope
        self.entry_index = index

    def questions(self) -> list[Question]:
        s = self.session
        return entry_form(s.rb, s.case, self.scope, self.entry_index, s.day)

    def heading(self, q: Question, n: int, total: int) -> str:
        s = self.session
        title = one_line(interview.entry_title(s.case, self.scope, self.entry_index), 40)
        entry = f"{s.rb.scope_label(self.scope, s.lang)} {self.entry_index + 1}: {title}"
        return t(s.lang, "entry_question_n", entry=entry, n=n, total=total)

    def at_end(self) -> None:
        self.dismiss()

    async def action_back(self) -> None:
        view = self.view
        if view is not None:
            try:
                pending, value = view.pending()
            except AdvisorError as exc:
                view.show_error(getattr(exc, "detail", str(exc)))
                return
            if pending and not self.store(view, value):
                return
        self.dismiss()
