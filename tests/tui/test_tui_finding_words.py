"""A finding's detail screen (F4, Enter) shows facts in words: no rule criterion (``= non``,
``≠``, a set in braces) reaches a screen the client reads (issue 12, adviser's report C).
Every finding of every bundled example, in both languages, through the lines the screen
shows; and the screen itself, opened from F4 with the keys, on the adviser's case."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_helpers import settle

from advisor.assess import assess, default_rules
from advisor.casefile import load_case
from tui.screens.finding_detail import FindingDetailScreen, answer_rows
from tui.screens.findings import FindingsScreen

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests/data/aci-pme-commune.yaml"]
MACHINE = ("{", "}", "=", "≠")
AS_OF = dt.date(2026, 6, 1)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_finding_shows_its_facts_in_words(path):
    rb = default_rules()
    case = load_case(path)
    for lang in ("fr", "en"):
        a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
        lines = 0
        for f in a.findings:
            for _, _, line in answer_rows(f, lang):
                lines += 1
                found = [m for m in MACHINE if m in line.plain]
                assert not found, (lang, f.rule_id, line.plain)
        assert lines  # every example's findings rest on answers


def screen_text(screen) -> str:
    parts = [str(w.render()) for w in screen.query(Static)]
    for box in screen.query(OptionList):
        parts += [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
    return "\n".join(parts)


async def test_each_finding_opened_from_f4_reads_in_words(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    shutil.copyfile(ROOT / "tests/data/aci-pme-commune.yaml", path)
    app = make_app(path, lang="fr", no_journal=True, rules=default_rules())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        listed = app.screen.query_one("#all-findings", OptionList)
        listed.focus()
        opened = set()
        for row in range(listed.option_count):
            if listed.get_option_at_index(row).disabled:
                continue  # a framework heading
            listed.highlighted = row
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FindingDetailScreen)
            text = screen_text(screen)
            found = [m for m in MACHINE if m in text]
            assert not found, (screen.finding.rule_id, text)
            opened.add(screen.finding.status)
            await pilot.press("escape")
            await settle(pilot)
        assert opened == {"flagged", "to_verify"}  # an issue to verify opens too


async def test_a_finding_opened_shows_what_would_clear_it(tmp_path, make_app):
    """The live panels are refreshed without what would clear each finding (its costliest
    part); the detail screen computes it when a finding is opened: every finding opened is
    the full assessment's, clearing options included."""
    from tui.strings import t

    path = tmp_path / "case.yaml"
    shutil.copyfile(ROOT / "tests/data/aci-pme-commune.yaml", path)
    rb = default_rules()
    full = assess(load_case(path), as_of=AS_OF, lang="fr", rules=rb, file=str(path))
    app = make_app(path, lang="fr", no_journal=True, rules=rb)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        listed = app.screen.query_one("#all-findings", OptionList)
        listed.focus()
        cleared = 0
        for row in range(listed.option_count):
            if listed.get_option_at_index(row).disabled:
                continue
            listed.highlighted = row
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FindingDetailScreen)
            expected = next(f for f in full.findings if f.rule_id == screen.finding.rule_id)
            assert screen.finding == expected
            if expected.status == "to_verify" and expected.clear_by:
                assert t("fr", "clear_by") in screen_text(screen)
                cleared += 1
            await pilot.press("escape")
            await settle(pilot)
        assert cleared  # issues to verify with clearing options were opened


def test_the_exported_json_is_the_full_assessment(tmp_path):
    """The export writes what ``advisor assess --format json`` writes: the assessment with
    what would clear each finding, though the live view is refreshed without it."""
    import json

    from reports.jsonout import assessment_json
    from tui.session import Options, Session

    path = tmp_path / "case.yaml"
    shutil.copyfile(ROOT / "examples/fare-psa.yaml", path)
    rb = default_rules()
    session = Session(Options(path=path, rules=rb, as_of=AS_OF, lang="fr", no_journal=True))
    out = tmp_path / "memo.json"
    session.export("json", out)
    case = load_case(path)
    full = assess(case, as_of=AS_OF, lang="fr", rules=rb, file=str(path))
    expected = json.loads(json.dumps(assessment_json(full, case, rb)))
    assert json.loads(out.read_text(encoding="utf-8")) == expected
    assert any(f["clear_by"] for f in expected["findings"] if f["status"] == "to_verify")
