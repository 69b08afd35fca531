"""The field schema: every fact a rule or a question can read, with its type.

Built once by walking the pydantic case model, plus the derived fields of
:mod:`advisor.derived`. Rules are type-checked against it when they are loaded: an
unknown field, an operator that does not fit the field's type or a value outside a
vocabulary is a load-time error naming the rule.

Paths are dotted (``people.volunteers.flat_rate_allowances``). Lists of entries
(``partners``, ``money.gifts``...) are *scopes*: inside a ``some``/``every``/``none``
quantifier, fields are named relative to the entry (``kind``, ``amount_eur``).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import re
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel

from .derived import DERIVED
from .fieldspec import ROOT, FieldSpec, Kind
from .model import AllianceCase

_FIXED = {
    "kind",
    "equity_listed",  # whether a company's shares trade on a market: who it is
    "private_staff",
    "company_size",
    "employees",
    "turnover_eur",
    "age_years",
    "public_level",
    "name",
    "id",
    "investor_type",
    "lender",
    "host",
    "donor",
    "beneficiary",
    "funder",
    "buyer",
    "supplier",
    "investor",
    "investee",
    "partner",
    "count",
    "form",
    "innovative",
    "modalities",
    "co_developed",
    "involved",
    "mixed_teams",
    "public_agents_in_team",
    "insertion_workers_on_partner_site",
    "employer_group",
    "pooled_funds",
    "in_kind_contributions",
    "revenue_sharing",
    "company_sells_results",
    "spreading_planned",
    "public_researchers_involved",
    "employee_inventions_possible",
    "is_rd",
    "in_kind",
    "instrument",
    "start_date",
    "duration_months",
    "rescrit_requested_on",
    "company_gets_results",
    "seeks_solidarity_funds",
    "amount_eur",
    "amount_eur_ht",
    "amount_eur_per_year",
    # what a partner is and does, and the alliance's own choices: facts an answer
    # settles, not actions that secure the set-up
    "commercial_revenue_eur",
    "non_profit_predominant",
    "commercial_like_business",
    "distributes_surplus",
    "paid_leaders",
    "own_resources_eur",
    "state_aid_3y_eur",
    "sieg_aid_3y_eur",
    "esus_approved",
    "ess_company",
    "fundraising_events_per_year",
    "third_party_staffing_for_profit",
    "employer_group_profit",
    "general_interest",
    "lender_is_non_profit",
    "accepts_lower_return",
    "exclusivity_wanted",
    "open_source_accepted",
    "profit_aim",
    "profit_distribution",
    "replaces_dismissed_employee",
    "work_for_company",
    "receives_public_funding",
    "social_purpose_charges_pct",
    "top5_pay_smic_ratio",
    "highest_pay_smic_ratio",
}


@dataclass
class Schema:
    """Every field, by scope and path; and the list scopes."""

    fields: dict[tuple[str, str], FieldSpec] = field(default_factory=dict)
    scopes: dict[str, str] = field(default_factory=dict)
    """List scope path -> docstring."""

    def get(self, scope: str, path: str) -> FieldSpec | None:
        return self.fields.get((scope, path))

    def in_scope(self, scope: str) -> list[FieldSpec]:
        return [f for (s, _), f in self.fields.items() if s == scope]

    def by_absolute(self, absolute: str) -> FieldSpec | None:
        if "[]." in absolute:
            scope, path = absolute.split("[].", 1)
            return self.get(scope, path)
        return self.get(ROOT, absolute)

    def add(self, spec: FieldSpec) -> None:
        self.fields[(spec.scope, spec.path)] = spec


def _unit(name: str, py: type) -> str | None:
    for suffix, unit in (
        ("_eur", "eur"),
        ("_eur_ht", "eur"),
        ("_eur_per_year", "eur"),
        ("_pct", "pct"),
        ("_months", "months"),
        ("_years", "years"),
        ("_ratio", "ratio"),
        ("_permille", "permille"),
    ):
        if name.endswith(suffix):
            return unit
    return "count" if py is int else None


def _classify(annotation: typing.Any) -> tuple[str, typing.Any]:
    """Reduce an annotation to (kind, detail)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _classify(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if set(args) <= {int, float}:
            return ("number", float if float in args else int)
        if len(args) == 1:
            return _classify(args[0])
        raise TypeError(f"unsupported union {annotation}")
    if origin is Literal:
        return ("enum", tuple(typing.get_args(annotation)))
    if origin is list:
        (item,) = typing.get_args(annotation)
        kind, detail = _classify(item)
        if kind == "enum":
            return ("multi", detail)
        return ("list", item)
    if annotation is bool:
        return ("bool", None)
    if annotation in (int, float):
        return ("number", annotation)
    if annotation is str:
        return ("text", None)
    if annotation is dt.date:
        return ("date", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    raise TypeError(f"unsupported annotation {annotation!r}")


def _walk(schema: Schema, model: type[BaseModel], scope: str, prefix: str) -> None:
    for name, info in model.model_fields.items():
        if scope == ROOT and prefix == "" and name in ("format_version", "meta"):
            continue
        kind, detail = _classify(info.annotation)
        path = f"{prefix}{name}"
        doc = (info.description or attribute_docs(model).get(name) or "").strip()
        if kind == "model":
            _walk(schema, detail, scope, f"{path}.")
        elif kind == "list":
            list_path = path if scope == ROOT else f"{scope}.{path}"
            schema.scopes[list_path] = doc
            _walk(schema, detail, list_path, "")
        else:
            unit = _unit(name, detail) if kind == "number" else None
            values = tuple(detail) if kind in ("enum", "multi") else ()
            schema.add(
                FieldSpec(
                    path=path,
                    scope=scope,
                    kind=cast(Kind, kind),
                    unit=unit,
                    values=values,
                    doc=doc,
                    actionable=name not in _FIXED,
                )
            )


def attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of ``model``'s class body, cleaned like pydantic's
    ``use_attribute_docstrings`` (which read the source again for each of the 21 classes
    of the case model at import, ~30 ms of every start): here one parse per module."""
    return _module_docs(model.__module__).get(model.__qualname__, {})


@functools.cache
def _module_docs(module: str) -> dict[str, dict[str, str]]:
    """The field docstrings of each class of ``module``: parsed from its source, or, for
    the same source bytes, read from the cache of parsed files (:mod:`advisor.rulescache`,
    kind ``docs``: ~4 ms of every start, the source read and parsed again); an entry that
    is not such a mapping of texts is ignored."""
    import hashlib

    from .rulescache import ParsedCache

    file = getattr(sys.modules.get(module), "__file__", None)
    if not file or not file.endswith(".py"):
        return _parse_docs(module)
    path = Path(file)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return _parse_docs(module)
    cache = _DOCS_CACHES.get(path.parent)
    if cache is None:
        cache = _DOCS_CACHES[path.parent] = ParsedCache.for_root("docs", path.parent)
    found = cache.get(path.name, digest)
    if _are_docs(found):
        return found
    docs = _parse_docs(module)
    cache.put(path.name, digest, docs)
    return docs


#: The caches of the folders whose modules' docstrings were read, saved once the case
#: schema is built (:func:`case_schema`).
_DOCS_CACHES: dict[Path, Any] = {}


def _are_docs(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(docs, dict) and all(isinstance(t, str) for t in docs.values())
        for docs in value.values()
    )


def _parse_docs(module: str) -> dict[str, dict[str, str]]:
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (KeyError, OSError, TypeError, SyntaxError):  # pragma: no cover - no source
        return {}
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for before, stmt in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.AnnAssign)
                and isinstance(before.target, ast.Name)
                and isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                docs[before.target.id] = inspect.cleandoc(stmt.value.value)
        out[node.name] = docs
    return out


@functools.lru_cache(maxsize=1)
def case_schema() -> Schema:
    """The schema of :class:`AllianceCase` plus the derived fields."""
    schema = Schema()
    _walk(schema, AllianceCase, ROOT, "")
    for cache in _DOCS_CACHES.values():
        cache.save()
    for d in DERIVED:
        schema.add(d.spec)
    return schema


_INDEX = re.compile(r"\[\d+\]\.")


def is_derived(field: str) -> bool:
    """Whether the fact a finding names (``partners[0].group_headcount``,
    ``distinct_legal_forms``) is deduced from the answers rather than answered: the
    interview says so beside it, so that nobody reads it as what the client said."""
    spec = case_schema().by_absolute(_INDEX.sub("[].", field))
    return spec is not None and spec.derived
