"""YAML rule tests, in the manner of OpenFisca: a sentence, a case, the expected findings.

A test file (``rules/tests/*.yaml``)::

    tests:
      - name: A 40 % counterpart turns mécénat into sponsorship
        as_of: 2025-06-01            # optional (default 2026-06-01)
        case: { ...a case, as in a case file... }    # or case_file: path/to/case.yaml
        flagged: [legal.convention.counterparts-over-tolerance]
        to_verify: []
        absent: [legal.convention.no-written-agreement]

``flagged``, ``to_verify`` and ``absent`` list rule ids that must have that outcome;
``only: true`` also requires that no other rule fires. Every test is run through the
engine (durable_rules) and through the direct evaluator: both must agree.

A correction of a rule's words or weight is tested too, on the version in force on
``as_of``: ``severity: {rule id: level}``; ``says: {rule id: [words]}``, each found in its
French or English title, conditional title, explanation, advice, exception labels or
references; ``never_says: {rule id:
[words]}``, found in none of them; ``cites: {rule id: [source ids]}``;
``sources_verified: [rule ids]``, rules none of whose references is marked unverified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .casefile import case_from_data, load_case
from .defaults import new_list
from .errors import AdvisorError, RulesError
from .model import AllianceCase
from .rulesbase import RulesBase
from .validation import describe
from .yamlio import MAX_RULES_BYTES, load_mapping

DEFAULT_AS_OF = dt.date(2026, 6, 1)


class RuleTestDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    as_of: Optional[dt.date] = None
    case: Optional[dict[str, Any]] = None
    case_file: Optional[str] = None
    flagged: list[str] = Field(default_factory=new_list)
    to_verify: list[str] = Field(default_factory=new_list)
    absent: list[str] = Field(default_factory=new_list)
    only: bool = False
    severity: dict[str, str] = Field(default_factory=dict)
    says: dict[str, list[str]] = Field(default_factory=dict)
    never_says: dict[str, list[str]] = Field(default_factory=dict)
    cites: dict[str, list[str]] = Field(default_factory=dict)
    sources_verified: list[str] = Field(default_factory=new_list)


class RuleTestFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tests: list[RuleTestDoc] = Field(min_length=1)


@dataclass
class RuleTest:
    file: str
    index: int
    doc: RuleTestDoc
    case: AllianceCase

    @property
    def name(self) -> str:
        return self.doc.name

    @property
    def as_of(self) -> dt.date:
        return self.doc.as_of or DEFAULT_AS_OF


@dataclass
class Outcome:
    test: RuleTest
    failures: list[str] = field(default_factory=new_list)
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def test_files(rb: RulesBase, path: str | Path | None = None) -> list[Path]:
    folder = Path(path) if path else rb.path / "tests"
    if folder.is_file():
        return [folder]
    return sorted(folder.rglob("*.yaml")) if folder.is_dir() else []


def load_tests(rb: RulesBase, path: str | Path | None = None) -> list[RuleTest]:
    """Every rule test, checked: unknown rule ids and bad cases are errors."""
    tests: list[RuleTest] = []
    problems: list[str] = []
    for file in test_files(rb, path):
        name = str(file)
        try:
            data = load_mapping(file, max_bytes=MAX_RULES_BYTES)
            doc = RuleTestFile.model_validate(data)
        except AdvisorError as exc:
            problems.append(str(exc))
            continue
        except ValidationError as exc:
            problems.extend(f"{name}: {m}" for m in describe(exc, RuleTestFile))
            continue
        for i, t in enumerate(doc.tests):
            where = f"{name}: test {i + 1} ({t.name!r})"
            named = (*t.severity, *t.says, *t.never_says, *t.cites, *t.sources_verified)
            for rid in (*t.flagged, *t.to_verify, *t.absent, *named):
                if rid not in rb.rules:
                    problems.append(f"{where}: unknown rule id '{rid}'")
            if (t.case is None) == (t.case_file is None):
                problems.append(f"{where}: give exactly one of 'case' or 'case_file'")
                continue
            try:
                if t.case is not None:
                    case = case_from_data(t.case, f"{where}: case")
                else:
                    case = load_case((file.parent / str(t.case_file)).resolve())
            except AdvisorError as exc:
                problems.append(f"{where}: {exc}")
                continue
            tests.append(RuleTest(name, i, t, case))
    if problems:
        raise RulesError("rule tests do not load:\n  " + "\n  ".join(problems))
    return tests


def run_test(rb: RulesBase, test: RuleTest) -> Outcome:
    from .facts import build_facts

    period = rb.period(test.as_of)
    facts = build_facts(test.case, test.as_of)
    got = period.evaluate(facts.values)
    direct = period.evaluate_direct(facts.values)
    out = Outcome(test, statuses=got)
    if got != direct:
        out.failures.append(f"engine and direct evaluation disagree: engine {got}, direct {direct}")
    for rid in test.doc.flagged:
        if got.get(rid) != "flagged":
            out.failures.append(f"expected {rid} flagged, got {got.get(rid, 'absent')}")
    for rid in test.doc.to_verify:
        if got.get(rid) != "to_verify":
            out.failures.append(f"expected {rid} to_verify, got {got.get(rid, 'absent')}")
    for rid in test.doc.absent:
        if rid in got:
            out.failures.append(f"expected {rid} absent, got {got[rid]}")
    out.failures.extend(_wording_failures(rb, test))
    if test.doc.only:
        named = set(test.doc.flagged) | set(test.doc.to_verify)
        extra = sorted(set(got) - named)
        if extra:
            out.failures.append(f"unexpected findings: {', '.join(extra)}")
    return out


def _texts(version: Any) -> str:
    doc = version.doc
    texts = [doc.title, doc.title_if, doc.explanation, doc.advice, *(ex.label for ex in doc.unless)]
    parts = [t.get(lang) for t in texts if t is not None for lang in ("fr", "en")]
    parts += [r.text or "" for r in doc.references]
    parts += [r.text or "" for ex in doc.unless for r in ex.references]
    return "\n".join(parts)


def _wording_failures(rb: RulesBase, test: RuleTest) -> list[str]:
    """Severity, words and sources of the rule versions in force on the test's date."""
    doc = test.doc
    if not (doc.severity or doc.says or doc.never_says or doc.cites or doc.sources_verified):
        return []
    in_force = {v.id: v for v in rb.in_force(test.as_of)}
    failures = []
    named = {*doc.severity, *doc.says, *doc.never_says, *doc.cites, *doc.sources_verified}
    for rid in sorted(named):
        v = in_force.get(rid)
        if v is None:
            failures.append(f"{rid} is not in force on {test.as_of}")
            continue
        want = doc.severity.get(rid)
        if want is not None and v.doc.severity != want:
            failures.append(f"expected {rid} severity {want}, got {v.doc.severity}")
        text = _texts(v)
        for words in doc.says.get(rid, []):
            if words not in text:
                failures.append(f"expected {rid} to say {words!r}")
        for words in doc.never_says.get(rid, []):
            if words in text:
                failures.append(f"expected {rid} never to say {words!r}")
        sources = {r.source for r in v.doc.references}
        sources |= {r.source for ex in v.doc.unless for r in ex.references}
        for sid in doc.cites.get(rid, []):
            if sid not in sources:
                failures.append(f"expected {rid} to cite source {sid!r}")
        if rid in doc.sources_verified:
            doubtful = [r.text for r in v.doc.references if r.unverified]
            if doubtful:
                failures.append(
                    f"expected {rid} to rest on verified sources; unverified: {doubtful}"
                )
    return failures


def run_all(rb: RulesBase, path: str | Path | None = None) -> list[Outcome]:
    return [run_test(rb, t) for t in load_tests(rb, path)]
