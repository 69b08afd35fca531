"""The assessment as readable terminal text (with colours on a terminal)."""

from __future__ import annotations

import textwrap

from advisor.findings import Assessment, Finding
from advisor.textsafe import one_line, visible

_SEV_COLOUR = {
    "critical": "\033[1;97;41m",
    "high": "\033[1;31m",
    "medium": "\033[33m",
    "low": "\033[36m",
}
_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"

WORDS = {
    "fr": {
        "findings": "Risques",
        "none": "Aucun risque relevé.",
        "flagged": "signalé",
        "to_verify": "à vérifier",
        "evidence": "Constaté",
        "unknown": "À vérifier",
        "refs": "Fondements",
        "advice": "Que faire",
        "recs": "Recommandations",
        "challenges": "Les 12 défis",
        "clear": "rien relevé",
        "as_of": "droit au",
        "rules": "base de règles",
        "answers": "répond à",
        "unverified": "non vérifié",
        "ask": "question",
        "clear_by": "Lèverait ce risque",
        "or": "ou",
    },
    "en": {
        "findings": "Risks",
        "none": "No risk found.",
        "flagged": "flagged",
        "to_verify": "to verify",
        "evidence": "Found",
        "unknown": "To verify",
        "refs": "Legal basis",
        "advice": "What to do",
        "recs": "Recommendations",
        "challenges": "The 12 challenges",
        "clear": "clear",
        "as_of": "law as of",
        "rules": "rules base",
        "answers": "answers",
        "unverified": "unverified",
        "ask": "question",
        "clear_by": "Would clear it",
        "or": "or",
    },
}


def render(a: Assessment, *, colour: bool = False, width: int = 88) -> str:
    w = WORDS[a.lang]

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines = [
        c(_BOLD, one_line(a.case.name)),
        c(
            _DIM,
            f"{w['as_of']} {a.as_of.isoformat()} · {w['rules']} "
            f"{a.rules_base.version} ({a.rules_base.sha256[:12]})"
            + (f" · {one_line(a.case.file)}" if a.case.file else ""),
        ),
    ]
    fl = sum(a.counts.flagged.values())
    tv = sum(a.counts.to_verify.values())
    lines.append(f"{fl} {w['flagged']} · {tv} {w['to_verify']}")
    lines.append("")
    lines.append(c(_BOLD, w["challenges"]))
    for ch in a.challenges:
        mark = {"flagged": "■", "to_verify": "?", "clear": "·"}[ch.status]
        state = {"flagged": w["flagged"], "to_verify": w["to_verify"], "clear": w["clear"]}[
            ch.status
        ]
        colour_code = _SEV_COLOUR.get(ch.worst or "", "") if ch.status != "clear" else _DIM
        lines.append(f"  {c(colour_code, mark)} {ch.framework_label:<20} {ch.label:<45} {state}")
    lines.append("")
    lines.append(c(_BOLD, w["findings"]))
    if not a.findings:
        lines.append("  " + w["none"])
    for f in a.findings:
        lines.extend(_finding(f, w, c, width))
    if a.recommendations:
        lines.append(c(_BOLD, w["recs"]))
        for r in a.recommendations:
            lines.append(f"  • {r.title} — {w['answers']} {len(r.findings)}")
            for chunk in textwrap.wrap(r.summary, width - 6):
                lines.append(f"      {chunk}")
    for note in a.notes:
        lines.append(c(_DIM, f"note: {one_line(note)}"))
    return "\n".join(lines) + "\n"


def _finding(f: Finding, w: dict, c, width: int) -> list[str]:
    sev = c(_SEV_COLOUR[f.severity], f"[{(f.severity_label or f.severity).upper()}]")
    status = w["flagged"] if f.status == "flagged" else w["to_verify"]
    out = [f"  {sev} {f.title}  ({status}; {f.challenge_label})", f"      {f.rule_id}"]
    for chunk in textwrap.wrap(f.explanation, width - 6):
        out.append(f"      {chunk}")
    for e in f.evidence:
        entry = f" [{one_line(e.entry, 60)}]" if e.entry else ""
        out.append(f"      {w['evidence']}: {e.label}{entry} = {one_line(e.shown, 80)} ({e.test})")
    for u in f.unknowns:
        entry = f" [{one_line(u.entry, 60)}]" if u.entry else ""
        qs = "; ".join(q.text for q in u.questions)
        out.append(
            f"      {w['unknown']}: {u.label}{entry} {u.test}"
            + (f" — {w['ask']}: {qs}" if qs else "")
        )
    if f.clear_by:
        options = f" {w['or']} ".join(
            " + ".join(ch.text for ch in o.changes) for o in f.clear_by[:3]
        )
        out.append(f"      {w['clear_by']}: {one_line(options)}")
    out.append(f"      {w['advice']}: {f.advice}")
    refs = "; ".join(
        r.text + (f" ({w['unverified']})" if r.unverified else "") for r in f.references
    )
    out.append(f"      {w['refs']}: {refs}")
    out.append("")
    return [visible(x) for x in out]
