"""``assess(case)``: the rules in force, the engine's verdict, the consolidated view.

1. The engine (durable_rules) decides which rules fire, on the answers as given and, when
   presumptions apply, on the answers with the presumed facts (:mod:`advisor.presumptions`).
2. Each firing is explained (:mod:`advisor.explanation`): evidence, unknown facts, cures.
3. The consolidated view (:mod:`advisor.consolidate`): a finding to verify that only
   presumed facts clear is covered by an assumption; one that a fact about the set-up
   decides is not raised until the open questions bring it in; the rest are merged into
   issues, ranked, and the unknown facts that decide them become ranked open questions.
Everything comes in a deterministic order.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import __version__
from . import presumptions as presumed
from .casefile import case_sha256
from .consolidate import (
    Asking,
    count_open_questions,
    merge,
    not_brought_in,
    open_questions,
    rank,
    verdicts,
)
from .display import field_path, show_value
from .engine import FLAGGED
from .explain_cache import ExplanationCache
from .explanation import Firing, explain_firing, render_text, sketch_firing
from .facts import FactSheet, build_facts
from .findings import (
    Assessment,
    Assumption,
    CaseInfo,
    ChallengeStatus,
    Counts,
    Finding,
    Question,
    ReferenceOut,
    RulesBaseInfo,
    RuleVerdict,
)
from .model import AllianceCase
from .model.checks import oddities
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
    """Only the engine's verdict: ``{rule_id: flagged|to_verify}`` for the rules that fire,
    on the answers as given (no presumption, no consolidation)."""
    rb = rules or default_rules()
    period = rb.period(as_of)
    facts = build_facts(case, as_of)
    if engine == "durable":
        return period.evaluate(facts.values)
    return period.evaluate_direct(facts.values)


@dataclass
class _Consolidated:
    """The consolidated view before it is worded (shared by :func:`assess` and
    :func:`screen`)."""

    period: Any
    facts: FactSheet
    verdict: dict[str, str]
    applied: list[presumed.Applied]
    asking: Asking
    assumed: list[Firing]
    withheld: list[Firing]
    merged: list[tuple[Finding, list[Firing]]]
    findings: list[Finding]
    deciding: list[tuple[str, str, list]]


def _consolidate(
    case: AllianceCase,
    rb: RulesBase,
    day: dt.date,
    lang: str,
    engine: Engine,
    clear_by: bool,
    explain_one: Callable[..., Firing],
    explained: ExplanationCache | None = None,
) -> _Consolidated:
    period = rb.period(day)
    facts = build_facts(case, day, lang=lang, rb=rb)
    evaluate = period.evaluate if engine == "durable" else period.evaluate_direct
    if explained is not None and engine == "durable":
        evaluate = functools.partial(explained.verdicts.evaluate, period)
    verdict = evaluate(facts.values)
    values, applied = presumed.apply(rb.presumptions, facts.values)
    with_presumptions = evaluate(values) if applied else verdict
    asking = explained.asking(rb, facts.values) if explained else Asking(rb, facts.values)
    if explained is not None:
        explained.sheet = (case, day, facts)

    issues_in: list[Firing] = []
    assumed: list[Firing] = []
    withheld: list[Firing] = []
    for rule_id in sorted(verdict):
        bound = period.by_id[rule_id]
        status = verdict[rule_id]
        if status == FLAGGED:
            # Flagged findings always get their cures: one shared action merges them.
            issues_in.append(explain_one(bound, status, facts, facts.values, True))
            continue
        if rule_id not in with_presumptions:
            # Only the presumed facts clear it: covered by an assumption, not a risk.
            assumed.append(explain_one(bound, status, facts, facts.values, False))
            continue
        # A finding to verify is explained on the facts as presumed: its unknowns are the
        # facts no answer and no presumption settles.
        firing = explain_one(bound, status, facts, values, clear_by)
        (withheld if not_brought_in(asking, firing.alternatives) else issues_in).append(firing)

    order = rb.challenge_order()
    groups = {r.id: r.group for r in rb.recommendations.values()}
    merged = merge(issues_in, order, groups)
    findings = rank([issue for issue, _ in merged], order)
    deciding = [
        (f.rule_id, f.severity, _cells(members)) for f, members in merged if f.status != FLAGGED
    ]
    deciding += [(w.rule_id, w.bound.version.doc.severity, w.cells) for w in withheld]
    return _Consolidated(
        period, facts, verdict, applied, asking, assumed, withheld, merged, findings, deciding
    )


def assess(
    case: AllianceCase,
    *,
    as_of: dt.date | None = None,
    lang: str = "en",
    rules: RulesBase | None = None,
    engine: Engine = "durable",
    file: str | None = None,
    clear_by: bool = True,
    explained: ExplanationCache | None = None,
) -> Assessment:
    """Assess a case against the rules in force on ``as_of`` (today by default).

    ``clear_by=False`` skips computing what would clear each finding (the costliest part
    of explaining findings), for screening many cases or refreshing a live view.
    ``explained``: explanations kept from earlier assessments of the same case being
    edited (the interview), reused for the rules whose facts did not change; the result
    is the same as without it.
    """
    rb = rules or default_rules()
    day = as_of or dt.date.today()

    def explain_one(bound, status, facts, values, with_clear_by):
        if explained is not None:
            return explained.firing(rb, bound, status, facts, values, lang, with_clear_by)
        return explain_firing(rb, bound, status, facts, values, lang, with_clear_by)

    c = _consolidate(case, rb, day, lang, engine, clear_by, explain_one, explained)
    facts, merged, findings = c.facts, c.merged, c.findings
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
        challenges=_challenges(rb, merged, lang),
        findings=findings,
        assumptions=_assumptions(rb, c.applied, c.assumed, facts, lang),
        open_questions=open_questions(rb, c.asking, facts, c.deciding, lang),
        verdicts=verdicts(merged, c.assumed, c.withheld, c.verdict),
        recommendations=recommendations(rb, case, facts, findings, lang),
        warnings=oddities(case, lang),
        notes=[f"rule {v.id} not applied: {why}" for v, why in c.period.skipped],
    )


@dataclass
class Screening:
    """What a screening row prints of an assessment, computed without its texts: the same
    issues (ranked, merged) and verdicts as :func:`assess`, but each issue holds only its
    ids, status, severity, likelihood, challenge and remedies; no clearing options, no
    explanations, no worded questions, no memo parts."""

    counts: Counts
    findings: list[Finding]
    open_questions: int
    recommendations: list[str]
    verdicts: list[RuleVerdict]


def screen(
    case: AllianceCase,
    *,
    as_of: dt.date,
    rules: RulesBase | None = None,
    engine: Engine = "durable",
) -> Screening:
    """The figures of ``assess(case, as_of=as_of)`` a screening row prints (counts, issues
    in rank order, number of open questions, remedy ids, verdicts), equal to the full
    assessment's in any language (tests/test_screening.py)."""
    from .recommend import propose

    rb = rules or default_rules()

    def sketch_one(bound, status, facts, values, _with_clear_by):
        return sketch_firing(rb, bound, status, facts, values)

    c = _consolidate(case, rb, as_of, "en", engine, False, sketch_one)
    return Screening(
        counts=_counts(c.findings),
        findings=c.findings,
        open_questions=count_open_questions(c.asking, c.deciding),
        recommendations=[p.id for p in propose(rb, c.facts, c.findings)],
        verdicts=verdicts(c.merged, c.assumed, c.withheld, c.verdict),
    )


def _cells(members: list[Firing]) -> list:
    return list(dict.fromkeys(c for m in members for c in m.cells))


def _assumptions(
    rb: RulesBase,
    applied: list[presumed.Applied],
    assumed: list[Firing],
    facts: FactSheet,
    lang: str,
) -> list[Assumption]:
    """The presumptions relied on: each applied presumption that covers a finding (one
    whose raw unknowns include the presumed fact), with the question that confirms it."""
    out = []
    for a in applied:
        spec = a.presumption.spec
        cell = (spec.scope, a.index, spec.path)
        covers = [f.rule_id for f in assumed if cell in f.cells or not f.cells]
        if not covers:
            continue
        doc = a.presumption.doc
        names = _names(spec.scope, a.index, facts)
        questions = rb.questions_for(doc.field)
        out.append(
            Assumption(
                id=doc.id,
                field=field_path(spec.scope, a.index, spec.path),
                label=fill(doc.label.get(lang), names)
                if "{" in doc.label.get(lang)
                else doc.label.get(lang),
                entry=facts.labels[spec.scope][a.index]
                if spec.scope and a.index is not None
                else None,
                value=doc.value,
                shown=show_value(rb, spec, doc.value, lang),
                basis=doc.basis.get(lang),
                references=[ReferenceOut.of(r) for r in doc.references],
                question=Question(id=questions[0].id, text=questions[0].doc.text.get(lang))
                if questions
                else None,
                covers=covers,
            )
        )
    return out


def _names(scope: str, index: int | None, facts: FactSheet) -> dict[str, Any]:
    from .explanation import entry_partners

    return entry_partners(scope, index, facts)


def _counts(findings: list[Finding]) -> Counts:
    flagged = {s: 0 for s in reversed(SEVERITIES)}
    to_verify = {s: 0 for s in reversed(SEVERITIES)}
    for f in findings:
        (flagged if f.status == FLAGGED else to_verify)[f.severity] += 1
    return Counts(flagged=flagged, to_verify=to_verify, total=len(findings))


def _challenges(rb: RulesBase, merged: list, lang: str) -> list[ChallengeStatus]:
    """Each challenge's state from the issues: a merged issue counts in the challenge of
    every rule it holds (one missing loan agreement is a labour and a subordination risk)."""
    by_challenge: dict[str, list[tuple[str, str]]] = {}
    for issue, members in merged:
        seen = set()
        for m in members:
            doc = m.bound.version.doc
            if doc.challenge in seen:
                continue
            seen.add(doc.challenge)
            by_challenge.setdefault(doc.challenge, []).append((issue.status, doc.severity))
    out = []
    for c in rb.challenges:
        mine = by_challenge.get(c.id, [])
        flagged = [sev for st, sev in mine if st == FLAGGED]
        state = "flagged" if flagged else ("to_verify" if mine else "clear")
        sevs = flagged or [sev for _, sev in mine]
        worst = max(sevs, key=SEVERITIES.index) if sevs else None
        checks = [sev for st, sev in mine if st != FLAGGED]
        graver = max(checks, key=SEVERITIES.index) if checks and flagged else None
        if graver is not None and SEVERITIES.index(graver) <= SEVERITIES.index(worst or graver):
            graver = None
        out.append(
            ChallengeStatus(
                id=c.id,
                framework=c.framework,
                framework_label=rb.base.frameworks[c.framework].get(lang),
                label=c.label.get(lang),
                status=state,
                flagged=len(flagged),
                to_verify=len(mine) - len(flagged),
                worst=worst,
                worst_to_verify=graver,
            )
        )
    return out


__all__ = ["Screening", "assess", "default_rules", "render_text", "screen", "statuses"]
