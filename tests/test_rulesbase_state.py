"""No hidden state (issue 17, point 5): what a loaded rules base and a period keep between
assessments is declared on the class, never written into an instance's ``__dict__`` by
whoever happens to use it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from advisor.assess import assess
from advisor.period import Period
from advisor.rulesbase import RulesBase, load_rules_base


def _declared(cls: type) -> set[str]:
    fields = {f.name for f in dataclasses.fields(cls)}
    cached = {
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, functools.cached_property)
    }
    return fields | cached


def test_a_rules_base_used_on_many_days_holds_only_its_declared_fields(small_case):
    rb = load_rules_base()
    before = dict(vars(rb))
    for day in (dt.date(2020, 1, 1), dt.date(2024, 6, 30), dt.date(2026, 6, 1)):
        assess(small_case, rules=rb, as_of=day)
        rb.questions_for("agreements.written")
    assert set(vars(rb)) <= _declared(RulesBase)
    # What was used is in the declared caches, not somewhere else.
    assert len(rb.day_keys) == 3 and rb._periods
    assert set(before) <= set(vars(rb))


def test_a_period_keeps_its_compiled_network_in_its_declared_slot(rb, small_case):
    from advisor.facts import build_facts

    day = dt.date(2026, 6, 1)
    period = Period(rb, day)
    names = set(vars(period))
    assert period._compiled is None
    period.evaluate(build_facts(small_case, day).values)
    assert period._compiled is not None
    assert set(vars(period)) == names  # compiling adds no attribute
