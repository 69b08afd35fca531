"""The review: every answer asked so far, in interview order, with a jump to edit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from advisor import interview

from ..localize import localize_bindings
from ..strings import t
from ..texts import cell, plain

Target = tuple[str, "int | None"]


class ReviewScreen(Screen[Target | None]):
    """Dismissed with ``(question id, entry index)`` to edit that answer."""

    BINDINGS = [
        Binding("escape", "back", "b_back"),
        Binding("u", "unanswered", "b_unknown_only"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.only_unknown = False
        self.targets: dict[str, Target] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-title", classes="q-text")
        yield Static("", id="review-hint", classes="q-hint")
        yield DataTable(id="review", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        s = self.app.session
        localize_bindings(self, s.lang)
        self.refresh_bindings()
        self.query_one("#review-title", Static).update(plain(t(s.lang, "review_title")))
        self.query_one("#review-hint", Static).update(plain(t(s.lang, "review_hint")))
        self.fill()

    def fill(self) -> None:
        s = self.app.session
        lang = s.lang
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(t(lang, "section_col"), t(lang, "question_col"), t(lang, "answer_col"))
        titles = dict(interview.sections(s.rb, lang))
        self.targets = {}
        last_section = None
        for n, line in enumerate(interview.review(s.rb, s.case, lang, s.day)):
            if self.only_unknown and (line.known or line.question.is_list):
                continue
            q = line.question
            label = (
                s.rb.scope_label(q.doc.field, lang)
                if q.is_list
                else s.rb.field_label(q.doc.field, lang)
            )
            section = titles.get(line.section, line.section)
            shown_section = section if section != last_section else ""
            last_section = section
            if line.entry is not None:
                label = f"  ↳ {line.entry}: {label}"
            answer = cell(line.shown, "" if line.known or q.is_list else "bold #ef6c00", 40)
            key = f"r{n}"
            self.targets[key] = (q.id, line.index)
            table.add_row(cell(shown_section, "bold", 24), cell(label, "", 52), answer, key=key)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        target = self.targets.get(str(event.row_key.value))
        if target is not None:
            self.dismiss(target)

    def action_unanswered(self) -> None:
        self.only_unknown = not self.only_unknown
        self.fill()

    def action_back(self) -> None:
        self.dismiss(None)
