"""A text area drawn only once its styles exist.

Textual 8.2 computes a widget's component styles when its CSS is applied and clears them
when it is removed; a ``TextArea`` asked to draw itself outside that window (mounted but
not styled yet, or replaced while a repaint was queued: seen on a loaded machine when one
question replaces another) raises ``KeyError: No 'text-area--gutter' key`` from its theme
(textualize/textual#6208, #6528) and the app stops. Until it is styled it draws blank
lines; applying the styles repaints it.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

#: A component class every text area theme reads first.
_FIRST = "text-area--gutter"


class StyledFirst(TextArea):
    def render_lines(self, crop: Region) -> list[Strip]:
        if _FIRST not in self._component_styles:
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        return super().render_lines(crop)
