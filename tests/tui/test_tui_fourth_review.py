"""A French adviser's fourth review (80x24, ``--lang fr``): each defect driven with the
keys that showed it, on the real rules base.

1. The review (F3) shows a number of hours with its unit, as the question asks it.
2. The 12 challenges: « Le plus grave » does not hide an issue to verify graver than the
   established ones.
3. The F7 header is recomputed after every answer, even one that settles nothing.
4. A partner added with ``a`` is not counted as an answer before its name is typed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable
from tui_helpers import TWO_PARTNERS, current_id, settle, table_rows, type_answer

from advisor.assess import default_rules
from advisor.casefile import load_case
from tui.screens.entry import EntryScreen
from tui.screens.findings import FindingsScreen
from tui.screens.priority import PriorityScreen
from tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[2]
ACI = ROOT / "tests" / "data" / "adviser-aci-val.yaml"
"""The adviser's case: 900 hours of work expected on a partner's premises."""
ACI_PME = ROOT / "tests" / "data" / "aci-pme-commune.yaml"
"""« Bénévolat et volontariat »: an established high issue and a critical one to verify."""


@pytest.fixture(scope="module")
def real():
    return default_rules()


def _copy(src: Path, tmp_path: Path) -> Path:
    path = tmp_path / src.name
    shutil.copy(src, path)
    return path


@pytest.mark.parametrize(
    ("lang", "label", "shown"),
    [
        ("fr", "Heures prévues", "900\u202fheures"),
        ("en", "Hours expected", "900 hours"),
    ],
)
async def test_the_review_shows_hours_with_their_unit(tmp_path, make_app, real, lang, label, shown):
    app = make_app(_copy(ACI, tmp_path), lang=lang, no_journal=True, rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        rows = table_rows(app.screen.query_one(DataTable))
        hours = [r for r in rows if any(c.startswith(label) for c in r)]
        assert hours, rows
        answer = hours[0][-1].replace("\u00a0", " ").replace("\u202f", " ")
        assert answer == shown.replace("\u202f", " "), hours


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_worst_column_shows_a_graver_issue_to_verify(tmp_path, make_app, real, lang):
    app = make_app(_copy(ACI_PME, tmp_path), lang=lang, no_journal=True, rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#challenges", DataTable)
        rows = {r[0].strip(): r for r in table_rows(table)}
        label = {"fr": "Bénévolat et volontariat", "en": "Volunteering and civic service"}[lang]
        row = rows[label]
        assert int(row[2]) >= 1 and int(row[3]) >= 1, row  # established ones and ones to verify
        high, critical = {"fr": ("élevée", "critique"), "en": ("high", "critical")}[lang]
        assert row[4].split("\n") == [high, f"? {critical}"], row
        # The note above the table says what the column holds.
        note = str(app.screen.query_one("#challenges-note").render())
        assert "?" in note and {"fr": "Le plus grave", "en": "Worst"}[lang] in note, note


def _heading(app) -> str:
    return str(app.screen.view.query_one(".q-heading").render())


@pytest.mark.parametrize(
    ("lang", "one", "none"),
    [
        (
            "fr",
            "la réponse précédente a réglé 1 risque possible",
            "la réponse précédente n'a réglé aucun risque possible",
        ),
        (
            "en",
            "the last answer settled 1 possible risk",
            "the last answer settled no possible risk",
        ),
    ],
)
async def test_the_f7_header_is_recomputed_after_an_unknown_kept(
    tmp_path, make_app, lang, one, none
):
    path = tmp_path / "case.yaml"
    # Asso's commercial revenue was said unknown: Enter on it keeps « inconnu ».
    said = "meta: {name: Test alliance, unknown: ['partners[1].commercial_revenue_eur']}"
    path.write_text(TWO_PARTNERS.replace("meta: {name: Test alliance}", said))
    app = make_app(path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, PriorityScreen)
        assert current_id(app) == "agreements.written"
        await pilot.press("down", "down", "enter")  # no: the possible risk is established
        await settle(pilot)
        assert current_id(app) == "partner.commercial_revenue"
        assert one in _heading(app).replace("\u00a0", " ")
        assert app.screen.view.state == "unknown"
        await pilot.press("enter")  # « inconnu » kept: it settled nothing
        await settle(pilot)
        assert current_id(app) == "volunteers.involved"
        heading = _heading(app).replace("\u00a0", " ").replace("\u202f", " ")
        assert one not in heading and none in heading, heading


@pytest.mark.parametrize(("lang", "word"), [("fr", "Partenaire 3"), ("en", "Partner 3")])
async def test_a_partner_added_is_no_answer_before_its_name_is_typed(opened, lang, word):
    async with opened(lang=lang, size=(80, 24), editor="partners") as (app, pilot, path):
        before = app.session.tally().answered
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert word in [p.name for p in app.session.case.partners]  # the editor's name
        assert app.session.tally().answered == before  # not an answer yet
        progress = str(app.screen.query_one("#progress-label").render())
        assert re.findall(r"\d+", progress)[0] == str(before), progress
        await type_answer(pilot, "Unis-Cité")  # the name typed: one answer more
        await settle(pilot)
        assert app.session.tally().answered == before + 1
    assert "Unis-Cité" in [p.name for p in load_case(path).partners]
