"""Leaving a screen by a function key keeps what was typed, and a new list entry left with
no answer is not recorded (the adviser's review of the interview, after issue 12: a name
typed then F3 and Ctrl+Q was lost, an edited answer then F4 and F5 exported the old value,
and « a » then Esc recorded a partner named « Partenaire 2 »)."""

from __future__ import annotations

import pytest
from tui_helpers import answers, error_text, settle, type_answer

from advisor.casefile import load_case
from tui.screens.dialogs import ConfirmDialog
from tui.screens.entry import EditScreen, EntryScreen
from tui.screens.list_editor import ListEditorScreen
from tui.screens.priority import PriorityScreen
from tui.screens.review import ReviewScreen


@pytest.mark.parametrize("key", ["f3", "f4", "f5", "f7"])
async def test_a_name_typed_in_a_new_entry_is_stored_when_a_function_key_leaves_it(opened, key):
    async with opened(editor="partners") as (app, pilot, path):
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await type_answer(pilot, "Université de Saint-Martin", enter=False, keys=True)
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, EntryScreen) or key in ("f3", "f4", "f5")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)  # nothing left unsaved
    names = [p.name for p in load_case(path).partners]
    assert names == ["Acme", "Asso", "Université de Saint-Martin"]


async def test_an_answer_typed_on_the_interview_screen_is_exported_not_the_old_one(opened):
    async with opened() as (app, pilot, path):
        await app.jump("alliance.purpose")
        await settle(pilot)
        await type_answer(pilot, "Ateliers numériques", enter=False, keys=True)
        await pilot.press("f5")
        await settle(pilot)
        assert app.session.case.co_construction.purpose == "Ateliers numériques"
    assert "Ateliers numériques" in path.read_text(encoding="utf-8")


async def test_an_answer_edited_from_the_review_is_stored_when_f4_leaves_it(opened):
    async with opened() as (app, pilot, path):
        await app.jump("alliance.purpose")
        await settle(pilot)
        await type_answer(pilot, "Premier objet")
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        app.edit_answer(("alliance.purpose", None))  # what Enter on the review's row does
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        await type_answer(pilot, "Objet corrigé", enter=False, keys=True)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    assert load_case(path).co_construction.purpose == "Objet corrigé"


async def test_text_that_does_not_parse_keeps_the_adviser_on_the_question(opened):
    async with opened() as (app, pilot, path):
        await app.jump("alliance.start_date")
        await settle(pilot)
        before = answers(path)
        await type_answer(pilot, "31/02/2024", enter=False, keys=True)
        await pilot.press("f3")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)  # the reason is shown; nothing lost
        assert app.screen.view.typed_box().text == "31/02/2024"
        assert "2024" in error_text(app)  # the date that does not exist is named
    assert answers(path) == before


@pytest.mark.parametrize("keys", [["escape"], ["f3", "ctrl+q"], ["f7"], ["ctrl+q"]])
async def test_a_new_entry_left_without_any_answer_is_not_recorded(opened, keys):
    async with opened(editor="partners") as (app, pilot, path):
        before = answers(path)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if keys == ["escape"]:
            assert isinstance(app.screen, ListEditorScreen)
            assert len(app.session.case.partners) == 2
        if keys == ["f7"]:
            assert isinstance(app.screen, PriorityScreen)
    assert answers(path) == before


async def test_a_new_entry_with_one_answer_is_kept(opened):
    async with opened(editor="partners") as (app, pilot, path):
        await pilot.press("a")
        await settle(pilot)
        await type_answer(pilot, "Commune de Saint-Martin")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)
    assert [p.name for p in load_case(path).partners][-1] == "Commune de Saint-Martin"
