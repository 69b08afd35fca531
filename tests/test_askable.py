"""The facts an open question asks (consolidate._askable_one), walked with a memo per fact,
list exactly what the walk with a stack listed (same facts, same order), and record the
same reads (what Asking.carried checks), on random graphs of gates, cycles included: the
memo made a 1,500-entry case's open questions linear."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.consolidate import _askable_one, _reach


@dataclass
class FakeAsking:
    """A graph of facts: open (asked), never asked, or closed behind gates; the question of
    fact ``c`` is ``q{c}``, asked about entry ``c`` of a list when ``c`` is even."""

    kind: dict[int, str]
    gates: dict[int, list[int]]
    _reached: dict = field(default_factory=dict)
    _read: dict = field(default_factory=dict)
    _reached_gates: dict = field(default_factory=dict)

    def closed(self, c: int) -> bool:
        return self.kind[c] != "open"

    def never_asked(self, c: int) -> bool:
        return self.kind[c] == "never"

    def gate_cells(self, c: int) -> list[int]:
        return self.gates[c]

    def reads(self, c: int) -> tuple[set[str], set[tuple[str, int]]]:
        return {f"q{c}"}, ({("list", c)} if c % 2 == 0 else set())


def walk_with_a_stack(asking: FakeAsking, cell: int) -> tuple[list[int], set, set]:
    """The walk as it was written before the memo (consolidate.py at 7e83583), with the
    reads it recorded."""
    out: dict[int, None] = {}
    todo, seen = [cell], set()
    ids: set[str] = set()
    entries: set[tuple[str, int]] = set()
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        more_ids, more_entries = asking.reads(c)
        ids |= more_ids
        entries |= more_entries
        if asking.closed(c):
            if asking.never_asked(c):
                continue
            gates = asking.gate_cells(c)
            if gates:
                todo.extend(gates)
                continue
        out[c] = None
    return list(out), ids, entries


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 12))
    kind = {i: draw(st.sampled_from(["open", "closed", "closed", "never"])) for i in range(n)}
    gates = {i: draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True)) for i in range(n)}
    order = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=2 * n))
    return kind, gates, order


@settings(max_examples=1500, deadline=None)
@given(graphs())
def test_same_facts_in_the_same_order_and_same_reads_as_the_walk_with_a_stack(graph):
    kind, gates, order = graph
    asking = FakeAsking(kind, gates)  # one assessment: the memo is shared by the calls
    for cell in order:
        facts, ids, entries = walk_with_a_stack(asking, cell)
        assert _askable_one(asking, cell) == facts, (graph, cell)
        assert _reach(asking, cell, set())[2:] == (ids, entries), (graph, cell)
        if cell in asking._reached:  # kept: what Asking.carried checks
            assert asking._read[cell] == (ids, entries), (graph, cell)
    acyclic = {c: [g for g in gates[c] if g < c] for c in kind}
    asking = FakeAsking(kind, acyclic)
    for cell in order:
        _askable_one(asking, cell)
        assert cell in asking._reached  # no cycle: every walk is kept


def _case_with_lists():
    """Partners of four kinds, each giving to the next and lending staff to another (the
    shape of the 1,500-entry benchmark case, small): gates shared by every entry."""
    from advisor.casefile import case_from_data

    kinds = ["company", "association", "company", "foundation"]
    partners = [
        {
            "id": f"p{i}",
            "name": f"Partenaire {i}",
            "kind": kind,
            "general_interest": kind != "company",
        }
        for i, kind in enumerate(kinds)
    ]
    gifts = [
        {"donor": f"p{i}", "beneficiary": f"p{(i + 1) % 4}", "kind": "cash", "amount_eur": 5_000}
        for i in range(4)
    ]
    loans = [
        {
            "lender": f"p{i}",
            "host": f"p{(i + 2) % 4}",
            "kind": "skills_sponsorship",
            "loan_agreement_signed": i % 2 == 0,
        }
        for i in range(4)
    ]
    data = {
        "partners": partners,
        "people": {"staff_loans": loans},
        "money": {"gifts": gifts},
    }
    return case_from_data(data, "four partners")


def test_the_carried_memo_equals_a_fresh_walk_after_every_answer(rb) -> None:
    """Each question asked of the case and of the second entry of each list, given each of
    its answers in turn, one cache throughout: the open questions worked out with the memo
    per fact carried from the previous answer equal those of a fresh assessment."""
    from advisor import interview
    from advisor.assess import assess
    from advisor.explain_cache import ExplanationCache

    from .conftest import AS_OF
    from .test_explain_cache import _all_values, _same

    case = _case_with_lists()
    cache = ExplanationCache()
    assess(case, as_of=AS_OF, lang="fr", rules=rb, clear_by=False, explained=cache)
    facts = interview.case_facts(case, AS_OF)
    asked = [(q, None) for q in interview.steps(rb, case, AS_OF, facts) if q.spec is not None]
    for scope in ("partners", "money.gifts", "people.staff_loans"):
        per_entry = interview.questions_per_entry(rb, case, scope, AS_OF, facts)
        asked += [(q, 1) for q in per_entry[1] if q.spec is not None]
    assert len(asked) > 10
    for q, index in asked:
        for value in _all_values(rb, case, q):
            try:
                changed = interview.set_answer(case, q, value, index)
            except interview.AnswerError:
                continue
            cached = assess(
                changed, as_of=AS_OF, lang="fr", rules=rb, clear_by=False, explained=cache
            )
            fresh = assess(changed, as_of=AS_OF, lang="fr", rules=rb, clear_by=False)
            _same(rb, cached, fresh)
            assert cached.open_questions == fresh.open_questions
