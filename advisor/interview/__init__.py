"""The interview, without a user interface: which questions to ask, and reading, parsing,
checking and writing answers.

The Textual app (``tui/``) only displays what this package decides. Questions are data
(``rules/questions/*.yaml``); a question is asked when its ``ask_if`` is certainly true.
Top-level questions form the sequence of steps; questions about list entries (a gift's
amount, a partner's kind) are asked in the list editor, for each entry.

* :mod:`.questions` — which questions to ask now;
* :mod:`.answers` — reading and storing answers, "unknown" said out loud, list entries;
* :mod:`.typed` — typed answers read and shown in French or English;
* :mod:`.tally` — the review and the progress counts;
* :mod:`.priorities` — the assessment's open questions, as the interview asks them.
"""

from __future__ import annotations

from ..errors import CaseError
from .answers import (
    REFERENCES,
    AnswerError,
    Choice,
    State,
    add_entry,
    answer_kind,
    answer_state,
    choices,
    entries,
    field_path,
    get_answer,
    provisional_name,
    remove_entry,
    set_answer,
    split_field,
    validated,
)
from .live import Live
from .priorities import NextQuestion, askable, next_question, open_summary, settled
from .questions import case_facts, entry_questions, questions_per_entry, sections, steps
from .tally import ReviewLine, Tally, answers_data, progress, review, tally, with_progress
from .typed import number_kind, parse_date, parse_number, parse_text, show_answer, shown_for_input


def entry_title(case, scope: str, index: int, lang: str = "en", rb=None) -> str:
    """A short label of entry ``index`` of list ``scope`` (``Orange → Unis-Cité``), in
    ``lang`` (the rules base ``rb`` names vocabulary values); an entry whose partners are
    not chosen yet is « nouveau prêt de personnel », not « … → … »."""
    from .. import catalogue
    from ..facts import NOT_CHOSEN, entry_label

    label = entry_label(case, scope, entries(case, scope)[index], lang=lang, rb=rb)
    key = f"core.entry_new_{scope.replace('.', '_')}"
    if label in (NOT_CHOSEN, f"{NOT_CHOSEN} → {NOT_CHOSEN}") and catalogue.has(key):
        return catalogue.text(lang, key)
    return label


__all__ = [
    "REFERENCES",
    "AnswerError",
    "CaseError",
    "Live",
    "Choice",
    "ReviewLine",
    "State",
    "NextQuestion",
    "Tally",
    "add_entry",
    "answer_kind",
    "answer_state",
    "askable",
    "case_facts",
    "choices",
    "entries",
    "entry_questions",
    "entry_title",
    "field_path",
    "get_answer",
    "next_question",
    "number_kind",
    "open_summary",
    "parse_date",
    "parse_number",
    "parse_text",
    "progress",
    "provisional_name",
    "questions_per_entry",
    "remove_entry",
    "review",
    "sections",
    "set_answer",
    "settled",
    "show_answer",
    "shown_for_input",
    "split_field",
    "steps",
    "tally",
    "validated",
    "with_progress",
    "answers_data",
]
