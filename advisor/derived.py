"""Derived facts: ratios, joins, sums and durations computed from the answers.

Only definitions live here (what a ratio or a join *is*); every threshold a rule compares
them with lives in the YAML rules base. A derived fact is unknown as soon as one of its
inputs is unknown, and names those inputs so that a ``to_verify`` finding can ask the
right questions. Actionable derived facts carry an inverse (``apply``) used to check
that a "what would clear this flag" suggestion really clears it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .fieldspec import ROOT, FieldSpec
from .model import AllianceCase
from .model.types import LOCAL_LEVELS, PUBLIC_KINDS


class CaseIndex:
    """Lookups built once per fact sheet, so that every derived fact costs O(1): the
    partners by id, each donor's total gifts, the subsidies each partner receives."""

    def __init__(self, case: AllianceCase):
        self.partners = {p.id: p for p in case.partners}
        self._donor_totals: dict[str, float | None] | None = None
        self._subsidies: dict[str, list[Any]] | None = None
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

    def subsidies_to(self, partner_id: str) -> list[Any]:
        if self._subsidies is None:
            by: dict[str, list[Any]] = {}
            for sub in self.case.money.subsidies:
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
    spec: FieldSpec
    compute: Callable[[Ctx], Any]
    apply: Callable[[Any, Any], None] | None = None
    """``apply(item_or_case, target_value)`` changes answered fields to reach the value."""
    join: str | None = None
    """For a fact read on another partner (a gift's donor's kind): the entry's field that
    names that partner, so that an unknown is asked of the right partner."""


def _join(role: str, attr: str) -> Callable[[Ctx], Any]:
    def compute(ctx: Ctx) -> Any:
        partner = ctx.partner(getattr(ctx.item, role))
        return None if partner is None else getattr(partner, attr)

    return compute


def _ratio_pct(ctx: Ctx) -> float | None:
    amount, counterparts = ctx.item.amount_eur, ctx.item.counterparts_eur
    if counterparts == 0:
        return 0.0  # no counterpart is 0 % of any gift, even of an unknown amount
    if amount is None or counterparts is None or amount == 0:
        return None
    return round(counterparts * 100.0 / amount, 4)


def _set_counterparts(item: Any, pct: float) -> None:
    item.counterparts_eur = round(item.amount_eur * pct / 100.0, 2)


def _donor_total(ctx: Ctx) -> float | None:
    donor = ctx.item.donor
    if donor is None:
        return None
    index = ctx.index or CaseIndex(ctx.case)
    return index.donor_total(donor)


def _turnover_permille(ctx: Ctx) -> float | None:
    partner = ctx.partner(ctx.item.donor)
    total = _donor_total(ctx)
    if partner is None or partner.turnover_eur in (None, 0) or total is None:
        return None
    return round(total * 1000.0 / partner.turnover_eur, 4)


def _months_pending(ctx: Ctx) -> int | None:
    start = ctx.item.rescrit_requested_on
    if start is None:
        return None
    months = (ctx.as_of.year - start.year) * 12 + (ctx.as_of.month - start.month)
    if ctx.as_of.day < start.day:
        months -= 1
    return max(months, 0)


def _share_sum(attr: str, keep: Callable[[Any], bool | None]) -> Callable[[Ctx], Any]:
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
            partner = ctx.partner(h.partner)
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


def _is_public(p: Any) -> bool | None:
    return None if p.kind is None else p.kind in PUBLIC_KINDS


def _is_local_authority(p: Any) -> bool | None:
    if p.kind is None:
        return None
    if p.kind != "public_authority":
        return False
    return None if p.public_level is None else p.public_level in LOCAL_LEVELS


def _receives_public_subsidy(ctx: Ctx) -> bool | None:
    """The partner receives a subsidy from a public partner in the alliance."""
    verdict: bool | None = False
    index = ctx.index or CaseIndex(ctx.case)
    for sub in index.subsidies_to(ctx.item.id):
        funder = ctx.partner(sub.funder)
        if funder is None or funder.kind is None:
            verdict = None
        elif funder.kind in PUBLIC_KINDS:
            return True
    return verdict


def _exchanges(ctx: Ctx) -> int:
    m, people = ctx.case.money, ctx.case.people
    return (
        len(m.gifts)
        + len(m.subsidies)
        + len(m.investments)
        + len(m.public_purchases)
        + len(people.staff_loans)
    )


def _distinct_kinds(ctx: Ctx) -> int | None:
    kinds = [p.kind for p in ctx.case.partners]
    if any(k is None for k in kinds):
        return None
    return len(set(kinds))


def _spec(
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


def _kinds() -> tuple[str, ...]:
    from typing import get_args

    from .model.types import PartnerKind

    return tuple(get_args(PartnerKind))


_K = _kinds()
G, S, L, INV, P, H = (
    "money.gifts",
    "money.subsidies",
    "people.staff_loans",
    "money.investments",
    "money.public_purchases",
    "vehicle.holdings",
)
_PK = "partners[].kind"

DERIVED: tuple[Derived, ...] = (
    Derived(
        _spec(
            ROOT,
            "partners_count",
            "number",
            "Number of partners.",
            unit="count",
            inputs=("partners",),
        ),
        lambda c: len(c.case.partners),
    ),
    Derived(
        _spec(
            ROOT,
            "partner_kinds_count",
            "number",
            "Number of distinct legal natures among the partners.",
            unit="count",
            inputs=(_PK,),
        ),
        _distinct_kinds,
    ),
    Derived(
        _spec(
            ROOT,
            "vehicle.public_capital_pct",
            "number",
            "Share of the vehicle's capital held by public partners, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].capital_pct", _PK),
        ),
        _share_sum("capital_pct", _is_public),
    ),
    Derived(
        _spec(
            ROOT,
            "vehicle.public_votes_pct",
            "number",
            "Share of the vehicle's votes held by public partners, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].votes_pct", _PK),
        ),
        _share_sum("votes_pct", _is_public),
    ),
    Derived(
        _spec(
            ROOT,
            "vehicle.local_authorities_capital_pct",
            "number",
            "Share of the vehicle's capital held by local authorities, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].capital_pct", _PK, "partners[].public_level"),
        ),
        _share_sum("capital_pct", _is_local_authority),
    ),
    Derived(
        _spec(
            ROOT,
            "exchanges_count",
            "number",
            "Number of gifts, subsidies, investments, purchases and staff loans between partners.",
            unit="count",
            inputs=(
                "money.gifts",
                "money.subsidies",
                "money.investments",
                "money.public_purchases",
                "people.staff_loans",
            ),
        ),
        _exchanges,
    ),
    Derived(
        _spec(
            "partners",
            "receives_public_subsidy",
            "bool",
            "The partner receives a subsidy from a public partner of the alliance.",
            inputs=("money.subsidies[].beneficiary", "money.subsidies[].funder", _PK),
        ),
        _receives_public_subsidy,
    ),
    Derived(
        _spec(
            "partners",
            "rescrit_pending_months",
            "number",
            "Months since the pending rescrit request was received.",
            unit="months",
            inputs=("partners[].rescrit_requested_on",),
        ),
        _months_pending,
    ),
    Derived(
        _spec(
            G,
            "counterparts_pct",
            "number",
            "Counterparts received by the donor, in percent of the gift.",
            unit="pct",
            actionable=True,
            inputs=(f"{G}[].counterparts_eur", f"{G}[].amount_eur"),
        ),
        _ratio_pct,
        _set_counterparts,
    ),
    Derived(
        _spec(
            G,
            "donor_kind",
            "enum",
            "Legal nature of the donor.",
            values=_K,
            inputs=(f"{G}[].donor", _PK),
        ),
        _join("donor", "kind"),
        join="donor",
    ),
    Derived(
        _spec(
            G,
            "beneficiary_kind",
            "enum",
            "Legal nature of the beneficiary.",
            values=_K,
            inputs=(f"{G}[].beneficiary", _PK),
        ),
        _join("beneficiary", "kind"),
        join="beneficiary",
    ),
    Derived(
        _spec(
            G,
            "beneficiary_general_interest",
            "bool",
            "The beneficiary pursues an eligible general-interest purpose.",
            inputs=(f"{G}[].beneficiary", "partners[].general_interest"),
        ),
        _join("beneficiary", "general_interest"),
        join="beneficiary",
    ),
    Derived(
        _spec(
            G,
            "beneficiary_rescrit_obtained",
            "bool",
            "The beneficiary holds a rescrit mécénat.",
            inputs=(f"{G}[].beneficiary", "partners[].rescrit_obtained"),
        ),
        _join("beneficiary", "rescrit_obtained"),
        join="beneficiary",
    ),
    Derived(
        _spec(
            G,
            "donor_total_gifts_eur",
            "number",
            "Total yearly gifts of this gift's donor in the alliance, in euros.",
            unit="eur",
            inputs=(f"{G}[].amount_eur", f"{G}[].donor"),
        ),
        _donor_total,
    ),
    Derived(
        _spec(
            G,
            "donor_turnover_permille",
            "number",
            "Donor's total gifts, in per mille of its turnover.",
            unit="permille",
            inputs=(f"{G}[].amount_eur", "partners[].turnover_eur"),
        ),
        _turnover_permille,
        join="donor",
    ),
    Derived(
        _spec(
            L,
            "lender_kind",
            "enum",
            "Legal nature of the lender.",
            values=_K,
            inputs=(f"{L}[].lender", _PK),
        ),
        _join("lender", "kind"),
        join="lender",
    ),
    Derived(
        _spec(
            L,
            "host_kind",
            "enum",
            "Legal nature of the host.",
            values=_K,
            inputs=(f"{L}[].host", _PK),
        ),
        _join("host", "kind"),
        join="host",
    ),
    Derived(
        _spec(
            L,
            "host_general_interest",
            "bool",
            "The host pursues an eligible general-interest purpose (238 bis).",
            inputs=(f"{L}[].host", "partners[].general_interest"),
        ),
        _join("host", "general_interest"),
        join="host",
    ),
    Derived(
        _spec(
            L,
            "host_age_years",
            "number",
            "Years since the host was founded.",
            unit="years",
            inputs=(f"{L}[].host", "partners[].age_years"),
        ),
        _join("host", "age_years"),
        join="host",
    ),
    Derived(
        _spec(
            L,
            "host_employees",
            "number",
            "Headcount of the host.",
            unit="count",
            inputs=(f"{L}[].host", "partners[].employees"),
        ),
        _join("host", "employees"),
        join="host",
    ),
    Derived(
        _spec(
            S,
            "funder_kind",
            "enum",
            "Legal nature of the funder.",
            values=_K,
            inputs=(f"{S}[].funder", _PK),
        ),
        _join("funder", "kind"),
        join="funder",
    ),
    Derived(
        _spec(
            S,
            "beneficiary_kind",
            "enum",
            "Legal nature of the beneficiary.",
            values=_K,
            inputs=(f"{S}[].beneficiary", _PK),
        ),
        _join("beneficiary", "kind"),
        join="beneficiary",
    ),
    Derived(
        _spec(
            INV,
            "investee_kind",
            "enum",
            "Legal nature of the investee.",
            values=_K,
            inputs=(f"{INV}[].investee", _PK),
        ),
        _join("investee", "kind"),
        join="investee",
    ),
    Derived(
        _spec(
            P,
            "buyer_kind",
            "enum",
            "Legal nature of the buyer.",
            values=_K,
            inputs=(f"{P}[].buyer", _PK),
        ),
        _join("buyer", "kind"),
        join="buyer",
    ),
    Derived(
        _spec(
            P,
            "supplier_kind",
            "enum",
            "Legal nature of the supplier.",
            values=_K,
            inputs=(f"{P}[].supplier", _PK),
        ),
        _join("supplier", "kind"),
        join="supplier",
    ),
    Derived(
        _spec(
            H,
            "partner_kind",
            "enum",
            "Legal nature of the holder.",
            values=_K,
            inputs=(f"{H}[].partner", _PK),
        ),
        _join("partner", "kind"),
        join="partner",
    ),
)

BY_KEY: dict[tuple[str, str], Derived] = {(d.spec.scope, d.spec.path): d for d in DERIVED}
