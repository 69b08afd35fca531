"""A sequence of questions with the live risk panel beside it.

The interview and the list-entry editor are both a flow: they show one question at a
time, store each answer through the session (which saves it at once), re-ask the core
which questions are relevant after every answer, and show the new assessment.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from advisor import interview
from advisor.errors import AdvisorError
from advisor.interview import AnswerError
from advisor.rulesbase import Question
from advisor.textsafe import visible

from ..localize import localize_bindings
from ..strings import t
from ..texts import plain
from ..widgets.progress import ProgressLine
from ..widgets.question import QuestionView
from ..widgets.risk_panel import FindingList, RiskPanel


class FlowScreen(Screen):
    """Base of the interview and entry screens (subclasses say which questions)."""

    BINDINGS = [
        Binding("pageup", "step(-1)", "b_prev", priority=True),
        Binding("pagedown", "step(1)", "b_next", priority=True),
        Binding("f6", "focus_risks", "b_risks", show=False),
    ]

    entry_index: int | None = None
    """For a list entry's questions: which entry."""

    def __init__(self, start: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._start = start
        self.current: Question | None = None
        self._lang_shown: str | None = None
        self._showing = asyncio.Lock()
        self._wanted: str | None = None
        self._shown: tuple[str, str, object] | None = None
        """(question, language, case) last shown: unchanged means nothing to redraw."""

    # ---- what subclasses say -----------------------------------------------------

    @property
    def session(self):
        return self.app.session

    def questions(self) -> list[Question]:
        raise NotImplementedError

    def heading(self, q: Question, n: int, total: int) -> str:
        return t(self.session.lang, "question_n", n=n, total=total)

    def side(self) -> ComposeResult:
        yield from ()

    def refresh_side(self) -> None:
        """Subclasses update their side panel (sections) here."""

    def at_end(self) -> None:
        """Next was asked on the last question."""

    # ---- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield from self.side()
            with Vertical(id="main"):
                yield ProgressLine(id="progress")
                yield VerticalScroll(id="question-area")
            yield RiskPanel(id="risks")
        yield Footer(compact=True)

    async def on_screen_resume(self) -> None:
        lang = self.session.lang
        if self._lang_shown != lang:
            localize_bindings(self, lang)
            self.refresh_bindings()
            self._lang_shown = lang
        if self.view is not None and self._shown == (self._wanted, lang, self.session.case):
            self.refresh_panels()  # back from a dialog: nothing changed, keep what is typed
            return
        # Show again what was asked last (a jump may have asked for another question
        # before this screen came back on top).
        await self.show_question(self._wanted if self._wanted is not None else self._start)

    @property
    def view(self) -> QuestionView | None:
        views = self.query(QuestionView)
        return views.first() if views else None

    # ---- showing a question ------------------------------------------------------

    async def show_question(self, qid: str | None) -> None:
        """Show question ``qid`` (the first one when it is not asked now).

        Requests may overlap (a dialog closing and a jump): the last one wins.
        """
        self._wanted = qid
        async with self._showing:
            await self._show(self._wanted)

    async def _show(self, qid: str | None) -> None:
        s = self.session
        qs = self.questions()
        area = self.query_one("#question-area", VerticalScroll)
        old = self.view
        typed = old.typed_text() if old is not None else None
        await area.remove_children()
        self.refresh_panels()
        if not qs:
            self.current = None
            self._wanted = None
            await area.mount(Static(plain(t(s.lang, "no_questions")), classes="muted"))
            return
        ids = [q.id for q in qs]
        i = ids.index(qid) if qid in ids else 0
        q = self.current = qs[i]
        if self._wanted == qid:
            self._wanted = q.id
        view = QuestionView(
            q,
            value=interview.get_answer(s.case, q, self.entry_index),
            index=self.entry_index,
            lang=s.lang,
            heading=self.heading(q, i + 1, len(qs)),
            choices=interview.choices(s.rb, q, s.lang, s.case),
            entries=self._entry_titles(q),
        )
        await area.mount(view)
        if typed is not None and old is not None and old.question.id == q.id:
            view.restore_typed(typed)  # shown again (language, list change): keep the text
        view.focus_answer()
        area.scroll_home(animate=False)
        self.refresh_side()
        already = s.unsaved
        try:
            s.move_to(q.id, self.entry_index)
        except AdvisorError as exc:
            if already is None:  # say it once; quitting will ask before losing anything
                self.app.show_error(t(s.lang, "save_failed"), str(exc))
        self._shown = (q.id, s.lang, s.case)

    def _entry_titles(self, q: Question) -> list[str]:
        if not q.is_list:
            return []
        scope = q.doc.field
        case = self.session.case
        return [
            interview.entry_title(case, scope, i)
            for i in range(len(interview.entries(case, scope)))
        ]

    def refresh_panels(self, previous=None) -> None:
        s = self.session
        self.query_one(RiskPanel).show(s.assessment, s.lang, previous)
        answered, asked = s.progress()
        self.query_one(ProgressLine).show(answered, asked, s.lang)

    # ---- answers -----------------------------------------------------------------

    async def on_question_view_answered(self, message: QuestionView.Answered) -> None:
        message.stop()
        if self.store(message.view, message.value) and message.advance:
            await self.action_step(1, commit=False)

    def store(self, view: QuestionView, value: Any) -> bool:
        """Store an answer; ``False`` when refused (the reason is shown by the input)."""
        s = self.session
        if not view.is_attached:  # a message from a question already replaced
            return False
        previous, already = s.assessment, s.unsaved
        try:
            s.answer(view.question, value, view.index)
        except AnswerError as exc:
            view.show_error(str(exc))
            return False
        except AdvisorError as exc:  # stored in memory, but the file could not be written
            if already is None:
                self.app.show_error(t(s.lang, "save_failed"), str(exc))
        view.mark_stored(value)
        self.refresh_panels(previous)
        self.refresh_side()
        self._announce(previous)
        return True

    def _announce(self, previous) -> None:
        before = {f.rule_id for f in previous.findings if f.status == "flagged"}
        for f in self.session.assessment.findings:
            if f.status == "flagged" and f.rule_id not in before:
                self.notify(
                    visible(t(self.session.lang, "new_risk", title=f.title)),
                    markup=False,
                    severity="warning",
                    timeout=4,
                )

    async def action_step(self, delta: int, commit: bool = True) -> None:
        view = self.view
        if commit and view is not None:
            try:
                pending, value = view.pending()
            except AnswerError as exc:
                view.show_error(exc.detail)
                return
            if pending and not self.store(view, value):
                return
        qs = self.questions()
        if not qs:
            return
        cur = self.current
        ids = [q.id for q in qs]
        if cur is not None and cur.id in ids:
            j = ids.index(cur.id) + delta
        elif cur is not None:  # no longer asked: the next one in the base's order
            later = [i for i, q in enumerate(qs) if q.order > cur.order]
            j = later[0] if later and delta > 0 else (later[0] - 1 if later else len(qs) - 1)
        else:
            j = 0
        if j >= len(qs):
            self.at_end()
            return
        await self.show_question(qs[max(j, 0)].id)

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

    # ---- risks -------------------------------------------------------------------

    def action_focus_risks(self) -> None:
        self.query_one(FindingList).focus()

    def on_finding_list_chosen(self, message: FindingList.Chosen) -> None:
        message.stop()
        self.app.open_finding(message.finding)
