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
import hashlib
import os
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .compile import CompileError
from .compile import check as compile_check
from .conditions import AllOf, AnyOf, ConditionError, Node, Not, nnf, parse, walk_atoms
from .cures import Cure
from .cures import load as load_cures
from .errors import AdvisorError, RulesError, RulesProblem, did_you_mean
from .exposure import check as check_exposure
from .parameters import Parameter, ParamValue
from .period import Period, period_key
from .presumptions import Presumption
from .presumptions import load as load_presumptions
from .rulemodel import (
    BaseDoc,
    ChallengeDoc,
    ExceptionDoc,
    GlossaryFile,
    IndexDoc,
    ParametersFile,
    QuestionDoc,
    QuestionsFile,
    RecommendationDoc,
    RecommendationsFile,
    RuleDoc,
    RuleFile,
    SectionDoc,
    ValueSetsFile,
)
from .schema import ROOT, FieldSpec, Schema, case_schema
from .sources import SourceDoc, load_sources, resolve_all
from .template import check as template_check
from .template import placeholders
from .validation import problems as validation_problems
from .yamlio import MAX_RULES_BYTES, line_of, load_mapping_marked

FRAMEWORKS = ("legal", "social", "fiscal", "financial")
#: The case facts a clause of a contract checklist may show.
CLAUSE_FIELDS = {"partners", "duration", "results", "contributions", "people"}


@dataclass(frozen=True)
class RuleVersion:
    """One rule as in force between two dates."""

    doc: RuleDoc
    condition: Node
    """The rule's condition, its statutory exceptions included (``when`` and no exception)."""
    source: str
    index: int
    exceptions: tuple[tuple[ExceptionDoc, Node], ...] = ()
    """Each statutory exception (``unless``) with its parsed condition."""

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def key(self) -> str:
        """Identifies this version: the id and the start of its effective range."""
        start = self.doc.effective.from_
        return f"{self.doc.id}@{start.isoformat() if start else 'origin'}"


@dataclass(frozen=True)
class Question:
    doc: QuestionDoc
    section: str
    spec: FieldSpec | None
    """The field asked; ``None`` for a list question (the list editor)."""
    list_scope: str | None
    """For a list question: the list edited. For an entry question: the list it belongs to."""
    ask_if: Node | None
    order: int

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def is_list(self) -> bool:
        return self.spec is None


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


# ---- loading -----------------------------------------------------------------------


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[RulesProblem] = []
        self.sets: dict[str, tuple[str, ...]] = {}
        """Named value sets, read first: every condition may use them."""

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def add(self, path: Path | str, rule: str | None, message: str) -> None:
        name = self.rel(path) if isinstance(path, Path) else path
        self.problems.append(RulesProblem(name, rule, message))

    def read(self, path: Path, model: type[BaseModel]) -> Any:
        try:
            data, marks = load_mapping_marked(path, max_bytes=MAX_RULES_BYTES)
        except AdvisorError as exc:
            self.add(path, None, exc.detail)
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for problem in validation_problems(exc, model):
                message = str(problem)
                line = line_of(marks, problem.path)
                where = f"line {line}: " if line else ""
                self.add(path, _rule_hint(data, message), where + message.replace("field '", "'"))
            return None


def _rule_hint(data: Any, message: str) -> str | None:
    """The id of the rule an error is about, when the path starts with rules[i]."""
    m = re.match(r"field 'rules\[(\d+)\]", message)
    if m and isinstance(data, dict) and isinstance(data.get("rules"), list):
        i = int(m.group(1))
        if i < len(data["rules"]) and isinstance(data["rules"][i], dict):
            rid = data["rules"][i].get("id")
            return str(rid) if rid is not None else None
    return None


def content_hash(root: Path) -> str:
    """SHA-256 over every YAML file of the base except tests, by relative path."""
    digest = hashlib.sha256()
    for path in sorted(_yaml_files(root), key=lambda p: p.relative_to(root).as_posix()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("tests/"):
            continue
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _yaml_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.yaml") if p.is_file()]


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
    col = _Collector(root)
    schema = case_schema()
    base = col.read(root / "base.yaml", BaseDoc) if (root / "base.yaml").exists() else None
    if base is None and not (root / "base.yaml").exists():
        col.add("base.yaml", None, "missing: a rules base needs base.yaml")
    col.sets = _load_value_sets(col, root, schema)
    params = _load_params(col, root)
    recs = _load_recommendations(col, root)
    glossary = _load_glossary(col, root)
    challenges = {c.id: c for c in base.challenges} if base else {}
    rules = _load_rules(col, root, schema, params, recs, challenges)
    remedy_conditions = _remedy_conditions(col, recs, schema, params, challenges)
    sections, questions = _load_questions(col, root, schema, params)
    presumed = load_presumptions(col, root, schema, col.sets)
    cure_table = load_cures(col, root, schema)
    sources = load_sources(col, root)
    resolve_all(
        col,
        {"rules": rules, "recommendations": recs, "params": params, "presumptions": presumed},
        sources,
    )
    if base is None:
        raise RulesError(_summary(col.problems), problems=col.problems)
    rb = RulesBase(
        path=root,
        base=base,
        sha256=content_hash(root),
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
        raise RulesError(_summary(col.problems), problems=col.problems)
    return rb


def _summary(problems: list[RulesProblem]) -> str:
    lines = [str(p) for p in problems[:20]]
    more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
    return f"the rules base has {len(problems)} problem(s):\n  " + "\n  ".join(lines) + more


def default_rules_path() -> Path:
    env = os.environ.get("ALLIANCE_ADVISOR_RULES")
    if env:
        return Path(env)
    import rules

    return Path(rules.__file__).resolve().parent


def _load_params(col: _Collector, root: Path) -> dict[str, Parameter]:
    path = root / "parameters.yaml"
    out: dict[str, Parameter] = {}
    if not path.exists():
        return out
    doc = col.read(path, ParametersFile)
    if doc is None:
        return out
    for name, p in doc.parameters.items():
        starts = [v.from_ for v in p.values]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            col.add(
                path,
                None,
                f"parameter '{name}': values must be in increasing date order with distinct dates",
            )
        values = tuple(
            ParamValue(v.from_, v.value, v.unverified, v.note, v.source)
            for v in sorted(p.values, key=lambda v: v.from_)
        )
        out[name] = Parameter(
            name,
            p.unit,
            {"fr": p.description.fr, "en": p.description.en},
            p.reference,
            p.url,
            values,
            col.rel(path),
            tuple(p.basis),
        )
    return out


def _load_recommendations(col: _Collector, root: Path) -> dict[str, RecommendationDoc]:
    path = root / "recommendations.yaml"
    if not path.exists():
        col.add("recommendations.yaml", None, "missing: recommendations are required")
        return {}
    doc = col.read(path, RecommendationsFile)
    out: dict[str, RecommendationDoc] = {}
    for rec in doc.recommendations if doc else []:
        if rec.id in out:
            col.add(path, None, f"recommendation id '{rec.id}' is used twice")
        out[rec.id] = rec
    return out


def _remedy_conditions(
    col, recs: dict[str, RecommendationDoc], schema: Schema, params, challenges
) -> dict[str, Node]:
    out: dict[str, Node] = {}
    path = "recommendations.yaml"
    for rec in recs.values():
        parts: list[tuple[str, Any]] = [
            ("applies_if", rec.applies_if),
            ("unless", rec.unless),
            ("local_if", rec.local_if),
        ]
        parts += [(f"conditions:{c.id}", c.when) for c in rec.conditions]
        parts += [(f"clauses:{c.id}", c.include_if) for c in rec.clauses]
        parts += [(f"conflicts:{c.id}", c.when) for c in rec.conflicts]
        for key, data in parts:
            if data is None:
                continue
            try:
                out[f"{rec.id}:{key}"] = parse(
                    data, schema, params, where=f"recommendation {rec.id}: {key}", sets=col.sets
                )
            except ConditionError as exc:
                col.add(path, None, str(exc))
        for clause in rec.clauses:
            for lang in ("fr", "en"):
                for problem in template_check(clause.content.get(lang), allowed=CLAUSE_FIELDS):
                    col.add(
                        path,
                        None,
                        f"recommendation {rec.id}: clause {clause.id} ({lang}): {problem}",
                    )
        for cid in (a for c in rec.clauses for a in c.answers):
            if challenges and cid not in challenges and cid.rsplit(".", 1)[0] not in challenges:
                col.add(
                    path,
                    None,
                    f"recommendation {rec.id}: a clause answers '{cid}', "
                    "neither a challenge nor a rule id of one"
                    f"{did_you_mean(cid, challenges)}",
                )
        for cid in rec.secures:
            if challenges and cid not in challenges and cid.rsplit(".", 1)[0] not in challenges:
                col.add(
                    path,
                    None,
                    f"recommendation {rec.id}: 'secures' names '{cid}', "
                    "neither a challenge nor a rule id of one"
                    f"{did_you_mean(cid, challenges)}",
                )
    return out


def _load_value_sets(col: _Collector, root: Path, schema: Schema) -> dict[str, tuple[str, ...]]:
    path = root / "value-sets.yaml"
    if not path.exists():
        return {}
    doc = col.read(path, ValueSetsFile)
    out: dict[str, tuple[str, ...]] = {}
    for name, vs in (doc.value_sets if doc else {}).items():
        spec = schema.by_absolute(vs.field)
        if spec is None or spec.kind not in ("enum", "multi"):
            col.add(
                path, None, f"value set '{name}': '{vs.field}' is not a field with a vocabulary"
            )
            continue
        bad = [v for v in vs.values if v not in spec.values]
        if bad:
            col.add(
                path,
                None,
                f"value set '{name}': {', '.join(bad)} not values of '{vs.field}'; allowed: "
                f"{', '.join(spec.values)}",
            )
            continue
        out[name] = tuple(vs.values)
    return out


def _load_glossary(col: _Collector, root: Path) -> GlossaryFile:
    path = root / "glossary.yaml"
    if not path.exists():
        return GlossaryFile(fields={})
    return col.read(path, GlossaryFile) or GlossaryFile(fields={})


def _load_rules(
    col: _Collector,
    root: Path,
    schema: Schema,
    params: dict[str, Parameter],
    recs: dict[str, RecommendationDoc],
    challenges: dict[str, ChallengeDoc],
) -> dict[str, list[RuleVersion]]:
    rules: dict[str, list[RuleVersion]] = {}
    for framework in FRAMEWORKS:
        folder = root / framework
        if not folder.is_dir():
            col.add(f"{framework}/", None, "missing framework folder")
            continue
        if (folder / "index.yaml").exists():
            col.read(folder / "index.yaml", IndexDoc)
        else:
            col.add(
                f"{framework}/index.yaml",
                None,
                "missing: each framework folder needs an index.yaml saying what it holds",
            )
        for path in sorted(folder.rglob("*.yaml")):
            if path.name == "index.yaml":
                continue
            doc = col.read(path, RuleFile)
            for rd in doc.rules if doc else []:
                version = _check_rule(col, path, rd, framework, schema, params, recs, challenges)
                if version is not None:
                    rules.setdefault(rd.id, []).append(version)
    for rid, versions in rules.items():
        versions.sort(key=lambda v: v.doc.effective.from_ or dt.date.min)
        for a, b in zip(versions, versions[1:], strict=False):
            a_end = a.doc.effective.to or dt.date.max
            b_start = b.doc.effective.from_ or dt.date.min
            if b_start <= a_end:
                col.add(
                    b.source,
                    rid,
                    "effective dates overlap with another version "
                    f"({a.source}: {a.doc.effective.label()}; {b.source}: "
                    f"{b.doc.effective.label()}); without end dates the id is used twice",
                )
        rules[rid] = [replace(v, index=i) for i, v in enumerate(versions)]
    return rules


def _check_rule(col, path, rd: RuleDoc, framework, schema, params, recs, challenges):
    ok = True
    if rd.challenge not in challenges:
        col.add(
            path,
            rd.id,
            f"unknown challenge '{rd.challenge}'"
            f"{did_you_mean(rd.challenge, challenges)}; challenges: "
            f"{', '.join(challenges)}",
        )
        ok = False
    elif challenges[rd.challenge].framework != framework:
        col.add(
            path,
            rd.id,
            f"challenge '{rd.challenge}' belongs to the "
            f"{challenges[rd.challenge].framework} framework, not to folder '{framework}/'",
        )
    if not rd.id.startswith(rd.challenge + "."):
        col.add(path, rd.id, f"rule ids start with their challenge: '{rd.challenge}.…'")
    eff = rd.effective
    if eff.from_ and eff.to and eff.to < eff.from_:
        col.add(path, rd.id, f"effective 'to' ({eff.to}) is before 'from' ({eff.from_})")
    for rec in rd.recommendations:
        if rec not in recs:
            col.add(path, rd.id, f"unknown recommendation '{rec}'{did_you_mean(rec, recs)}")
    for problem in check_exposure(rd, schema, params):
        col.add(path, rd.id, problem)
    for label, text in (
        ("title", rd.title),
        ("explanation", rd.explanation),
        ("advice", rd.advice),
    ):
        for lang in ("fr", "en"):
            problems = template_check(text.get(lang), allowed=set())
            for problem in problems:
                col.add(path, rd.id, f"{label} ({lang}): {problem}")
            if problems:
                continue
            for _, name in placeholders(text.get(lang)):
                if name is not None and name not in params:
                    col.add(
                        path,
                        rd.id,
                        f"{label} ({lang}) names unknown parameter '{name}'"
                        f"{did_you_mean(name, params)}",
                    )
    if rd.title_if is not None:
        for lang in ("fr", "en"):
            for problem in template_check(rd.title_if.get(lang), allowed=set()):
                col.add(path, rd.id, f"title_if ({lang}): {problem}")
    try:
        condition = parse(rd.when, schema, params, sets=col.sets)
        exceptions = tuple(
            (ex, parse(ex.when, schema, params, where=f"unless {ex.id}", sets=col.sets))
            for ex in rd.unless
        )
        if len({ex.id for ex, _ in exceptions}) != len(exceptions):
            col.add(path, rd.id, "unless: two exceptions have the same id")
        full = with_exceptions(condition, [node for _, node in exceptions])
        compile_check(nnf(full))
    except ConditionError as exc:
        col.add(path, rd.id, str(exc))
        return None
    except CompileError as exc:
        col.add(path, rd.id, f"when: {exc}")
        return None
    return RuleVersion(rd, full, col.rel(path), 0, exceptions) if ok else None


def with_exceptions(condition: Node, exceptions: list[Node]) -> Node:
    """``condition`` and none of the ``exceptions``: a rule does not apply where the case
    meets a statutory exception of its basis (an exception that may hold leaves the rule
    to verify, as any unknown does)."""
    if not exceptions:
        return condition
    met = exceptions[0] if len(exceptions) == 1 else AnyOf(tuple(exceptions))
    return AllOf((condition, Not(met)))


def _load_questions(col, root: Path, schema: Schema, params):
    folder = root / "questions"
    sections: list[SectionDoc] = []
    questions: list[Question] = []
    seen: set[str] = set()
    if not folder.is_dir():
        col.add("questions/", None, "missing: the interview questions folder")
        return sections, questions
    order = 0
    for path in sorted(folder.glob("*.yaml")):
        doc = col.read(path, QuestionsFile)
        if doc is None:
            continue
        sections.append(doc.section)
        for q in doc.questions:
            if q.id in seen:
                col.add(path, None, f"question id '{q.id}' is used twice")
            seen.add(q.id)
            question = _check_question(col, path, q, doc.section.id, schema, params, order)
            if question is not None:
                questions.append(question)
                order += 1
    return sections, questions


def _check_question(col, path, q: QuestionDoc, section, schema: Schema, params, order):
    """A list question edits a list (its ``ask_if`` reads the case); an entry question asks
    one field of each entry (its ``ask_if`` reads the entry)."""
    scope: str | None
    if q.field in schema.scopes:
        spec, scope, cond_scope = None, q.field, ROOT
    else:
        spec = schema.by_absolute(q.field)
        if spec is None or spec.derived:
            known = [f.absolute for f in schema.fields.values() if not f.derived]
            col.add(
                path,
                None,
                f"question '{q.id}': unknown field '{q.field}'"
                f"{did_you_mean(q.field, known + list(schema.scopes))}",
            )
            return None
        scope, cond_scope = (spec.scope or None), spec.scope
    ask_if = None
    if q.ask_if is not None:
        try:
            ask_if = parse(
                q.ask_if,
                schema,
                params,
                scope=cond_scope,
                where=f"question {q.id}: ask_if",
                sets=col.sets,
            )
        except ConditionError as exc:
            col.add(path, None, str(exc))
    return Question(q, section, spec, scope, ask_if, order)


def fields_read(version: RuleVersion, schema: Schema | None = None) -> set[str]:
    """Absolute paths of the answered fields a rule reads (derived inputs expanded)."""
    schema = schema or case_schema()
    out: set[str] = set()
    for scope, atom in walk_atoms(version.condition):
        spec = schema.get(scope, atom.field)
        if spec is None:
            continue
        if spec.derived:
            out.update(spec.inputs)
        else:
            out.add(spec.absolute)
    return out
