"""Derived facts: ratios, joins, sums and durations computed from the answers.

Only definitions live here (what a ratio or a join *is*); every threshold a rule compares
them with lives in the YAML rules base. A derived fact is unknown as soon as one of its
inputs is unknown, and names those inputs so that a ``to_verify`` finding can ask the
right questions. Actionable derived facts carry an inverse (``apply``) used to check
that a "what would clear this flag" suggestion really clears it.
"""

from __future__ import annotations

from typing import Any

from .derivation import (
    INV,
    KINDS,
    PK,
    CaseIndex,
    Ctx,
    Derived,
    G,
    H,
    L,
    P,
    S,
    joined,
    share_sum,
    spec,
)
from .derived_law import LAW_DERIVED
from .derived_public import JOINS
from .fieldspec import ROOT
from .model.types import LOCAL_LEVELS, PUBLIC_KINDS

__all__ = ["BY_KEY", "DERIVED", "CaseIndex", "Ctx", "Derived"]


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


#: Loans of employees under C. trav. L. 8241-1 ff. (not a civil servant's placement).
PRIVATE_LOAN_KINDS = ("skills_sponsorship", "paid_staff_loan")


def _private_staff(ctx: Ctx) -> bool | None:
    """Employees of a private employer are lent: said by the loan's form, or — when the
    form is not known yet — by the lender, since only a public employer places civil
    servants (a company or an association lending staff is a staff loan either way)."""
    kind = ctx.item.kind
    if kind is not None:
        return kind in PRIVATE_LOAN_KINDS
    lender = ctx.partner(ctx.item.lender)
    if lender is None or lender.kind is None or lender.kind in PUBLIC_KINDS:
        return None
    return True


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


def _is_public(p: Any, _holding: Any = None) -> bool | None:
    return None if p.kind is None else p.kind in PUBLIC_KINDS


def _is_local_authority(p: Any, _holding: Any = None) -> bool | None:
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


def _aid_with_alliance(ctx: Ctx) -> float | None:
    """The de minimis aid the partner declares over three years plus one year of the
    subsidies the alliance's public partners grant it (in kind included): what the total
    would reach if those subsidies were granted as de minimis aid. Unknown when an amount
    or a funder's nature is."""
    received = ctx.item.state_aid_3y_eur
    if received is None:
        return None
    total = float(received)
    index = ctx.index or CaseIndex(ctx.case)
    for sub in index.subsidies_to(ctx.item.id):
        funder = ctx.partner(sub.funder)
        if funder is None or funder.kind is None:
            return None
        if funder.kind in PUBLIC_KINDS:
            if sub.amount_eur_per_year is None:
                return None
            total += sub.amount_eur_per_year
    return total


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


def _employer_cost_given(ctx: Ctx) -> bool:
    """The lender gave the lent employee's full monthly cost (salary and employer charges):
    always known, so that a rule can fall back on the gross salary only when it was not."""
    return ctx.item.monthly_employer_cost_eur is not None


def _skills_gift(ctx: Ctx) -> float | None:
    """The yearly value of the skills gifts the lender records to the host (the receipt's
    amount for this loan): unknown when one amount is, or when no such gift is given."""
    loan = ctx.item
    if loan.lender is None or loan.host is None:
        return None
    total = 0.0
    found = False
    for gift in ctx.case.money.gifts:
        if gift.kind == "skills" and gift.donor == loan.lender and gift.beneficiary == loan.host:
            if gift.amount_eur is None:
                return None
            total += gift.amount_eur
            found = True
    return total if found else None


def _person_months_in_year(ctx: Ctx) -> float | None:
    """Months of work lent within one year (people times months, twelve at most each): the
    span a yearly gift's value covers."""
    loan = ctx.item
    if loan.employees is None or loan.duration_months is None:
        return None
    return float(loan.employees * min(loan.duration_months, 12))


DERIVED: tuple[Derived, ...] = (
    Derived(
        spec(
            L,
            "skills_gift_eur",
            "number",
            "Yearly value of the skills gifts the lender records to the host, in euros.",
            unit="eur",
            inputs=(f"{G}[].amount_eur", f"{G}[].kind", f"{L}[].lender", f"{L}[].host"),
        ),
        _skills_gift,
    ),
    Derived(
        spec(
            L,
            "person_months_in_year",
            "number",
            "Months of work lent within one year: people times months, twelve at most each.",
            unit="months",
            inputs=(f"{L}[].employees", f"{L}[].duration_months"),
        ),
        _person_months_in_year,
    ),
    Derived(
        spec(
            L,
            "employer_cost_given",
            "bool",
            "The full monthly employer cost of the lent employee (salary and employer "
            "charges) was given.",
            inputs=(f"{L}[].monthly_employer_cost_eur",),
        ),
        _employer_cost_given,
    ),
    Derived(
        spec(
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
        spec(
            ROOT,
            "staff_loans_count",
            "number",
            "Number of staff loans and placements of public agents between partners.",
            unit="count",
            inputs=("people.staff_loans",),
        ),
        lambda c: len(c.case.people.staff_loans),
    ),
    Derived(
        spec(
            ROOT,
            "partner_kinds_count",
            "number",
            "Number of distinct legal natures among the partners.",
            unit="count",
            inputs=(PK,),
        ),
        _distinct_kinds,
    ),
    Derived(
        spec(
            ROOT,
            "vehicle.public_capital_pct",
            "number",
            "Share of the vehicle's capital held by public partners, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].capital_pct", PK),
        ),
        share_sum("capital_pct", _is_public),
    ),
    Derived(
        spec(
            ROOT,
            "vehicle.public_votes_pct",
            "number",
            "Share of the vehicle's votes held by public partners, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].votes_pct", PK),
        ),
        share_sum("votes_pct", _is_public),
    ),
    Derived(
        spec(
            ROOT,
            "vehicle.local_authorities_capital_pct",
            "number",
            "Share of the vehicle's capital held by local authorities, in percent.",
            unit="pct",
            inputs=("vehicle.holdings[].capital_pct", PK, "partners[].public_level"),
        ),
        share_sum("capital_pct", _is_local_authority),
    ),
    Derived(
        spec(
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
        spec(
            "partners",
            "receives_public_subsidy",
            "bool",
            "The partner receives a subsidy from a public partner of the alliance.",
            inputs=("money.subsidies[].beneficiary", "money.subsidies[].funder", PK),
        ),
        _receives_public_subsidy,
    ),
    Derived(
        spec(
            "partners",
            "state_aid_with_alliance_eur",
            "number",
            "De minimis aid of the last three years plus one year of the alliance's public "
            "subsidies to the partner, in euros.",
            unit="eur",
            inputs=(
                "partners[].state_aid_3y_eur",
                "money.subsidies[].amount_eur_per_year",
                "money.subsidies[].beneficiary",
                "money.subsidies[].funder",
                PK,
            ),
        ),
        _aid_with_alliance,
    ),
    Derived(
        spec(
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
        spec(
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
    joined(G, "donor", "kind", "enum", "Legal nature of the donor.", values=KINDS),
    joined(G, "beneficiary", "kind", "enum", "Legal nature of the beneficiary.", values=KINDS),
    joined(
        G,
        "beneficiary",
        "general_interest",
        "bool",
        "The beneficiary pursues an eligible general-interest purpose.",
    ),
    joined(
        G, "beneficiary", "rescrit_obtained", "bool", "The beneficiary holds a rescrit mécénat."
    ),
    Derived(
        spec(
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
        spec(
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
        spec(
            L,
            "private_staff",
            "bool",
            "Employees of a private employer are lent (skills sponsorship or an invoiced loan, not a civil servant's placement).",
            inputs=(f"{L}[].kind", f"{L}[].lender", PK),
        ),
        _private_staff,
    ),
    joined(L, "lender", "kind", "enum", "Legal nature of the lender.", values=KINDS),
    joined(L, "host", "kind", "enum", "Legal nature of the host.", values=KINDS),
    joined(
        L,
        "host",
        "general_interest",
        "bool",
        "The host pursues an eligible general-interest purpose (238 bis).",
    ),
    joined(L, "host", "age_years", "number", "Years since the host was founded.", unit="years"),
    joined(L, "host", "employees", "number", "Headcount of the host.", unit="count"),
    joined(S, "funder", "kind", "enum", "Legal nature of the funder.", values=KINDS),
    joined(S, "beneficiary", "kind", "enum", "Legal nature of the beneficiary.", values=KINDS),
    joined(INV, "investee", "kind", "enum", "Legal nature of the investee.", values=KINDS),
    joined(P, "buyer", "kind", "enum", "Legal nature of the buyer.", values=KINDS),
    joined(P, "supplier", "kind", "enum", "Legal nature of the supplier.", values=KINDS),
    joined(H, "partner", "kind", "enum", "Legal nature of the holder.", values=KINDS),
)

DERIVED += LAW_DERIVED

# The joins of the rule families on public funding and service civique (issue 15) live in
# their own module; they are registered here like every other derived fact.
DERIVED += tuple(
    Derived(
        spec(j.scope, j.path, j.kind, j.doc, unit=j.unit, values=j.values, inputs=j.inputs),
        j.compute,
    )
    for j in JOINS
)

BY_KEY: dict[tuple[str, str], Derived] = {(d.spec.scope, d.spec.path): d for d in DERIVED}
