"""What a flagged finding may cost: an amount of the case times a rate the rule gives
(``exposure`` in a rule: the tax reduction at stake on a gift, a fine on receipts).

The rule says which amount and which rate; this module checks it when the rules base is
loaded and computes the estimate for the entries that make the rule true. An estimate is
never computed from an unknown amount.
"""

from __future__ import annotations

from typing import Any

from .evaluate import Hit
from .fieldspec import ROOT
from .findings import Exposure
from .parameters import format_number
from .rulemodel import RuleDoc
from .schema import Schema


def rate_param(doc: RuleDoc) -> str | None:
    """The parameter an exposure's rate names, if any."""
    rate = doc.exposure.rate if doc.exposure else None
    return rate.get("param") if isinstance(rate, dict) else None


def check(doc: RuleDoc, schema: Schema, params: dict[str, Any]) -> list[str]:
    """Problems of a rule's ``exposure`` (empty when it is sound)."""
    e = doc.exposure
    if e is None:
        return []
    out = []
    spec = schema.by_absolute(e.field)
    if spec is None or spec.kind != "number" or spec.unit != "eur":
        out.append(f"exposure: '{e.field}' is not an amount in euros of the case")
    rate = e.rate
    if isinstance(rate, dict):
        name = rate.get("param")
        if set(rate) != {"param"} or name not in params:
            out.append(f"exposure: rate {{param: {name}}} names no parameter")
        elif params[name].unit != "pct":
            out.append(f"exposure: parameter '{name}' is not a percentage")
    elif isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= 100:
        out.append("exposure: rate must be a percentage between 0 and 100, or {param: name}")
    return out


def estimate(
    doc: RuleDoc, params: dict[str, Any], held: list[Hit], values: dict[str, Any], lang: str
) -> Exposure | None:
    """The exposure of a flagged finding: the amount of each entry that made the rule true
    (or of the case) times the rate; ``None`` when an amount is unknown."""
    e = doc.exposure
    if e is None:
        return None
    scope, _, path = e.field.rpartition("[].")
    if isinstance(e.rate, dict):
        pv = params.get(e.rate["param"])
        if pv is None:
            return None
        rate = pv.value
    else:
        rate = e.rate
    if scope:
        indexes = sorted({h.index for h in held if h.scope == scope and h.index is not None})
        amounts = [values[scope][i].get(path) for i in indexes]
    else:
        amounts = [values.get(e.field)] if scope == ROOT else []
    if not amounts or any(a is None for a in amounts):
        return None
    amount = round(sum(amounts) * rate / 100.0, 2)
    return Exposure(
        label=e.label.get(lang),
        amount_eur=amount,
        shown=format_number(round(amount), "eur", lang),
        rule_id=doc.id,
    )


__all__ = ["check", "estimate", "rate_param"]
