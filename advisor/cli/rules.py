"""``advisor rules list|show|lint|test|coverage|fields|lock``."""

from __future__ import annotations

import json
import sys

from ..errors import UsageError
from ..textsafe import json_text, one_line, visible
from .common import rules_base


def cmd_rules(args) -> int:
    action = args.rules_command
    if action is None:
        raise UsageError("give an action: list, show, lint, test, coverage, fields or lock")
    return {
        "list": _list,
        "show": _show,
        "lint": _lint,
        "test": _test,
        "coverage": _coverage,
        "fields": _fields,
        "lock": _lock,
    }[action](args)


def _lock(args) -> int:
    from ..rulesbase import load_rules_base
    from ..versionlock import LOCK, record

    _existing_folder(args.path)
    rb = load_rules_base(args.path or args.rules)
    done = record(rb)
    state = "recorded in" if done else "already recorded in"
    sys.stdout.write(f"rules base {rb.version} ({rb.sha256[:12]}) {state} {LOCK}\n")
    return 0


def _title(rb, version) -> str:
    """The rule's English title, its ``{param:…}`` filled with the values of a day the
    version is in force (today when it is, else its nearest end)."""
    import datetime as dt

    from ..explanation import render_text
    from ..period import text_params

    eff = version.doc.effective
    day = dt.date.today()
    if eff.to and eff.to < day:
        day = eff.to
    elif eff.from_ and eff.from_ > day:
        day = eff.from_
    values = {name: rb.param_at(name, day) for name in text_params(version)}
    known = {name: pv for name, pv in values.items() if pv is not None}
    return render_text(rb, version.doc.title.en, known, "en")


def _list(args) -> int:
    rb = rules_base(args)
    rows = []
    for rid, versions in sorted(
        rb.rules.items(), key=lambda kv: (rb.challenge_order()[kv[1][0].doc.challenge], kv[0])
    ):
        if args.challenge and versions[0].doc.challenge != args.challenge:
            continue
        for v in versions:
            rows.append(
                {
                    "id": rid,
                    "challenge": v.doc.challenge,
                    "severity": v.doc.severity,
                    "likelihood": v.doc.likelihood,
                    "effective_from": _iso(v.doc.effective.from_),
                    "effective_to": _iso(v.doc.effective.to),
                    "source": v.source,
                    "title": _title(rb, v),
                }
            )
    if args.challenge and not rows:
        known = ", ".join(c.id for c in rb.challenges)
        raise UsageError(f"no rule for challenge '{args.challenge}'; challenges: {known}")
    if args.format == "json":
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return 0
    for r in rows:
        dates = f"{r['effective_from'] or '…'} → {r['effective_to'] or '…'}"
        sys.stdout.write(f"{r['id']:<62} {r['severity']:<8} {dates:<25} {one_line(r['title'])}\n")
    sys.stdout.write(
        f"{len(rows)} rule version{'s' if len(rows) != 1 else ''}; rules base {rb.version} ({rb.sha256[:12]})\n"
    )
    return 0


def _iso(d):
    return d.isoformat() if d else None


def _show(args) -> int:
    from ..rulesbase import fields_read

    rb = rules_base(args)
    versions = rb.rules.get(args.rule_id)
    if versions is None:
        from ..errors import did_you_mean

        raise UsageError(
            f"no rule '{args.rule_id}'{did_you_mean(args.rule_id, rb.rules)}; "
            "see 'advisor rules list'"
        )
    out = []
    for v in versions:
        d = v.doc
        fields = sorted(fields_read(v))
        questions = sorted({q.id for f in fields for q in rb.questions_for(f)})
        out.append(
            {
                "id": d.id,
                "challenge": d.challenge,
                "severity": d.severity,
                "likelihood": d.likelihood,
                "effective": d.effective.label(),
                "source": v.source,
                "title": d.title.model_dump(),
                "explanation": d.explanation.model_dump(),
                "advice": d.advice.model_dump(),
                "references": [r.model_dump(exclude_none=True) for r in d.references],
                "recommendations": d.recommendations,
                "unverified": d.unverified,
                "when": d.when,
                "fields": fields,
                "questions": questions,
            }
        )
    if args.format == "json":
        sys.stdout.write(json_text(out, indent=2, default=str) + "\n")
        return 0
    import yaml

    for o in out:
        sys.stdout.write(yaml.safe_dump(o, allow_unicode=True, sort_keys=False, width=100))
        sys.stdout.write("\n")
    return 0


def _existing_folder(path: str | None) -> None:
    """A rules base or tests folder given on the command line must exist."""
    from pathlib import Path

    from ..errors import shown_path

    if path and not Path(path).is_dir():
        raise UsageError(f"'{shown_path(path)}' is not a folder; give a rules base folder")


def _lint(args) -> int:
    from ..lint import lint

    _existing_folder(args.path)
    rb, problems = lint(args.path or args.rules)
    for p in problems:
        sys.stdout.write(visible(str(p)) + "\n")
    if problems or rb is None:
        sys.stdout.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}\n")
        if rb is None or rb.problems:
            sys.stdout.write("rule tests not run: the rules base must load without problems\n")
        return 1
    n = sum(len(v) for v in rb.rules.values())
    sys.stdout.write(
        f"ok: {len(rb.rules)} rules ({n} versions), {len(rb.questions)} "
        f"questions, {len(rb.params)} parameters; rules base {rb.version} "
        f"({rb.sha256[:12]})\n"
    )
    return 0


def _test(args) -> int:
    from ..ruletests import run_all

    _existing_folder(args.path)
    rb = rules_base(args)
    outcomes = run_all(rb, args.path)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        sys.stdout.write(f"FAIL {o.test.file} :: {o.test.name}\n")
        for f in o.failures:
            sys.stdout.write(f"     {f}\n")
    sys.stdout.write(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed\n")
    return 1 if failed else 0


def _coverage(args) -> int:
    return coverage_report(rules_base(args), args)


def _fields(args) -> int:
    from ..schema import case_schema

    schema = case_schema()
    for spec in sorted(schema.fields.values(), key=lambda s: (s.scope, s.path)):
        kind = spec.kind + (f" ({spec.unit})" if spec.unit else "")
        values = f" [{', '.join(spec.values)}]" if spec.values else ""
        derived = " derived" if spec.derived else ""
        sys.stdout.write(f"{spec.absolute:<58} {kind:<16}{derived}{values}\n")
        if spec.doc:
            sys.stdout.write(f"    {spec.doc}\n")
    sys.stdout.write("lists: " + ", ".join(sorted(schema.scopes)) + "\n")
    return 0


def coverage_report(rb, args) -> int:
    from ..coverage import measure

    cov = measure(rb)
    uncovered = cov.uncovered()
    if args.format == "json":
        out = {
            "cases": cov.cases,
            "rule_versions": len(cov.versions),
            "rule_coverage_pct": round(cov.rule_pct(), 2),
            "branch_coverage_pct": round(cov.branch_pct(), 2),
            "uncovered": [
                {
                    "rule": v,
                    "flagged": cov.flagged[v],
                    "clear": cov.clear[v],
                    "to_verify": cov.to_verify[v],
                }
                for v in uncovered
            ],
            "dead_branches": [{"rule": k, "atom": cov.atom_text[(k, i)]} for k, i in cov.dead()],
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        for v in uncovered:
            why = []
            if not cov.flagged[v]:
                why.append("never flagged")
            if not cov.clear[v]:
                why.append("never clear")
            sys.stdout.write(f"uncovered {v}: {', '.join(why)}\n")
        for k, i in cov.dead():
            sys.stdout.write(f"dead branch {k}: {cov.atom_text[(k, i)]} is never true\n")
        sys.stdout.write(
            f"{cov.cases} cases; rules covered {len(cov.versions) - len(uncovered)}/"
            f"{len(cov.versions)} ({cov.rule_pct():.1f} %); branches seen true and false "
            f"{cov.branch_pct():.1f} %; {len(cov.dead())} dead branch(es)\n"
        )
    if args.min is None and uncovered:
        # An untested rule fails without options; --min is how a lower bar is accepted.
        sys.stderr.write(
            f"advisor: {len(uncovered)} rule version{'s' if len(uncovered) != 1 else ''} not both flagged and clear in a "
            "test; write the missing tests (or accept less with --min PCT)\n"
        )
        return 1
    if args.min is not None and cov.rule_pct() < args.min:
        sys.stderr.write(f"advisor: rule coverage {cov.rule_pct():.1f} % is below {args.min:g} %\n")
        return 1
    return 0
