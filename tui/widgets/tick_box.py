"""A box ticked with a character (☒ ticked, ☐ not), as the answers' ticks: Textual's
checkbox draws the same « ▐X▌ » either way and tells them apart by colour only, which
neither NO_COLOR, paper nor a colour-blind reader sees."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A checkbox whose mark is ☒ or ☐ (no coloured block around it)."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def _button(self) -> Content:
        return Content.assemble(("☒" if self.value else "☐", "bold"))
