"""What would clear a finding: the smallest sets of answer changes that make its
condition false.

Computed from the condition itself: to falsify ``all`` one part must become false; to
falsify ``any`` every part must; ``some`` over a list needs every matching entry fixed;
``every`` needs one entry fixed. Only *actionable* facts are changed (a signed agreement,
a lower counterpart, a written clause), never who the partners are. Each change carries
the value that makes its atom false, so that it can be applied to the case and checked.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .conditions import AllOf, AnyOf, Atom, Node, Quant
from .evaluate import atom_truth, truth
from .operators import OPERATORS

MAX_OPTIONS = 4
MAX_CHANGES = 6


@dataclass(frozen=True)
class Edit:
    """Set field ``path`` (in list ``scope`` at ``index``) so that ``atom`` becomes false."""

    scope: str
    index: int | None
    atom: Atom
    target: Any


def _target(atom: Atom, actual: Any) -> Any:
    """A value for the atom's field that makes the atom false (closest to the current one)."""
    out = OPERATORS[atom.op].falsify(atom.spec, atom.value, actual)
    spec = atom.spec
    if spec.kind == "number" and spec.unit in ("eur", "pct") and isinstance(out, float):
        # The case model takes euros to the cent and percentages to the hundredth: round
        # the proposed value the way that still clears the risk (down below a "more
        # than", up above a "less than").
        cents = round(out * 100, 6)
        up = atom.op not in ("gt", "ge")
        out = (math.ceil(cents) if up else math.floor(cents)) / 100
    return out


Allow = Callable[[Atom, Any, Any], bool]
"""``allow(atom, target, actual)``: whether changing the atom's fact from ``actual`` to
``target`` may be proposed."""


def actionable(atom: Atom, target: Any, actual: Any) -> bool:
    """The default: any fact that is not about who the partners are or what they do."""
    return atom.spec.actionable


def _options(
    node: Node,
    values: dict[str, Any],
    allow: Allow,
    scope: str = "",
    index: int | None = None,
    item: dict[str, Any] | None = None,
) -> list[frozenset[Edit]]:
    """Alternative sets of edits that make ``node`` false ([] = impossible)."""
    if isinstance(node, Atom):
        actual = (item if item is not None else values).get(node.field)
        if atom_truth(node, actual) is False:
            return [frozenset()]
        if node.spec.derived and (actual is None or not node.spec.actionable):
            # A derived fact that is unknown is cleared by answering its inputs, not by
            # one edit.
            return []
        target = _target(node, actual)
        if target is None or (node.spec.kind == "number" and target < 0):
            return []
        if not allow(node, target, actual):
            return []
        return [frozenset({Edit(scope, index, node, target)})]
    if isinstance(node, AllOf):
        return _union(_options(x, values, allow, scope, index, item) for x in node.items)
    if isinstance(node, AnyOf):
        return _product(_options(x, values, allow, scope, index, item) for x in node.items)
    if isinstance(node, Quant):
        parts = (
            _options(node.where, values, allow, node.scope, i, e)
            for i, e in enumerate(values[node.scope])
        )
        return _product(parts) if node.kind == "some" else _union(parts)
    raise ValueError("clearing expects a condition in negation normal form")


def _minimal(sets: list[frozenset[Edit]]) -> list[frozenset[Edit]]:
    sets = sorted(set(sets), key=lambda s: (len(s), _key(s)))
    out: list[frozenset[Edit]] = []
    for s in sets:
        if len(s) <= MAX_CHANGES and not any(o <= s for o in out):
            out.append(s)
    return out[: MAX_OPTIONS * 4]


def _key(s: frozenset[Edit]) -> tuple:
    """A total order on sets of edits (never the order of a set: hashes are salted)."""
    return tuple(
        sorted(
            (
                e.scope,
                -1 if e.index is None else e.index,
                e.atom.field,
                e.atom.op,
                repr(e.atom.value),
                repr(e.target),
            )
            for e in s
        )
    )


def _union(parts) -> list[frozenset[Edit]]:
    out: list[frozenset[Edit]] = []
    for p in parts:
        if p == [frozenset()]:
            return [frozenset()]
        out.extend(p)
    return _minimal(out)


def _merge(a: frozenset[Edit], b: frozenset[Edit]) -> frozenset[Edit] | None:
    """Both sets of edits at once; edits of one field must agree on one value that makes
    all their atoms false (else the combination is impossible)."""
    by_field: dict[tuple, list[Edit]] = {}
    for e in a | b:
        by_field.setdefault((e.scope, e.index, e.atom.field), []).append(e)
    out = set()
    for edits in by_field.values():
        if len(edits) == 1:
            out.add(edits[0])
            continue
        fits = [e for e in edits if all(atom_truth(o.atom, e.target) is False for o in edits)]
        if not fits:
            return None
        out.add(min(fits, key=lambda e: repr(e.target)))
    return frozenset(out)


def _product(parts) -> list[frozenset[Edit]]:
    acc: list[frozenset[Edit]] = [frozenset()]
    for p in parts:
        if not p:
            return []
        merged = (_merge(a, b) for a, b in itertools.product(acc, p))
        acc = _minimal([m for m in merged if m is not None])
        if not acc:
            return []
    return acc


def clearing_options(
    condition: Node, values: dict[str, Any], allow: Allow = actionable
) -> list[frozenset[Edit]]:
    """The smallest sets of edits that make ``condition`` false, best first (only edits
    ``allow`` accepts).

    Each option is checked on the facts: an edit that falsifies one part can make another
    part true (setting "is R&D" to yes to leave one branch may enter another), and such
    options are dropped.
    """
    out = []
    for option in _minimal(_options(condition, values, allow)):
        if option and truth(condition, _edited(values, option)) is False:
            out.append(option)
            if len(out) == MAX_OPTIONS:
                break
    return out


def _edited(values: dict[str, Any], edits) -> dict[str, Any]:
    """A copy of the fact sheet values with the edits made (entries copied on write)."""
    out = dict(values)
    for e in edits:
        target = list(e.target) if isinstance(e.target, tuple) else e.target
        if e.scope:
            entries = out[e.scope] = list(out[e.scope])
            entries[e.index] = {**entries[e.index], e.atom.field: target}
        else:
            out[e.atom.field] = target
    return out


def apply_edits(case, edits) -> Any:
    """A copy of ``case`` with the edits made (derived facts through their inverse)."""
    from .casefile import case_from_data
    from .derived import BY_KEY

    work = case.model_copy(deep=True)
    for e in edits:
        spec = e.atom.spec
        target_obj = work
        if e.scope:
            for part in e.scope.split("."):
                target_obj = getattr(target_obj, part)
            target_obj = target_obj[e.index]
        if spec.derived:
            inverse = BY_KEY[(spec.scope, spec.path)].apply
            assert inverse is not None, f"{spec.path} is derived and has no inverse"
            inverse(target_obj, e.target)
            continue
        *parents, last = spec.path.split(".")
        for p in parents:
            target_obj = getattr(target_obj, p)
        setattr(target_obj, last, list(e.target) if isinstance(e.target, tuple) else e.target)
    from .casefile import case_data

    return case_from_data(case_data(work), "<cleared>")


__all__ = ["Edit", "apply_edits", "clearing_options"]
