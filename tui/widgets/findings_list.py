"""A list of findings (issues), flagged first, then to verify; Enter opens one.

It shows what :func:`advisor.assess.assess` returned, in its order, and computes nothing
about risk (attributes down, messages up). Used by the findings screen and a challenge's
findings; the live panel beside the questions is :mod:`tui.widgets.risk_panel`.
"""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from advisor.findings import Assessment, Finding

from ..strings import t, tn, typeset
from ..texts import STATUS_STYLE, join, plain, severity_badge


def finding_prompt(f: Finding, lang: str, new: bool = False, detailed: bool = False):
    title = typeset(lang, f.title)
    parts = [severity_badge(f.severity, f.status, lang), " ", plain(title, single_line=True)]
    if new:
        parts.append((f"  ★ {t(lang, 'new')}", "bold $accent"))
    if detailed:
        parts.append((f"\n      {f.challenge_label}", "dim"))
    return join(*parts)


class FindingList(OptionList):
    """Findings under a heading per status, in the core's ranking; Enter opens one."""

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
        findings = [
            f for f in assessment.findings if challenge is None or challenge in f.challenges
        ]
        self.by_id = {f.rule_id: f for f in findings}
        options: list[Option | None] = []
        # Flagged first, then to verify, each in the core's ranking (``assessment.findings``
        # is ranked: critical before high); the challenge is said under each title.
        flagged = [f for f in findings if f.status == "flagged"]
        verify = [f for f in findings if f.status == "to_verify"]
        hidden = 0 if with_to_verify else len(verify)
        groups = [("flagged", "flagged_n", flagged)]
        if with_to_verify:
            groups.append(("to_verify", "to_verify_n", verify))
        for status, key, mine in groups:
            if not mine:
                continue
            if options:
                options.append(None)
            head = plain(tn(lang, key, len(mine)), STATUS_STYLE[status])
            options.append(Option(head, id=f"head:{status}", disabled=True))
            for f in mine:
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
