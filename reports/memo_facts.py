"""The page of facts relied on: who the partners are, what the alliance does, and what
passes between them (gifts, subsidies, staff). It replaces the full question-and-answer
annex by default (``--annex`` adds the annex back).

Content only, no renderer: values are shown the way the case's reader writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model import AllianceCase
from advisor.model.sections import StaffLoan
from advisor.parameters import format_number
from advisor.rulesbase import RulesBase

from .typography import unbracket
from .words import MemoWords


@dataclass(frozen=True)
class PartnerFact:
    """A partner as the facts page shows it."""

    name: str
    nature: str
    role: str


@dataclass(frozen=True)
class FactsPage:
    """The facts page of the memo: the alliance, its partners and their exchanges."""

    purpose: str | None
    duration: str | None
    territory: str | None
    partners: tuple[PartnerFact, ...]
    flows: tuple[str, ...]
    """Each exchange between partners in one line (``MACIF → X : numéraire, 40 000 €``):
    gifts, subsidies, public purchases, investments and staff, each once (a skills gift
    and the staff loan that carries it are one line)."""
    vehicle: str | None = None
    """The joint vehicle and who holds its capital and votes, or None (no vehicle)."""
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

    # A skills gift is the staff loan that carries it: one line, with the loan's headcount.
    skills_loans: dict[tuple[str | None, str | None], StaffLoan] = {
        (loan.lender, loan.host): loan
        for loan in case.people.staff_loans
        if loan.kind == "skills_sponsorship" and loan.lender and loan.host
    }
    merged: set[tuple[str | None, str | None]] = set()
    flows: list[str] = []
    for g in case.money.gifts:
        loan = skills_loans.get((g.donor, g.beneficiary)) if g.kind == "skills" else None
        if loan is not None and loan.employees is not None:
            merged.add((g.donor, g.beneficiary))
            line = w.count(
                "loan_line",
                loan.employees,
                lender=name(g.donor),
                host=name(g.beneficiary),
                kind=label("money.gifts[].kind", g.kind),
            )
            if g.amount_eur is not None:
                line += w.text("and_amount", amount=money(g.amount_eur))
            flows.append(line)
            continue
        flows.append(
            w.text(
                "gift_line",
                donor=name(g.donor),
                beneficiary=name(g.beneficiary),
                kind=label("money.gifts[].kind", g.kind),
                amount=money(g.amount_eur),
            )
        )
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
    for buy in case.money.public_purchases:
        line = w.text(
            "purchase_line",
            buyer=name(buy.buyer),
            supplier=name(buy.supplier),
            kind=label("money.public_purchases[].kind", buy.kind),
            amount=money(buy.amount_eur_ht),
        )
        if buy.competitive_procedure is False:
            line += w["purchase_no_competition"]
        flows.append(line)
    for inv in case.money.investments:
        investor = (
            name(inv.investor)
            if inv.investor
            else label("money.investments[].investor_type", inv.investor_type)
        )
        flows.append(
            w.text(
                "investment_line",
                investor=investor,
                investee=name(inv.investee) if inv.investee else w["joint_vehicle"],
                instrument=label("money.investments[].instrument", inv.instrument),
                amount=money(inv.amount_eur),
            )
        )
    for loan in case.people.staff_loans:
        if loan.kind == "skills_sponsorship" and (loan.lender, loan.host) in merged:
            continue
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
                # The nature, not its list of examples (« personne publique », not
                # « personne publique (État, collectivité territoriale, EPCI) »).
                unbracket(rb.value_label("partners[].kind", p.kind, lang)) if p.kind else w["tbd"],
                p.role or "",
            )
            for p in case.partners
        ),
        flows=tuple(dict.fromkeys(flows)),
        vehicle=_vehicle(case, rb, w),
        warnings=tuple(x[:1].upper() + x[1:] for x in warnings),
    )


def _vehicle(case: AllianceCase, rb: RulesBase, w: MemoWords) -> str | None:
    """« Groupement d’intérêt public (GIP) ; X : 25 % du capital et des voix ; … »."""
    v = case.vehicle
    if v is None or not v.kind or v.kind == "none":
        return None
    kind = rb.value_label("vehicle.kind", v.kind, w.lang)
    names = {p.id: p.name for p in case.partners}
    parts = [kind[:1].upper() + kind[1:]]
    for h in v.holdings:
        who = names.get(h.partner or "", w["tbd"])
        if h.capital_pct is not None and h.capital_pct == h.votes_pct:
            parts.append(w.text("holding_same", name=who, pct=_pct(h.capital_pct, w)))
        elif h.capital_pct is not None and h.votes_pct is not None:
            parts.append(
                w.text(
                    "holding",
                    name=who,
                    capital=_pct(h.capital_pct, w),
                    votes=_pct(h.votes_pct, w),
                )
            )
        elif h.capital_pct is not None:
            parts.append(w.text("holding_capital", name=who, pct=_pct(h.capital_pct, w)))
    return " ; ".join(parts) if w.lang == "fr" else "; ".join(parts)


def _pct(value: float, w: MemoWords) -> str:
    return format_number(value, "pct", w.lang)
