"""How a derived fact is defined: the context it reads, joins, sums and field specs.

Shared by ``advisor.derived`` (ratios, joins and sums of the case) and
``advisor.derived_law`` (the facts the statutory scope of some rules needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from .fieldspec import FieldSpec
from .model import AllianceCase
from .model.types import PartnerKind, PublicLevel


@dataclass(frozen=True)
class Ctx:
    """What a derivation may read: the case, the list entry (if any) and the date."""

    case: AllianceCase
    item: Any
    as_of: dt.date


@dataclass(frozen=True)
class Derived:
    spec: FieldSpec
    compute: Callable[[Ctx], Any]
    apply: Callable[[Any, Any], None] | None = None
    """``apply(item_or_case, target_value)`` changes answered fields to reach the value."""


def join(role: str, attr: str) -> Callable[[Ctx], Any]:
    """The ``attr`` of the partner a list entry names in its field ``role``."""

    def compute(ctx: Ctx) -> Any:
        partner = ctx.case.partner(getattr(ctx.item, role))
        return None if partner is None else getattr(partner, attr)

    return compute


def share_sum(attr: str, keep: Callable[[Any], bool | None]) -> Callable[[Ctx], Any]:
    """Sum of capital or vote shares of the holders for which ``keep`` is true (0 when no
    partner can be such a holder)."""

    def compute(ctx: Ctx) -> float | None:
        if ctx.case.partners and all(keep(p) is False for p in ctx.case.partners):
            return 0.0
        holdings = ctx.case.vehicle.holdings
        if not holdings:
            return None
        total = 0.0
        for h in holdings:
            partner = ctx.case.partner(h.partner)
            verdict = None if partner is None else keep(partner)
            if verdict is None:
                return None
            if verdict:
                value = getattr(h, attr)
                if value is None:
                    return None
                total += value
        return round(total, 4)

    return compute


def spec(
    scope: str,
    path: str,
    kind: str,
    doc: str,
    *,
    unit: str | None = None,
    values: tuple[str, ...] = (),
    actionable: bool = False,
    inputs: tuple[str, ...] = (),
) -> FieldSpec:
    """The field spec of a derived fact (``derived=True``)."""
    return FieldSpec(
        path=path,
        scope=scope,
        kind=kind,
        unit=unit,
        values=values,
        doc=doc,
        derived=True,
        actionable=actionable,
        inputs=inputs,
    )


KINDS: tuple[str, ...] = tuple(get_args(PartnerKind))
LEVELS: tuple[str, ...] = tuple(get_args(PublicLevel))
G, S, L, INV, P, H = (
    "money.gifts",
    "money.subsidies",
    "people.staff_loans",
    "money.investments",
    "money.public_purchases",
    "vehicle.holdings",
)
PK = "partners[].kind"
