"""The live panel beside the questions: what is established, then what to ask.

Flagged issues come first, by the core's rank (severity first); then one line says how many
questions settle how many possible risks, and the questions that settle the most follow,
each with what it decides. The possible risks themselves (issues to verify) are listed only
on demand (F8, a priority key of the screens that show the panel, so that it works from
the answer and never takes a letter typed into it): a wall of "maybe" risks reads as volatility to a client. Everything shown is
what :func:`advisor.assess.assess` and :mod:`advisor.interview.priorities` returned (the
screen hands them down); the panel computes nothing about risk. Enter on an issue opens it,
on a question asks it (messages up).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from advisor.findings import Assessment, Finding
from advisor.interview import NextQuestion

from ..entry_words import entry_words
from ..localize import localize_bindings
from ..strings import t, tn, typeset
from ..texts import join, plain
from .findings_list import FindingList, finding_prompt

#: How many of the questions that matter most the panel lists (F7 asks them all, in order).
SHOWN_QUESTIONS = 5


def settle_line(lang: str, questions: int, risks: int, verify: int) -> str:
    """« 20 questions règlent 36 risques : 11 à vérifier, 25 pas encore révélés »: the
    risks to verify are the ones the header counts, named so (the same words as the
    header and the memo), the others told apart."""
    q = tn(lang, "questions_settle", questions)
    if not verify:
        return t(lang, "settle", questions=q, risks=tn(lang, "possible_risks_n", risks))
    if verify == risks:
        return t(lang, "settle", questions=q, risks=tn(lang, "risks_to_verify_n", verify))
    return t(
        lang,
        "settle_split",
        questions=q,
        risks=tn(lang, "risks_n", risks),
        verify=verify,
        other=tn(lang, "not_revealed_n", risks - verify),
    )


class PanelList(OptionList):
    """Issues and questions; Enter opens an issue or asks a question."""

    class QuestionChosen(Message):
        def __init__(self, question: NextQuestion) -> None:
            super().__init__()
            self.question = question

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.by_id: dict[str, Finding] = {}
        self.questions: dict[str, NextQuestion] = {}

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key in self.by_id:
            self.post_message(FindingList.Chosen(self.by_id[key]))
        elif key in self.questions:
            self.post_message(self.QuestionChosen(self.questions[key]))


class RiskPanel(Vertical):
    """Counts, flagged issues, the questions that matter most, possible risks on demand."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.with_to_verify = False
        self._assessment: Assessment | None = None
        self._next: list[NextQuestion] = []
        self._lang = "en"
        self._new: set[str] = set()
        self._arrived = False

    def compose(self) -> ComposeResult:
        yield Static("", id="risk-title")
        yield Static("", id="risk-counts")
        yield PanelList(id="risk-list")
        yield Static("", id="risk-empty")

    def show(
        self,
        assessment: Assessment,
        lang: str,
        previous: Assessment | None = None,
        questions: list[NextQuestion] | None = None,
    ) -> None:
        """Show a new assessment; mark the issues ``previous`` did not have.

        ``questions``: the open questions the interview can ask, in the core's order.
        """
        if previous is None and assessment is self._assessment and lang == self._lang:
            return  # nothing changed (moving between questions): keep the list as it is
        now = {(f.rule_id, f.status) for f in assessment.findings}
        if previous is not None and now != {(f.rule_id, f.status) for f in previous.findings}:
            # New, or newly established (it was to verify): as the notice says. An answer
            # that changes no issue (the same one stored again) keeps the marks.
            before = {(f.rule_id, f.status) for f in previous.findings}
            self._new = {rule for rule, status in now - before}
            # At 80×24 the list scrolled on without them: the « ★ nouveau » line showed
            # above the next risk, as if it marked that one.
            self._arrived = bool(self._new)
        self._assessment, self._lang = assessment, lang
        self._next = list(questions or [])
        self._redraw()

    def _redraw(self) -> None:
        a, lang = self._assessment, self._lang
        if a is None:
            return
        localize_bindings(self, lang)
        self.refresh_bindings()
        flagged = [f for f in a.findings if f.status == "flagged"]
        verify = [f for f in a.findings if f.status == "to_verify"]
        self.query_one("#risk-title", Static).update(plain(t(lang, "risks"), "bold"))
        self.query_one("#risk-counts", Static).update(
            join(
                (tn(lang, "flagged_n", len(flagged)), "bold #c62828" if flagged else ""),
                "  ",
                (tn(lang, "to_verify_n", len(verify)), "bold #ef6c00" if verify else ""),
            )
        )
        panel = self.query_one(PanelList)
        keep = panel.highlighted_option.id if panel.highlighted_option is not None else None
        options = self._options(a, lang, flagged, verify)
        panel.by_id = {f.rule_id: f for f in a.findings}
        panel.clear_options()
        panel.add_options(options)
        ids = [o.id for o in panel.options]
        if self._arrived:  # the answer just raised these: the cursor (and the view) on them
            keep = next((i for i in ids if i in self._new), keep)
            self._arrived = False
        panel.highlighted = (
            ids.index(keep)
            if keep in ids
            else next((i for i, o in enumerate(panel.options) if not o.disabled), None)
        )
        note = ""
        if not a.findings and not self._next:
            note = t(lang, "no_findings")
        elif verify and not self.with_to_verify:
            note = tn(lang, "hidden_to_verify", len(verify))
        empty = self.query_one("#risk-empty", Static)
        empty.update(plain(note))
        empty.display = bool(note)

    def _options(
        self, a: Assessment, lang: str, flagged: list[Finding], verify: list[Finding]
    ) -> list[Option | None]:
        options: list[Option | None] = [
            Option(finding_prompt(f, lang, f.rule_id in self._new), id=f.rule_id) for f in flagged
        ]
        panel = self.query_one(PanelList)
        panel.questions = {}
        if a.open_questions:
            from advisor.interview import open_summary

            head = settle_line(lang, *open_summary(a))
            if options:
                options.append(None)
            options.append(Option(plain(head, "bold"), id="head:questions", disabled=True))
            for n, nq in enumerate(self._next[:SHOWN_QUESTIONS]):
                key = f"q:{n}"
                panel.questions[key] = nq
                options.append(Option(self._question_prompt(nq, lang), id=key))
            more = len(self._next) - SHOWN_QUESTIONS
            if more > 0:
                options.append(
                    Option(plain(tn(lang, "more_questions", more), "dim"), id="more", disabled=True)
                )
        if self.with_to_verify and verify:
            options.append(None)
            options.append(
                Option(plain(t(lang, "possible_risks"), "bold"), id="head:verify", disabled=True)
            )
            # In the core's ranking (severity first), as the flagged ones above.
            for f in verify:
                options.append(
                    Option(finding_prompt(f, lang, f.rule_id in self._new), id=f.rule_id)
                )
        return options

    @staticmethod
    def _question_prompt(nq: NextQuestion, lang: str):
        oq = nq.open
        text = typeset(lang, oq.question.text)
        where = entry_words(lang, oq.entry, oq.field)
        decides = tn(lang, "decides_n", nq.risks)
        worst = t(lang, f"sev_{oq.worst_severity}", gender="f")
        return join("› ", plain(text + where), (f"\n  {decides} · {worst}", "dim"))

    def shown_ids(self) -> list[str]:
        """Rule ids of the issues listed now (for tests and the command palette)."""
        panel = self.query_one(PanelList)
        return [o.id for o in panel.options if o.id and o.id in panel.by_id]

    def scroll_top(self) -> None:
        """Back on the panel's first line (coming back from another screen, the list is
        not left scrolled to the middle of a title); once now, once after the redraw."""
        panel = self.query_one(PanelList)
        for widget in (panel, self):
            widget.scroll_home(animate=False, immediate=True)
        panel.call_after_refresh(panel.scroll_home, animate=False, immediate=True)

    def focus_list(self) -> None:
        self.query_one(PanelList).focus()

    def action_toggle_to_verify(self) -> None:
        self.with_to_verify = not self.with_to_verify
        self._redraw()


__all__ = ["FindingList", "PanelList", "RiskPanel"]
