"""A sequence of questions with the live risk panel beside it.

The interview, a list entry's questions and the edit of one answer are all a flow: they
show one question at a time, store each answer through the session (which saves it at
once), re-ask the core which questions are relevant after every answer, and show the new
assessment.

Keys are never lost nor taken out of order, however fast they are typed. Enter, PgUp,
PgDn and Esc are read here (priority bindings, run by the app before it dispatches the next
key); each first lets the answer input finish the keys it was given (:func:`drained`), and
while the next question is being put on screen the screen is not ``accepting_keys``: the
app holds what is typed until the new input has the focus
(:meth:`tui.app.AdvisorApp.on_event`). Enter is read here, not by the inputs, so that "no
answer chosen" can never be taken for the first option.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from advisor import interview
from advisor.errors import AdvisorError
from advisor.rulesbase import Question

from ..localize import localize_bindings
from ..strings import t
from ..texts import plain
from ..widgets.drawing import answer_in_view
from ..widgets.footer import KeyFooter
from ..widgets.progress import ProgressLine
from ..widgets.question import QuestionView
from ..widgets.risk_panel import FindingList, PanelList, RiskPanel
from .answering import Answering


class FlowScreen(Answering, Screen):
    """Base of the interview, entry and edit screens (subclasses say which questions)."""

    BINDINGS = [
        Binding("enter", "confirm", show=False, priority=True),
        # Not in the footer: the question's own buttons and hint show them, and the footer
        # must keep F1-F5 and Ctrl+Q at 80 columns.
        Binding("pageup", "step(-1)", "b_prev", show=False, priority=True),
        Binding("pagedown", "step(1)", "b_next", show=False, priority=True),
        Binding("f6", "focus_risks", "b_risks", show=False, priority=True),
        # From the answer too, and never a letter (a letter belongs to the typed answer).
        Binding("f8", "toggle_to_verify", "b_to_verify", show=False, priority=True),
    ]

    entry_index: int | None = None
    """For a list entry's questions: which entry."""

    def __init__(self, start: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._start = start
        self.current: Question | None = None
        self.accepting_keys = False
        """False while a question is being put on screen: the app holds the keys typed."""
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

    def at_end(self, by_enter: bool = False) -> Any:
        """Next was asked on the last question (``by_enter``: an answer confirmed there,
        not PgDn); may return an awaitable."""

    def empty_text(self) -> str:
        """What the screen says when it has no question to ask."""
        return t(self.session.lang, "no_questions")

    # ---- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield from self.side()
            with Vertical(id="main"):
                yield ProgressLine(id="progress")
                yield Vertical(id="question-area")
            yield RiskPanel(id="risks")
        yield KeyFooter(compact=True)

    async def on_screen_resume(self) -> None:
        self.query_one(RiskPanel).scroll_top()
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
            self.accepting_keys = False
            try:
                await self._show(self._wanted)
            finally:
                self.accepting_keys = True
                self.app.call_later(self.app.accept_keys)

    async def _show(self, qid: str | None) -> None:
        s = self.session
        qs = self.questions()
        area = next(self.query("#question-area").results(Vertical), None)
        if area is None:
            return  # not composed (yet, or again): on_screen_resume shows the one wanted
        old = self.view
        typed = old.typed_text() if old is not None else None
        if not qs:
            await area.remove_children()
            self.refresh_panels()
            self.current = None
            self._wanted = None
            await area.mount(Static(plain(self.empty_text()), classes="muted"))
            return
        ids = [q.id for q in qs]
        i = ids.index(qid) if qid in ids else 0
        q = self.current = qs[i]
        if self._wanted == qid:
            self._wanted = q.id
        value, state = s.answer_of(q, self.entry_index)
        view = QuestionView(
            q,
            value=value,
            state=state,
            index=self.entry_index,
            lang=s.lang,
            heading=self.heading(q, i + 1, len(qs)),
            choices=interview.choices(s.rb, q, s.lang, s.case, self.entry_index),
            entries=self._entry_titles(q),
            provisional=interview.provisional_name(s.case, q, self.entry_index),
        )
        self.refresh_panels()
        await area.remove_children()
        await area.mount(view)
        if typed is not None and old is not None and old.question.id == q.id:
            view.restore_typed(typed)  # shown again (language, list change): keep the text
        self.focus_answer(view)
        view.query_one(".q-body", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self.fit_view)
        self.refresh_side()
        already = s.unsaved
        try:
            s.move_to(q.id, self.entry_index)
        except AdvisorError as exc:
            if already is None:  # say it once; quitting will ask before losing anything
                self.app.show_error(t(s.lang, "save_failed"), str(exc))
        self._shown = (q.id, s.lang, s.case)

    def fit_view(self) -> None:
        """Cap the question's height to what the area leaves under it for the hint and the
        buttons: a long question scrolls, and « ◀ Préc. Suiv. ▶ » stay on screen (80×24),
        right under a short one (not at the bottom of a tall terminal)."""
        view = self.view
        if view is None or not view.is_mounted:
            return
        area = self.query_one("#question-area", Vertical)
        found = view.query(".q-body").results(VerticalScroll)
        body = next(found, None)
        if body is None or not body.outer_size.height:
            return  # not composed or laid out yet: its resize comes back here
        fixed = view.outer_size.height - body.outer_size.height  # hint, buttons, margins
        room = max(area.size.height - fixed, 3)
        if body.styles.max_height is None or body.styles.max_height.value != room:
            body.styles.max_height = room
        box = next(view.query(".answer-box").results(), None)
        if box is not None:  # None while the view is replaced (a loaded full run)
            self.call_after_refresh(answer_in_view, body, box)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_view)

    def focus_answer(self, view: QuestionView, attempts: int = 3) -> None:
        """Give the answer input the focus now (keys typed next go to it)."""
        target = view.answer_widget()
        if target is not None:
            # Not scrolled into view: the question text above must stay visible.
            self.set_focus(target, scroll_visible=False)
        elif attempts:  # a nested input still being composed
            self.call_after_refresh(self.focus_answer, view, attempts - 1)

    def _entry_titles(self, q: Question) -> list[str]:
        if not q.is_list:
            return []
        scope = q.doc.field
        case = self.session.case
        return [
            interview.entry_title(case, scope, i, self.session.lang, self.session.rb)
            for i in range(len(interview.entries(case, scope)))
        ]

    def refresh_panels(self, previous=None) -> None:
        s = self.session
        self.query_one(RiskPanel).show(s.assessment, s.lang, previous, s.next_questions())
        tally = s.tally()
        self.query_one(ProgressLine).show(
            tally.answered, tally.asked, s.lang, saved=s.read_only is None
        )

    async def action_step(self, delta: int, commit: bool = True) -> None:
        if commit and not await self.commit_pending():
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
            done = self.at_end(by_enter=not commit)
            if inspect.isawaitable(done):
                await done
            return
        await self.show_question(qs[max(j, 0)].id)

    # ---- risks -------------------------------------------------------------------

    def action_focus_risks(self) -> None:
        self.query_one(RiskPanel).focus_list()

    def action_toggle_to_verify(self) -> None:
        self.query_one(RiskPanel).action_toggle_to_verify()

    def on_finding_list_chosen(self, message: FindingList.Chosen) -> None:
        message.stop()
        self.app.open_finding(message.finding)

    def on_panel_list_question_chosen(self, message: PanelList.QuestionChosen) -> None:
        message.stop()
        self.app.edit_answer((message.question.question_id, message.question.index))
