"""The rule files of the four framework folders, each rule checked into a RuleVersion.

A rule is parsed and type-checked when it is loaded (its condition against the case model,
its texts' placeholders against the parameters, its challenge against base.yaml and the
folder it sits in), never when a case is assessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from .compile import CompileError
from .compile import check as compile_check
from .conditions import AllOf, AnyOf, ConditionError, Node, Not, nnf, parse, walk_atoms
from .errors import did_you_mean
from .exposure import check as check_exposure
from .parameters import Parameter
from .rulemodel import ChallengeDoc, ExceptionDoc, IndexDoc, RecommendationDoc, RuleDoc, RuleFile
from .rulesread import Collector
from .schema import Schema, case_schema
from .template import check as template_check
from .template import placeholders

FRAMEWORKS = ("legal", "social", "fiscal", "financial")


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


def load_rules(
    col: Collector,
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
                version = check_rule(col, path, rd, framework, schema, params, recs, challenges)
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


def check_rule(
    col: Collector,
    path: Path,
    rd: RuleDoc,
    framework: str,
    schema: Schema,
    params: dict[str, Parameter],
    recs: dict[str, RecommendationDoc],
    challenges: dict[str, ChallengeDoc],
) -> RuleVersion | None:
    """One rule checked whole: every problem is collected, the version kept when usable."""
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
