"""The fact sheet: a case flattened into the facts rules read, derived facts included.

``facts[path]`` is the value of a root field (``None`` when unknown); ``facts[scope]`` is
a list of dicts, one per list entry, keyed by field paths relative to the entry. Both
evaluators (durable_rules through :mod:`advisor.engine`, and the direct Python evaluator
of :mod:`advisor.conditions`) read the same sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import catalogue
from .derived import DERIVED, CaseIndex, Ctx
from .model import PARTNER_REFERENCES, AllianceCase
from .schema import ROOT, case_schema

if TYPE_CHECKING:
    from .rulesbase import RulesBase


@dataclass
class FactSheet:
    """Facts of one case at one date."""

    values: dict[str, Any]
    labels: dict[str, list[str]]
    """For each list scope, a human label of each entry (for evidence)."""
    as_of: dt.date
    partner_names: dict[str, str] = field(default_factory=dict)
    """Each partner's name by id."""
    deduced: frozenset[str] = frozenset()
    """The facts nobody answered that other answers settle (``partners[0].issues_tax_receipts``
    when a gift to that partner came with a receipt): read as answers, shown as deduced."""


def _getter(path: str):
    parts = path.split(".")

    def get(obj: Any) -> Any:
        for part in parts:
            obj = getattr(obj, part)
        return obj

    return get


@functools.lru_cache(maxsize=1)
def _plan():
    """Which attribute getters and derivations to run, per scope (computed once)."""
    schema = case_schema()
    root: list[tuple[str, Any]] = []
    scopes: dict[str, tuple[list, list, Any]] = {}
    for scope in schema.scopes:
        scopes[scope] = ([], [], _getter(scope))
    for spec in schema.fields.values():
        if spec.derived:
            continue
        if spec.scope == ROOT:
            root.append((spec.path, _getter(spec.path)))
        else:
            scopes[spec.scope][0].append((spec.path, _getter(spec.path)))
    root_derived = []
    for d in DERIVED:
        if d.spec.scope == ROOT:
            root_derived.append((d.spec.path, d.compute))
        else:
            scopes[d.spec.scope][1].append((d.spec.path, d.compute))
    return root, root_derived, scopes


def build_facts(
    case: AllianceCase, as_of: dt.date, *, lang: str = "en", rb: RulesBase | None = None
) -> FactSheet:
    """Flatten ``case`` into a :class:`FactSheet` at date ``as_of``; its entry labels in
    ``lang``, with the rules base's words for vocabulary values when ``rb`` is given."""
    root, root_derived, scopes = _plan()
    index = CaseIndex(case)  # one pass over the case: every lookup below is O(1)
    values: dict[str, Any] = {path: get(case) for path, get in root}
    labels: dict[str, list[str]] = {}
    for scope, (fields, derived, get_list) in scopes.items():
        entries = []
        items = get_list(case)
        for item in items:
            entry = {path: get(item) for path, get in fields}
            if derived:
                ctx = Ctx(case, item, as_of, index)
                for path, compute in derived:
                    entry[path] = compute(ctx)
            entries.append(entry)
        values[scope] = entries
        labels[scope] = [
            entry_label(case, scope, item, index.partners, lang=lang, rb=rb) for item in items
        ]
    ctx = Ctx(case, None, as_of, index)
    for path, compute in root_derived:
        values[path] = compute(ctx)
    names = {pid: p.name for pid, p in index.partners.items()}
    deduced = _deduce(case, values)
    return FactSheet(
        values=values, labels=labels, as_of=as_of, partner_names=names, deduced=deduced
    )


def _deduce(case: AllianceCase, values: dict[str, Any]) -> frozenset[str]:
    """Settle the unanswered facts that other answers settle, in ``values``; the paths of
    those settled. A partner that issued a tax receipt for a gift it received issues tax
    receipts. An answer is never overwritten: a partner said not to issue receipts while a
    gift to it came with one keeps its answer (the contradiction is for the adviser)."""
    receipted = {g.beneficiary for g in case.money.gifts if g.receipt_issued is True}
    out = set()
    for i, entry in enumerate(values.get("partners") or []):
        pid = case.partners[i].id if i < len(case.partners) else None
        if pid in receipted and entry.get("issues_tax_receipts") is None:
            entry["issues_tax_receipts"] = True
            out.add(f"partners[{i}].issues_tax_receipts")
    return frozenset(out)


#: An end of an entry not chosen yet: not « ? », which the interview reads as « unknown ».
NOT_CHOSEN = "…"


def _name(case: AllianceCase, pid: str | None, partners: dict[str, Any] | None) -> str:
    partner = partners.get(pid) if partners is not None and pid else case.partner(pid)
    return partner.name if partner else (pid or NOT_CHOSEN)


def _value_word(rb: RulesBase | None, field: str, value: str, lang: str) -> str:
    """A vocabulary value as the rules base's glossary says it in ``lang``."""
    return rb.value_label(field, value, lang) if rb is not None else value.replace("_", " ")


def entry_label(
    case: AllianceCase,
    scope: str,
    item: Any,
    partners: dict[str, Any] | None = None,
    *,
    lang: str = "en",
    rb: RulesBase | None = None,
) -> str:
    """A short human label for a list entry, e.g. ``Orange → Unis-Cité`` (``partners``:
    the partners by id, when the caller has them), in ``lang``: an investment with no
    partner at one end names the investor's type (« assureur », the rules base's word
    when ``rb`` is given) or the joint vehicle (« structure commune »)."""
    if scope == "partners":
        return item.name
    if scope in PARTNER_REFERENCES and len(PARTNER_REFERENCES[scope]) == 2:
        a, b = PARTNER_REFERENCES[scope]
        left = _name(case, getattr(item, a), partners) if getattr(item, a) else NOT_CHOSEN
        right = _name(case, getattr(item, b), partners) if getattr(item, b) else NOT_CHOSEN
        if scope == "money.investments" and not getattr(item, a) and item.investor_type:
            left = _value_word(rb, f"{scope}[].investor_type", item.investor_type, lang)
        if scope == "money.investments" and not getattr(item, b):
            right = catalogue.text(lang, "core.entry_vehicle")
        return f"{left} → {right}"
    if scope == "vehicle.holdings":
        return _name(case, item.partner, partners)
    if scope == "vehicle.colleges":
        return item.name or NOT_CHOSEN
    return NOT_CHOSEN
