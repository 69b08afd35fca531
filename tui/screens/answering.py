"""Storing answers: Enter on the answer, a click or a tick, text typed and not confirmed.

Mixed into :class:`tui.screens.flow.FlowScreen`: the session stores and saves; the view
says what the adviser did (:meth:`tui.widgets.question.QuestionView.confirm`); this part
decides between storing, moving on and saying that nothing was chosen.
"""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction

from advisor.errors import AdvisorError
from advisor.interview import AnswerError
from advisor.textsafe import visible

from ..keys import drained
from ..strings import t
from ..texts import one_line
from ..widgets.question import QuestionView


class Answering:
    """Answer handling of a flow screen (see the module docstring)."""

    async def action_confirm(self) -> None:
        """Enter on the answer: store what was chosen or typed and move on; with nothing
        chosen, say so and record nothing."""
        view = self.view
        if view is None or view.kind == "list" or self.focused is not view.answer_widget():
            raise SkipAction()  # Enter on a button, a finding, a section: theirs
        await drained(self.focused)  # the keys typed before Enter are in the input
        try:
            outcome, value = view.confirm()
        except AnswerError as exc:
            view.show_error(exc.detail)
            return
        if outcome == "nothing":
            view.nothing_to_store()
            return
        if outcome == "store" and not self.store(view, value):
            return
        await self.action_step(1, commit=False)

    async def on_question_view_answered(self, message: QuestionView.Answered) -> None:
        message.stop()
        if self.store(message.view, message.value) and message.advance:
            await self.action_step(1, commit=False)

    def store(self, view: QuestionView, value: Any) -> bool:
        """Store an answer; ``False`` when refused (the reason is shown under the input)."""
        s = self.session
        if not view.is_attached:  # a message from a question already replaced
            return False
        previous, already = s.assessment, s.unsaved
        try:
            s.answer(view.question, value, view.index)
        except AnswerError as exc:
            view.show_error(exc.detail)
            return False
        except AdvisorError as exc:  # stored in memory, but the file could not be written
            if already is None:
                self.app.show_error(t(s.lang, "save_failed"), str(exc))
        view.mark_stored(value, "known" if value is not None else "unknown")
        self.refresh_panels(previous)
        self.refresh_side()
        self._announce(previous)
        return True

    def _announce(self, previous) -> None:
        before = {f.rule_id for f in previous.findings if f.status == "flagged"}
        for f in self.session.assessment.findings:
            if f.status == "flagged" and f.rule_id not in before:
                self.notify(
                    visible(t(self.session.lang, "new_risk", title=one_line(f.title, 60))),
                    markup=False,
                    severity="warning",
                    timeout=4,
                )

    async def commit_pending(self) -> bool:
        """Store text typed and not confirmed; ``False`` when it does not parse (shown)."""
        view = self.view
        if view is None:
            return True
        await drained(view.typed_box())
        try:
            pending, value = view.pending()
        except AnswerError as exc:
            view.show_error(exc.detail)
            return False
        return not pending or self.store(view, value)

    def on_question_view_corrected(self, message: QuestionView.Corrected) -> None:
        """A refused answer corrected: its error goes as soon as the case would take it."""
        message.stop()
        view = message.view
        if not view.is_attached:
            return
        try:
            self.session.check(view.question, message.value, view.index)
        except AnswerError:
            return
        view.clear_error()

    async def on_question_view_navigate(self, message: QuestionView.Navigate) -> None:
        message.stop()
        await self.action_step(message.step)

    def has_pending_input(self) -> bool:
        view = self.view
        if view is None:
            return False
        try:
            return view.pending()[0]
        except AnswerError:
            return True

    async def action_back(self) -> None:
        """Esc (entry and edit screens): keep what was typed, then go back."""
        if await self.commit_pending():
            self.dismiss()
