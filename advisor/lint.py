"""``advisor rules lint``: every problem of a rules base, not just the first.

Beyond what loading checks (schema, unknown fields and values, operator types, duplicate
ids, overlapping dates, translations present), lint cross-checks the base as a whole:
a challenge with fewer than 4 rules, a field a rule reads that no question asks, a
question nothing reads, labels missing from the glossary, unused parameters, texts that
look untranslated, conditions too wide for the engine, rule tests that do not pass, and a
content changed without a version bump (``advisor/versionlock.py``).
"""

from __future__ import annotations

from pathlib import Path

from . import compile as dcompile
from .conditions import ParamRef, nnf, walk_atoms
from .errors import RulesError, RulesProblem
from .evaluate import atom_truth
from .period import exposure_params, text_params
from .rulesbase import RulesBase, fields_read, load_rules_base
from .schema import case_schema
from .sources import lint_problems as sources_problems
from .versionlock import problems as version_problems

MIN_RULES_PER_CHALLENGE = 4


def lint(path: str | Path | None = None) -> tuple[RulesBase | None, list[RulesProblem]]:
    """Load the base at ``path`` and return it with every problem found."""
    try:
        rb = load_rules_base(path, strict=False)
    except RulesError as exc:
        return None, exc.problems or [RulesProblem(str(path or "rules"), None, exc.detail)]
    problems = list(rb.problems)
    problems += _coverage_of_challenges(rb)
    problems += _questions_and_fields(rb)
    problems += _glossary(rb)
    problems += _parameters(rb)
    problems += _translations(rb)
    problems += _engine_limits(rb)
    problems += _engine_numbers(rb)
    problems += _presumptions(rb)
    problems += sources_problems(rb)
    # A base that did not load cleanly would fail its tests for the same reasons: the tests
    # are run once the problems above are fixed (the CLI says so).
    problems += _tests(rb) if not rb.problems else []
    problems += version_problems(rb)
    return rb, problems


def _presumptions(rb: RulesBase) -> list[RulesProblem]:
    """A presumption must be confirmable by a question, and may never presume a fact that
    would clear a critical risk: an unknown critical risk stays in front of the reader."""
    schema = case_schema()
    problems = []
    for p in rb.presumptions:
        where = f"presumption {p.id}"
        if not rb.questions_for(p.doc.field):
            problems.append(
                RulesProblem(
                    "presumptions.yaml",
                    None,
                    f"{where}: no interview question asks "
                    f"'{p.doc.field}', so the assumption cannot be confirmed",
                )
            )
        for v in rb.all_versions():
            if v.doc.severity != "critical":
                continue
            for scope, atom in walk_atoms(nnf(v.condition)):
                spec = schema.get(scope, atom.field)
                if spec is None:
                    continue
                same = spec.scope == p.spec.scope and spec.path == p.spec.path
                through = spec.derived and p.doc.field in spec.inputs
                value = tuple(p.doc.value) if isinstance(p.doc.value, list) else p.doc.value
                if through or (
                    same
                    and not isinstance(atom.value, ParamRef)
                    and atom_truth(atom, value) is False
                ):
                    problems.append(
                        RulesProblem(
                            "presumptions.yaml",
                            None,
                            f"{where}: presuming "
                            f"'{p.doc.field}' = {p.doc.value!r} could clear the "
                            f"critical risk {v.id}; a presumption may not",
                        )
                    )
                    break
    return problems


def _coverage_of_challenges(rb: RulesBase) -> list[RulesProblem]:
    counts = {c.id: 0 for c in rb.challenges}
    for versions in rb.rules.values():
        counts[versions[0].doc.challenge] = counts.get(versions[0].doc.challenge, 0) + 1
    return [
        RulesProblem(
            "base.yaml",
            None,
            f"challenge {cid} has {n} rule{'s' if n != 1 else ''}; at least {MIN_RULES_PER_CHALLENGE} are required",
        )
        for cid, n in counts.items()
        if n < MIN_RULES_PER_CHALLENGE
    ]


def _questions_and_fields(rb: RulesBase) -> list[RulesProblem]:
    schema = case_schema()
    asked = {q.doc.field for q in rb.questions}
    problems = []
    read_by_rules: set[str] = set()
    for v in rb.all_versions():
        fields = fields_read(v, schema)
        read_by_rules |= fields
        for f in sorted(fields):
            if f not in asked and not _is_reference_field(f):
                problems.append(
                    RulesProblem(v.source, v.id, f"reads '{f}', which no interview question asks")
                )
    read_by_questions: set[str] = set()
    for node in rb.remedy_conditions.values():
        for scope, atom in walk_atoms(node):
            spec = schema.get(scope, atom.field)
            if spec is not None:
                read_by_rules |= set(spec.inputs) if spec.derived else {spec.absolute}
    for q in rb.questions:
        if q.ask_if is None:
            continue
        base_scope = q.list_scope if not q.is_list else ""
        for scope, atom in walk_atoms(q.ask_if, base_scope or ""):
            spec = schema.get(scope, atom.field)
            if spec is None:
                continue
            gates = set(spec.inputs) if spec.derived else {spec.absolute}
            read_by_questions |= gates
            # An unknown gate becomes a client question (the one that opens this one):
            # it must have worded text, never the field's name.
            for f in sorted(gates - asked):
                if not _is_reference_field(f) and not _is_list_length(f, asked):
                    problems.append(
                        RulesProblem(
                            f"questions/ ({q.section})",
                            None,
                            f"question '{q.id}': ask_if reads '{f}', which no interview "
                            "question asks",
                        )
                    )
    for q in rb.questions:
        if q.is_list or q.spec is None or q.spec.kind == "text" or q.doc.informational:
            continue
        f = q.doc.field
        if f not in read_by_rules and f not in read_by_questions:
            problems.append(
                RulesProblem(
                    f"questions/ ({q.section})",
                    None,
                    f"question '{q.id}' asks '{f}', which no rule reads",
                )
            )
    return problems


def _is_list_length(absolute: str, asked: set[str]) -> bool:
    """A whole list (read for its length) is asked by its list question."""
    return absolute in asked or f"{absolute}[]" in asked


def _is_reference_field(absolute: str) -> bool:
    """Partner references are asked by the list editor (a choice of partner)."""
    from .model import REFERENCE_FIELDS

    return absolute.rsplit(".", 1)[-1] in REFERENCE_FIELDS or absolute == "partners"


def _glossary(rb: RulesBase) -> list[RulesProblem]:
    schema = case_schema()
    problems = []
    wanted = {q.doc.field for q in rb.questions if not q.is_list}
    for v in rb.all_versions():
        for scope, atom in walk_atoms(v.condition):
            spec = schema.get(scope, atom.field)
            if spec is not None:
                wanted.add(spec.absolute)
    # A question's gate is named to the adviser (an unknown fact's label) too.
    for q in rb.questions:
        if q.ask_if is not None:
            base = q.list_scope if not q.is_list else ""
            for scope, atom in walk_atoms(q.ask_if, base or ""):
                spec = schema.get(scope, atom.field)
                if spec is not None:
                    wanted.add(spec.absolute)
    for absolute in sorted(wanted):
        spec = schema.by_absolute(absolute)
        doc = rb.glossary.fields.get(absolute)
        if doc is None:
            problems.append(RulesProblem("glossary.yaml", None, f"no label for field '{absolute}'"))
            continue
        if spec is not None and spec.kind in ("enum", "multi"):
            missing = [x for x in spec.values if x not in doc.values]
            if missing:
                problems.append(
                    RulesProblem(
                        "glossary.yaml",
                        None,
                        f"field '{absolute}': no label for values {', '.join(missing)}",
                    )
                )
    for scope in schema.scopes:
        if scope not in rb.glossary.scopes:
            problems.append(RulesProblem("glossary.yaml", None, f"no label for list '{scope}'"))
    return problems


def _parameters(rb: RulesBase) -> list[RulesProblem]:
    from .conditions import param_refs

    used: set[str] = set()
    for v in rb.all_versions():
        used |= param_refs(v.condition) | text_params(v) | exposure_params(v)
    return [
        RulesProblem("parameters.yaml", None, f"parameter '{name}' is used by no rule")
        for name in sorted(set(rb.params) - used)
    ]


def _engine_numbers(rb: RulesBase) -> list[RulesProblem]:
    """Parameter values, as each rule uses them (times its multiplier), that the engine
    would mishandle (see :func:`advisor.engine.durable_number`)."""
    from .conditions import bind
    from .engine import NumberError, durable_number

    problems = []
    for v in rb.all_versions():
        refs: list = []  # the parameter references of the rule (ParamRef)

        def keep(ref, refs=refs) -> int:
            refs.append(ref)
            return 0

        bind(v.condition, keep)
        for ref in refs:
            param = rb.params.get(ref.name)
            for pv in param.values if param else ():
                try:
                    durable_number(pv.value * ref.times)
                except NumberError as exc:
                    problems.append(
                        RulesProblem(
                            v.source,
                            v.id,
                            f"parameter '{ref.name}' from {pv.start} times {ref.times:g} "
                            f"gives {exc}",
                        )
                    )
    return problems


def _translations(rb: RulesBase) -> list[RulesProblem]:
    problems = []
    for v in rb.all_versions():
        for label, text in (
            ("title", v.doc.title),
            ("explanation", v.doc.explanation),
            ("advice", v.doc.advice),
        ):
            if text.fr.strip() == text.en.strip():
                problems.append(
                    RulesProblem(
                        v.source,
                        v.id,
                        f"{label}: French and English texts are identical (missing translation?)",
                    )
                )
    for q in rb.questions:
        if q.doc.text.fr.strip() == q.doc.text.en.strip():
            problems.append(
                RulesProblem(
                    f"questions/ ({q.section})",
                    None,
                    f"question '{q.id}': French and English texts are "
                    "identical (missing translation?)",
                )
            )
    return problems


def _engine_limits(rb: RulesBase) -> list[RulesProblem]:
    """A rule that expands to many engine alternatives is slow and hard to read."""
    problems = []
    for v in rb.all_versions():
        try:
            n = len(dcompile.alternatives(nnf(v.condition), False))
        except dcompile.CompileError as exc:
            problems.append(RulesProblem(v.source, v.id, f"when: {exc}"))
            continue
        if n > WIDE_RULE:
            problems.append(
                RulesProblem(
                    v.source,
                    v.id,
                    f"condition expands to {n} "
                    f"alternatives (more than {WIDE_RULE}); consider "
                    "splitting it into several rules",
                )
            )
    return problems


WIDE_RULE = 16


def _tests(rb: RulesBase) -> list[RulesProblem]:
    from .ruletests import run_all

    try:
        outcomes = run_all(rb)
    except RulesError as exc:
        return [RulesProblem("tests/", None, exc.detail)]
    problems = []
    for o in outcomes:
        for failure in o.failures:
            problems.append(RulesProblem(o.test.file, None, f"test {o.test.name!r}: {failure}"))
    return problems
