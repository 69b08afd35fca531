"""The README's description of the rules base counts what the base holds: a newcomer reads
those figures first, and they went stale twice when rules were added."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.ruletests import load_tests

README = Path(__file__).resolve().parent.parent / "README.md"


def _figure(pattern: str) -> int:
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(pattern, text)
    assert found, f"README no longer says {pattern!r}"
    return int(found.group(1).replace(",", ""))


def test_the_readme_counts_the_rules_their_versions_questions_and_tests(rb):
    versions = sum(len(v) for v in rb.rules.values())
    assert _figure(r"`rules/` holds ([\d,]+) rules") == len(rb.rules)
    assert _figure(r"rules \(([\d,]+) dated versions\)") == versions
    assert _figure(r"the interview's ([\d,]+) questions") == len(rb.questions)
    assert _figure(r"and ([\d,]+) rule tests") == len(load_tests(rb))
