"""Which questions to ask now: top-level steps, and the questions about each list entry.

A question is asked when its ``ask_if`` is certainly true on the case's facts. Building the
fact sheet costs as much as reading the whole case, so every function here builds it at
most once per call and takes one already built (``facts``) when its caller has it: asking
"which questions" for each of 500 gifts must not read the case 500 times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..evaluate import truth
from ..facts import FactSheet, build_facts
from ..model import AllianceCase
from ..rulesbase import Question, RulesBase


def case_facts(
    case: AllianceCase,
    as_of: dt.date | None,
    *,
    lang: str = "en",
    rb: RulesBase | None = None,
) -> FactSheet:
    """The fact sheet the ``ask_if`` conditions read (today when no date is given); its
    entry labels in ``lang``."""
    return build_facts(case, as_of or dt.date.today(), lang=lang, rb=rb)


#: Whether a question is asked for entry ``index`` (``None``: a top-level question) on the
#: case's facts: what a memo of ``ask_if`` truths answers (``consolidate.Asking.asked``).
Asked = Callable[[Question, "int | None"], bool]


def steps(
    rb: RulesBase,
    case: AllianceCase,
    as_of: dt.date | None = None,
    facts: FactSheet | None = None,
    asked: Asked | None = None,
) -> list[Question]:
    """Top-level questions to ask now, in order (list questions included); ``asked``: the
    truths of their ``ask_if`` on ``facts``, when the caller has them memoised."""
    if asked is not None:
        return [q for q in rb.questions if not (q.list_scope and not q.is_list) and asked(q, None)]
    values = (facts or case_facts(case, as_of)).values
    return [
        q
        for q in rb.questions
        if not (q.list_scope and not q.is_list)  # entry questions: asked in the list editor
        and (q.ask_if is None or truth(q.ask_if, values) is True)
    ]


def _entry_questions_of(rb: RulesBase, scope: str) -> list[Question]:
    return [q for q in rb.questions if not q.is_list and q.list_scope == scope]


def entry_questions(
    rb: RulesBase,
    case: AllianceCase,
    scope: str,
    index: int,
    as_of: dt.date | None = None,
    facts: FactSheet | None = None,
) -> list[Question]:
    """Questions to ask about entry ``index`` of list ``scope``."""
    values = (facts or case_facts(case, as_of)).values
    entry = values[scope][index]
    return [
        q
        for q in _entry_questions_of(rb, scope)
        if q.ask_if is None or truth(q.ask_if, values, entry) is True
    ]


def questions_per_entry(
    rb: RulesBase,
    case: AllianceCase,
    scope: str,
    as_of: dt.date | None = None,
    facts: FactSheet | None = None,
    asked: Asked | None = None,
) -> list[list[Question]]:
    """For each entry of list ``scope``, the questions to ask about it (one fact sheet;
    ``asked`` as for :func:`steps`)."""
    values = (facts or case_facts(case, as_of)).values
    candidates = _entry_questions_of(rb, scope)
    if asked is not None:
        return [[q for q in candidates if asked(q, i)] for i in range(len(values[scope]))]
    return [
        [q for q in candidates if q.ask_if is None or truth(q.ask_if, values, entry) is True]
        for entry in values[scope]
    ]


def sections(rb: RulesBase, lang: str) -> list[tuple[str, str]]:
    """``(id, title)`` of each section, in interview order."""
    return [(s.id, s.title.get(lang)) for s in rb.sections]
