"""Small helpers for driving the app in pilot tests."""

from __future__ import annotations

from tui.screens.flow import FlowScreen
from tui.widgets.answers import ChoiceAnswer, MultiAnswer
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
    box = pilot.app.screen.view.typed_box()
    box.focus()
    await pilot.pause()
    if keys:
        box.text = ""
        await pilot.press(*text)
    else:
        box.text = text
    if enter:
        await pilot.press("enter")
    await pilot.pause()


async def tick(pilot, *labels: str) -> None:
    box = pilot.app.screen.view.query_one(MultiAnswer)
    box.focus()
    prompts = [box.get_option_at_index(i).prompt.plain[2:] for i in range(box.option_count)]
    for label in labels:
        box.highlighted = prompts.index(label)
        await pilot.press("space")
        await pilot.pause()


def risks(app) -> dict[str, str]:
    """Rule id -> status of the issues listed in the risk panel, possible risks shown (V)."""
    panel = app.screen.query_one(RiskPanel)
    if not panel.with_to_verify:
        panel.action_toggle_to_verify()
    by_id = {f.rule_id: f.status for f in app.session.assessment.findings}
    return {rid: by_id[rid] for rid in panel.shown_ids()}


def error_text(app) -> str:
    return str(app.screen.view.query_one(".q-error").render())


def _key_event(key: str):
    """The event Textual makes for ``key`` (``?`` is the key ``question_mark``, as a
    terminal sends it: a hand-made ``Key("?")`` would match no binding)."""
    from textual import events
    from textual.keys import _character_to_key

    char = {"space": " "}.get(key, key if len(key) == 1 else None)
    name = _character_to_key(key) if len(key) == 1 else key
    return events.Key(name, char)


async def settle(pilot, rounds: int = 40) -> None:
    """Let every message (and every held key) be processed: a bounded number of rounds,
    each waiting for the screen's queues to empty; never a delay."""
    app = pilot.app
    for n in range(rounds):
        await pilot.pause()
        held = getattr(app, "_held", [])
        ready = getattr(app.screen, "accepting_keys", True)
        if n >= 3 and not held and ready:
            break


async def type_ahead(pilot, *keys: str) -> None:
    """Press ``keys`` as a fast typist does: every key is queued before the app has
    processed the first one (nothing waits for the screen in between)."""
    for key in keys:
        pilot.app.post_message(_key_event(key))
    await settle(pilot)


def answers(path) -> dict:
    """The case file's content without the interview position (what was answered)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    data = data or {}
    data.get("meta", {}).pop("progress", None)
    return data


def cell_text(cell) -> str:
    """The words of a DataTable cell (text, or text padded by an indent)."""
    inner = getattr(cell, "renderable", cell)
    return getattr(inner, "plain", str(inner))


def table_rows(table) -> list[list[str]]:
    return [[cell_text(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
