"""The French adviser's review at 80×24 (``--lang fr``): what read as frozen, in English,
in colour only, cut or covered.

1. The help, a risk in full and a challenge close with Enter too (said beside « Fermer »).
2. F7 moves on after an answer already given « inconnu ».
3. The palette's « Touches » opens our help, not Textual's key panel in English.
4. The export's formats are ticked with characters (☒ ☐), readable without colour.
5. Enter on a list entry's row of the review opens that entry.
6. The help has no markdown backticks.
7. A staff loan not filled in yet reads in words in the risk panel.
8. The read-only progress line and the lists' column heads are whole at 80 columns.
9. A notice does not cover the risk panel at 80×24.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Checkbox, DataTable, OptionList, ProgressBar, Static
from textual.widgets._toast import Toast
from tui_helpers import TWO_PARTNERS, cell_text, choose, current_id, settle, type_answer

from advisor.assess import default_rules
from tui.screens.entry import EntryScreen
from tui.screens.finding_detail import FindingDetailScreen, answer_rows
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.priority import PriorityScreen
from tui.screens.review import ReviewScreen
from tui.strings import t
from tui.widgets.findings_list import FindingList
from tui.widgets.progress import ProgressLine
from tui.widgets.risk_panel import RiskPanel

SMALL = (80, 24)
GIFT = (
    TWO_PARTNERS
    + """\
agreements: {written: false}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
"""
)


def _words(screen) -> str:
    return " ".join(str(w.render()) for w in screen.query(Static))


# ---- 1 -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_help_closes_with_enter_and_says_so(opened, lang):
    async with opened(lang=lang, size=SMALL) as (app, pilot, _):
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert t(lang, "close_hint") in _words(app.screen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_a_risk_in_full_closes_with_enter_but_an_answer_line_still_jumps(opened):
    async with opened(GIFT, lang="fr", size=SMALL) as (app, pilot, _):
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        assert app.screen.focused is app.screen.query_one(FindingList)
        await pilot.press("enter")  # a risk opens in full
        await settle(pilot)
        assert isinstance(app.screen, FindingDetailScreen)
        assert "Échap / Entrée : fermer" in _words(app.screen).replace("\u00a0", " ")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)  # closed, back on the list
        await pilot.press("enter")
        await settle(pilot)
        answers = app.screen.query_one("#detail-answers", OptionList)
        answers.focus()
        answers.highlighted = 0
        await pilot.press("enter")  # on an answer line: its question, as before
        await settle(pilot)
        assert not isinstance(app.screen, (FindingDetailScreen, FindingsScreen))
        assert current_id(app) is not None


# ---- 2 -------------------------------------------------------------------------------


async def test_f7_moves_on_from_a_question_already_said_unknown(opened):
    async with opened(TWO_PARTNERS, lang="fr", size=SMALL) as (app, pilot, _):
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, PriorityScreen)
        first = current_id(app)
        await choose(pilot, "inconnu")
        await settle(pilot)
        assert current_id(app) != first
        await pilot.press("pageup")  # back to it: « inconnu » is its answer
        await settle(pilot)
        assert current_id(app) == first
        await pilot.press("enter")  # « inconnu » kept: the next question, not this one
        await settle(pilot)
        assert current_id(app) != first


async def test_f7_says_so_when_only_a_question_said_unknown_is_left(opened):
    async with opened(TWO_PARTNERS, lang="fr", size=SMALL) as (app, pilot, _):
        await pilot.press("f7")
        await settle(pilot)
        assert current_id(app) == "agreements.written"
        await choose(pilot, "non")
        await settle(pilot)
        assert current_id(app) == "partner.commercial_revenue"
        await type_answer(pilot, "10 000")
        await settle(pilot)
        assert current_id(app) == "volunteers.involved"
        await choose(pilot, "inconnu")  # the only open question left, just answered
        await settle(pilot)
        assert app.screen.current is None
        text = " ".join(str(w.render()) for w in app.screen.query(".muted"))
        assert text.replace("\u00a0", " ").startswith(
            "Il ne reste que des questions passées ou répondues « inconnu »"
        ), text


# ---- 3 -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_palette_offers_our_help_not_textual_s_keys_panel(opened, lang):
    async with opened(lang=lang, size=SMALL) as (app, pilot, _):
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert t(lang, "keys") not in titles  # « Touches »: Textual's panel, in English
        callbacks = [getattr(c.callback, "__name__", "") for c in commands]
        assert "action_show_help_panel" not in callbacks
        (help_command,) = [c for c in commands if c.title == t(lang, "b_help")]
        help_command.callback()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")


# ---- 4 -------------------------------------------------------------------------------


async def test_the_export_formats_read_ticked_or_not_without_colour(
    tmp_path, make_app, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    app = make_app(path, lang="fr")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("f5")
        await settle(pilot)
        boxes = list(app.screen.query(Checkbox))
        assert [b.value for b in boxes] == [True, True, True]
        boxes[1].focus()
        await pilot.press("space")  # Markdown unticked
        await settle(pilot)
        marks = [b.render().plain.strip() for b in boxes]
        assert marks == ["☒ PDF", "☐ Markdown", "☒ JSON"], marks


# ---- 5 -------------------------------------------------------------------------------


async def test_enter_on_an_entry_s_row_of_the_review_opens_that_entry(opened):
    async with opened(lang="fr", size=SMALL) as (app, pilot, _):
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one("#review", DataTable)
        head = "Partenaires, n° 2 : Asso"
        rows = [
            cell_text(table.get_row_at(r)[0]).strip().replace("\u00a0", " ")
            for r in range(table.row_count)
        ]
        assert head in rows, rows
        table.move_cursor(row=rows.index(head), animate=False)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen), app.screen
        assert (app.screen.scope, app.screen.entry_index) == ("partners", 1)
        assert current_id(app) == app.screen.questions()[0].id == "partners.name"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


# ---- 6 -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "command"), [("fr", "DOSSIER.yaml"), ("en", "CASE.yaml")])
async def test_the_help_reads_as_plain_text(opened, lang, command):
    async with opened(lang=lang, size=SMALL) as (app, pilot, _):
        await pilot.press("f1")
        await settle(pilot)
        text = _words(app.screen)
        assert f"advisor interview {command}" in text
        assert "`" not in text


# ---- 7 -------------------------------------------------------------------------------

LOAN_TO_FILL = TWO_PARTNERS + "people:\n  staff_loans:\n    - {kind: skills_sponsorship}\n"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "[mise à disposition n° 1 (à compléter)]"),
        ("en", "[staff loan no. 1 (to be completed)]"),
    ],
)
async def test_a_staff_loan_not_filled_in_reads_in_words(tmp_path, make_app, lang, words):
    path = tmp_path / "case.yaml"
    path.write_text(LOAN_TO_FILL)
    app = make_app(path, lang=lang, rules=default_rules())
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        s = app.session
        loans = [nq for nq in s.next_questions() if nq.open.field.startswith("people.staff")]
        assert loans and all(nq.open.entry == "… → …" for nq in loans)  # the core's name
        for nq in loans:  # as the panel lists them
            shown = RiskPanel._question_prompt(nq, lang).plain.replace("\u00a0", " ")
            assert words in shown and "…" not in shown, shown
        about = [
            f
            for f in s.assessment.findings
            if any((u.entry or "").startswith("…") for u in (*f.unknowns, *f.evidence))
        ]
        assert about
        for f in about:  # a risk in full
            rows = " ".join(line.plain for _, _, line in answer_rows(f, lang))
            assert words in rows.replace("\u00a0", " ") and "… → …" not in rows, rows


# ---- 8 -------------------------------------------------------------------------------


def _shown(widget) -> str:
    """The characters a widget puts on screen (every line of its region)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(strip.text for strip in lines)


def _squeezed(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


async def test_the_read_only_progress_line_is_whole_at_80_columns(opened):
    async with opened(lang="fr", size=SMALL) as (app, pilot, _):
        progress = app.screen.query_one(ProgressLine)
        progress.show(99, 109, "fr", saved=False)
        await settle(pilot)
        label = progress.query_one("#progress-label", Static)
        words = "99 réponses (non enregistrées) · 10 questions restantes"
        assert _squeezed(words) in _squeezed(_shown(label)), _shown(label)
        # and all of it inside the line (a wider label is cut at the panel's edge)
        assert label.region.right <= progress.region.right, (label.region, progress.region)
        assert label.region.bottom <= progress.region.bottom
        progress.show(3, 40, "fr")  # saved, short: one line, the bar beside it
        await settle(pilot)
        assert progress.query_one(ProgressBar).display and label.size.height == 1


async def test_a_list_s_column_head_is_whole_at_80_columns(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(LOAN_TO_FILL)
    app = make_app(path, lang="fr", rules=default_rules())
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await app.jump("staff_loans.list")
        await settle(pilot)
        await pilot.press("enter")  # the list's editor
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        head = "Mises à disposition de personnel"
        assert head in [c.label.plain for c in table.columns.values()]
        shown = " ".join(
            s.text for s in table.render_lines(Region(0, 0, table.size.width, table.header_height))
        )
        assert all(word in shown.split() for word in head.split()), shown  # wrapped, not cut


# ---- 9 -------------------------------------------------------------------------------


async def test_a_new_risk_notice_leaves_the_risk_panel_readable(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS + "co_construction: {form: collective_experimentation}\n")
    app = make_app(path, lang="fr")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        await app.jump("agreements.written")
        await settle(pilot)
        await choose(pilot, "non")
        await settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert any("Nouveau risque" in str(toast.render()) for toast in toasts)
        panel = app.screen.query_one(RiskPanel)
        main = app.screen.query_one("#main")
        for toast in toasts:
            assert not toast.region.overlaps(panel.region), (toast.region, panel.region)
            assert not toast.region.overlaps(main.region), (toast.region, main.region)
        assert panel.region.height >= 8  # still risks to read
