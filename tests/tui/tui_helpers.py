"""Small helpers for driving the app in pilot tests."""

from __future__ import annotations

from tui.screens.flow import FlowScreen
from tui.widgets.answers import ChoiceAnswer, MultiAnswer, TextAnswer
from tui.widgets.risk_panel import RiskPanel

TWO_PARTNERS = """\
meta: {name: Test alliance}
partners:
  - {id: acme, name: Acme, kind: company}
  - {id: asso, name: Asso, kind: association}
"""


def current_id(app) -> str | None:
    screen = app.screen
    assert isinstance(screen, FlowScreen), f"not a question screen: {screen!r}"
    return screen.current.id if screen.current else None


async def choose(pilot, label: str) -> None:
    """Pick the choice whose label is ``label`` (Enter moves on)."""
    box = pilot.app.screen.view.query_one(ChoiceAnswer)
    labels = [o.prompt.plain[2:] for o in box.options]
    box.focus()
    box.highlighted = labels.index(label)
    await pilot.press("enter")
    await pilot.pause()


async def type_answer(pilot, text: str, enter: bool = True, keys: bool = False) -> None:
    """Put ``text`` in the typed answer (``keys``: key by key) and confirm it."""
    box = pilot.app.screen.view.query_one(TextAnswer)
    box.focus()
    if keys:
        box.value = ""
        await pilot.press(*text)
    else:
        box.value = text
        box.cursor_position = len(text)
    if enter:
        await pilot.press("enter")
    await pilot.pause()


async def tick(pilot, *labels: str) -> None:
    box = pilot.app.screen.view.query_one(MultiAnswer)
    box.focus()
    prompts = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
    for label in labels:
        box.highlighted = prompts.index(label)
        await pilot.press("space")
        await pilot.pause()


def risks(app) -> dict[str, str]:
    """Rule id -> status of the findings listed in the risk panel."""
    panel = app.screen.query_one(RiskPanel)
    by_id = {f.rule_id: f.status for f in app.session.assessment.findings}
    return {rid: by_id[rid] for rid in panel.shown_ids()}


def error_text(app) -> str:
    return str(app.screen.view.query_one(".q-error").render())
