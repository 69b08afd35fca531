"""Ask what matters most next: the open questions, in the order of the risk they settle.

Beside the section order (the interview screen), this screen asks, one at a time, the
question whose answer settles the most open risk weight, as the core ranks them
(:func:`advisor.interview.next_question`); after each answer it says how many possible
risks that answer settled, and it says so when nothing open remains: the adviser may stop.
Questions that can no longer change the assessment are never asked here. PgDn passes a
question (asked again only when nothing else is open, never right after: Enter on an answer
kept, « inconnu » again, moves on too), PgUp goes back, Esc returns to the
sections.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from advisor import interview
from advisor.interview import NextQuestion
from advisor.rulesbase import Question

from ..strings import t, tn
from ..widgets.question import QuestionView
from .entry import entry_heading
from .flow import FlowScreen


class PriorityScreen(FlowScreen):
    """One open question at a time, the one that settles the most first."""

    # Esc is said in the heading: the footer keeps F1-F7 at 80 columns.
    BINDINGS = [Binding("escape", "back", "b_back", show=False, priority=True)]

    def __init__(self) -> None:
        super().__init__(None)
        self.target: NextQuestion | None = None
        self.passed: list[tuple[str, int | None]] = []
        """Questions passed (PgDn) or answered "unknown": not asked again for now."""
        self.history: list[NextQuestion] = []
        self.last_settled: int | None = None
        """How many possible risks the last answer settled (``None``: no answer given)."""
        self._stored = False
        """An answer was stored since the last move (Enter on one kept stores nothing)."""
        self.only_passed = False
        """Nothing left but the question just passed or answered « inconnu »."""

    # ---- which question ----------------------------------------------------------

    def pick(self, left: tuple[str, int | None] | None = None) -> None:
        """The open question that matters most now (none: nothing open remains), never
        ``left``, the one just answered or passed: Enter always moves on."""
        s = self.session
        nq = interview.next_question(s.rb, s.assessment, self.passed)
        self.only_passed = False
        if nq is None and self.passed:  # only passed ones remain: ask them again
            self.passed.clear()
            nq = interview.next_question(s.rb, s.assessment, [left] if left else [])
            self.only_passed = (
                nq is None and interview.next_question(s.rb, s.assessment) is not None
            )
            if left is not None:
                self.passed.append(left)
        self.target = nq
        self.entry_index = nq.index if nq is not None else None

    def questions(self) -> list[Question]:
        if self.target is None:
            return []
        q = self.session.question(self.target.question_id)
        return [q] if q is not None else []

    def heading(self, q: Question, n: int, total: int) -> str:
        s, nq = self.session, self.target
        lang = s.lang
        parts = []
        if nq is not None and nq.index is not None and q.list_scope:
            parts.append(entry_heading(s, q.list_scope, nq.index))
        if nq is not None:
            worst = t(lang, f"sev_{nq.open.worst_severity}", gender="f")
            parts.append(
                t(lang, "priority_heading", decides=tn(lang, "decides_n", nq.risks), worst=worst)
            )
        if self.last_settled == 0:  # an answer that settled nothing says so (never stale)
            parts.append(t(lang, "settled_none"))
        elif self.last_settled is not None:
            parts.append(tn(lang, "settled_n", self.last_settled))
        parts.append(t(lang, "esc_to_sections"))
        return " · ".join(parts)

    def empty_text(self) -> str:
        lang = self.session.lang
        settled = tn(lang, "settled_n", self.last_settled) + "\n\n" if self.last_settled else ""
        return settled + t(lang, "only_unknown_left" if self.only_passed else "nothing_open")

    # ---- moving ------------------------------------------------------------------

    async def on_screen_resume(self) -> None:
        if self.target is None or self.target not in self.session.next_questions():
            self.pick()  # first shown, or the answers changed meanwhile (an edit, a list)
            self._wanted = self.target.question_id if self.target else None
        await super().on_screen_resume()

    def store(self, view: QuestionView, value: Any) -> bool:
        s = self.session
        before = s.assessment
        if not super().store(view, value):
            return False
        self.last_settled = interview.settled(before, s.assessment)
        self._stored = True
        if value is None and self.target is not None:  # said unknown: still open, move on
            self.passed.append((self.target.question_id, self.target.index))
        return True

    async def action_step(self, delta: int, commit: bool = True) -> None:
        if commit and not await self.commit_pending():
            return
        if delta < 0:
            if not self.history:
                return
            self.target = self.history.pop()
            key = (self.target.question_id, self.target.index)
            self.passed = [p for p in self.passed if p != key]
        else:
            left = None
            if self.target is not None:
                self.history.append(self.target)
                left = (self.target.question_id, self.target.index)
                # PgDn, or Enter on an answer kept (« inconnu » again): passed for now.
                if left not in self.passed:
                    self.passed.append(left)
                if not self._stored:  # passed (PgDn): no answer; Enter on one kept: 0
                    self.last_settled = None if commit else 0
            self.pick(left)
        self._stored = False
        self.entry_index = self.target.index if self.target else None
        await self.show_question(self.target.question_id if self.target else None)
