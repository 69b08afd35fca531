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
            for i, rd in enumerate(doc.rules if doc else []):
                rd = _with_file_challenge(col, path, rd, doc.challenge, f"rules[{i}]")
                if rd is None:
                    continue
                version = check_rule(
                    col, path, rd, framework, schema, params, recs, challenges, f"rules[{i}]"
                )
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


def _with_file_challenge(
    col: Collector, path: Path, rd: RuleDoc, implied: str | None, at: str
) -> RuleDoc | None:
    """The rule with its challenge: the file's (``challenge:`` above ``rules:``) or its own.

    A file that names a challenge holds only that challenge's rules: a rule that names
    another is an error (the file, the rule and its line), not a silent choice of one.
    """
    if implied is None:
        if not rd.challenge:
            col.add(
                path,
                rd.id,
                "no challenge: give the file a 'challenge:' above 'rules:' (for all its "
                "rules) or give the rule one",
                at=at,
            )
            return None
        return rd
    if rd.challenge and rd.challenge != implied:
        col.add(
            path,
            rd.id,
            f"challenge '{rd.challenge}' disagrees with the file's challenge '{implied}': "
            "move the rule to a file of its challenge, or remove its 'challenge:'",
            at=f"{at}.challenge",
        )
        return None
    return rd.model_copy(update={"challenge": implied})


def check_rule(
    col: Collector,
    path: Path,
    rd: RuleDoc,
    framework: str,
    schema: Schema,
    params: dict[str, Parameter],
    recs: dict[str, RecommendationDoc],
    challenges: dict[str, ChallengeDoc],
    at: str = "",
) -> RuleVersion | None:
    """One rule checked whole: every problem is collected, the version kept when usable.

    ``at`` is where the rule sits in its file (``rules[3]``): each problem gets its line.
    """

    def add(message: str, key: str = "") -> None:
        col.add(path, rd.id, message, at=f"{at}.{key}" if key else at)

    ok = True
    if rd.challenge not in challenges:
        add(
            f"unknown challenge '{rd.challenge}'"
            f"{did_you_mean(rd.challenge, challenges)}; challenges: "
            f"{', '.join(challenges)}",
            "challenge",
        )
        ok = False
    elif challenges[rd.challenge].framework != framework:
        add(
            f"challenge '{rd.challenge}' belongs to the "
            f"{challenges[rd.challenge].framework} framework, not to folder '{framework}/'",
            "challenge",
        )
    if not rd.id.startswith(rd.challenge + "."):
        add(f"rule ids start with their challenge: '{rd.challenge}.…'", "id")
    eff = rd.effective
    if eff.from_ and eff.to and eff.to < eff.from_:
        add(f"effective 'to' ({eff.to}) is before 'from' ({eff.from_})", "effective")
    for rec in rd.recommendations:
        if rec not in recs:
            add(f"unknown recommendation '{rec}'{did_you_mean(rec, recs)}", "recommendations")
    for problem in check_exposure(rd, schema, params):
        add(problem, "exposure")
    for label, text in (
        ("title", rd.title),
        ("explanation", rd.explanation),
        ("advice", rd.advice),
    ):
        for lang in ("fr", "en"):
            problems = template_check(text.get(lang), allowed=set())
            for problem in problems:
                add(f"{label} ({lang}): {problem}", f"{label}.{lang}")
            if problems:
                continue
            for _, name in placeholders(text.get(lang)):
                if name is not None and name not in params:
                    add(
                        f"{label} ({lang}) names unknown parameter '{name}'"
                        f"{did_you_mean(name, params)}",
                        f"{label}.{lang}",
                    )
    if rd.title_if is not None:
        for lang in ("fr", "en"):
            for problem in template_check(rd.title_if.get(lang), allowed=set()):
                add(f"title_if ({lang}): {problem}", f"title_if.{lang}")
    try:
        condition = parse(rd.when, schema, params, sets=col.sets)
        exceptions = tuple(
            (ex, parse(ex.when, schema, params, where=f"unless {ex.id}", sets=col.sets))
            for ex in rd.unless
        )
        if len({ex.id for ex, _ in exceptions}) != len(exceptions):
            add("unless: two exceptions have the same id", "unless")
        full = with_exceptions(condition, [node for _, node in exceptions])
        compile_check(nnf(full))
    except ConditionError as exc:
        add(str(exc), "when")
        return None
    except CompileError as exc:
        add(f"when: {exc}", "when")
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
