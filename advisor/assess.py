"""``assess(case)``: the rules in force, the engine's verdict, explained findings.

The engine (durable_rules) decides which rules fire and with which status; the direct
evaluator then explains each firing: the facts that made it true, or the unknown facts
that would decide it. Findings come in a deterministic order (severity, challenge, id).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from typing import Literal

from . import __version__
from .casefile import case_sha256
from .display import field_path, show_test, show_value
from .engine import FLAGGED
from .evaluate import Hit, explain
from .facts import FactSheet, build_facts
from .findings import (
    Assessment,
    CaseInfo,
    ChallengeStatus,
    Change,
    ClearOption,
    Counts,
    Evidence,
    Finding,
    ParamUsed,
    Question,
    ReferenceOut,
    RulesBaseInfo,
    Unknown,
)
from .model import AllianceCase
from .parameters import format_number
from .period import BoundRule
from .rulemodel import SEVERITIES
from .rulesbase import RulesBase, load_rules_base
from .template import fill

Engine = Literal["durable", "direct"]


@functools.lru_cache(maxsize=8)
def _cached_base(path: str | None) -> RulesBase:
    return load_rules_base(path)


def default_rules() -> RulesBase:
    """The bundled rules base (or ``$ALLIANCE_ADVISOR_RULES``), loaded once."""
    return _cached_base(os.environ.get("ALLIANCE_ADVISOR_RULES"))


def statuses(
    case: AllianceCase,
    *,
    as_of: dt.date,
    rules: RulesBase | None = None,
    engine: Engine = "durable",
) -> dict[str, str]:
    """Only the verdict: ``{rule_id: flagged|to_verify}`` for the rules that fire."""
    rb = rules or default_rules()
    period = rb.period(as_of)
    facts = build_facts(case, as_of)
    if engine == "durable":
        return period.evaluate(facts.values)
    return period.evaluate_direct(facts.values)


def assess(
    case: AllianceCase,
    *,
    as_of: dt.date | None = None,
    lang: str = "en",
    rules: RulesBase | None = None,
    engine: Engine = "durable",
    file: str | None = None,
    clear_by: bool = True,
) -> Assessment:
    """Assess a case against the rules in force on ``as_of`` (today by default).

    ``clear_by=False`` skips computing what would clear each finding (the costliest part
    of explaining findings), for screening many cases or refreshing a live view.
    """
    rb = rules or default_rules()
    day = as_of or dt.date.today()
    period = rb.period(day)
    facts = build_facts(case, day)
    verdict = (
        period.evaluate(facts.values)
        if engine == "durable"
        else period.evaluate_direct(facts.values)
    )
    order = rb.challenge_order()
    findings = [
        _finding(rb, period.by_id[rid], status, facts, lang, clear_by)
        for rid, status in verdict.items()
    ]
    findings.sort(key=lambda f: (-SEVERITIES.index(f.severity), order[f.challenge], f.rule_id))
    from .recommend import recommendations

    return Assessment(
        tool={"name": "alliance-advisor", "version": __version__},
        rules_base=RulesBaseInfo(version=rb.version, sha256=rb.sha256),
        case=CaseInfo(
            name=case.meta.name,
            sha256=case_sha256(case),
            file=file,
            partners=[p.name for p in case.partners],
            adviser=case.meta.adviser,
            client=case.meta.client,
        ),
        as_of=day,
        lang=lang,
        counts=_counts(findings),
        challenges=_challenges(rb, findings, lang),
        findings=findings,
        recommendations=recommendations(rb, case, facts, findings, period, lang),
        notes=[f"rule {v.id} not applied: {why}" for v, why in period.skipped],
    )


def render_text(rb: RulesBase, text: str, params: dict, lang: str) -> str:
    """Fill ``{param:name}`` placeholders with the value in force."""

    def param(name: str) -> str:
        pv = params.get(name)
        if pv is None:
            return "{param:" + name + "}"
        return format_number(pv.value, rb.params[name].unit, lang)

    return fill(text, param=param)


def _finding(
    rb: RulesBase,
    bound: BoundRule,
    status: str,
    facts: FactSheet,
    lang: str,
    with_clear_by: bool = True,
) -> Finding:
    doc = bound.version.doc
    why = explain(bound.condition, facts.values)
    challenge = rb.challenge(doc.challenge)
    evidence = [_evidence(rb, h, facts, lang) for h in why.held] if status == FLAGGED else []
    unknowns = [] if status == FLAGGED else _unknowns(rb, why.unknown, facts, lang)
    params = bound.params
    clear_by = _clear_by(rb, bound, facts, lang) if with_clear_by else []
    return Finding(
        rule_id=doc.id,
        version=doc.effective.label(),
        challenge=doc.challenge,
        challenge_label=challenge.label.get(lang),
        framework=challenge.framework,
        framework_label=rb.base.frameworks[challenge.framework].get(lang),
        severity=doc.severity,
        likelihood=doc.likelihood,
        status=status,
        severity_label=rb.base.severities[doc.severity].get(lang),
        likelihood_label=rb.base.likelihoods[doc.likelihood].get(lang),
        status_label=rb.base.statuses[status].get(lang),
        title=render_text(rb, doc.title.get(lang), params, lang),
        explanation=render_text(rb, doc.explanation.get(lang), params, lang),
        advice=render_text(rb, doc.advice.get(lang), params, lang),
        evidence=_dedupe(evidence),
        unknowns=unknowns,
        references=[
            ReferenceOut(text=r.text, url=r.url, unverified=r.unverified, note=r.note)
            for r in doc.references
        ],
        recommendations=list(doc.recommendations),
        unverified=doc.unverified or any(p.unverified for p in params.values()),
        parameters=[
            ParamUsed(name=n, value=p.value, since=p.start, unverified=p.unverified)
            for n, p in sorted(params.items())
        ],
        clear_by=clear_by,
        source=bound.version.source,
    )


def _clear_by(rb: RulesBase, bound: BoundRule, facts: FactSheet, lang: str) -> list[ClearOption]:
    from dataclasses import replace

    from .clearing import clearing_options
    from .operators import OPERATORS

    out = []
    for option in clearing_options(bound.condition, facts.values):
        changes = []
        for e in sorted(option, key=lambda e: (e.scope, e.index or 0, e.atom.field)):
            atom = e.atom
            flipped = (
                replace(atom, value=not atom.value)
                if atom.spec.kind == "bool"
                else replace(atom, op=OPERATORS[atom.op].negation)
            )
            entry = facts.labels[e.scope][e.index] if e.scope else None
            label = rb.field_label(atom.spec.absolute, lang)
            actual = (facts.values[e.scope][e.index] if e.scope else facts.values).get(atom.field)
            text = f"{label} {show_test(rb, flipped, lang)}"
            if entry:
                text = f"{text} [{entry}]"
            changes.append(
                Change(
                    field=field_path(e.scope, e.index, atom.field),
                    label=label,
                    entry=entry,
                    current=_jsonable(actual),
                    target=_jsonable(e.target),
                    text=text,
                )
            )
        out.append(ClearOption(changes=changes))
    return out


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for e in items:
        k = (e.field, e.test)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def _evidence(rb: RulesBase, hit: Hit, facts: FactSheet, lang: str) -> Evidence:
    spec = hit.atom.spec
    entry = facts.labels[hit.scope][hit.index] if hit.scope else None
    return Evidence(
        field=field_path(hit.scope, hit.index, spec.path),
        label=rb.field_label(spec.absolute, lang),
        entry=entry,
        value=_jsonable(hit.actual),
        shown=show_value(rb, spec, hit.actual, lang),
        test=show_test(rb, hit.atom, lang),
    )


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _unknowns(rb: RulesBase, hits: list[Hit], facts: FactSheet, lang: str) -> list[Unknown]:
    out, seen = [], set()
    for hit in hits:
        spec = hit.atom.spec
        path = field_path(hit.scope, hit.index, spec.path)
        if path in seen:
            continue
        seen.add(path)
        asked = spec.inputs if spec.derived else (spec.absolute,)
        if spec.derived and hit.scope:
            # Of the entry's own inputs, ask only those still unknown.
            entry_values = facts.values[hit.scope][hit.index]
            prefix = f"{hit.scope}[]."
            asked = (
                tuple(
                    a
                    for a in asked
                    if not a.startswith(prefix) or entry_values.get(a[len(prefix) :]) is None
                )
                or asked
            )
        questions = []
        for absolute in asked:
            for q in rb.questions_for(absolute):
                questions.append(Question(id=q.id, text=q.doc.text.get(lang)))
        entry = facts.labels[hit.scope][hit.index] if hit.scope else None
        out.append(
            Unknown(
                field=path,
                label=rb.field_label(spec.absolute, lang),
                entry=entry,
                test=show_test(rb, hit.atom, lang),
                questions=questions,
            )
        )
    return out


def _counts(findings: list[Finding]) -> Counts:
    flagged = {s: 0 for s in reversed(SEVERITIES)}
    to_verify = {s: 0 for s in reversed(SEVERITIES)}
    for f in findings:
        (flagged if f.status == FLAGGED else to_verify)[f.severity] += 1
    return Counts(flagged=flagged, to_verify=to_verify, total=len(findings))


def _challenges(rb: RulesBase, findings: list[Finding], lang: str) -> list[ChallengeStatus]:
    out = []
    for c in rb.challenges:
        mine = [f for f in findings if f.challenge == c.id]
        flagged = [f for f in mine if f.status == FLAGGED]
        state = "flagged" if flagged else ("to_verify" if mine else "clear")
        worst = max((SEVERITIES.index(f.severity) for f in flagged or mine), default=None)
        out.append(
            ChallengeStatus(
                id=c.id,
                framework=c.framework,
                framework_label=rb.base.frameworks[c.framework].get(lang),
                label=c.label.get(lang),
                status=state,
                flagged=len(flagged),
                to_verify=len(mine) - len(flagged),
                worst=SEVERITIES[worst] if worst is not None else None,
            )
        )
    return out


__all__ = ["assess", "default_rules", "statuses"]
