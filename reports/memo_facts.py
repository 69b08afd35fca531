"""The page of facts relied on: who the partners are, what the alliance does, and what
passes between them (gifts, subsidies, staff). It replaces the full question-and-answer
annex by default (``--annex`` adds the annex back).

Content only, no renderer: values are shown the way the case's reader writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model import AllianceCase
from advisor.parameters import format_number
from advisor.rulesbase import RulesBase

from .typography import unbracket
from .words import MemoWords


@dataclass(frozen=True)
class PartnerFact:
    name: str
    nature: str
    role: str


@dataclass(frozen=True)
class FactsPage:
    purpose: str | None
    duration: str | None
    territory: str | None
    partners: tuple[PartnerFact, ...]
    flows: tuple[str, ...]
    """Each exchange between partners in one line (``MACIF → X : numéraire, 40 000 €``)."""
    warnings: tuple[str, ...] = ()
    """Facts that are possible but odd (gifts going round in a circle)."""


def facts_page(
    case: AllianceCase, rb: RulesBase, w: MemoWords, warnings: tuple[str, ...] = ()
) -> FactsPage:
    """The facts the analysis rests on, from the case."""
    lang = w.lang

    partners = {p.id: p for p in case.partners}  # ids are unique (the case model checks)

    def name(pid: str | None) -> str:
        p = partners.get(pid) if pid else None
        return p.name if p is not None else w["tbd"]

    def label(path: str, value: str | None) -> str:
        return unbracket(rb.value_label(path, value, lang)) if value else w["tbd"]

    def money(value: float | None) -> str:
        return format_number(value, "eur", lang) if value is not None else w["tbd"]

    flows = [
        w.text(
            "gift_line",
            donor=name(g.donor),
            beneficiary=name(g.beneficiary),
            kind=label("money.gifts[].kind", g.kind),
            amount=money(g.amount_eur),
        )
        for g in case.money.gifts
    ]
    flows += [
        w.text(
            "subsidy_line_unknown"
            if s.amount_eur_per_year is None
            else ("subsidy_line_in_kind" if s.in_kind else "subsidy_line"),
            funder=name(s.funder),
            beneficiary=name(s.beneficiary),
            amount=money(s.amount_eur_per_year),
        )
        for s in case.money.subsidies
    ]
    for loan in case.people.staff_loans:
        values = {
            "lender": name(loan.lender),
            "host": name(loan.host),
            "kind": label("people.staff_loans[].kind", loan.kind),
        }
        flows.append(
            w.count("loan_line", loan.employees, **values)
            if loan.employees is not None
            else w.text("loan_line_unknown", **values)
        )
    months = case.co_construction.duration_months
    return FactsPage(
        purpose=case.co_construction.purpose,
        duration=w.count("months", months) if months is not None else None,
        territory=case.meta.territory,
        partners=tuple(
            PartnerFact(
                p.name,
                rb.value_label("partners[].kind", p.kind, lang) if p.kind else w["tbd"],
                p.role or "",
            )
            for p in case.partners
        ),
        flows=tuple(flows),
        warnings=tuple(x[:1].upper() + x[1:] for x in warnings),
    )
