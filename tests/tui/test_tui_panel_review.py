"""A French adviser's review of the live panel, the counters and the words around them.

1. The possible risks are shown from the answer itself (F8), and "v" still types "v".
2. Possible risks and the findings screen follow the core's ranking (flagged first).
3. Back from another screen, the risk panel is scrolled home.
4. The counter and the section list count the alliance's name; no percentage that falls.
5. Ctrl+Q's last line is in the interview's language.
6. The header names the language in words.
7. ``?`` means "unknown" on every question; Help is F1 only; Esc is not swallowed.
8. On checkboxes, the "nothing chosen" error names Space.
9. Help speaks only of what the palette offers.
10. A partner still in use: the entries that name it are a readable list.
11. The export notice gives the folder.
12. The review shows the alliance's name first.
"""

from __future__ import annotations

from argparse import Namespace

from tui_helpers import TWO_PARTNERS, answers, current_id, settle, type_answer

from advisor.catalogue import text as catalogue_text
from tui.screens.entry import EntryScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.list_editor import ListEditorScreen
from tui.screens.review import ReviewScreen
from tui.widgets.findings_list import FindingList
from tui.widgets.progress import ProgressLine
from tui.widgets.risk_panel import PanelList, RiskPanel

NBSP = "\u00a0"

MANY = """\
meta: {name: Test alliance}
partners:
  - {id: acme, name: Acme, kind: company}
  - {id: asso, name: Asso, kind: association, commercial_revenue_eur: 900000}
agreements: {written: false}
people:
  volunteers: {involved: true}
money:
  gifts:
    - {donor: acme, beneficiary: asso, amount_eur: 1000}
"""


def panel_text(app) -> str:
    return str(app.screen.query_one("#risk-empty").render())


def shown_verify(app) -> list[str]:
    panel = app.screen.query_one(PanelList)
    ids = [o.id for o in panel.options]
    start = ids.index("head:verify")
    return [i for i in ids[start + 1 :] if i in panel.by_id]


# ---- 1 -------------------------------------------------------------------------------


async def test_possible_risks_are_shown_from_the_answer_and_v_still_types(opened):
    async with opened(MANY, lang="fr") as (app, pilot, _):
        panel = app.screen.query_one(RiskPanel)
        verify = [f for f in app.session.assessment.findings if f.status == "to_verify"]
        assert verify and not panel.with_to_verify
        assert "F8" in panel_text(app) and "V pour" not in panel_text(app)
        box = app.screen.view.typed_box()
        assert box is not None and app.focused is box  # the answer has the focus
        await pilot.press("end", "v")
        await pilot.pause()
        assert box.text.endswith("v") and not panel.with_to_verify  # "v" is typed
        await pilot.press("f8")
        await pilot.pause()
        assert panel.with_to_verify and app.focused is box
        assert set(shown_verify(app)) == {f.rule_id for f in verify}
        await pilot.press("f8")
        await pilot.pause()
        assert not panel.with_to_verify


# ---- 2 -------------------------------------------------------------------------------


async def test_possible_risks_follow_the_cores_ranking(opened):
    async with opened(MANY, lang="fr") as (app, pilot, _):
        s = app.session
        a = s.assessment
        verify = [f for f in a.findings if f.status == "to_verify"]
        assert len(verify) >= 2
        # Whatever the core's order, the panel keeps it (here: the core's order reversed).
        flagged = [f for f in a.findings if f.status == "flagged"]
        reordered = a.model_copy(update={"findings": flagged + verify[::-1]})
        panel = app.screen.query_one(RiskPanel)
        panel.with_to_verify = True
        panel.show(reordered, "fr", previous=a, questions=s.next_questions())
        assert shown_verify(app) == [f.rule_id for f in verify[::-1]]


async def test_the_findings_list_puts_flagged_first_in_the_cores_order(opened):
    async with opened(MANY, lang="fr") as (app, pilot, _):
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        a = app.session.assessment
        ranked = [f for f in a.findings if f.status == "flagged"]
        ranked += [f for f in a.findings if f.status == "to_verify"]
        shown = app.screen.query_one(FindingList)
        ids = [o.id for o in shown.options if o.id in shown.by_id]
        assert ids == [f.rule_id for f in ranked]
        # a list whose core order is another one follows it too
        reordered = a.model_copy(update={"findings": a.findings[::-1]})
        shown.show(reordered, "fr", detailed=True)
        ids = [o.id for o in shown.options if o.id in shown.by_id]
        flagged_first = [f for f in reordered.findings if f.status == "flagged"]
        flagged_first += [f for f in reordered.findings if f.status == "to_verify"]
        assert ids == [f.rule_id for f in flagged_first]


# ---- 3 -------------------------------------------------------------------------------


async def test_the_panel_is_scrolled_home_after_another_screen(opened):
    async with opened(MANY, lang="fr", size=(80, 24)) as (app, pilot, _):
        for keys in (("f4", "escape"), ("f2", "f2")):
            await pilot.press("f8")
            await settle(pilot)
            panel = app.screen.query_one(PanelList)
            assert panel.max_scroll_y > 0
            panel.scroll_end(animate=False)
            await pilot.pause()
            assert panel.scroll_y > 0
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            panel = app.screen.query_one(PanelList)
            assert panel.scroll_y == 0, keys
            await pilot.press("f8")
            await settle(pilot)


# ---- 4 -------------------------------------------------------------------------------


def progress_text(app) -> str:
    return str(app.screen.query_one(ProgressLine).query_one("#progress-label").render())


async def test_the_counter_counts_the_name_and_says_what_is_left(opened):
    async with opened("partners: []\n", lang="fr") as (app, pilot, _):
        assert current_id(app) == "alliance.name"
        before = progress_text(app)
        await type_answer(pilot, "Vélo Solidaire")
        await settle(pilot)
        after = progress_text(app)
        tally = app.session.tally()
        assert after.startswith("1 réponse") and before.startswith("0 réponse"), (before, after)
        left = tally.asked + 1 - (tally.answered + 1)
        assert f"{left} questions restantes" in after
        assert not app.screen.query_one(ProgressLine).query_one("#progress-bar").show_percentage


def section_totals(app) -> tuple[int, int]:
    rows = app.screen.section_counts()
    return sum(r[2] for r in rows), sum(r[3] for r in rows)


async def test_the_sections_count_the_name_as_the_counter_does(opened):
    async with opened("partners: []\n", lang="fr") as (app, pilot, _):
        # The session's tally is the interview's one count: the name included.
        tally = app.session.tally()
        assert section_totals(app) == (tally.answered, tally.asked)
        first = app.screen.section_counts()[0]
        await type_answer(pilot, "Vélo Solidaire")
        await settle(pilot)
        after = app.session.tally()
        assert (after.answered, after.asked) == (tally.answered + 1, tally.asked)
        assert section_totals(app) == (after.answered, after.asked)
        assert app.screen.section_counts()[0][2] == first[2] + 1
        assert progress_text(app).startswith(f"{after.answered} réponse")


async def test_the_counter_in_english(opened):
    async with opened(TWO_PARTNERS) as (app, pilot, _):
        tally = app.session.tally()
        text = progress_text(app)
        assert text.startswith(f"{tally.answered} answered")
        assert f"{tally.asked - tally.answered} to go" in text


# ---- 5 -------------------------------------------------------------------------------


def test_the_last_line_is_in_the_interviews_language(tmp_path, monkeypatch, capsys, trb):
    import datetime as dt

    from advisor.cli import interview as cli
    from tui.app import AdvisorApp

    monkeypatch.setattr(AdvisorApp, "run", lambda self: None)
    monkeypatch.setattr(cli, "rules_base", lambda args: trb)
    case = tmp_path / "case.yaml"
    case.write_text(TWO_PARTNERS)
    for lang, words in (("fr", "dossier enregistré"), ("en", "case saved in")):
        args = Namespace(
            serve=False,
            host=None,
            case=str(case),
            lang=lang,
            as_of=dt.date(2026, 6, 1),
            journal=None,
            no_journal=True,
            rules=None,
        )
        assert cli.cmd_interview(args) == 0
        out = capsys.readouterr().out
        assert words in out and str(case) in out, out


# ---- 6 -------------------------------------------------------------------------------


async def test_the_header_names_the_language_in_words(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        assert "français (choisi par --lang)" in app.sub_title
        assert "FR (" not in app.sub_title
        await pilot.press("f2")
        await settle(pilot)
        assert "English (chosen with F2)" in app.sub_title


# ---- 7 -------------------------------------------------------------------------------


async def test_question_mark_means_unknown_on_a_choice_and_esc_still_goes_back(opened):
    gift = TWO_PARTNERS + "money:\n  gifts:\n    - {donor: acme, beneficiary: asso}\n"
    async with opened(gift, lang="fr") as (app, pilot, path):
        await app.jump("gift.kind", 0)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntryScreen) and current_id(app) == "gift.kind"
        await pilot.press("question_mark")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert "money.gifts[0].kind" in answers(path)["meta"].get("unknown", [])
        assert app.screen is screen and current_id(app) == "gift.amount"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)  # Esc went back, not swallowed


async def test_question_mark_ticks_unknown_on_checkboxes_and_f1_is_help(opened):
    async with opened(TWO_PARTNERS) as (app, pilot, path):
        await app.jump("alliance.modalities")
        await settle(pilot)
        assert current_id(app) == "alliance.modalities"
        await pilot.press("question_mark")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert "co_construction.modalities" in answers(path)["meta"].get("unknown", [])
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # Help closes with Esc or F1 only
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert current_id(app) == "alliance.modalities"


# ---- 8 -------------------------------------------------------------------------------


async def test_the_checkbox_error_names_space(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        await app.jump("alliance.modalities")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.view.query_one(".q-error").render())
        assert "Espace" in error and "↑↓ puis Entrée" not in error


# ---- 9 -------------------------------------------------------------------------------


async def test_help_speaks_only_of_what_the_palette_offers(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        await pilot.press("f1")
        await settle(pilot)
        words = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "thème" not in words.lower()
    for lang in ("fr", "en"):
        assert "th" + "eme" not in catalogue_text(lang, "tui.c_palette").lower().replace("è", "e")


# ---- 10 ------------------------------------------------------------------------------


async def test_a_partner_in_use_names_its_entries_as_a_list(opened):
    from tui.screens.dialogs import ConfirmDialog, ErrorDialog

    case = TWO_PARTNERS.replace("meta: {name: Test alliance}", "meta: {name: T}") + (
        "money:\n  gifts:\n"
        "    - {donor: acme, beneficiary: asso}\n"
        "    - {donor: asso, beneficiary: acme}\n"
    )
    async with opened(case, lang="fr", editor="partners") as (app, pilot, _):
        assert isinstance(app.screen, ListEditorScreen)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        message = str(app.screen.query_one("#dialog-message").render())
        assert ");" not in message and "; " not in message
        lines = message.splitlines()
        assert "• Dons (Acme → Asso)" in lines and "• Dons (Asso → Acme)" in lines, lines


# ---- 11 ------------------------------------------------------------------------------


async def test_the_export_notice_gives_the_folder(opened, tmp_path, monkeypatch):
    from tui.screens.export import ExportResult

    monkeypatch.chdir(tmp_path)
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        # in the current folder: the folder is said all the same, as one would type it
        app._exported(ExportResult(written=[tmp_path / "m.pdf", tmp_path / "m.md"], failed=[]))
        await settle(pilot)
        # in a folder below: its path from here
        app._exported(ExportResult(written=[tmp_path / "out" / "m.md"], failed=[]))
        await settle(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert f"Exporté dans {tmp_path}/{NBSP}: m.pdf, m.md" in notes, notes
        assert f"Exporté dans out/{NBSP}: m.md" in notes, notes


# ---- 12 ------------------------------------------------------------------------------


async def test_the_review_shows_the_alliance_name_first(opened):
    async with opened(TWO_PARTNERS, lang="fr") as (app, pilot, _):
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        from textual.widgets import DataTable
        from tui_helpers import table_rows

        rows = table_rows(app.screen.query_one(DataTable))
        first = next(r for r in rows if r[1])
        assert "Test alliance" in first[1] and "alliance" in first[0].lower(), rows[:3]
        await pilot.press("enter")
        await settle(pilot)
        assert current_id(app) == "alliance.name"
