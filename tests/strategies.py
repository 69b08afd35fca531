"""Hypothesis strategies that generate valid alliance cases from the case model itself."""

from __future__ import annotations

import datetime as dt
import typing

from hypothesis import strategies as st
from pydantic import BaseModel

from advisor.model import AllianceCase
from advisor.schema import _classify

# Values near the thresholds of the rules base make the interesting branches likely.
_AMOUNTS = [
    0,
    1,
    999,
    5_000,
    10_000,
    10_001,
    15_000,
    20_000,
    23_000,
    23_001,
    50_000,
    60_000,
    80_011,
    100_000,
    200_000,
    300_001,
    500_000,
    750_001,
    1_000_000,
    2_000_001,
    5_000_000,
    50_000_000,
]
_PCTS = [0, 5, 10, 20, 25, 25.5, 30, 40, 49, 50, 51, 60, 66, 70, 100]
_COUNTS = [0, 1, 2, 3, 4, 6, 7, 8, 12, 18, 24, 36, 37, 100, 249, 250, 1000]
_RATIOS = [0.5, 1, 3, 6.9, 7, 7.5, 10, 11]

REF_FIELDS = {
    "donor",
    "beneficiary",
    "funder",
    "lender",
    "host",
    "buyer",
    "supplier",
    "investor",
    "investee",
    "partner",
}


def _maybe(strategy, unknown_weight: int = 1):
    return st.one_of(st.none(), strategy) if unknown_weight else strategy


def _scalar(name: str, annotation, ids: list[str]):
    kind, detail = _classify(annotation)
    if name in REF_FIELDS:
        return st.one_of(st.none(), st.sampled_from(ids)) if ids else st.none()
    if kind == "bool":
        return _maybe(st.booleans())
    if kind == "enum":
        return _maybe(st.sampled_from(detail))
    if kind == "multi":
        return _maybe(st.lists(st.sampled_from(detail), unique=True, max_size=4))
    if kind == "number":
        if name.endswith("_pct"):
            return _maybe(st.sampled_from(_PCTS))
        if name.endswith("_ratio"):
            return _maybe(st.sampled_from(_RATIOS))
        if name.endswith(("_eur", "_eur_ht", "_eur_per_year")):
            return _maybe(st.sampled_from(_AMOUNTS))
        return _maybe(st.sampled_from(_COUNTS))
    if kind == "date":
        return _maybe(st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31)))
    if kind == "text":
        return st.one_of(st.none(), st.text(max_size=20))
    raise TypeError(kind)


def _model(model: type[BaseModel], ids: list[str], depth: int = 0, skip=()):
    fields = {}
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind, detail = _classify(info.annotation)
        if kind == "model":
            fields[name] = _model(detail, ids, depth + 1)
        elif kind == "list":
            fields[name] = st.lists(_model(detail, ids, depth + 1), max_size=3)
        else:
            fields[name] = _scalar(name, info.annotation, ids)
    return st.fixed_dictionaries({}, optional=fields)


@st.composite
def cases(draw, max_partners: int = 5):
    """A valid case: partners with unique ids, references pointing to them."""
    from advisor.model import Partner

    n = draw(st.integers(0, max_partners))
    ids = [f"p{i}" for i in range(n)]
    partners = []
    for pid in ids:
        body = draw(_model(Partner, ids, skip=("id", "name")))
        partners.append({"id": pid, "name": f"Partner {pid}", **body})
    data = draw(_model(AllianceCase, ids, skip=("format_version", "meta", "partners")))
    data["partners"] = partners
    _possible(data)
    return AllianceCase.model_validate(data)


def _possible(data: dict) -> None:
    """Keep only possible facts (the model refuses the others): two different partners at
    the ends of a flow, shares of one vehicle within 100 %."""
    from advisor.model.case import PARTNER_REFERENCES

    for path, ends in PARTNER_REFERENCES.items():
        section, name = path.split(".")
        for item in data.get(section, {}).get(name, []):
            if len(ends) == 2 and item.get(ends[0]) is not None:
                if item.get(ends[0]) == item.get(ends[1]):
                    item[ends[1]] = None
    vehicle = data.get("vehicle", {})
    for scope, fields in (("holdings", ("capital_pct", "votes_pct")), ("colleges", ("votes_pct",))):
        for field in fields:
            total = 0.0
            for item in vehicle.get(scope, []):
                value = item.get(field)
                if value is not None and total + value > 100:
                    item[field] = None
                elif value is not None:
                    total += value


def as_of_dates():
    return st.sampled_from(
        [
            dt.date(2024, 6, 30),
            dt.date(2025, 6, 1),
            dt.date(2026, 6, 1),
            dt.date(2027, 6, 1),
            dt.date(2028, 1, 15),
        ]
    )


__all__ = ["cases", "as_of_dates", "typing"]
