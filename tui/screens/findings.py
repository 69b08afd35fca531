"""The findings screen: every finding, the 12 challenges, the recommendations, export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from ..localize import localize_bindings
from ..strings import t, tn
from ..texts import STATUS_STYLE, cell, join, plain, wrapped
from ..widgets.findings_list import FindingList
from ..widgets.footer import KeyFooter
from ..widgets.recommendation import RecommendationView
from .challenge import ChallengeScreen


class FindingsScreen(Screen):
    """Where the interview ends: the whole assessment, before the export."""

    BINDINGS = [
        Binding("escape", "back", "b_back", show=False),  # the summary line says it
        Binding("1", "tab('tab-findings')", show=False),
        Binding("2", "tab('tab-challenges')", show=False),
        Binding("3", "tab('tab-recommendations')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._drawn: object = None
        """The assessment on screen (another one after an edit: drawn again)."""

    async def on_screen_resume(self) -> None:
        if self._drawn is not None and self._drawn is not self.app.session.assessment:
            await self.recompose()
            self.on_mount()

    def compose(self) -> ComposeResult:
        s = self.app.session
        lang, a = s.lang, s.assessment
        self._drawn = a
        yield Header()
        flagged = sum(1 for f in a.findings if f.status == "flagged")
        yield Static(
            join(
                (t(lang, "findings_title"), "bold"),
                "   ",
                (tn(lang, "flagged_n", flagged), "bold #c62828"),
                "  ",
                (tn(lang, "to_verify_n", len(a.findings) - flagged), "bold #ef6c00"),
                ("   " + t(lang, "findings_keys"), "dim"),
            ),
            id="findings-summary",
        )
        with TabbedContent(id="findings-tabs"):
            with TabPane(t(lang, "tab_findings"), id="tab-findings"):
                yield FindingList(id="all-findings")
            with TabPane(t(lang, "tab_challenges"), id="tab-challenges"):
                yield Static("", id="challenges-note", classes="q-hint")
                yield DataTable(id="challenges", cursor_type="row", zebra_stripes=True)
            with TabPane(t(lang, "tab_recommendations"), id="tab-recommendations"):
                with VerticalScroll(id="recommendations"):
                    if not a.recommendations:
                        yield Static(plain(t(lang, "no_recommendations")), classes="muted")
                    for n, rec in enumerate(a.recommendations):
                        yield RecommendationView(rec, a, lang, collapsed=n > 0)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        s = self.app.session
        lang, a = s.lang, s.assessment
        localize_bindings(self, lang)
        self.refresh_bindings()
        self.query_one(FindingList).show(a, lang, detailed=True)
        self._fill_challenges()
        self.query_one(FindingList).focus()

    def _fill_challenges(self) -> None:
        """The 12 challenges under their framework, in columns that fit 80 columns."""
        s = self.app.session
        lang, a, rb = s.lang, s.assessment, s.rb
        table = self.query_one("#challenges", DataTable)
        # An issue counts under every challenge it bears on: said, so that the columns'
        # sums above the summary's totals read as intended.
        note = t(lang, "challenges_columns")
        shared = sum(1 for f in a.findings if len(set(f.challenges)) > 1)
        if shared:
            note = f"{note} {tn(lang, 'challenges_shared_n', shared)}"
        self.query_one("#challenges-note", Static).update(plain(note))
        width = max(self.size.width - 4, 60)
        table.add_column(t(lang, "challenge_col"), width=max(22, width - 58))  # 5 paddings of 2
        table.add_column(t(lang, "status_col"), width=20)
        table.add_column("⚑", width=3)
        table.add_column("?", width=3)
        table.add_column(t(lang, "worst_col"), width=14)  # « Le plus grave » whole
        framework = None
        for c in a.challenges:
            if c.framework != framework:
                framework = c.framework
                table.add_row(
                    wrapped(c.framework_label, "bold"), "", "", "", "", key=f"fw:{framework}"
                )
            worst = t(lang, f"sev_{c.worst}", gender="f") if c.worst else ""
            if c.status == "to_verify":  # only issues to verify: their gravest, marked ?
                worst = f"? {worst}"
            elif c.worst_to_verify:  # one to verify is graver than the established ones
                worst = f"{worst}\n? {t(lang, f'sev_{c.worst_to_verify}', gender='f')}"
            table.add_row(
                wrapped(c.label, "", 2),
                wrapped(rb.base.statuses[c.status].get(lang), STATUS_STYLE.get(c.status, "")),
                cell(c.flagged or ""),
                cell(c.to_verify or ""),
                wrapped(worst),
                height=None,
                key=c.id,
            )

    def on_finding_list_chosen(self, message: FindingList.Chosen) -> None:
        message.stop()
        self.app.open_finding(message.finding)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a challenge: its findings."""
        event.stop()
        s = self.app.session
        challenge = next((c for c in s.assessment.challenges if c.id == event.row_key.value), None)
        if challenge is not None:
            self.app.push_screen(ChallengeScreen(challenge))

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        focus = {
            "tab-findings": "#all-findings",
            "tab-challenges": "#challenges",
            "tab-recommendations": "#recommendations",
        }[pane]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.dismiss()
