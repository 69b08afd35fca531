"""One question on screen: its text, why it matters, the answer input and any error.

The screen gives it everything it shows (attributes down) and asks it what the adviser
did (:meth:`QuestionView.confirm`, :meth:`QuestionView.pending`); clicks are reported as
messages (messages up). Typed text is parsed with the core's parsers; a text that does not
parse is shown with the reason beside the input, and stays in the input.
"""

from __future__ import annotations

from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static, TextArea

from advisor import interview
from advisor.interview import Choice, State
from advisor.rulesbase import Question

from ..entries import REQUIRED
from ..strings import t, typeset
from ..texts import plain
from .answers import (
    ChoiceAnswer,
    ListAnswer,
    LongTextAnswer,
    MultiAnswer,
    OpenList,
    Picked,
    TextAnswer,
)

TYPED = ("eur", "pct", "number", "date", "text")

Outcome = Literal["store", "advance", "nothing"]


class QuestionView(Vertical):
    """The question being asked."""

    class Answered(Message):
        """An answer picked with the mouse (or a box ticked), to store."""

        def __init__(self, view: QuestionView, value: Any, advance: bool) -> None:
            super().__init__()
            self.view = view
            self.value = value
            self.advance = advance

    class ListRequested(Message):
        def __init__(self, question: Question) -> None:
            super().__init__()
            self.question = question

    class Corrected(Message):
        """A refused text now reads as ``value``: the error goes if the case accepts it."""

        def __init__(self, view: QuestionView, value: Any) -> None:
            super().__init__()
            self.view = view
            self.value = value

    class Navigate(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(
        self,
        question: Question,
        *,
        value: Any,
        state: State,
        index: int | None,
        lang: str,
        heading: str,
        choices: list[Choice],
        entries: list[str] | None = None,
        provisional: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.value = value
        self.state = state
        self.index = index
        self.lang = lang
        self.heading = heading
        self.choices = choices
        self.entries = entries or []
        self.kind = interview.answer_kind(question)
        self.required = question.doc.field in REQUIRED
        self.provisional = provisional
        """A name the interview gave (« Partenaire 1 »): the input's hint, kept by Enter."""

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        # The question scrolls; the hint and the buttons under it stay on screen (at 80×24
        # a long help text pushed « ◀ Préc. Suiv. ▶ » out of sight).
        with VerticalScroll(classes="q-body"):
            yield Static(plain(self.heading), classes="q-heading")
            yield Static(plain(typeset(lang, q.doc.text.get(lang))), classes="q-text")
            yield Static(plain(typeset(lang, q.doc.help.get(lang))), classes="q-help")
            with Vertical(classes="answer-box"):
                yield from self._input()
            yield Static("", classes="q-error")
        yield Static(plain(self._hint()), classes="q-hint")
        with Horizontal(classes="q-nav"):
            yield Button(f"◀ {t(lang, 'b_prev')}", id="q-prev", classes="nav", compact=True)
            if self.kind in TYPED and not self.required:
                yield Button(t(lang, "unknown_button"), id="q-unknown", classes="nav", compact=True)
            yield Button(f"{t(lang, 'b_next')} ▶", id="q-next", classes="nav", compact=True)

    def on_resize(self) -> None:
        """Laid out (or the hint wrapped anew): the screen fits the question to its area."""
        fit = getattr(self.screen, "fit_view", None)
        if fit is not None:
            self.call_after_refresh(fit)

    def _input(self) -> ComposeResult:
        lang, said = self.lang, self.state == "unknown"
        if self.kind == "list":
            yield ListAnswer(
                self.entries, t(lang, "list_empty"), t(lang, "list_open"), classes="answer"
            )
        elif self.kind == "multi":
            yield MultiAnswer(self.choices, self.value, said, classes="answer")
        elif self.kind in TYPED:
            shown = self.shown_text()
            kind = interview.number_kind(self.question) if self.kind == "number" else self.kind
            placeholder = self.provisional or t(lang, f"ph_{kind}")
            box = LongTextAnswer if self.kind == "text" else TextAnswer
            yield box(shown, placeholder, classes="answer", compact=True)
        else:
            yield ChoiceAnswer(self.choices, self.value, said, classes="answer")

    def shown_text(self) -> str:
        """What a typed input shows for the stored answer (``?`` when said unknown)."""
        if self.state == "unknown":
            return "?"
        if self.provisional is not None and self.value == self.provisional:
            return ""
        return interview.shown_for_input(self.kind, self.value, self.lang)

    def _hint(self) -> str:
        if self.kind == "list":
            return t(self.lang, "list_hint")
        if self.kind == "multi":
            return t(self.lang, "hint_multi")
        if self.kind in TYPED:
            return t(self.lang, "hint_required" if self.required else "hint_typed")
        if self.kind == "partner" and len(self.choices) <= 1:
            return t(self.lang, "no_partners")
        return t(self.lang, "hint_choice")

    def answer_widget(self) -> Widget | None:
        """The input the adviser answers in (the list's button for a list question)."""
        found = self.query("#open-list" if self.kind == "list" else ".answer")
        return found.first() if found else None

    def show_error(self, message: str) -> None:
        if (error := self._error()) is None:
            return  # a view not composed yet, or being replaced: nothing shows on it
        error.update(plain(typeset(self.lang, message)))
        error.set_class(bool(message), "-shown")

    def clear_error(self) -> None:
        self.show_error("")

    def _error(self) -> Static | None:
        return next(self.query(".q-error").results(Static), None)

    def _error_shown(self) -> bool:
        return (error := self._error()) is not None and error.has_class("-shown")

    def _typed_changed(self) -> None:
        """A refused text corrected: once it reads and fits the case, the error goes."""
        box = self.typed_box()
        if box is None or not box.text.strip() or not self._error_shown():
            return  # erased to be typed again: not corrected yet
        try:
            value = self.parse(box.text)
        except interview.AnswerError:
            return
        self.post_message(self.Corrected(self, value))  # the screen checks it against the case

    def on_input_changed(self, event: Input.Changed) -> None:
        self._typed_changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typed_changed()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.kind not in ("multi",) and self._error_shown():
            self.clear_error()  # « nothing chosen »: something is, now

    # ---- what the adviser did ----------------------------------------------------

    def parse(self, text: str) -> Any:
        """The typed text as a value of this question's field (``None``: unknown).

        Raises:
            AnswerError: the text says what is allowed.
        """
        if self.kind == "date":
            return interview.parse_date(text, self.question, self.lang)
        if self.kind in ("eur", "pct", "number"):
            return interview.parse_number(text, self.question, self.lang)
        value = interview.parse_text(text, self.question, self.lang)
        if value is None and self.required:  # a name cannot be unknown: say so, keep it
            raise interview.AnswerError(t(self.lang, "answer_required"))
        return value

    def typed_box(self) -> TextAnswer | LongTextAnswer | None:
        if self.kind not in TYPED:
            return None
        found = self.query(".answer")
        return found.first() if found else None  # type: ignore[return-value]

    def confirm(self) -> tuple[Outcome, Any]:
        """What Enter means now: store a value, move on, or nothing (no answer given).

        Raises:
            AnswerError: the typed text does not parse.
        """
        if self.kind in TYPED:
            box = self.typed_box()
            if box is not None and box.changed:
                return "store", self.parse(box.text)
            return ("nothing", None) if self.state == "open" else ("advance", None)
        if self.kind == "multi":
            box = self.query_one(MultiAnswer)
            return ("advance", None) if box.answered else ("nothing", None)
        if self.kind == "list":
            return "advance", None
        box = self.query_one(ChoiceAnswer)
        picked, value = box.chosen()
        if not picked:
            return "nothing", None
        if box.highlighted == box.stored:
            return "advance", None
        return "store", value

    def pending(self) -> tuple[bool, Any]:
        """``(True, value)`` when text was typed but not confirmed.

        Raises:
            AnswerError: the typed text does not parse.
        """
        box = self.typed_box()
        if box is None or not box.changed:
            return False, None
        return True, self.parse(box.text)

    def nothing_to_store(self) -> None:
        """Enter without an answer: say so (nothing is recorded)."""
        key = (
            "nothing_typed"
            if self.kind in TYPED
            else ("nothing_ticked" if self.kind == "multi" else "nothing_chosen")
        )
        self.show_error(t(self.lang, key))

    def on_picked(self, message: Picked) -> None:
        message.stop()
        self.post_message(self.Answered(self, message.value, advance=message.advance))

    def on_open_list(self, message: OpenList) -> None:
        message.stop()
        self.post_message(self.ListRequested(self.question))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "q-prev":
            self.post_message(self.Navigate(-1))
        elif event.button.id == "q-next":
            self.post_message(self.Navigate(+1))
        elif event.button.id == "q-unknown":
            self.post_message(self.Answered(self, None, advance=True))

    def typed_text(self) -> str | None:
        """Text typed and not confirmed, if any."""
        box = self.typed_box()
        return box.text if box is not None and box.changed else None

    def restore_typed(self, text: str) -> None:
        box = self.typed_box()
        if box is not None:
            box.text = text

    def mark_stored(self, value: Any, state: State) -> None:
        """The answer was stored: a typed input no longer counts as pending."""
        self.value, self.state = value, state
        self.clear_error()
        box = self.typed_box()
        if box is not None:
            box.mark_stored(self.shown_text())
