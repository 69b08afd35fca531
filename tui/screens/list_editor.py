"""The list editor: a table of entries (partners, gifts, staff loans...), add / edit / remove."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from advisor import catalogue, interview
from advisor.errors import AdvisorError
from advisor.rulesbase import Question

from ..localize import localize_bindings
from ..strings import t
from ..texts import cell, plain, wrapped_cell
from ..widgets.footer import KeyFooter
from ..widgets.risk_panel import FindingList, PanelList, RiskPanel
from .dialogs import ConfirmDialog
from .entry import EntryScreen

#: Which action each letter key is, by language (``tui.list_key_*`` in the catalogue).
LIST_KEYS = {
    lang: {catalogue.text(lang, f"tui.list_key_{action}"): action for action in ("edit", "remove")}
    for lang in catalogue.LANGUAGES
}
LETTERS = frozenset(letter for keys in LIST_KEYS.values() for letter in keys)


class ListEditorScreen(Screen):
    """Entries of one list; editing an entry asks its questions."""

    # Priority: run by the app in the order typed, so that a name typed right after "a"
    # goes to the new entry's first question, never to this screen's letter keys. Not in
    # the footer (it must keep F1-F7 at 80 columns): the buttons name their keys.
    BINDINGS = [
        Binding("a,insert", "add", "b_add", show=False, priority=True),
        # Letters: the language's own (E/D in English, M/S in French, from the catalogue);
        # a letter of the other language does nothing.
        *(
            Binding(letter, f"letter('{letter}')", show=False, priority=True)
            for letter in sorted(LETTERS)
        ),
        Binding("delete", "remove", "b_remove", show=False, priority=True),
        Binding("f8", "toggle_to_verify", "b_to_verify", show=False, priority=True),
        Binding("escape", "done", "b_done", show=False, priority=True),
        Binding("f6", "focus_risks", "b_risks", show=False, priority=True),
    ]

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope
        self._back_to: int | None = None
        """The entry opened last (edited or added): the cursor is put back on it."""
        self._width = 0
        """The width the columns were fitted to."""

    @property
    def session(self):
        return self.app.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Static("", id="list-title", classes="q-text")
                yield Static("", id="list-help", classes="q-help")
                yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
                yield Static("", id="list-empty", classes="muted")
                with Container(classes="list-buttons"):
                    yield Button("", id="add", variant="primary", compact=True)
                    yield Button("", id="edit", compact=True)
                    yield Button("", id="remove", variant="error", compact=True)
                    yield Button("", id="done", compact=True)
            yield RiskPanel(id="risks")
        yield KeyFooter(compact=True)

    def on_screen_resume(self) -> None:
        self.query_one(RiskPanel).scroll_top()
        lang = self.session.lang
        localize_bindings(self, lang)
        self.refresh_bindings()
        letters = {action: letter.upper() for letter, action in LIST_KEYS[lang].items()}
        for name, key in (
            ("add", "b_add_key"),
            ("edit", "b_edit_key"),
            ("remove", "b_remove_key"),
            ("done", "b_done_key"),
        ):
            self.query_one(f"#{name}", Button).label = t(lang, key, letter=letters.get(name, ""))
        back_to, self._back_to = self._back_to, None
        self.refresh_table(keep=back_to)

    def on_resize(self, event: Resize) -> None:
        """Columns fitted again to the new width (first drawn before the layout)."""
        width = self.query_one("#main").size.width
        if width and width != self._width:
            self.refresh_table()

    def list_question(self) -> Question | None:
        return self.session.list_question(self.scope)

    def refresh_table(self, keep: int | None = None) -> None:
        s = self.session
        q = self.list_question()
        label = s.rb.scope_label(self.scope, s.lang)
        self.query_one("#list-title", Static).update(plain(q.doc.text.get(s.lang) if q else label))
        self.query_one("#list-help", Static).update(plain(q.doc.help.get(s.lang) if q else ""))
        table = self.query_one(DataTable)
        row = table.cursor_row if keep is None else keep
        table.clear(columns=True)
        # Columns that fit the width (80×24 included): the titles wrap, the counts stay.
        answers_label = t(s.lang, "answers_col")
        n_width, a_width = 3, max(len(answers_label), 7)
        self._width = self.query_one("#main").size.width
        name_width = max(12, (self._width or 80) - n_width - a_width - 6 - 2)
        table.add_column(cell(t(s.lang, "n_col")), width=n_width)
        # The list's name wraps in its column's head (« Mises à disposition de personnel »
        # is wider than the column at 80 columns): never cut.
        head, table.header_height = wrapped_cell(label, name_width)
        table.add_column(head, width=name_width)
        table.add_column(cell(answers_label), width=a_width)
        counts = s.tally().entries
        for i in range(len(interview.entries(s.case, self.scope))):
            answered, asked = counts.get((self.scope, i), (0, 0))
            title = interview.entry_title(s.case, self.scope, i, s.lang, s.rb)
            name, height = wrapped_cell(title, name_width)
            table.add_row(cell(i + 1), name, cell(f"{answered}/{asked}"), key=str(i), height=height)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        empty = self.query_one("#list-empty", Static)
        empty.update(plain(t(s.lang, "list_empty_hint")))
        empty.display = not table.row_count
        self.query_one(RiskPanel).show(s.assessment, s.lang, questions=s.next_questions())
        table.focus()

    def selected(self) -> int | None:
        table = self.query_one(DataTable)
        return table.cursor_row if table.row_count else None

    # ---- actions -----------------------------------------------------------------

    def action_add(self) -> None:
        try:
            index = self.session.add_entry(self.scope)
        except AdvisorError as exc:
            self.app.show_error(t(self.session.lang, "save_failed"), str(exc))
            return
        self._back_to = index
        self.app.push_screen(EntryScreen(self.scope, index, fresh=self.session.snapshot()))

    def action_letter(self, letter: str) -> None:
        """A letter key: edit or remove in the interview's language, else not ours."""
        action = LIST_KEYS[self.session.lang].get(letter)
        if action is None:
            raise SkipAction()
        {"edit": self.action_edit, "remove": self.action_remove}[action]()

    def action_edit(self, index: int | None = None) -> None:
        index = self.selected() if index is None else index
        if index is not None:
            self._back_to = index
            self.app.push_screen(EntryScreen(self.scope, index))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit(event.cursor_row)

    def action_remove(self) -> None:
        index = self.selected()
        if index is None:
            return
        s = self.session
        title = interview.entry_title(s.case, self.scope, index, s.lang, s.rb)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                s.remove_entry(self.scope, index)
            except AdvisorError as exc:
                self.app.show_error(t(s.lang, "cannot_remove"), str(exc))
                return
            self.refresh_table(keep=index)

        self.app.push_screen(
            ConfirmDialog(
                t(s.lang, "b_remove"),
                t(s.lang, "remove_q", entry=title),
                t(s.lang, "remove_yes"),
                t(s.lang, "cancel"),
            ),
            confirmed,
        )

    def action_done(self) -> None:
        self.dismiss()

    def action_focus_risks(self) -> None:
        self.query_one(RiskPanel).focus_list()

    def action_toggle_to_verify(self) -> None:
        self.query_one(RiskPanel).action_toggle_to_verify()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {
            "add": self.action_add,
            "edit": self.action_edit,
            "remove": self.action_remove,
            "done": self.action_done,
        }[event.button.id or "done"]()

    def on_finding_list_chosen(self, message: FindingList.Chosen) -> None:
        message.stop()
        self.app.open_finding(message.finding)

    def on_panel_list_question_chosen(self, message: PanelList.QuestionChosen) -> None:
        message.stop()
        self.app.edit_answer((message.question.question_id, message.question.index))
