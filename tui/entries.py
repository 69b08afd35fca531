"""The list editor's own questions: who an entry is about.

The questions files leave out the fields that identify a list entry (a partner's name and
role, a gift's donor and beneficiary...): the list editor asks them. They are built here
as ordinary :class:`Question` objects so that they are read, stored and validated by
:mod:`advisor.interview` like every other answer. When a questions file does ask one of
these fields, its question is used instead.
"""

from __future__ import annotations

from advisor import interview
from advisor.fieldspec import FieldSpec
from advisor.model import AllianceCase, Meta
from advisor.rulemodel import Bilingual, QuestionDoc
from advisor.rulesbase import Question, RulesBase
from advisor.schema import case_schema

from .strings import t

#: Identity fields of each list, in the order the editor asks them.
IDENTITY: dict[str, tuple[str, ...]] = {
    "partners": ("name", "role"),
    "vehicle.colleges": ("name",),
    **interview.REFERENCES,
}


#: Fields that cannot be left unknown (the model requires them): no "unknown" offered.
REQUIRED = {"partners[].name", "meta.name"}

ALLIANCE_NAME = "alliance.name"
"""Id of the interview's first question: the alliance's name (printed on the memo)."""
#: The model's name for an alliance nobody named yet: shown as no answer.
UNNAMED = Meta.model_fields["name"].default


def _text(key: str, **kw: str) -> Bilingual:
    return Bilingual(fr=t("fr", key, **kw), en=t("en", key, **kw))


def identity_questions(rb: RulesBase, scope: str) -> list[Question]:
    """The editor's questions on who entry of ``scope`` is about (cheap to build)."""
    schema = case_schema()
    out = []
    for order, path in enumerate(IDENTITY.get(scope, ())):
        absolute = f"{scope}[].{path}"
        spec = schema.by_absolute(absolute)
        if spec is None or rb.questions_for(absolute):
            continue
        if path in ("name", "role"):
            text = _text(f"ask_{scope.replace('.', '_')}_{path}")
            help_ = _text(f"help_{scope.replace('.', '_')}_{path}")
        else:
            label = Bilingual(fr=rb.field_label(absolute, "fr"), en=rb.field_label(absolute, "en"))
            text = Bilingual(
                fr=t("fr", "ask_partner_ref", label=label.fr),
                en=t("en", "ask_partner_ref", label=label.en),
            )
            help_ = _text("help_partner_ref")
        doc = QuestionDoc(id=f"{scope}.{path}", field=absolute, text=text, help=help_)
        out.append(
            Question(
                doc=doc, section="", spec=spec, list_scope=scope, ask_if=None, order=-100 + order
            )
        )
    return out


def alliance_name_question(rb: RulesBase) -> Question:
    """The alliance's name, asked first: the memo's cover and the journal show it."""
    doc = QuestionDoc(
        id=ALLIANCE_NAME,
        field="meta.name",
        text=_text("ask_alliance_name"),
        help=_text("help_alliance_name"),
    )
    section = rb.sections[0].id if rb.sections else ""
    spec = FieldSpec(path="meta.name", scope="", kind="text")
    return Question(doc=doc, section=section, spec=spec, list_scope=None, ask_if=None, order=-1)


def identity_question(rb: RulesBase, qid: str) -> Question | None:
    """The identity question with this id (``partners.name``, ``money.gifts.donor``)."""
    if qid == ALLIANCE_NAME:
        return alliance_name_question(rb)
    scope, _, _ = qid.rpartition(".")
    for q in identity_questions(rb, scope):
        if q.id == qid:
            return q
    return None


def entry_form(rb: RulesBase, case: AllianceCase, scope: str, index: int, as_of) -> list[Question]:
    """Every question the editor asks about one entry: identity first, then the base's."""
    return identity_questions(rb, scope) + interview.entry_questions(rb, case, scope, index, as_of)


def broken_case_message(error: Exception, path, lang: str) -> str:
    """Why a case file does not load, in ``lang`` when the problem is its content.

    The core reports a broken file in English (the command line's language); the
    interview says the same in French when it can tell which fields are wrong.
    """
    from pydantic import ValidationError

    from advisor.errors import CaseError
    from advisor.validation import problems
    from advisor.yamlio import MAX_CASE_BYTES, load_mapping

    if lang == "en" or not isinstance(error, CaseError):
        return str(error)
    try:
        AllianceCase.model_validate(load_mapping(path, max_bytes=MAX_CASE_BYTES))
    except ValidationError as exc:
        found = problems(exc, AllianceCase, lang)
        return "\n".join(f"{path} : {p}" for p in found) if found else str(error)
    except Exception:  # noqa: BLE001 - unreadable now: the core's own message says why
        return str(error)
    return str(error)
