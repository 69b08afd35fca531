"""Numbers and dates of a rules base that would reach the engine as something else than
the file shows are refused with the file, the parameter, the line and what is allowed,
by ``rules lint`` and by every command loading the base (issue 11): ``.nan`` and ``1e300``
crashed the compiler with a traceback, ``"25"`` passed as 25."""

from __future__ import annotations

import shutil

import pytest

from advisor.rulesbase import default_rules_path
from tests.test_outputs import CASE, run

#: The counterpart tolerance, the first parameter, as parameters.yaml writes it.
TOLERANCE = "\n        value: 25\n"


@pytest.fixture(scope="module")
def rules_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(default_rules_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(copy / "tests")  # the rule tests are not what is checked here
    return copy


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (".nan", "nan is not allowed; give a finite number between"),
        (".inf", "inf is not allowed"),
        ("1e300", "1e+300 is not allowed"),
        ('"25"', "'25' is not a number; write digits without quotes"),
        ("true", "True is not a number"),
    ],
)
def test_a_parameter_value_the_engine_cannot_take(rules_copy, tmp_path, written, words):
    params = rules_copy / "parameters.yaml"
    original = params.read_text(encoding="utf-8")
    assert TOLERANCE in original
    params.write_text(original.replace(TOLERANCE, f"\n        value: {written}\n", 1), "utf-8")
    try:
        lint = run("--rules", str(rules_copy), "rules", "lint")
        case = tmp_path / "c.yaml"
        case.write_text(CASE, encoding="utf-8")
        assess = run("--rules", str(rules_copy), "assess", "--no-journal", str(case))
    finally:
        params.write_text(original, encoding="utf-8")
    assert lint.returncode == 1  # problems found (lint's own code), not a crash
    assert assess.returncode == 2
    assert "Traceback" not in lint.stderr + assess.stderr
    line = next(x for x in lint.stdout.splitlines() if "values[0].value" in x)
    assert line.startswith("parameters.yaml: line 20: ")
    assert "mecenat_counterpart_tolerance_pct" in line and words in line
    assert words in assess.stderr


def test_a_source_url_that_is_not_http_says_so(rules_copy):
    import re

    sources = rules_copy / "sources.yaml"
    original = sources.read_text(encoding="utf-8")
    edited, n = re.subn(r"url: https?://[^\s,}]+", "url: 'javascript:alert(1)'", original, count=1)
    assert n == 1
    sources.write_text(edited, encoding="utf-8")
    try:
        lint = run("--rules", str(rules_copy), "rules", "lint")
    finally:
        sources.write_text(original, encoding="utf-8")
    assert lint.returncode == 1
    (line,) = [x for x in lint.stdout.splitlines() if "javascript" in x]
    assert line.startswith("sources.yaml: line ") and ".url'" in line
    assert "is not a web address; a URL starts with http:// or https://" in line
    assert "identifier" not in line
