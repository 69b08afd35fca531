"""The export dialog (F5) as a user fills it: cover names, then file, then formats; the
focused field is marked; a first key never wipes the file name; nothing typed is lost when
the dialog closes and opens again (issue 12, adviser's report A)."""

from __future__ import annotations

from textual.widgets import Checkbox, Input
from tui_helpers import settle

from tui.screens.export import ExportScreen


def _marked(app) -> list[str]:
    return [w.id for w in app.screen.query(".field-label.-focused")]


async def test_tab_order_follows_the_form_and_focus_is_marked(opened):
    async with opened(lang="fr", export=True) as (app, pilot, _):
        assert isinstance(app.screen, ExportScreen)
        order = []
        for _ in range(5):
            order.append(app.focused.id)
            if isinstance(app.focused, Input):
                assert _marked(app) == [f"{app.focused.id}-label"]  # seen without colour
            await pilot.press("tab")
            await settle(pilot)
        assert order == ["cover-adviser", "cover-client", "cover-name", "export-path", "fmt-pdf"]
        assert _marked(app) == []  # a checkbox shows its own focus


async def test_a_first_key_never_replaces_the_file_name(tmp_path, opened):
    async with opened(lang="fr", size=(80, 24), export=True) as (app, pilot, _):
        await pilot.press("tab", "tab", "tab", "Z")  # to the file name, then one key
        await settle(pilot)
        box = app.screen.query_one("#export-path", Input)
        assert app.focused is box
        assert box.value == str(tmp_path / "case.memo") + "Z"
        await pilot.press("shift+tab", "x")  # back to the (named) alliance
        await settle(pilot)
        assert app.screen.query_one("#cover-name", Input).value == "Test alliancex"


async def test_what_is_typed_survives_closing_and_reopening(tmp_path, opened):
    async with opened(lang="fr", export=True) as (app, pilot, path):
        before = path.read_bytes()
        await pilot.press(*"Me Durand", "tab", *"Mairie", "tab", "tab", "backspace", "tab")
        await pilot.press("space")  # PDF unticked
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#cover-adviser", Input).value == "Me Durand"
        assert screen.query_one("#cover-client", Input).value == "Mairie"
        assert screen.query_one("#export-path", Input).value == str(tmp_path / "case.mem")
        assert screen.query_one("#fmt-pdf", Checkbox).value is False
        assert screen.query_one("#fmt-md", Checkbox).value is True
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_bytes() == before  # closing is not exporting: nothing written


async def test_enter_on_a_format_exports_and_space_ticks(tmp_path, opened):
    """The adviser's fourth review: Enter on a format's tick (to export) unticked it and
    exported nothing. Space ticks; Enter exports what is ticked, as from any field."""
    async with opened(lang="fr", export=True) as (app, pilot, path):
        screen = app.screen
        screen.query_one("#fmt-json", Checkbox).focus()
        await settle(pilot)
        await pilot.press("space")  # JSON unticked
        await settle(pilot)
        assert screen.query_one("#fmt-json", Checkbox).value is False
        screen.query_one("#fmt-pdf", Checkbox).focus()
        await settle(pilot)
        await pilot.press("space", "enter")  # PDF unticked too, then export: Markdown only
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        written = sorted(p.name for p in tmp_path.iterdir() if ".memo" in p.name)
        assert written == ["case.memo.md"], written
