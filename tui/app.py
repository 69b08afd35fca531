"""The Alliance Advisor interview app: screens, app-wide keys, and where answers go.

Run with ``advisor interview [CASE.yaml]``. The app is small on purpose: each stage is a
screen (``tui/screens``), each widget a module (``tui/widgets``), the styles are in
``app.tcss``; the session (``tui/session.py``) is the only place that changes the case,
through :mod:`advisor.interview`, and it saves every answer at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from advisor import interview
from advisor.textsafe import visible

from .entries import broken_case_message
from .header import fit_sub_title
from .keys import KeysInOrder
from .localize import localize_bindings
from .navigation import Navigation, shown_folder, shown_path
from .palette import InOrderCommands, Palette, system_commands
from .screens.dialogs import ConfirmDialog, ErrorDialog
from .screens.export import ExportResult, ExportScreen
from .screens.findings import FindingsScreen
from .screens.help import HelpScreen
from .screens.interview import InterviewScreen
from .screens.priority import PriorityScreen
from .screens.review import ReviewScreen
from .session import Options, Session
from .strings import other, t
from .wrapping import install as keep_non_breaking_spaces

keep_non_breaking_spaces()


class AdvisorApp(KeysInOrder, Navigation, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Alliance Advisor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-huge")]
    COMMANDS = {InOrderCommands}
    BINDINGS = [
        # Function keys are the app's wherever the focus is (a text area binds F6 and F7).
        Binding("f1", "help", "b_help", priority=True),
        Binding("f2", "toggle_lang", "b_lang", priority=True),
        Binding("f3", "review", "b_review", priority=True),
        Binding("f4", "findings", "b_findings", priority=True),
        Binding("f5", "export", "b_export", priority=True),
        Binding("f7", "priorities", "b_priorities", priority=True),
        Binding("ctrl+q", "quit", "b_quit"),
        Binding("ctrl+p", "command_palette", "b_palette", show=False, priority=True),
    ]

    def __init__(self, options: Options, default_lang: str = "en") -> None:
        super().__init__()
        self.session = Session(options, default_lang)
        self.lang_reason = "option"

    # ---- start -------------------------------------------------------------------

    def on_mount(self) -> None:
        s = self.session
        o = s.options
        # Why the interview speaks its language: said in the header (README's rule:
        # --lang, else the case's meta.lang, else the system's locale).
        self.lang_reason = "option" if o.lang else ("case" if s.case.meta.lang else "system")
        self._localize()
        if s.broken is not None:
            self.push_screen(
                ErrorDialog(
                    t(s.lang, "broken_title"),
                    t(s.lang, "broken_body", error=broken_case_message(s.broken, s.path, s.lang)),
                    quit_label=t(s.lang, "quit"),
                    quit_only=True,
                ),
                lambda _: self.exit(return_code=2),
            )
            return
        self.open_position()
        if s.read_only is not None:  # said once, at the opening, in the interview's words
            self.push_screen(
                ErrorDialog(t(s.lang, "read_only_title"), s.read_only_text(), ok=t(s.lang, "ok"))
            )

    def _localize(self) -> None:
        s = self.session
        localize_bindings(self, s.lang)
        self.refresh_bindings()
        self._fit_header()

    def _fit_header(self, width: int | None = None) -> None:
        """The header's sub-title: where the case is and why this language, shortened to
        the width so that the line is never cut (``tui/header.py``)."""
        s = self.session
        width = self.size.width if width is None else width
        why = (t(s.lang, f"lang_{self.lang_reason}"), t(s.lang, "lang_self"))
        tags = [t(s.lang, "read_only_tag")] if s.read_only is not None else []
        where = (shown_path(s.path), s.path.name)
        text = fit_sub_title(self.title, width, where, why, tags)
        self.sub_title = visible(text)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_header(event.size.width)  # the app's size is not the new one yet

    # ---- app-wide actions --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session.broken is not None and action in (
            "toggle_lang",
            "review",
            "findings",
            "export",
            "priorities",
        ):
            return False
        return True

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_toggle_lang(self) -> None:
        self.session.set_lang(other(self.session.lang))
        self.lang_reason = "switched"
        self._localize()
        screen = self.screen
        refresh = getattr(screen, "on_screen_resume", None)
        if isinstance(screen, (ReviewScreen, FindingsScreen)):
            await screen.recompose()
            screen.on_mount()
        elif refresh is not None:
            result = refresh()
            if result is not None:
                await result

    async def action_review(self) -> None:
        if not isinstance(self.screen, ReviewScreen):
            await self.open_overview(ReviewScreen())

    async def action_findings(self) -> None:
        if not isinstance(self.screen, FindingsScreen):
            await self.open_overview(FindingsScreen())

    async def action_export(self) -> None:
        if not isinstance(self.screen, ExportScreen):
            await self.open_overview(ExportScreen(), self._exported)

    async def action_priorities(self) -> None:
        """The questions in the order of what they settle, above the interview."""
        if isinstance(self.screen, PriorityScreen):
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, InterviewScreen):
            if not await self.close_top():
                return
        if not await self.keep_typed(self.screen):
            return
        self.push_screen(PriorityScreen())

    def action_help_quit(self) -> None:
        """Ctrl+C copies in an input; elsewhere say how to quit, in the interview's words."""
        lang = self.session.lang
        self.notify(t(lang, "ctrl_c_body"), title=t(lang, "ctrl_c_title"), markup=False)

    def _exported(self, result: ExportResult | None) -> None:
        if result is None:
            return
        s = self.session
        folders: dict[Path, list[str]] = {}  # the files written, by folder
        for p in result.written:
            folders.setdefault(p.parent, []).append(p.name)
        for folder, names in folders.items():
            text = t(s.lang, "exported", folder=shown_folder(folder), files=", ".join(names))
            self.notify(visible(text), timeout=8, markup=False)
        warning = s.record()
        if warning:
            self.notify(
                visible(t(s.lang, "journal_failed", error=warning)),
                severity="warning",
                markup=False,
            )
        if result.failed:
            lines = "\n".join(
                t(s.lang, "export_failed_fmt", fmt=f, error=e) for f, e in result.failed
            )
            self.show_error(t(s.lang, "export_failed"), lines)

    async def action_quit(self) -> None:
        s = self.session
        reasons = []
        if any(getattr(sc, "has_pending_input", lambda: False)() for sc in self.screen_stack):
            reasons.append(t(s.lang, "pending_input"))
        if s.unsaved is not None:
            reasons.append(t(s.lang, "unsaved_body", error=str(s.unsaved)))
        if not reasons:
            self.leave()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.leave()

        self.push_screen(
            ConfirmDialog(
                t(s.lang, "quit_q"),
                t(s.lang, "quit_body", what="\n".join(reasons)),
                t(s.lang, "quit"),
                t(s.lang, "cancel"),
            ),
            answered,
        )

    def leave(self) -> None:
        """Journal the final assessment, then exit."""
        self.drop_untouched_entries()
        warning = self.session.record()
        message = t(self.session.lang, "journal_failed", error=warning) if warning else None
        self.exit(return_code=2 if self.session.broken else 0, message=message)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(self.session.lang))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        s = self.session
        lang = s.lang
        yield from system_commands(self, screen, lang)
        if s.broken is not None:
            return
        yield SystemCommand(t(lang, "b_help"), t(lang, "c_help"), self.action_help)
        yield SystemCommand(t(lang, "lang_name"), t(lang, "c_lang"), self.action_toggle_lang)
        yield SystemCommand(t(lang, "b_review"), t(lang, "c_review"), self.action_review)
        yield SystemCommand(t(lang, "b_findings"), t(lang, "c_findings"), self.action_findings)
        yield SystemCommand(t(lang, "b_export"), t(lang, "c_export"), self.action_export)
        yield SystemCommand(
            t(lang, "b_priorities"), t(lang, "c_priorities"), self.action_priorities
        )
        sections = interview.sections(s.rb, lang)
        for n, (sid, title) in enumerate(sections, 1):
            yield SystemCommand(
                t(lang, "c_section", title=title),
                t(lang, "c_section_help", n=n, total=len(sections)),
                lambda sid=sid: self.run_worker(self.goto_section(sid)),
            )

    def search_themes(self) -> None:
        """The colour themes (palette « Thème »), searched in the interview's language."""
        self.push_screen(Palette(self.session.lang, themes=True))

    def show_error(self, title: str, message: str) -> None:
        self.push_screen(ErrorDialog(title, message, ok=t(self.session.lang, "ok")))
