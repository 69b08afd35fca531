"""Snapshots of the main screens at 80×24 and 120×40 (fixed case, date and rules base).

Update them after a deliberate change of the interface with
``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL, LARGE = (80, 24), (120, 40)

CASE = """\
meta:
  name: Tiers-lieu
  progress: {question: agreements.written}
partners:
  - {id: acme, name: "Acme [b]SA[/b]", kind: company}
  - {id: asso, name: Unis-Cité, kind: association, commercial_revenue_eur: 90000}
agreements: {written: false}
people: {volunteers: {involved: true, flat_rate_allowances: true}}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
"""


@pytest.fixture
def app(tmp_path, monkeypatch, make_app):
    """The app on a fixed case, opened by a relative path (the header shows ``case.yaml``)."""
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(CASE, encoding="utf-8")
    return make_app(Path("case.yaml"), no_journal=True)


def _then(*keys: str, jump: tuple | None = None):
    async def run_before(pilot) -> None:
        await pilot.pause()
        if jump:
            await pilot.app.jump(*jump)
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_interview(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_then())


def test_interview_french_entry(snap_compare, app):
    app.session.set_lang("fr")
    assert snap_compare(app, terminal_size=SMALL, run_before=_then(jump=("gift.counterparts", 0)))


def test_list_editor(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=_then("enter", jump=("gifts.list",)))


def test_findings(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE, run_before=_then("f4"))


def test_finding_detail(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE, run_before=_then("f4", "enter"))


def test_review(snap_compare, app):
    assert snap_compare(app, terminal_size=LARGE, run_before=_then("f3"))


def test_broken_file(snap_compare, tmp_path, monkeypatch, make_app):
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text("agreements: {written: perhaps}\n", encoding="utf-8")
    assert snap_compare(make_app(Path("broken.yaml")), terminal_size=SMALL, run_before=_then())
