"""Review, findings, finding detail, help, language, and user text shown literally."""

from __future__ import annotations

from textual.widgets import DataTable, Footer, OptionList
from tui_helpers import TWO_PARTNERS, current_id, settle, table_rows, type_answer

from tui.screens.entry import EditScreen
from tui.screens.finding_detail import FindingDetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.interview import InterviewScreen
from tui.screens.review import ReviewScreen
from tui.widgets.risk_panel import PanelList, RiskPanel

GIFT = (
    TWO_PARTNERS
    + """\
agreements: {written: false}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
"""
)
OVER = "legal.convention.counterparts-over-tolerance"


async def test_review_lists_every_answer_and_edits_in_place(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        rows = table_rows(table)
        assert ["The agreements", ""] in rows  # a section heads its questions
        assert ["Written agreement", "no"] in rows
        assert ["Gifts, no. 1: Acme → Asso", ""] in rows  # an entry heads its own
        assert ["Counterparts (€)", "4,000 €"] in rows
        not_reached = len([r for r in rows if r[1] == "— not answered yet"])
        await pilot.press("u")  # not answered yet
        await settle(pilot)
        assert len([r for r in table_rows(table) if r[1]]) == not_reached
        await pilot.press("u", "u")  # answered "unknown" (none), then every answer again
        await settle(pilot)
        target = next(i for i, r in enumerate(rows) if r[0] == "Counterparts (€)")
        table.move_cursor(row=target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        assert current_id(app) == "gift.counterparts" and app.screen.entry_index == 0
        await type_answer(pilot, "1000")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)  # back where the edit started
        assert table.cursor_row == target
        assert table_rows(table)[target] == ["Counterparts (€)", "1,000 €"]
        assert app.session.case.money.gifts[0].counterparts_eur == 1000
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)


async def test_a_finding_opens_in_full_and_jumps_to_its_answer(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")  # focus the risk panel
        await pilot.pause()
        risks = app.screen.query_one(PanelList)
        risks.highlighted = risks.get_option_index(OVER)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FindingDetailScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "marked disproportion" in text  # explanation
        assert "BOI 4 C-5-04" in text and "unverified" in text  # reference, flagged
        assert "bring the counterparts down to 25" in text, text  # a cure, naming who acts
        answers = app.screen.query_one("#detail-answers", OptionList)
        assert "40 %" in answers.get_option_at_index(0).prompt.plain  # evidence
        answers.focus()
        answers.highlighted = 0
        await pilot.press("enter")  # the evidence is a derived fact: edit its first input
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        assert current_id(app) == "gift.counterparts"
        await type_answer(pilot, "1000")  # the share drops under 25 %: the finding goes
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert OVER not in app.screen.query_one(RiskPanel).shown_ids()


async def test_findings_screen_shows_challenges_and_recommendations(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, FindingsScreen)
        table = app.screen.query_one("#challenges", DataTable)
        challenges = [r for r in table.ordered_rows if not str(r.key.value).startswith("fw:")]
        assert len(challenges) == 12  # under their 4 frameworks
        rows = {r[0]: r[1] for r in table_rows(table)}
        assert rows["A fitting agreement"] == "flagged"
        assert rows["Intellectual property"] == "clear"
        recs = [r.rec.id for r in app.screen.query("RecommendationView")]
        assert "mecenat_counterparts_review" in recs
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)


async def test_help_and_language_switch(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await settle(pilot)
        assert app.session.lang == "fr"
        view = app.screen.view
        assert "Comment s'appelle l'alliance\u00a0?" in str(view.query_one(".q-text").render())
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Aide", "Relecture", "Exporter"} <= descriptions
        assert app.session.assessment.lang == "fr"
        palette = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Relecture", "Aller à la section\u00a0: Les conventions", "English"} <= set(palette)
        await pilot.press("f2")
        await settle(pilot)
        assert "What is the alliance called" in str(app.screen.view.query_one(".q-text").render())
        assert app.screen.query_one(Footer) is not None


async def test_question_mark_types_in_an_answer_and_help_is_f1_only(tmp_path, make_app):
    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("?")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.view.typed_box().text == "?"
        await pilot.press("f6", "?")  # "?" means "unknown", never Help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_markup_and_escape_sequences_in_names_show_literally(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT.replace("name: Acme", 'name: "[b]x[/b] \\e[31mred"'))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("gifts.list")
        await pilot.pause()
        entries = " ".join(str(w.render()) for w in app.screen.query(".list-entry"))
        assert "[b]x[/b] \\x1b[31mred → Asso" in entries
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[1]) == "[b]x[/b] \\x1b[31mred → Asso"


async def test_recommendation_details_show_clauses_conflicts_and_conditions(tmp_path):
    """The remedies' own details: the convention's checklist, the scheme's conditions."""
    from textual.app import App

    from advisor.findings import Assessment, RecommendationOut
    from tui.widgets.recommendation import RecommendationView

    rd = RecommendationOut(
        id="rd_societal_convention",
        group="note_remedy",
        title="R&D",
        summary="A contract.",
        findings=[],
        details={
            "status_note": "Not in a statute.",
            "clauses": [
                {
                    "id": "parties",
                    "title": "Parties",
                    "content": "Name [b]them[/b]",
                    "answers": ["IP"],
                }
            ],
            "conflicts": [{"id": "x", "state": "present", "text": "Exclusivity wanted."}],
        },
    )
    xp = RecommendationOut(
        id="partnership_experimentation_right",
        group="note_remedy",
        title="Experimentation",
        summary="A proposal.",
        details={
            "qualifies": "maybe",
            "local_note": "Local authority.",
            "conditions": [
                {"id": "a", "label": "Shared project", "state": "met", "unknown": []},
                {
                    "id": "b",
                    "label": "Equal governance",
                    "state": "unknown",
                    "unknown": ["Governance equal"],
                },
            ],
        },
    )
    empty = Assessment.model_construct(findings=[], recommendations=[rd, xp])

    class Show(App):
        def compose(self):
            yield RecommendationView(rd, empty, "en", collapsed=False)
            yield RecommendationView(xp, empty, "fr", collapsed=False)

    app = Show()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.query("Static"))
        assert "Name [b]them[/b]" in text and "Found in the case" in text  # not « present »
        assert "Not in a statute" in text
        assert "Éligible\u00a0: peut-être" in text
        table = app.query_one("DataTable.conditions")
        assert [str(c) for c in table.get_row_at(1)] == [
            "Equal governance",
            "inconnue",
            "Governance equal",
        ]
