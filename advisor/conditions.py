"""Rule conditions: parsed, type-checked, and evaluated in three-valued logic.

A condition in YAML is a tree of ``all`` / ``any`` / ``not`` over atoms
``{field, op, value}``, plus quantifiers over lists of entries
(``{some: money.gifts, where: ...}``, ``every``, ``none``). Values may name a dated
parameter: ``{param: franchise_commercial_eur}`` (optionally ``times: 3``).

Nothing here evaluates text from YAML as code: the tree is data, checked against the
field schema when the rule is loaded. Evaluation is Kleene's three-valued logic: an
unknown fact makes an atom unknown, ``all`` is false if any part is false, ``any`` is true
if any part is true. The rules engine (durable_rules) decides which rules fire; the
evaluator below is the reference it is tested against, and it explains a firing: which
facts made the condition true (evidence), which unknown facts would decide it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Union

from .errors import did_you_mean
from .operators import BY_KIND, OPERATORS
from .schema import ROOT, FieldSpec, Schema

QUANTIFIERS = ("some", "every", "none")


class ConditionError(ValueError):
    """A condition that does not fit the schema; ``where`` locates it in the rule."""

    def __init__(self, message: str, where: str):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class ParamRef:
    """A dated parameter named in a condition (``param: name``), times a factor."""

    name: str
    times: float = 1.0


@dataclass(frozen=True)
class Atom:
    """One test of a condition: a field, an operator and the value compared with."""

    field: str
    op: str
    value: Any
    spec: FieldSpec = dataclasses.field(compare=False, repr=False)


@dataclass(frozen=True)
class AllOf:
    """A condition true when all of its items are."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """A condition true when any of its items is."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """A condition true when its item is false."""

    item: Node


@dataclass(frozen=True)
class Quant:
    """A condition on the entries of a list: ``some``, ``every`` or ``none`` meet ``where``."""

    kind: str
    scope: str
    where: Node


Node = Union[Atom, AllOf, AnyOf, Not, Quant]


# ---- parsing ---------------------------------------------------------------------


def parse(
    data: Any,
    schema: Schema,
    params: dict[str, Any],
    *,
    scope: str = ROOT,
    where: str = "when",
    sets: Mapping[str, Sequence[str]] | None = None,
) -> Node:
    """Parse and type-check a condition tree.

    Args:
        data: the YAML value.
        schema: the field schema.
        params: known parameters (name -> object with a ``unit`` attribute).
        scope: ``""`` at the top, the list scope inside a quantifier.
        where: location used in error messages.
        sets: named value sets (``value: {set: name}``), name -> values.

    Raises:
        ConditionError: on any problem, naming where and what is allowed.
    """
    if not isinstance(data, dict):
        raise ConditionError(
            "a condition must be a mapping (all, any, not, some, every, none, or field/op/value)",
            where,
        )
    keys = set(data)
    if keys & {"all", "any"}:
        (key,) = _only(keys, {"all", "any"}, where)
        items = data[key]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"'{key}' needs a non-empty list of conditions", where)
        parsed = tuple(
            parse(x, schema, params, scope=scope, where=f"{where}.{key}[{i}]", sets=sets)
            for i, x in enumerate(items)
        )
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    if "not" in keys:
        _only(keys, {"not"}, where)
        return Not(parse(data["not"], schema, params, scope=scope, where=f"{where}.not", sets=sets))
    quant = keys & set(QUANTIFIERS)
    if quant:
        (kind,) = _only(keys, quant | {"where"}, where) - {"where"}
        if scope != ROOT:
            raise ConditionError(f"'{kind}' cannot be nested inside another quantifier", where)
        target = data[kind]
        if target not in schema.scopes:
            raise ConditionError(
                f"'{target}' is not a list; lists: {', '.join(sorted(schema.scopes))}"
                + did_you_mean(target, schema.scopes),
                where,
            )
        if "where" not in data:
            raise ConditionError(f"'{kind}: {target}' needs a 'where' condition", where)
        inner = parse(
            data["where"], schema, params, scope=target, where=f"{where}.where", sets=sets
        )
        return Quant(kind, target, inner)
    if "field" in keys:
        return _atom(data, schema, params, scope, where, sets or {})
    raise ConditionError(
        f"unknown condition keys {sorted(map(str, keys))}; use all, any, not, "
        "some, every, none, or field/op/value",
        where,
    )


def _only(keys: set, allowed: set, where: str) -> set:
    extra = keys - allowed
    if extra:
        raise ConditionError(
            f"unexpected keys {sorted(map(str, extra))} next to {sorted(keys & allowed)}", where
        )
    if len(keys & allowed - {"where"}) > 1:
        raise ConditionError(f"use one of {sorted(keys & allowed)} per condition", where)
    return keys & allowed


def _atom(
    data: dict,
    schema: Schema,
    params: dict[str, Any],
    scope: str,
    where: str,
    sets: Mapping[str, Sequence[str]],
) -> Atom:
    extra = set(data) - {"field", "op", "value"}
    if extra:
        raise ConditionError(
            f"unexpected keys {sorted(map(str, extra))} in an atom; an atom has field, op, value",
            where,
        )
    name = data.get("field")
    spec = schema.get(scope, name) if isinstance(name, str) else None
    if spec is None:
        known = sorted(f.path for f in schema.in_scope(scope) if f.kind != "text")
        ctx = f"in list '{scope}'" if scope else "at the top level"
        raise ConditionError(
            f"unknown field '{name}' {ctx}{did_you_mean(str(name), known)}; "
            f"known fields: {', '.join(known)}",
            where,
        )
    if spec.kind == "text":
        raise ConditionError(f"field '{name}' is free text; rules cannot compare it", where)
    op = data.get("op")
    allowed = BY_KIND[spec.kind]
    if op not in allowed:
        raise ConditionError(
            f"operator '{op}' does not fit field '{name}' ({spec.kind}); "
            f"allowed: {', '.join(allowed)}",
            where,
        )
    if "value" not in data:
        raise ConditionError(f"atom on '{name}' has no 'value'", where)
    value = _value(data["value"], spec, op, params, where, sets)
    return Atom(spec.path, op, value, spec)


def _value(
    raw: Any,
    spec: FieldSpec,
    op: str,
    params: dict[str, Any],
    where: str,
    sets: Mapping[str, Sequence[str]],
) -> Any:
    kind = spec.kind
    if kind == "bool":
        if not isinstance(raw, bool):
            raise ConditionError(
                f"value for '{spec.path}' must be true or false, not {raw!r}", where
            )
        return raw
    if kind in ("enum", "multi"):
        many = OPERATORS[op].many
        if isinstance(raw, dict):
            raw = _named_set(raw, op, many, sets, where)
        vals = raw if many else [raw]
        if many and (not isinstance(raw, list) or not raw):
            raise ConditionError(f"operator '{op}' needs a non-empty list of values", where)
        for v in vals:
            if v not in spec.values:
                raise ConditionError(
                    f"'{v}' is not a value of '{spec.path}'{did_you_mean(v, spec.values)}; "
                    f"allowed: {', '.join(spec.values)}",
                    where,
                )
        return tuple(vals) if many else raw
    if kind == "number":
        if isinstance(raw, dict):
            return _param(raw, spec, params, where)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise ConditionError(
                f"value for '{spec.path}' must be a number or {{param: name}}, not {raw!r}", where
            )
        return raw
    if kind == "date":
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        raise ConditionError(f"value for '{spec.path}' must be a date (YYYY-MM-DD)", where)
    raise ConditionError(f"field '{spec.path}' cannot be compared", where)


def _named_set(
    raw: dict, op: str, many: bool, sets: Mapping[str, Sequence[str]], where: str
) -> list[str]:
    """``{set: name}``: the values of a named value set (rules/value-sets.yaml)."""
    if set(raw) != {"set"}:
        raise ConditionError("a named set of values is written {set: name}", where)
    if not many:
        raise ConditionError(
            f"operator '{op}' compares with one value; a set needs in, not_in, has_any or has_none",
            where,
        )
    name = raw["set"]
    if name not in sets:
        known = ", ".join(sorted(sets)) or "none"
        raise ConditionError(
            f"unknown value set '{name}'{did_you_mean(name, sets)}; value sets: {known}",
            where,
        )
    return list(sets[name])


#: The largest multiplier of a parameter (``times: 3`` for three monthly ceilings).
MAX_TIMES = 1000


def _param(raw: dict, spec: FieldSpec, params: dict[str, Any], where: str) -> ParamRef:
    extra = set(raw) - {"param", "times"}
    if extra or "param" not in raw:
        raise ConditionError(
            "a parameter value is written {param: name} or {param: name, times: number}", where
        )
    name = raw["param"]
    if name not in params:
        raise ConditionError(
            f"unknown parameter '{name}'{did_you_mean(name, params)}; "
            f"parameters: {', '.join(sorted(params))}",
            where,
        )
    times = raw.get("times", 1)
    if (
        isinstance(times, bool)
        or not isinstance(times, (int, float))
        or not (0 < times <= MAX_TIMES)  # also false for nan
    ):
        raise ConditionError(
            f"'times' is {times!r}; it must be a number greater than 0 and at most {MAX_TIMES}",
            where,
        )
    unit = params[name].unit
    if times == 1 and spec.unit and unit and unit != spec.unit:
        raise ConditionError(
            f"parameter '{name}' is in {unit}, field '{spec.path}' is in {spec.unit}", where
        )
    return ParamRef(name, float(times))


# ---- transforms --------------------------------------------------------------------


def bind(node: Node, resolve) -> Node:
    """Replace parameter references with numbers: ``resolve(ParamRef) -> number``."""
    if isinstance(node, Atom):
        if isinstance(node.value, ParamRef):
            return replace(node, value=resolve(node.value))
        return node
    if isinstance(node, (AllOf, AnyOf)):
        return type(node)(tuple(bind(x, resolve) for x in node.items))
    if isinstance(node, Not):
        return Not(bind(node.item, resolve))
    return replace(node, where=bind(node.where, resolve))


def nnf(node: Node, negate: bool = False) -> Node:
    """Push negations down to the atoms (negation normal form)."""
    if isinstance(node, Not):
        return nnf(node.item, not negate)
    if isinstance(node, Atom):
        if not negate:
            return node
        if node.spec.kind == "bool":
            return replace(node, value=not node.value)
        return replace(node, op=OPERATORS[node.op].negation)
    if isinstance(node, (AllOf, AnyOf)):
        items = tuple(nnf(x, negate) for x in node.items)
        flip = isinstance(node, AllOf) == negate
        return AnyOf(items) if flip else AllOf(items)
    if node.kind == "none":
        # none(L, C) is every(L, not C); its negation is some(L, C).
        if negate:
            return Quant("some", node.scope, nnf(node.where, False))
        return Quant("every", node.scope, nnf(node.where, True))
    if negate:
        # not some(L, C) is every(L, not C); not every(L, C) is some(L, not C).
        flipped = "every" if node.kind == "some" else "some"
        return Quant(flipped, node.scope, nnf(node.where, True))
    return Quant(node.kind, node.scope, nnf(node.where, False))


def walk_atoms(node: Node, scope: str = ROOT):
    """Yield ``(scope, atom)`` for every atom of the tree."""
    if isinstance(node, Atom):
        yield scope, node
    elif isinstance(node, (AllOf, AnyOf)):
        for x in node.items:
            yield from walk_atoms(x, scope)
    elif isinstance(node, Not):
        yield from walk_atoms(node.item, scope)
    else:
        yield from walk_atoms(node.where, node.scope)


def param_refs(node: Node) -> set[str]:
    return {a.value.name for _, a in walk_atoms(node) if isinstance(a.value, ParamRef)}
