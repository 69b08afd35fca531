"""``advisor rules coverage``: which rules and which condition branches the rule tests
and the bundled examples exercise.

A rule version is *covered* when some case flags it and some case (where it is in force)
leaves it clear. A branch (an atom of a condition) is covered when it has been seen both
true and false; an atom never seen true is a *dead* branch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .conditions import AllOf, AnyOf, Atom, Node, Quant
from .evaluate import atom_truth
from .facts import build_facts
from .rulesbase import RulesBase


@dataclass
class Coverage:
    cases: int = 0
    flagged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    clear: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    to_verify: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    atoms: dict[tuple[str, int], set] = field(default_factory=lambda: defaultdict(set))
    atom_text: dict[tuple[str, int], str] = field(default_factory=dict)
    versions: list[str] = field(default_factory=list)

    def uncovered(self) -> list[str]:
        return [v for v in self.versions if not (self.flagged[v] and self.clear[v])]

    def rule_pct(self) -> float:
        if not self.versions:
            return 100.0
        return 100.0 * (len(self.versions) - len(self.uncovered())) / len(self.versions)

    def branch_pct(self) -> float:
        if not self.atom_text:
            return 100.0
        full = sum(1 for k in self.atom_text if {True, False} <= self.atoms[k])
        return 100.0 * full / len(self.atom_text)

    def dead(self) -> list[tuple[str, int]]:
        return [k for k in self.atom_text if True not in self.atoms[k]]


def corpus(rb: RulesBase, examples: Path | None = None):
    """(name, case, as_of) for every rule test and bundled example."""
    from .casefile import load_case
    from .ruletests import DEFAULT_AS_OF, load_tests

    for t in load_tests(rb):
        yield f"{t.file}: {t.name}", t.case, t.as_of
    folder = examples if examples is not None else rb.path.parent / "examples"
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            yield str(path), load_case(path), DEFAULT_AS_OF


def _atoms(node: Node, values, scope="", item=None, out=None):
    """Yield every atom with its truth value at each evaluation (entries included)."""
    if isinstance(node, Atom):
        yield node, atom_truth(node, (item if item is not None else values).get(node.field))
    elif isinstance(node, (AllOf, AnyOf)):
        for x in node.items:
            yield from _atoms(x, values, scope, item)
    elif isinstance(node, Quant):
        for e in values[node.scope]:
            yield from _atoms(node.where, values, node.scope, e)


def measure(rb: RulesBase, examples: Path | None = None) -> Coverage:
    cov = Coverage()
    cov.versions = [v.key for v in rb.all_versions()]
    for _name, case, as_of in corpus(rb, examples):
        cov.cases += 1
        period = rb.period(as_of)
        facts = build_facts(case, as_of)
        statuses = period.evaluate(facts.values)
        for bound in period.rules:
            key = bound.version.key
            status = statuses.get(bound.version.id)
            if status == "flagged":
                cov.flagged[key] += 1
            elif status == "to_verify":
                cov.to_verify[key] += 1
            else:
                cov.clear[key] += 1
            atoms: dict[int, tuple[Atom, set]] = {}
            for atom, value in _atoms(bound.condition, facts.values):
                atoms.setdefault(id(atom), (atom, set()))[1].add(value)
            for i, (atom, seen) in enumerate(atoms.values()):
                cov.atoms[(key, i)] |= seen
                cov.atom_text[(key, i)] = f"{atom.field} {atom.op} {atom.value}"
    return cov
