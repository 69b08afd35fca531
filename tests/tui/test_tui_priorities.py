"""The live panel (flagged issues first, then the questions that settle the possible risks)
and asking what matters most next (F7), on the core's ranking."""

from __future__ import annotations

import datetime as dt

import pytest
from tui_helpers import TWO_PARTNERS, answers, current_id, settle, type_answer

from advisor import interview
from advisor.assess import assess
from advisor.casefile import loads_case
from tui.screens.entry import EditScreen
from tui.screens.interview import InterviewScreen
from tui.screens.priority import PriorityScreen
from tui.strings import typeset
from tui.widgets.risk_panel import PanelList, RiskPanel, settle_line

NO_AGREEMENT = "legal.convention.no-written-agreement"


def panel_lines(app) -> list[str]:
    panel = app.screen.query_one(PanelList)
    return [o.prompt.plain for o in panel.options]


def test_the_next_question_is_the_core_s_first_open_question(trb):
    case = loads_case(TWO_PARTNERS)
    a = assess(case, as_of=dt.date(2026, 6, 1), lang="en", rules=trb)
    ranked = [(q.question.id, q.weight) for q in a.open_questions]
    assert ranked == sorted(ranked, key=lambda r: -r[1])  # the core's order: weight first
    nq = interview.next_question(trb, a)
    assert (nq.question_id, nq.index) == ("agreements.written", None)
    passed = interview.next_question(trb, a, [("agreements.written", None)])
    assert (passed.question_id, passed.index) == ("partner.commercial_revenue", 1)
    assert interview.open_summary(a) == (3, 3, 1)  # of them, 1 to verify
    q = next(q for q in trb.questions if q.id == "agreements.written")
    after = assess(interview.set_answer(case, q, False), as_of=a.as_of, lang="en", rules=trb)
    assert interview.settled(a, after) == 1  # the possible risk is now established
    assert interview.open_summary(after) == (2, 2, 0)


async def test_the_panel_shows_what_is_established_then_what_to_ask(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS + "agreements: {written: false}\n")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = panel_lines(app)
        assert "No written agreement binds the partners" in lines[0]  # flagged, first
        assert lines[1] == "2 questions settle 2 possible risks"
        assert lines[2].startswith("› What is its yearly commercial revenue? [Asso]")
        assert "decides 1 risk · medium" in lines[2]
        panel = app.screen.query_one(RiskPanel)
        assert panel.shown_ids() == [NO_AGREEMENT]
        await pilot.press("f6", "down", "enter")  # the first question: asked here
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        assert current_id(app) == "partner.commercial_revenue" and app.screen.entry_index == 1
        await type_answer(pilot, "90000")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        lines = panel_lines(app)  # flagged issues by severity, then what to ask
        assert "No written agreement" in lines[0] and "Commercial revenue above" in lines[1]
        assert lines[2] == "1 question settles 1 possible risk"


async def test_f7_asks_what_settles_the_most_and_says_what_each_answer_settled(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, PriorityScreen)
        assert current_id(app) == "agreements.written"
        heading = str(app.screen.view.query_one(".q-heading").render())
        assert heading == "What matters most: decides 1 risk (severity: high) · Esc: the sections"
        await pilot.press("down", "down", "enter")  # no
        await settle(pilot)
        assert current_id(app) == "partner.commercial_revenue" and app.screen.entry_index == 1
        heading = str(app.screen.view.query_one(".q-heading").render())
        assert heading.endswith("the last answer settled 1 possible risk · Esc: the sections")
        assert heading.startswith("Partners, no. 2: Asso")
        await pilot.press("pagedown")  # passed: the next one
        await settle(pilot)
        assert current_id(app) == "volunteers.involved"
        await pilot.press("down", "down", "enter")  # no: flat allowances can no longer matter
        await settle(pilot)
        assert current_id(app) == "partner.commercial_revenue"  # the one passed, again
        await type_answer(pilot, "10 000")
        await settle(pilot)
        text = " ".join(str(w.render()) for w in app.screen.query(".muted"))
        assert "No question left changes the assessment" in text
        assert "the last answer settled 1 possible risk" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    data = answers(path)
    assert data["agreements"] == {"written": False}
    assert data["people"] == {"volunteers": {"involved": False}}
    assert data["partners"][1]["commercial_revenue_eur"] == 10000


@pytest.mark.parametrize(
    "lang, counts, said",
    [
        (
            "fr",
            (20, 36, 11),
            "20 questions règlent 36 risques : 11 à vérifier, 25 pas encore révélés",
        ),
        ("fr", (1, 2, 1), "1 question règle 2 risques : 1 à vérifier, 1 pas encore révélé"),
        ("fr", (2, 2, 2), "2 questions règlent les 2 risques à vérifier"),
        ("fr", (1, 1, 1), "1 question règle le risque à vérifier"),
        ("fr", (2, 1, 0), "2 questions règlent 1 risque possible"),
        ("en", (20, 36, 11), "20 questions settle 36 risks: 11 to verify, 25 not revealed yet"),
        ("en", (1, 1, 1), "1 question settles the risk to verify"),
        ("en", (2, 2, 0), "2 questions settle 2 possible risks"),
    ],
)
def test_the_panel_names_the_risks_to_verify_as_the_header_does(lang, counts, said):
    """The adviser's third review: the panel said « 20 questions règlent 36 risques
    possibles » beside a header « ? 11 à vérifier » and a memo « réservé sur 11 risques
    possibles »: the 11 are now named as the header names them, the others apart."""
    assert typeset(settle_line(lang, *counts), lang) == typeset(said, lang)
