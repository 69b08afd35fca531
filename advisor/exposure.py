"""What a flagged finding may cost: an amount of the case times a rate the rule gives
(``exposure`` in a rule: the tax reduction at stake on a gift, a fine on receipts).

The rule says which amount and which rate; this module checks it when the rules base is
loaded and computes the estimate for the entries that make the rule true. An estimate is
never computed from an unknown amount.
"""

from __future__ import annotations

from typing import Any

from . import catalogue
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
    if e.less is not None:
        scope = e.field.rpartition("[].")[0]
        if e.less.param not in params or params[e.less.param].unit != "eur":
            out.append(f"exposure: less names '{e.less.param}', not an amount parameter")
        for name in e.less.per:
            per = schema.by_absolute(f"{scope}[].{name}" if scope else name)
            if not scope or per is None or per.kind != "number":
                out.append(f"exposure: less per '{name}' is not a number of the same entry")
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
        if e.less is not None:
            amounts = [
                _less(e, params, values[scope][i], a) for i, a in zip(indexes, amounts, strict=True)
            ]
    else:
        amounts = [values.get(e.field)] if scope == ROOT else []
    if not amounts or any(a is None for a in amounts):
        return None
    amount = round(sum(amounts) * rate / 100.0, 2)
    if e.less is not None and amount <= 0:
        return None  # every entry within what the law allows: nothing overstated
    return Exposure(
        label=e.label.get(lang),
        amount_eur=amount,
        shown=format_number(round(amount), "eur", lang),
        rule_id=doc.id,
    )


def _less(e: Any, params: dict[str, Any], entry: dict[str, Any], amount: Any) -> float | None:
    """The entry's amount minus the share the law allows (never below zero); ``None`` when
    the amount, the parameter or one of the factors is unknown."""
    pv = params.get(e.less.param)
    factors = [entry.get(name) for name in e.less.per]
    if amount is None or pv is None or any(f is None for f in factors):
        return None
    allowed = float(pv.value) * e.less.times
    for f in factors:
        allowed *= f
    return max(0.0, float(amount) - allowed)


#: The fine for wrongly issued tax receipts (CGI, art. 1740 A, as amended by the finance
#: law for 2019, art. 203): since 1 January 2019 a body that knowingly issues a receipt
#: giving an undue tax reduction pays a fine at the rate of that reduction on the sums
#: unduly shown (before, 25 %, struck down by the Conseil constitutionnel on 12 Oct. 2018).
RECEIPTS_FINE_SOURCE = "cgi-1740-a"
#: The reduction's rate for a company donor (CGI art. 238 bis) and for an individual
#: (CGI art. 200), as the rules base gives them.
COMPANY_RATE = "mecenat_company_rate_pct"
INDIVIDUAL_RATE = "mecenat_individual_rate_pct"
#: Partner kinds whose gifts are made by individuals (income-tax reduction).
INDIVIDUAL_KINDS = frozenset({"citizens"})


def receipts_fine(
    doc: RuleDoc, params: dict[str, Any], held: list[Hit], values: dict[str, Any], lang: str
) -> Exposure | None:
    """The fine of CGI art. 1740 A a flagged rule citing it exposes the issuing body to: the
    reduction's rate (companies' or individuals', by the donor's kind; both ends of the
    range when the kind is unknown) times the receipted gifts the rule is about (the gifts
    it read, or those received by the partners it read). An estimate, on the sums shown on
    the receipts; ``None`` when no receipted gift of known amount is concerned."""
    if not any(r.source == RECEIPTS_FINE_SOURCE for r in doc.references):
        return None
    company, individual = params.get(COMPANY_RATE), params.get(INDIVIDUAL_RATE)
    if company is None or individual is None:
        return None
    gifts = values.get("money.gifts") or []
    partners = values.get("partners") or []
    kinds = {p.get("id"): p.get("kind") for p in partners}
    read = {h.index for h in held if h.scope == "money.gifts" and h.index is not None}
    issuers = {
        partners[h.index].get("id") for h in held if h.scope == "partners" and h.index is not None
    }
    low = high = 0.0
    for i, g in enumerate(gifts):
        if not (i in read or g.get("beneficiary") in issuers):
            continue
        amount = g.get("amount_eur")
        if g.get("receipt_issued") is not True or not amount:
            continue
        kind = kinds.get(g.get("donor"))
        rates = (
            (individual.value, individual.value)
            if kind in INDIVIDUAL_KINDS
            else (company.value, company.value)
            if kind
            else (company.value, individual.value)
        )
        low += amount * min(rates) / 100.0
        high += amount * max(rates) / 100.0
    if not high:
        return None
    low, high = round(low, 2), round(high, 2)
    shown = format_number(round(low), "eur", lang)
    if high != low:
        shown = catalogue.text(
            lang, "core.exposure_range", low=shown, high=format_number(round(high), "eur", lang)
        )
    return Exposure(
        label=catalogue.text(lang, "core.receipts_fine"),
        amount_eur=low,
        amount_high_eur=high if high != low else None,
        shown=shown,
        rule_id=doc.id,
        note=catalogue.text(
            lang,
            "core.receipts_fine_note",
            company=format_number(company.value, "pct", lang),
            individual=format_number(individual.value, "pct", lang),
        ),
    )


__all__ = ["check", "estimate", "rate_param", "receipts_fine"]
