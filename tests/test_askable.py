"""The facts an open question asks (consolidate._askable_one), walked with a memo per fact,
list exactly what the walk with a stack listed (same facts, same order), on random graphs
of gates, cycles included: the memo made a 1,500-entry case's open questions linear."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.consolidate import _askable_one


@dataclass
class FakeAsking:
    """A graph of facts: open (asked), never asked, or closed behind gates."""

    kind: dict[int, str]
    gates: dict[int, list[int]]
    _reached: dict = field(default_factory=dict)

    def closed(self, c: int) -> bool:
        return self.kind[c] != "open"

    def never_asked(self, c: int) -> bool:
        return self.kind[c] == "never"

    def gate_cells(self, c: int) -> list[int]:
        return self.gates[c]


def walk_with_a_stack(asking: FakeAsking, cell: int) -> list[int]:
    """The walk as it was written before the memo (consolidate.py, perf4)."""
    out: dict[int, None] = {}
    todo, seen = [cell], set()
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        if asking.closed(c):
            if asking.never_asked(c):
                continue
            gates = asking.gate_cells(c)
            if gates:
                todo.extend(gates)
                continue
        out[c] = None
    return list(out)


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 12))
    kind = {i: draw(st.sampled_from(["open", "closed", "closed", "never"])) for i in range(n)}
    gates = {i: draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True)) for i in range(n)}
    order = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=2 * n))
    return kind, gates, order


@settings(max_examples=1500, deadline=None)
@given(graphs())
def test_same_facts_in_the_same_order_as_the_walk_with_a_stack(graph):
    kind, gates, order = graph
    asking = FakeAsking(kind, gates)  # one assessment: the memo is shared by the calls
    for cell in order:
        assert _askable_one(asking, cell) == walk_with_a_stack(asking, cell), (graph, cell)
