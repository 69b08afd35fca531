"""The live risk panel: the engine's current findings, grouped by framework.

It shows what :func:`advisor.assess.assess` returned, in its order, and computes nothing
about risk: the screen hands it each new assessment (attributes down) and it reports the
finding the user opens (messages up). Findings that were not in the previous assessment
are marked “new”, so that the effect of an answer is visible at a glance.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from advisor.findings import Assessment, Finding

from ..localize import localize_bindings
from ..strings import t, tn, typeset
from ..texts import join, plain, severity_badge


def frameworks_in_order(assessment: Assessment) -> list[tuple[str, str]]:
    """(id, label) of each framework, in the order of the 12 challenges."""
    seen: dict[str, str] = {}
    for c in assessment.challenges:
        seen.setdefault(c.framework, c.framework_label)
    return list(seen.items())


def finding_prompt(f: Finding, lang: str, new: bool = False, detailed: bool = False):
    title = typeset(lang, f.title)
    parts = [severity_badge(f.severity, f.status, lang), " ", plain(title, single_line=True)]
    if new:
        parts.append((f"  ★ {t(lang, 'new')}", "bold $accent"))
    if detailed:
        parts.append((f"\n      {f.challenge_label}", "dim"))
    return join(*parts)


class FindingList(OptionList):
    """Findings under framework headings; Enter opens one."""

    class Chosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.by_id: dict[str, Finding] = {}

    def show(
        self,
        assessment: Assessment,
        lang: str,
        *,
        with_to_verify: bool = True,
        new: set[str] = frozenset(),
        detailed: bool = False,
        challenge: str | None = None,
    ) -> int:
        """Replace the options; returns how many to-verify findings are hidden.

        ``challenge``: only the findings of that challenge.
        """
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        findings = [f for f in assessment.findings if challenge in (None, f.challenge)]
        self.by_id = {f.rule_id: f for f in findings}
        options: list[Option | None] = []
        hidden = 0
        for fw, label in frameworks_in_order(assessment):
            mine = [f for f in findings if f.framework == fw]
            if not mine:
                continue
            flagged = [f for f in mine if f.status == "flagged"]
            verify = [f for f in mine if f.status == "to_verify"]
            head = join((label, "bold"), f"  ⚑{len(flagged)} ?{len(verify)}")
            if options:
                options.append(None)
            options.append(Option(head, id=f"fw:{fw}", disabled=True))
            shown = flagged + (verify if with_to_verify else [])
            hidden += 0 if with_to_verify else len(verify)
            for f in shown:
                options.append(
                    Option(finding_prompt(f, lang, f.rule_id in new, detailed), id=f.rule_id)
                )
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in self.options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        else:  # the first finding (headings cannot be highlighted)
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        return hidden

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.by_id.get(event.option.id or "")
        if finding is not None:
            self.post_message(self.Chosen(finding))


class RiskPanel(Vertical):
    """Counts and the list of findings, beside the questions."""

    BINDINGS = [Binding("v", "toggle_to_verify", "b_to_verify")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.with_to_verify = True
        self._assessment: Assessment | None = None
        self._lang = "en"
        self._new: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="risk-title")
        yield Static("", id="risk-counts")
        yield FindingList(id="risk-list")
        yield Static("", id="risk-empty")

    def show(self, assessment: Assessment, lang: str, previous: Assessment | None = None) -> None:
        """Show a new assessment; mark what ``previous`` did not have."""
        if previous is None and assessment is self._assessment and lang == self._lang:
            return  # nothing changed (moving between questions): keep the list as it is
        if previous is not None:
            before = {f.rule_id for f in previous.findings}
            self._new = {f.rule_id for f in assessment.findings} - before
        self._assessment, self._lang = assessment, lang
        self._redraw()

    def _redraw(self) -> None:
        a, lang = self._assessment, self._lang
        if a is None:
            return
        localize_bindings(self, lang)
        self.refresh_bindings()
        flagged = sum(1 for f in a.findings if f.status == "flagged")
        verify = len(a.findings) - flagged
        self.query_one("#risk-title", Static).update(plain(t(lang, "risks"), "bold"))
        self.query_one("#risk-counts", Static).update(
            join(
                (tn(lang, "flagged_n", flagged), "bold #c62828" if flagged else ""),
                "  ",
                (tn(lang, "to_verify_n", verify), "bold #ef6c00" if verify else ""),
            )
        )
        hidden = self.query_one(FindingList).show(
            a, lang, with_to_verify=self.with_to_verify, new=self._new
        )
        note = (
            t(lang, "no_findings")
            if not a.findings
            else tn(lang, "hidden_to_verify", hidden)
            if hidden
            else ""
        )
        empty = self.query_one("#risk-empty", Static)
        empty.update(plain(note))
        empty.display = bool(note)

    def shown_ids(self) -> list[str]:
        """Rule ids listed now (for tests and the command palette)."""
        fl = self.query_one(FindingList)
        return [o.id for o in fl.options if o.id and not o.id.startswith("fw:")]

    def action_toggle_to_verify(self) -> None:
        self.with_to_verify = not self.with_to_verify
        self._redraw()
