"""How answer inputs are drawn: a text area only once its styles exist; the option under
a list's cursor always on screen.

Textual 8.2 computes a widget's component styles when its CSS is applied and clears them
when it is removed; a ``TextArea`` asked to draw itself outside that window (mounted but
not styled yet, or replaced while a repaint was queued: seen on a loaded machine when one
question replaces another) raises ``KeyError: No 'text-area--gutter' key`` from its theme
(textualize/textual#6208, #6528) and the app stops. Until it is styled it draws blank
lines; applying the styles repaints it.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList, TextArea

#: A component class every text area theme reads first.
_FIRST = "text-area--gutter"


class StyledFirst(TextArea):
    def render_lines(self, crop: Region) -> list[Strip]:
        if _FIRST not in self._component_styles:
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        return super().render_lines(crop)


def keep_cursor_in_view(options: OptionList) -> None:
    """Scroll the question around ``options`` so the option under the cursor is on screen.

    An option list scrolls itself to its cursor, but in a question it is as tall as its
    options and the question's body scrolls instead: at 80×24, under a long help text,
    ↓ moved the cursor (and Space ticked) options below the bottom of the screen."""
    i = options.highlighted
    body = next((a for a in options.ancestors if isinstance(a, ScrollableContainer)), None)
    if i is None or body is None or not options.is_mounted or not body.size.height:
        return
    options._update_lines()
    line, height = options._index_to_line.get(i), options._heights.get(i)
    if line is None or height is None:
        return
    top = options.content_region.y + line - round(options.scroll_y)
    view = body.scrollable_content_region
    if top < view.y:
        body.scroll_relative(y=top - view.y, animate=False, immediate=True)
    elif top + height > view.bottom:
        down = min(top + height - view.bottom, top - view.y)  # never past its first line
        body.scroll_relative(y=down, animate=False, immediate=True)
