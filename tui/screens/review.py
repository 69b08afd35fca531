"""The review: every question asked so far, in interview order, to read and to edit.

Questions and answers wrap in two columns that share the screen's width (readable at 80
columns, using the width at 200); sections and list entries head their lines. Enter opens
the answer to change it and comes back here, on the same row. ``U`` filters: every
answer, the questions not reached yet, or those answered "unknown".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from advisor import interview

from ..entries import ALLIANCE_NAME, alliance_name_question
from ..localize import localize_bindings
from ..strings import t, tn
from ..texts import join, plain, wrapped_cell
from ..widgets.footer import KeyFooter
from .entry import EntryScreen

Target = tuple[str, "int | None"]
FILTERS = ("all", "open", "unknown")
STATE_STYLE = {"known": "", "unknown": "bold #ef6c00", "open": "italic dim"}


class ReviewScreen(Screen[None]):
    """Every answer; Enter edits one (above this screen), Esc goes back to work."""

    # Not in the footer: the hint line under the title says them.
    BINDINGS = [
        Binding("escape", "back", "b_back", show=False),
        Binding("u", "filter", "b_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = "all"
        self.targets: dict[str, Target] = {}
        self.entries: dict[str, tuple[str, int]] = {}
        """Row key of a list entry's head -> (list, index): Enter asks its questions."""
        self._row = 0
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-title")
        yield Static("", id="review-hint", classes="q-hint")
        yield DataTable(id="review", cursor_type="row", zebra_stripes=False)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self.fill)  # once the screen knows its width

    def on_screen_resume(self) -> None:
        """Back from an edit: the answers changed; the cursor stays on its row."""
        if self.is_mounted and self._width:
            self.fill()

    def on_resize(self, event: Resize) -> None:
        if self._width and event.size.width != self._width:
            self.fill()

    def fill(self) -> None:
        s = self.app.session
        lang = s.lang
        localize_bindings(self, lang)
        self.refresh_bindings()
        table = self.query_one(DataTable)
        self._width = self.size.width
        usable = max(self._width - 4, 40)
        q_width = max(22, usable * 11 // 20)
        a_width = max(16, usable - q_width - 2)
        lines = s.review()
        self._title(lines)
        table.clear(columns=True)
        table.add_column(t(lang, "question_col"), width=q_width)
        table.add_column(t(lang, "answer_col"), width=a_width)
        titles = dict(interview.sections(s.rb, lang))
        self.targets, self.entries = {}, {}
        self._name_row(table, q_width, a_width)
        last_section = last_entry = None
        for n, line in enumerate(lines):
            if self.filter != "all" and (line.state != self.filter or line.question.is_list):
                continue
            if line.section != last_section:
                last_section, last_entry = line.section, None
                head = titles.get(line.section, line.section)
                cell, height = wrapped_cell(head, q_width, "bold")
                table.add_row(cell, "", height=height, key=f"s{n}")
            q = line.question
            label = (
                s.rb.scope_label(q.doc.field, lang)
                if q.is_list
                else s.rb.field_label(q.doc.field, lang)
            )
            indent = 2
            if line.entry is not None:
                entry = (line.question.list_scope, line.index)
                if entry != last_entry:
                    last_entry = entry
                    scope_label = s.rb.scope_label(q.list_scope or "", lang)
                    head = t(
                        lang, "entry_name", label=scope_label, n=line.index + 1, title=line.entry
                    )
                    cell, height = wrapped_cell(head, q_width, "italic", 2)
                    table.add_row(cell, "", height=height, key=f"e{n}")
                    if q.list_scope and line.index is not None:
                        self.entries[f"e{n}"] = (q.list_scope, line.index)
                indent = 4
            shown = line.shown if line.state != "open" else t(lang, "not_reached")
            key = f"r{n}"
            self.targets[key] = (q.id, line.index)
            left, h_left = wrapped_cell(label, q_width, "", indent)
            # A list without entries reads like an answer not given (no count has it).
            state = "open" if q.is_list and not line.known else line.state
            right, h_right = wrapped_cell(shown, a_width, STATE_STYLE[state])
            table.add_row(left, right, height=max(h_left, h_right), key=key)
        if table.row_count:
            table.move_cursor(row=min(self._row, table.row_count - 1), animate=False)
        table.focus()

    def _name_row(self, table: DataTable, q_width: int, a_width: int) -> None:
        """The alliance's name first (the interview asks it first; Enter changes it)."""
        s = self.app.session
        lang = s.lang
        value, state = s.answer_of(alliance_name_question(s.rb))
        if self.filter != "all" and state != self.filter:
            return
        shown = value if state == "known" else t(lang, "not_reached")
        left, h_left = wrapped_cell(t(lang, "alliance_name_col"), q_width, "bold")
        right, h_right = wrapped_cell(shown, a_width, "bold" if state == "known" else "italic dim")
        table.add_row(left, right, height=max(h_left, h_right), key="name")
        self.targets["name"] = (ALLIANCE_NAME, None)

    def _title(self, lines: list[interview.ReviewLine]) -> None:
        s = self.app.session
        lang = s.lang
        tally = s.tally()  # the interview's one count, as the progress line says it
        counts = " · ".join(
            (
                tn(lang, "answers_n", tally.answered),
                tn(lang, "said_unknown_n", tally.unknown),
                tn(lang, "not_reached_n", tally.asked - tally.answered),
            )
        )
        self.query_one("#review-title", Static).update(
            join((t(lang, "review_title"), "bold"), "   ", (counts, "dim"))
        )
        hint = t(lang, "review_hint", filter=t(lang, f"filter_{self.filter}"))
        self.query_one("#review-hint", Static).update(plain(hint))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        target, entry = self.targets.get(key), self.entries.get(key)
        if target is not None:
            self._row = event.cursor_row
            self.app.edit_answer(target)
        elif entry is not None:  # a list entry's head: its questions, from the first
            self._row = event.cursor_row
            self.app.push_screen(EntryScreen(*entry))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._row = event.cursor_row

    def action_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._row = 0
        self.fill()

    def action_back(self) -> None:
        self.dismiss(None)
