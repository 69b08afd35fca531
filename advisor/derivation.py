"""How a derived fact is defined: the context it reads, joins, sums and field specs.

Shared by ``advisor.derived`` (ratios, joins and sums of the case) and
``advisor.derived_law`` (the facts the statutory scope of some rules needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast, get_args

from .fieldspec import FieldSpec, Kind
from .model import AllianceCase
from .model.types import PartnerKind, PublicLevel


class CaseIndex:
    """Lookups built once per fact sheet, so that every derived fact costs O(1): the
    partners by id, each donor's total gifts, the subsidies each partner receives."""

    def __init__(self, case: AllianceCase):
        self.partners = {p.id: p for p in case.partners}
        self._donor_totals: dict[str, float | None] | None = None
        self._subsidies: dict[str, list[Any]] | None = None
        self._tables: dict[str, Any] = {}
        self.case = case

    def donor_total(self, donor: str) -> float | None:
        """Total yearly gifts of ``donor`` in the alliance (unknown if one amount is)."""
        if self._donor_totals is None:
            totals: dict[str, float | None] = {}
            for gift in self.case.money.gifts:
                if gift.donor is None:
                    continue
                before = totals.get(gift.donor, 0.0)
                totals[gift.donor] = (
                    None if before is None or gift.amount_eur is None else before + gift.amount_eur
                )
            self._donor_totals = totals
        return self._donor_totals.get(donor, 0.0)

    def table(self, key: str, build: Callable[[AllianceCase], Any]) -> Any:
        """A lookup table over a list of the case, built once per fact sheet (``key`` names
        it) so that a derived fact that aggregates a list stays O(1) per entry."""
        if key not in self._tables:
            self._tables[key] = build(self.case)
        return self._tables[key]

    def subsidies_to(self, partner_id: str) -> list[Any]:
        if self._subsidies is None:
            by: dict[str, list[Any]] = {}
            for sub in self.case.money.subsidies:
                if sub.beneficiary is not None:
                    by.setdefault(sub.beneficiary, []).append(sub)
            self._subsidies = by
        return self._subsidies.get(partner_id, [])


@dataclass(frozen=True)
class Ctx:
    """What a derivation may read: the case, the list entry (if any) and the date."""

    case: AllianceCase
    item: Any
    as_of: dt.date
    index: CaseIndex | None = None

    def partner(self, pid: str | None) -> Any:
        """The partner with this id (``None`` when unknown or absent), in O(1)."""
        if pid is None:
            return None
        if self.index is not None:
            return self.index.partners.get(pid)
        return self.case.partner(pid)


@dataclass(frozen=True)
class Derived:
    """A fact computed from the answers of a case (how, and how to reach a value)."""

    spec: FieldSpec
    compute: Callable[[Ctx], Any]
    apply: Callable[[Any, Any], None] | None = None
    """``apply(item_or_case, target_value)`` changes answered fields to reach the value."""
    join: str | None = None
    """For a fact read on another partner (a gift's donor's kind): the entry's field that
    names that partner, so that an unknown is asked of the right partner."""


def join(role: str, attr: str) -> Callable[[Ctx], Any]:
    """The ``attr`` of the partner a list entry names in its field ``role``."""

    def compute(ctx: Ctx) -> Any:
        partner = ctx.partner(getattr(ctx.item, role))
        return None if partner is None else getattr(partner, attr)

    return compute


def joined(
    scope: str,
    role: str,
    attr: str,
    kind: str,
    doc: str,
    *,
    unit: str | None = None,
    values: tuple[str, ...] = (),
) -> Derived:
    """The fact ``<role>_<attr>`` of a list entry: the ``attr`` of the partner the entry
    names in its field ``role`` (a gift's ``donor_kind``), asked of that partner."""
    return Derived(
        spec(
            scope,
            f"{role}_{attr}",
            kind,
            doc,
            unit=unit,
            values=values,
            inputs=(f"{scope}[].{role}", f"partners[].{attr}"),
        ),
        join(role, attr),
        join=role,
    )


def share_sum(attr: str, keep: Callable[[Any, Any], bool | None]) -> Callable[[Ctx], Any]:
    """Sum of capital or vote shares of the holdings for which ``keep(partner, holding)`` is
    true; unknown while a holder, its verdict or its share is.

    ``keep`` reads the holder and, when it matters, the holding itself (a private holder of
    a GIP counts on the public side when the holding says it has a public-service mission).
    It is also asked with ``holding=None`` whether a partner could count at all: when no
    partner could, the sum is 0 without reading the holdings."""

    def compute(ctx: Ctx) -> float | None:
        if ctx.case.partners and all(keep(p, None) is False for p in ctx.case.partners):
            return 0.0
        holdings = ctx.case.vehicle.holdings
        if not holdings:
            return None
        total = 0.0
        for h in holdings:
            partner = ctx.partner(h.partner)
            verdict = None if partner is None else keep(partner, h)
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
        kind=cast(Kind, kind),
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
