"""The consolidated view every reader gets: issues, assumptions, open questions.

Between the engine's verdict (rule by rule) and the readers (JSON, terminal, interview,
memo) this module decides what an adviser would write:

* **One issue per fact.** Flagged findings that one action clears (a shared single-action
  cure) and that call for the same remedy are one issue; so are findings to verify that
  the same unknown facts decide. An issue keeps every rule id, every reference and the
  highest severity; counts everywhere are issues.
* **Not raised until brought in.** A finding to verify that a fact about who the partners
  are or what the alliance does decides (a partner's nature, whether volunteers take part,
  which joint vehicle), or that only a question not yet asked could settle, is not shown
  as a possible risk: the open questions ask the fact that brings it in.
* **Open questions, ranked.** Every unknown fact that decides an issue or a finding not
  yet raised becomes one question (per list entry), with what it decides, its worst
  severity and the risk weight its answer settles.
* **Ranking a reader trusts.** Issues rank by severity weighed with status: a critical or
  high issue to verify outranks a low flagged one; among equals, flagged comes first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from .conditions import walk_atoms
from .construct import constructed
from .evaluate import Hit, truth
from .explanation import Cell, Firing, _Lookup, entry_partners, unresolved
from .facts import FactSheet
from .fieldspec import ROOT
from .findings import ClearOption, Finding, OpenQuestion, Question, RuleVerdict
from .rulemodel import LIKELIHOODS, SEVERITIES
from .rulesbase import Question as RuleQuestion
from .rulesbase import RulesBase
from .schema import case_schema

#: Risk weight of each severity (each step doubles).
SEVERITY_WEIGHT = {"low": 1.0, "medium": 2.0, "high": 4.0, "critical": 8.0}
#: An issue to verify weighs less than the same issue established.
TO_VERIFY_FACTOR = 0.6


def weight(severity: str, status: str = "flagged") -> float:
    return SEVERITY_WEIGHT[severity] * (1.0 if status == "flagged" else TO_VERIFY_FACTOR)


# ---- which questions are asked now -------------------------------------------------------

_UNSEEN: Any = object()


@dataclass
class Asking:
    """Which interview questions are asked for the current answers (memoised per call)."""

    rb: RulesBase
    values: dict[str, Any]
    _cache: dict[tuple[str, int | None], bool | None] = field(default_factory=dict)
    _reached: dict[Cell, list[Cell]] = field(default_factory=dict)
    _read: dict[Cell, tuple[frozenset[str], frozenset[tuple[str, int | None]]]] = field(
        default_factory=dict
    )
    """For each cell of :attr:`_reached`: the ids of the questions whose ``ask_if`` and
    gates its answer read, and the list entries those read (what :meth:`carried`
    checks)."""
    _base_of: dict[tuple[str, int | None], str] = field(default_factory=dict)
    """For each key of :attr:`_cache`, the list whose entry the question is about (``""``
    for a question about the case)."""
    _atom_gates: dict[tuple[str, int], list[Cell]] = field(default_factory=dict)
    """The unknown facts of each atom of a question's ``ask_if`` read in no entry of its
    own (a fact about the case, or any entry of another list), by question id and atom;
    never carried (the values differ)."""
    _reached_gates: dict[
        tuple[Cell, ...],
        tuple[list[Cell], frozenset[str], frozenset[tuple[str, int | None]]],
    ] = field(default_factory=dict)
    """:func:`_reach_gates` by gates: the facts reached from each and what was read;
    never carried (rebuilt from :attr:`_reached`)."""
    _questions: dict[tuple[str, str], list[RuleQuestion]] = field(default_factory=dict)
    """The questions of each field (:meth:`questions`), whatever the entry."""
    _atoms: dict[str, tuple[tuple[str, Any], ...]] = field(default_factory=dict)
    """The atoms of each question's ``ask_if`` with their lists (:meth:`gate_cells`)."""
    _lookup: _Lookup | None = None
    """What :func:`unresolved` reads of :attr:`values` (partners by id, the entries where a
    field is unknown); never carried."""
    _worded: dict[tuple, OpenQuestion] = field(default_factory=dict)
    """The open questions worded for this assessment, by everything they are made of."""
    _worded_before: dict[tuple, OpenQuestion] = field(default_factory=dict)
    """Those of the assessment this one was carried from."""

    def carried(self, values: dict[str, Any]) -> Asking:
        """A new :class:`Asking` for ``values`` that keeps what this one memoised and still
        holds: every answer whose questions read no fact that differs between this one's
        values and ``values`` (the interview's next assessment, one answer changed)."""
        changed = _Changes(self.values, values)
        out = Asking(self.rb, values)
        out._worded_before = self._worded or self._worded_before
        bad, marks = changed.questions(self.rb), changed.marks
        if not (bad or marks):  # nothing read changed (the same case assessed again)
            out._cache, out._base_of = dict(self._cache), dict(self._base_of)
            out._reached, out._read = dict(self._reached), dict(self._read)
            return out
        base_of = self._base_of
        for key, found in self._cache.items():
            if key[0] in bad:
                continue
            base = base_of[key]
            if base and (base, key[1]) in marks:
                continue
            out._cache[key] = found
            out._base_of[key] = base
        for cell, (ids, entries) in self._read.items():
            if ids.isdisjoint(bad) and entries.isdisjoint(marks):
                out._reached[cell] = self._reached[cell]
                out._read[cell] = (ids, entries)
        return out

    def asked(self, q: RuleQuestion, index: int | None) -> bool:
        return self._ask_if(q, index) is True

    def _ask_if(self, q: RuleQuestion, index: int | None) -> bool | None:
        """The truth of the question's ``ask_if`` for entry ``index`` (memoised)."""
        key = (q.id, index)
        found = self._cache.get(key, _UNSEEN)
        if found is _UNSEEN:
            if q.ask_if is None:
                found = True
            else:
                entry = None
                if q.list_scope and not q.is_list and index is not None:
                    entry = self.values[q.list_scope][index]
                found = truth(q.ask_if, self.values, entry)
            self._cache[key] = found
            self._base_of[key] = _question_reads(q)[2]
        return found

    def questions(self, cell: Cell) -> list[RuleQuestion]:
        scope, _, path = cell
        found = self._questions.get((scope, path))
        if found is None:  # the same for every entry of a list: asked for each, many times
            found = self._questions[(scope, path)] = self.rb.questions_for(
                f"{scope}[].{path}" if scope else path
            )
        return found

    def is_setup(self, cell: Cell) -> bool:
        """A fact about who the partners are or what the alliance does (not how it is
        secured): only an answer settles it, so it opens a topic rather than a risk."""
        scope, _, path = cell
        spec = case_schema().get(scope, path)
        return spec is not None and not spec.actionable

    def reads(self, cell: Cell) -> tuple[set[str], set[tuple[str, int | None]]]:
        """What the questions of ``cell`` read: their ids, and the list entry each is
        asked about (for :attr:`_read`)."""
        ids: set[str] = set()
        entries: set[tuple[str, int | None]] = set()
        for q in self.questions(cell):
            ids.add(q.id)
            base = _question_reads(q)[2]
            if base:
                entries.add((base, cell[1]))
        return ids, entries

    def closed(self, cell: Cell) -> bool:
        """No question that would settle the fact is asked yet (its topic is not open)."""
        qs = self.questions(cell)
        return bool(qs) and not any(self.asked(q, cell[1]) for q in qs)

    def never_asked(self, cell: Cell) -> bool:
        """Every question of ``cell`` is known not to apply (a public authority's level for
        a company): the fact can never be asked, so it is never a client question."""
        qs = self.questions(cell)
        if not qs:
            return False
        return all(q.ask_if is not None and self._ask_if(q, cell[1]) is False for q in qs)

    def gate_cells(self, cell: Cell) -> list[Cell]:
        """The unknown facts that keep the questions of ``cell`` closed; a derived fact
        (a partner lends staff...) is replaced by the answers it is computed from."""
        out: list[Cell] = []
        for q in self.questions(cell):
            if q.ask_if is None:
                continue
            base = q.list_scope if (q.list_scope and not q.is_list) else ROOT
            atoms = self._atoms.get(q.id)
            if atoms is None:  # walked once per question, not once per entry
                atoms = self._atoms[q.id] = tuple(walk_atoms(q.ask_if, base))
            for n, (scope, atom) in enumerate(atoms):
                if scope and scope == base:
                    out += self._unknown_cells(scope, cell[1], atom)
                    continue
                # The same for every entry whose question this is: found once.
                key = (q.id, n)
                found = self._atom_gates.get(key)
                if found is None:
                    found = self._atom_gates[key] = self._unknown_cells(scope, None, atom)
                out += found
        return list(dict.fromkeys(out))

    def _unknown_cells(self, scope: str, index: int | None, atom: Any) -> list[Cell]:
        """The unknown facts of one atom of a gate: in one entry (``index``), in every
        entry of its list, or of the case."""
        out: list[Cell] = []
        if scope:
            entries = self.values.get(scope) or []
            indexes = [index] if index is not None else range(len(entries))
            unknown: list[int | None] = [i for i in indexes if entries[i].get(atom.field) is None]
        else:
            unknown = [None] if self.values.get(atom.field) is None else []
        for i in unknown:
            if atom.spec.derived:
                if self._lookup is None:  # one for the assessment: per fact, quadratic
                    self._lookup = _Lookup(self.values)
                out += unresolved([Hit(scope, i, atom, None)], self.values, self._lookup)
            else:
                out.append((scope, i, atom.field))
        return out


def not_brought_in(asking: Asking, alternatives: list[list[Cell]]) -> bool:
    """A finding to verify decided by a fact about the set-up, or by a question not asked
    yet, is not raised as a possible risk — unless one entry of the rule's list could make
    it true on facts that are open (a new partner whose nature is unknown does not hide
    what another partner's open answers raise)."""
    return all(any(asking.is_setup(c) or asking.closed(c) for c in alt) for alt in alternatives)


# ---- one issue per fact --------------------------------------------------------------------


def _mergeable(a: Firing, b: Firing, groups: Mapping[str, str]) -> bool:
    """Two findings are one issue when they are about the same fact and call for the same
    remedy:

    * the same decisive facts: one action clears both (flagged), or the same unknown facts
      decide both (to verify), and a remedy in common;
    * the same subject — one list entry (a staff loan, a gift), or one challenge about the
      alliance as a whole — and a remedy in common;
    * one challenge, the same entries, and the same kind of remedy (two contributions left
      unvalued call for one valuation in the accounts);

    never two risks to verify that no unknown fact has in common: each is its own question
    for the client, and one issue would show only one rule's condition as its title.
    """
    fa, fb = a.finding, b.finding
    if fa.status != fb.status:
        return False
    if fa.status != "flagged" and a.cells and b.cells and not set(a.cells) & set(b.cells):
        # Two risks to verify that no unknown fact has in common are two questions for the
        # client: one issue would show one rule's condition as its title and hide the other
        # (a subsidy's written agreement under the public-contract test).
        return False
    shared = bool(set(fa.recommendations) & set(fb.recommendations))
    if shared or (not fa.recommendations and not fb.recommendations):
        if fa.status == "flagged" and a.cures & b.cures:
            return True
        ca, cb = set(a.cells), set(b.cells)
        if fa.status != "flagged" and ca and cb and (ca <= cb or cb <= ca):
            return True
    same_entries = a.entries == b.entries
    if shared and (
        (a.entries & b.entries)
        or (fa.challenge == fb.challenge and (same_entries or not (a.entries and b.entries)))
    ):
        return True
    return (
        fa.challenge == fb.challenge
        and same_entries
        and bool(_kinds(fa, groups) & _kinds(fb, groups))
    )


def _kinds(f: Finding, groups: Mapping[str, str]) -> set[str]:
    """The kinds of remedy a finding calls for (contract, social, tax...), the source
    note's two remedies aside: they answer whole families of risks."""
    return {groups[r] for r in f.recommendations if groups.get(r, "note_remedy") != "note_remedy"}


def _lead_key(f: Finding, order: dict[str, int]) -> tuple:
    lik = LIKELIHOODS.index(f.likelihood) if f.likelihood else -1
    return (-SEVERITIES.index(f.severity), -lik, order.get(f.challenge, 99), f.rule_id)


def merge(
    firings: list[Firing], order: dict[str, int], groups: Mapping[str, str]
) -> list[tuple[Finding, list[Firing]]]:
    """Group firings into issues (union of mergeable pairs); each with its merged finding.

    ``groups``: the kind of each remedy (recommendation id -> group)."""
    parent = list(range(len(firings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(firings)), 2):
        if _mergeable(firings[i], firings[j], groups):
            parent[find(i)] = find(j)
    issues: dict[int, list[Firing]] = {}
    for i, f in enumerate(firings):
        issues.setdefault(find(i), []).append(f)
    out = []
    for members in issues.values():
        members.sort(key=lambda m: _lead_key(m.finding, order))
        out.append((_merged(members), members))
    return out


def _merged(members: list[Firing]) -> Finding:
    lead = members[0].finding
    findings = [m.finding for m in members]
    challenges = list(dict.fromkeys(f.challenge for f in findings))
    if len(members) == 1:
        return lead.model_copy(update={"challenges": challenges})
    shared = _shared_options(findings)
    return lead.model_copy(
        update={
            "challenges": challenges,
            "rules": [f.rule_id for f in findings],
            "evidence": _union(findings, "evidence", lambda e: (e.field, e.test)),
            "unknowns": _union(findings, "unknowns", lambda u: u.field),
            "references": _union(findings, "references", lambda r: r.text),
            "recommendations": list(dict.fromkeys(r for f in findings for r in f.recommendations)),
            "partners": list(dict.fromkeys(p for f in findings for p in f.partners)),
            "parameters": _union(findings, "parameters", lambda p: p.name),
            "exposure": _union(findings, "exposure", lambda x: (x.label, x.amount_eur)),
            "unverified": any(f.unverified for f in findings),
            "clear_by": shared or _combined(findings) or lead.clear_by,
        }
    )


def _combined(findings: list[Finding]) -> list[ClearOption]:
    """When no one way clears every merged finding: each way of the leading finding, with
    what the others need beside it (the loan's agreement and the employee's written consent
    both), so that merging never drops what one of them needs."""

    def key(c: Any) -> tuple[str, str]:
        return (c.field, repr(c.target))

    def completed(start: list[Any]) -> ClearOption:
        changes = {key(c): c for c in start}
        for f in findings[1:]:
            if any(all(key(c) in changes for c in o.changes) for o in f.clear_by):
                continue  # one of its ways is already taken (the loan's own agreement)
            if f.clear_by:
                for c in f.clear_by[0].changes:
                    changes.setdefault(key(c), c)
        return ClearOption(changes=list(changes.values()))

    lead = findings[0]
    options = [completed(list(o.changes)) for o in lead.clear_by] or [completed([])]
    return [o for o in options if o.changes]


def _union(findings: Iterable[Finding], attr: str, key) -> list:
    seen: dict[Any, Any] = {}
    for f in findings:
        for item in getattr(f, attr):
            seen.setdefault(key(item), item)
    return list(seen.values())


def _shared_options(findings: list[Finding]) -> list[ClearOption]:
    """The ways of clearing that clear every merged finding."""

    def sig(o: ClearOption) -> tuple:
        return tuple(sorted((c.field, repr(c.target)) for c in o.changes))

    common = set.intersection(*({sig(o) for o in f.clear_by} for f in findings))
    return [o for o in findings[0].clear_by if sig(o) in common]


def rank(issues: list[Finding], order: dict[str, int]) -> list[Finding]:
    """Issues by severity weighed with status (flagged first among equals), numbered."""

    def key(f: Finding) -> tuple:
        lik = LIKELIHOODS.index(f.likelihood) if f.likelihood else -1
        return (
            -weight(f.severity, f.status),
            f.status != "flagged",
            -lik,
            order.get(f.challenge, 99),
            f.rule_id,
        )

    ranked = sorted(issues, key=key)
    return [f.model_copy(update={"rank": i}) for i, f in enumerate(ranked, start=1)]


def verdicts(
    merged: list[tuple[Finding, list[Firing]]],
    assumed: list[Firing],
    withheld: list[Firing],
    engine_status: dict[str, str],
) -> list[RuleVerdict]:
    out = []
    for issue, members in merged:
        for m in members:
            out.append(_verdict(m, engine_status, "issue", issue.rule_id))
    out += [_verdict(m, engine_status, "assumed", None) for m in assumed]
    out += [_verdict(m, engine_status, "not_raised", None) for m in withheld]
    return sorted(out, key=lambda v: v.rule_id)


def _verdict(m: Firing, engine_status: dict[str, str], disposition: str, issue) -> RuleVerdict:
    doc = m.bound.version.doc
    return RuleVerdict(
        rule_id=doc.id,
        challenge=doc.challenge,
        severity=doc.severity,
        status=engine_status[doc.id],
        disposition=disposition,
        issue=issue,
    )


# ---- open questions --------------------------------------------------------------------------


def open_questions(
    rb: RulesBase,
    asking: Asking,
    facts: FactSheet,
    deciding: list[tuple[str, str, list[Cell]]],
    lang: str,
) -> list[OpenQuestion]:
    """One question per unknown fact (per list entry), with what it decides.

    ``deciding``: (rule id, severity, unknown facts) of each issue to verify and each
    finding not yet raised. A fact no question can ask yet is replaced by the facts that
    open its question (whether volunteers take part, the partner's nature...).
    """
    out = []
    for g in _question_groups(asking, deciding).values():
        cell, q = g["cell"], g["q"]
        scope, index, path = cell
        absolute = f"{scope}[].{path}" if scope else path
        label = rb.field_label(absolute, lang)
        entry = facts.labels[scope][index] if scope and index is not None else None
        partners = list(entry_partners(scope, index, facts).values())
        key = (cell, q.id, lang, entry, tuple(g["decides"].items()), g["topic"], *partners)
        known = asking._worded_before.get(key)
        if known is not None:  # the same question worded for the previous assessment
            asking._worded[key] = known
            out.append(known)
            continue
        # Every value below comes typed from the rules base and the fact sheet: built
        # without validating again (861 of these at 50 partners, at every refresh).
        question = constructed(Question, id=q.id, text=q.doc.text.get(lang))
        severities = list(g["decides"].values())
        out.append(
            constructed(
                OpenQuestion,
                field=f"{scope}[{index}].{path}" if scope else path,
                entry=entry,
                question=question,
                label=label,
                decides=list(g["decides"]),
                worst_severity=max(severities, key=SEVERITIES.index),
                weight=sum(SEVERITY_WEIGHT[s] for s in severities),
                partners=partners,
                topic=g["topic"],
            )
        )
        asking._worded[key] = out[-1]
    order = {q.id: q.order for q in rb.questions}
    out.sort(
        key=lambda o: (
            -o.weight,
            -SEVERITIES.index(o.worst_severity),
            order.get(o.question.id, 10_000),
            o.field,
        )
    )
    return out


def count_open_questions(asking: Asking, deciding: list[tuple[str, str, list[Cell]]]) -> int:
    """How many questions :func:`open_questions` asks, without wording them."""
    return len(_question_groups(asking, deciding))


def _question_groups(
    asking: Asking, deciding: list[tuple[str, str, list[Cell]]]
) -> dict[tuple, dict[str, Any]]:
    """The open questions before they are worded: one per (question, list entry), with its
    first fact, the question, what it decides (rule id -> severity) and whether it opens a
    topic."""
    groups: dict[tuple, dict[str, Any]] = {}
    by_cell: dict[Cell, dict[str, Any]] = {}
    for rule_id, severity, cells in deciding:
        for cell in _askable(asking, cells):
            g = by_cell.get(cell)
            if g is None:
                q = _question_for(asking, cell)
                if q is None:
                    continue  # no worded question settles it (lint: every gate has one)
                key = (q.id, cell[0], cell[1])
                g = by_cell[cell] = groups.setdefault(
                    key, {"cell": cell, "q": q, "decides": {}, "topic": asking.is_setup(cell)}
                )
            g["decides"].setdefault(rule_id, severity)
    return groups


def _askable(asking: Asking, cells: list[Cell]) -> list[Cell]:
    """The facts to ask now: each fact, or the facts that open its question."""
    out: dict[Cell, None] = {}
    # The same list for facts that wait on the same gates (each partner's age on the same
    # 500 staff loans): merged once; kept here so that no id is reused.
    merged: dict[int, list[Cell]] = {}
    for cell in cells:
        found = _askable_one(asking, cell)
        if id(found) not in merged:
            merged[id(found)] = found
            out.update(dict.fromkeys(found))
    return list(out)


def _askable_one(asking: Asking, cell: Cell) -> list[Cell]:
    """:func:`_askable` of one fact, once per assessment: the same unknown fact of a list
    entry decides many findings.

    The facts reached depth first (the gates of a closed question in reverse order, each
    fact once), as a walk with a stack of cells to visit lists them, with what that walk
    reads (:attr:`Asking._read`, what :meth:`Asking.carried` checks). Each fact keeps its
    own list and reads, so that a gate shared by every entry of a list (the question of
    each partner's nature opened by one answer about the alliance) is walked once, not
    once per entry: that walk was quadratic in the entries (178,000 closed-question checks
    for a case of 1,500 entries)."""
    found = asking._reached.get(cell)
    if found is not None:
        return found
    return _reach(asking, cell, set())[0]


def _reach(
    asking: Asking, cell: Cell, path: set[Cell]
) -> tuple[list[Cell], bool, AbstractSet[str], AbstractSet[tuple[str, int | None]]]:
    """The facts to ask for ``cell``, whether that list is whole, and the question ids and
    list entries its walk read. A fact already on the current path (a cycle of gates) adds
    nothing, as the walk with a stack skips what it has seen, and a list cut so is not kept
    (from another fact it could differ: a fact kept reaches no cycle, so never a fact on
    the path of a later walk)."""
    found = asking._reached.get(cell)
    if found is not None:
        return (found, True, *asking._read[cell])
    if cell in path:
        return [], False, frozenset(), frozenset()
    ids, entries = asking.reads(cell)
    whole = True
    if not asking.closed(cell):
        out = [cell]
    elif asking.never_asked(cell):
        out = []  # its question does not apply to this entry
    else:
        gates = asking.gate_cells(cell)
        if not gates:
            out = [cell]
        else:
            path.add(cell)
            out, whole, gate_ids, gate_entries = _reach_gates(asking, gates, path)
            path.discard(cell)
            ids |= gate_ids
            entries |= gate_entries
    if whole:
        asking._reached[cell] = out
        asking._read[cell] = (frozenset(ids), frozenset(entries))
    return out, whole, ids, entries


def _reach_gates(
    asking: Asking, gates: list[Cell], path: set[Cell]
) -> tuple[list[Cell], bool, AbstractSet[str], AbstractSet[tuple[str, int | None]]]:
    """:func:`_reach` of each gate in reverse order, merged; the same gates (every
    partner's age waits on the same 500 staff loans) are merged once when whole."""
    key = tuple(gates)
    found = asking._reached_gates.get(key)
    if found is not None:
        return (found[0], True, *found[1:])
    reached: dict[Cell, None] = {}
    ids: set[str] = set()
    entries: set[tuple[str, int | None]] = set()
    whole = True
    for gate in reversed(gates):
        part, complete, part_ids, part_entries = _reach(asking, gate, path)
        reached.update(dict.fromkeys(part))
        ids |= part_ids
        entries |= part_entries
        whole = whole and complete
    out = list(reached)
    if whole:
        asking._reached_gates[key] = (out, frozenset(ids), frozenset(entries))
    return out, whole, ids, entries


class _Changes:
    """What differs between two fact sheets of the same case: root facts, list entries,
    whole lists (an entry added or removed). Values compare with ``==``: what
    :class:`Asking` works out (truths of ``ask_if`` conditions, which facts to ask) is the
    same for equal values (``1`` and ``1.0``), as no value is shown."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]):
        self.roots: set[str] = set()
        self.lists: set[str] = set()
        self.entries: set[tuple[str, int]] = set()
        for key in old.keys() | new.keys():
            a, b = old.get(key, _UNSEEN), new.get(key, _UNSEEN)
            if a is b or (a == b and type(a) is type(b)):
                continue
            if type(a) is list and type(b) is list and len(a) == len(b) and a:
                if type(a[0]) is dict:
                    self.entries.update(
                        (key, i) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y
                    )
                    continue
            self.roots.add(key)
            if type(a) is list or type(b) is list:
                self.lists.add(key)  # entries added or removed
        self.scopes = self.lists | {scope for scope, _ in self.entries}
        self.marks: set[tuple[str, int | None]] = {*self.entries}
        """Changed entries, and ``(list, None)`` for every list that changed (what a
        question asked about no particular entry of it reads)."""
        self.marks.update((scope, None) for scope in self.scopes)

    def questions(self, rb: RulesBase) -> set[str]:
        """The ids of the questions whose ``ask_if`` or gates read a changed root fact or
        a changed list (other than at one entry of their own list: see :attr:`marks`)."""
        if not (self.roots or self.scopes):
            return set()
        out = set()
        for q in rb.questions:
            roots, scopes, base = _question_reads(q)
            if roots & self.roots or scopes & self.scopes or (base and base in self.lists):
                out.add(q.id)
        return out


_READS: dict[int, tuple[RuleQuestion, tuple[frozenset[str], frozenset[str], str]]] = {}


def _question_reads(q: RuleQuestion) -> tuple[frozenset[str], frozenset[str], str]:
    """What a question's ``ask_if`` and gates can read: root facts, whole lists, and (the
    third) the list whose entry it is asked about, read at that entry only."""
    found = _READS.get(id(q))
    if found is not None and found[0] is q:
        return found[1]
    from .derived import BY_KEY

    base = q.list_scope if (q.list_scope and not q.is_list) else ROOT
    roots: set[str] = set()
    scopes: set[str] = set()
    if q.ask_if is not None:
        for scope, atom in walk_atoms(q.ask_if, base):
            if not scope or scope == base:
                roots.add(atom.field)  # an entry's question asked of no entry reads the root
            if scope and scope != base:
                scopes.add(scope)
            if scope and atom.spec.derived:
                scopes.add(scope)
            spec = atom.spec
            if spec.derived:
                for absolute in spec.inputs:
                    list_scope, _, _ = absolute.rpartition("[].")
                    if list_scope:
                        scopes.add(list_scope)
                    else:
                        roots.add(absolute)
                        scopes.add(absolute)  # a whole list (its length)
                if BY_KEY[(spec.scope, spec.path)].join is not None:
                    scopes.add("partners")
    reads = (frozenset(roots), frozenset(scopes), base)
    if len(_READS) > 20_000:
        _READS.clear()
    _READS[id(q)] = (q, reads)
    return reads


def _question_for(asking: Asking, cell: Cell) -> RuleQuestion | None:
    """The question that asks ``cell`` now (else the first that would)."""
    qs = asking.questions(cell)
    for q in qs:
        if asking.asked(q, cell[1]):
            return q
    return qs[0] if qs else None


__all__ = [
    "Asking",
    "SEVERITY_WEIGHT",
    "count_open_questions",
    "merge",
    "not_brought_in",
    "open_questions",
    "rank",
    "verdicts",
    "weight",
]
