"""Choices over a closed vocabulary compile to "none of the other values" (``$neq``), which
durable compiles ~10 times faster than the regex it replaced: checked exhaustively against
the direct evaluation, for every value of the field and unknown, at the case's level and in
a list entry, and a value outside the vocabulary is refused rather than misread."""

from __future__ import annotations

import itertools

import pytest

from advisor import compile as dcompile
from advisor.conditions import nnf, parse
from advisor.engine import FLAGGED, TO_VERIFY, Network
from advisor.errors import EngineError
from advisor.evaluate import truth
from advisor.schema import case_schema

FORM = case_schema().get("", "co_construction.form").values
KINDS = case_schema().get("partners", "kind").values


def _conditions(values):
    for v in values:
        yield {"op": "eq", "value": v}
    for pair in itertools.combinations(values, 2):
        yield {"op": "in", "value": list(pair)}
    yield {"op": "in", "value": list(values[:-1])}
    yield {"op": "in", "value": list(values)}  # every value: only unknown stays open


def _check(data, values):
    node = nnf(parse(data, case_schema(), {}))
    defs = dcompile.rule_definitions("r", node)
    network = Network(dcompile.partition(defs), dcompile.fact_types())
    got = network.evaluate(dcompile.encode(values))
    expected = {True: FLAGGED, None: TO_VERIFY, False: None}[truth(node, values)]
    assert next(iter(got.values()), None) == expected, (data, values, got)


def _empty():
    values = {scope: [] for scope in case_schema().scopes}
    values["co_construction.form"] = None
    return values


@pytest.mark.parametrize("cond", list(_conditions(FORM)), ids=str)
def test_case_level_choice(cond):
    for fact in (*FORM, None):
        _check(
            {"field": "co_construction.form", **cond}, {**_empty(), "co_construction.form": fact}
        )


@pytest.mark.parametrize("cond", list(_conditions(KINDS[:5])), ids=str)
def test_choice_in_a_list_entry(cond):
    for fact in (*KINDS, None):
        partner = {"kind": fact, "general_interest": None, "turnover_eur": None}
        _check(
            {"some": "partners", "where": {"field": "kind", **cond}},
            {**_empty(), "partners": [partner]},
        )
        _check(
            {"every": "partners", "where": {"field": "kind", **cond}},
            {**_empty(), "partners": [partner]},
        )


def test_no_regex_left_for_a_choice_over_a_vocabulary():
    defs = dcompile.rule_definitions(
        "r",
        nnf(
            parse(
                {"field": "co_construction.form", "op": "in", "value": list(FORM[:2])},
                case_schema(),
                {},
            )
        ),
    )
    assert "$mt" not in repr(defs)


def test_a_value_outside_the_vocabulary_is_refused():
    with pytest.raises(EngineError, match="not one of its values"):
        dcompile.encode({**_empty(), "co_construction.form": "something_else"})
