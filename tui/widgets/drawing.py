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
from textual.widget import Widget
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


def answer_in_view(body: ScrollableContainer, box: Widget) -> None:
    """Scroll the question's ``body`` just enough for the first lines of its answer ``box``
    to show (all of a typed input; the first three lines of a list, so that the question
    above stays in view: the list follows its cursor).

    At 80×24 a long help text left the answer box below the question's visible part: the
    adviser typed an amount, or ticked a choice, that the screen did not show. The question
    text above scrolls back (mouse wheel, ↑ at the top of a list)."""
    if not body.is_mounted or not box.is_mounted or not body.size.height:
        return
    visible = body.scrollable_content_region
    need = min(box.outer_size.height, 3)
    below = box.region.y + need - visible.bottom
    if below > 0:
        body.scroll_relative(y=below, animate=False, immediate=True)
    for options in box.query(OptionList):  # and the answer given, when it is a choice
        if options.highlighted is not None:
            box.call_after_refresh(keep_cursor_in_view, options)
