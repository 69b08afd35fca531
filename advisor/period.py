"""The rules in force on a date, with their parameters bound, compiled for the engine.

Law changes on dates: a :class:`Period` gathers the rule versions in force on one day and
the parameter values of that day. Periods are cached by the set of versions and values
they use, so every day between two changes of the law shares one compiled network.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import compile as dcompile
from .conditions import Node, ParamRef, bind, nnf, param_refs
from .engine import FLAGGED, TO_VERIFY, Network
from .evaluate import truth
from .parameters import ParamValue
from .template import TemplateError, placeholders

if TYPE_CHECKING:
    from .rulesbase import RulesBase, RuleVersion

_KEYS_LOCK = threading.Lock()


@dataclass(frozen=True)
class BoundRule:
    """A rule version with the values of its parameters on one day bound in."""

    version: RuleVersion
    condition: Node
    """Parameters replaced by numbers, negations pushed to the atoms."""
    params: dict[str, ParamValue]
    exceptions: tuple[tuple[Any, Node], ...] = ()
    """The rule's statutory exceptions (document, bound condition), to say which one a
    case meets."""


def exposure_param(version: RuleVersion) -> str | None:
    """The parameter an exposure's rate names, if any: optional, since a rule stays in
    force on a day the rate has no value (it then gives no estimate)."""
    rate = version.doc.exposure.rate if version.doc.exposure else None
    if isinstance(rate, dict) and isinstance(rate.get("param"), str):
        return rate["param"]
    return None


def exposure_params(version: RuleVersion) -> set[str]:
    """:func:`exposure_param` as a set (empty when the rate is a number), with the
    reduction rates the fine for wrongly issued receipts is computed from when the rule
    cites it (:func:`advisor.exposure.receipts_fine`)."""
    from .exposure import COMPANY_RATE, INDIVIDUAL_RATE, RECEIPTS_FINE_SOURCE

    name = exposure_param(version)
    names = set() if name is None else {name}
    exposure = version.doc.exposure
    if exposure is not None and exposure.less is not None:
        names.add(exposure.less.param)
    if any(r.source == RECEIPTS_FINE_SOURCE for r in version.doc.references):
        names |= {COMPANY_RATE, INDIVIDUAL_RATE}
    return names


def text_params(version: RuleVersion) -> set[str]:
    """Names of the parameters a rule's texts show (``{param:name}``)."""
    names: set[str] = set()
    for text in (version.doc.title, version.doc.explanation, version.doc.advice):
        for lang in ("fr", "en"):
            words = text.get(lang)
            if "{" not in words and "}" not in words:
                continue  # no placeholder (the common case)
            try:
                found = placeholders(words)
            except TemplateError:
                continue  # reported by the loader; lint goes on with the other checks
            names.update(sub for name, sub in found if sub is not None)
    return names


def period_key(rb: RulesBase, day: dt.date) -> tuple:
    """What makes two days equivalent: same versions in force, same parameter values."""
    cache = rb.day_keys
    found = cache.get(day)
    if found is not None:
        return found
    versions = rb.in_force(day)
    names: set[str] = set()
    for v in versions:
        names |= param_refs(v.condition) | text_params(v) | exposure_params(v)
    values = []
    for name in sorted(names):
        pv = rb.param_at(name, day)
        values.append((name, pv.start if pv else None))
    key = (tuple(v.key for v in versions), tuple(values))
    with _KEYS_LOCK:
        cache[day] = key
    return key


class Period:
    """Rules in force on one day, bound and ready to evaluate."""

    def __init__(self, rb: RulesBase, day: dt.date):
        self.day = day
        self._cache = rb.compiled_cache
        self._cache_key = (
            self._cache.key(rb.sha256, period_key(rb, day)) if self._cache is not None else None
        )
        self.rules: list[BoundRule] = []
        self.skipped: list[tuple[RuleVersion, str]] = []
        for version in rb.in_force(day):
            used: dict[str, ParamValue] = {}
            missing = []
            for name in sorted(param_refs(version.condition) | text_params(version)):
                pv = rb.param_at(name, day)
                if pv is None:
                    missing.append(name)
                else:
                    used[name] = pv
            if missing:
                self.skipped.append((version, f"no value of {', '.join(missing)} on {day}"))
                continue
            for rate in sorted(exposure_params(version)):
                if (pv := rb.param_at(rate, day)) is not None:
                    used[rate] = pv

            def resolve(ref: ParamRef, used=used) -> Any:
                value = used[ref.name].value * ref.times
                return int(value) if float(value).is_integer() else value

            cond = nnf(bind(version.condition, resolve))
            exceptions = tuple((doc, nnf(bind(node, resolve))) for doc, node in version.exceptions)
            self.rules.append(BoundRule(version, cond, used, exceptions))
        self.by_id = {r.version.id: r for r in self.rules}
        self._lock = threading.Lock()
        self._compiled: tuple[Network, dcompile.Used] | None = None

    def definitions(self) -> list[tuple[str, dict]]:
        """The durable rules (two forms per rule, each alternative) in a stable order."""
        defs = []
        for r in self.rules:
            defs.extend(dcompile.rule_definitions(r.version.id, r.condition))
        return defs

    def _compile(self) -> tuple[Network, dcompile.Used]:
        """The durable network and the fields it reads (built on first use)."""
        with self._lock:
            if self._compiled is None:
                self._compiled = self._from_cache() or self._build()
            return self._compiled

    def _build(self) -> tuple[Network, dcompile.Used]:
        definitions = self.definitions()
        network = Network(dcompile.partition(definitions), dcompile.fact_types())
        used = dcompile.Used(definitions)
        if self._cache is not None and self._cache_key is not None:
            from .compilecache import Compiled

            records = tuple(rs.record() for rs in network.rulesets)
            self._cache.put(self._cache_key, Compiled(records, used.names, used.types))
        return network, used

    def _from_cache(self) -> tuple[Network, dcompile.Used] | None:
        """The compiled rules kept for this day's key (see :mod:`advisor.compilecache`)."""
        if self._cache is None or self._cache_key is None:
            return None
        found = self._cache.get(self._cache_key)
        if found is None:
            return None
        network = Network.from_records(found.rulesets)
        return network, dcompile.Used.from_reads(set(found.names), set(found.types))

    @property
    def network(self) -> Network:
        return self._compile()[0]

    def evaluate(self, values: dict[str, Any]) -> dict[str, str]:
        """Statuses from the engine (durable_rules)."""
        network, used = self._compile()
        return network.evaluate(dcompile.encode(values, used))

    def evaluate_direct(self, values: dict[str, Any]) -> dict[str, str]:
        """Statuses from the direct Python evaluator (the reference and the speed floor)."""
        out = {}
        for r in self.rules:
            t = truth(r.condition, values)
            if t is True:
                out[r.version.id] = FLAGGED
            elif t is None:
                out[r.version.id] = TO_VERIFY
        return out
