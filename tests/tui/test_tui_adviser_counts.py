"""A French adviser's run in tmux (real rules base): counts, the end of the sequence,
resuming, a finding's evidence.

1. After the last question, questions still open earlier on (follow-up questions an
   answer brought in an earlier section) are counted and PgDn goes to the first one.
2. The heading's total, the progress line, the sections, the lists and the review say
   the same count (the core's one tally).
3. A case with no saved position opens on its first open question.
4. Esc after following an evidence line from a risk comes back to that risk.
5. Derived facts in a finding's evidence say they are deduced from the answers.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tui_helpers import cell_text, current_id, settle

from advisor import catalogue
from advisor.assess import default_rules
from tui.entries import ALLIANCE_NAME
from tui.screens.entry import EditScreen, EntryScreen
from tui.screens.finding_detail import FindingDetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.list_editor import ListEditorScreen
from tui.screens.review import ReviewScreen
from tui.widgets.findings_list import FindingList
from tui.widgets.progress import SectionNav

ROOT = Path(__file__).resolve().parents[2]
SILVER = ROOT / "examples" / "silver-geek.yaml"
ACI = ROOT / "tests" / "data" / "adviser-aci-val.yaml"
"""The adviser's own case (an ACI and its partners), as they saved it."""


@pytest.fixture(scope="module")
def real():
    return default_rules()


def _copy(src: Path, tmp_path: Path) -> Path:
    path = tmp_path / src.name
    shutil.copy(src, path)
    return path


def _text(widget) -> str:
    return str(widget.render())


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.mark.parametrize("src", [SILVER, ACI], ids=["silver-geek", "adviser-aci"])
async def test_every_count_on_screen_says_the_same(src, tmp_path, make_app, real):
    path = _copy(src, tmp_path)
    app = make_app(path, lang="fr", no_journal=True, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tally = app.session.tally()
        iv = app.interview_screen()
        # The counter: answered and left, of the same total.
        label = _text(iv.query_one("#progress-label"))
        answered, left = _numbers(label)
        assert (answered, answered + left) == (tally.answered, tally.asked)
        # The heading's total, on a top-level question and on a list question.
        for qid in (ALLIANCE_NAME, "partners.list"):
            await app.jump(qid)
            await settle(pilot)
            heading = _text(iv.view.query_one(".q-heading"))
            assert f"sur {tally.asked}" in heading, heading
        assert "Questions 8 à" in heading  # the partners' questions follow the list's
        # The sections add up to the counter.
        nav = iv.query_one(SectionNav)
        shown = [
            _numbers(re.sub(r"^.*?(\d+/\d+)\s*$", r"\1", str(o.prompt.columns[2]._cells[0])))
            for o in nav.options
        ]
        rows = iv.section_counts()
        assert [r[2:] for r in rows if r[3]] == [tuple(n) for n in shown if n]
        assert sum(r[2] for r in rows) == tally.answered
        assert sum(r[3] for r in rows) == tally.asked
        # The partners' list: its entries add up to the list's part of the count.
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ListEditorScreen)
        table = editor.query_one("#entries")
        per_entry = [_numbers(cell_text(table.get_row_at(r)[2]))[1] for r in range(table.row_count)]
        first, last = tally.lists["partners.list"]
        assert sum(per_entry) == last - first + 1
        # The review's count (F3).
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        title = _text(app.screen.query_one("#review-title"))
        assert title.startswith("Relecture") or str(tally.answered) in title
        said = catalogue.count("fr", "tui.answers_n", tally.answered)
        assert said.replace(" ", "\u00a0") in title or said in title, title
        open_said = catalogue.count("fr", "tui.not_reached_n", tally.asked - tally.answered)
        assert open_said in title.replace("\u00a0", " "), title


async def test_pgdn_after_the_last_question_goes_to_the_first_open_one(tmp_path, make_app, real):
    path = _copy(ACI, tmp_path)
    app = make_app(path, lang="fr", no_journal=True, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        last = app.session.steps()[-1].id
        await app.jump(last)
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("enter")  # the answer kept, at the end: the open ones are offered
        await settle(pilot)
        assert current_id(app) == last
        notes = [str(n.message) for n in app._notifications]  # noqa: SLF001
        left = app.session.tally().open_except((last, None))
        assert left, "the case must leave questions open above the last one"
        said = f"Il reste {len(left)} questions sans réponse"
        assert any(said in n.replace("\u00a0", " ") for n in notes), notes
        assert not any("dernière question" in n for n in notes), notes
        await pilot.press("pagedown")
        await settle(pilot)
        # The first one left open above, about the ACI (entry 0), in the partners' section.
        assert isinstance(app.screen, EntryScreen)
        assert (current_id(app), app.screen.entry_index) == left[0]


async def test_a_case_without_position_opens_on_its_first_open_question(tmp_path, make_app, real):
    path = _copy(SILVER, tmp_path)
    app = make_app(path, lang="fr", no_journal=True, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert current_id(app) == "alliance.start_date"
        assert current_id(app) != ALLIANCE_NAME


async def test_esc_after_an_evidence_line_comes_back_to_the_risk(tmp_path, make_app, real):
    path = _copy(ACI, tmp_path)
    app = make_app(path, lang="fr", no_journal=True, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        listing = app.screen.query_one(FindingList)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, FindingDetailScreen)
        rule = detail.finding.rule_id
        await pilot.press("tab")
        await settle(pilot)
        await pilot.press("enter")  # the first evidence line: its question
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FindingDetailScreen), app.screen
        assert app.screen.finding.rule_id == rule
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        assert app.screen.query_one(FindingList) is listing


async def test_a_derived_fact_says_it_is_deduced(tmp_path, make_app, real):
    path = _copy(ACI, tmp_path)
    app = make_app(path, lang="fr", no_journal=True, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        findings = app.session.assessment.findings
        from advisor.schema import is_derived

        derived = next(f for f in findings if any(is_derived(e.field) for e in f.evidence))
        answered = next(f for f in findings if f.evidence and not is_derived(f.evidence[0].field))
        app.open_finding(derived)
        await settle(pilot)
        lines = [str(o.prompt) for o in app.screen.query_one("#detail-answers").options]
        marks = {
            e.field: "déduit des réponses" in line
            for e, line in zip(derived.evidence, lines, strict=False)
        }
        assert marks == {e.field: is_derived(e.field) for e in derived.evidence}
        await pilot.press("escape")
        await settle(pilot)
        app.open_finding(answered)
        await settle(pilot)
        first = str(app.screen.query_one("#detail-answers").options[0].prompt)
        assert "déduit" not in first
