"""Moving around the interview: resuming where it stopped, jumping to a question, sections,
and the overview screens (review, findings, export, help).

Mixed into the app. Two rules keep Esc predictable: an overview opens directly above the
screen the adviser was working in (F3 then F4 then F3 does not pile up three screens to
walk back through), and editing one answer from an overview or a finding opens it above
that overview, so that Esc or Enter comes back to the same place.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import ModalScreen, Screen

from advisor import interview
from advisor.findings import Finding
from advisor.textsafe import visible

from .screens.entry import EditScreen, EntryScreen
from .screens.finding_detail import FindingDetailScreen
from .screens.flow import FlowScreen
from .screens.interview import InterviewScreen
from .screens.list_editor import ListEditorScreen
from .strings import t


def shown_path(path: Path) -> str:
    """The case path as the user would type it (relative to the current folder if inside)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def shown_folder(folder: Path) -> str:
    """A folder as the user would type it, ending in ``/``: relative below the current
    folder, else absolute (``~`` for the home folder), the current folder itself included
    (a bare ``./`` would not say where the files are)."""
    shown = shown_path(folder)
    if shown == ".":
        full, home = folder.resolve(), Path.home().resolve()
        shown = str(full)
        if full.is_relative_to(home) and full != home:
            shown = str(Path("~") / full.relative_to(home))
    return shown.rstrip("/") + "/"


def is_workplace(screen: Screen) -> bool:
    """A screen the adviser works in (questions, a list), as opposed to an overview."""
    return isinstance(screen, (FlowScreen, ListEditorScreen))


class Navigation:
    """Screen moves of :class:`tui.app.AdvisorApp`."""

    def open_position(self) -> None:
        """Open the interview where the case says it stopped (``meta.progress``)."""
        s = self.session
        qid, item = s.position()
        if qid is None and s.path.exists():
            # No position saved (a case written by hand or by another tool): the first
            # question still open, not question 1 answered long ago.
            left = s.tally().open
            qid, item = left[0] if left else (None, None)
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

    # ---- overviews ---------------------------------------------------------------

    async def keep_typed(self, screen: Screen) -> bool:
        """Store what was typed on ``screen`` and not confirmed; ``False`` when it does not
        parse (the reason is shown under the input, and the adviser stays there)."""
        return not isinstance(screen, FlowScreen) or await screen.commit_pending()

    async def open_overview(self, screen: Screen, callback=None) -> None:
        """Show ``screen`` directly above the screen the adviser was working in.

        Overviews and dialogs opened since are closed first (without their results), so
        that Esc from ``screen`` goes straight back to work. Text typed and not confirmed
        on the screens left is stored first, as Esc would: F3, F4, F5 or F7 never lose it.
        """
        stack = self.screen_stack
        base = next((sc for sc in reversed(stack) if is_workplace(sc)), None)
        if base is not None:
            while self.screen is not base and len(self.screen_stack) > 1:
                if not await self.close_top():
                    return
            if not await self.keep_typed(base):
                return
        elif isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.push_screen(screen, callback)

    async def close_top(self) -> bool:
        """Close the top screen, its typed text stored first (``False``: the text does not
        parse; the screen stays, with the reason). A new entry left unanswered goes too."""
        top = self.screen
        if not await self.keep_typed(top):
            return False
        if isinstance(top, EntryScreen):
            top.drop_if_untouched()
        self.pop_screen()
        return True

    def drop_untouched_entries(self) -> None:
        """Before leaving: new list entries nobody answered anything about are not kept."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EntryScreen):
                screen.drop_if_untouched()

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

    async def jump(self, qid: str, index: int | None = None) -> None:
        """Move the interview to question ``qid`` (for an entry question: in entry
        ``index``'s editor). Awaited from the app, never from a screen being closed."""
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

    def edit_answer(self, target: tuple[str, int | None] | None, after=None) -> None:
        """Open one answer to change it, above the current screen; Esc or Enter comes back.

        Used by the review and by a finding's answers. It only pushes a screen: it never
        waits for a screen to close, so it is safe in a screen's result callback (waiting
        there for the screen that runs the callback to close would wait forever).
        ``after`` is called once the answer's screen is closed.
        """
        if target is None:
            return
        qid, index = target
        q = self.session.question(qid)
        if q is None:
            return
        if q.is_list:
            self.push_screen(ListEditorScreen(q.doc.field), after)
        else:
            self.push_screen(EditScreen(qid, index), after)

    def open_finding(self, finding: Finding) -> None:
        """A finding's detail; an answer followed from it comes back to the detail (Esc
        or Enter on the answer), the finding as the new answers have it."""

        def back(_result: object = None) -> None:
            again = next(
                (f for f in self.session.assessment.findings if f.rule_id == finding.rule_id),
                None,
            )
            if again is not None:  # cleared by the answer: back to the list it was in
                self.open_finding(again)

        def chosen(target: tuple[str, int | None] | None) -> None:
            self.edit_answer(target, back)

        # The live assessment has no clearing options: the detail shows the full finding.
        self.push_screen(FindingDetailScreen(self.session.in_full(finding)), chosen)
