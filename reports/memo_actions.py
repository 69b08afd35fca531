"""What the client is asked to do and to answer, from the findings layer: the actions that
cure each issue (who acts, and when), the open questions grouped by the partner who can
answer them, and the assumptions the analysis relies on.

Content only: :mod:`advisor.consolidate` decides which issues, cures, questions and
assumptions there are and how they rank; this module words them for the memo.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from advisor.articles import with_articles
from advisor.display import lead_lower
from advisor.findings import Assessment, Change, Finding, OpenQuestion
from advisor.model import AllianceCase
from advisor.model.types import NON_PROFIT_KINDS, PUBLIC_KINDS

from .citations import cite
from .memo_parts import QuestionGroup, VerifyQuestion
from .memo_remedies import Measure
from .typography import shorten
from .words import MemoWords

#: When an action is due, soonest first (the order of the action table).
WHEN = (
    "at_once",
    "before_signing",
    "before_start",
    "before_first_payment",
    "before_next_payment",
    "before_aid",
    "within_year",
    "with_tax_return",
)


@dataclass(frozen=True)
class Action:
    """One row of the memo's action table."""

    number: str
    """``A1``, ``A2``... in the order of the action table."""
    text: str
    """The action in words, naming who acts."""
    who: str
    when: str
    """When it is due, in words (``avant la signature``)."""
    numbers: tuple[str, ...]
    """The issues it answers."""
    due: str = "before_signing"
    """When it is due, as a key of :data:`WHEN`."""
    title: str = ""
    """A measure's name, read before its text (empty for an action that cures an issue)."""
    references: tuple[tuple[str, str | None], ...] = ()
    """A measure's legal basis: (citation, link)."""
    key: str = ""
    """A measure's own anchor (``rec-…``), which the findings link to."""
    rules: tuple[str, ...] = ()
    """For an action that cures issues: the leading rules of the issues it answers."""
    folded: str = ""
    """The anchor of a measure that says what this action says, for the same issues, and
    is shown in this row (its name and legal basis) rather than in a row of its own."""

    @property
    def anchor(self) -> str:
        return f"action-{self.number}"

    @property
    def measure(self) -> bool:
        """Whether the row is one of the recommended measures (not an issue's cure)."""
        return bool(self.key)


@dataclass(frozen=True)
class AssumptionLine:
    """A fact the memo assumes for lack of an answer, and the question that settles it."""

    label: str
    shown: str
    basis: str
    question: str


def actions(
    a: Assessment,
    number_of: dict[str, str],
    w: MemoWords,
    names: tuple[str, ...] = (),
    due: Callable[[str, Finding, Change], str] | None = None,
) -> list[Action]:
    """The action plan: every issue leads to at least one action (its cure, or its advice
    when no cure clears it); for an issue to verify the action is phrased as depending on
    the check (never as if the risk were established). The same action never twice (for
    two issues to verify, « Si F1 ou F2 se confirme : … »); ranked by the most serious
    issue it answers and then by when it is due.

    ``names``: the partners' names (an action starting with one keeps its capital);
    ``due``: when the action is due given the case's facts (:mod:`reports.memo_timing`)."""
    found: dict[str, tuple[int, int, list[str], str, str]] = {}
    leads: dict[str, list[str]] = {}  # the leading rules of the issues each action answers
    established: set[str] = set()  # actions that an established issue calls for
    for f in sorted(a.findings, key=lambda f: f.rank or 10_000):
        number = number_of.get(f.rule_id)
        if f.clear_by:
            changes = list(f.clear_by[0].changes)  # the first option; others are alternatives
        elif f.action is not None and f.action.text:
            # No cure clears it: its advice is the action (an issue to verify: if confirmed).
            changes = [f.action]
        else:
            continue
        for change in changes:
            when = change.when if change.when in WHEN else "before_signing"
            if due is not None:
                when = due(when, f, change)
            text = change.text
            if f.status == "flagged" or not number:
                established.add(text)
            if text not in found:
                who = ", ".join(change.who) or w["all_partners"]
                found[text] = (f.rank or 10_000, WHEN.index(when), [], who, when)
            if number and number not in found[text][2]:
                found[text][2].append(number)
            if f.rule_id not in leads.setdefault(text, []):
                leads[text].append(f.rule_id)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[1][1]))
    out = []
    for i, (text, (_, _, numbers, who, when)) in enumerate(ordered, start=1):
        rules = tuple(leads.get(text, ()))
        if text not in established and numbers:
            # The same action for several issues to verify: once, if any is confirmed.
            either = _either(numbers, w)
            text = w.text("action_if_confirmed", number=either, action=lead_lower(text, names))
        out.append(Action(f"A{i}", text, who, w[f"when.{when}"], tuple(numbers), when, rules=rules))
    return out


def with_measures(
    plan: list[Action],
    measures: list[Measure],
    a: Assessment,
    case: AllianceCase,
    number_of: dict[str, str],
    w: MemoWords,
) -> list[Action]:
    """One table of what to do: the actions that cure the issues, then the recommended
    measures, each with who acts and when, numbered on from the actions (the priority
    actions keep their numbers).

    Who and when are derived as the action plan derives them: who acts is the partners the
    measure's issues fall on (all partners when it is every one of them, or none is named);
    it is due when the last of the actions curing the same issues is (a measure answering
    several issues is done once, for all of them), else before signing. A measure whose
    issues are all to verify depends on the check, as an action does."""
    due = {n: WHEN.index(x.due) for x in plan for n in x.numbers}
    status = {number_of[f.rule_id]: f.status for f in a.findings if f.rule_id in number_of}
    rank = {number_of[f.rule_id]: f.rank or 10_000 for f in a.findings if f.rule_id in number_of}
    rows = []
    for m in measures:
        whens = [due[n] for n in m.numbers if n in due]
        when = WHEN[max(whens)] if whens else "before_signing"
        if m.amends and WHEN.index(when) > WHEN.index("before_next_payment"):
            when = "at_once"  # the agreement in force is amended now, not within the year
        title = m.title
        if m.numbers and all(status.get(n) == "to_verify" for n in m.numbers):
            numbers = _either(m.numbers, w)
            title = w.text("action_if_confirmed", number=numbers, action=lead_lower(title))
        concerned = _concerned(m.rules, a, case, m.duty)
        if len(concerned) > 2 and set(concerned) == _bearers("non_profits", case):
            who = w["all_non_profits"]  # every one of them: named once, as a group
        else:
            who = ", ".join(concerned) or w["all_partners"]
        first = min((rank.get(n, 10_000) for n in m.numbers), default=10_000)
        rows.append((first, WHEN.index(when), m, title, who, when))
    rows.sort(key=lambda r: (r[0], r[1]))
    plan = list(plan)
    kept = []
    for row in rows:
        m = row[2]
        at = _restated(m, plan)
        if at is None:
            kept.append(row)
            continue
        # The measure says what the action says: one row, under the measure's name and with
        # its legal basis; the action's text keeps its condition (« Si F1 se confirme : »),
        # as page 1 prints it.
        text = plan[at].text
        if m.see_also:  # the measure's guides, read beside it (never its basis)
            text = f"{text.rstrip()}{'' if text.rstrip().endswith('.') else '.'} {m.see_also}"
        plan[at] = replace(
            plan[at], text=text, title=m.title, references=m.references, folded=m.anchor
        )
    rows = kept
    start = len(plan) + 1
    return plan + [
        Action(
            f"A{i}",
            m.summary,
            who,
            w[f"when.{when}"],
            m.numbers,
            when,
            title=title,
            references=m.references,
            key=m.anchor,
        )
        for i, (_, _, m, title, who, when) in enumerate(rows, start=start)
    ]


def _restated(m: Measure, plan: list[Action]) -> int | None:
    """The row of the action a measure restates, if any: the first action (with no measure
    folded in yet) curing an issue led by a rule the measure restates (the rules base's
    ``restates``), when such actions answer every issue of the measure, or when each issue
    they leave has an action of its own in the table (the volunteers' expense policy says
    what « frais réels » and « ni horaires, ni sanctions » already say, one row each)."""
    if not m.restates:
        return None
    mine = [i for i, x in enumerate(plan) if set(x.rules) & set(m.restates)]
    answered = {n for x in plan for n in x.numbers}  # those ``mine`` answer among them
    free = [i for i in mine if not plan[i].folded]
    if not free or not set(m.numbers) <= answered:
        return None
    # The first in the plan: a merged issue's own cure comes before the cures of the
    # issues merged into it (the written agreement before who decides what).
    return free[0]


def _either(numbers: list[str] | tuple[str, ...], w: MemoWords) -> str:
    """« F1 », « F1 ou F2 », « F1, F2 ou F3 »."""
    if len(numbers) < 2:
        return "".join(numbers)
    return f"{', '.join(numbers[:-1])} {w['or']} {numbers[-1]}"


def _concerned(
    rules: tuple[str, ...], a: Assessment, case: AllianceCase, duty: str = ""
) -> list[str]:
    """The partners the issues a measure answers fall on, in the case's order; none when
    that is every partner, or when an issue it answers concerns the alliance as a whole.

    A measure whose duty falls on partners of a given role (``duty``) is theirs: of them,
    those its issues fall on, else all of them in the case; the association that receives
    a gift issues the receipt and records the gift, never its donor."""
    answered = set(rules)
    issues = [f for f in a.findings if answered & set(f.rules or [f.rule_id])]
    bearers = _bearers(duty, case)
    if bearers:
        named = {n for f in issues for n in f.partners}
        names = (bearers & named) or bearers
        concerned = [p.name for p in case.partners if p.name in names]
        return concerned if len(concerned) < len(case.partners) else []
    if any(not f.partners for f in issues):
        return []
    # Those who act on the issues whose every merged rule the measure answers (the donor
    # declares its gifts, not the beneficiary); failing such an issue, everyone the issues
    # fall on (a merged issue does not say which partner each rule is about).
    whole = [f for f in issues if set(f.rules or [f.rule_id]) <= answered]
    names = {n for f in whole for n in _actors(f)} or {n for f in issues for n in f.partners}
    concerned = [p.name for p in case.partners if p.name in names]
    return concerned if len(concerned) < len(case.partners) else []


def _bearers(duty: str, case: AllianceCase) -> set[str]:
    """The names of the partners who bear a duty of the given role, in the case."""
    if not duty:
        return set()
    # An insertion structure run as an association is a non-profit too.
    non_profit: set[str | None] = {
        p.id
        for p in case.partners
        if p.kind in NON_PROFIT_KINDS
        or (p.kind == "insertion_structure" and p.insertion_form == "association")
    }
    ids: set[str | None]
    money, people = case.money, case.people
    if duty == "recipients":
        ids = {g.beneficiary for g in money.gifts} | {s.beneficiary for s in money.subsidies}
        ids = (ids | {x.host for x in people.staff_loans}) & non_profit
        ids = ids or non_profit
    elif duty == "receipt_issuers":
        ids = {g.beneficiary for g in money.gifts}
        ids |= {p.id for p in case.partners if p.issues_tax_receipts is True}
    elif duty == "public_buyers":
        # Who buys: the public purchases' buyers and the public funders of subsidies.
        public: set[str | None] = {p.id for p in case.partners if p.kind in PUBLIC_KINDS}
        ids = {x.buyer for x in money.public_purchases} | {s.funder for s in money.subsidies}
        ids = (ids & public) or public
    elif duty == "subsidy_beneficiaries":
        ids = {s.beneficiary for s in money.subsidies}
    else:
        ids = non_profit
    return {p.name for p in case.partners if p.id in ids}


def _actors(f: Finding) -> list[str]:
    """The partners who act on an issue (its cure's or its advice's), else its partners."""
    changes = list(f.clear_by[0].changes) if f.clear_by else []
    if not changes and f.action is not None:
        changes = [f.action]
    who = [n for c in changes for n in c.who if n in f.partners]
    return who or list(f.partners)


def open_question_groups(
    a: Assessment,
    case: AllianceCase,
    number_of: dict[str, str],
    w: MemoWords,
) -> list[QuestionGroup]:
    """The open questions, grouped by the partner who can answer (the alliance as a whole
    first), each group in the findings layer's ranking; the issues each may settle. A
    question that opens a topic no answer brought in, and settles none of the memo's risks,
    is not asked.

    A question asked the same way of several partners (an approval, a status) is asked
    once, in a group of its own, naming every partner it concerns (« pour l’association X
    et le CCAS »); a question of the alliance that opens on a pronoun (« Leurs missions… »)
    names its subject, the interview section it belongs to."""
    alliance = case.meta.name
    names = [p.name for p in case.partners]
    kinds = {p.name: p.kind for p in case.partners}
    # A question that opens a topic nothing in the file brought in (an association's ESUS
    # approval) and settles none of the memo's risks is not asked: the interview does not
    # ask it either.
    asked = [q for q in a.open_questions if not q.topic or any(r in number_of for r in q.decides)]
    shared = _shared(asked)
    several = w["several_partners"]
    grouped: dict[str, list[tuple[list[OpenQuestion], str]]] = {}
    done: set[tuple[str, str]] = set()
    for q in asked:
        key = _share_key(q)
        if key in shared:
            if key in done:
                continue
            done.add(key)
            alike = shared[key]
            who = [(x.partners[0], kinds.get(x.partners[0])) for x in alike]
            entry = w.text("for_partners", partners=with_articles(who, "the", w.lang))
            grouped.setdefault(several, []).append((alike, entry))
            continue
        owner = q.partners[0] if q.partners else alliance
        entry = q.entry or ""
        if not entry and not q.partners:
            entry = _subject(q, w)
        grouped.setdefault(owner, []).append(([q], "" if entry == owner else shorten(entry)))
    order: dict[str, int] = {}  # each owner's first position (list.index was quadratic)
    for k, o in enumerate([alliance, several, *names]):
        order.setdefault(o, k)
    out, i = [], 0
    for owner in sorted(grouped, key=lambda o: order.get(o, len(order))):
        rows = []
        for alike, entry in grouped[owner]:
            i += 1
            decides = {r for q in alike for r in q.decides}
            numbers = sorted(
                {number_of[r] for r in decides if r in number_of}, key=lambda n: int(n[1:])
            )
            q = alike[0]
            rows.append(
                VerifyQuestion(
                    f"Q{i}",
                    q.question.text,
                    entry,
                    tuple(numbers),
                    (q.question.text, q.entry or ""),
                    tuple((x.question.text, x.entry or "") for x in alike[1:]),
                )
            )
        out.append(QuestionGroup(owner, tuple(rows)))
    return out


#: A question that opens on a pronoun needs its subject named.
_PRONOUN = re.compile(
    r"^(?:Leur|Leurs|Ces|Ce|Cet|Cette|Il|Ils|Elle|Elles|Their|These|This|Its|They|It|Those)\b"
)


def _share_key(q: OpenQuestion) -> tuple[str, str]:
    """What makes two questions the same: the interview question, asked of a partner."""
    return (q.question.id, re.sub(r"\[\d+\]", "[]", q.field))


def _shared(questions: list[OpenQuestion]) -> dict[tuple[str, str], list[OpenQuestion]]:
    """The questions asked alike of two partners or more, by their common key."""
    by_key: dict[tuple[str, str], list[OpenQuestion]] = {}
    for q in questions:
        if len(q.partners) == 1 and q.entry == q.partners[0]:
            by_key.setdefault(_share_key(q), []).append(q)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def _subject(q: OpenQuestion, w: MemoWords) -> str:
    """What a question of the alliance is about when its text leans on an earlier one: the
    people or things its group holds (« Volontaires en service civique »), else, for a
    question opening on a pronoun, the fact asked; empty when the question says it."""
    scope = q.field.rpartition(".")[0]
    scope = re.sub(r"\[\d+\]", "", scope)
    key = f"subject.{scope}"
    if scope and w.get(key):
        return w[key]
    return q.label if _PRONOUN.match(q.question.text) else ""


def assumptions(a: Assessment, w: MemoWords) -> list[AssumptionLine]:
    """The presumptions relied on, each with its basis and the question that confirms it."""
    return [
        AssumptionLine(
            x.label + (f" — {x.entry}" if x.entry else ""),
            x.shown,
            cite(x.basis, w.lang) or "",
            x.question.text if x.question else "",
        )
        for x in a.assumptions
    ]
