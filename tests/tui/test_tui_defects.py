"""The five defects of issue 12, each driven with the exact keys of its reproduction.

1. Enter on an unanswered question recorded its first option.
2. Following an answer from a finding to its question froze the app.
3. ``?`` in a text question saved a literal "?" (the hint said it meant "unknown").
4. "Unknown" was never written: a question answered "I don't know" looked unreached.
5. Keys typed while the next question was being put on screen were lost.
"""

from __future__ import annotations

import pytest
from tui_helpers import TWO_PARTNERS, answers, current_id, settle, table_rows, type_ahead

from advisor.casefile import load_case
from tui.screens.finding_detail import FindingDetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.flow import FlowScreen
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen
from tui.widgets.answers import ChoiceAnswer

CASE = (
    TWO_PARTNERS
    + """\
money:
  gifts:
    - {}
"""
)


def at(question: str, item: int | None = None, case: str = CASE) -> str:
    """The case text with the interview stopped at ``question``."""
    where = (
        f"{{question: {question}}}" if item is None else f"{{question: {question}, item: {item}}}"
    )
    return case.replace(
        "meta: {name: Test alliance}", f"meta:\n  name: Test alliance\n  progress: {where}"
    )


# ---- 1. Enter without a choice records nothing -------------------------------------

EVERY_KIND = [
    ("alliance.purpose", None),  # free text
    ("alliance.form", None),  # single choice
    ("alliance.modalities", None),  # multiple choice
    ("alliance.innovative", None),  # yes / no
    ("alliance.start_date", None),  # date
    ("alliance.duration", None),  # number
    ("money.gifts.donor", 0),  # a partner, in a list entry
    ("gift.amount", 0),  # an amount in euros
    ("partner.reserves", 0),  # a percentage
]


@pytest.mark.parametrize("question,item", EVERY_KIND, ids=[q for q, _ in EVERY_KIND])
async def test_enter_on_an_unanswered_question_records_nothing(tmp_path, make_app, question, item):
    path = tmp_path / "case.yaml"
    path.write_text(at(question, item))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert current_id(app) == question
        before = path.read_bytes()  # as opened (the position is written in the tool's format)
        await pilot.press("enter")
        await settle(pilot)
        assert current_id(app) == question  # nothing chosen: Enter does not move on
    assert path.read_bytes() == before


async def test_nothing_is_preselected_and_the_cursor_is_the_answer(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(at("alliance.innovative"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.view.query_one(ChoiceAnswer)
        assert [o.prompt.plain[:1] for o in box.options] == ["○", "○", "○"]
        assert box.highlighted is None
        await pilot.press("up")  # the first ↑ lands on the first choice, not the last
        await settle(pilot)
        assert box.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert load_case(path).co_construction.innovative is True
        await pilot.press("pageup")
        await settle(pilot)
        box = app.screen.view.query_one(ChoiceAnswer)
        marks = [o.prompt.plain[:1] for o in box.options]
        assert marks == ["●", "○", "○"] and box.highlighted == 0  # stored = cursor


# ---- 2. From a finding to its question ---------------------------------------------

FINDINGS = (
    TWO_PARTNERS.replace("kind: association}", "kind: association, commercial_revenue_eur: 90000}")
    + """\
agreements: {written: false}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
"""
)


@pytest.mark.parametrize(
    "finding,evidence,question,item",
    [
        # a plain field (the second evidence line: the first is the partners' count)
        ("legal.convention.no-written-agreement", 1, "agreements.written", None),
        # a field of a list entry
        ("fiscal.taxation.commercial-revenue-over-franchise", 0, "partner.kind", 1),
        # a derived fact (the counterparts' share): its first input
        ("legal.convention.counterparts-over-tolerance", 0, "gift.counterparts", 0),
    ],
    ids=["plain-field", "list-entry", "derived-fact"],
)
async def test_following_an_answer_from_a_finding_opens_its_question(
    tmp_path, make_app, finding, evidence, question, item
):
    path = tmp_path / "case.yaml"
    path.write_text(FINDINGS)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        risks = app.screen.query_one("#all-findings")
        while risks.highlighted_option.id != finding:
            await pilot.press("down")
        await pilot.press("enter", "tab")
        for _ in range(evidence):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FlowScreen)
        assert current_id(app) == question
        assert app.screen.entry_index == item
        await pilot.press("escape")  # the app still answers: back to the finding
        await settle(pilot)
        assert isinstance(app.screen, FindingDetailScreen)
        await pilot.press("escape")  # then to the findings
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


# ---- 3. "?" in a text question -------------------------------------------------------


async def test_question_mark_in_a_text_answer_means_unknown(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(at("alliance.purpose"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hint = str(app.screen.view.query_one(".q-hint").render())
        assert "?" in hint and "unknown" in hint
        await pilot.press("question_mark", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)  # typed, not the help key
        await pilot.press("f1")
        await settle(pilot)
        keys = " ".join(str(w.render()) for w in app.screen.query(".key-line"))
        assert "“unknown”, on any question" in keys  # and Help is F1 only
    data = answers(path)
    assert "purpose" not in data.get("co_construction", {})
    assert "co_construction.purpose" in data["meta"]["unknown"]


# ---- 4. "Unknown" is written, counted, and filtered ---------------------------------


async def test_unknown_is_written_counted_and_told_apart_from_not_reached(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(at("agreements.written"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        answered, asked = app.session.progress()
        await pilot.press("down", "down", "down", "enter")  # yes, no, unknown: chosen
        await settle(pilot)
        assert app.session.progress() == (answered + 1, asked)
        await pilot.press("f3", "u")  # not answered yet
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        shown = " ".join(" ".join(r) for r in table_rows(app.screen.query_one("#review")))
        assert "Written agreement" not in shown and "Duration (months)" in shown
        await pilot.press("u")  # answered "unknown"
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#review"))
        assert [["Written agreement", "unknown"]] == [r for r in rows if r[1]]
    assert answers(path)["meta"]["unknown"] == ["agreements.written"]


# ---- 5. Typed text is never lost -----------------------------------------------------


async def test_a_name_typed_right_after_adding_a_partner_is_kept(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("partners.list")
        await settle(pilot)
        await pilot.press("enter")  # the list editor
        await settle(pilot)
        await type_ahead(pilot, "a", "ctrl+u", *"Unis-Cité", "enter")
    assert [p.name for p in load_case(path).partners] == ["Acme", "Asso", "Unis-Cité"]


async def test_a_duration_typed_ahead_after_going_back_is_kept(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(at("partners.list", case=TWO_PARTNERS))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "pageup", "ctrl+u", *"18 mois", "enter")
    assert load_case(path).co_construction.duration_months == 18
