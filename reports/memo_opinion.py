"""The opinion on page 1, in two sentences, from the consolidated findings.

The first says what is established and whether the set-up can go ahead: we advise
against signing while a flagged issue of high or critical severity stands, and otherwise
the set-up can go ahead subject to the actions listed. The second says what stays open:
the possible issues (naming the serious ones) and the questions that settle them. « No
question stays open » is said only when none does and no issue may still be found.

Content only, like :mod:`reports.memo`: the renderers print these sentences as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.rulemodel import SEVERITIES

from .words import MemoWords

if TYPE_CHECKING:  # pragma: no cover
    from .memo import MemoFinding

#: Severities that make us advise against signing while the issue stands.
SERIOUS = ("high", "critical")


def opinion(
    numbered: list[MemoFinding],
    questions: int,
    w: MemoWords,
    *,
    reviewed: bool = True,
    running: bool = False,
) -> list[str]:
    """Two sentences: what is established, and what the client's answers will settle.

    ``numbered``: the findings with their numbers (``F1``); ``questions``: how many
    questions for the client the memo asks; ``reviewed``: an adviser signs the memo (it
    speaks as counsel, « nous déconseillons »); without one, the same sentences in the
    impersonal voice, since the memo says that no adviser has reviewed it; ``running``:
    the set-up is already signed or under way, so there is nothing left not to sign: what
    runs is to be put in order (« régulariser »)."""
    if not numbered and not questions:
        return [w["opinion.none"], w["opinion.closed"]]
    voice = "" if reviewed else ".unreviewed"
    flagged = [m for m in numbered if m.finding.status == "flagged"]
    possible = [m for m in numbered if m.finding.status != "flagged"]
    stage = ".running" if running else ""
    first = _established(flagged, w, stage + voice) if flagged else w["opinion.no_flagged"]
    if possible:
        serious = [m for m in possible if m.finding.severity in SERIOUS]
        levels = {m.finding.severity for m in serious}
        severity = w.severity(levels.pop()) if len(levels) == 1 else w["opinion.high_or_critical"]
        detail = ""
        if len(serious) == len(possible):  # « 1 risque possible, de gravité élevée »
            detail = w.text(
                "opinion.open_serious_all", numbers=_numbers(serious, w), severity=severity
            )
        elif serious:
            detail = w.count(
                "opinion.open_serious",
                len(serious),
                numbers=_numbers(serious, w),
                severity=severity,
            )
        risks = w.count("possible_risks", len(possible))
        if questions:
            second = w.count(f"opinion.open{voice}", questions, risks=risks, serious=detail)
        else:
            second = w.count(
                f"opinion.open_documents{voice}", len(possible), risks=risks, serious=detail
            )
    elif questions:
        second = w.count("opinion.open_questions", questions)
    else:
        second = w["opinion.closed"]
    return [first, second]


def _established(flagged: list[MemoFinding], w: MemoWords, voice: str) -> str:
    """What is established: « 3 risques de gravité élevée sont établis (F1, F2, F3) » when
    all are of the worst severity, « dont le plus sérieux… (F1) » when one is, « dont 2 de
    gravité élevée (F1, F2) » when some are; never a singular beside several numbers."""
    worst = max(SEVERITIES.index(m.finding.severity) for m in flagged)
    top = [m for m in flagged if SEVERITIES.index(m.finding.severity) == worst]
    serious = SEVERITIES[worst] in SERIOUS
    shape = (
        "one"
        if len(flagged) == 1
        else "all"
        if len(top) == len(flagged)
        else "top"
        if len(top) == 1
        else "some"
    )
    clause = w.text(
        f"{'established' if serious else 'manageable'}.{shape}",
        n=len(flagged),
        k=len(top),
        worst=w.severity(SEVERITIES[worst]),
        numbers=_numbers(top, w),
    )
    if serious:
        return w.count(f"opinion.serious{voice}", len(flagged), established=clause)
    return w.text("opinion.manageable", established=clause)


def _numbers(found: list[MemoFinding], w: MemoWords) -> str:
    """``F1, F3``: every number, since « dont 5 … (F1, F4, F7, F8…) » would name four of
    five and leave the reader to guess the fifth."""
    return ", ".join(m.number for m in found)


__all__ = ["opinion"]
