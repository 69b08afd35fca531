"""Translation of bound conditions into durable_rules rules, and of fact sheets into facts.

**Facts.** A case is asserted as one fact per list entry (``{"_t": "money__gifts", ...}``)
and, last, one fact for the case itself (``{"_t": "case", ...}``). Quantifiers become
what a RETE engine does best: ``some gift is ...`` is a join between the case fact and a
gift fact; ``every gift is ...`` is the case fact with *no* gift fact that breaks the
condition (durable's ``$not``). The case fact is asserted last because every rule needs
it, so no rule is evaluated before all entries are known (a ``$not`` evaluated earlier
would not see later entries). Each entry is parsed once per ruleset, where durable's
array operators re-parse every entry for every rule (measured: 3.6 times slower).

**Three-valued logic on a two-valued engine.** Each rule becomes durable rules of two
forms, ``<id>#T`` (the condition is certainly true) and ``<id>#P`` (it is possibly true:
true for some value of the unknown facts). A rule whose ``#T`` fires is *flagged*; one
whose only ``#P`` fires is *to verify*. Unknowns are encoded so that each form stays a
plain durable condition:

* yes/no and vocabulary fields hold their value or the sentinel ``__u__``;
* numbers and dates hold their value (or ``__u__``) and an interval ``<key>__lo`` /
  ``<key>__hi`` (the value twice when known, ``-BIG`` / ``+BIG`` when unknown): "certainly
  > v" reads ``lo``, "possibly > v" reads ``hi``;
* a multiple-choice answer is a list ending with a sentinel, ``["__u__"]`` when unknown.

**Disjunctions** are expanded (disjunctive normal form): each alternative is its own
durable rule, named ``<id>#T.<n>+...`` (each ``some`` literal of an alternative a rule of
its own, see :func:`alternatives`); positive choices over one vocabulary field use
durable's whole-string regex match ``$mt`` instead. Inside a list entry durable evaluates
``$or`` wrongly (the last property read wins; see ``isNextMatch`` in durable's
``events.c``), so entry conditions are always plain chains of conjuncts.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from .conditions import AllOf, AnyOf, Atom, Node, Quant, nnf
from .engine import NumberError, durable_number
from .errors import EngineError
from .schema import ROOT, case_schema

UNKNOWN = "__u__"
END = "__end__"
BIG = 10**15
CASE = "case"
#: Chains per fact type in one durable ruleset (durable's alpha stack holds 64).
MAX_PATHS_PER_RULESET = 48
#: Most alternatives one rule may expand to.
MAX_ALTERNATIVES = 32


#: How one field is written into a fact: path, key, kind, vocabulary (enums).
Encoder = tuple[str, str, str, frozenset[str]]


class CompileError(ValueError):
    """A condition the engine cannot evaluate faithfully."""


def key(path: str) -> str:
    return path.replace(".", "__")


# ---- facts ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _encoders():
    schema = case_schema()
    plan: dict[str, list[Encoder]] = {ROOT: []}
    for scope in schema.scopes:
        plan[scope] = []
    for spec in schema.fields.values():
        if spec.kind != "text":
            plan[spec.scope].append((spec.path, key(spec.path), spec.kind, frozenset(spec.values)))
    return plan


def _encode_into(out: dict[str, Any], src: dict[str, Any], fields) -> None:
    for path, k, kind, vocabulary in fields:
        v = src.get(path)
        if kind == "number":
            if v is None:
                out[k], out[k + "__lo"], out[k + "__hi"] = UNKNOWN, -BIG, BIG
            else:
                out[k] = out[k + "__lo"] = out[k + "__hi"] = v
        elif kind == "bool":
            out[k] = UNKNOWN if v is None else ("yes" if v else "no")
        elif kind == "enum":
            if v is not None and v not in vocabulary:
                # The compiled tests read "one of these" as "none of the others".
                raise EngineError(f"'{path}' holds '{v}', which is not one of its values")
            out[k] = UNKNOWN if v is None else v
        elif kind == "date":
            if v is None:
                out[k], out[k + "__lo"], out[k + "__hi"] = UNKNOWN, -BIG, BIG
            else:
                out[k] = out[k + "__lo"] = out[k + "__hi"] = v.toordinal()
        elif kind == "multi":
            out[k] = [UNKNOWN] if v is None else [*v, END]


def encode(values: dict[str, Any], used: Used | None = None) -> list[dict[str, Any]]:
    """The durable facts of a fact sheet: one per list entry, then the case (last).

    With ``used`` (the keys the compiled rules read), only those are written: durable's
    cost grows with the size of the facts it parses.
    """
    plan = _encoders() if used is None else used.plan
    facts: list[dict[str, Any]] = []
    for scope, fields in plan.items():
        if scope == ROOT:
            continue
        tag = key(scope)
        for i, item in enumerate(values[scope]):
            enc: dict[str, Any] = {"_t": tag, "id": f"{tag}:{i}"}
            _encode_into(enc, item, fields)
            facts.append(enc)
    case: dict[str, Any] = {"_t": CASE, "id": CASE}
    _encode_into(case, values, plan[ROOT])
    facts.append(case)
    return facts


class Used:
    """The encoders restricted to the fields a set of durable rules reads."""

    def __init__(self, definitions: list[tuple[str, dict]]):
        names: set[str] = set()
        types: set[str] = set()
        for _, d in definitions:
            for entry in d["all"]:
                (cond,) = entry.values()
                _collect(cond, names, types)
        self._plan(names, types)

    @classmethod
    def from_reads(cls, names: set[str], types: set[str]) -> Used:
        """The encoders of rules that read ``names`` in facts of ``types`` (as kept by
        :mod:`advisor.compilecache`)."""
        self = cls.__new__(cls)
        self._plan(names, types)
        return self

    def _plan(self, names: set[str], types: set[str]) -> None:
        self.names = frozenset(names)
        self.types = frozenset(types)
        self.plan: dict[str, list[Encoder]] = {}
        for scope, fields in _encoders().items():
            if scope != ROOT and key(scope) not in types:
                continue
            self.plan[scope] = [
                enc for enc in fields if any(enc[1] + s in names for s in ("", "__lo", "__hi"))
            ]
        self.plan.setdefault(ROOT, [])


def _collect(node: Any, names: set[str], types: set[str]) -> None:
    if isinstance(node, list):
        for x in node:
            _collect(x, names, types)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k == "_t":
                types.add(v)
            elif not k.startswith("$"):
                names.add(k)
            elif k in ("$iany", "$iall") and isinstance(v, dict):
                names.update(v)
            if k != "_t":
                _collect(v, names, types)


# ---- atoms ---------------------------------------------------------------------------


def _num(v: Any) -> Any:
    return v.toordinal() if isinstance(v, dt.date) else v


def _regex(values) -> str:
    return "(" + "|".join(values) + ")"


def _atom(atom: Atom, possible: bool) -> list[dict]:
    """The durable tests (a conjunction) for one atom, in one form."""
    k = key(atom.field)
    kind, op, v = atom.spec.kind, atom.op, atom.value
    if kind == "bool":
        want = "yes" if (v if op == "eq" else not v) else "no"
        other = "no" if want == "yes" else "yes"
        return [{"$neq": {k: other}} if possible else {k: want}]
    if kind == "enum":
        if op in ("eq", "in"):
            vals = [v] if op == "eq" else list(v)
            if possible:
                vals = [*vals, UNKNOWN]
            if len(vals) == 1:
                return [{k: vals[0]}]
            # A closed vocabulary (the fact holds one of its values or the sentinel, see
            # _encode_into): "one of these" is "none of the others". Durable compiles a
            # $mt into an automaton (~60 µs + ~28 µs per choice), a $neq in ~5 µs: the
            # regexes were 85 % of compiling the rules base (~60 ms of each start).
            others = [x for x in (*atom.spec.values, UNKNOWN) if x not in vals]
            if atom.spec.values and others:
                return [{"$neq": {k: x}} for x in others]
            return [{"$mt": {k: _regex(vals)}}]
        vals = [v] if op == "ne" else list(v)
        if not possible:
            vals = [*vals, UNKNOWN]
        return [{"$neq": {k: x}} for x in vals]
    if kind == "multi":
        if op in ("has", "has_any"):
            vals = [v] if op == "has" else list(v)
            if possible:
                vals = [*vals, UNKNOWN]
            inner = {"$i": vals[0]} if len(vals) == 1 else {"$mt": {"$i": _regex(vals)}}
            return [{"$iany": {k: inner}}]
        vals = [v] if op == "lacks" else list(v)
        if not possible:
            vals = [*vals, UNKNOWN]
        terms = [{"$neq": {"$i": x}} for x in vals]
        return [{"$iall": {k: terms[0] if len(terms) == 1 else {"$and": terms}}}]
    v = _num(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        try:
            durable_number(v)
        except NumberError as exc:
            raise CompileError(
                f"'{atom.field}' is compared with a number the engine cannot read: {exc}"
            ) from None
    lo, hi = k + "__lo", k + "__hi"
    if op in ("gt", "ge"):
        return [{f"${'gt' if op == 'gt' else 'gte'}": {hi if possible else lo: v}}]
    if op in ("lt", "le"):
        return [{f"${'lt' if op == 'lt' else 'lte'}": {lo if possible else hi: v}}]
    if op == "eq":
        return [{"$lte": {lo: v}}, {"$gte": {hi: v}}] if possible else [{k: v}]
    # ne: the plain key holds the value, or the sentinel when unknown
    return [{"$neq": {k: v}}] if possible else [{"$neq": {k: v}}, {"$neq": {k: UNKNOWN}}]


def _chain(tag: str, atoms: list[Atom], possible: bool) -> dict:
    tests: list[dict] = [{"_t": tag}]
    for a in atoms:
        tests.extend(_atom(a, possible))
    return tests[0] if len(tests) == 1 else {"$and": tests}


# ---- conditions ------------------------------------------------------------------------


def dnf(node: Node, limit: int = MAX_ALTERNATIVES) -> list[list[Node]]:
    """Disjunctive normal form (negation normal form in): alternatives of literals, where
    a literal is an atom or a quantifier."""
    if isinstance(node, (Atom, Quant)):
        return [[node]]
    if isinstance(node, AnyOf):
        out = [c for x in node.items for c in dnf(x, limit)]
    elif isinstance(node, AllOf):
        out = [[]]
        for x in node.items:
            out = [a + b for a in out for b in dnf(x, limit)]
            if len(out) > limit:
                break
    else:
        raise CompileError("conditions must be in negation normal form before compiling")
    if len(out) > limit:
        raise CompileError(
            f"the condition expands to more than {limit} alternatives; split the rule"
        )
    return out


def _entry_chains(node: Node) -> list[list[Atom]]:
    chains = dnf(node)
    for c in chains:
        if any(isinstance(x, Quant) for x in c):
            raise CompileError("quantifiers cannot be nested")
    return chains  # type: ignore[return-value]


def alternatives(node: Node, possible: bool) -> list[list[list[dict]]]:
    """Durable rule bodies (``{"all": [...]}``) of the condition in one form.

    One item per alternative (disjunctive normal form); an alternative is a list of
    *parts* that must all fire, one per ``some`` literal (or one when there is none); a
    part is a list of bodies, any of which makes it fire (the entry condition's own
    alternatives). Independent ``some`` literals are separate durable rules, combined
    here rather than joined in durable: a join of "some gift is A" with "some loan is B"
    fires once per *pair* of matching entries (quadratic in the list sizes), where one
    rule per literal fires once per matching entry. Kleene's conjunction is the
    conjunction of its literals' truths, so the split reads the same.
    """
    out = []
    bodies = 0
    for term in dnf(node):
        root = [x for x in term if isinstance(x, Atom)]
        everys = [x for x in term if isinstance(x, Quant) and x.kind != "some"]
        # A $not does not see the facts the rule's other entries are bound to, so an entry
        # joined for "some gift is A" must itself satisfy "every gift is C":
        # some(L, A) and every(L, C) = some(L, A and C) and every(L, C).
        somes = [
            Quant(
                "some", x.scope, AllOf((x.where, *(e.where for e in everys if e.scope == x.scope)))
            )
            for x in term
            if isinstance(x, Quant) and x.kind == "some"
        ]
        negations: list[tuple[str, dict]] = []
        for j, q in enumerate(everys):
            # every(L, C): no entry for which C may fail (certainly) or surely fails
            # (possibly). T(every C) = not exists P(not C); P(every C) = not exists T(not C).
            negated = nnf(q.where, negate=True)
            for n, c in enumerate(_entry_chains(negated)):
                negations.append((f"n{j}_{n}$not", _chain(key(q.scope), c, not possible)))
        case = {"c": _chain(CASE, root, possible)}
        nots = [{name: cond} for name, cond in negations]
        # durable needs a positive entry before a negation: the case comes first.
        parts = [
            [
                {"all": [case, {"q0": _chain(key(q.scope), chain, possible)}, *nots]}
                for chain in _entry_chains(q.where)
            ]
            for q in somes
        ] or [[{"all": [case, *nots]}]]
        bodies += sum(len(p) for p in parts)
        if bodies > MAX_ALTERNATIVES:
            raise CompileError(
                f"the condition expands to more than {MAX_ALTERNATIVES} "
                "alternatives; split the rule"
            )
        out.append(parts)
    return out


def rule_definitions(rule_id: str, node: Node) -> list[tuple[str, dict]]:
    """Every durable rule of one rule: ``<id>#<form>.<alternative>+<part>.<parts>.<n>``
    (both forms; :meth:`advisor.engine.Network.evaluate` puts the parts together)."""
    defs = []
    for form, possible in (("T", False), ("P", True)):
        for n, parts in enumerate(alternatives(node, possible)):
            for k, bodies in enumerate(parts):
                for c, body in enumerate(bodies):
                    defs.append((f"{rule_id}#{form}.{n}+{k}.{len(parts)}.{c}", body))
    return defs


def check(node: Node) -> None:
    """Raise :class:`CompileError` if a condition (negation normal form) cannot compile."""
    alternatives(node, False)
    alternatives(node, True)


def types_of(definition: dict) -> list[str]:
    """The fact type of each entry of a durable rule."""
    out = []
    for entry in definition["all"]:
        (cond,) = entry.values()
        first = cond["$and"][0] if "$and" in cond else cond
        out.append(first["_t"])
    return out


def _family(name: str) -> str:
    """The challenge of a durable rule's name (``legal.convention.x#T.0`` -> ``legal.convention``)."""
    return ".".join(name.partition("#")[0].split(".")[:2])


def partition(defs: list[tuple[str, dict]], limit: int = MAX_PATHS_PER_RULESET):
    """Pack durable rules into rulesets with at most ``limit`` chains per fact type.

    Rules are packed by challenge, so that a change to one rule, or a rule version that
    differs between two dates, changes only its challenge's rulesets: the others keep the
    same content and are not compiled again (durable never frees a compiled ruleset, see
    :mod:`advisor.engine`). Within a challenge, rules reading the same kinds of facts are
    packed together, so that each ruleset is given few facts to parse.
    """
    families: dict[str, list[tuple[str, dict]]] = {}
    for d in defs:
        families.setdefault(_family(d[0]), []).append(d)
    out: list[list[tuple[str, dict]]] = []
    for family in sorted(families):
        groups: list[list[tuple[str, dict]]] = [[]]
        used: dict[str, int] = {}
        order = sorted(families[family], key=lambda d: (sorted(set(types_of(d[1]))), d[0]))
        for name, definition in order:
            need: dict[str, int] = {}
            for t in types_of(definition):
                need[t] = need.get(t, 0) + 1
            if groups[-1] and any(used.get(t, 0) + n > limit for t, n in need.items()):
                groups.append([])
                used = {}
            groups[-1].append((name, definition))
            for t, n in need.items():
                used[t] = used.get(t, 0) + n
        out.extend(g for g in groups if g)
    return out


def fact_types() -> list[str]:
    return [CASE, *(key(s) for s in case_schema().scopes)]
