"""One recommendation as the engine returned it: summary, why, findings, details.

Details depend on the remedy: the R&D sociétale convention carries a clause checklist and
conflicts, the partnership-experimentation right a table of conditions met / missing /
unknown. Other remedies have no details.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Collapsible, DataTable, Static

from advisor.findings import Assessment, RecommendationOut, RemedyDetails

from ..strings import colon, t
from ..texts import cell, join, plain

STATE_STYLE = {
    "met": "bold #2e7d32",
    "missing": "bold #c62828",
    "unknown": "bold #ef6c00",
    "present": "bold #c62828",
    "possible": "bold #ef6c00",
}


class RecommendationView(Vertical):
    """A recommendation, collapsible (its title shows how many findings it answers)."""

    def __init__(
        self, rec: RecommendationOut, assessment: Assessment, lang: str, collapsed: bool = True
    ) -> None:
        super().__init__()
        self.rec, self.assessment, self.lang = rec, assessment, lang
        self.collapsed = collapsed

    def compose(self) -> ComposeResult:
        n = len(self.rec.findings)
        title = f"{self.rec.title}  ({n})" if n else self.rec.title
        with Collapsible(
            title=plain(title, single_line=True),  # never parsed as markup
            collapsed=self.collapsed,
        ):
            yield from self._body()

    def _body(self) -> ComposeResult:
        rec, lang = self.rec, self.lang
        yield Static(plain(rec.summary), classes="detail-item")
        if rec.why:
            yield Static(
                join((colon(lang, t(lang, "why")), "bold"), rec.why), classes="detail-item"
            )
        details = rec.details
        if details.status_note:
            yield Static(plain(details.status_note, "italic"), classes="detail-item")
        if details.conditions:
            yield from self._conditions(details)
        if details.clauses:
            yield Static(plain(t(lang, "clauses"), "bold"), classes="detail-head")
            for c in details.clauses:
                answers = ", ".join(c.answers)
                yield Static(
                    join(("☐ " + c.title, "bold"), (f"  [{answers}]" if answers else "", "dim")),
                    classes="detail-item",
                )
                yield Static(plain(c.content), classes="detail-sub")
        if details.conflicts:
            yield Static(plain(t(lang, "conflicts"), "bold"), classes="detail-head")
            for c in details.conflicts:
                yield Static(
                    join(
                        (colon(lang, t(lang, f"conflict_{c.state}")), STATE_STYLE.get(c.state, "")),
                        c.text,
                    ),
                    classes="detail-item",
                )
        # Each rule merged into an issue points to that title; a rule id alone is
        # machine text, never shown.
        titles = {r: f.title for f in self.assessment.findings for r in (f.rules or [f.rule_id])}
        shown = list(dict.fromkeys(titles[rid] for rid in rec.findings if rid in titles))
        if shown:
            yield Static(plain(t(lang, "answers_findings"), "bold"), classes="detail-head")
            for title in shown:
                yield Static(plain(f"• {title}"), classes="detail-item")
        if rec.references:
            yield Static(plain(t(lang, "references"), "bold"), classes="detail-head")
            for r in rec.references:
                note = f" ({t(lang, 'unverified')})" if r.unverified else ""
                yield Static(plain(f"• {r.text}{note}"), classes="detail-item")

    def _conditions(self, details: RemedyDetails) -> ComposeResult:
        lang = self.lang
        qualifies = details.qualifies
        if qualifies:
            yield Static(
                plain(t(lang, "qualifies", state=t(lang, qualifies)), "bold"), classes="detail-item"
            )
        table: DataTable = DataTable(classes="conditions", cursor_type="none", show_cursor=False)
        table.add_columns(
            t(lang, "condition_col"), t(lang, "state_col"), t(lang, "unknown_facts_col")
        )
        for row in details.conditions:
            table.add_row(
                cell(row.label),
                cell(t(lang, row.state), STATE_STYLE.get(row.state, "")),
                cell(", ".join(row.unknown)),
            )
        yield table
        if details.local_note:
            yield Static(plain(details.local_note, "italic"), classes="detail-item")
