"""One finding in full: why, on which answers, the law, the remedies, what would clear it.

The answers it names (evidence and unknowns) are listed as options: choosing one closes
the view and jumps to the question, to change or complete the answer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from advisor.findings import Finding
from advisor.schema import is_derived

from ..entry_words import entry_words
from ..jump import question_for_field
from ..localize import localize_bindings
from ..strings import colon, t, typeset
from ..texts import join, plain, severity_badge, status_text
from .closing import CLOSE_KEYS, close_row

Target = tuple[str, "int | None"]


class FindingDetailScreen(ModalScreen["Target | None"]):
    BINDINGS = CLOSE_KEYS  # Enter on an answer line is the line's: it goes to the question

    def __init__(self, finding: Finding) -> None:
        super().__init__(classes="dialog-screen")
        self.finding = finding
        self.targets: dict[str, Target] = {}

    def compose(self) -> ComposeResult:
        s = self.app.session
        lang, f, rb = s.lang, self.finding, s.rb
        words = rb.base
        with Vertical(classes="dialog detail"):
            yield Static(plain(typeset(lang, f.title), "bold"), classes="dialog-title")
            with VerticalScroll(classes="detail-body"):
                yield Static(
                    join(
                        severity_badge(f.severity, f.status, lang),
                        "  ",
                        status_text(
                            f.status,
                            words.statuses[f.status].get(lang)
                            if f.status in words.statuses
                            else f.status,
                        ),
                        " · " + colon(lang, t(lang, "severity")),
                        t(lang, f"sev_{f.severity}", gender="f"),
                        *(
                            # An issue to verify has no likelihood: its facts are unknown.
                            (
                                " · " + colon(lang, t(lang, "likelihood")),
                                t(lang, f"likely_{f.likelihood}", gender="f"),
                            )
                            if f.likelihood
                            else ()
                        ),
                        "\n",
                        (f"{f.framework_label} › {f.challenge_label}", "italic"),
                    )
                )
                yield from self._section(t(lang, "explanation"), f.explanation)
                yield from self._section(t(lang, "advice"), f.advice)
                yield from self._answers()
                if f.clear_by:
                    yield Static(plain(t(lang, "clear_by"), "bold"), classes="detail-head")
                    for n, option in enumerate(f.clear_by, 1):
                        yield Static(
                            join(
                                (colon(lang, t(lang, "option_n", n=n)), "bold"),
                                " ; ".join(c.text for c in option.changes),
                            ),
                            classes="detail-item",
                        )
                if f.references:
                    yield Static(plain(t(lang, "references"), "bold"), classes="detail-head")
                    for r in f.references:
                        parts = ["• ", r.text]
                        if r.url:
                            parts.append((f"  {r.url}", "underline"))
                        if r.unverified:
                            parts.append((f"  ({t(lang, 'unverified')})", "italic"))
                        if r.note:
                            parts.append(f" — {r.note}")
                        yield Static(join(*parts), classes="detail-item")
                if f.recommendations:
                    yield Static(plain(t(lang, "remedies"), "bold"), classes="detail-head")
                    for rid in f.recommendations:
                        doc = rb.recommendations.get(rid)
                        if doc is None:
                            continue  # an unknown remedy id is machine text: not shown
                        title = doc.title.get(lang)
                        summary = doc.summary.get(lang)
                        yield Static(plain("• " + title, "bold"), classes="detail-item")
                        yield Static(plain(summary), classes="detail-sub")
                # No rule id here: the client may read this screen (``advisor explain``
                # and the memo's technical annex name the rule).
            yield from close_row(lang)

    def _section(self, head: str, body: str) -> ComposeResult:
        if body:
            yield Static(plain(head, "bold"), classes="detail-head")
            yield Static(plain(typeset(self.app.session.lang, body)), classes="detail-item")

    def _answers(self) -> ComposeResult:
        s = self.app.session
        lang, f = s.lang, self.finding
        rows = [(field, Option(prompt, id=oid)) for field, oid, prompt in answer_rows(f, lang)]
        if not rows:
            return
        head = "evidence" if f.evidence else "unknowns"
        yield Static(plain(t(lang, head), "bold"), classes="detail-head")
        options = []
        for field, option in rows:
            target = question_for_field(s.rb, field)
            if target is not None:
                self.targets[option.id or ""] = target
            options.append(option)
        yield OptionList(*options, id="detail-answers")
        if self.targets:
            yield Static(plain(t(lang, "jump_hint"), "dim"), classes="detail-sub")

    def on_mount(self) -> None:
        localize_bindings(self, self.app.session.lang)
        self.refresh_bindings()
        self.query_one(".detail-body").focus()  # arrows scroll, Enter closes; Tab: the rest

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets.get(event.option.id or "")
        if target is not None:
            self.dismiss(target)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def answer_rows(f: Finding, lang: str) -> list[tuple[str, str, Content]]:
    """``(field, option id, line)`` of each answer a finding rests on, then of each unknown.

    The fact in words only: the rule's criterion (``= non``, a set of values) is not client
    text; ``advisor explain`` and the memo's technical annex have it.
    """
    rows = []
    for n, e in enumerate(f.evidence):
        where = entry_words(lang, e.entry, e.field)
        deduced = (f"  ({t(lang, 'deduced')})", "italic dim") if is_derived(e.field) else ""
        line = join("• " + colon(lang, f"{e.label}{where}"), (e.shown, "bold"), deduced)
        rows.append((e.field, f"e{n}", line))
    for n, u in enumerate(f.unknowns):
        where = entry_words(lang, u.entry, u.field)
        line = join("? " + colon(lang, f"{u.label}{where}"), (t(lang, "unknown"), "bold #ef6c00"))
        rows.append((u.field, f"u{n}", line))
    return rows
