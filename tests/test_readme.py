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


def test_the_readme_sample_is_what_the_command_prints(capsys):
    """Every line of the README's sample report appears in today's output, in order ("…"
    stands for lines left out)."""
    from advisor.cli import main

    text = README.read_text(encoding="utf-8")
    start = text.index("A sample (`advisor assess examples/fare-psa.yaml")
    sample = text[start:].split("```")[1].strip("\n").splitlines()
    code = main(
        [
            "assess",
            str(README.parent / "examples" / "fare-psa.yaml"),
            "--as-of",
            "2026-06-01",
            "--lang",
            "en",
            "--no-journal",
        ]
    )
    # The report keeps non-breaking spaces inside references; the README shows plain ones.
    out = capsys.readouterr().out.replace("\u00a0", " ").replace("\u202f", " ").splitlines()
    assert code == 0
    at = 0
    for line in sample:
        if line.strip() == "…":
            continue
        assert line in out[at:], f"README sample line not printed (in this order): {line!r}"
        at = out.index(line, at) + 1
