"""The interview session: one case file, its answers and the engine's latest verdict.

This is the glue between the screens and the core. It holds no rule and no question
logic: what to ask and how to store an answer is :mod:`advisor.interview`, what the
answers mean is :func:`advisor.assess.assess`. It only sequences them and makes sure
every accepted answer reaches the disk (atomically) before the screen moves on.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor import catalogue, interview
from advisor.assess import assess
from advisor.casefile import case_data, case_sha256, load_case
from advisor.casefile_edit import save_case_keeping_layout
from advisor.casefile_lock import CaseLock, Holder
from advisor.display import since_words
from advisor.errors import AdvisorError
from advisor.findings import Assessment, Finding
from advisor.model import AllianceCase
from advisor.rulesbase import Question, RulesBase

from .entries import UNNAMED, alliance_name_question, identity_question, identity_questions


@dataclass
class Options:
    """What the command line decided (``advisor interview`` options)."""

    path: Path
    rules: RulesBase
    as_of: dt.date | None = None
    lang: str | None = None
    journal: str | None = None
    no_journal: bool = False
    new_default: bool = False
    """The path was chosen by the tool (no CASE given): say where the case is saved."""


class Session:
    """A case being built, its file, and its current assessment."""

    def __init__(self, options: Options, default_lang: str = "en"):
        self.options = options
        self.rb = options.rules
        self.path = options.path
        self.broken: AdvisorError | None = None
        """Why the case file could not be loaded; while set, nothing is ever written."""
        self.unsaved: AdvisorError | None = None
        """The last save failed (answers are kept in memory; quitting asks first)."""
        self.case = AllianceCase()
        if self.path.exists():
            try:
                self.case = load_case(self.path)
            except AdvisorError as exc:
                self.broken = exc
        self._written = (case_sha256(self.case), self.case.meta.progress)
        """Content hash and position on disk: the position alone never rewrites a file the
        user has not changed in this interview."""
        self._edited = False
        self._lock = CaseLock(self.path)
        holder = self._lock.acquire()
        weakref.finalize(self, self._lock.release)
        self.read_only: Holder | None = holder
        """The other interview that holds the case: while set, nothing is written (said
        once at the opening, and in the header)."""
        self.export_draft: dict[str, str | bool] = {}
        """What was typed in the export dialog, kept while the interview runs."""
        self.lang = options.lang or self.case.meta.lang or default_lang
        self.as_of = options.as_of
        self.live = interview.Live(self.rb)
        """What is kept from one answer to the next (explanations, which questions ask)."""
        self.assessment: Assessment = self._assess()

    # ---- reading ---------------------------------------------------------------

    @property
    def day(self) -> dt.date:
        return self.as_of or dt.date.today()

    def steps(self) -> list[Question]:
        return self.live.steps(self.case, self.day)

    def question(self, qid: str) -> Question | None:
        for q in self.rb.questions:
            if q.id == qid:
                return q
        return identity_question(self.rb, qid)

    def list_question(self, scope: str) -> Question | None:
        for q in self.rb.questions:
            if q.is_list and q.doc.field == scope:
                return q
        return None

    def answer_of(self, question: Question, index: int | None = None) -> tuple[Any, str]:
        """``(value, state)`` of an answer; the alliance's default name is no answer."""
        value = interview.get_answer(self.case, question, index)
        if question.doc.field == "meta.name" and value == UNNAMED:
            return None, "open"
        return value, interview.answer_state(self.case, question, index)

    def position(self) -> tuple[str | None, int | None]:
        p = self.case.meta.progress
        return p.question, p.item

    def _identity(self, scope: str) -> list[Question]:
        return identity_questions(self.rb, scope)

    def tally(self) -> interview.Tally:
        """The one count every number on screen reads: the core's, with the interview's own
        questions (the alliance's name, who each entry is); once per state of the case."""
        first = alliance_name_question(self.rb)
        return self.live.tally(self.case, self.day, first=first, identity=self._identity)

    def progress(self) -> tuple[int, int]:
        t = self.tally()
        return t.answered, t.asked

    def next_questions(self) -> list[interview.NextQuestion]:
        """The open questions the interview can ask, most important first (the core's
        ranking), for the current assessment."""
        cached = getattr(self, "_next", None)
        if cached is None or cached[0] is not self.assessment:
            self._next = (self.assessment, interview.askable(self.rb, self.assessment))
        return self._next[1]

    def review(self) -> list[interview.ReviewLine]:
        """Every question asked with its answer, in the interview's language."""
        return interview.review(self.rb, self.case, self.lang, self.day, self._identity)

    # ---- changing --------------------------------------------------------------

    def _assess(self, clear_by: bool = False) -> Assessment:
        """The assessment the live panels show, after every answer: without what would
        clear each finding to verify (no panel shows it; :meth:`full_assessment` adds it
        when a finding is opened or the memo exported)."""
        return assess(
            self.case,
            as_of=self.day,
            lang=self.lang,
            rules=self.rb,
            file=str(self.path),
            clear_by=clear_by,
            explained=self.live.explained,
        )

    def full_assessment(self) -> Assessment:
        """The current assessment with what would clear each finding (the finding's detail,
        the exports): computed once per state of the case, only when asked. It equals
        :attr:`assessment` but for the findings' ``clear_by``."""
        cached = getattr(self, "_full", None)
        if cached is None or cached[0] is not self.assessment:
            self._full = (self.assessment, self._assess(clear_by=True))
        return self._full[1]

    def in_full(self, finding: Finding) -> Finding:
        """``finding`` (of :attr:`assessment`) as the full assessment has it, with what
        would clear it."""
        for f in self.full_assessment().findings:
            if f.rule_id == finding.rule_id and f.status == finding.status:
                return f
        return finding

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.assessment = self._assess()

    def answer(self, question: Question, value: Any, index: int | None = None) -> None:
        """Store an answer, re-assess, save.

        Raises:
            AnswerError: the value does not fit the field (the case is unchanged).
        """
        self.case = interview.set_answer(self.case, question, value, index, self.lang)
        self.assessment = self._assess()
        self.save(question.id, index)

    def check(self, question: Question, value: Any, index: int | None = None) -> None:
        """Whether :meth:`answer` would take ``value``; nothing is stored.

        Raises:
            AnswerError: the value does not fit the field.
        """
        interview.set_answer(self.case, question, value, index, self.lang)

    def add_entry(self, scope: str) -> int:
        self.case, index = interview.add_entry(self.case, scope, lang=self.lang)
        self.assessment = self._assess()
        self.save()
        return index

    def remove_entry(self, scope: str, index: int) -> None:
        self.case = interview.remove_entry(self.case, scope, index, lang=self.lang, rb=self.rb)
        self.assessment = self._assess()
        self.save()

    def snapshot(self) -> dict[str, Any]:
        """The answers as data: equal snapshots mean nothing was answered in between."""
        return interview.answers_data(self.case)

    def drop_untouched_entry(self, scope: str, index: int, snapshot: dict[str, Any]) -> bool:
        """Take out an entry added and then left with no answer at all (``snapshot`` was
        taken right after adding it): opening a new partner and leaving records nothing."""
        if self.snapshot() != snapshot:
            return False
        try:
            self.remove_entry(scope, index)
        except AdvisorError:
            return False
        return True

    def set_cover(self, name: str, adviser: str, client: str) -> None:
        """The memo cover's names (``meta``): not interview answers, so no question."""
        data = case_data(self.case)
        meta = data.setdefault("meta", {})
        for key, value in (("name", name), ("adviser", adviser), ("client", client)):
            if value.strip():
                meta[key] = value.strip()
            else:
                meta.pop(key, None)
        self.case = interview.validated(data, self.lang)  # a sentence in the interview's words
        self.assessment = self._assess()
        self.save()

    def move_to(self, question_id: str | None, index: int | None = None) -> None:
        """Record the interview position (written only once the file exists)."""
        if self.path.exists():
            self.save(question_id, index)
        else:
            self.case = self.live.moved(self.case, question_id, index)

    def save(self, question_id: str | None = None, index: int | None = None) -> None:
        """Write the case (with the position) atomically, keeping the file's comments and
        layout; never over a broken file, never while another interview holds it, and not
        when only the position moved."""
        if self.broken is not None:
            return
        if question_id is not None:
            self.case = self.live.moved(self.case, question_id, index)
        written = (case_sha256(self.case), self.case.meta.progress)
        changed = written[0] != self._written[0] or not self.path.exists()
        if self.read_only is not None:
            if written[0] != self._written[0]:
                # Kept in memory only; quitting says so before anything is lost.
                self.unsaved = AdvisorError(self.read_only_text(), file=str(self.path))
            return
        if not changed and (not self._edited or written == self._written):
            return
        try:
            save_case_keeping_layout(self.path, self.case)
        except AdvisorError as exc:
            self.unsaved = exc
            raise
        self._written, self._edited = written, True
        self.unsaved = None

    # ---- leaving ---------------------------------------------------------------

    def record(self) -> str | None:
        """Journal the current assessment; returns a warning, or ``None`` when done."""
        if self.options.no_journal or self.broken is not None or not self.path.exists():
            return None  # nothing to record: journalling off, a broken or an unwritten case
        try:
            from advisor.journal import Journal

            Journal.open(self.options.journal).record(
                self.path, self.case, self.assessment, source="interview"
            )
        except AdvisorError as exc:
            return str(exc)
        return None

    def read_only_text(self) -> str:
        """Why nothing is saved, in the interview's language: who holds the case, since
        when."""
        holder = self.read_only
        if holder is None:
            return ""
        return catalogue.text(
            self.lang,
            "tui.read_only_body",
            pid=holder.pid,
            host=holder.host,
            since=since_words(holder.since, self.lang),
        )

    def default_export_base(self) -> Path:
        """``case.yaml`` -> ``case.memo`` (each format adds its extension)."""
        return self.path.with_name(self.path.stem + ".memo")

    def export(self, fmt: str, path: Path) -> None:
        from reports.export import export

        export(fmt, path, self.full_assessment(), self.case, self.rb)
