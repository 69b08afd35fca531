"""The answer inputs, one per kind of answer: choice, multiple choice, typed, list.

They only report what the user did (messages up) and say what they hold; parsing typed
text and storing answers happen above them. Nothing is ever preselected: an unanswered
question shows no mark and no cursor, so that Enter cannot record an answer nobody gave.
Marks are characters (● ○, ☒ ☐), never colour alone, and the cursor is drawn in reverse
video: both read under ``NO_COLOR``. In a single choice the mark and the cursor are one.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from advisor.interview import Choice

from ..texts import join, plain
from .drawing import StyledFirst, keep_cursor_in_view


class Picked(Message):
    """A value was chosen with the mouse or a tick (``advance``: move on)."""

    def __init__(self, value: Any, advance: bool) -> None:
        super().__init__()
        self.value = value
        self.advance = advance


class OpenList(Message):
    """The list editor was asked for."""


def _same(a: Any, b: Any) -> bool:
    """``True == 1`` in Python; an answer of ``True`` must not mark a choice ``1``."""
    return a == b and type(a) is type(b)


class _Options(OptionList):
    """An option list whose cursor stops at both ends (the first ↑ never wraps to the
    last option) and starts on the first option when nothing is highlighted yet.

    The option under the cursor is drawn in reverse video by its own prompt: Textual's
    option list drops ``reverse`` from its CSS component styles (only colours and
    bold/italic/underline reach the screen), and colours alone vanish under ``NO_COLOR``.
    """

    # ``?`` means “unknown” on every question, as in a typed answer (never Help: F1).
    BINDINGS = [Binding("question_mark", "unknown", show=False)]

    _drawn_at: int | None = None
    """The option drawn with the cursor (the prompts are built before the list exists)."""

    def _option(self, i: int) -> Option:
        raise NotImplementedError

    def action_unknown(self) -> None:
        """``?``: what “unknown” means for this list (subclasses)."""

    def _cursor(self, prompt: Content, i: int) -> Content:
        """``prompt`` of option ``i``, reversed when the cursor is on it."""
        return prompt.stylize("bold reverse") if i == self._drawn_at else prompt

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        before, self._drawn_at = self._drawn_at, highlighted
        for i in {before, highlighted}:
            if i is not None and 0 <= i < self.option_count:
                self.replace_option_prompt_at_index(i, self._option(i).prompt)
        if self.has_focus:  # a move of the adviser (not the stored answer shown)
            self.call_after_refresh(keep_cursor_in_view, self)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(+1)

    def _step(self, delta: int) -> None:
        if self.highlighted is None:
            self.highlighted = 0 if self.option_count else None
        else:
            self.highlighted = max(0, min(self.option_count - 1, self.highlighted + delta))


class ChoiceAnswer(_Options):
    """Yes / no / unknown, a single choice, or a partner.

    The cursor and the radio mark are one thing: ``●`` is on the option under the cursor,
    the one Enter records, shown in reverse video too (both read under ``NO_COLOR``). It
    starts on the stored answer (``unknown`` only when it was said unknown); an unanswered
    question has neither. Enter is read by the screen (:meth:`chosen`); a click picks at
    once.
    """

    def __init__(self, choices: list[Choice], current: Any, said: bool, **kwargs: Any) -> None:
        self.values = [c.value for c in choices]
        self.stored: int | None = None
        """Index of the stored answer, if any."""
        for i, c in enumerate(choices):
            if (c.value is None and said) or (c.value is not None and _same(c.value, current)):
                self.stored = i
        self.labels = [c.label for c in choices]
        self.marked: int | None = self.stored
        """The option showing ``●``: always the one under the cursor."""
        super().__init__(*(self._option(i) for i in range(len(choices))), **kwargs)

    def _option(self, i: int) -> Option:
        mark = "● " if i == self.marked else "○ "
        prompt = join(mark, plain(self.labels[i], single_line=True))
        return Option(self._cursor(prompt, i), id=f"c{i}")

    def on_mount(self) -> None:
        self.highlighted = self.stored

    def action_unknown(self) -> None:
        """``?``: the cursor on “unknown”, which Enter records (as ``?`` typed then Enter)."""
        if None in self.values:
            self.highlighted = self.values.index(None)

    def watch_highlighted(self, highlighted: int | None) -> None:
        self.marked = highlighted  # redrawn, with the cursor, by _Options
        super().watch_highlighted(highlighted)

    def chosen(self) -> tuple[bool, Any]:
        """``(True, value)`` under the cursor, or ``(False, None)`` when nothing is."""
        if self.highlighted is None:
            return False, None
        return True, self.values[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Picked(self.values[event.option_index], advance=True))


class MultiAnswer(_Options):
    """Several choices, each ticked with Space (``☒``); “unknown” clears the others.

    Each tick is reported at once (stored); Enter is read by the screen. An unanswered
    question has nothing ticked.
    """

    BINDINGS = [Binding("space", "toggle", show=False)]

    def action_unknown(self) -> None:
        """``?``: “unknown” ticked (the others cleared), as Space on it does."""
        self.highlighted = self.unknown_index
        if self.unknown_index not in self.ticked:
            self.toggle(self.unknown_index)

    def __init__(
        self, choices: list[Choice], current: list[Any] | None, said: bool, **kwargs: Any
    ) -> None:
        self.labels = [c.label for c in choices]
        self.values = [c.value for c in choices]
        self.unknown_index = next(i for i, c in enumerate(choices) if c.value is None)
        picked = set(current or ())
        self.ticked: set[int] = {
            i
            for i, c in enumerate(choices)
            if (c.value is None and said and current is None)
            or (c.value is not None and c.value in picked)
        }
        self.answered = current is not None or said
        """Whether the question holds an answer (known, or said unknown)."""
        super().__init__(*(self._option(i) for i in range(len(choices))), **kwargs)

    def _option(self, i: int) -> Option:
        mark = "☒ " if i in self.ticked else "☐ "
        prompt = join(mark, plain(self.labels[i], single_line=True))
        return Option(self._cursor(prompt, i), id=f"m{i}")

    def on_mount(self) -> None:
        self.highlighted = min(self.ticked) if self.ticked else None

    def value(self) -> list[Any] | None:
        """The ticked values (``None``: unknown)."""
        if self.unknown_index in self.ticked:
            return None
        return [self.values[i] for i in sorted(self.ticked)]

    def action_toggle(self) -> None:
        if self.highlighted is None:
            self.highlighted = 0
        self.toggle(self.highlighted)

    def toggle(self, i: int) -> None:
        before = set(self.ticked)
        if i in self.ticked:
            self.ticked.discard(i)
        elif i == self.unknown_index:
            self.ticked = {i}
        else:
            self.ticked.discard(self.unknown_index)
            self.ticked.add(i)
        for j in before ^ self.ticked | {i}:
            self.replace_option_prompt_at_index(j, self._option(j).prompt)
        self.answered = True
        self.post_message(Picked(self.value(), advance=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks, like Space
        self.toggle(event.option_index)


class _Typed:
    """What a typed answer holds, for the screen: the text, and whether it changed."""

    initial: str

    @property
    def text(self) -> str:
        raise NotImplementedError

    @text.setter
    def text(self, value: str) -> None:
        raise NotImplementedError

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def mark_stored(self, shown: str) -> None:
        """The text was stored as ``shown``: no longer a pending change."""
        self.initial = shown
        self.text = shown


class TextAnswer(_Typed, Input):
    """An amount, a percentage, a number or a date, typed on one line."""

    def __init__(self, shown: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(value=shown, placeholder=placeholder, select_on_focus=False, **kwargs)
        self.initial = shown

    @property
    def text(self) -> str:
        return self.value

    @text.setter
    def text(self, value: str) -> None:
        self.value = value
        self.cursor_position = len(value)

    def on_mount(self) -> None:
        self.cursor_position = len(self.value)
        if self.app.is_headless:
            self.cursor_blink = False  # steady screenshots in tests


class LongTextAnswer(_Typed, StyledFirst):
    """Free text, wrapped and shown whole while it is edited (Enter confirms)."""

    def __init__(self, shown: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(
            shown, soft_wrap=True, show_line_numbers=False, placeholder=placeholder, **kwargs
        )
        self.initial = shown

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.document.text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)
        self.move_cursor(self.document.end)

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)
        if self.app.is_headless:
            self.cursor_blink = False


class ListAnswer(VerticalScroll):
    """A list (partners, gifts...): its entries, and a button to open the editor."""

    def __init__(self, titles: list[str], empty: str, open_label: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.titles = titles
        self.empty = empty
        self.open_label = open_label

    def compose(self):
        if self.titles:
            for n, title in enumerate(self.titles, 1):
                yield Static(join(f"{n}. ", plain(title, single_line=True)), classes="list-entry")
        else:
            yield Static(plain(self.empty), classes="list-entry muted")
        yield Button(self.open_label, id="open-list", variant="primary", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(OpenList())
