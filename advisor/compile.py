"""Translation of bound conditions into durable_rules JSON, and of fact sheets into facts.

Three-valued logic on a two-valued engine: each rule becomes two durable rules,
``<id>#T`` (the condition is certainly true) and ``<id>#P`` (it is possibly true: true
for some value of the unknown facts). A rule whose ``#T`` fires is *flagged*; one whose
only ``#P`` fires is *to verify*. Unknowns are encoded so that each form stays a plain
durable condition:

* yes/no and vocabulary fields hold their value or the sentinel ``__u__``;
* numbers and dates hold an interval ``<key>__lo`` / ``<key>__hi`` (the value twice when
  known, ``-BIG`` / ``+BIG`` when unknown): "certainly > v" reads ``lo``, "possibly > v"
  reads ``hi``;
* lists end with a sentinel entry so that ``every`` over an empty list is true (durable's
  ``$iall`` is false on an empty list); a multiple-choice answer that is unknown is the
  list ``["__u__"]``.

Positive disjunctions over vocabularies use durable's whole-string regex match ``$mt``
instead of ``$or``, because each ``$or`` branch becomes a separate path in durable's alpha
network and too many matching paths overflow its stack (ENGINE-NOTES: error 303).
Every durable rule also requires ``_t == "case"`` so that the session state durable
re-asserts is never matched.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from .conditions import AllOf, AnyOf, Atom, Node, Quant
from .schema import ROOT, case_schema

UNKNOWN = "__u__"
END = "__end__"
BIG = 10**15
TAG = {"_t": "case"}
#: Upper bound on alpha paths per durable ruleset (durable's stack holds 64).
MAX_PATHS_PER_RULESET = 40


def key(path: str) -> str:
    return path.replace(".", "__")


# ---- facts ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _encoders():
    schema = case_schema()
    plan: dict[str, list[tuple[str, str, str]]] = {ROOT: []}
    for scope in schema.scopes:
        plan[scope] = []
    for spec in schema.fields.values():
        if spec.kind != "text":
            plan[spec.scope].append((spec.path, key(spec.path), spec.kind))
    return plan


def _encode_into(out: dict[str, Any], src: dict[str, Any], fields) -> None:
    for path, k, kind in fields:
        v = src.get(path)
        if kind == "number":
            if v is None:
                out[k], out[k + "__lo"], out[k + "__hi"] = UNKNOWN, -BIG, BIG
            else:
                out[k] = out[k + "__lo"] = out[k + "__hi"] = v
        elif kind == "bool":
            out[k] = UNKNOWN if v is None else ("yes" if v else "no")
        elif kind == "enum":
            out[k] = UNKNOWN if v is None else v
        elif kind == "date":
            if v is None:
                out[k], out[k + "__lo"], out[k + "__hi"] = UNKNOWN, -BIG, BIG
            else:
                out[k] = out[k + "__lo"] = out[k + "__hi"] = v.toordinal()
        elif kind == "multi":
            out[k] = [UNKNOWN] if v is None else [*v, END]


def encode(values: dict[str, Any]) -> dict[str, Any]:
    """The durable fact for a fact sheet's values."""
    plan = _encoders()
    fact: dict[str, Any] = {"_t": "case"}
    _encode_into(fact, values, plan[ROOT])
    for scope, fields in plan.items():
        if scope == ROOT:
            continue
        entries = []
        for item in values[scope]:
            enc: dict[str, Any] = {}
            _encode_into(enc, item, fields)
            entries.append(enc)
        entries.append({END: 1})
        fact[key(scope)] = entries
    return fact


# ---- conditions ------------------------------------------------------------------------

def _num(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.toordinal()
    return v


def _regex(values) -> str:
    return "(" + "|".join(values) + ")"


def _atom(atom: Atom, possible: bool, prefix: str) -> dict:
    k = prefix + key(atom.field)
    kind, op, v = atom.spec.kind, atom.op, atom.value
    if kind == "bool":
        want = "yes" if (v if op == "eq" else not v) else "no"
        other = "no" if want == "yes" else "yes"
        return {"$neq": {k: other}} if possible else {k: want}
    if kind == "enum":
        if op in ("eq", "in"):
            vals = [v] if op == "eq" else list(v)
            if possible:
                return {"$mt": {k: _regex([*vals, UNKNOWN])}}
            return {k: vals[0]} if len(vals) == 1 else {"$mt": {k: _regex(vals)}}
        vals = [v] if op == "ne" else list(v)
        terms = [{"$neq": {k: x}} for x in vals]
        if not possible:
            terms.append({"$neq": {k: UNKNOWN}})
        return terms[0] if len(terms) == 1 else {"$and": terms}
    if kind == "multi":
        if prefix:
            raise ValueError("multiple-choice fields inside list entries are not supported")
        if op in ("has", "has_any"):
            vals = [v] if op == "has" else list(v)
            if possible:
                vals = [*vals, UNKNOWN]
            inner = {"$i": vals[0]} if len(vals) == 1 else {"$mt": {"$i": _regex(vals)}}
            return {"$iany": {k: inner}}
        vals = [v] if op == "lacks" else list(v)
        if not possible:
            vals = [*vals, UNKNOWN]
        terms = [{"$neq": {"$i": x}} for x in vals]
        return {"$iall": {k: terms[0] if len(terms) == 1 else {"$and": terms}}}
    # numbers and dates: interval [lo, hi]
    v = _num(v)
    lo, hi = k + "__lo", k + "__hi"
    if op in ("gt", "ge"):
        return {f"${'gt' if op == 'gt' else 'gte'}": {hi if possible else lo: v}}
    if op in ("lt", "le"):
        return {f"${'lt' if op == 'lt' else 'lte'}": {lo if possible else hi: v}}
    if op == "eq":
        if possible:
            return {"$and": [{"$lte": {lo: v}}, {"$gte": {hi: v}}]}
        return {k: v}
    # ne: the plain key holds the value, or the sentinel when unknown
    if possible:
        return {"$neq": {k: v}}
    return {"$and": [{"$neq": {k: v}}, {"$neq": {k: UNKNOWN}}]}


def form(node: Node, possible: bool, prefix: str = "") -> dict:
    """The durable condition of ``node`` (bound, in negation normal form)."""
    if isinstance(node, Atom):
        return _atom(node, possible, prefix)
    if isinstance(node, (AllOf, AnyOf)):
        op = "$and" if isinstance(node, AllOf) else "$or"
        parts = [form(x, possible, prefix) for x in node.items]
        flat = []
        for p in parts:
            flat.extend(p[op] if set(p) == {op} else [p])
        return flat[0] if len(flat) == 1 else {op: flat}
    if not isinstance(node, Quant):
        raise ValueError("conditions must be in negation normal form before compiling")
    k = key(node.scope)
    chains = [_chain([_atom(a, possible, "$i.") for a in conj])
              for conj in dnf(node.where)]
    if node.kind == "some":
        # durable evaluates a disjunction inside a list entry wrongly (the last property
        # read wins), so a disjunction is lifted out: some(L, A or B) = some(L, A) or
        # some(L, B). Each entry condition is then a single chain of conjuncts.
        anys = [{"$iany": {k: c}} for c in chains]
        return anys[0] if len(anys) == 1 else {"$or": anys}
    if len(chains) != 1:
        raise CompileError(f"'every'/'none' over '{node.scope}' with 'any' inside cannot run "
                           "on the engine; rewrite it with 'some' or split the rule")
    return {"$iall": {k: {"$or": [{f"$i.{END}": 1}, chains[0]]}}}


class CompileError(ValueError):
    """A condition the engine cannot evaluate faithfully."""


#: Most conjunctions a condition inside a list quantifier may expand to.
MAX_ENTRY_DISJUNCTS = 16


def dnf(node: Node) -> list[list[Atom]]:
    """Disjunctive normal form of a quantifier-free condition in negation normal form."""
    if isinstance(node, Atom):
        return [[node]]
    if isinstance(node, AnyOf):
        out = [c for x in node.items for c in dnf(x)]
    elif isinstance(node, AllOf):
        out = [[]]
        for x in node.items:
            out = [a + b for a in out for b in dnf(x)]
    else:
        raise CompileError("quantifiers cannot be nested")
    if len(out) > MAX_ENTRY_DISJUNCTS:
        raise CompileError(f"the condition inside a list quantifier expands to {len(out)} "
                           f"alternatives (at most {MAX_ENTRY_DISJUNCTS}); simplify it")
    return out


def _chain(parts: list[dict]) -> dict:
    flat: list[dict] = []
    for p in parts:
        flat.extend(p["$and"] if set(p) == {"$and"} else [p])
    return flat[0] if len(flat) == 1 else {"$and": flat}


def check(node: Node) -> None:
    """Raise :class:`CompileError` if a condition (negation normal form) cannot compile."""
    if isinstance(node, (AllOf, AnyOf)):
        for x in node.items:
            check(x)
    elif isinstance(node, Quant):
        chains = dnf(node.where)
        if node.kind != "some" and len(chains) != 1:
            raise CompileError(f"'every'/'none' over '{node.scope}' with 'any' inside cannot "
                               "run on the engine; rewrite it with 'some' or split the rule")


def rule(node: Node, possible: bool) -> dict:
    """A whole durable rule definition for one form."""
    cond = form(node, possible)
    terms = cond["$and"] if set(cond) == {"$and"} else [cond]
    return {"all": [{"m": {"$and": [TAG, *terms]}}]}


def paths(cond: Any) -> int:
    """Upper bound of the alpha paths a durable condition creates (``$or`` multiplies)."""
    if isinstance(cond, list):
        total = 1
        for c in cond:
            total *= paths(c)
        return total
    if not isinstance(cond, dict):
        return 1
    total = 1
    for op, body in cond.items():
        if op == "$and":
            total *= paths(body)
        elif op == "$or":
            total *= sum(paths(b) for b in body)
        elif op == "all":
            total *= paths(body)
        elif op == "m":
            total *= paths(body)
    return total


def partition(defs: list[tuple[str, dict]], limit: int = MAX_PATHS_PER_RULESET):
    """Pack durable rules into rulesets of at most ``limit`` paths, keeping order."""
    groups: list[list[tuple[str, dict]]] = [[]]
    used = 0
    for name, definition in defs:
        cost = paths(definition)
        if groups[-1] and used + cost > limit:
            groups.append([])
            used = 0
        groups[-1].append((name, definition))
        used += cost
    return [g for g in groups if g]
