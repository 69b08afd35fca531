"""Derived facts that the statutory scope of some rules needs.

Joins and sums for: the company-wide gifts of a donor (the mécénat ceiling, the 2 M€ step
and the declaration count every gift of the financial year, CGI 238 bis), the lender's
and host's standing in a staff loan (C. trav. L. 8241-3) or a civil servant placement
(loi 3DS art. 209), the public side of a GIP (loi 2011-525 art. 103), the volunteers'
missions held within a year (C. serv. nat. L. 120-9), and which partners lend, give,
place or host (to ask the questions only of them). As in ``advisor.derived``, only
definitions live here; thresholds stay in the YAML rules base.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .derivation import LEVELS, PK, CaseIndex, Ctx, Derived, G, H, L, joined, share_sum, spec
from .fieldspec import ROOT
from .model.types import PUBLIC_KINDS


def _receipted_by_donor(case: Any) -> dict[str, float | None]:
    """Each donor's alliance gifts for which a receipt is issued, in euros, leaving out a
    beneficiary known to pursue no eligible general interest (its receipt gives no right to
    the reduction); unknown while one of them has an unknown amount or receipt."""
    totals: dict[str, float | None] = {}
    outside = {p.id for p in case.partners if p.general_interest is False}
    for gift in case.money.gifts:
        if gift.donor is None or gift.receipt_issued is False or gift.beneficiary in outside:
            continue
        before = totals.get(gift.donor, 0.0)
        unknown = before is None or gift.receipt_issued is None or gift.amount_eur is None
        totals[gift.donor] = None if unknown else before + gift.amount_eur
    return totals


def _index(ctx: Ctx) -> CaseIndex:
    return ctx.index or CaseIndex(ctx.case)


def _donor_receipted(ctx: Ctx) -> float | None:
    """The donor's alliance gifts that give right to the reduction (a receipt is issued)."""
    donor = ctx.item.donor
    if donor is None:
        return None
    return _index(ctx).table("receipted_by_donor", _receipted_by_donor).get(donor, 0.0)


def _donor_yearly(ctx: Ctx) -> float | None:
    """The company's declared total of the year's gifts (all beneficiaries); never less
    than what the alliance already shows with receipts."""
    partner = ctx.partner(ctx.item.donor)
    if partner is None or partner.yearly_gifts_eur is None:
        return None
    inside = _donor_receipted(ctx)
    return max(partner.yearly_gifts_eur, inside or 0.0)


def _same_gift_as_staff_loan(ctx: Ctx) -> bool | None:
    """The gift is the skills sponsorship a staff loan between the same two partners
    records (one gift entered twice: as a gift, for the tax reduction, and as a loan, for
    labour law); unknown while a loan between them has no kind."""
    gift = ctx.item
    if gift.donor is None or gift.beneficiary is None:
        return None
    if gift.kind is not None and gift.kind != "skills":
        return False
    unknown = False
    for loan in ctx.case.people.staff_loans:
        if loan.lender == gift.donor and loan.host == gift.beneficiary:
            if loan.kind == "skills_sponsorship":
                return True if gift.kind == "skills" else None
            unknown = unknown or loan.kind is None
    return None if unknown else False


def _permille_of_turnover(total: Callable[[Ctx], float | None]) -> Callable[[Ctx], Any]:
    def compute(ctx: Ctx) -> float | None:
        partner = ctx.partner(ctx.item.donor)
        amount = total(ctx)
        if partner is None or partner.turnover_eur in (None, 0) or amount is None:
            return None
        return round(amount * 1000.0 / partner.turnover_eur, 4)

    return compute


def _recent_post_holder_replaced(ctx: Ctx) -> bool | None:
    """Missions held within a year by a departed employee or a public agent: the question
    the law asks (``missions_held_within_year``) when answered; otherwise the narrower
    older answer (a dismissal) when it says yes. The newer answer wins, so that forgetting
    the older one never clears a flagged risk."""
    sc = ctx.case.people.service_civique
    if sc.missions_held_within_year is not None:
        return sc.missions_held_within_year
    return True if sc.replaces_dismissed_employee is True else None


def _public_side(partner: Any, holding: Any) -> bool | None:
    """A holder counted on the public side of a GIP: a public person, or a private holder
    entrusted with a public-service mission (loi 2011-525 art. 103), a fact of its holding;
    unknown while the holder's nature or, for a private holder, its mission is."""
    if partner.kind is None:
        return None
    if partner.kind in PUBLIC_KINDS:
        return True
    return None if holding is None else holding.public_service_mission


def _public_side_sum(attr: str) -> Callable[[Ctx], Any]:
    """Capital or votes held by public persons and by private holders entrusted with a
    public-service mission, in percent; unknown while a holder's nature, mission or share
    is."""
    return share_sum(attr, _public_side)


def _vehicle_is_gip(ctx: Ctx) -> bool | None:
    kind = ctx.case.vehicle.kind
    return None if kind is None else kind == "gip"


def _named_in(scope: str, role: str, keep: Callable[[Any], bool | None] | None = None):
    """The partner is named as ``role`` in an entry of ``scope`` (that ``keep`` accepts):
    true, false, or unknown while an entry that may name it is incomplete."""
    section, name = scope.split(".")

    def build(case: Any) -> tuple[dict[str, bool | None], bool]:
        named: dict[str, bool | None] = {}
        anyone_unknown = False  # an entry of unknown partner that ``keep`` may accept
        for entry in getattr(getattr(case, section), name):
            who = getattr(entry, role)
            ok = True if keep is None else keep(entry)
            if ok is False:
                continue
            if who is None:
                anyone_unknown = True
            elif ok is True:
                named[who] = True
            elif named.get(who) is not True:
                named[who] = None
        return named, anyone_unknown

    key = f"named:{scope}:{role}:{getattr(keep, '__name__', 'any')}"

    def compute(ctx: Ctx) -> bool | None:
        named, anyone_unknown = _index(ctx).table(key, build)
        verdict = named.get(ctx.item.id, False)
        if verdict is False and anyone_unknown:
            return None
        return verdict

    return compute


def _is_placement(entry: Any) -> bool | None:
    return None if entry.kind is None else entry.kind == "civil_servant_placement"


def _is_staff_loan(entry: Any) -> bool | None:
    return None if entry.kind is None else entry.kind != "civil_servant_placement"


#: Invoicing of a staff loan that only C. trav. L8241-3 allows (free or below cost).
BELOW_COST_INVOICING = frozenset({"below_cost", "free"})


def _receipted(entry: Any) -> bool:
    """A gift for which its beneficiary issued a tax receipt (unknown counts as not)."""
    return entry.receipt_issued is True


def _is_loan_below_cost(entry: Any) -> bool | None:
    """A staff loan (not a civil servant's placement) lent free or below cost."""
    if entry.kind == "civil_servant_placement":
        return False
    if entry.invoicing is not None and entry.invoicing not in BELOW_COST_INVOICING:
        return False
    if entry.kind is None or entry.invoicing is None:
        return None
    return True


def _solidarity_investees(case: Any) -> tuple[dict[str, bool | None], bool]:
    found: dict[str, bool | None] = {}
    anyone_unknown = False
    for inv in case.money.investments:
        if inv.investee is None:
            anyone_unknown = anyone_unknown or inv.investor_type in (None, "solidarity_fund")
        elif inv.investor_type == "solidarity_fund":
            found[inv.investee] = True
        elif inv.investor_type is None and found.get(inv.investee) is not True:
            found[inv.investee] = None
    return found, anyone_unknown


def _solidarity_fund_investee(ctx: Ctx) -> bool | None:
    """A solidarity fund invests in the partner (an investment of the case names it)."""
    found, anyone_unknown = _index(ctx).table("solidarity_investees", _solidarity_investees)
    verdict = found.get(ctx.item.id, False)
    return None if verdict is False and anyone_unknown else verdict


def _esus_by_law(ctx: Ctx) -> bool | None:
    """The partner holds the ESUS approval by law (C. trav. L. 3332-17-1 II): a
    work-integration structure, or a body that says it is one of the others the article
    lists (ESAT, adapted firm, CHRS...), or an association or foundation recognised of public
    utility whose main objective is social utility; known false for a public person or an
    individual, unknown for an ESS body that has not said."""
    partner = ctx.item
    if partner.kind is None:
        return None
    if partner.kind == "insertion_structure" or partner.listed_esus_body is True:
        return True
    if partner.kind not in ESUS_LISTABLE_KINDS:
        return False
    if partner.kind in ("association", "foundation") and partner.public_utility_recognised:
        # II also lists associations and foundations recognised of public utility, on the
        # condition that they pursue a social utility within loi 2014-856 art. 2
        if partner.social_utility_purpose is not False:
            return partner.social_utility_purpose
    return partner.listed_esus_body


def _said_no_writing(ctx: Ctx) -> bool:
    """The partners said that no written agreement binds them: false while it is not said
    (for the interview only: a question about what a writing says is pointless after « no
    writing », and still asked while the writing is unknown)."""
    return ctx.case.agreements.written is False


def _in_vehicle(ctx: Ctx) -> bool:
    members = _index(ctx).table(
        "vehicle_members", lambda case: {h.partner for h in case.vehicle.holdings}
    )
    return ctx.item.id in members


#: Legal natures a body listed in C. trav. L. 3332-17-1 II may take (an ESAT or a CHRS is
#: usually run by an association, an adapted firm may be a company or a cooperative).
ESUS_LISTABLE_KINDS = frozenset({"association", "foundation", "company", "cooperative", "mutual"})

_PARTNER_QUESTIONS_DOC = "(used to ask the questions only of the partners concerned)"

LAW_DERIVED: tuple[Derived, ...] = (
    Derived(
        spec(
            G,
            "recorded_as_skills_loan",
            "bool",
            "The gift is the skills sponsorship a staff loan between the same partners records.",
            inputs=(
                f"{G}[].kind",
                f"{G}[].donor",
                f"{G}[].beneficiary",
                "people.staff_loans[].lender",
                "people.staff_loans[].host",
                "people.staff_loans[].kind",
            ),
        ),
        _same_gift_as_staff_loan,
    ),
    Derived(
        spec(
            G,
            "donor_receipted_gifts_eur",
            "number",
            "Total of the donor's alliance gifts for which a receipt is issued, in euros.",
            unit="eur",
            inputs=(f"{G}[].amount_eur", f"{G}[].donor", f"{G}[].receipt_issued"),
        ),
        _donor_receipted,
    ),
    Derived(
        spec(
            G,
            "donor_yearly_gifts_eur",
            "number",
            "The donor company's gifts of the year to all beneficiaries, in euros.",
            unit="eur",
            inputs=(f"{G}[].donor", "partners[].yearly_gifts_eur"),
        ),
        _donor_yearly,
        join="donor",
    ),
    Derived(
        spec(
            G,
            "donor_receipted_permille",
            "number",
            "Donor's receipted alliance gifts, in per mille of its turnover.",
            unit="permille",
            inputs=(f"{G}[].amount_eur", f"{G}[].receipt_issued", "partners[].turnover_eur"),
        ),
        _permille_of_turnover(_donor_receipted),
        join="donor",
    ),
    Derived(
        spec(
            G,
            "donor_yearly_permille",
            "number",
            "Donor's gifts of the year to all beneficiaries, in per mille of its turnover.",
            unit="permille",
            inputs=("partners[].yearly_gifts_eur", "partners[].turnover_eur"),
        ),
        _permille_of_turnover(_donor_yearly),
        join="donor",
    ),
    Derived(
        spec(
            ROOT,
            "people.service_civique.recent_post_holder_replaced",
            "bool",
            "The volunteers' missions were held within a year by a departed employee or an agent.",
            # the older, narrower answer still counts when true, but the question asked
            # is the one the law needs
            inputs=("people.service_civique.missions_held_within_year",),
        ),
        _recent_post_holder_replaced,
    ),
    Derived(
        spec(
            ROOT,
            "vehicle.public_side_capital_pct",
            "number",
            "Share of the vehicle's capital held by public persons and private bodies with a "
            "public-service mission, in percent.",
            unit="pct",
            inputs=(
                "vehicle.holdings[].capital_pct",
                "vehicle.holdings[].partner",
                PK,
                "vehicle.holdings[].public_service_mission",
            ),
        ),
        _public_side_sum("capital_pct"),
    ),
    Derived(
        spec(
            ROOT,
            "vehicle.public_side_votes_pct",
            "number",
            "Share of the vehicle's votes held by public persons and private bodies with a "
            "public-service mission, in percent.",
            unit="pct",
            inputs=(
                "vehicle.holdings[].votes_pct",
                "vehicle.holdings[].partner",
                PK,
                "vehicle.holdings[].public_service_mission",
            ),
        ),
        _public_side_sum("votes_pct"),
    ),
    Derived(
        spec(
            H,
            "vehicle_is_gip",
            "bool",
            f"The vehicle this share is held in is a GIP {_PARTNER_QUESTIONS_DOC}.",
            inputs=("vehicle.kind",),
        ),
        _vehicle_is_gip,
    ),
    joined(L, "lender", "employees", "number", "Headcount of the lender.", unit="count"),
    joined(
        L,
        "lender",
        "group_employees",
        "number",
        "Headcount of the lender's group (its own when it has none).",
        unit="count",
    ),
    joined(
        L,
        "lender",
        "public_level",
        "enum",
        "Level of the public authority that places the agent.",
        values=LEVELS,
    ),
    joined(
        L,
        "lender",
        "population",
        "number",
        "Inhabitants of the municipality that places the agent.",
        unit="count",
    ),
    joined(
        L,
        "lender",
        "epci_own_taxation",
        "bool",
        "The EPCI that places the agent levies its own tax.",
    ),
    joined(
        L,
        "host",
        "public_utility_recognised",
        "bool",
        "The host is an association or foundation recognised of public utility.",
    ),
    Derived(
        spec(
            "partners",
            "solidarity_fund_investee",
            "bool",
            "A solidarity fund invests in the partner.",
            inputs=("money.investments[].investee", "money.investments[].investor_type"),
        ),
        _solidarity_fund_investee,
    ),
    Derived(
        spec(
            "partners",
            "esus_by_law",
            "bool",
            "The partner holds the ESUS approval by law (C. trav. L. 3332-17-1 II).",
            inputs=(
                "partners[].kind",
                "partners[].listed_esus_body",
                "partners[].public_utility_recognised",
                "partners[].social_utility_purpose",
            ),
        ),
        _esus_by_law,
    ),
    Derived(
        spec(
            "partners",
            "buyer_in_public_purchases",
            "bool",
            "The partner is the buyer of a public purchase the case records (the procurement "
            "rules then assess it, with their thresholds).",
            inputs=("money.public_purchases[].buyer",),
        ),
        _named_in("money.public_purchases", "buyer"),
    ),
    Derived(
        spec(
            "partners",
            "lends_staff",
            "bool",
            f"The partner lends employees to another partner {_PARTNER_QUESTIONS_DOC}.",
            inputs=(f"{L}[].lender", f"{L}[].kind"),
        ),
        _named_in(L, "lender", _is_staff_loan),
    ),
    Derived(
        spec(
            ROOT,
            "agreements.said_none",
            "bool",
            "The partners said no written agreement binds them (false while not said; used "
            "to skip questions on what a writing says).",
            inputs=("agreements.written",),
        ),
        _said_no_writing,
    ),
    Derived(
        spec(
            "partners",
            "receipted_a_gift",
            "bool",
            "The partner issued a tax receipt for a gift it received from another partner "
            "(a rule reads it against the partner's own answer on issuing receipts).",
            inputs=(f"{G}[].beneficiary", f"{G}[].receipt_issued"),
        ),
        _named_in(G, "beneficiary", _receipted),
    ),
    Derived(
        spec(
            "partners",
            "hosts_staff_below_cost",
            "bool",
            f"The partner hosts employees lent free or below cost {_PARTNER_QUESTIONS_DOC}.",
            inputs=(f"{L}[].host", f"{L}[].kind", f"{L}[].invoicing"),
        ),
        _named_in(L, "host", _is_loan_below_cost),
    ),
    Derived(
        spec(
            "partners",
            "places_civil_servant",
            "bool",
            f"The partner places a civil servant with another {_PARTNER_QUESTIONS_DOC}.",
            inputs=(f"{L}[].lender", f"{L}[].kind"),
        ),
        _named_in(L, "lender", _is_placement),
    ),
    Derived(
        spec(
            "partners",
            "hosts_civil_servant",
            "bool",
            f"The partner hosts a placed civil servant {_PARTNER_QUESTIONS_DOC}.",
            inputs=(f"{L}[].host", f"{L}[].kind"),
        ),
        _named_in(L, "host", _is_placement),
    ),
    Derived(
        spec(
            "partners",
            "gives_gifts",
            "bool",
            f"The partner gives to another partner {_PARTNER_QUESTIONS_DOC}.",
            inputs=(f"{G}[].donor",),
        ),
        _named_in(G, "donor"),
    ),
    Derived(
        spec(
            "partners",
            "vehicle_member",
            "bool",
            f"The partner holds a share of the joint vehicle {_PARTNER_QUESTIONS_DOC}.",
            inputs=("vehicle.holdings[].partner",),
        ),
        _in_vehicle,
    ),
)
