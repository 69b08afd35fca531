"""advisor rules lint: each broken file is reported with file, rule id and what is wrong."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def broken_lint(tmp_path_factory):
    """One broken rules base, linted once by ``advisor rules lint`` (in this process):
    every broken file of tests/data/bad_rules under its own name, a challenge left with
    too few rules (its files removed) and a question file removed. Lint lists every
    problem, so each one's are all there. Returns the exit code and the lines printed."""
    import contextlib
    import io

    from advisor.cli import main

    copy = _copy(tmp_path_factory.mktemp("broken"))
    for name, spec in EXPECTED.items():
        target = copy / _target(name, spec["target"])
        shutil.copyfile(BAD / name, target)
    # Remove every file holding legal.status_interaction rules, so that the challenge
    # falls below the minimum.
    for path in (copy / "legal").glob("*.yaml"):
        if "challenge: legal.status_interaction" in path.read_text(encoding="utf-8"):
            path.unlink()
    shutil.rmtree(copy / "tests")
    victim = next(p for p in sorted((copy / "questions").glob("*.yaml")) if "people" in p.name)
    victim.unlink()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["rules", "lint", str(copy)])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue().splitlines()


def _target(name: str, target: str) -> str:
    """``legal/broken.yaml`` -> ``legal/broken-<fixture>.yaml`` (one file per fixture)."""
    folder, _, file = target.rpartition("/")
    stem, _, ext = file.rpartition(".")
    return f"{folder}/{stem}-{name.rsplit('.', 1)[0]}.{ext}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported(broken_lint, name):
    _, lines = broken_lint
    spec = EXPECTED[name]
    moved = _target(name, spec["target"])
    words = [w.replace(spec["target"], moved) for w in spec["words"]]
    hits = [t for t in lines if all(w.lower() in t.lower() for w in words)]
    assert hits, f"{name}: no problem has all of {words}:\n" + "\n".join(lines)


def test_clause_texts_are_templates_too(tmp_path):
    """Issue 12 in a contract clause: attribute access and a lone brace are refused."""
    copy = _copy(tmp_path)
    recs = copy / "recommendations.yaml"
    text = recs.read_text(encoding="utf-8")
    assert "Parties : {partners}." in text and "state that the agreement" in text
    text = text.replace("Parties : {partners}.", "Parties : {partners.__class__.__mro__}.", 1)
    text = text.replace("state that the agreement", "state { that the agreement", 1)
    recs.write_text(text, encoding="utf-8")
    from advisor.rulesbase import load_rules_base

    rb = load_rules_base(copy, strict=False)
    texts = [str(p) for p in rb.problems]
    assert any("clause parties (fr)" in t and "is not a placeholder" in t for t in texts), texts
    assert any("clause parties (en)" in t and "'{' at character" in t for t in texts), texts


def test_every_problem_is_listed_not_just_the_first(broken_lint):
    code, lines = broken_lint
    assert code == 1
    for words in ("test-unknown-field", "test-bad-enum", "test-bad-param", "test-attr"):
        assert any(words in line for line in lines), words
    count = next(line for line in lines if line.endswith(" problems"))
    assert int(count.split()[0]) >= len(EXPECTED)
    assert lines[-1] == "rule tests not run: the rules base must load without problems"


def test_one_bad_parameter_value_is_one_problem(tmp_path):
    """A parameter whose value is not a number is reported once: the rules that name it are
    not also reported as naming an unknown parameter, the file's other parameters still load,
    and the rule tests (which would fail for the same reason) are not run."""
    import contextlib
    import io

    from advisor.cli import main

    copy = _copy(tmp_path)
    params = copy / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    assert "        value: 25\n" in text
    params.write_text(text.replace("        value: 25\n", "        value: abc\n", 1), "utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["rules", "lint", str(copy)])
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[0].startswith("parameters.yaml: line ") and "'abc' is not a number" in lines[0]
    assert not any("unknown parameter" in line for line in lines), lines
    assert not any("no legal basis" in line for line in lines), lines
    assert not any(line.startswith("tests/") or "test '" in line for line in lines), lines
    assert lines[-1] == "rule tests not run: the rules base must load without problems"


def test_a_single_problem_is_counted_in_the_singular(tmp_path):
    import contextlib
    import io

    from advisor.cli import main

    copy = _copy(tmp_path)
    base = copy / "base.yaml"
    base.write_text(base.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["rules", "lint", str(copy)])
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[-1] == "1 problem", lines


def test_challenge_with_fewer_than_four_rules(broken_lint):
    _, lines = broken_lint
    assert any(
        "challenge legal.status_interaction has" in line and "at least 4" in line for line in lines
    )


def test_rule_no_question_can_feed(broken_lint):
    _, lines = broken_lint
    assert any("which no interview question asks" in line and "people." in line for line in lines)


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


def test_a_gate_no_question_asks_is_reported(tmp_path):
    """Issue 12: an unknown fact that opens a question becomes a client question; without a
    question of its own it would be asked by its field's name."""
    copy = _copy(tmp_path)
    path = copy / "questions" / "10-partners.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"] = [q for q in data["questions"] if q["id"] != "partner.ess_company"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, problems = lint(copy)
    texts = [str(p) for p in problems]
    assert any(
        "question 'partner.profits_to_reserves': ask_if reads 'partners[].ess_company'" in t
        and "no interview question asks" in t
        for t in texts
    ), texts
