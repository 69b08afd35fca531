"""Exporting the memo as PDF, Markdown and JSON, to a path the user chooses."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from advisor.errors import AdvisorError

from ..entries import UNNAMED
from ..localize import localize_bindings
from ..strings import t
from ..texts import plain
from ..widgets.tick_box import TickBox

FORMATS = (("pdf", "PDF", ".pdf"), ("md", "Markdown", ".md"), ("json", "JSON", ".json"))


def target(base: str, ext: str) -> Path:
    """``memo`` or ``memo.pdf`` -> ``memo<ext>`` (a known extension typed is replaced)."""
    p = Path(base.strip()).expanduser()
    if p.suffix.lower() in {e for _, _, e in FORMATS}:
        p = p.with_suffix("")
    return p.with_name(p.name + ext)


class ExportResult:
    def __init__(self, written: list[Path], failed: list[tuple[str, str]]) -> None:
        self.written, self.failed = written, failed


class ExportScreen(ModalScreen["ExportResult | None"]):
    """The memo's cover names, then the file, then the formats: the order a user fills them
    in. What is typed here is kept in the session when the dialog closes (issue 12)."""

    BINDINGS = [Binding("escape", "cancel", "b_close"), Binding("enter", "go", show=False)]
    DEFAULT_CLASSES = "dialog-screen"  # centred, as every dialog (80×24 included)

    def compose(self) -> ComposeResult:
        s = self.app.session
        lang = s.lang
        draft = s.export_draft
        with Vertical(classes="dialog export"):
            yield Static(plain(t(lang, "export_title"), "bold"), classes="dialog-title")
            meta = s.case.meta
            for key, value in (
                ("adviser", meta.adviser or ""),
                ("client", meta.client or ""),
                ("name", "" if meta.name == UNNAMED else meta.name),
            ):
                with Horizontal(classes="cover-line"):
                    yield Static(
                        plain(t(lang, f"cover_{key}")),
                        classes="cover-label field-label",
                        id=f"cover-{key}-label",
                    )
                    yield Input(
                        draft.get(f"cover-{key}", value),
                        placeholder=t(lang, f"cover_{key}_ph"),
                        id=f"cover-{key}",
                        classes="cover-input",
                        compact=True,
                        select_on_focus=False,  # a first key never replaces what is there
                    )
            yield Static(
                plain(t(lang, "export_path")), classes="q-help field-label", id="export-path-label"
            )
            yield Input(
                draft.get("export-path", str(s.default_export_base())),
                id="export-path",
                compact=True,
                select_on_focus=False,
            )
            with Horizontal(id="export-formats"):
                for fmt, label, _ in FORMATS:
                    yield TickBox(
                        label, value=draft.get(f"fmt-{fmt}", True), id=f"fmt-{fmt}", compact=True
                    )
            yield Static("", classes="q-error", id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(lang, "export_go"), id="go", variant="primary")
                yield Button(t(lang, "cancel"), id="cancel")

    def on_mount(self) -> None:
        localize_bindings(self, self.app.session.lang)
        self.refresh_bindings()
        for box in self.query(Input):
            box.cursor_position = len(box.value)  # typing goes after what is there
        self.query_one("#cover-adviser").focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Where typing goes is visible without colour: the focused field's label is marked.
        for label in self.query(".field-label"):
            label.set_class(label.id == f"{event.widget.id}-label", "-focused")

    def keep_draft(self) -> None:
        """Everything typed or ticked, for the next time the dialog opens."""
        draft = {box.id: box.value for box in self.query(Input) if box.id}
        draft |= {box.id: box.value for box in self.query(Checkbox) if box.id}
        self.app.session.export_draft = draft

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "go":
            self.run_export()
        else:
            self.action_cancel()

    def run_export(self) -> None:
        s = self.app.session
        base = self.query_one("#export-path", Input).value
        chosen = [
            (fmt, ext) for fmt, _, ext in FORMATS if self.query_one(f"#fmt-{fmt}", Checkbox).value
        ]
        if not chosen or not base.strip():
            error = self.query_one("#export-error", Static)
            error.update(plain(t(s.lang, "export_none")))
            error.set_class(True, "-shown")
            return
        try:
            s.set_cover(
                *(self.query_one(f"#cover-{k}", Input).value for k in ("name", "adviser", "client"))
            )
        except AdvisorError as exc:  # a name too long, or the case cannot be saved
            error = self.query_one("#export-error", Static)
            error.update(plain(str(exc)))
            error.set_class(True, "-shown")
            return
        self.keep_draft()
        written, failed = [], []
        for fmt, ext in chosen:
            path = target(base, ext)
            try:
                s.export(fmt, path)
            except Exception as exc:  # noqa: BLE001 - a renderer may fail or be missing:
                # the adviser keeps the session and sees which format failed, and why.
                failed.append((fmt, str(exc) or type(exc).__name__))
            else:
                written.append(path)
        self.dismiss(ExportResult(written, failed))

    def action_go(self) -> None:
        """Enter on a format's tick (the fields and buttons read their own Enter)."""
        self.run_export()

    def action_cancel(self) -> None:
        self.keep_draft()
        self.dismiss(None)
