"""The tables rules refer to: parameters, recommendations, value sets, glossary.

Read before the rules (a rule's condition may name a parameter or a value set, and a rule
points to recommendations); each loader adds what is wrong to the :class:`Collector`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .conditions import ConditionError, Node, parse
from .errors import AdvisorError, did_you_mean
from .parameters import Parameter, ParamValue
from .rulemodel import (
    ChallengeDoc,
    GlossaryFile,
    ParameterDoc,
    ParametersFile,
    RecommendationDoc,
    RecommendationsFile,
    ValueSetsFile,
)
from .rulesread import Collector
from .schema import Schema
from .template import check as template_check
from .yamlio import MAX_RULES_BYTES, load_mapping_marked

#: The case facts a clause of a contract checklist may show.
CLAUSE_FIELDS = {"partners", "duration", "results", "contributions", "people"}


def load_params(col: Collector, root: Path) -> dict[str, Parameter]:
    path = root / "parameters.yaml"
    out: dict[str, Parameter] = {}
    if not path.exists():
        return out
    doc = col.read(path, ParametersFile)
    if doc is None:
        return _salvage_params(col, path)
    for name, p in doc.parameters.items():
        starts = [v.from_ for v in p.values]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            col.add(
                path,
                None,
                f"parameter '{name}': values must be in increasing date order with distinct dates",
            )
        values = tuple(
            ParamValue(v.from_, v.value, v.unverified, v.note, v.source)
            for v in sorted(p.values, key=lambda v: v.from_)
        )
        out[name] = Parameter(
            name,
            p.unit,
            {"fr": p.description.fr, "en": p.description.en},
            p.reference,
            p.url,
            values,
            col.rel(path),
            tuple(p.basis),
        )
    return out


def _salvage_params(col: Collector, path: Path) -> dict[str, Parameter]:
    """The parameters of a file that failed to validate, one by one.

    The file's problems are already reported. A parameter that is valid on its own is kept;
    one that is not is kept by name, without values, so that the rules naming it are not
    reported again as naming an *unknown* parameter: lint shows the real problem only.
    """
    try:
        data, _ = load_mapping_marked(path, max_bytes=MAX_RULES_BYTES)
    except AdvisorError:
        return {}
    entries = data.get("parameters") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}
    out: dict[str, Parameter] = {}
    for name, entry in entries.items():
        if not isinstance(name, str):
            continue
        try:
            p = ParameterDoc.model_validate(entry)
        except ValidationError:
            out[name] = Parameter(name, None, {}, None, None, (), col.rel(path), ())
            continue
        out[name] = Parameter(
            name,
            p.unit,
            {"fr": p.description.fr, "en": p.description.en},
            p.reference,
            p.url,
            tuple(
                ParamValue(v.from_, v.value, v.unverified, v.note, v.source)
                for v in sorted(p.values, key=lambda v: v.from_)
            ),
            col.rel(path),
            tuple(p.basis),
        )
    return out


def load_recommendations(col: Collector, root: Path) -> dict[str, RecommendationDoc]:
    path = root / "recommendations.yaml"
    if not path.exists():
        col.add("recommendations.yaml", None, "missing: recommendations are required")
        return {}
    doc = col.read(path, RecommendationsFile)
    out: dict[str, RecommendationDoc] = {}
    for rec in doc.recommendations if doc else []:
        if rec.id in out:
            col.add(path, None, f"recommendation id '{rec.id}' is used twice")
        out[rec.id] = rec
    return out


def load_remedy_conditions(
    col: Collector,
    recs: dict[str, RecommendationDoc],
    schema: Schema,
    params: dict[str, Parameter],
    challenges: dict[str, ChallengeDoc],
) -> dict[str, Node]:
    """The parsed conditions of every recommendation, keyed ``<rec id>:<part>``."""
    out: dict[str, Node] = {}
    path = "recommendations.yaml"
    for rec in recs.values():
        parts: list[tuple[str, Any]] = [
            ("applies_if", rec.applies_if),
            ("unless", rec.unless),
            ("local_if", rec.local_if),
        ]
        parts += [(f"conditions:{c.id}", c.when) for c in rec.conditions]
        parts += [(f"clauses:{c.id}", c.include_if) for c in rec.clauses]
        parts += [(f"conflicts:{c.id}", c.when) for c in rec.conflicts]
        parts += [(f"variants:{v.id}", v.when) for v in rec.variants]
        for key, data in parts:
            if data is None:
                continue
            try:
                out[f"{rec.id}:{key}"] = parse(
                    data, schema, params, where=f"recommendation {rec.id}: {key}", sets=col.sets
                )
            except ConditionError as exc:
                col.add(path, None, str(exc))
        for clause in rec.clauses:
            for lang in ("fr", "en"):
                for problem in template_check(clause.content.get(lang), allowed=CLAUSE_FIELDS):
                    col.add(
                        path,
                        None,
                        f"recommendation {rec.id}: clause {clause.id} ({lang}): {problem}",
                    )
        for cid in (a for c in rec.clauses for a in c.answers):
            if challenges and cid not in challenges and cid.rsplit(".", 1)[0] not in challenges:
                col.add(
                    path,
                    None,
                    f"recommendation {rec.id}: a clause answers '{cid}', "
                    "neither a challenge nor a rule id of one"
                    f"{did_you_mean(cid, challenges)}",
                )
        for key, ids in (("secures", rec.secures), ("restates", rec.restates)):
            for cid in ids:
                if challenges and cid not in challenges and cid.rsplit(".", 1)[0] not in challenges:
                    col.add(
                        path,
                        None,
                        f"recommendation {rec.id}: '{key}' names '{cid}', "
                        "neither a challenge nor a rule id of one"
                        f"{did_you_mean(cid, challenges)}",
                    )
    return out


def load_value_sets(col: Collector, root: Path, schema: Schema) -> dict[str, tuple[str, ...]]:
    path = root / "value-sets.yaml"
    if not path.exists():
        return {}
    doc = col.read(path, ValueSetsFile)
    out: dict[str, tuple[str, ...]] = {}
    for name, vs in (doc.value_sets if doc else {}).items():
        spec = schema.by_absolute(vs.field)
        if spec is None or spec.kind not in ("enum", "multi"):
            col.add(
                path, None, f"value set '{name}': '{vs.field}' is not a field with a vocabulary"
            )
            continue
        bad = [v for v in vs.values if v not in spec.values]
        if bad:
            col.add(
                path,
                None,
                f"value set '{name}': {', '.join(bad)} not values of '{vs.field}'; allowed: "
                f"{', '.join(spec.values)}",
            )
            continue
        out[name] = tuple(vs.values)
    return out


def load_glossary(col: Collector, root: Path) -> GlossaryFile:
    path = root / "glossary.yaml"
    if not path.exists():
        return GlossaryFile(fields={})
    return col.read(path, GlossaryFile) or GlossaryFile(fields={})
