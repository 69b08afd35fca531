"""Presumptions: what the law or practice presumes about an unknown fact in a context.

Declared as data in ``rules/presumptions.yaml``, each with its legal basis::

    presumptions:
      - id: rescrit-holder-disinterested
        field: partners[].distributes_surplus
        value: false
        when: {field: rescrit_obtained, op: eq, value: true}
        label: {fr: ..., en: ...}
        basis: {fr: ..., en: ...}
        references: [...]

A presumption applies to a fact that is *unknown* and whose context is *certainly* true;
an answer always wins. The assessment reasons twice, on the facts as answered and on the
facts with presumptions applied: a finding that only the presumed facts clear is not a
risk, it is covered by an assumption the memo states, with the question that would confirm
it. Answering against a presumption brings back exactly the findings it covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .conditions import ConditionError, Node, parse
from .evaluate import truth
from .fieldspec import ROOT, FieldSpec
from .rulemodel import PresumptionDoc, PresumptionsFile
from .schema import Schema

FILE = "presumptions.yaml"


@dataclass(frozen=True)
class Presumption:
    """A loaded presumption: its document, the fact it presumes and its parsed context."""

    doc: PresumptionDoc
    spec: FieldSpec
    context: Node | None

    @property
    def id(self) -> str:
        return self.doc.id


@dataclass(frozen=True)
class Applied:
    """A presumption applied to one fact of one case (one entry, for a list fact)."""

    presumption: Presumption
    index: int | None
    """The list entry, for a fact of a list entry."""


def load(col: Any, root: Path, schema: Schema, sets: dict) -> list[Presumption]:
    """Read ``presumptions.yaml`` (optional), checking each fact, value and context."""
    path = root / FILE
    if not path.exists():
        return []
    doc = col.read(path, PresumptionsFile)
    if doc is None:
        return []
    out: list[Presumption] = []
    seen: set[str] = set()
    for p in doc.presumptions:
        where = f"presumption {p.id}"
        if p.id in seen:
            col.add(path, None, f"{where}: id used twice")
        seen.add(p.id)
        spec = schema.by_absolute(p.field)
        if spec is None or spec.derived or spec.kind == "text":
            col.add(path, None, f"{where}: '{p.field}' is not an answered fact a rule can read")
            continue
        problem = _value_problem(spec, p.value)
        if problem:
            col.add(path, None, f"{where}: value {p.value!r} {problem}")
            continue
        context = None
        if p.when is not None:
            try:
                # No {param: ...} in a context: a presumption holds whatever the date.
                context = parse(
                    p.when, schema, {}, scope=spec.scope, where=f"{where}: when", sets=sets
                )
            except ConditionError as exc:
                col.add(path, None, str(exc))
                continue
        out.append(Presumption(p, spec, context))
    return out


def _value_problem(spec: FieldSpec, value: Any) -> str | None:
    if spec.kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if spec.kind == "enum":
        return None if value in spec.values else f"is not one of {', '.join(spec.values)}"
    if spec.kind == "multi":
        ok = isinstance(value, list) and all(v in spec.values for v in value)
        return None if ok else f"must be a list of {', '.join(spec.values)}"
    if spec.kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "must be a number"
    return "cannot be presumed"


def apply(
    presumptions: list[Presumption], values: dict[str, Any]
) -> tuple[dict[str, Any], list[Applied]]:
    """The fact sheet values with every applicable presumption applied, and which applied.

    Presumptions are applied in file order, each on the facts as answered (a presumption's
    context never rests on another presumption): an assumption is stated once, whole.
    """
    out = values
    applied: list[Applied] = []
    for p in presumptions:
        spec = p.spec
        if spec.scope == ROOT:
            if values.get(spec.path) is None and _holds(p, values, None):
                if out is values:
                    out = dict(values)
                out[spec.path] = _plain(p.doc.value)
                applied.append(Applied(p, None))
            continue
        entries = values.get(spec.scope) or []
        for i, entry in enumerate(entries):
            if entry.get(spec.path) is None and _holds(p, values, entry):
                if out is values:
                    out = dict(values)
                if out[spec.scope] is entries:
                    out[spec.scope] = list(entries)
                out[spec.scope][i] = {**out[spec.scope][i], spec.path: _plain(p.doc.value)}
                applied.append(Applied(p, i))
    return out, applied


def _holds(p: Presumption, values: dict[str, Any], entry: dict[str, Any] | None) -> bool:
    return p.context is None or truth(p.context, values, entry) is True


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


__all__ = ["Applied", "Presumption", "apply", "load"]
