"""The answer inputs, one per kind of answer: choice, multiple choice, typed, list.

They only report what the user did (messages up): a value picked, a text submitted, a
list to open. Parsing typed text and storing answers happen above them.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from advisor.interview import Choice

from ..texts import join, plain


class Picked(Message):
    """A value was chosen (``advance``: move on to the next question)."""

    def __init__(self, value: Any, advance: bool) -> None:
        super().__init__()
        self.value = value
        self.advance = advance


class Typed(Message):
    """Text was submitted in a typed answer; it still has to be parsed."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class OpenList(Message):
    """The list editor was asked for."""


class ChoiceAnswer(OptionList):
    """Yes / no / unknown, a single choice, or a partner: Enter picks and moves on."""

    def __init__(self, choices: list[Choice], current: Any, **kwargs: Any) -> None:
        self.values = [c.value for c in choices]
        options = [
            Option(
                join("● " if _same(c.value, current) else "○ ", plain(c.label, single_line=True)),
                id=f"c{i}",
            )
            for i, c in enumerate(choices)
        ]
        super().__init__(*options, **kwargs)
        self._current = current

    def on_mount(self) -> None:
        # Highlight the stored answer; an unanswered question starts on the first choice
        # (its "●" still shows "unknown" as the stored state).
        self.highlighted = 0 if self.values else None
        if self._current is not None:
            for i, v in enumerate(self.values):
                if _same(v, self._current):
                    self.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Picked(self.values[event.option_index], advance=True))


def _same(a: Any, b: Any) -> bool:
    """``True == 1`` in Python; an answer of ``True`` must not mark a choice ``1``."""
    return a == b and type(a) is type(b)


class MultiAnswer(SelectionList[int]):
    """Several choices; “unknown” is exclusive. Each tick is stored at once."""

    BINDINGS = [Binding("enter", "advance", "Next", show=False)]

    def __init__(self, choices: list[Choice], current: list[Any] | None, **kwargs: Any):
        self.values = [c.value for c in choices]
        self.unknown_index = next(i for i, c in enumerate(choices) if c.value is None)
        picked = set(current or ())
        selections = []
        for i, c in enumerate(choices):
            on = (current is None) if c.value is None else (c.value in picked)
            selections.append((plain(c.label, single_line=True), i, on))
        super().__init__(*selections, **kwargs)
        self._syncing = False

    def value(self) -> list[Any] | None:
        chosen = [i for i in self.selected if i != self.unknown_index]
        if self.unknown_index in self.selected and not chosen:
            return None
        return [self.values[i] for i in sorted(chosen)]

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        toggled = event.selection.value
        self._syncing = True
        try:
            if toggled == self.unknown_index and self.unknown_index in self.selected:
                for i in list(self.selected):
                    if i != self.unknown_index:
                        self.deselect(i)
            elif toggled != self.unknown_index:
                self.deselect(self.unknown_index)
        finally:
            self._syncing = False
        self.post_message(Picked(self.value(), advance=False))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()

    def action_advance(self) -> None:
        self.post_message(Picked(self.value(), advance=True))


class TextAnswer(Input):
    """An amount, a percentage, a number, a date or free text, typed."""

    def __init__(self, shown: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(value=shown, placeholder=placeholder, **kwargs)
        self.initial = shown

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False  # steady screenshots in tests

    @property
    def changed(self) -> bool:
        return self.value != self.initial

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Typed(self.value))


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
