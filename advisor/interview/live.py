"""What the interview reads after every answer, kept from one answer to the next.

A session (``tui/session.py``) re-reads after each answer: the assessment (with the
explanations kept by :class:`advisor.explain_cache.ExplanationCache`), the questions to
step through and the progress counts. The last two read the case's fact sheet and which
questions its ``ask_if`` conditions ask: built once per state of the case here, and the
truths of those conditions taken from the assessment's memo (carried from answer to answer
where no fact they read changed, :meth:`advisor.consolidate.Asking.carried`).
tests/test_explain_cache.py checks every figure against one computed afresh.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..explain_cache import ExplanationCache
from ..facts import FactSheet
from ..model import AllianceCase
from ..rulesbase import Question, RulesBase
from .questions import Asked, case_facts, steps
from .tally import Extra, Tally, tally, with_progress


class Live:
    """The memos of one interview over the rules base ``rb``."""

    def __init__(self, rb: RulesBase):
        self.rb = rb
        self.explained: ExplanationCache | None = ExplanationCache()
        """Pass to :func:`advisor.assess.assess` (``None``: every finding explained
        afresh, as the benchmark's baseline does)."""
        self._sheet: tuple[Any, ...] | None = None
        self._tally: tuple[Any, ...] | None = None

    def facts(self, case: AllianceCase, day: dt.date) -> tuple[FactSheet, Asked | None]:
        """The case's fact sheet (values only: its labels are not read) and which questions
        it asks, once per state of the case (keyed on the case object: every change makes
        a new one); the truths worked out here are carried to the next assessment."""
        cached = self._sheet
        if cached is None or cached[0] is not case or cached[1] != day:
            sheet = self.explained.sheet if self.explained else None
            if sheet is not None and sheet[0] is case and sheet[1] == day:
                facts = sheet[2]  # the assessment's (its labels are in another language)
            else:
                facts = case_facts(case, day)
            asking = self.explained.asking(self.rb, facts.values) if self.explained else None
            self._sheet = cached = (case, day, facts, asking.asked if asking else None)
        return cached[2], cached[3]

    def moved(self, case: AllianceCase, question_id: str | None, index: int | None) -> AllianceCase:
        """:func:`advisor.interview.with_progress`: the case with the interview's position,
        whose facts and counts are those of ``case`` (the position is no fact)."""
        moved = with_progress(case, question_id, index)
        if self.explained is not None and self.explained.sheet and self.explained.sheet[0] is case:
            self.explained.sheet = (moved, *self.explained.sheet[1:])
        if self._sheet is not None and self._sheet[0] is case:
            self._sheet = (moved, *self._sheet[1:])
        if self._tally is not None and self._tally[0] is case:
            self._tally = (moved, *self._tally[1:])
        return moved

    def steps(self, case: AllianceCase, day: dt.date) -> list[Question]:
        """:func:`advisor.interview.steps` of the case."""
        return steps(self.rb, case, day, *self.facts(case, day))

    def tally(
        self,
        case: AllianceCase,
        day: dt.date,
        first: Question | None = None,
        identity: Extra | None = None,
    ) -> Tally:
        """:func:`advisor.interview.tally` of the case, once per state of the case (one
        session always passes the same ``first`` and ``identity``)."""
        cached = self._tally
        if cached is None or cached[0] is not case or cached[1] != day:
            counted = tally(
                self.rb, case, day, *self.facts(case, day), first=first, identity=identity
            )
            self._tally = cached = (case, day, counted)
        return cached[2]


__all__ = ["Live"]
