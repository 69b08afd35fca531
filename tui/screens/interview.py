"""The interview: the sections, one question at a time, the risks beside them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from advisor import interview
from advisor.rulesbase import Question
from advisor.textsafe import visible

from ..entries import alliance_name_question
from ..strings import t, tn
from ..widgets.progress import SectionNav
from ..widgets.question import QuestionView
from .flow import FlowScreen


class InterviewScreen(FlowScreen):
    """The top-level questions (``interview.steps``), section by section."""

    # Esc means "keep what I typed" everywhere: on an entry or an edit it also goes back;
    # here there is nowhere to go back to, so it stores the text and stays.
    BINDINGS = [Binding("escape", "keep_typed", show=False, priority=True)]

    async def action_keep_typed(self) -> None:
        await self.commit_pending()

    def questions(self) -> list[Question]:
        return [alliance_name_question(self.session.rb), *self.session.steps()]

    def heading(self, q: Question, n: int, total: int) -> str:
        """The section and the question's place in the interview's one count (the
        progress line's total): a list question covers its entries' questions."""
        s = self.session
        titles = dict(interview.sections(s.rb, s.lang))
        section = titles.get(q.section, q.section)
        tally = s.tally()
        if q.is_list:
            span = tally.lists.get(q.id)
            if span is None:
                where = t(s.lang, "list_heading_empty", total=tally.asked)
            else:
                where = t(s.lang, "list_heading", first=span[0], last=span[1], total=tally.asked)
        else:
            place = tally.position((q.id, None))
            where = t(s.lang, "question_n", n=place or n, total=tally.asked)
        return f"{section} · {where}"

    def side(self) -> ComposeResult:
        yield SectionNav(id="sections")

    def section_counts(self) -> list[tuple[str, str, int, int]]:
        """(id, title, answered, asked) per section, from the interview's one count (the
        alliance's name in the first section, entries in their list's)."""
        s = self.session
        counts = s.tally().sections
        rows = []
        for sid, title in interview.sections(s.rb, s.lang):
            answered, asked = counts.get(sid, [0, 0])
            rows.append((sid, title, answered, asked))
        return rows

    def refresh_side(self) -> None:
        current = self.current.section if self.current is not None else None
        self.query_one(SectionNav).show(self.section_counts(), current)

    async def on_section_nav_chosen(self, message: SectionNav.Chosen) -> None:
        message.stop()
        await self.goto_section(message.section)

    async def goto_section(self, section: str) -> None:
        for q in self.questions():
            if q.section == section:
                await self.show_question(q.id)
                return

    async def at_end(self, by_enter: bool = False) -> None:
        """After the last question: the end only when nothing is left open. A later answer
        can bring questions in an earlier section (an ACI's seniority, a partner's group
        headcount), never reached going forward: their number is said, and PgDn goes to
        the first one."""
        s = self.session
        here = (self.current.id, None) if self.current is not None else None
        left = s.tally().open_except(here)
        if not left:
            self.notify(t(s.lang, "end_of_steps"))
            return
        qid, index = left[0]
        q = s.question(qid)
        text = visible(q.doc.text.get(s.lang)) if q is not None else qid
        if by_enter:
            said = f"{tn(s.lang, 'open_left', len(left))} {t(s.lang, 'open_go', question=text)}"
            self.notify(said, timeout=8, markup=False)
            return
        self.notify(f"{tn(s.lang, 'open_jump', len(left))} {text}", timeout=6, markup=False)
        await self.app.jump(qid, index)

    def on_question_view_list_requested(self, message: QuestionView.ListRequested) -> None:
        message.stop()
        from .list_editor import ListEditorScreen

        self.app.push_screen(ListEditorScreen(message.question.doc.field))
