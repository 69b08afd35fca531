"""Where the interview stands: every question asked with its answer, and the counts.

One pass over the case serves the review, the progress line and the section counts: the
fact sheet is built once per call and each list entry is visited once, so that a case with
500 gifts costs 500 entries, not 500 fact sheets.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..casefile import case_data, case_from_data
from ..facts import FactSheet
from ..model import AllianceCase, Meta
from ..rulesbase import Question, RulesBase
from .answers import (
    State,
    answer_kind,
    entries,
    get_answer,
    provisional_name,
    split_field,
    state_of,
)
from .questions import Asked, case_facts, questions_per_entry, steps
from .typed import show_answer


@dataclass(frozen=True)
class ReviewLine:
    """One question asked, with its answer as the adviser reads it."""

    section: str
    """Section id."""
    question: Question
    index: int | None
    """For a question about a list entry: which entry."""
    entry: str | None
    """The entry's label (``Orange → Unis-Cité``), for a question about a list entry."""
    shown: str
    """The answer in words (``inconnu`` when there is no value)."""
    known: bool
    """The field has a value (a list question: it has entries)."""
    state: State = "known"
    """``known``, ``unknown`` (said unknown) or ``open`` (not reached yet)."""


Key = tuple[str, "int | None"]
"""A question asked: ``(question id, entry index)`` (``None`` for a top-level question)."""

#: The model's name for an alliance nobody named yet: no answer.
_UNNAMED = Meta.model_fields["name"].default


@dataclass
class Tally:
    """The one count of the interview, that every count on screen reads: the questions
    asked now (list questions left out, entry questions and the interview's own questions
    included), answered or not, overall, per section and per list entry."""

    answered: int = 0
    """Known or said unknown."""
    asked: int = 0
    unknown: int = 0
    """Said unknown (counted in ``answered``)."""
    sections: dict[str, list[int]] = field(default_factory=dict)
    """Section id -> ``[answered, asked]``."""
    entries: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    """``(list scope, entry index)`` -> ``[answered, asked]``."""
    order: list[Key] = field(default_factory=list)
    """Every question counted, in interview order (entries after their list question)."""
    lists: dict[str, tuple[int, int]] = field(default_factory=dict)
    """List question id -> ``(first, last)`` positions in :attr:`order` (1-based) of its
    entries' questions; absent when they have none."""
    open: list[Key] = field(default_factory=list)
    """The questions not reached yet (neither answered nor said unknown), in order."""

    def position(self, key: Key) -> int | None:
        """1-based place of a question in :attr:`order` (``None``: not counted)."""
        try:
            return self.order.index(key) + 1
        except ValueError:
            return None

    def open_except(self, key: Key | None) -> list[Key]:
        """The questions still open, ``key`` left out (the one on screen)."""
        return [k for k in self.open if k != key]


Extra = Callable[[str], list[Question]]
"""The interview's own questions about an entry of a list scope (who the entry is)."""


def _asked(
    rb: RulesBase,
    case: AllianceCase,
    as_of: dt.date | None,
    lang: str = "en",
    facts: FactSheet | None = None,
    asked: Asked | None = None,
    first: Question | None = None,
    identity: Extra | None = None,
) -> Iterator[tuple[Question, int | None, str | None, Question | None]]:
    """``(question, entry index, entry label in ``lang``, list question)`` for every
    question asked now; ``first`` (the alliance's name) before them, ``identity``'s
    questions first in each entry (``facts``: the case's, already built, when the labels
    are not read; ``asked``: the truths of the questions' ``ask_if`` on it, memoised)."""
    facts = facts or case_facts(case, as_of, lang=lang, rb=rb)
    if first is not None:
        yield first, None, None, None
    for q in steps(rb, case, facts=facts, asked=asked):
        yield q, None, None, None
        if q.is_list:
            scope = q.doc.field
            labels = facts.labels.get(scope, [])
            own = identity(scope) if identity is not None else []
            per_entry = questions_per_entry(rb, case, scope, facts=facts, asked=asked)
            for i, entry_asked in enumerate(per_entry):
                for eq in own + entry_asked:
                    yield eq, i, labels[i] if i < len(labels) else None, q


def _value(case: AllianceCase, q: Question, index: int | None) -> Any:
    """The stored answer; the alliance's default name is no answer."""
    value = get_answer(case, q, index)
    if q.doc.field == "meta.name" and value in ("", _UNNAMED):
        return None
    return value


def review(
    rb: RulesBase,
    case: AllianceCase,
    lang: str,
    as_of: dt.date | None = None,
    identity: Extra | None = None,
) -> list[ReviewLine]:
    """Every question asked, with its answer, in interview order (entries expanded)."""
    said = set(case.meta.unknown)
    names = {p.id: p.name for p in case.partners}
    lines = []
    for q, index, entry, parent in _asked(rb, case, as_of, lang, identity=identity):
        value = _value(case, q, index)
        shown = show_answer(rb, q, value, lang)
        if value is not None and answer_kind(q) == "partner" and value in names:
            shown = names[value]
        state = state_of(value, q, index, said)
        section = parent.section if parent is not None else q.section
        known = bool(value) if q.is_list else value is not None
        lines.append(ReviewLine(section, q, index, entry, shown, known, state))
    return lines


_READERS: dict[int, tuple[Question, str | None, Callable[[Any], Any]]] = {}


def _reader(q: Question) -> tuple[str | None, Callable[[Any], Any]]:
    """The list of a question about an entry (``None``: about the case) and what reads its
    answer in an entry: :func:`get_answer`'s path, split once per question."""
    found = _READERS.get(id(q))
    if found is None or found[0] is not q:
        scope, path = split_field(q)
        if len(_READERS) > 20_000:
            _READERS.clear()
        found = _READERS[id(q)] = (q, scope, operator.attrgetter(path))
    return found[1], found[2]


def tally(
    rb: RulesBase,
    case: AllianceCase,
    as_of: dt.date | None = None,
    facts: FactSheet | None = None,
    asked: Asked | None = None,
    first: Question | None = None,
    identity: Extra | None = None,
) -> Tally:
    """Counts of answered and asked questions (entries included), overall, per section and
    per entry; ``first`` and ``identity``: the interview's own questions (see :func:`_asked`);
    ``facts``: the case's fact sheet at ``as_of``, when the caller has it; ``asked``: the
    truths of the questions' ``ask_if`` on it, memoised."""
    said = set(case.meta.unknown)
    out = Tally()
    lists: dict[str, list[Any]] = {}
    for q, index, _, parent in _asked(
        rb, case, as_of, facts=facts, asked=asked, first=first, identity=identity
    ):
        if q.is_list:
            continue
        scope, read = _reader(q)
        if scope is None or index is None:
            value = _value(case, q, index)
        else:
            found = lists.get(scope)
            if found is None:
                found = lists[scope] = entries(case, scope)
            value = read(found[index])
            if scope == "partners" and provisional_name(case, q, index) is not None:
                value = None  # « Partenaire 3 », the editor's: no name typed yet, no answer
        state = state_of(value, q, index, said)
        key = (q.id, index)
        out.order.append(key)
        if parent is not None:
            start, _end = out.lists.get(parent.id, (len(out.order), 0))
            out.lists[parent.id] = (start, len(out.order))
        counts = [out.sections.setdefault(parent.section if parent else q.section, [0, 0])]
        if parent is not None and index is not None:
            counts.append(out.entries.setdefault((parent.doc.field, index), [0, 0]))
        out.asked += 1
        for c in counts:
            c[1] += 1
        if state == "open":
            out.open.append(key)
            continue
        out.answered += 1
        out.unknown += state == "unknown"
        for c in counts:
            c[0] += 1
    return out


def progress(rb: RulesBase, case: AllianceCase, as_of: dt.date | None = None) -> tuple[int, int]:
    """``(answered, asked)`` over every question asked now, entries included; an answer
    said unknown is answered."""
    t = tally(rb, case, as_of)
    return t.answered, t.asked


def with_progress(
    case: AllianceCase, question_id: str | None, index: int | None = None
) -> AllianceCase:
    """The case with the interview position recorded (saved with it)."""
    data = case_data(case)
    meta = data.setdefault("meta", {})
    meta["progress"] = {
        k: v for k, v in (("question", question_id), ("item", index)) if v is not None
    }
    return case_from_data(data, "<interview>")


def answers_data(case: AllianceCase) -> dict[str, Any]:
    """The case's answers as data, without the interview position: equal for two cases
    that hold the same answers wherever the interview stood."""
    data = case_data(case)
    meta = data.get("meta")
    if isinstance(meta, dict):
        meta.pop("progress", None)
        if not meta:
            del data["meta"]
    return data
