"""Explaining one rule's firing: the facts that made it true, the unknown facts that decide
it, the actions (cures) that would clear it — before findings are merged into issues.

The engine decides which rules fire; this module reads the same condition with the
direct evaluator to say why. Unknown facts are traced to the answered fields ("cells")
still unknown — a derived fact (a ratio, a join) to its inputs — so that the open questions
ask exactly what is missing, for the right list entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, cast

from . import catalogue
from .articles import articled_names
from .clearing import clearing_options
from .conditions import AllOf, Quant
from .construct import constructed
from .cures import placeholders_for
from .derived import BY_KEY
from .display import field_path, lead_lower, show_test, show_value
from .evaluate import Hit, explain, truth
from .exposure import estimate, receipts_fine
from .facts import FactSheet
from .fieldspec import ROOT, FieldSpec
from .findings import (
    Change,
    ClearOption,
    Evidence,
    Finding,
    ParamUsed,
    Question,
    ReferenceOut,
    Status,
    Unknown,
)
from .model import PARTNER_REFERENCES
from .parameters import format_number
from .period import BoundRule
from .rulesbase import RulesBase
from .template import fill

Cell = tuple[str, int | None, str]
"""An answered fact: (list scope or ``""``, entry index or ``None``, field path)."""


@dataclass
class Firing:
    """One rule's firing, explained (a finding before merging)."""

    bound: BoundRule
    finding: Finding
    cells: list[Cell] = field(default_factory=list)
    """The answered facts still unknown that decide it (to verify only)."""
    alternatives: list[list[Cell]] = field(default_factory=list)
    """The same facts, one list per entry that may make the rule true (a rule about *some*
    partner, gift...), the facts outside those entries in each: any one entry settled
    could make it true. One list when the rule ranges over no list."""
    cures: set[tuple[str, Any]] = field(default_factory=set)
    """Single actions that clear it alone: (field path with entry, target value)."""
    entries: set[tuple[str, int]] = field(default_factory=set)
    """The list entries it is about (a staff loan, a gift...): (list, index)."""

    @property
    def rule_id(self) -> str:
        return self.bound.version.id


def render_text(rb: RulesBase, text: str, params: dict, lang: str) -> str:
    """Fill ``{param:name}`` placeholders with the value in force."""

    def param(name: str) -> str:
        pv = params.get(name)
        if pv is None:
            return "{param:" + name + "}"
        return format_number(pv.value, rb.params[name].unit, lang)

    return fill(text, param=param)


def explain_firing(
    rb: RulesBase,
    bound: BoundRule,
    status: str,
    facts: FactSheet,
    values: dict[str, Any],
    lang: str,
    with_clear_by: bool = True,
) -> Firing:
    """Explain one rule that fired with ``status``; ``values`` are the facts it is read on
    (presumptions applied, for a finding to verify)."""
    doc = bound.version.doc
    why = explain(bound.condition, values)
    challenge = rb.challenge(doc.challenge)
    flagged = status == "flagged"
    evidence = _dedupe([_evidence(rb, h, facts, lang) for h in why.held]) if flagged else []
    unknowns = [] if flagged else _unknowns(rb, why.unknown, facts, lang)
    cells = [] if flagged else unresolved(why.unknown, values)
    alternatives = [] if flagged else _alternatives(bound.condition, why.unknown, values)
    params = bound.params
    options = cure_options(rb, bound, facts, lang) if with_clear_by else []
    title = doc.title if flagged or doc.title_if is None else doc.title_if
    finding = Finding(
        rule_id=doc.id,
        rules=[doc.id],
        version=doc.effective.label(),
        challenge=doc.challenge,
        challenge_label=challenge.label.get(lang),
        framework=challenge.framework,
        framework_label=rb.base.frameworks[challenge.framework].get(lang),
        severity=doc.severity,
        likelihood=doc.likelihood if flagged else None,
        status=cast(Status, status),
        severity_label=rb.base.severities[doc.severity].get(lang),
        likelihood_label=rb.base.likelihoods[doc.likelihood].get(lang) if flagged else "",
        status_label=rb.base.statuses[cast(Status, status)].get(lang),
        title=render_text(rb, title.get(lang), params, lang),
        explanation=_conditional(
            render_text(rb, doc.explanation.get(lang), params, lang), unknowns, lang
        ),
        advice=render_text(rb, doc.advice.get(lang), params, lang),
        partners=_partners(why.held if flagged else why.unknown, facts),
        exposure=[
            x
            for x in [
                estimate(doc, params, why.held, values, lang),
                receipts_fine(doc, params, why.held, values, lang),
            ]
            if x and flagged
        ],
        evidence=evidence,
        unknowns=unknowns,
        references=[ReferenceOut.of(r) for r in doc.references],
        recommendations=list(doc.recommendations),
        unverified=doc.unverified or any(p.unverified for p in params.values()),
        parameters=[
            ParamUsed(name=n, value=p.value, since=p.start, unverified=p.unverified)
            for n, p in sorted(params.items())
        ],
        clear_by=options,
        action=_advice_action(rb, doc, hits_of(why, flagged), facts, lang, params),
        source=bound.version.source,
    )
    single = {(c.field, _key(c.target)) for o in options if len(o.changes) == 1 for c in o.changes}
    hits = why.held if flagged else why.unknown
    entries = {(h.scope, h.index) for h in hits if h.scope and h.index is not None}
    return Firing(bound, finding, cells, alternatives, single, entries)


def sketch_firing(
    rb: RulesBase,
    bound: BoundRule,
    status: str,
    facts: FactSheet,
    values: dict[str, Any],
) -> Firing:
    """What consolidation reads of a firing, without a word of text (the screening row):
    the same cells, alternatives, single cures and entries as :func:`explain_firing`, and
    a finding holding only the fields merging, ranking and remedies read (ids, status,
    severity, likelihood, challenge, remedies). Single cures are a flagged finding's only:
    merging compares them between flagged findings alone."""
    why = explain(bound.condition, values)
    flagged = status == "flagged"
    cells = [] if flagged else unresolved(why.unknown, values)
    alternatives = [] if flagged else _alternatives(bound.condition, why.unknown, values)
    finding = _sketch(bound, status)
    single = _single_cures(rb, bound, facts) if flagged else set()
    hits = why.held if flagged else why.unknown
    entries = {(h.scope, h.index) for h in hits if h.scope and h.index is not None}
    return Firing(bound, finding, cells, alternatives, single, entries)


#: The sketch of each rule's finding by status: it depends on the rule alone, and findings
#: are immutable (merging and ranking copy them). Keyed by the bound rule's id, the rule
#: kept alive beside it so that the id is never reused while the entry lives.
_SKETCHES: dict[tuple[int, str], tuple[BoundRule, Finding]] = {}


def _sketch(bound: BoundRule, status: str) -> Finding:
    key = (id(bound), status)
    found = _SKETCHES.get(key)
    if found is not None:
        return found[1]
    doc = bound.version.doc
    flagged = status == "flagged"
    finding = Finding.model_construct(
        rule_id=doc.id,
        rules=[doc.id],
        challenge=doc.challenge,
        severity=doc.severity,
        likelihood=doc.likelihood if flagged else None,
        status=cast(Status, status),
        recommendations=list(doc.recommendations),
        # No text is computed: a sketch is never shown.
        version="",
        challenge_label="",
        framework="",
        framework_label="",
        title="",
        explanation="",
        advice="",
        source="",
        # Every list given: a default factory costs pydantic a signature inspection.
        partners=[],
        exposure=[],
        evidence=[],
        unknowns=[],
        references=[],
        parameters=[],
        clear_by=[],
    )
    if len(_SKETCHES) > 20_000:
        _SKETCHES.clear()  # rules bases loaded again and again (tests): start afresh
    _SKETCHES[key] = (bound, finding)
    return finding


def _single_cures(rb: RulesBase, bound: BoundRule, facts: FactSheet) -> set[tuple[str, Any]]:
    """The single-action options of :func:`cure_options` as (field path, target), without
    their words."""

    def allow(atom: Any, target: Any, actual: Any) -> bool:
        return any(c.matches(target, actual) for c in rb.cures.get(atom.spec.absolute, ()))

    out = set()
    for option in clearing_options(bound.condition, facts.values, allow):
        if len(option) != 1:
            continue
        (e,) = option
        values = facts.values[e.scope][e.index] if e.scope else facts.values
        actual = values.get(e.atom.field)
        if any(c.matches(e.target, actual) for c in rb.cures.get(e.atom.spec.absolute, ())):
            out.add((field_path(e.scope, e.index, e.atom.field), _key(jsonable(e.target))))
    return out


def _conditional(explanation: str, unknowns: list[Unknown], lang: str) -> str:
    """A finding to verify never reads as established: its explanation follows a lead-in
    naming the unknown points it depends on (every rule, whatever its wording)."""
    if not unknowns:
        return explanation
    labels = list(dict.fromkeys(_point(u) for u in unknowns))
    facts = catalogue.text(lang, "core.list_sep").join(labels)
    return catalogue.count(
        lang, "core.explanation_if", len(labels), facts=facts, explanation=lead_lower(explanation)
    )


def _point(u: Unknown) -> str:
    label = u.label.rstrip(" ?")
    label = lead_lower(label)
    # Inside a sentence: an entry follows a dash, never nested brackets.
    return f"{label} — {u.entry}" if u.entry else label


def hits_of(why: Any, flagged: bool) -> list[Hit]:
    return why.held if flagged else why.unknown


def _advice_action(
    rb: RulesBase, doc: Any, hits: list[Hit], facts: FactSheet, lang: str, params: dict
) -> Change:
    """The rule's advice as an action: who acts (the entry's partners in the roles the rule
    names, else every partner the finding falls on) and when."""
    act = doc.action
    names: dict[str, None] = {}  # ordered, de-duplicated in O(1) (a list was quadratic)
    done: set[tuple[str, int | None]] = set()
    for h in hits:
        if (h.scope, h.index) in done:
            continue  # the same entry again (another of its facts): the same names
        done.add((h.scope, h.index))
        roles = entry_partners(h.scope, h.index, facts)
        if act and "funders" in act.who and h.scope == "partners" and h.index is not None:
            roles = {**roles, **_funders(h.index, facts)}
        for role, name in roles.items():
            if not act or not act.who or role.partition(".")[0] in act.who:
                names.setdefault(name, None)
    if act and "funders" in act.who and not names:
        names = dict.fromkeys(_partners(hits, facts))  # no funder known: the aid's recipient
    if act and act.who_where:
        # A fact of the alliance: the partners it is about act (the approved bodies), named
        # when they are few, else (or when none is known to fit) described, as for a cure.
        names = {
            str(p.get("name") or "?"): None
            for p in facts.values.get("partners") or []
            if all(_fits(p, k, allowed) for k, allowed in act.who_where.items())
        }
        if act.who_label is not None and not 0 < len(names) <= MAX_NAMED:
            names = {act.who_label.get(lang): None}
    return Change(
        field="",
        label="",
        # One action, not a paragraph: its final full stop goes (the plan adds who and when).
        text=render_text(rb, doc.advice.get(lang), params, lang).strip().removesuffix("."),
        who=list(names),
        when=act.when if act else "before_signing",
    )


def _funders(index: int, facts: FactSheet) -> dict[str, str]:
    """The partners who fund a partner's subsidies, by role (``funders.0``...): who grants
    an aid is who checks its ceiling."""
    partner = facts.values["partners"][index]
    names = facts.partner_names
    out: dict[str, str] = {}
    for s in facts.values.get("money.subsidies") or []:
        funder = s.get("funder")
        if s.get("beneficiary") == partner.get("id") and funder in names:
            out[f"funders.{len(out)}"] = names[funder] or funder
    return out


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# ---- what would clear it: cures only ---------------------------------------------------


def cure_options(rb: RulesBase, bound: BoundRule, facts: FactSheet, lang: str) -> list[ClearOption]:
    """The ways to clear the finding that are actions a partner can take (cures), each in
    words naming who acts; a way that needs a retreat (no cure describes it) is left out."""

    def allow(atom: Any, target: Any, actual: Any) -> bool:
        return any(c.matches(target, actual) for c in rb.cures.get(atom.spec.absolute, ()))

    out = []
    for option in clearing_options(bound.condition, facts.values, allow):
        for edits in _with_alternatives(rb, option, facts):
            changes = []
            conflicted = False
            for e in sorted(edits, key=lambda e: (e.scope, e.index or 0, e.atom.field)):
                change = _cure_change(rb, e, facts, lang)
                if change is None:
                    break
                changes.append(change)
                conflicted = conflicted or _conflicted(rb, e, facts)
            else:
                out.append((conflicted, ClearOption(changes=changes)))
    # A way that carries out a remedy the case conflicts with comes last (stable).
    return [option for _, option in sorted(out, key=lambda x: x[0])]


def _with_alternatives(rb: RulesBase, option: Any, facts: FactSheet) -> list[Any]:
    """``option``, and, where one of its edits adds to a list the first of several values
    any of which would do (« includes none of »: a R&D convention, a consortium
    agreement...) and the case conflicts with the remedy that value carries out, the same
    option with each other value instead."""
    out = [option]
    for e in option:
        if e.atom.op != "has_none" or not _conflicted(rb, e, facts):
            continue
        values = facts.values[e.scope][e.index] if e.scope else facts.values
        had = tuple(values.get(e.atom.field) or ())
        for other in e.atom.value[1:]:
            swapped = replace(e, target=(*had, other))
            out.append(frozenset({*option - {e}, swapped}))
    return out


def _conflicted(rb: RulesBase, edit: Any, facts: FactSheet) -> bool:
    """The cure behind ``edit`` carries out a recommendation one of whose conflicts is
    present in the case (certainly true)."""
    values = facts.values[edit.scope][edit.index] if edit.scope else facts.values
    actual = values.get(edit.atom.field)
    for cure in rb.cures.get(edit.atom.spec.absolute, ()):
        rec = cure.doc.recommendation
        if rec is None or not cure.matches(edit.target, actual):
            continue
        for c in rb.recommendations[rec].conflicts:
            if truth(rb.remedy_conditions[f"{rec}:conflicts:{c.id}"], facts.values) is True:
                return True
    return False


def _cure_change(rb: RulesBase, edit: Any, facts: FactSheet, lang: str) -> Change | None:
    spec = edit.atom.spec
    values = facts.values[edit.scope][edit.index] if edit.scope else facts.values
    actual = values.get(edit.atom.field)
    cure = next(
        (c for c in rb.cures.get(spec.absolute, ()) if c.matches(edit.target, actual)), None
    )
    if cure is None:
        return None
    names = entry_partners(edit.scope, edit.index, facts)
    words: dict[str, str] = {
        role: catalogue.text(lang, f"core.role.{role}")
        for role in placeholders_for(spec)
        if catalogue.has(f"core.role.{role}")
    }
    words.update(names)
    words["target"] = show_value(rb, spec, edit.target, lang)
    words["partners"] = catalogue.text(lang, "core.the_partners")
    text = cure.words(lang, words)
    if lang == "fr":  # « Le Conseil départemental valorise… », not a bare « Conseil… »
        text = articled_names(text, list(names.values()))
    text = text[:1].upper() + text[1:]
    who = [names[r] for r in cure.doc.who if r in names]
    if not who and cure.doc.who_where:
        # A fact of the alliance: the partners it is about act (the associations), named
        # when they are few, else (or when none is known to fit) described.
        who = [
            str(p.get("name") or "?")
            for p in facts.values.get("partners") or []
            if all(_fits(p, k, allowed) for k, allowed in cure.doc.who_where.items())
        ]
        if cure.doc.who_label is not None and not 0 < len(who) <= MAX_NAMED:
            who = [cure.doc.who_label.get(lang)]
    entry = facts.labels[edit.scope][edit.index] if edit.scope else None
    return Change(
        field=field_path(edit.scope, edit.index, edit.atom.field),
        label=rb.field_label(spec.absolute, lang),
        entry=entry,
        current=jsonable(actual),
        target=jsonable(edit.target),
        text=text,
        who=who,
        when=cure.doc.when,
    )


#: Partners named one by one as those who act; beyond, the cure's description of them.
MAX_NAMED = 3


def _fits(partner: dict[str, Any], key: str, allowed: list[Any]) -> bool:
    """Whether a partner's fact is among those a cure's ``who_where`` names; an insertion
    structure run as an association is an association (its volunteers are its own)."""
    value = partner.get(key)
    if value in allowed:
        return True
    return (
        key == "kind"
        and value == "insertion_structure"
        and partner.get("insertion_form") in allowed
    )


def entry_partners(scope: str, index: int | None, facts: FactSheet) -> dict[str, str]:
    """The partners of a list entry by role (``{"lender": "PSA", "host": "FARE"}``); for a
    partner, ``{"name": ...}``."""
    if not scope or index is None:
        return {}
    entry = facts.values[scope][index]
    if scope == "partners":
        return {"name": entry.get("name") or "?"}
    names = facts.partner_names
    out = {}
    for role in PARTNER_REFERENCES.get(scope, ()):
        pid = entry.get(role)
        if pid is not None and pid in names:
            out[role] = names[pid] or pid
    return out


def _partners(hits: list[Hit], facts: FactSheet) -> list[str]:
    out: dict[str, None] = {}  # ordered and de-duplicated in one pass (a list was quadratic)
    done: set[tuple[str, int | None]] = set()
    for h in hits:
        if (h.scope, h.index) not in done:
            done.add((h.scope, h.index))
            out.update(dict.fromkeys(entry_partners(h.scope, h.index, facts).values()))
    return list(out)


# ---- evidence and unknowns -------------------------------------------------------------


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for e in items:
        k = (e.field, e.test)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def _evidence(rb: RulesBase, hit: Hit, facts: FactSheet, lang: str) -> Evidence:
    spec = hit.atom.spec
    entry = _label(facts, hit.scope, hit.index)
    path = field_path(hit.scope, hit.index, spec.path)
    shown = show_value(rb, spec, hit.actual, lang)
    if path in facts.deduced:  # settled by other answers, not answered: said so
        shown = catalogue.text(lang, "core.deduced", value=shown)
    return Evidence(
        field=path,
        label=rb.field_label(spec.absolute, lang),
        entry=entry,
        value=jsonable(hit.actual),
        shown=shown,
        test=show_test(rb, hit.atom, lang),
    )


def _label(facts: FactSheet, scope: str, index: int | None) -> str | None:
    return facts.labels[scope][index] if scope and index is not None else None


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _unknowns(rb: RulesBase, hits: list[Hit], facts: FactSheet, lang: str) -> list[Unknown]:
    out, seen = [], set()
    # What depends on the atom only (label, test, questions), once per atom rather than
    # once per list entry.
    by_atom: dict[int, tuple[str, str, list[Question]]] = {}
    by_inputs: dict[tuple[int, tuple[str, ...]], tuple[str, str, list[Question]]] = {}
    partners: dict[Any, dict[str, Any]] | None = None
    for hit in hits:
        spec = hit.atom.spec
        path = field_path(hit.scope, hit.index, spec.path)
        if path in seen:
            continue
        seen.add(path)
        entry = _label(facts, hit.scope, hit.index)
        if not spec.derived and id(hit.atom) in by_atom:
            label, test, questions = by_atom[id(hit.atom)]
            out.append(_unknown(path, label, entry, test, questions))
            continue
        asked = spec.inputs if spec.derived else (spec.absolute,)
        if spec.derived and hit.scope:
            # Of the entry's own inputs, ask only those still unknown.
            entry_values = facts.values[hit.scope][hit.index]
            prefix = f"{hit.scope}[]."
            # ... and of the partner it is read on (a gift's donor), those still unknown:
            # a donor's turnover in the file is not asked again.
            if partners is None:  # once per finding: a scan per entry was quadratic
                partners = _partners_by_id(facts)
            partner = _joined_values(hit, facts, partners)
            asked = (
                tuple(
                    a
                    for a in asked
                    if (
                        entry_values.get(a[len(prefix) :]) is None
                        if a.startswith(prefix)
                        else partner is None
                        or not a.startswith("partners[].")
                        or partner.get(a[len("partners[].") :]) is None
                    )
                )
                or asked
            )
        # A derived fact: the same for every entry with the same inputs still unknown.
        found = by_inputs.get((id(hit.atom), asked)) if spec.derived else None
        if found is None:
            questions = []
            for absolute in asked:
                for q in rb.questions_for(absolute):
                    questions.append(Question(id=q.id, text=q.doc.text.get(lang)))
            label, test = rb.field_label(spec.absolute, lang), show_test(rb, hit.atom, lang)
            found = (label, test, questions)
            if spec.derived:
                by_inputs[(id(hit.atom), asked)] = found
            else:
                by_atom[id(hit.atom)] = found
        label, test, questions = found
        out.append(_unknown(path, label, entry, test, questions))
    return out


def _partners_by_id(facts: FactSheet) -> dict[Any, dict[str, Any]]:
    """Each partner's answers by its id (the first partner of an id)."""
    out: dict[Any, dict[str, Any]] = {}
    for p in facts.values.get("partners") or []:
        out.setdefault(p.get("id"), p)
    return out


def _joined_values(
    hit: Hit, facts: FactSheet, partners: dict[Any, dict[str, Any]]
) -> dict[str, Any] | None:
    """The answers of the partner a derived fact of a list entry is read on (its ``join``:
    a gift's donor), or ``None`` when it has no join or the partner is not known."""
    derived = BY_KEY.get((hit.atom.spec.scope, hit.atom.spec.path))
    if derived is None or derived.join is None or hit.index is None:
        return None
    pid = facts.values[hit.scope][hit.index].get(derived.join)
    return partners.get(pid) if pid is not None else None


def _unknown(
    path: str, label: str, entry: str | None, test: str, questions: list[Question]
) -> Unknown:
    # Every value comes typed from the rules base and the fact sheet: built without
    # validating again (a to-verify finding on 500 gifts holds 500 of these).
    return constructed(
        Unknown, field=path, label=label, entry=entry, test=test, questions=list(questions)
    )


def _some_scope(node: Any) -> str | None:
    """The list a rule is about when it reads ``some <list> where …`` at its top (alone or
    beside other conditions: an exception, a whole-case fact)."""
    if isinstance(node, Quant) and node.kind == "some":
        return node.scope
    if isinstance(node, AllOf):
        for item in node.items:
            if isinstance(item, Quant) and item.kind == "some":
                return item.scope
    return None


def _alternatives(node: Any, hits: list[Hit], values: dict[str, Any]) -> list[list[Cell]]:
    """Unknown facts grouped by the entry of the rule's list they belong to (see
    :attr:`Firing.alternatives`)."""
    scope = _some_scope(node)
    per_entry: dict[int, list[Hit]] = {}
    common: list[Hit] = []
    for hit in hits:
        if scope is not None and hit.scope == scope and hit.index is not None:
            per_entry.setdefault(hit.index, []).append(hit)
        else:
            common.append(hit)
    if not per_entry:
        return [unresolved(hits, values)]
    lookup = _Lookup(values)  # one for every entry: built per entry, it was quadratic
    return [unresolved(entry + common, values, lookup) for _, entry in sorted(per_entry.items())]


def unresolved(
    hits: list[Hit], values: dict[str, Any], lookup: _Lookup | None = None
) -> list[Cell]:
    """The answered facts still unknown behind unknown atoms (a derived fact's inputs)."""
    out: dict[Cell, None] = {}
    lookup = lookup or _Lookup(values)
    for hit in hits:
        spec = hit.atom.spec
        if spec.derived:
            out.update(dict.fromkeys(_derived_cells(spec, hit, values, lookup)))
        else:
            out[(hit.scope, hit.index, spec.path)] = None
    return list(out)


class _Lookup:
    """What :func:`unresolved` reads many times, computed once per call: each partner's
    index by id, and the entries of a list where a field is unknown (500 gifts asking
    after their donor must not scan the partners 500 times)."""

    def __init__(self, values: dict[str, Any]):
        self.values = values
        self._partners: dict[Any, int] | None = None
        self._unknown: dict[tuple[str, str], list[Cell]] = {}

    def partner(self, pid: Any) -> int | None:
        if self._partners is None:
            self._partners = {}
            for i, p in enumerate(self.values.get("partners") or []):
                self._partners.setdefault(p.get("id"), i)
        return self._partners.get(pid) if pid is not None else None

    def unknown_in(self, scope: str, path: str) -> list[Cell]:
        found = self._unknown.get((scope, path))
        if found is None:
            entries = self.values.get(scope) or []
            found = self._unknown[(scope, path)] = [
                (scope, i, path) for i, e in enumerate(entries) if e.get(path) is None
            ]
        return found


def _derived_cells(
    spec: FieldSpec, hit: Hit, values: dict[str, Any], lookup: _Lookup
) -> list[Cell]:
    derived = BY_KEY[(spec.scope, spec.path)]
    joined = _joined_partner(derived.join, hit, values, lookup)
    out: list[Cell] = []
    for absolute in spec.inputs:
        scope, _, path = absolute.rpartition("[].")
        if not scope:  # a root fact, or a whole list (its length)
            if absolute in values and values.get(absolute) is None:
                out.append((ROOT, None, absolute))
            continue
        entries = values.get(scope) or []
        if scope == hit.scope and hit.index is not None:
            candidates = [hit.index]
        elif scope == "partners" and joined is not None:
            candidates = [joined]
        else:
            out.extend(lookup.unknown_in(scope, path))
            continue
        out.extend((scope, i, path) for i in candidates if entries[i].get(path) is None)
    return out


def _joined_partner(
    role: str | None, hit: Hit, values: dict[str, Any], lookup: _Lookup
) -> int | None:
    """The index of the partner a join reads (a gift's donor...), when known."""
    if role is None or not hit.scope or hit.index is None:
        return None
    return lookup.partner(values[hit.scope][hit.index].get(role))


__all__ = [
    "Cell",
    "Firing",
    "cure_options",
    "explain_firing",
    "render_text",
    "sketch_firing",
    "unresolved",
]
