"""Never lose an answer: broken files, export, journal, quitting."""

from __future__ import annotations

import json
import shutil

from tui_helpers import TWO_PARTNERS, choose, settle, type_ahead, type_answer

from advisor.casefile import load_case
from advisor.journal import Journal
from tui.screens.dialogs import ConfirmDialog, ErrorDialog
from tui.screens.export import ExportScreen

BROKEN = TWO_PARTNERS + "agreements: {written: perhaps}\n"


async def test_a_broken_case_file_is_shown_and_never_overwritten(tmp_path, make_app):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        message = str(app.screen.query_one("#dialog-message").render())
        assert "broken.yaml" in message and "agreements.written" in message
        await pilot.press("f3", "f5", "pagedown")  # nothing opens behind the dialog
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        await pilot.press("enter")  # the only button: quit
        await pilot.pause()
    assert app.return_code == 2
    assert path.read_bytes() == before


async def test_a_yaml_syntax_error_is_shown_too(tmp_path, make_app):
    path = tmp_path / "syntax.yaml"
    path.write_bytes(b"partners: [\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "syntax.yaml" in str(app.screen.query_one("#dialog-message").render())
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert path.read_bytes() == b"partners: [\n"


async def test_export_writes_the_memo_and_journals_the_assessment(
    tmp_path, make_app, _isolated_journal
):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    app = make_app(path)
    out = tmp_path / "out"
    out.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("agreements.written")
        await pilot.pause()
        await choose(pilot, "no")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        box = app.screen.query_one("#export-path")
        assert box.value == str(tmp_path / "case.memo")  # default: next to the case
        box.value = str(out / "memo")
        app.screen.query_one("#cover-adviser").value = "Me Durand"
        await pilot.click("#go")
        await pilot.pause()
        failed = ""
        if isinstance(app.screen, ErrorDialog):  # a renderer not written yet
            failed = str(app.screen.query_one("#dialog-message").render())
            await pilot.press("enter")
            await pilot.pause()
    memo = json.loads((out / "memo.json").read_text())
    assert "legal.convention.no-written-agreement" in json.dumps(memo)
    for fmt, ext in (("pdf", ".pdf"), ("md", ".md")):
        written = out / f"memo{ext}"
        assert (written.exists() and written.stat().st_size > 0) or f"{fmt}:" in failed
    assert load_case(path).meta.adviser == "Me Durand"  # on the memo cover, and kept
    entries = Journal.open(_isolated_journal).entries()
    assert entries and entries[0].source == "interview"


async def test_quit_records_the_journal_and_asks_only_for_unconfirmed_input(
    tmp_path, make_app, _isolated_journal
):
    path = tmp_path / "case.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("alliance.purpose")
        await pilot.pause()
        await type_answer(pilot, "typed, not confirmed", enter=False)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the typed text would be lost
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # confirm it: saved
        await pilot.pause()
        await pilot.press("ctrl+q")  # nothing unsaved: no question
        await pilot.pause()
    assert app.return_code == 0
    assert "typed, not confirmed" in path.read_text()
    assert Journal.open(_isolated_journal).entries()[0].case_name == "Untitled alliance"


async def test_no_journal_option(tmp_path, make_app, _isolated_journal):
    app = make_app(tmp_path / "case.yaml", no_journal=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    assert not _isolated_journal.exists() or not Journal.open(_isolated_journal).entries()


def _stack(app) -> list[str]:
    """The screens, bottom to top, with each dialog's message: what a failure shows."""
    return [
        type(sc).__name__ + (f" ({sc.message[:80]!r})" if hasattr(sc, "message") else "")
        for sc in app.screen_stack
    ]


async def test_a_failed_save_is_reported_and_the_answer_kept(tmp_path, make_app):
    folder = tmp_path / "gone"
    folder.mkdir()
    path = folder / "case.yaml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("alliance.purpose")
        await settle(pilot)
        shutil.rmtree(folder)  # the folder (case lock included) disappears under the interview
        await type_answer(pilot, "Tiers-lieu")
        await settle(pilot)  # until the dialog has the focus (keys are held until then)
        assert [type(sc) for sc in app.screen_stack][-1] is ErrorDialog, _stack(app)
        await pilot.press("enter")
        await settle(pilot)  # the dialog closed and the next question shown, under load too
        assert not any(isinstance(sc, ErrorDialog) for sc in app.screen_stack), _stack(app)
        assert app.session.case.co_construction.purpose == "Tiers-lieu"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), _stack(app)  # unsaved: asks first
        await pilot.click("#yes")


async def test_an_enter_typed_as_an_error_appears_closes_it(tmp_path, make_app):
    """An adviser presses Enter as an error dialog appears: the Enter reaches the dialog
    once its button has the focus (typed before, it was lost and the dialog stayed open;
    the failed-save test above failed so under load)."""
    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.show_error("Le dossier n'a pas pu être enregistré", "disque plein")
        await type_ahead(pilot, "enter")  # queued before the dialog is composed
        assert not any(isinstance(sc, ErrorDialog) for sc in app.screen_stack), _stack(app)
        app.show_error("Le dossier n'a pas pu être enregistré", "disque plein")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)  # and one shown without a key stays


async def test_a_read_only_interview_says_so_once_in_its_language(tmp_path, make_app):
    """Issue 12 (report D): the case held by another interview. Said once at the opening
    (who and since when), in French; « lecture seule » in the header; answers are kept in
    memory, counted as not saved, with no error dialog after each one."""
    import subprocess
    import sys

    from textual.widgets import Static

    from tui.widgets.progress import ProgressLine

    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS)
    holder = (  # another interview: a process that takes the lock and keeps it until told
        "import sys\nfrom advisor.casefile_lock import CaseLock\n"
        "lock = CaseLock(sys.argv[1])\n"
        "print('free' if lock.acquire() is None else 'busy', flush=True)\n"
        "sys.stdin.readline()\nlock.release()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "free"  # waits for its report, not a delay
    try:
        app = make_app(path, lang="fr")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ErrorDialog)
            said = str(app.screen.query_one("#dialog-message").render())
            title = str(app.screen.query_one(".dialog-title").render())
            assert title == "Dossier en lecture seule"  # not « could not be saved »
            assert f"processus {other.pid} sur" in said and "depuis le " in said
            assert "process " not in said and "read-only" not in said
            await pilot.press("enter")
            await pilot.pause()
            assert "lecture seule" in app.sub_title
            await app.jump("agreements.written")
            await pilot.pause()
            await choose(pilot, "non")
            assert not isinstance(app.screen, ErrorDialog)  # no dialog after an answer
            await choose(pilot, "non")
            assert not isinstance(app.screen, ErrorDialog)
            label = str(app.screen.query_one(ProgressLine).query_one(Static).render())
            assert "non enregistrées" in label
            assert app.session.case.agreements.written is False
        assert path.read_text() == TWO_PARTNERS
    finally:
        other.stdin.write("\n")
        other.stdin.flush()
        other.wait()


async def test_a_text_area_drawn_before_it_is_styled_draws_blank_lines(tmp_path, make_app):
    """A loaded full run stopped once with Textual's ``KeyError: No 'text-area--gutter'
    key`` (textualize/textual#6208): a text area asked to draw itself while it has no
    component styles (not styled yet, or removed when the next question replaced it). It
    draws blank lines instead; once styled it draws its text."""
    from textual.geometry import Region

    from tui.widgets.answers import LongTextAnswer

    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.jump("alliance.purpose")
        await pilot.pause()
        box = app.screen.view.typed_box()
        assert isinstance(box, LongTextAnswer)
        box.text = "Tiers-lieu"
        drawn = box.render_lines(Region(0, 0, 20, 2))
        assert "Tiers-lieu" in drawn[0].text
        box._component_styles.clear()  # what Textual does when it removes a widget
        assert [s.text for s in box.render_lines(Region(0, 0, 20, 2))] == [" " * 20] * 2
