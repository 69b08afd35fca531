"""The interview: the sections, one question at a time, the risks beside them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from advisor import interview
from advisor.rulesbase import Question

from ..entries import alliance_name_question, name_given
from ..strings import t
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
        titles = dict(interview.sections(self.session.rb, self.session.lang))
        section = titles.get(q.section, q.section)
        return f"{section} · {t(self.session.lang, 'question_n', n=n, total=total)}"

    def side(self) -> ComposeResult:
        yield SectionNav(id="sections")

    def section_counts(self) -> list[tuple[str, str, int, int]]:
        """(id, title, answered, asked) per section, from the core's tally; the first
        section also counts the alliance's name, asked there first."""
        s = self.session
        counts = s.tally().sections
        name = alliance_name_question(s.rb)
        rows = []
        for sid, title in interview.sections(s.rb, s.lang):
            answered, asked = counts.get(sid, [0, 0])
            if sid == name.section:
                answered, asked = answered + name_given(s.case), asked + 1
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

    def at_end(self) -> None:
        self.notify(t(self.session.lang, "end_of_steps"))

    def on_question_view_list_requested(self, message: QuestionView.ListRequested) -> None:
        message.stop()
        from .list_editor import ListEditorScreen

        self.app.push_screen(ListEditorScreen(message.question.doc.field))
