"""A French adviser's run in tmux: the words and places around the questions.

1. The footer lists its keys in one order on every screen (an entry's text area too).
2. The challenges' « Le plus grave » column is not cut.
3. The command palette lists the sections in interview order, each once.
4. Help does not name F2 twice.
5. « Nouveau risque » stays over the risk panel, clear of the answer.
6. A new staff loan is « nouveau prêt de personnel » before its partners are chosen.
7. Under « Conflits », the state reads as words.
"""

from __future__ import annotations

from textual.command import CommandList
from textual.widgets import DataTable, Footer, Static
from textual.widgets._toast import Toast
from tui_helpers import TWO_PARTNERS, choose, settle

from advisor import interview
from advisor.assess import default_rules
from tui.screens.entry import EntryScreen
from tui.screens.help import HelpScreen

ORDER = ["f1", "f2", "f3", "f4", "f5", "f7", "ctrl+q"]


def footer_keys(app) -> list[str]:
    keys = [k.key for k in app.screen.query_one(Footer).query("FooterKey")]
    return [k for k in keys if k in ORDER]


async def test_the_footer_keys_come_in_one_order(opened):
    async with opened(TWO_PARTNERS, lang="fr", editor="partners") as (app, pilot, _):
        assert footer_keys(app) == ORDER  # the list
        await pilot.press("enter")  # the first partner: its name, a text area
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert footer_keys(app) == ORDER
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert footer_keys(app) == ORDER  # the interview
        await pilot.press("f3")
        await settle(pilot)
        assert footer_keys(app) == ORDER  # the review


async def test_the_worst_column_is_not_cut(opened):
    async with opened(TWO_PARTNERS, lang="fr", size=(80, 24)) as (app, pilot, _):
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#challenges", DataTable)
        worst = list(table.columns.values())[-1]
        assert str(worst.label) == "Le plus grave"
        assert worst.width >= len("Le plus grave")
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80


async def test_the_palette_lists_the_sections_in_order_once(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        await pilot.press("ctrl+p")
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        titles = [title for _, title in interview.sections(app.session.rb, "fr")]
        at = [
            next(
                i
                for i, text in enumerate(texts)
                if f"section\u00a0: {title}" in text or f"section : {title}" in text
            )
            for title in titles
        ]
        assert at == sorted(at)  # interview order, not alphabetical
        for i, title in zip(at, titles, strict=True):
            # The line under the command says where it goes, not the title again.
            assert texts[i].count(title) == 1, texts[i]


async def test_help_names_f2_once(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [str(s.render()) for s in app.screen.query(".key-line").results(Static)]
        f2 = next(line for line in lines if line.startswith("F2"))
        assert f2.count("F2") == 1, f2


async def test_the_new_risk_notice_leaves_the_answer_clear(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS + "co_construction: {form: collective_experimentation}\n")
    app = make_app(path, lang="fr")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await app.jump("agreements.written")
        await settle(pilot)
        await choose(pilot, "non")
        await settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert any("Nouveau risque" in str(t.render()) for t in toasts)
        main = app.screen.query_one("#main")
        for toast in toasts:
            assert toast.region.x >= main.region.right, (toast.region, main.region)


async def test_a_new_staff_loan_is_named_as_such(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    app = make_app(path, lang="fr", rules=default_rules())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.jump("staff_loans.list")
        await settle(pilot)
        await pilot.press("enter")  # the list's editor
        await settle(pilot)
        await pilot.press("a")  # a new loan
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        heading = str(app.screen.view.query_one(".q-heading").render())
        assert "nouveau prêt de personnel" in heading, heading
        assert "…" not in heading


async def test_conflicts_read_as_words():
    from advisor import catalogue

    for lang in ("fr", "en"):
        for state in ("present", "possible"):
            words = catalogue.text(lang, f"tui.conflict_{state}")
            assert " " in words and words != catalogue.text(lang, f"tui.{state}")


# ---- 80×24 ---------------------------------------------------------------------------


def _inside(widget, app) -> bool:
    region, screen = widget.region, app.screen.region
    return (
        region.width > 0
        and region.x >= 0
        and region.right <= screen.right
        and region.bottom <= screen.bottom - 1  # the footer's line
    )


async def test_a_list_fits_80_columns(tmp_path, make_app):
    from pathlib import Path

    from tui_helpers import cell_text

    case = Path(__file__).resolve().parents[1] / "data" / "adviser-aci-val.yaml"
    path = tmp_path / "case.yaml"
    path.write_text(case.read_text(encoding="utf-8"))
    app = make_app(path, lang="fr", rules=default_rules())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.jump("subsidies.list")
        await settle(pilot)
        await pilot.press("enter")  # the list's editor
        await settle(pilot)
        table = app.screen.query_one("#entries", DataTable)
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.size.width  # « Réponses » on screen, nothing to scroll to
        s = app.session
        for r in range(table.row_count):
            title = interview.entry_title(s.case, "money.subsidies", r, "fr", s.rb)
            assert cell_text(table.get_row_at(r)[1]) == title  # whole, wrapped
        for button in ("#add", "#edit", "#remove", "#done"):
            assert _inside(app.screen.query_one(button), app), button


async def test_a_long_question_keeps_its_buttons_on_screen(tmp_path, make_app):
    from pathlib import Path

    case = Path(__file__).resolve().parents[1] / "data" / "adviser-aci-val.yaml"
    path = tmp_path / "case.yaml"
    path.write_text(case.read_text(encoding="utf-8"))
    app = make_app(path, lang="fr", rules=default_rules())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.jump("partner.kind", 0)  # a long help and nine natures
        await settle(pilot)
        view = app.screen.view
        for part in ("#q-prev", "#q-next", ".q-hint"):
            assert _inside(view.query_one(part), app), part
        body = view.query_one(".q-body")
        hint = view.query_one(".q-hint")
        assert hint.region.y >= body.region.bottom  # the scrollbar is the body's, not over it
