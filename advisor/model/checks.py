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


#: At most this many circles are written out in words; the others are counted.
MAX_CIRCLES_SHOWN = 5


def gift_cycles(case: AllianceCase) -> list[list[str]]:
    """One circle of gifts per group of partners whose gifts go round (``[a, b, a]``).

    Enumerating every circle is exponential (15 partners who all give to each other have
    billions of them): the groups are the strongly connected components of the gift graph
    (Tarjan, linear), and each group is shown by its shortest circle through its first
    partner (breadth-first, linear). Polynomial whatever the case holds.
    """
    edges: dict[str, set[str]] = {}
    for g in case.money.gifts:
        if g.donor is not None and g.beneficiary is not None:
            edges.setdefault(g.donor, set()).add(g.beneficiary)
    return [_shortest_circle(group, edges) for group in gift_circle_groups(edges)]


def gift_circle_groups(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with two partners or more, each sorted, in order.

    Tarjan's algorithm written with an explicit stack: 10,000 partners in a chain must not
    reach Python's recursion limit.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    nodes = sorted(set(edges) | {n for targets in edges.values() for n in targets})
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for nxt in targets:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return sorted(groups)


def _shortest_circle(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """The shortest circle from the group's first partner back to it, inside the group."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(edges.get(node, set()) & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError("a strongly connected group always has a circle")  # pragma: no cover


def oddities(case: AllianceCase, lang: str = "en") -> list[str]:
    """Warnings about facts that are possible but odd, in ``lang`` (for the report).

    One warning per group of partners whose gifts go round, at most
    :data:`MAX_CIRCLES_SHOWN`, then one line counting the others.
    """
    from .. import catalogue

    names = {p.id: p.name for p in case.partners}
    out = []
    edges: dict[str, set[str]] = {}
    for g in case.money.gifts:
        if g.donor is not None and g.beneficiary is not None:
            edges.setdefault(g.donor, set()).add(g.beneficiary)
    groups = gift_circle_groups(edges)
    for group in groups[:MAX_CIRCLES_SHOWN]:
        cycle = _shortest_circle(group, edges)
        circle = " → ".join(names.get(pid, pid) for pid in cycle)
        if len(group) > len(cycle) - 1:
            out.append(catalogue.count(lang, "errors.gift_cycle_group", len(group), circle=circle))
        else:
            out.append(catalogue.text(lang, "errors.gift_cycle", circle=circle))
    hidden = len(groups) - MAX_CIRCLES_SHOWN
    if hidden > 0:
        out.append(catalogue.count(lang, "errors.gift_cycle_more", hidden))
    return out
