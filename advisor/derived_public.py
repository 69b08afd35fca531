"""Derived joins for the rule families on public funding and service civique.

The contrat d'engagement républicain and service civique rules read, from a partner's own
entry, whether the alliance involves service civique volunteers; the rules on the regions'
competence for aid to companies (CGCT L1511-2) and on local-authority loan guarantees
(CGCT L2252-1, L3231-4, L4253-1) read the level of the public partner that pays or
guarantees, and whether the guaranteed borrower is a general-interest body (CGI art. 200
and 238 bis). :mod:`advisor.derived` registers these definitions with the others; like
them, a join is unknown as soon as one of its inputs is unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

from .model.types import PublicLevel

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from .derived import Ctx

#: Legal natures that may be a general-interest body of CGI art. 200 and 238 bis (a
#: company, a cooperative or a public person cannot).
GENERAL_INTEREST_FORMS = frozenset(
    {"association", "foundation", "endowment_fund", "insertion_structure"}
)

SUBSIDIES, INVESTMENTS = "money.subsidies", "money.investments"
LEVELS: tuple[str, ...] = tuple(get_args(PublicLevel))


@dataclass(frozen=True)
class Join:
    """One derived field: where it lives, what it is, and how it is computed."""

    scope: str
    path: str
    kind: str
    doc: str
    inputs: tuple[str, ...]
    compute: Callable[[Ctx], Any]
    values: tuple[str, ...] = ()
    unit: str | None = None


def civic_service_in_alliance(ctx: Ctx) -> bool | None:
    """Service civique volunteers take part in the alliance (read from a partner's entry)."""
    return ctx.case.people.service_civique.involved


def public_level(role: str) -> Callable[[Ctx], str | None]:
    """The level of the partner in ``role`` as a public authority; ``other`` when it is known
    not to be a public authority, so that a test on the level is false rather than unknown."""

    def compute(ctx: Ctx) -> str | None:
        partner = ctx.partner(getattr(ctx.item, role))
        if partner is None:
            # An investor outside the alliance is known not to be a local authority when its
            # type says so (a bank, a solidarity fund...).
            kind = getattr(ctx.item, "investor_type", None)
            return "other" if kind is not None and kind != "public" else None
        if partner.kind is None:
            return None
        if partner.kind != "public_authority":
            return "other"
        return partner.public_level

    return compute


def general_interest_body(role: str) -> Callable[[Ctx], bool | None]:
    """The partner in ``role`` is a general-interest body: a non-profit form with an eligible
    purpose. Known false for the other legal natures."""

    def compute(ctx: Ctx) -> bool | None:
        partner = ctx.partner(getattr(ctx.item, role))
        if partner is None or partner.kind is None:
            return None
        if partner.kind not in GENERAL_INTEREST_FORMS:
            return False
        return partner.general_interest

    return compute


def partner_attr(role: str, attr: str) -> Callable[[Ctx], Any]:
    """The attribute ``attr`` of the partner in ``role``."""

    def compute(ctx: Ctx) -> Any:
        partner = ctx.partner(getattr(ctx.item, role))
        return None if partner is None else getattr(partner, attr)

    return compute


JOINS: tuple[Join, ...] = (
    Join(
        "partners",
        "civic_service_in_alliance",
        "bool",
        "Service civique volunteers take part in the alliance.",
        ("people.service_civique.involved",),
        civic_service_in_alliance,
    ),
    Join(
        SUBSIDIES,
        "funder_public_level",
        "enum",
        "Level of the funder as a public authority (other when it is not one).",
        (f"{SUBSIDIES}[].funder", "partners[].kind", "partners[].public_level"),
        public_level("funder"),
        values=LEVELS,
    ),
    Join(
        SUBSIDIES,
        "beneficiary_commercial_revenue_eur",
        "number",
        "Yearly commercial revenue of the beneficiary, in euros.",
        (f"{SUBSIDIES}[].beneficiary", "partners[].commercial_revenue_eur"),
        partner_attr("beneficiary", "commercial_revenue_eur"),
        unit="eur",
    ),
    Join(
        INVESTMENTS,
        "investor_public_level",
        "enum",
        "Level of the investor or guarantor as a public authority (other when it is not one).",
        (
            f"{INVESTMENTS}[].investor",
            f"{INVESTMENTS}[].investor_type",
            "partners[].kind",
            "partners[].public_level",
        ),
        public_level("investor"),
        values=LEVELS,
    ),
    Join(
        INVESTMENTS,
        "investee_general_interest",
        "bool",
        "The investee is a general-interest body (CGI art. 200 and 238 bis).",
        (f"{INVESTMENTS}[].investee", "partners[].kind", "partners[].general_interest"),
        general_interest_body("investee"),
    ),
)
