"""Why a rule fired, or did not: its condition as a tree, each part with its truth value
and the case's facts, near misses included. And what changes between two set-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conditions import AllOf, AnyOf, Atom, Node, Quant
from .display import show_test, show_value
from .evaluate import atom_truth, truth
from .facts import FactSheet
from .findings import Assessment
from .operators import OPERATORS
from .rulesbase import RulesBase


@dataclass
class Line:
    depth: int
    value: bool | None
    text: str
    near_miss: str | None = None
    children: list[Line] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "text": self.text,
            "near_miss": self.near_miss,
            "children": [c.to_dict() for c in self.children],
        }


_WORDS = {
    "fr": {
        "all": "toutes ces conditions",
        "any": "au moins une de ces conditions",
        "some": "au moins une entrée de « {s} »",
        "every": "chaque entrée de « {s} »",
        "empty": "(liste vide)",
        "only_part": "seule condition manquante",
        "gap": "écart : {d}",
    },
    "en": {
        "all": "all of",
        "any": "any of",
        "some": "at least one entry of '{s}'",
        "every": "every entry of '{s}'",
        "empty": "(empty list)",
        "only_part": "the only part missing",
        "gap": "gap: {d}",
    },
}


def explain_rule(rb: RulesBase, condition: Node, facts: FactSheet, lang: str) -> Line:
    """The condition tree of a bound rule (negation normal form) with truth values."""
    return _node(rb, condition, facts, lang, 0, "", None, None)


def _node(
    rb,
    node: Node,
    facts: FactSheet,
    lang: str,
    depth: int,
    scope: str,
    index: int | None,
    item: dict | None,
) -> Line:
    w = _WORDS[lang]
    values = facts.values
    if isinstance(node, Atom):
        actual = (item if item is not None else values).get(node.field)
        t = atom_truth(node, actual)
        label = rb.field_label(node.spec.absolute, lang)
        shown = show_value(rb, node.spec, actual, lang)
        text = f"{label} = {shown}  [{show_test(rb, node, lang)}]"
        near = _gap(rb, node, actual, lang) if t is False else None
        return Line(depth, t, text, near)
    if isinstance(node, (AllOf, AnyOf)):
        kids = [_node(rb, x, facts, lang, depth + 1, scope, index, item) for x in node.items]
        t = truth(node, values, item)
        line = Line(depth, t, w["all"] if isinstance(node, AllOf) else w["any"], children=kids)
        if isinstance(node, AllOf) and t is False:
            failing = [k for k in kids if k.value is False]
            if len(failing) == 1:
                failing[0].near_miss = (
                    failing[0].near_miss + "; " if failing[0].near_miss else ""
                ) + w["only_part"]
        return line
    if isinstance(node, Quant):
        entries = values[node.scope]
        label = rb.scope_label(node.scope, lang)
        kids = []
        for i, e in enumerate(entries):
            sub = _node(rb, node.where, facts, lang, depth + 2, node.scope, i, e)
            kids.append(
                Line(depth + 1, sub.value, f"[{facts.labels[node.scope][i]}]", children=[sub])
            )
        t = truth(node, values)
        text = w[node.kind].format(s=label) + ("" if entries else f" {w['empty']}")
        return Line(depth, t, text, children=kids)
    raise ValueError("explain expects a condition in negation normal form")


def _gap(rb: RulesBase, atom: Atom, actual: Any, lang: str) -> str | None:
    """For a number that missed its threshold: by how much."""
    if atom.spec.kind != "number" or actual is None or not OPERATORS[atom.op].ordered:
        return None
    from .parameters import format_number

    diff = abs(actual - atom.value)
    return _WORDS[lang]["gap"].format(d=format_number(round(diff, 2), atom.spec.unit, lang))


def render_lines(line: Line, indent: str = "  ") -> list[str]:
    mark = {True: "✔", False: "✘", None: "?"}[line.value]
    out = [
        f"{indent * line.depth}{mark} {line.text}"
        + (f"   ← {line.near_miss}" if line.near_miss else "")
    ]
    for c in line.children:
        out.extend(render_lines(c, indent))
    return out


# ---- what became of one rule -------------------------------------------------------


@dataclass
class RuleStory:
    """What became of one rule in an assessment: exceptions met, the assumption that
    covers it, the issue it is part of, the questions that decide it."""

    exceptions_met: list[str] = field(default_factory=list)
    """Labels of the statutory exceptions the case meets (the rule does not apply)."""
    exceptions_possible: list[str] = field(default_factory=list)
    """Labels of the exceptions the case may meet (unknown facts decide them)."""
    disposition: str | None = None
    """``issue``, ``assumed`` or ``not_raised`` when the engine fired it."""
    issue: Any = None
    """The issue (Finding) it is part of."""
    assumptions: list[Any] = field(default_factory=list)
    """The assumptions (Assumption) that cover it."""
    questions: list[Any] = field(default_factory=list)
    """The open questions (OpenQuestion) that decide it or its issue."""


def rule_story(a: Assessment, bound: Any, facts: FactSheet) -> RuleStory:
    """Say what became of the rule ``bound`` in assessment ``a``."""
    story = RuleStory()
    for doc, node in bound.exceptions:
        t = truth(node, facts.values)
        if t is True:
            story.exceptions_met.append(doc.label.get(a.lang))
        elif t is None:
            story.exceptions_possible.append(doc.label.get(a.lang))
    rid = bound.version.id
    verdict = next((v for v in a.verdicts if v.rule_id == rid), None)
    if verdict is not None:
        story.disposition = verdict.disposition
        story.issue = next((f for f in a.findings if f.rule_id == verdict.issue), None)
    story.assumptions = [x for x in a.assumptions if rid in x.covers]
    keys = {rid, verdict.issue if verdict is not None else None}
    story.questions = [q for q in a.open_questions if keys & set(q.decides)]
    return story


# ---- comparing two set-ups --------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    kind: str
    """``appears``, ``disappears``, ``severity``, ``status``."""
    rule_id: str
    title: str
    before: dict[str, str] | None
    after: dict[str, str] | None


def compare(a: Assessment, b: Assessment) -> dict[str, Any]:
    """Findings and recommendations that appear, disappear or change from ``a`` to ``b``."""
    fa = {f.rule_id: f for f in a.findings}
    fb = {f.rule_id: f for f in b.findings}
    diffs: list[Difference] = []
    for rid in sorted(set(fa) | set(fb)):
        x, y = fa.get(rid), fb.get(rid)
        sx = {"status": x.status, "severity": x.severity} if x else None
        sy = {"status": y.status, "severity": y.severity} if y else None
        if x is None:
            assert y is not None  # the id comes from one of the two sides
            diffs.append(Difference("appears", rid, y.title, None, sy))
        elif y is None:
            diffs.append(Difference("disappears", rid, x.title, sx, None))
        elif x.severity != y.severity:
            diffs.append(Difference("severity", rid, y.title, sx, sy))
        elif x.status != y.status:
            diffs.append(Difference("status", rid, y.title, sx, sy))
    ra = {r.id: r for r in a.recommendations}
    rbs = {r.id: r for r in b.recommendations}
    recs = [
        {"kind": "appears", "id": i, "title": rbs[i].title} for i in sorted(set(rbs) - set(ra))
    ] + [{"kind": "disappears", "id": i, "title": ra[i].title} for i in sorted(set(ra) - set(rbs))]
    unchanged = sorted(set(fa) & set(fb) - {d.rule_id for d in diffs})
    return {"findings": diffs, "recommendations": recs, "unchanged": unchanged}


__all__ = ["Line", "compare", "explain_rule", "render_lines"]
