"""Whole interviews driven with Pilot: answers, navigation, live risks, autosave."""

from __future__ import annotations

import datetime as dt

from tui_helpers import TWO_PARTNERS, choose, current_id, error_text, risks, tick, type_answer

from advisor.casefile import load_case
from tui.screens.entry import EntryScreen
from tui.screens.interview import InterviewScreen
from tui.screens.list_editor import ListEditorScreen

NO_AGREEMENT = "legal.convention.no-written-agreement"


def with_progress(case: str, progress: str) -> str:
    """The case text with ``meta.progress`` set, as an interrupted session leaves it."""
    return case.replace(
        "meta: {name: Test alliance}", f"meta:\n  name: Test alliance\n  progress: {progress}"
    )


async def test_answers_of_every_type_are_saved_at_once(tmp_path, make_app):
    """The file is created on the first answer; each answer reaches it before moving on."""
    path = tmp_path / "new.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert current_id(app) == "alliance.purpose"
        assert not path.exists()
        await type_answer(pilot, "Tiers-lieu numérique", keys=True)
        assert load_case(path).co_construction.purpose == "Tiers-lieu numérique"
        assert current_id(app) == "alliance.form"
        await choose(pilot, "collective experimentation")
        await tick(pilot, "classic patronage", "societal R&D")
        assert load_case(path).co_construction.modalities == ["classic_patronage", "societal_rd"]
        await pilot.press("pagedown")
        await pilot.pause()
        await choose(pilot, "yes")
        await type_answer(pilot, "28/02/2027")
        await type_answer(pilot, "18")
        case = load_case(path)
    assert case.co_construction.form == "collective_experimentation"
    assert case.co_construction.innovative is True
    assert case.co_construction.start_date == dt.date(2027, 2, 28)
    assert case.co_construction.duration_months == 18
    assert case.meta.progress.question == "partners.list"


async def test_going_back_and_changing_an_answer(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert current_id(app) == "alliance.innovative"
        await choose(pilot, "yes")
        assert current_id(app) == "alliance.start_date"
        await pilot.press("pageup")
        await pilot.pause()
        assert current_id(app) == "alliance.innovative"
        await choose(pilot, "no")
    assert load_case(path).co_construction.innovative is False


async def test_a_finding_appears_and_disappears_in_the_risk_panel(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    # The form of co-construction brings the agreement question in (a dialogue needs none).
    path.write_text(TWO_PARTNERS + "co_construction: {form: collective_experimentation}\n")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("agreements.written")
        await pilot.pause()
        assert risks(app).get(NO_AGREEMENT) == "to_verify"  # unknown: to verify, never "no"
        await choose(pilot, "no")
        assert risks(app)[NO_AGREEMENT] == "flagged"
        await pilot.press("pageup")
        await pilot.pause()
        assert current_id(app) == "agreements.written"
        await choose(pilot, "yes")
        assert NO_AGREEMENT not in risks(app)
        assert current_id(app) == "agreements.kinds"  # asked now that the answer is yes
        await pilot.press("pageup")
        await pilot.pause()
        await choose(pilot, "unknown")
        assert risks(app)[NO_AGREEMENT] == "to_verify"
        assert current_id(app) == "volunteers.involved"  # kinds no longer asked
    assert load_case(path).agreements.written is None


async def test_a_bad_answer_is_shown_and_the_typed_text_kept(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("alliance.duration")
        await pilot.pause()
        await type_answer(pilot, "douze")
        assert "not a number" in error_text(app)
        assert app.screen.view.query_one(".answer").value == "douze"
        assert current_id(app) == "alliance.duration"
        await pilot.press("pagedown")  # moving on does not drop the typed text either
        await pilot.pause()
        assert current_id(app) == "alliance.duration"
        await type_answer(pilot, "1.5")
        assert "whole number" in error_text(app)
        await type_answer(pilot, "12")
        assert current_id(app) == "partners.list"
    assert load_case(path).co_construction.duration_months == 12


async def test_resume_where_it_stopped(tmp_path, make_app):
    """A killed session leaves the case with meta.progress: a new app starts there."""
    path = tmp_path / "case.yaml"
    path.write_text(with_progress(TWO_PARTNERS, "{question: volunteers.involved}"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert current_id(app) == "volunteers.involved"
        await choose(pilot, "yes")
    case = load_case(path)
    assert case.people.volunteers.involved is True
    assert case.meta.progress.question == "volunteers.count"
    assert [p.name for p in case.partners] == ["Acme", "Asso"]


async def test_resume_inside_a_list_entry(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    case = TWO_PARTNERS + "money:\n  gifts:\n    - {donor: acme, beneficiary: asso}\n"
    path.write_text(with_progress(case, "{question: gift.amount, item: 0}"))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert current_id(app) == "gift.amount"
        await type_answer(pilot, "10 000")
        await type_answer(pilot, "4000")
        assert risks(app)["legal.convention.counterparts-over-tolerance"] == "flagged"
        await pilot.pause()
        assert isinstance(app.screen, ListEditorScreen)  # last entry question: back to list
    gift = load_case(path).money.gifts[0]
    assert (gift.amount_eur, gift.counterparts_eur) == (10000, 4000)
