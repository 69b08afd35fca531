"""The interview's questions (``questions/*.yaml``), checked against the case model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .conditions import ConditionError, Node, parse
from .errors import did_you_mean
from .parameters import Parameter
from .rulemodel import QuestionDoc, QuestionsFile, SectionDoc
from .rulesread import Collector
from .schema import ROOT, FieldSpec, Schema


@dataclass(frozen=True)
class Question:
    """A question of the interview, with the field it asks and when it is asked."""

    doc: QuestionDoc
    section: str
    spec: FieldSpec | None
    """The field asked; ``None`` for a list question (the list editor)."""
    list_scope: str | None
    """For a list question: the list edited. For an entry question: the list it belongs to."""
    ask_if: Node | None
    order: int

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def is_list(self) -> bool:
        return self.spec is None


def load_questions(
    col: Collector, root: Path, schema: Schema, params: dict[str, Parameter]
) -> tuple[list[SectionDoc], list[Question]]:
    """The interview's sections and questions, in file order."""
    folder = root / "questions"
    sections: list[SectionDoc] = []
    questions: list[Question] = []
    seen: set[str] = set()
    if not folder.is_dir():
        col.add("questions/", None, "missing: the interview questions folder")
        return sections, questions
    order = 0
    for path in sorted(folder.glob("*.yaml")):
        doc = col.read(path, QuestionsFile)
        if doc is None:
            continue
        sections.append(doc.section)
        for q in doc.questions:
            if q.id in seen:
                col.add(path, None, f"question id '{q.id}' is used twice")
            seen.add(q.id)
            question = check_question(col, path, q, doc.section.id, schema, params, order)
            if question is not None:
                questions.append(question)
                order += 1
    return sections, questions


def check_question(
    col: Collector,
    path: Path,
    q: QuestionDoc,
    section: str,
    schema: Schema,
    params: dict[str, Parameter],
    order: int,
) -> Question | None:
    """A list question edits a list (its ``ask_if`` reads the case); an entry question asks
    one field of each entry (its ``ask_if`` reads the entry)."""
    scope: str | None
    if q.field in schema.scopes:
        spec, scope, cond_scope = None, q.field, ROOT
    else:
        spec = schema.by_absolute(q.field)
        if spec is None or spec.derived:
            known = [f.absolute for f in schema.fields.values() if not f.derived]
            col.add(
                path,
                None,
                f"question '{q.id}': unknown field '{q.field}'"
                f"{did_you_mean(q.field, known + list(schema.scopes))}",
            )
            return None
        scope, cond_scope = (spec.scope or None), spec.scope
    ask_if = None
    if q.ask_if is not None:
        try:
            ask_if = parse(
                q.ask_if,
                schema,
                params,
                scope=cond_scope,
                where=f"question {q.id}: ask_if",
                sets=col.sets,
            )
        except ConditionError as exc:
            col.add(path, None, str(exc))
    return Question(q, section, spec, scope, ask_if, order)
