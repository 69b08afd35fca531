"""Direct three-valued evaluation of bound conditions over a fact sheet.

``truth`` is the fast path (used as the benchmark floor and in differential tests against
durable_rules); ``explain`` also returns which atoms held (evidence) and which were unknown.
Truth values: ``True``, ``False``, ``None`` (unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import operators
from .conditions import AllOf, AnyOf, Atom, Node, Not, Quant

Tri = bool | None


def atom_truth(atom: Atom, actual: Any) -> Tri:
    """Truth of one atom given the fact's value (``None`` = unknown)."""
    return operators.truth(atom.op, actual, atom.value)


def _and(values) -> Tri:
    result: Tri = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def _or(values) -> Tri:
    result: Tri = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def truth(node: Node, values: dict[str, Any], item: dict[str, Any] | None = None) -> Tri:
    """Kleene truth of ``node`` (parameters already bound)."""
    if isinstance(node, Atom):
        return atom_truth(node, (item if item is not None else values).get(node.field))
    if isinstance(node, AllOf):
        return _and(truth(x, values, item) for x in node.items)
    if isinstance(node, AnyOf):
        return _or(truth(x, values, item) for x in node.items)
    if isinstance(node, Not):
        t = truth(node.item, values, item)
        return None if t is None else not t
    entries = values[node.scope]
    if node.kind == "some":
        return _or(truth(node.where, values, e) for e in entries)
    if node.kind == "every":
        return _and(truth(node.where, values, e) for e in entries)
    t = _or(truth(node.where, values, e) for e in entries)
    return None if t is None else not t


@dataclass(frozen=True)
class Hit:
    """An atom of a condition with the fact it read."""

    scope: str
    index: int | None
    atom: Atom
    actual: Any


@dataclass
class Explanation:
    """The truth of a condition on a case, with the atoms that decided it."""

    value: Tri
    held: list[Hit]
    """Atoms that were true and made the condition true (evidence)."""
    unknown: list[Hit]
    """Atoms on unknown facts that could change the outcome."""


def explain(
    node: Node,
    values: dict[str, Any],
    *,
    scope: str = "",
    index: int | None = None,
    item: dict[str, Any] | None = None,
) -> Explanation:
    """Evaluate ``node`` (in negation normal form) and say why."""
    if isinstance(node, Atom):
        actual = (item if item is not None else values).get(node.field)
        t = atom_truth(node, actual)
        if t is False:
            return Explanation(False, [], [])
        hit = Hit(scope, index, node, actual)
        return Explanation(t, [hit] if t else [], [hit] if t is None else [])
    if isinstance(node, Not):
        raise ValueError("explain() expects a condition in negation normal form")
    if isinstance(node, (AllOf, AnyOf)):
        parts = [explain(x, values, scope=scope, index=index, item=item) for x in node.items]
    else:
        # An entry where the condition is false adds nothing to a quantifier's evidence or
        # unknowns: the cheap truth sorts the entries first, so that a list of 500 gifts
        # is explained entry by entry only where it matters.
        where = node.where
        parts = []
        for i, e in enumerate(values[node.scope]):
            t = truth(where, values, e)
            parts.append(
                explain(where, values, scope=node.scope, index=i, item=e)
                if t is not False
                else _FALSE
            )
    conj = isinstance(node, AllOf) or (isinstance(node, Quant) and node.kind == "every")
    value = _and(p.value for p in parts) if conj else _or(p.value for p in parts)
    if value is False and conj:
        return Explanation(False, [h for p in parts if p.value is True for h in p.held], [])
    held = [h for p in parts if p.value is True for h in p.held]
    unknown = [h for p in parts if p.value is None for h in p.unknown]
    return Explanation(value, held, unknown)


_FALSE = Explanation(False, [], [])
