"""Explanations kept between two assessments of the same case being edited (the interview).

Explaining a firing in words (:func:`advisor.explanation.explain_firing`) was more than
half of the interview's refresh after an answer, although one answer changes what a few
rules read, not all of them. :class:`ExplanationCache` keeps each explained firing under
a key made of everything the explanation can read:

* the bound rule (its version and parameters in force), its status, the language and
  whether what would clear it was computed;
* the values of the root facts the rule reads — its condition's atoms, a derived atom's
  inputs, its exposure's amount, the conflicts of the remedies its cures carry out — both on the facts as answered and on the facts with
  the presumptions applied (a finding to verify is explained on those);
* every field of every entry of each list the rule reads (its quantifier, a derived
  atom's inputs, its exposure, the gifts and partners of the receipts fine), with the
  entries' labels, and always the partners and their names (who acts, whom it concerns).

That is a superset of what :func:`explain_firing` reads, so an explanation is reused only
when a fresh one would be the same. Values are compared by their ``repr`` (``1``, ``1.0``
and ``True`` are three values). tests/test_explain_cache.py checks, over random answer
changes on every example, that an assessment with the cache equals a fresh one.

It also carries, from one assessment to the next, which interview questions are asked
and which facts the open questions ask (:meth:`advisor.consolidate.Asking.carried`: kept
for the questions whose conditions read no fact that changed) and the open questions
already worded.

The cache is opt-in (``assess(..., explained=cache)``): one per interview session. A
cached :class:`Firing` is never handed out itself: each call gets a copy of its lists;
its :class:`~advisor.findings.Finding` is shared, as findings are never changed in place
(merging and ranking copy them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .conditions import AllOf, AnyOf, Atom, Not, Quant
from .consolidate import Asking
from .engine_memo import VerdictMemo
from .explanation import Firing, explain_firing
from .exposure import RECEIPTS_FINE_SOURCE
from .facts import FactSheet
from .fieldspec import ROOT
from .period import BoundRule
from .rulesbase import RulesBase


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def _frozen(value: Any) -> str:
    """A stand-in for a fact's value that two values share only when they are the same
    value of the same type: its ``repr`` (``1``, ``1.0``, ``True``, ``'1'``, ``-0.0``
    and ``[1]`` all differ; dates, lists and dicts of them too), computed in C for a
    whole list of entries at once."""
    return repr(value)


class _Reads:
    """What explaining one bound rule can read: root fields and whole lists."""

    __slots__ = ("bound", "roots", "scopes")

    def __init__(self, bound: BoundRule, list_scopes: frozenset[str], also: tuple = ()):
        self.bound = bound  # kept alive: the cache is keyed by its id
        roots: dict[str, None] = {}
        scopes: dict[str, None] = {}

        def walk(node: Any) -> None:
            if isinstance(node, Atom):
                spec = node.spec
                if spec.scope == ROOT:
                    roots[spec.path] = None
                else:
                    scopes[spec.scope] = None
                for absolute in spec.inputs:
                    scope, _, path = absolute.rpartition("[].")
                    if scope:
                        scopes[scope] = None
                    elif absolute in list_scopes:
                        scopes[absolute] = None
                    else:
                        roots[absolute] = None
            elif isinstance(node, (AllOf, AnyOf)):
                for item in node.items:
                    walk(item)
            elif isinstance(node, Not):
                walk(node.item)
            elif isinstance(node, Quant):
                scopes[node.scope] = None
                walk(node.where)

        walk(bound.condition)
        for node in also:  # the conflicts that order the ways of clearing it
            walk(node)
        doc = bound.version.doc
        if doc.exposure is not None:
            scope, _, path = doc.exposure.field.rpartition("[].")
            if scope:
                scopes[scope] = None
            else:
                roots[path] = None
        if any(r.source == RECEIPTS_FINE_SOURCE for r in doc.references):
            scopes["money.gifts"] = None
        # Who a finding concerns and who acts: the partners' names, ids and roles.
        scopes["partners"] = None
        self.roots = tuple(roots)
        self.scopes = tuple(s for s in scopes if s in list_scopes)


def _cure_conflicts(rb: RulesBase) -> tuple:
    """The conflict conditions of every recommendation a cure carries out: whether one
    holds orders the ways of clearing a finding (:func:`advisor.explanation.cure_options`),
    whatever the rule reads."""
    recs = {c.doc.recommendation for cures in rb.cures.values() for c in cures}
    return tuple(
        rb.remedy_conditions[f"{rec}:conflicts:{c.id}"]
        for rec in sorted(r for r in recs if r is not None)
        for c in rb.recommendations[rec].conflicts
    )


class ExplanationCache:
    """Explained firings of one rules base, reused while what they read is unchanged."""

    def __init__(self, limit: int = 4_000):
        self.limit = limit
        self.hits = 0
        self.misses = 0
        self._rb: RulesBase | None = None
        self._reads: dict[int, _Reads] = {}
        self._firings: dict[tuple, Firing] = {}
        # Per fact sheet (one assessment): the fingerprints of its lists, by list identity
        # (the presumed facts share the lists no presumption changed).
        self._facts: FactSheet | None = None
        self._lists: dict[int, tuple[list, int]] = {}
        # Each list's content by a number (hashing a 50-entry fingerprint in every key was
        # a third of the cache's cost): never reused, so a number forgotten only misses.
        self._tokens: dict[Any, int] = {}
        self._issued = 0
        self._labels: dict[str, int] = {}
        self._names = 0
        self._asking: Asking | None = None
        self.verdicts = VerdictMemo()
        """The engine's verdicts by ruleset (:mod:`advisor.engine_memo`)."""
        self.sheet: tuple[Any, dt.date, FactSheet] | None = None
        """The case last assessed, its date and its fact sheet (the interview's steps and
        progress read its values)."""

    def asking(self, rb: RulesBase, values: dict[str, Any]) -> Asking:
        """Which questions are asked for ``values``, keeping what the previous assessment
        worked out and the changed answers do not touch (:meth:`Asking.carried`)."""
        previous = self._asking
        if previous is not None and previous.rb is rb:
            self._asking = previous.carried(values)
        else:
            self._asking = Asking(rb, values)
        return self._asking

    def firing(
        self,
        rb: RulesBase,
        bound: BoundRule,
        status: str,
        facts: FactSheet,
        values: dict[str, Any],
        lang: str,
        with_clear_by: bool,
    ) -> Firing:
        """:func:`explain_firing` of the same arguments, from the cache when it holds it."""
        if rb is not self._rb:
            self._rb, self._reads, self._firings = rb, {}, {}
        if len(self._tokens) > 4 * self.limit:
            self._tokens = {}
        if facts is not self._facts:
            self._facts, self._lists = facts, {}
            self._labels = {s: self._token(tuple(ls)) for s, ls in facts.labels.items()}
            self._names = self._token(tuple(sorted(facts.partner_names.items(), key=repr)))
        key = self._key(bound, status, facts, values, lang, with_clear_by)
        found = self._firings.pop(key, None)
        if found is None:
            self.misses += 1
            found = explain_firing(rb, bound, status, facts, values, lang, with_clear_by)
            if len(self._firings) >= self.limit:
                del self._firings[next(iter(self._firings))]  # the least recently used
        else:
            self.hits += 1
        self._firings[key] = found  # last: the most recently used
        return Firing(
            found.bound,
            found.finding,
            list(found.cells),
            [list(a) for a in found.alternatives],
            set(found.cures),
            set(found.entries),
        )

    def _key(
        self,
        bound: BoundRule,
        status: str,
        facts: FactSheet,
        values: dict[str, Any],
        lang: str,
        with_clear_by: bool,
    ) -> tuple:
        reads = self._reads.get(id(bound))
        if reads is None or reads.bound is not bound:
            also = _cure_conflicts(self._rb) if self._rb is not None else ()
            reads = self._reads[id(bound)] = _Reads(bound, frozenset(facts.labels), also)
        sheets = (facts.values,) if values is facts.values else (facts.values, values)
        parts: list[Any] = [id(bound), status, lang, with_clear_by, len(sheets), self._names]
        for sheet in sheets:
            parts.append(_frozen([sheet.get(f, _MISSING) for f in reads.roots]))
            for scope in reads.scopes:
                parts.append(self._list_print(sheet.get(scope)))
        for scope in reads.scopes:
            parts.append(self._labels.get(scope))
        return tuple(parts)

    def _list_print(self, entries: Any) -> int | None:
        if entries is None:
            return None
        known = self._lists.get(id(entries))
        if known is not None and known[0] is entries:
            return known[1]
        token = self._token(_frozen(entries))
        self._lists[id(entries)] = (entries, token)
        return token

    def _token(self, content: Any) -> int:
        token = self._tokens.get(content)
        if token is None:
            self._issued += 1
            token = self._tokens[content] = self._issued
        return token


__all__ = ["ExplanationCache"]
