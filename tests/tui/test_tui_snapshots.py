"""Snapshots of the main screens at 80×24 and 200×60, in French and English (fixed case,
date and rules base): the interview with its risk panel, the review, the findings; and a
few more screens at one size.

Update them after a deliberate change of the interface with
``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and look at each SVG.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL, LARGE = (80, 24), (200, 60)
SIZES = [SMALL, LARGE]
LANGS = ["fr", "en"]

CASE = """\
meta:
  name: Tiers-lieu
  progress: {question: agreements.written}
  unknown: [co_construction.start_date]
partners:
  - {id: acme, name: "Acme [b]SA[/b]", kind: company}
  - {id: asso, name: Unis-Cité, kind: association}
co_construction:
  purpose: Un tiers-lieu numérique où les jeunes du quartier réparent et prêtent du matériel
  form: collective_experimentation
agreements: {written: false}
people: {volunteers: {involved: true}}
money:
  gifts:
    - {donor: acme, beneficiary: asso, kind: cash, amount_eur: 10000, counterparts_eur: 4000}
"""


@pytest.fixture
def app(tmp_path, monkeypatch, make_app):
    """The app on a fixed case, opened by a relative path (the header shows ``case.yaml``)."""
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(CASE, encoding="utf-8")

    def make(lang: str = "en"):
        made = make_app(Path("case.yaml"), lang=lang, no_journal=True)
        made.notify = lambda *args, **kwargs: None  # toasts fade on their own clock
        return made

    return make


def _then(*keys: str, jump: tuple | None = None):
    async def run_before(pilot) -> None:
        from tui_helpers import settle

        await settle(pilot)
        if jump:
            await pilot.app.jump(*jump)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


def _ids(size) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_interview_and_panel(snap_compare, app, size, lang):
    assert snap_compare(app(lang), terminal_size=size, run_before=_then())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_review(snap_compare, app, size, lang):
    assert snap_compare(app(lang), terminal_size=size, run_before=_then("f3"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_findings(snap_compare, app, size, lang):
    assert snap_compare(app(lang), terminal_size=size, run_before=_then("f4"))


def test_interview_french_entry(snap_compare, app):
    assert snap_compare(
        app("fr"), terminal_size=SMALL, run_before=_then(jump=("gift.counterparts", 0))
    )


def test_list_editor(snap_compare, app):
    assert snap_compare(app(), terminal_size=SMALL, run_before=_then("enter", jump=("gifts.list",)))


def test_finding_detail(snap_compare, app):
    assert snap_compare(app("fr"), terminal_size=(120, 40), run_before=_then("f4", "enter"))


def test_priorities(snap_compare, app):
    assert snap_compare(app("fr"), terminal_size=SMALL, run_before=_then("f7"))


def test_broken_file(snap_compare, tmp_path, monkeypatch, make_app):
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text("agreements: {written: perhaps}\n", encoding="utf-8")
    app = make_app(Path("broken.yaml"), lang="fr")
    assert snap_compare(app, terminal_size=SMALL, run_before=_then())
