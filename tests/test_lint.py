"""advisor rules lint: each broken file is reported with file, rule id and what is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advisor.lint import lint
from advisor.rulesbase import default_rules_path

BAD = Path(__file__).parent / "data" / "bad_rules"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clean_lint():
    _, problems = lint(default_rules_path())
    return {str(p) for p in problems}


def _copy(tmp_path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_bundled_rules_base_is_clean(clean_lint):
    assert clean_lint == set()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported(tmp_path, name):
    copy = _copy(tmp_path)
    target = copy / EXPECTED[name]["target"]
    shutil.copyfile(BAD / name, target)
    _, problems = lint(copy)
    texts = [str(p) for p in problems]
    hits = [t for t in texts if all(w.lower() in t.lower() for w in EXPECTED[name]["words"])]
    assert hits, f"{name}: no problem has all of {EXPECTED[name]['words']}:\n" + "\n".join(texts)


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    copy = _copy(tmp_path)
    shutil.copyfile(BAD / "unknown-field.yaml", copy / "legal" / "broken1.yaml")
    shutil.copyfile(BAD / "bad-enum-value.yaml", copy / "social" / "broken2.yaml")
    shutil.copyfile(BAD / "unknown-parameter.yaml", copy / "fiscal" / "broken3.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "rules", "lint", str(copy)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert proc.returncode == 1
    for words in ("test-unknown-field", "test-bad-enum", "test-bad-param"):
        assert words in proc.stdout
    assert "Traceback" not in proc.stderr


def test_challenge_with_fewer_than_four_rules(tmp_path):
    copy = _copy(tmp_path)
    # Remove every file holding legal.status_interaction rules (vehicles.yaml, status.yaml
    # and the families added since), so that the challenge falls below the minimum.
    for path in (copy / "legal").glob("*.yaml"):
        if "challenge: legal.status_interaction" in path.read_text(encoding="utf-8"):
            path.unlink()
    tests = copy / "tests"
    shutil.rmtree(tests)
    _, problems = lint(copy)
    assert any(
        "challenge legal.status_interaction has" in str(p) and "at least 4" in str(p)
        for p in problems
    )


def test_rule_no_question_can_feed(tmp_path):
    copy = _copy(tmp_path)
    removed = copy / "questions"
    victim = next(p for p in sorted(removed.glob("*.yaml")) if "people" in p.name)
    victim.unlink()
    _, problems = lint(copy)
    assert any(
        "which no interview question asks" in str(p) and "people." in str(p) for p in problems
    )


def test_loading_a_broken_base_at_startup_exits_2(tmp_path):
    copy = _copy(tmp_path)
    shutil.copyfile(BAD / "wrong-operator.yaml", copy / "legal" / "broken.yaml")
    case = tmp_path / "case.yaml"
    case.write_text("meta: {name: x}\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor.cli",
            "--rules",
            str(copy),
            "assess",
            str(case),
            "--no-journal",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "legal/broken.yaml: rule legal.convention.test-wrong-op" in proc.stderr
    assert "Traceback" not in proc.stderr
