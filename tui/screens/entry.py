"""The questions about one entry of a list (a partner, a gift...), one at a time; and the
edit of a single answer, opened from the review or from a finding."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.binding import Binding

from advisor import interview
from advisor.rulesbase import Question

from ..entries import entry_form
from ..strings import t
from ..texts import one_line
from .flow import FlowScreen


def entry_heading(session, scope: str, index: int) -> str:
    """``Dons 2 : Acme → Asso``."""
    s = session
    title = one_line(interview.entry_title(s.case, scope, index, s.lang, s.rb), 40)
    return t(s.lang, "entry_name", label=s.rb.scope_label(scope, s.lang), n=index + 1, title=title)


class EntryScreen(FlowScreen):
    """The questions about one entry of a list, identity first."""

    BINDINGS = [Binding("escape", "back", "b_back", show=False, priority=True)]

    def __init__(
        self,
        scope: str,
        index: int,
        start: str | None = None,
        fresh: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(start)
        self.scope = scope
        self.entry_index = index
        # The answers right after this entry was added (None: it existed before).
        self.fresh = fresh

    def drop_if_untouched(self) -> None:
        """A new entry left without a single answer is taken out again."""
        if self.fresh is not None and self.session.drop_untouched_entry(
            self.scope, self.entry_index, self.fresh
        ):
            self.fresh = None

    def dismiss(self, result: Any = None) -> AwaitComplete:
        self.drop_if_untouched()
        return super().dismiss(result)

    def questions(self) -> list[Question]:
        s = self.session
        return entry_form(s.rb, s.case, self.scope, self.entry_index, s.day)

    def heading(self, q: Question, n: int, total: int) -> str:
        s = self.session
        entry = entry_heading(s, self.scope, self.entry_index)
        return t(s.lang, "entry_question_n", entry=entry, n=n, total=total)

    def at_end(self, by_enter: bool = False) -> None:
        self.dismiss()


class EditScreen(FlowScreen):
    """One answer to change, then back where the adviser came from (review, finding)."""

    BINDINGS = [Binding("escape", "back", "b_back", show=False, priority=True)]  # in the heading

    def __init__(self, qid: str, index: int | None = None) -> None:
        super().__init__(qid)
        self.qid = qid
        self.entry_index = index

    def questions(self) -> list[Question]:
        q = self.session.question(self.qid)
        return [q] if q is not None else []

    def heading(self, q: Question, n: int, total: int) -> str:
        s = self.session
        if q.list_scope and not q.is_list and self.entry_index is not None:
            where = entry_heading(s, q.list_scope, self.entry_index)
        else:
            where = dict(interview.sections(s.rb, s.lang)).get(q.section, "")
        return t(s.lang, "edit_heading", where=where)

    def at_end(self, by_enter: bool = False) -> None:
        self.dismiss()
