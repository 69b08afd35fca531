"""Cures: the actions a partner can take to clear a finding, in words naming who acts.

Declared in ``rules/cures.yaml``: for a fact, the value (or, for a number, the direction)
an action gives it, the sentence that says it ("{lender} et {host} signent une convention
de mise à disposition"), which partners act and when. "What would clear it" is computed
from a rule's condition (:mod:`advisor.clearing`); only the changes a cure describes are
offered to a reader. A change no cure describes — setting "written agreement" to no,
removing a partner, dropping the project — is a retreat, never offered as a remedy.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fieldspec import FieldSpec
from .model import PARTNER_REFERENCES
from .rulemodel import CureDoc, CuresFile
from .schema import Schema
from .template import check as template_check
from .template import fill

FILE = "cures.yaml"


@dataclass(frozen=True)
class Cure:
    """An action that changes a fact toward a secured state, with the field it changes."""

    doc: CureDoc
    spec: FieldSpec

    def matches(self, target: Any, actual: Any) -> bool:
        """Whether changing the fact from ``actual`` to ``target`` is this action."""
        kind = self.spec.kind
        if kind == "number":
            if actual is None or self.doc.direction is None:
                return False
            return target < actual if self.doc.direction == "down" else target > actual
        if kind == "multi":
            had = set(actual or ())
            return self.doc.value in set(target or ()) - had
        return target == self.doc.value

    def words(self, lang: str, values: dict[str, str]) -> str:
        return fill(self.doc.text.get(lang), values)


def placeholders_for(spec: FieldSpec) -> set[str]:
    """Names a cure's sentence may use for a fact of ``spec``'s scope."""
    names = {"target", "partners"}
    names |= set(PARTNER_REFERENCES.get(spec.scope, ()))
    if spec.scope == "partners":
        names.add("name")
    return names


def load(
    col: Any, root: Path, schema: Schema, recommendations: Container[str] = ()
) -> dict[str, list[Cure]]:
    """Read ``cures.yaml`` (optional): cures by the absolute path of their fact.

    ``recommendations``: the ids a cure's ``recommendation`` may name."""
    path = root / FILE
    if not path.exists():
        return {}
    doc = col.read(path, CuresFile)
    if doc is None:
        return {}
    out: dict[str, list[Cure]] = {}
    for i, c in enumerate(doc.cures):
        where = f"cure {i + 1} ({c.field})"
        spec = schema.by_absolute(c.field)
        if spec is None or spec.kind == "text" or not spec.actionable:
            col.add(path, None, f"{where}: not a fact an action can change")
            continue
        problem = _shape_problem(spec, c) or _retreat_problem(c)
        if problem:
            col.add(path, None, f"{where}: {problem}")
            continue
        allowed = placeholders_for(spec)
        for lang in ("fr", "en"):
            for message in template_check(c.text.get(lang), allowed=allowed):
                col.add(path, None, f"{where}: text ({lang}): {message}")
        if c.recommendation is not None and c.recommendation not in recommendations:
            col.add(path, None, f"{where}: recommendation: no recommendation '{c.recommendation}'")
        refs = set(PARTNER_REFERENCES.get(spec.scope, ()))
        for who in c.who:
            if who not in refs and not (who == "name" and spec.scope == "partners"):
                col.add(path, None, f"{where}: who: '{who}' is not a partner of the entry")
        for key in c.who_where:
            if schema.by_absolute(f"partners[].{key}") is None:
                col.add(path, None, f"{where}: who_where: '{key}' is not a fact of a partner")
        out.setdefault(c.field, []).append(Cure(c, spec))
    return out


def _retreat_problem(c: CureDoc) -> str | None:
    """A cure that stops something (a fact set to false) may be a retreat presented as a
    cure ("issues no tax receipt" costs the donor its reduction): it must say why it is
    an action that secures the alliance."""
    if c.value is False and not (c.not_a_retreat or "").strip():
        return (
            "sets the fact to false: say in 'not_a_retreat' why stopping it secures the"
            " alliance rather than giving up what it seeks, or remove the cure"
        )
    return None


def _shape_problem(spec: FieldSpec, c: CureDoc) -> str | None:
    if spec.kind == "number":
        if c.direction is None or c.value is not None:
            return "for a number, give 'direction' (down or up), not 'value'"
        return None
    if c.direction is not None:
        return "'direction' is for numbers; give 'value'"
    if spec.kind == "bool" and not isinstance(c.value, bool):
        return "value must be true or false"
    if spec.kind in ("enum", "multi") and c.value not in spec.values:
        return f"value must be one of {', '.join(spec.values)}"
    return None


__all__ = ["Cure", "load", "placeholders_for"]
