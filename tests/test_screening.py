"""The screening row (``advisor assess DIR --summary``) is computed without the texts of an
assessment (:func:`advisor.assess.screen`): every figure it prints, and the verdicts the
journal keeps, must equal those of the full assessment of the same case."""

from __future__ import annotations

import functools
import random
from typing import Any

import pytest
from hypothesis import given, settings

from advisor.assess import assess
from advisor.casefile import case_data, case_from_data, load_case
from advisor.errors import AdvisorError
from advisor.journal import verdict_records
from advisor.screening import PRIVATE, public_row, summarize

from .conftest import AS_OF, EXAMPLES
from .strategies import cases

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _expected(a) -> dict[str, Any]:
    """The row's figures read off a full assessment."""
    flagged = [f for f in a.findings if f.status == "flagged"]
    verify = [f for f in a.findings if f.status == "to_verify"]
    return {
        **{s: a.counts.flagged[s] for s in ("critical", "high", "medium", "low")},
        "to_verify": len(verify),
        "to_verify_high": sum(f.severity in ("high", "critical") for f in verify),
        "open_questions": len(a.open_questions),
        "worst_challenge": flagged[0].challenge if flagged else None,
        "worst_severity": flagged[0].severity if flagged else None,
        "recommendations": [r.id for r in a.recommendations],
        "findings": sorted((v.rule_id, v.status) for v in a.verdicts),
        "verdicts": verdict_records(a),
    }


def _check(rb, case, lang: str) -> dict[str, Any]:
    row = summarize(rb, case, AS_OF, "case.yaml", lang=lang)
    full = assess(case, as_of=AS_OF, lang=lang, rules=rb)
    expected = _expected(full)
    assert {k: row[k] for k in expected} == expected
    assert set(row) - set(PRIVATE) == set(public_row(row))
    return row


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_summary_row_equals_the_full_assessment_on_examples(rb, path, lang):
    row = _check(rb, load_case(path), lang)
    assert row["case"] == load_case(path).meta.name


def _vary(node: Any, rng: random.Random) -> Any:
    """Answers left unknown or turned over, amounts moved: the variations a portfolio holds."""
    if isinstance(node, dict):
        return {k: _vary(v, rng) for k, v in node.items()}
    if isinstance(node, list):
        return [_vary(v, rng) for v in node]
    if isinstance(node, bool):
        r = rng.random()
        return node if r < 0.6 else (not node if r < 0.85 else None)
    if isinstance(node, int) and not isinstance(node, bool) and node > 100:
        return int(node * rng.uniform(0.3, 3.0))
    return node


@functools.lru_cache(maxsize=1)
def _variations(n: int):
    rng = random.Random(16)
    bases = [case_data(load_case(p)) for p in EXAMPLE_FILES]
    out = []
    while len(out) < n:
        try:
            out.append(case_from_data(_vary(rng.choice(bases), rng), "varied"))
        except AdvisorError:
            continue  # a variation the case format refuses: not a case
    return out


@pytest.mark.parametrize("index", range(40))
def test_summary_row_equals_the_full_assessment_on_varied_cases(rb, index):
    case = _variations(40)[index]
    _check(rb, case, ["fr", "en"][index % 2])


@settings(max_examples=40)
@given(case=cases())
def test_summary_row_equals_the_full_assessment_on_generated_cases(rb, case):
    _check(rb, case, "fr")


def test_a_varied_case_moves_the_row(rb):
    """The variations reach findings of every kind (not a test that cannot fail)."""
    rows = [summarize(rb, c, AS_OF, "c.yaml") for c in _variations(40)]
    assert any(r["to_verify"] for r in rows) and any(r["worst_severity"] for r in rows)
    assert any(r["open_questions"] for r in rows)
    assert len({(r["high"], r["medium"], r["to_verify"]) for r in rows}) > 3
