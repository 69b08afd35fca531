"""Facts that cannot all be true (refused) and facts that are odd (warned about).

Impossible: shares of one vehicle adding up to more than 100 %, a partner giving,
lending, selling or paying a subsidy to itself. Odd but possible: gifts that go round in
a circle (A gives to B, B gives back to A), which often hides a counterpart or an
exchange of services; it is reported as a warning, not refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from .case import AllianceCase


def two_partners(first: str | None, second: str | None, a: str, b: str) -> None:
    """Refuse a flow whose two ends name the same partner."""
    if first is not None and first == second:
        raise PydanticCustomError(
            "same_partner", "same partner at both ends", {"a": a, "b": b, "partner": first}
        )


def at_most_whole(scope: str, field: str, values: list[float | None]) -> None:
    """Refuse shares of one whole that add up to more than 100 %."""
    total = round(sum(v for v in values if v is not None), 2)
    if total > 100:
        shown = f"{total:g}"
        raise PydanticCustomError(
            "shares_over_100",
            "shares add up to more than 100 %",
            {"scope": scope, "field": field, "total": shown},
        )


def gift_cycles(case: AllianceCase) -> list[list[str]]:
    """Circles of gifts between partners (``[a, b, a]``), each reported once."""
    edges: dict[str, set[str]] = {}
    for g in case.money.gifts:
        if g.donor is not None and g.beneficiary is not None:
            edges.setdefault(g.donor, set()).add(g.beneficiary)
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                members = frozenset(path)
                if members not in seen:
                    seen.add(members)
                    cycles.append([*path, start])
            elif nxt not in path and nxt > start and len(path) < 8:
                walk(start, nxt, [*path, nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return cycles


def oddities(case: AllianceCase, lang: str = "en") -> list[str]:
    """Warnings about facts that are possible but odd, in ``lang`` (for the report)."""
    from .. import catalogue

    names = {p.id: p.name for p in case.partners}
    out = []
    for cycle in gift_cycles(case):
        circle = " → ".join(names.get(pid, pid) for pid in cycle)
        out.append(catalogue.text(lang, "errors.gift_cycle", circle=circle))
    return out
