"""The engine's verdicts kept between two assessments of a case being edited (the interview).

After one answer, durable_rules evaluated every ruleset of the rules base again, although
the answer changes what a few of them read: that was the largest part of the interview's
refresh (~40 % at 50 partners). :class:`VerdictMemo` keeps, for each durable ruleset of a
period, the names of the rules that fired, under a key made of exactly what that ruleset
can read:

* for each fact type its rules read, every fact of that type (in order), each reduced to
  the properties its rules name (collected from the compiled JSON rules, as
  :class:`advisor.compile.Used` does for the whole network);
* values compared by their ``repr`` (``1``, ``1.0`` and ``'1'`` are three values); the
  key kept is the SHA-256 of that text (as :mod:`advisor.engine` keys compiled rulesets).

A durable condition reads only the properties it names (``_t``, the fact's type, is in
every key through the type; ``id`` and ``sid`` are named by no rule), so the names that
fire are a function of that key. On a miss the ruleset is given those reduced facts (less
JSON for durable to parse). The second evaluation of an assessment (the facts with the
presumptions applied) reuses the first one's verdicts for every ruleset no presumed fact
reaches.

Anything unusual takes the plain path (:meth:`advisor.engine.Network.evaluate`), so that
the errors are the same: a fact over durable's property limit, a number ``json.dumps``
would not write as durable reads it.

tests/test_explain_cache.py checks, over random edit sequences, that verdicts and whole
assessments with the memo equal fresh ones.
"""

from __future__ import annotations

import hashlib
import operator
import threading
from collections.abc import Callable
from typing import Any

from . import compile as dcompile
from .engine import (
    _LOCK,
    _SIDS,
    MAX_PROPERTIES,
    DurableRuleset,
    EngineError,
    _dre,
    _plain,
    ruleset,
    statuses_of,
)

_MISSING = object()


def _reads(definitions: list[tuple[str, dict]]) -> dict[str, list[str]]:
    """The properties each fact type's conditions name, in the rules of one ruleset."""
    out: dict[str, set[str]] = {}
    for _, body in definitions:
        for entry in body["all"]:
            (cond,) = entry.values()
            names: set[str] = set()
            types: set[str] = set()
            dcompile._collect(cond, names, types)
            (t,) = types  # an entry condition reads one fact type
            out.setdefault(t, set()).update(names)
    return {t: sorted(names) for t, names in out.items()}


class _Part:
    """One durable ruleset with what it reads, and its verdicts by key."""

    __slots__ = ("rs", "types", "fields", "getters", "verdicts")

    def __init__(self, rs: DurableRuleset, reads: dict[str, list[str]]):
        self.rs = rs
        # The case fact last, as Network.evaluate sends it (the compiler requires it).
        self.types = [t for t in rs.types if t != dcompile.CASE] + [dcompile.CASE]
        self.fields = {t: reads.get(t, []) for t in self.types}
        self.getters: dict[str, Callable[[dict], Any]] = {}
        for t, fields in self.fields.items():
            if len(fields) == 1:
                self.getters[t] = _one(fields[0])
            elif fields:
                self.getters[t] = operator.itemgetter(*fields)
            else:
                self.getters[t] = _nothing
        self.verdicts: dict[bytes, frozenset[str]] = {}


def _one(field: str) -> Callable[[dict], Any]:
    def get(fact: dict) -> Any:
        return (fact[field],)

    return get


def _nothing(fact: dict) -> tuple:
    return ()


class _Network:
    """The parts of one period's network."""

    def __init__(self, period: Any):
        definitions = period.definitions()
        types = dcompile.fact_types()
        self.period = period  # kept alive: the memo is keyed by its id
        self.parts = []
        for group in dcompile.partition(definitions):
            # The same content as the period's network, so the same compiled ruleset.
            self.parts.append(_Part(ruleset(group, types), _reads(group)))


class VerdictMemo:
    """Verdicts of the engine for one case being edited, by ruleset and what it reads."""

    def __init__(self, limit: int = 64):
        self.limit = limit
        """Keys kept per ruleset (the oldest forgotten first)."""
        self.hits = 0
        self.misses = 0
        self._networks: dict[int, _Network] = {}
        self._lock = threading.Lock()

    def evaluate(self, period: Any, values: dict[str, Any]) -> dict[str, str]:
        """:meth:`advisor.period.Period.evaluate` of ``values``, the same statuses."""
        network, used = period._compile()
        facts = dcompile.encode(values, used)
        for f in facts:
            if len(f) > MAX_PROPERTIES or not all(map(_plain, f.values())):
                return network.evaluate(facts)  # raises as a fresh evaluation does
        with self._lock:
            net = self._networks.get(id(period))
            if net is None or net.period is not period:
                if len(self._networks) > 8:
                    self._networks = {}
                net = self._networks[id(period)] = _Network(period)
        by_type: dict[str, list[dict]] = {}
        for f in facts:
            by_type.setdefault(f["_t"], []).append(f)
        fired: set[str] = set()
        for part in net.parts:
            projected = []
            try:
                for t in part.types:
                    get = part.getters[t]
                    projected.append([get(f) for f in by_type.get(t, ())])
            except KeyError:  # pragma: no cover - every name read is encoded (compile.Used)
                return network.evaluate(facts)
            # Its SHA-256, as for the compiled rulesets (advisor.engine): the text itself
            # is ~20 kB per ruleset at 50 partners, and each ruleset keeps many.
            key = hashlib.sha256(repr(projected).encode("utf-8")).digest()
            found = part.verdicts.pop(key, None)
            if found is None:
                self.misses += 1
                found = self._fire(part, by_type)
                if len(part.verdicts) >= self.limit:
                    del part.verdicts[next(iter(part.verdicts))]
            else:
                self.hits += 1
            part.verdicts[key] = found  # last: the most recently used
            fired |= found
        return statuses_of(fired)

    def _fire(self, part: _Part, by_type: dict[str, list[dict]]) -> frozenset[str]:
        """The names that fire in one ruleset, given its facts reduced to what it reads."""
        import json

        sid = str(next(_SIDS))
        texts = []
        for t in part.types:
            fields = part.fields[t]
            for f in by_type.get(t, ()):
                reduced = {"_t": f["_t"], "id": f["id"]}
                for name in fields:
                    reduced[name] = f[name]
                reduced["sid"] = sid
                texts.append(json.dumps(reduced, ensure_ascii=False, separators=(",", ":")))
        fired: set[str] = set()
        with _LOCK:
            try:
                try:
                    part.rs.fire("[" + ",".join(texts) + "]", sid, fired)
                finally:
                    part.rs.drop(sid)
            except _dre.error as exc:
                raise EngineError(f"durable_rules failed on this case: {exc}") from exc
        return frozenset(fired)


__all__ = ["VerdictMemo"]
