"""No confirmed text is ever lost, whatever keys are typed and however fast (hypothesis).

Random key sequences are replayed twice on a small case: key by key, letting the app finish
each one (a slow typist), and all at once, every key queued before the app handles the
first (a fast typist, or a slow refresh). In the slow run, every text confirmed (Enter,
PgUp, PgDn or Esc with text that parses) must be in the file; and the fast run must leave
exactly the same file.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tui_helpers import TWO_PARTNERS, answers, settle, type_ahead

from advisor import interview
from advisor.casefile import load_case
from advisor.interview import AnswerError
from tui.screens.flow import FlowScreen
from tui.widgets.question import TYPED

START = TWO_PARTNERS.replace(
    "meta: {name: Test alliance}",
    "meta:\n  name: Test alliance\n  progress: {question: alliance.purpose}",
)
KEYS = st.lists(
    st.sampled_from(
        ["a", "1", "2", "?", "space", "backspace", "ctrl+u", "enter", "enter", "pageup"]
        + ["pagedown", "down", "up", "escape"]
    ),
    min_size=1,
    max_size=10,
)
COMMITS = {"enter", "pageup", "pagedown", "escape"}


async def _slow(make_app, path: Path, keys: list[str]) -> dict[str, tuple[object, object]]:
    """Press each key and wait; return what was confirmed, question by question."""
    confirmed: dict[str, tuple[object, object]] = {}
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in keys:
            screen = app.screen
            view = screen.view if isinstance(screen, FlowScreen) else None
            box = view.typed_box() if view is not None and view.kind in TYPED else None
            text = box.text if box is not None else None
            changed = box is not None and box.changed and screen.focused is box
            await pilot.press(key)
            await settle(pilot)
            if key in COMMITS and changed:
                try:
                    confirmed[view.question.id] = (view.question, view.parse(text))
                except AnswerError:
                    pass  # refused, and said under the input: nothing was confirmed
    return confirmed


async def _fast(make_app, path: Path, keys: list[str]) -> None:
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_ahead(pilot, *keys)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(keys=KEYS)
# "?" opens the help over a choice question: what is typed next goes to the help, for a
# fast typist too (found when the fast run's "?" was not the key a terminal sends).
@example(keys=["a", "pagedown", "a", "backspace", "space", "?", "pageup", "?", "pageup", "enter"])
# Esc keeps what was typed on the interview's own screen too (it went nowhere, unsaved).
@example(keys=["a", "escape"])
# The name emptied then confirmed: a name cannot be unknown, so it is refused and kept.
@example(keys=["up", "a", "pageup", "a", "a", "ctrl+u", "up", "pagedown"])
# Space on a choice, then Enter: the Space came back up unhandled after Enter had put the
# next question on screen, and ticked its first box (found by hypothesis under load).
@example(keys=["pagedown", "down", "space", "enter"])
def test_no_confirmed_text_is_lost(make_app, trb, keys):
    with tempfile.TemporaryDirectory() as folder:
        slow, fast = Path(folder) / "slow.yaml", Path(folder) / "fast.yaml"
        slow.write_text(START)
        fast.write_text(START)
        confirmed = asyncio.run(_slow(make_app, slow, keys))
        case = load_case(slow)
        for qid, (q, value) in confirmed.items():  # the question shown (the name's too)
            assert interview.get_answer(case, q) == value, f"{qid}: {keys}"
            if value is None:
                assert interview.answer_state(case, q) == "unknown", f"{qid}: {keys}"
        asyncio.run(_fast(make_app, fast, keys))
        assert answers(fast) == answers(slow), keys
        assert load_case(fast).meta.progress == case.meta.progress, keys
