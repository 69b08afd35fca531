"""Moving around the interview: resuming where it stopped, jumping to a question, sections.

Mixed into the app. A jump goes back to the interview screen first, then, for a question
about a list entry, opens that list's editor and the entry's questions.
"""

from __future__ import annotations

from pathlib import Path

from advisor import interview
from advisor.findings import Finding
from advisor.textsafe import visible

from .screens.entry import EntryScreen
from .screens.finding_detail import FindingDetailScreen
from .screens.interview import InterviewScreen
from .screens.list_editor import ListEditorScreen
from .strings import t


def shown_path(path: Path) -> str:
    """The case path as the user would type it (relative to the current folder if inside)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Navigation:
    """Screen moves of :class:`tui.app.AdvisorApp`."""

    def open_position(self) -> None:
        """Open the interview where the case says it stopped (``meta.progress``)."""
        s = self.session
        qid, item = s.position()
        q = s.question(qid) if qid else None
        if (
            q is not None
            and not q.is_list
            and q.list_scope
            and item is not None
            and (item < len(interview.entries(s.case, q.list_scope)))
        ):
            lq = s.list_question(q.list_scope)
            self.push_screen(InterviewScreen(start=lq.id if lq else None))
            self.push_screen(ListEditorScreen(q.list_scope))
            self.push_screen(EntryScreen(q.list_scope, item, start=qid))
        else:
            self.push_screen(InterviewScreen(start=qid))
        if q is not None:
            self.notify(
                visible(t(s.lang, "resumed", question=q.doc.text.get(s.lang))),
                timeout=4,
                markup=False,
            )
        elif not s.path.exists():
            self.notify(
                visible(t(s.lang, "new_case_at", path=shown_path(s.path))), timeout=6, markup=False
            )

    # ---- moving around -----------------------------------------------------------

    def interview_screen(self) -> InterviewScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                return screen
        return None

    async def _back_to_interview(self) -> InterviewScreen | None:
        iv = self.interview_screen()
        if iv is None:
            return None
        while self.screen is not iv:
            await self.pop_screen()
        return iv

    async def goto_section(self, section: str) -> None:
        iv = await self._back_to_interview()
        if iv is not None:
            await iv.goto_section(section)

    async def _jump_to(self, target: tuple[str, int | None] | None) -> None:
        if target is not None:
            await self.jump(*target)

    async def jump(self, qid: str, index: int | None = None) -> None:
        """Show question ``qid`` (for an entry question: in entry ``index``'s editor)."""
        s = self.session
        q = s.question(qid)
        iv = await self._back_to_interview()
        if q is None or iv is None:
            return
        if q.is_list or not q.list_scope or index is None:
            await iv.show_question(qid)
            return
        lq = s.list_question(q.list_scope)
        if lq is not None:
            await iv.show_question(lq.id)
        await self.push_screen(ListEditorScreen(q.list_scope))
        await self.push_screen(EntryScreen(q.list_scope, index, start=qid))

    def open_finding(self, finding: Finding) -> None:
        self.push_screen(FindingDetailScreen(finding), self._jump_to)
