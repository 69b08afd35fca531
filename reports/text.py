"""The assessment as readable terminal text (with colours on a terminal).

What a client may read over the adviser's shoulder: no rule ids, no ``field = value``
notation, no set braces, counts that agree. ``verbose=True`` (``advisor assess
--verbose``) adds each finding's rule id and the rules base's fingerprint for the adviser.
Words come from the catalogue (``memo.term.*`` and the memo's own words).
"""

from __future__ import annotations

import textwrap

from advisor.findings import Assessment, Finding
from advisor.textsafe import one_line, visible

from .citations import cite_all
from .typography import typeset
from .words import MemoWords, long_date, words

_SEV_COLOUR = {
    "critical": "\033[1;97;41m",
    "high": "\033[1;31m",
    "medium": "\033[33m",
    "low": "\033[36m",
}
_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"


def render(a: Assessment, *, colour: bool = False, width: int = 88, verbose: bool = False) -> str:
    """The assessment as text lines; ``verbose`` adds rule ids and fingerprints."""
    w = words(a.lang)
    s = _safe(a.lang)

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    header = w.text("term.header", date=long_date(a.as_of, w.lang).replace("\u00a0", " "))
    if verbose:
        header += " · " + w.text(
            "term.rules", version=a.rules_base.version, hash=a.rules_base.sha256[:12]
        )
        if a.case.file:
            header += f" · {one_line(a.case.file)}"
    fl = sum(a.counts.flagged.values())
    tv = sum(a.counts.to_verify.values())
    lines = [
        c(_BOLD, s(a.case.name)),
        c(_DIM, s(header)),
        f"{w.count('flagged_n', fl)} · {w.count('to_verify_n', tv)}",
        "",
        c(_BOLD, w["term.challenges"]),
    ]
    for ch in a.challenges:
        mark = {"flagged": "■", "to_verify": "?", "clear": "·"}[ch.status]
        colour_code = _SEV_COLOUR.get(ch.worst or "", "") if ch.status != "clear" else _DIM
        lines.append(
            f"  {c(colour_code, mark)} {s(ch.framework_label):<20} {s(ch.label):<45} "
            f"{s(w[f'status.{ch.status}'])}"
        )
    lines += ["", c(_BOLD, w["term.findings"])]
    if not a.findings:
        lines.append("  " + w["term.none"])
    for f in a.findings:
        lines.extend(_finding(f, w, c, s, width, verbose))
    if a.recommendations:
        lines.append(c(_BOLD, w["recommendations"]))
        for r in a.recommendations:
            answers = f" — {w.count('answers_n', len(r.findings))}" if r.findings else ""
            lines.append(f"  • {s(r.title + answers)}")
            lines.extend(f"      {chunk}" for chunk in textwrap.wrap(s(r.summary), width - 6))
    for note in a.notes:
        lines.append(c(_DIM, s(w.text("term.note", text=note))))
    return "\n".join(lines) + "\n"


def _safe(lang: str):
    """User and rules text made harmless for a terminal, with the language's spacing."""

    def s(text: object) -> str:
        return typeset(visible(str(text), keep_newlines=False), lang)

    return s


def _finding(f: Finding, w: MemoWords, c, s, width: int, verbose: bool) -> list[str]:
    severity = w.severity(f.severity, gender="f").upper()  # la gravité : ÉLEVÉE
    sev = c(_SEV_COLOUR[f.severity], f"[{s(severity)}]")
    out = [f"  {sev} {s(f.title)}  ({s(w[f'status.{f.status}'] + ' · ' + f.challenge_label)})"]
    if verbose:
        out.append(f"      {s(w.text('term.rule', id=f.rule_id))}")
    out += [f"      {chunk}" for chunk in textwrap.wrap(s(f.explanation), width - 6)]
    for e in f.evidence:
        entry = f" — {one_line(e.entry, 60)}" if e.entry else ""
        out.append(
            "      " + s(f"{w['term.evidence']} : {e.label}{entry} : {one_line(e.shown, 80)}")
        )
    for u in f.unknowns:
        entry = f" — {one_line(u.entry, 60)}" if u.entry else ""
        asks = " ; ".join(q.text for q in u.questions)
        ask = f" — {w['term.ask']} : {asks}" if asks else ""
        out.append("      " + s(f"{w['term.unknown']} : {u.label}{entry}{ask}"))
    if f.clear_by:  # cures in prose, naming who acts (never a retreat)
        cures = " ; ".join(
            f"{c.text} ({', '.join(c.who) or w['all_partners']}, {w[f'when.{c.when}']})"
            if w.get(f"when.{c.when}")
            else c.text
            for c in f.clear_by[0].changes
        )
        out.append("      " + s(f"{w['term.cure']} : {cures}"))
    for x in f.exposure:  # an estimate the rule computes from the case (flagged only)
        out.append("      " + s(f"{w['exposure']} : {x.label} : {x.shown} ({w['estimate']})"))
    out.append("      " + s(f"{w['remedies']} : {f.advice}"))
    refs = " ; ".join(text for text, _ in cite_all(f.references, w.lang))
    if refs:
        out.append("      " + s(f"{w['references']} : {refs}"))
    out.append("")
    return out
