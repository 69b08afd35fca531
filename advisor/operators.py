"""The comparison operators of the rules language, in one table.

What ``gt`` means is written once, here: its negation, its symbol, the kinds of field it
compares, its truth on a known value, the value that would make it false (for "what would
clear it"), and how it reads in French and English. The parser, the direct evaluator,
negation normal form, clearing, explanations and displays all read this table; a new
operator is one new row.

The durable_rules encoding (:mod:`advisor.compile`) is kept separate on purpose: it is
what the durable-versus-direct property test checks, so it must not share this code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .fieldspec import FieldSpec


@dataclass(frozen=True)
class Operator:
    """One comparison operator."""

    name: str
    negation: str
    """The operator that holds exactly when this one does not (on a known value)."""
    symbol: str
    """How it is written in a technical view (explain, the memo's technical annex)."""
    kinds: frozenset[str]
    """Field kinds it compares: bool, enum, multi, number, date."""
    holds: Callable[[Any, Any], bool]
    """Its truth on a known value: ``holds(actual, value)``."""
    falsify: Callable[[FieldSpec, Any, Any], Any]
    """A value of the field that makes it false, closest to the current one:
    ``falsify(spec, value, actual)`` (``None`` when there is none)."""
    many: bool = False
    """Its value is a list of vocabulary values."""
    ordered: bool = False
    """It compares magnitudes, so a near miss has a measurable gap."""
    words: dict[str, str] = field(default_factory=dict)
    """How it reads before its value, by language (else its symbol)."""

    def reads(self, lang: str) -> str:
        return self.words.get(lang, self.symbol)


def _step(spec: FieldSpec, value: Any, actual: Any) -> Any:
    """The smallest change of a number or date that crosses a threshold."""
    if spec.kind == "date":
        return dt.timedelta(days=1)
    whole = spec.unit in ("count", "months", "years") or (
        isinstance(value, int) and isinstance(actual, int)
    )
    return 1 if whole else 0.01


def _first_other(spec: FieldSpec, value: Any, _actual: Any) -> Any:
    return next((x for x in spec.values if x != value), None)


def _first_outside(spec: FieldSpec, values: Any, _actual: Any) -> Any:
    return next((x for x in spec.values if x not in values), None)


def _bool_falsify(_spec: FieldSpec, value: Any, _actual: Any) -> Any:
    return not value


def _eq_falsify(spec: FieldSpec, value: Any, actual: Any) -> Any:
    if spec.kind == "bool":
        return not value
    if spec.kind == "enum":
        return _first_other(spec, value, actual)
    return value + _step(spec, value, actual)


_ORDERED_KINDS = frozenset({"number", "date"})
_EQUALITY_KINDS = frozenset({"bool", "enum", "number", "date"})

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator(
            "eq",
            "ne",
            "=",
            _EQUALITY_KINDS,
            lambda a, v: a == v,
            _eq_falsify,
            words={"fr": "=", "en": "="},
        ),
        Operator(
            "ne",
            "eq",
            "≠",
            _EQUALITY_KINDS,
            lambda a, v: a != v,
            lambda spec, v, a: v,
        ),
        Operator(
            "gt",
            "le",
            ">",
            _ORDERED_KINDS,
            lambda a, v: a > v,
            lambda spec, v, a: v,
            ordered=True,
        ),
        Operator(
            "ge",
            "lt",
            "≥",
            _ORDERED_KINDS,
            lambda a, v: a >= v,
            lambda spec, v, a: v - _step(spec, v, a),
            ordered=True,
        ),
        Operator(
            "lt",
            "ge",
            "<",
            _ORDERED_KINDS,
            lambda a, v: a < v,
            lambda spec, v, a: v,
            ordered=True,
        ),
        Operator(
            "le",
            "gt",
            "≤",
            _ORDERED_KINDS,
            lambda a, v: a <= v,
            lambda spec, v, a: v + _step(spec, v, a),
            ordered=True,
        ),
        Operator(
            "in",
            "not_in",
            "∈",
            frozenset({"enum"}),
            lambda a, v: a in v,
            _first_outside,
            many=True,
            words={"fr": "est l'un de", "en": "is one of"},
        ),
        Operator(
            "not_in",
            "in",
            "∉",
            frozenset({"enum"}),
            lambda a, v: a not in v,
            lambda spec, v, a: v[0],
            many=True,
            words={"fr": "n'est aucun de", "en": "is none of"},
        ),
        Operator(
            "has",
            "lacks",
            "∋",
            frozenset({"multi"}),
            lambda a, v: v in a,
            lambda spec, v, a: tuple(x for x in (a or ()) if x != v),
            words={"fr": "comprend", "en": "includes"},
        ),
        Operator(
            "lacks",
            "has",
            "∌",
            frozenset({"multi"}),
            lambda a, v: v not in a,
            lambda spec, v, a: (*(a or ()), v),
            words={"fr": "ne comprend pas", "en": "does not include"},
        ),
        Operator(
            "has_any",
            "has_none",
            "∩",
            frozenset({"multi"}),
            lambda a, v: any(x in a for x in v),
            lambda spec, v, a: tuple(x for x in (a or ()) if x not in v),
            many=True,
            words={"fr": "comprend l'un de", "en": "includes one of"},
        ),
        Operator(
            "has_none",
            "has_any",
            "∩∅",
            frozenset({"multi"}),
            lambda a, v: not any(x in a for x in v),
            lambda spec, v, a: (*(a or ()), v[0]),
            many=True,
            words={"fr": "ne comprend aucun de", "en": "includes none of"},
        ),
    )
}

#: Operators allowed on each kind of field (free text cannot be compared).
BY_KIND: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name, op in OPERATORS.items() if kind in op.kinds)
    for kind in ("bool", "enum", "multi", "number", "date")
}
BY_KIND["text"] = ()


def truth(op: str, actual: Any, value: Any) -> bool | None:
    """Three-valued truth of ``actual <op> value`` (``None`` when ``actual`` is unknown)."""
    if actual is None:
        return None
    if isinstance(actual, dt.date) and isinstance(value, dt.date):
        actual, value = actual.toordinal(), value.toordinal()
    return OPERATORS[op].holds(actual, value)


__all__ = ["BY_KIND", "OPERATORS", "Operator", "truth"]
