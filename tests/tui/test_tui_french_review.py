"""Issue 12, a French adviser's review: each defect driven with the keys that showed it."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Button, DataTable, Static
from tui_helpers import TWO_PARTNERS, choose, error_text, settle, table_rows

from advisor.casefile import load_case
from tui.screens.dialogs import ConfirmDialog
from tui.screens.entry import EntryScreen
from tui.screens.help import HelpScreen
from tui.screens.list_editor import ListEditorScreen
from tui.widgets.answers import ChoiceAnswer

THREE_GIFTS = TWO_PARTNERS + (
    "money:\n  gifts:\n"
    "    - {donor: acme, beneficiary: asso, amount_eur: 1000}\n"
    "    - {donor: asso, beneficiary: acme, amount_eur: 2000}\n"
    "    - {donor: acme, beneficiary: asso, amount_eur: 3000}\n"
)

EDIT = {"fr": "m", "en": "e"}
REMOVE = {"fr": "s", "en": "d"}


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_arrows_move_between_the_buttons_of_the_delete_dialog(opened, lang):
    async with opened(lang=lang, editor="partners") as (app, pilot, path):
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.focused.id == "no"
        await pilot.press("right")
        await settle(pilot)
        assert app.focused.id == "yes"
        await pilot.press("right")  # stops at the last button
        await settle(pilot)
        assert app.focused.id == "yes"
        await pilot.press("left")
        await settle(pilot)
        assert app.focused.id == "no"
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)
    assert [p.name for p in load_case(path).partners] == ["Asso"]


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_list_cursor_stays_on_the_entry_just_closed(opened, lang):
    async with opened(THREE_GIFTS, lang=lang, editor="gifts") as (app, pilot, _):
        table = app.screen.query_one(DataTable)
        await pilot.press("down", "down", "enter")  # the third gift, edited
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("escape")  # left as it was
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)
        assert table.cursor_row == 2
        await pilot.press("up", EDIT[lang])  # the second, with the edit key
        await settle(pilot)
        await pilot.press("pagedown", "pagedown", "escape")
        await settle(pilot)
        assert table.cursor_row == 1
        await pilot.press("a")  # a new gift: the cursor on it when it is closed
        await settle(pilot)
        await choose(pilot, "Acme")  # its donor: one answer, so the gift is kept
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 4
        assert table.cursor_row == 3
        await pilot.press("up", "a", "escape")  # a gift left with no answer is not kept
        await settle(pilot)
        assert table.row_count == 4


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_every_key_of_the_help_is_apart_from_what_it_does(opened, lang):
    async with opened(lang=lang) as (app, pilot, _):
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [str(s.render()) for s in app.screen.query(".key-line").results(Static)]
        pages = {"fr": "PgPréc / PgSuiv", "en": "PgUp / PgDn"}[lang]
        line = next(x for x in lines if x.startswith(pages))
        assert line[len(pages) : len(pages) + 2] == "  ", line
        starts = {re.match(r"^.*?\S {2,}(?=\S)", x).end() for x in lines}
        assert len(starts) == 1, lines  # the descriptions in one column


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_list_keys_are_the_languages_and_the_buttons_say_them(opened, lang):
    async with opened(THREE_GIFTS, lang=lang, editor="gifts") as (app, pilot, path):
        labels = {b.id: str(b.label) for b in app.screen.query(Button)}
        words = {
            "fr": {"edit": "Modifier (M)", "remove": "Supprimer (S)"},
            "en": {"edit": "Edit (E)", "remove": "Remove (D)"},
        }[lang]
        assert labels["edit"] == words["edit"] and labels["remove"] == words["remove"]
        other = "en" if lang == "fr" else "fr"
        await pilot.press(EDIT[other], REMOVE[other])  # the other language's: nothing
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)
        await pilot.press(EDIT[lang])
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(REMOVE[lang])
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("right", "enter")
        await settle(pilot)
    assert [g.amount_eur for g in load_case(path).money.gifts] == [2000, 3000]


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_a_new_partners_name_is_what_is_typed(opened, lang):
    provisional = {"fr": "Partenaire 3", "en": "Partner 3"}[lang]
    async with opened(lang=lang, editor="partners") as (app, pilot, path):
        await pilot.press("a")
        await settle(pilot)
        box = app.screen.view.typed_box()
        assert box.text == "" and box.placeholder == provisional  # a hint, not a text
        await pilot.press(*"Orange", "enter")
        await settle(pilot)
        assert load_case(path).partners[2].name == "Orange"
        await pilot.press("escape", "a")  # Enter on the hint keeps the provisional name
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert [p.name for p in load_case(path).partners][2:] == [
        "Orange",
        {"fr": "Partenaire 4", "en": "Partner 4"}[lang],
    ]


NUMBERS_CASE = """\
meta: {name: Test alliance}
partners:
  - {id: acme, name: Acme, kind: company, ess_company: true}
people:
  team_on_partner_premises: true
  volunteers: {involved: true}
vehicle: {kind: endowment_fund}
"""

#: (question, entry, what the French adviser typed, the value stored, a wrong answer and
#: words its error must hold, in French then English)
NUMBERS = [
    ("teams.partner_premises_hours", None, "3\u00a0200 heures", 3200, "beaucoup",
     ("nombre d'heures", "3 200 heures"), ("number of hours", "3,200 hours")),
    ("alliance.duration", None, "18 mois", 18, "un an",
     ("nombre de mois", "18 mois"), ("number of months", "18 months")),
    ("volunteers.count", None, "1 200", 1200, "vingt",
     ("nombre entier", "1 200"), ("whole number", "1,200")),
    ("vehicle.initial_endowment", None, "15 000 €", 15000, "15 000 heures",
     ("montant", "12 000,50 €"), ("amount", "12,000.50 €")),
    ("partner.profits_to_reserves", 0, "12,5 %", 12.5, "la moitié",
     ("pourcentage", "12,5 %"), ("percentage", "12.5 %")),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_numbers_read_as_written_and_errors_give_an_example_of_their_kind(
    tmp_path, make_app, rb, lang
):
    path = tmp_path / "case.yaml"
    path.write_text(NUMBERS_CASE)
    app = make_app(path, lang=lang, rules=rb)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for qid, index, typed, value, wrong, words_fr, words_en in NUMBERS:
            await app.jump(qid, index)
            await settle(pilot)
            assert app.screen.current.id == qid
            await pilot.press("ctrl+u", *wrong, "enter")
            await settle(pilot)
            shown = error_text(app).replace("\u00a0", " ")
            for word in words_fr if lang == "fr" else words_en:
                assert word in shown, (qid, shown)
            if qid != "vehicle.initial_endowment":
                assert "€" not in shown, (qid, shown)  # not an example of money
            if lang == "en" and "," in typed:
                typed = typed.replace(",", ".")
            await pilot.press("ctrl+u", *typed, "enter")
            await settle(pilot)
            assert error_text(app) == "" or app.screen.current.id != qid
            assert app.session.answer_of(app.session.question(qid), index)[0] == value


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_an_error_goes_once_the_answer_is_corrected(opened, lang):
    async with opened(lang=lang) as (app, pilot, path):
        await app.jump("alliance.start_date")
        await settle(pilot)
        await pilot.press(*"31/02/2024", "enter")
        await settle(pilot)
        assert "31/02/2024" in error_text(app)
        await pilot.press("ctrl+u", *"30/02/2024")  # still no such day: the error stays
        await settle(pilot)
        assert error_text(app) != ""
        await pilot.press("ctrl+u", *"28/02/2024")  # a date: the error goes before Enter
        await settle(pilot)
        assert error_text(app) == ""
        await app.jump("alliance.duration")
        await settle(pilot)
        await pilot.press("ctrl+u", *"-18", "enter")  # reads, but the case refuses it
        await settle(pilot)
        assert "-18" in error_text(app)
        await pilot.press("ctrl+u", *"-19")
        await settle(pilot)
        assert "-18" in error_text(app)
        await pilot.press("ctrl+u", *"19")
        await settle(pilot)
        assert error_text(app) == ""
        assert app.screen.current.id == "alliance.duration"  # nothing stored before Enter
    assert load_case(path).co_construction.duration_months is None


def _row_styles(box, row: int):
    """The Rich styles of the characters drawn on ``row`` of an option list."""
    return [seg.style for seg in box.render_line(row) if seg.text.strip()]


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_radio_mark_is_the_cursor_and_reads_without_colour(opened, lang):
    text = TWO_PARTNERS + "co_construction: {innovative: true}\n"
    async with opened(text, lang=lang) as (app, pilot, path):
        await app.jump("alliance.innovative")
        await settle(pilot)
        box = app.screen.view.query_one(ChoiceAnswer)
        assert app.focused is box

        def marks() -> list[str]:
            return [o.prompt.plain[:1] for o in box.options]

        assert marks() == ["●", "○", "○"] and box.highlighted == 0
        await pilot.press("down")
        await settle(pilot)
        assert marks() == ["○", "●", "○"] and box.highlighted == 1  # one thing moves
        # The cursor's row is drawn in reverse video, and only it: seen under NO_COLOR.
        assert all(s.reverse for s in _row_styles(box, 1))
        assert not any(s.reverse for s in _row_styles(box, 0))
        await pilot.press("enter")  # Enter records what the mark is on
        await settle(pilot)
    assert load_case(path).co_construction.innovative is False


INVESTMENT = TWO_PARTNERS + (
    "money:\n  investments:\n    - {investor_type: solidarity_fund, instrument: equity}\n"
)


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("fr", "fonds solidaire (90/10) → structure commune"),
        ("en", "solidarity fund (90/10) → joint vehicle"),
    ],
)
async def test_an_entrys_label_is_in_the_interviews_language(tmp_path, make_app, rb, lang, title):
    path = tmp_path / "case.yaml"
    path.write_text(INVESTMENT)
    app = make_app(path, lang=lang, rules=rb)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.jump("investments.list")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table_rows(table)[0][1] == title
        await pilot.press("enter")  # the entry's own heading
        await settle(pilot)
        heading = str(app.screen.view.query_one(".q-heading").render())
        assert title[:30] in heading  # shortened to 40 characters there
        await pilot.press("f3")  # and the review
        await settle(pilot)
        shown = " ".join(" ".join(r) for r in table_rows(app.screen.query_one(DataTable)))
        assert title in shown
        assert "solidarity_fund" not in shown  # never the raw value
        if lang == "fr":
            assert "vehicle" not in shown


def _loan_case(kind: str) -> str:
    return (
        "meta: {name: Test alliance}\n"
        "partners:\n"
        "  - {id: acme, name: Acme, kind: company}\n"
        "  - {id: asso, name: Asso, kind: association}\n"
        "  - {id: ville, name: Ville, kind: public_authority}\n"
        "people:\n"
        "  staff_loans:\n"
        f"    - {{lender: acme, host: asso, kind: {kind}, valuation: cost_price}}\n"
        "money:\n  gifts:\n    - {donor: acme, beneficiary: asso, kind: skills}\n"
    )


async def _asked_in_order(app, pilot, start: str, index: int | None, stop: int) -> list[str]:
    """The questions PgDn walks through from ``start``, ``stop`` of them at most."""
    await app.jump(start, index)
    await settle(pilot)
    seen = []
    screen = app.screen
    while app.screen is screen and len(seen) < stop:
        seen.append(screen.current.id)
        await pilot.press("pagedown")
        await settle(pilot)
    return seen


async def test_what_the_staff_loans_settle_is_not_asked_again(tmp_path, make_app, rb):
    """Which questions are asked, not their words: one language is enough."""
    asked = {}
    for kind in ("skills_sponsorship", "paid_staff_loan", "civil_servant_placement"):
        path = tmp_path / f"{kind}.yaml"
        path.write_text(_loan_case(kind))
        app = make_app(path, lang="fr", rules=rb)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            gift = await _asked_in_order(app, pilot, "gift.donor", 0, 20)
            teams = await _asked_in_order(app, pilot, "teams.mixed", None, 3)
            asked[kind] = set(gift) | set(teams)
    # The skills loan valued the gift it records: the gift's valuation is not asked again;
    # a paid loan records no gift, so the skills gift's valuation is asked.
    assert "gift.valuation" not in asked["skills_sponsorship"]
    assert "gift.valuation" in asked["paid_staff_loan"]
    # A civil-servant placement says public agents work for a partner.
    assert "teams.public_agents" not in asked["civil_servant_placement"]
    assert "teams.public_agents" in asked["paid_staff_loan"]
