"""The command palette (Ctrl+P) in the interview's language.

Textual's palette and its system commands speak English ("Search for commands…", "No
matches found", "Theme", "Quit"...); the interview replaces their words with the
catalogue's and keeps their actions.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from .strings import t


class Palette(CommandPalette):
    """Textual's command palette, with its placeholder and "no match" line translated
    (``themes``: the list of colour themes, which Textual opens with English words)."""

    def __init__(self, lang: str, *, themes: bool = False) -> None:
        if themes:
            from textual.theme import ThemeProvider

            super().__init__(
                providers=[ThemeProvider],
                id="--command-palette",
                placeholder=t(lang, "theme_placeholder"),
            )
        else:
            super().__init__(id="--command-palette", placeholder=t(lang, "palette_placeholder"))
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method with the words replaced (its text is not a parameter).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t(self.lang, "palette_no_match"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class InOrderCommands(SystemCommandsProvider):
    """The app's commands listed in the order the app gives them (Textual sorts them by
    name: the sections would read alphabetically, not in the interview's order)."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


def system_commands(app, screen, lang: str) -> Iterable[SystemCommand]:
    """Textual's system commands that the interview keeps, in ``lang`` (not the screenshot:
    Textual says where it saved it in English; nor Textual's keys panel: it names its keys
    and actions in English and Esc does not close it; « Aide », F1, lists the keys)."""
    yield SystemCommand(t(lang, "sc_theme"), t(lang, "sc_theme_help"), app.action_change_theme)
    yield SystemCommand(t(lang, "b_quit"), t(lang, "sc_quit_help"), app.action_quit)
