"""A box ticked with a character (☒ ticked, ☐ not), as the answers' ticks: Textual's
checkbox draws the same « ▐X▌ » either way and tells them apart by colour only, which
neither NO_COLOR, paper nor a colour-blind reader sees."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox, inherit_bindings=False):
    """A checkbox whose mark is ☒ or ☐ (no coloured block around it). Space ticks; Enter
    is left to the dialog (it exports, as from any of its fields: an adviser pressed Enter
    on a format to export and unticked it instead)."""

    BINDINGS = [Binding("space", "toggle_button", show=False)]

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def _button(self) -> Content:
        return Content.assemble(("☒" if self.value else "☐", "bold"))
