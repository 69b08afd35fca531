"""The YAML rule tests (rules/tests/*.yaml), collected by pytest: one test per case."""

from __future__ import annotations

import pytest

from advisor.assess import default_rules
from advisor.ruletests import load_tests, run_test

_RB = default_rules()
_TESTS = load_tests(_RB)


@pytest.mark.parametrize(
    "rule_test", _TESTS, ids=[f"{t.file.rsplit('/', 1)[-1]}::{t.name}" for t in _TESTS]
)
def test_rule_case(rule_test):
    outcome = run_test(_RB, rule_test)
    assert outcome.ok, f"{rule_test.file} :: {rule_test.name}\n  " + "\n  ".join(outcome.failures)


def test_every_rule_fires_in_one_test_and_stays_clear_in_another():
    from advisor.coverage import measure

    cov = measure(_RB)
    assert cov.uncovered() == [], "rules never flagged or never clear in the tests"
