"""``advisor explain CASE RULE_ID`` and ``advisor compare A B``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

from .. import catalogue
from ..errors import UsageError, did_you_mean
from ..textsafe import json_text, visible
from .common import default_lang, rules_base

_W = {
    "fr": {
        "fired": "signalé",
        "to_verify": "à vérifier",
        "not": "ne s'applique pas",
        "not_in_force": "n'est pas en vigueur au {d} (en vigueur : {v})",
        "clear": "Lèverait ce risque",
        "appears": "apparaît",
        "disappears": "disparaît",
        "severity": "gravité",
        "status": "état",
        "unchanged": "inchangés",
        "recs": "Recommandations",
        "findings": "Risques",
        "none": "aucune différence",
    },
    "en": {
        "fired": "flagged",
        "to_verify": "to verify",
        "not": "does not apply",
        "not_in_force": "is not in force on {d} (in force: {v})",
        "clear": "Would clear it",
        "appears": "appears",
        "disappears": "disappears",
        "severity": "severity",
        "status": "status",
        "unchanged": "unchanged",
        "recs": "Recommendations",
        "findings": "Findings",
        "none": "no difference",
    },
}


def cmd_explain(args) -> int:
    from ..assess import assess, render_text
    from ..casefile import load_case
    from ..explain import explain_rule, render_lines, rule_story
    from ..facts import build_facts

    rb = rules_base(args)
    case = load_case(args.case)
    lang = args.lang or case.meta.lang or default_lang()
    day = args.as_of or dt.date.today()
    w = _W[lang]
    versions = rb.rules.get(args.rule_id)
    if versions is None:
        raise UsageError(
            f"no rule '{args.rule_id}'{did_you_mean(args.rule_id, rb.rules)}; "
            "see 'advisor rules list'"
        )
    bound = rb.period(day).by_id.get(args.rule_id)
    if bound is None:
        spans = ", ".join(v.doc.effective.label() for v in versions)
        sys.stdout.write(f"{args.rule_id} {w['not_in_force'].format(d=day, v=spans)}\n")
        return 0
    facts = build_facts(case, day, lang=lang, rb=rb)
    tree = explain_rule(rb, bound.condition, facts, lang)
    a = assess(case, as_of=day, lang=lang, rules=rb)
    story = rule_story(a, bound, facts)
    finding = story.issue
    status = {True: w["fired"], None: w["to_verify"], False: w["not"]}[tree.value]
    if args.format == "json":
        out = {
            "rule_id": args.rule_id,
            "as_of": day.isoformat(),
            "status": {True: "flagged", None: "to_verify", False: "clear"}[tree.value],
            "title": render_text(rb, bound.version.doc.title.get(lang), bound.params, lang),
            "condition": tree.to_dict(),
            "clear_by": [o.model_dump(mode="json") for o in finding.clear_by] if finding else [],
            "exceptions_met": story.exceptions_met,
            "exceptions_possible": story.exceptions_possible,
            "disposition": story.disposition,
            "issue": finding.rule_id if finding else None,
            "assumptions": [x.model_dump(mode="json") for x in story.assumptions],
            "open_questions": [q.model_dump(mode="json") for q in story.questions],
        }
        sys.stdout.write(json_text(out, indent=2) + "\n")
        return 0
    title = render_text(rb, bound.version.doc.title.get(lang), bound.params, lang)
    lines = [
        f"{args.rule_id} — {status}",
        title,
        f"({bound.version.source}, {bound.version.doc.effective.label()})",
        "",
    ]
    lines += render_lines(tree)
    for label in story.exceptions_met:
        lines.append(catalogue.text(lang, "core.exception_met", label=label))
    for label in story.exceptions_possible:
        lines.append(catalogue.text(lang, "core.exception_possible", label=label))
    if finding is not None and finding.rule_id != args.rule_id:
        lines.append(catalogue.text(lang, "core.part_of_issue", title=finding.title))
    if story.disposition == "not_raised":
        lines.append(catalogue.text(lang, "core.not_raised"))
    for x in story.assumptions:
        lines.append(catalogue.text(lang, "core.covered_by", label=x.label, basis=x.basis))
        if x.question is not None:
            lines.append(catalogue.text(lang, "core.confirm_with", question=x.question.text))
    for q in story.questions:
        lines.append(catalogue.text(lang, "core.decided_by", question=q.question.text))
    if finding and finding.clear_by:
        lines.append("")
        lines.append(f"{w['clear']}:")
        for o in finding.clear_by:
            lines.append("  - " + " + ".join(c.text for c in o.changes))
    sys.stdout.write(visible("\n".join(lines)) + "\n")
    return 0


def cmd_compare(args) -> int:
    from ..assess import assess
    from ..casefile import load_case
    from ..explain import compare

    rb = rules_base(args)
    before, after = load_case(args.before), load_case(args.after)
    lang = args.lang or after.meta.lang or default_lang()
    day = args.as_of or dt.date.today()
    a = assess(before, as_of=day, lang=lang, rules=rb)
    b = assess(after, as_of=day, lang=lang, rules=rb)
    result = compare(a, b)
    if args.format == "json":
        out = {
            "before": args.before,
            "after": args.after,
            "as_of": day.isoformat(),
            "findings": [dataclasses.asdict(d) for d in result["findings"]],
            "recommendations": result["recommendations"],
            "unchanged": result["unchanged"],
        }
        sys.stdout.write(json_text(out, indent=2) + "\n")
        return 0
    w = _W[lang]
    lines = [f"{args.before}  →  {args.after}  ({day})", "", w["findings"]]
    if not result["findings"]:
        lines.append(f"  {w['none']}")
    for d in result["findings"]:
        if d.kind == "appears":
            lines.append(f"  + {d.rule_id} ({d.after['status']}, {d.after['severity']}): {d.title}")
        elif d.kind == "disappears":
            lines.append(
                f"  - {d.rule_id} (was {d.before['status']}, {d.before['severity']}): {d.title}"
            )
        else:
            key = d.kind
            lines.append(f"  ~ {d.rule_id} {w[key]} {d.before[key]} → {d.after[key]}: {d.title}")
    lines += ["", w["recs"]]
    if not result["recommendations"]:
        lines.append(f"  {w['none']}")
    for r in result["recommendations"]:
        lines.append(f"  {'+' if r['kind'] == 'appears' else '-'} {r['title']}")
    lines.append(f"\n{len(result['unchanged'])} {w['unchanged']}")
    sys.stdout.write(visible("\n".join(lines)) + "\n")
    return 0
