"""The list editor: add, edit, remove entries; partner references are a choice of partners."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_helpers import TWO_PARTNERS, choose, current_id, risks, type_answer

from advisor import interview
from advisor.casefile import load_case
from advisor.interview import AnswerError
from tui.screens.dialogs import ConfirmDialog, ErrorDialog
from tui.screens.entry import EntryScreen
from tui.screens.interview import InterviewScreen
from tui.screens.list_editor import ListEditorScreen
from tui.widgets.answers import ChoiceAnswer


async def test_partners_are_added_and_named_in_the_list_editor(opened):
    async with opened(None, editor="partners") as (app, pilot, path):
        assert isinstance(app.screen, ListEditorScreen)
        for name, kind in (("Orange", "company"), ("Unis-Cité", "association")):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            assert current_id(app) == "partners.name"
            await type_answer(pilot, name)
            await type_answer(pilot, "?")  # role: unknown
            await choose(pilot, kind)
            if kind == "association":  # asked only for associations (ask_if on the entry)
                assert current_id(app) == "partner.commercial_revenue"
                await type_answer(pilot, "80 000")
            else:
                assert current_id(app) == "partner.reserves"
                await type_answer(pilot, "25 %")
            assert isinstance(app.screen, ListEditorScreen)
        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
    case = load_case(path)
    assert [(p.id, p.name, p.kind) for p in case.partners] == [
        ("partner-1", "Orange", "company"),
        ("partner-2", "Unis-Cité", "association"),
    ]
    assert case.partners[0].profits_to_reserves_pct == 25
    assert case.partners[1].commercial_revenue_eur == 80000


async def test_a_gift_names_its_donor_among_the_partners(opened):
    async with opened(editor="gifts") as (app, pilot, path):
        await pilot.press("a")
        await pilot.pause()
        assert current_id(app) == "money.gifts.donor"
        box = app.screen.view.query_one(ChoiceAnswer)
        assert [o.prompt.plain[2:] for o in box.options] == ["Acme", "Asso", "unknown"]
        await choose(pilot, "Acme")
        await choose(pilot, "Asso")
        await choose(pilot, "cash")
        await type_answer(pilot, "10000")
        await type_answer(pilot, "3000")
        assert risks(app)["legal.convention.counterparts-over-tolerance"] == "flagged"
        assert isinstance(app.screen, ListEditorScreen)
        # Acme gives: it cannot be removed while the gift refers to it.
        app.pop_screen()
        await app.jump("partners.list")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "still named in these entries:\n• Gifts (Acme → Asso)\n" in str(
            app.screen.query_one("#dialog-message").render()
        )
        await pilot.press("enter")
        await pilot.pause()
    case = load_case(path)
    assert len(case.partners) == 2
    gift = case.money.gifts[0]
    assert (gift.donor, gift.beneficiary, gift.kind, gift.amount_eur) == (
        "acme",
        "asso",
        "cash",
        10000,
    )


async def test_an_entry_is_edited_and_removed(opened):
    text = TWO_PARTNERS + (
        "money:\n  gifts:\n    - {donor: acme, beneficiary: asso, "
        "amount_eur: 1000, counterparts_eur: 900}\n"
    )
    async with opened(text, editor="gifts") as (app, pilot, path):
        assert "legal.convention.counterparts-over-tolerance" in risks(app)
        await pilot.press("enter")  # edit the highlighted entry
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        await app.jump("gift.counterparts", 0)
        await pilot.pause()
        await type_answer(pilot, "100")
        assert "legal.convention.counterparts-over-tolerance" not in risks(app)
        assert load_case(path).money.gifts[0].counterparts_eur == 100
        assert isinstance(app.screen, ListEditorScreen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 0
    assert load_case(path).money.gifts == []


async def test_one_partner_at_both_ends_is_said_in_the_interviews_words(opened):
    """Issue 12 (report D): roles and the partner's name, never « donor » or an id. Since
    the product review the beneficiary's choices leave the donor out; the core still
    refuses the pair, in these words."""
    async with opened(lang="fr", editor="gifts") as (app, pilot, path):
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "Acme")
        assert current_id(app) == "money.gifts.beneficiary"
        box = app.screen.view.query_one(ChoiceAnswer)
        assert [o.prompt.plain[2:] for o in box.options] == ["Asso", "inconnu"]
        s = app.session
        with pytest.raises(AnswerError) as refused:
            interview.set_answer(s.case, s.question("money.gifts.beneficiary"), "acme", 0, "fr")
        shown = str(refused.value).replace("\xa0", " ")  # typeset: non-breaking spaces
        assert "« Donateur » et « Bénéficiaire » désignent le même partenaire « Acme »" in shown
        assert "donor" not in shown and "beneficiary" not in shown
    assert load_case(path).money.gifts[0].beneficiary is None
