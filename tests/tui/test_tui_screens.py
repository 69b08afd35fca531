"""Review, findings, finding detail, help, language, and user text shown literally."""

from __future__ import annotations

from textual.widgets import DataTable, Footer, OptionList
from tui_helpers import TWO_PARTNERS, current_id, type_answer

from tui.screens.entry import EntryScreen
from tui.screens.finding_detail import FindingDetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.interview import InterviewScreen
from tui.screens.review import ReviewScreen
from tui.widgets.risk_panel import FindingList

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


async def test_review_lists_every_answer_and_jumps_to_edit(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["The agreements", "Written agreement", "no"] in rows
        assert ["", "  ↳ Acme → Asso: Counterparts (€)", "4,000 €"] in rows
        unknown_rows = len([r for r in rows if r[2] == "unknown"])
        await pilot.press("u")  # unanswered only
        await pilot.pause()
        assert table.row_count == unknown_rows
        await pilot.press("u")
        await pilot.pause()
        target = next(i for i, r in enumerate(rows) if "Counterparts" in r[1])
        table.move_cursor(row=target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert current_id(app) == "gift.counterparts"
        await type_answer(pilot, "1000")
        assert app.session.case.money.gifts[0].counterparts_eur == 1000


async def test_a_finding_opens_in_full_and_jumps_to_its_answer(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")  # focus the risk panel
        await pilot.pause()
        risks = app.screen.query_one(FindingList)
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
        await pilot.press("enter")  # the evidence is a derived fact: jump to its inputs
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert current_id(app) in ("gift.amount", "gift.counterparts")


async def test_findings_screen_shows_challenges_and_recommendations(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(GIFT)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, FindingsScreen)
        table = app.screen.query_one("#challenges", DataTable)
        assert table.row_count == 12
        status = {str(table.get_row(k)[1]): str(table.get_row(k)[2]) for k in table.rows}
        assert status["A fitting agreement"] == "flagged"
        assert status["Intellectual property"] == "clear"
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
        await pilot.pause()
        assert app.session.lang == "fr"
        view = app.screen.view
        assert "Quel est l'objet de l'alliance" in str(view.query_one(".q-text").render())
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Aide", "Relecture", "Exporter"} <= descriptions
        assert app.session.assessment.lang == "fr"
        palette = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Relecture", "Aller à la section : Les conventions", "English"} <= set(palette)
        await pilot.press("f2")
        await pilot.pause()
        assert "What is the alliance for" in str(app.screen.view.query_one(".q-text").render())
        assert app.screen.query_one(Footer) is not None


async def test_question_mark_types_in_an_answer_and_opens_help_elsewhere(tmp_path, make_app):
    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.view.query_one(".answer").value == "?"
        await pilot.press("f6", "?")
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
        assert "Name [b]them[/b]" in text and "present" in text and "Not in a statute" in text
        assert "Éligible : peut-être" in text
        table = app.query_one("DataTable.conditions")
        assert [str(c) for c in table.get_row_at(1)] == [
            "Equal governance",
            "inconnue",
            "Governance equal",
        ]
