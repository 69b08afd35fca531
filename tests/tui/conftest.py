"""Fixtures of the interview tests: a small frozen rules base, fixed date, app factory."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import inspect
from pathlib import Path

import pytest
from tui_helpers import TWO_PARTNERS, settle

from advisor.rulesbase import load_rules_base
from tui.app import AdvisorApp
from tui.session import Options

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 6, 1)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests in a fresh event loop (no async plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
        return True
    return None


@pytest.fixture(scope="session")
def trb():
    """The test rules base (tests/tui/rulesbase): frozen, unlike rules/."""
    return load_rules_base(HERE / "rulesbase")


@pytest.fixture
def make_app(trb):
    def make(path: Path, *, lang: str = "en", no_journal: bool = False, rules=None) -> AdvisorApp:
        options = Options(
            path=Path(path), rules=rules or trb, as_of=AS_OF, lang=lang, no_journal=no_journal
        )
        app = AdvisorApp(options, "en")
        app.animation_level = "none"  # pilot waits for animations: keep tests fast
        return app

    return make


@pytest.fixture
def opened(tmp_path, make_app):
    """``async with opened(...) as (app, pilot, path)``: a case file written in ``tmp_path``
    (``text``; ``None`` writes nothing), the interview running on it at ``size``, settled,
    then optionally the editor of list ``editor`` opened (its list question, Enter) or the
    export dialog (``export``: F5)."""

    @contextlib.asynccontextmanager
    async def open_case(
        text: str | None = TWO_PARTNERS,
        *,
        lang: str = "en",
        size: tuple[int, int] = (120, 40),
        editor: str | None = None,
        export: bool = False,
    ):
        path = tmp_path / "case.yaml"
        if text is not None:
            path.write_text(text)
        app = make_app(path, lang=lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            if editor is not None:
                await app.jump(f"{editor}.list")
                await pilot.pause()
                await pilot.press("enter")  # the list question's button opens the editor
                await settle(pilot)
            if export:
                await pilot.press("f5")
                await settle(pilot)
            yield app, pilot, path

    return open_case
