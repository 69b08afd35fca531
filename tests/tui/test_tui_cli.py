"""``advisor interview``: the case path, --serve, and no rule logic in the TUI."""

from __future__ import annotations

import builtins
from argparse import Namespace
from pathlib import Path

import pytest

from advisor.cli.interview import case_path, cmd_interview, next_free_path
from advisor.errors import UsageError
from tui.screens.flow import FlowScreen

TUI = Path(__file__).resolve().parents[2] / "tui"


def test_without_a_case_the_next_free_name_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert case_path(None) == (tmp_path / "alliance-case.yaml", True)
    (tmp_path / "alliance-case.yaml").write_text("{}")
    (tmp_path / "alliance-case-2.yaml").write_text("{}")
    assert next_free_path(tmp_path) == tmp_path / "alliance-case-3.yaml"


def test_a_case_path_must_be_a_yaml_file_in_an_existing_folder(tmp_path):
    with pytest.raises(UsageError, match="folder"):
        case_path(str(tmp_path))
    with pytest.raises(UsageError, match="does not exist"):
        case_path(str(tmp_path / "nowhere" / "case.yaml"))
    with pytest.raises(UsageError, match=".yaml"):
        case_path(str(tmp_path / "case.txt"))
    assert case_path(str(tmp_path / "new.yaml")) == (tmp_path / "new.yaml", False)


def test_serve_without_textual_serve_says_what_to_install(monkeypatch, capsys):
    real_import = builtins.__import__

    def no_textual_serve(name, *args, **kwargs):
        if name.startswith("textual_serve"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_textual_serve)
    args = Namespace(
        serve=True,
        case=None,
        lang=None,
        as_of=None,
        port=8000,
        host=None,
        journal=None,
        no_journal=False,
        rules=None,
    )
    assert cmd_interview(args) == 2
    err = capsys.readouterr().err
    assert "pip install 'alliance-advisor[serve]'" in err and "pip install textual-serve" in err


def test_tui_files_stay_small():
    sizes = {
        str(p.relative_to(TUI)): len(p.read_text("utf-8").splitlines()) for p in TUI.rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > 300} == {}


async def test_the_bundled_rules_base_can_be_walked_through(tmp_path):
    """Smoke test on the real (growing) question set: every step shows, nothing breaks."""
    import datetime as dt

    from advisor.assess import default_rules
    from advisor.errors import RulesError
    from advisor.interview import sections
    from tui.app import AdvisorApp
    from tui.session import Options

    try:
        rb = default_rules()
    except RulesError as exc:  # rules are being written in parallel
        pytest.skip(f"bundled rules base does not load: {exc}")
    app = AdvisorApp(
        Options(path=tmp_path / "case.yaml", rules=rb, as_of=dt.date(2026, 6, 1)), "fr"
    )
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, FlowScreen)
        asked = {q.section for q in screen.questions()}
        for section, _ in sections(rb, "fr"):
            if section in asked:
                await app.goto_section(section)
                await pilot.pause()
                assert screen.current.section == section
        for key in ("f3", "escape", "f4", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("ctrl+q")


def test_serve_runs_the_same_interview_through_textual_serve(tmp_path, monkeypatch, capsys):
    import datetime as dt
    import sys
    import types

    started = {}

    class Server:
        def __init__(self, command, host="localhost", port=8000, title=None):
            started.update(command=command, host=host, port=port, title=title)

        def serve(self):
            started["served"] = True

    fake = types.ModuleType("textual_serve.server")
    fake.Server = Server
    monkeypatch.setitem(sys.modules, "textual_serve", types.ModuleType("textual_serve"))
    monkeypatch.setitem(sys.modules, "textual_serve.server", fake)
    case = tmp_path / "my case.yaml"
    args = Namespace(
        serve=True,
        case=str(case),
        lang="fr",
        as_of=dt.date(2026, 6, 1),
        port=8123,
        host=None,
        journal=None,
        no_journal=True,
        rules=None,
    )
    assert cmd_interview(args) == 0
    assert started["served"] and started["port"] == 8123
    command = started["command"]
    assert "-m advisor interview" in command and "'" + str(case) + "'" in command
    assert "--lang fr" in command and "--as-of 2026-06-01" in command
    assert "--no-journal" in command and "--serve" not in command
    assert started["host"] == "127.0.0.1"  # this machine only, unless --host
    assert "http://127.0.0.1:8123/?token=" in capsys.readouterr().out
