"""Issue 12, the adviser's third review: at 80×24 a long help text leaves a list of
choices two lines, and ↓ moved the cursor (and Space ticked) options below the screen's
bottom edge: the file held a choice the adviser never saw. The option under the cursor is
now always on screen, in a single and a multiple choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import choose, settle

from advisor.assess import default_rules
from tui.widgets.answers import _Options
from tui.widgets.risk_panel import PanelList, RiskPanel

PARTNERS = """\
meta: {name: Test alliance}
partners:
  - {id: acme, name: Acme}
"""


@pytest.fixture(scope="module")
def real():
    return default_rules()


def _cursor_on_screen(options: _Options) -> bool:
    body = next(a for a in options.ancestors if a.has_class("q-body"))
    options._update_lines()
    i = options.highlighted
    top = options.content_region.y + options._index_to_line[i] - round(options.scroll_y)
    view = body.scrollable_content_region
    return view.y <= top and top + options._heights[i] <= view.bottom


@pytest.mark.parametrize(
    "question, entry", [("alliance.modalities", None), ("partner.kind", 0)], ids=["multi", "one"]
)
async def test_the_option_under_the_cursor_is_on_screen_at_80x24(
    tmp_path, make_app, real, question, entry
):
    path = tmp_path / "case.yaml"
    path.write_text(PARTNERS)
    app = make_app(path, lang="fr", rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.jump(question, entry)
        await settle(pilot)
        options = app.screen.view.query_one(_Options)
        assert options.has_focus
        for n in range(options.option_count):
            await pilot.press("down")
            await settle(pilot)
            assert options.highlighted == n
            assert _cursor_on_screen(options), (n, options.get_option_at_index(n).prompt)
        for n in reversed(range(options.option_count - 1)):
            await pilot.press("up")
            await settle(pilot)
            assert _cursor_on_screen(options), (n, options.get_option_at_index(n).prompt)


#: The bundled example the review used: its long entry headings leave the question less room.
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "silver-geek.yaml"
#: An answer that raises, in that example, a risk listed after the others.
QUESTION, ANSWER = "volunteers.valued_in_accounts", "non"


@pytest.mark.parametrize(
    "question, entry, text",
    [("gift.counterparts", 0, None), ("partner.kind", 0, None)],
    ids=["amount", "choice"],
)
async def test_the_answer_box_shows_under_a_long_help_at_80x24(
    tmp_path, make_app, real, question, entry, text
):
    """The adviser's third review: under a long help text the answer box was below the
    question's visible part; the saved « 2000 » did not show and what was typed went in
    blind, or no choice showed at all. The first lines of the answer box now show."""
    path = tmp_path / "case.yaml"
    path.write_text(text if text is not None else EXAMPLE.read_text(encoding="utf-8"))
    app = make_app(path, lang="fr", rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.jump(question, entry)
        await settle(pilot)
        view = app.screen.view
        body = view.query_one(".q-body")
        answer = view.answer_widget()
        seen = body.scrollable_content_region
        assert seen.y <= answer.region.y and answer.region.y + 1 <= seen.bottom, (
            answer.region,
            seen,
        )


async def test_a_new_risk_is_under_the_panel_s_cursor_and_in_view(tmp_path, make_app, real):
    """The adviser's fourth review: at 80×24 an answer raised a risk the panel's list had
    scrolled past; its « ★ nouveau » line showed just above the next risk, as if it marked
    that one. The cursor (and the view) go to the risk the answer raised."""
    path = tmp_path / "case.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"))
    app = make_app(path, lang="fr", rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(RiskPanel)
        before = set(panel.shown_ids())
        await app.jump(QUESTION)
        await settle(pilot)
        await choose(pilot, ANSWER)
        await settle(pilot)
        panel = app.screen.query_one(RiskPanel)  # the screen the answer was given on
        new = [i for i in panel.shown_ids() if i not in before]
        assert new, "the answer raised no risk: the test needs another answer"
        options = panel.query_one(PanelList)
        assert options.highlighted_option.id == new[0]
        options._update_lines()
        i = options.highlighted
        top = options._index_to_line[i] - round(options.scroll_y)
        assert 0 <= top and top + options._heights[i] <= options.scrollable_content_region.height


async def test_a_stored_choice_shows_with_the_question_at_80x24(tmp_path, make_app, real):
    """The answer box shows its first lines only (the question above stays in view), but
    a choice already answered shows the option chosen: what the file holds is on screen."""
    path = tmp_path / "case.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"))
    app = make_app(path, lang="fr", rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.jump("partner.company_size", 0)  # Orange: « grande entreprise », the 4th of 5
        await settle(pilot)
        options = app.screen.view.query_one(_Options)
        assert options.highlighted is not None
        assert _cursor_on_screen(options)
