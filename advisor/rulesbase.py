"""Loading the YAML rules base: rules, parameters, recommendations, questions, labels.

Layout of a rules base folder::

    base.yaml                  name, version, changelog, the 12 challenges, labels
    parameters.yaml            dated amounts (franchise, PSS, thresholds...)
    recommendations.yaml       remedies that rules point to
    glossary.yaml              bilingual labels of fields and values
    legal/ social/ fiscal/ financial/
        index.yaml             what the folder is
        *.yaml                 rules (a list under ``rules:``)
    questions/*.yaml           the interview, one section per file
    tests/*.yaml               rule tests (not part of the content hash)

Every file is read with ``safe_load`` semantics and checked against a schema; every
condition is parsed and type-checked against the case model. Problems are collected
(file, rule id, what is wrong) so that ``advisor rules lint`` lists them all; loading for
an assessment fails on the first batch with all of them in the message.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .conditions import Node
from .cures import Cure
from .cures import load as load_cures
from .errors import RulesError, RulesProblem
from .parameters import Parameter, ParamValue
from .period import Period, period_key
from .presumptions import Presumption
from .presumptions import load as load_presumptions
from .rulemodel import BaseDoc, ChallengeDoc, GlossaryFile, RecommendationDoc, SectionDoc
from .rulequestions import Question, load_questions
from .rulescache import ParsedCache
from .rulesread import Collector, content_hash, summary
from .ruletables import (
    load_glossary,
    load_params,
    load_recommendations,
    load_remedy_conditions,
    load_value_sets,
)
from .ruleversions import FRAMEWORKS, RuleVersion, fields_read, load_rules, with_exceptions
from .schema import case_schema
from .sources import SourceDoc, load_sources, resolve_all

if TYPE_CHECKING:
    from .compilecache import CompiledCache

__all__ = [
    "FRAMEWORKS",
    "Question",
    "RuleVersion",
    "RulesBase",
    "content_hash",
    "default_rules_path",
    "fields_read",
    "load_rules_base",
    "with_exceptions",
]


@dataclass
class RulesBase:
    """A loaded rules base."""

    path: Path
    base: BaseDoc
    sha256: str
    rules: dict[str, list[RuleVersion]]
    params: dict[str, Parameter]
    recommendations: dict[str, RecommendationDoc]
    sections: list[SectionDoc]
    questions: list[Question]
    glossary: GlossaryFile
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    """The sources registry (``sources.yaml``), by id."""
    value_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Named value sets (``value-sets.yaml``)."""
    presumptions: list[Presumption] = field(default_factory=list)
    """What the law presumes about unknown facts (``presumptions.yaml``)."""
    cures: dict[str, list[Cure]] = field(default_factory=dict)
    """Actions that change a fact toward a secured state, by fact (``cures.yaml``)."""
    remedy_conditions: dict[str, Node] = field(default_factory=dict)
    """Parsed conditions of recommendations, keyed ``<rec id>:<part>`` (``applies_if``,
    ``conditions:<id>``, ``clauses:<id>``, ``conflicts:<id>``, ``local_if``)."""
    problems: list[RulesProblem] = field(default_factory=list)
    day_keys: dict[dt.date, tuple] = field(default_factory=dict, repr=False)
    """Which versions and parameter values apply on each day asked (see ``period_key``)."""
    _periods: dict[tuple, Period] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    compiled_cache: CompiledCache | None = field(default=None, repr=False, compare=False)
    """Where the rules in force on a day, compiled, are kept between processes; set by
    the command line only, for the base it loads (see :mod:`advisor.compilecache`)."""

    @property
    def version(self) -> str:
        return self.base.version

    @property
    def challenges(self) -> list[ChallengeDoc]:
        return list(self.base.challenges)

    def challenge(self, cid: str) -> ChallengeDoc:
        for c in self.base.challenges:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def challenge_order(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.base.challenges)}

    def in_force(self, day: dt.date) -> list[RuleVersion]:
        """The rule versions in force on ``day``, one per rule id at most."""
        out = []
        for versions in self.rules.values():
            for v in versions:
                if v.doc.effective.covers(day):
                    out.append(v)
                    break
        return out

    def all_versions(self) -> list[RuleVersion]:
        return [v for versions in self.rules.values() for v in versions]

    @functools.cached_property
    def _questions_by_field(self) -> dict[str, list[Question]]:
        index: dict[str, list[Question]] = {}
        for q in self.questions:
            index.setdefault(q.doc.field, []).append(q)
        return index

    def questions_for(self, absolute: str) -> list[Question]:
        return self._questions_by_field.get(absolute, [])

    def param_at(self, name: str, day: dt.date) -> ParamValue | None:
        p = self.params.get(name)
        return p.at(day) if p else None

    def field_label(self, absolute: str, lang: str) -> str:
        doc = self.glossary.fields.get(absolute)
        if doc is not None:
            return doc.label.get(lang)
        return absolute.rsplit(".", 1)[-1].replace("_", " ")

    def value_label(self, absolute: str, value: str, lang: str) -> str:
        doc = self.glossary.fields.get(absolute)
        if doc is not None and value in doc.values:
            return doc.values[value].get(lang)
        return str(value).replace("_", " ")

    def scope_label(self, scope: str, lang: str) -> str:
        doc = self.glossary.scopes.get(scope)
        return doc.label.get(lang) if doc else scope

    def period(self, day: dt.date) -> Period:
        """The compiled rules in force on ``day`` (cached per distinct set of versions)."""
        key = period_key(self, day)
        with self._lock:
            found = self._periods.get(key)
            if found is None:
                found = Period(self, day)
                self._periods[key] = found
        return found


def load_rules_base(
    path: str | os.PathLike[str] | None = None, *, strict: bool = True
) -> RulesBase:
    """Load and check a rules base folder (the bundled one by default).

    Args:
        path: folder of the rules base; ``None`` for the one shipped with the package.
        strict: raise :class:`RulesError` listing every problem (else return them).
    """
    root = Path(path) if path is not None else default_rules_path()
    if not root.is_dir():
        raise RulesError(f"rules base folder '{root}' does not exist or is not a folder")
    cache = ParsedCache.for_root("rules", root)
    col = Collector(root, cache)
    schema = case_schema()
    base = col.read(root / "base.yaml", BaseDoc) if (root / "base.yaml").exists() else None
    if base is None and not (root / "base.yaml").exists():
        col.add("base.yaml", None, "missing: a rules base needs base.yaml")
    col.sets = load_value_sets(col, root, schema)
    params = load_params(col, root)
    recs = load_recommendations(col, root)
    glossary = load_glossary(col, root)
    challenges = {c.id: c for c in base.challenges} if base else {}
    rules = load_rules(col, root, schema, params, recs, challenges)
    remedy_conditions = load_remedy_conditions(col, recs, schema, params, challenges)
    sections, questions = load_questions(col, root, schema, params)
    presumed = load_presumptions(col, root, schema, col.sets)
    cure_table = load_cures(col, root, schema, recs)
    sources = load_sources(col, root)
    resolve_all(
        col,
        {"rules": rules, "recommendations": recs, "params": params, "presumptions": presumed},
        sources,
    )
    cache.save()
    if base is None:
        raise RulesError(summary(col.problems), problems=col.problems)
    rb = RulesBase(
        path=root,
        base=base,
        sha256=content_hash(root, col.seen),
        rules=rules,
        params=params,
        recommendations=recs,
        sections=sections,
        questions=questions,
        glossary=glossary,
        remedy_conditions=remedy_conditions,
        value_sets=col.sets,
        presumptions=presumed,
        cures=cure_table,
        problems=col.problems,
        sources=sources,
    )
    if strict and col.problems:
        raise RulesError(summary(col.problems), problems=col.problems)
    return rb


def default_rules_path() -> Path:
    env = os.environ.get("ALLIANCE_ADVISOR_RULES")
    if env:
        return Path(env)
    import rules

    return Path(rules.__file__).resolve().parent
