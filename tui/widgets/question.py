"""One question on screen: its text, why it matters, the answer input and any error.

The screen gives it everything it shows (attributes down) and it reports the answer
(messages up). Typed text is parsed with the core's parsers; a text that does not parse
is shown with the reason beside the input, and stays in the input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from advisor import interview
from advisor.interview import AnswerError, Choice
from advisor.rulesbase import Question

from ..entries import REQUIRED
from ..strings import t
from ..texts import plain
from .answers import ChoiceAnswer, ListAnswer, MultiAnswer, OpenList, Picked, TextAnswer, Typed

TYPED = ("eur", "pct", "number", "date", "text")
LONG_TEXT = 40
"""A free-text answer longer than this is also shown whole above its input."""


def shown_for_input(kind: str, value: Any) -> str:
    """A stored value as text the parsers read back unchanged."""
    if value is None:
        return ""
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class QuestionView(Vertical):
    """The question being asked."""

    class Answered(Message):
        def __init__(self, view: QuestionView, value: Any, advance: bool) -> None:
            super().__init__()
            self.view = view
            self.question = view.question
            self.index = view.index
            self.value = value
            self.advance = advance

    class ListRequested(Message):
        def __init__(self, question: Question) -> None:
            super().__init__()
            self.question = question

    class Navigate(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(
        self,
        question: Question,
        *,
        value: Any,
        index: int | None,
        lang: str,
        heading: str,
        choices: list[Choice],
        entries: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.value = value
        self.index = index
        self.lang = lang
        self.heading = heading
        self.choices = choices
        self.entries = entries or []
        self.kind = interview.answer_kind(question)
        self.required = question.doc.field in REQUIRED

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        yield Static(plain(self.heading, single_line=True), classes="q-heading")
        yield Static(plain(q.doc.text.get(lang)), classes="q-text")
        yield Static(plain(q.doc.help.get(lang)), classes="q-help")
        with Vertical(classes="answer-box"):
            yield from self._input()
        yield Static("", classes="q-error")
        yield Static(plain(self._hint()), classes="q-hint")
        with Horizontal(classes="q-nav"):
            yield Button(f"◀ {t(lang, 'b_prev')}", id="q-prev", classes="nav", compact=True)
            if self.kind in TYPED and not self.required:
                yield Button(t(lang, "unknown_button"), id="q-unknown", classes="nav", compact=True)
            yield Button(f"{t(lang, 'b_next')} ▶", id="q-next", classes="nav", compact=True)

    def _input(self) -> ComposeResult:
        lang = self.lang
        if self.kind == "list":
            yield ListAnswer(
                self.entries, t(lang, "list_empty"), t(lang, "list_open"), classes="answer"
            )
        elif self.kind == "multi":
            yield MultiAnswer(self.choices, self.value, classes="answer")
        elif self.kind in TYPED:
            shown = shown_for_input(self.kind, self.value)
            if self.kind == "text" and len(shown) > LONG_TEXT:
                yield Static(plain(shown), classes="q-current")  # read it whole
            yield TextAnswer(shown, t(lang, f"ph_{self.kind}"), classes="answer")
        else:
            yield ChoiceAnswer(self.choices, self.value, classes="answer")

    def _hint(self) -> str:
        if self.kind == "list":
            return t(self.lang, "list_hint")
        if self.kind == "multi":
            return t(self.lang, "hint_multi")
        if self.kind in TYPED:
            return t(self.lang, "enter_to_confirm" if self.required else "empty_is_unknown")
        if self.kind == "partner" and len(self.choices) <= 1:
            return t(self.lang, "no_partners")
        return t(self.lang, "hint_choice")

    def focus_answer(self, attempts: int = 3) -> None:
        target = "#open-list" if self.kind == "list" else ".answer"
        found = self.query(target)
        if found:
            # Not scrolled into view: the question text above must stay visible.
            found.first().focus(scroll_visible=False)
        elif attempts:  # a nested input still being composed
            self.call_after_refresh(self.focus_answer, attempts - 1)

    # ---- errors ------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        error = self.query_one(".q-error", Static)
        error.update(plain(message))
        error.set_class(bool(message), "-shown")

    def clear_error(self) -> None:
        self.show_error("")

    # ---- what the user did -------------------------------------------------------

    def parse(self, text: str) -> Any:
        """The typed text as a value of this question's field.

        Raises:
            AnswerError: the text says what is allowed.
        """
        if self.kind == "date":
            return interview.parse_date(text, self.question)
        if self.kind in ("eur", "pct", "number"):
            return interview.parse_number(text, self.question)
        return text.strip() or None

    def pending(self) -> tuple[bool, Any]:
        """``(True, value)`` when text was typed but not confirmed.

        Raises:
            AnswerError: the typed text does not parse.
        """
        if self.kind not in TYPED:
            return False, None
        box = self.query_one(TextAnswer)
        if not box.changed:
            return False, None
        return True, self.parse(box.value)

    def on_typed(self, message: Typed) -> None:
        message.stop()
        try:
            value = self.parse(message.text)
        except AnswerError as exc:
            self.show_error(exc.detail)
            return
        self.post_message(self.Answered(self, value, advance=True))

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
        if self.kind not in TYPED:
            return None
        box = self.query_one(TextAnswer)
        return box.value if box.changed else None

    def restore_typed(self, text: str) -> None:
        self.query_one(TextAnswer).value = text

    def mark_stored(self, value: Any) -> None:
        """The answer was stored: a typed input no longer counts as pending."""
        self.value = value
        self.clear_error()
        if self.kind in TYPED:
            box = self.query_one(TextAnswer)
            box.initial = box.value = shown_for_input(self.kind, value)
