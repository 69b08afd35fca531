"""Reading and writing answers, "unknown" said out loud, and list entries.

An answer has one of three states. *Known*: the field has a value. *Unknown*: the question
was asked and the client did not know; the interview records it in ``meta.unknown`` (the
field's path), so that the file tells it apart from a question never reached. *Open*: no
value and not said unknown, a question not reached yet. For the engine the last two are the
same (``None``: an unknown never counts as "no").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from .. import catalogue
from ..errors import AdvisorError
from ..model import PARTNER_REFERENCES, REFERENCE_FIELDS, AllianceCase
from ..model.types import PUBLIC_KINDS
from ..rulesbase import Question, RulesBase
from ..schema import FieldSpec
from ..validation import problems

State = Literal["known", "unknown", "open"]

#: The list fields that name a partner, per list (a partner they name cannot be removed).
REFERENCES = PARTNER_REFERENCES

#: Reference fields only a public partner fills (a subsidy's funder, a public purchase's
#: buyer): their choice lists offer the public partners, and those whose nature is not
#: said yet, not the companies or associations.
PUBLIC_REFERENCES = frozenset({"money.subsidies[].funder", "money.public_purchases[].buyer"})


class AnswerError(AdvisorError):
    """An answer that cannot be stored: one sentence, in the interview's language, about
    the question (never a field path)."""


@dataclass(frozen=True)
class Choice:
    """One option of a yes/no, single-choice, multiple-choice or partner question."""

    value: Any
    """The value stored when it is chosen (``None``: unknown)."""
    label: str
    """What the adviser reads."""


# ---- where an answer lives ---------------------------------------------------------


def split_field(question: Question) -> tuple[str | None, str]:
    """``(list scope, path in the entry)``, or ``(None, path)`` for a top-level field."""
    field = question.doc.field
    if "[]." in field:
        scope, path = field.split("[].", 1)
        return scope, path
    return None, field


def field_path(question: Question, index: int | None = None) -> str:
    """The answer's path in the case: ``agreements.written``, ``money.gifts[0].amount_eur``."""
    scope, path = split_field(question)
    if scope is None:
        return path
    return f"{scope}[{_need(index, question)}].{path}"


def _get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _dig(data: dict, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def _need(index: int | None, question: Question) -> int:
    if index is None:
        raise AnswerError(f"question '{question.id}' is about a list entry: say which one")
    return index


def entries(case: AllianceCase, scope: str) -> list[Any]:
    """The entries of list ``scope`` (``partners``, ``money.gifts``...)."""
    return _get_path(case, scope)


def get_answer(case: AllianceCase, question: Question, index: int | None = None) -> Any:
    """The stored answer (``None``: unknown or not reached); for a list question, the entries."""
    if question.is_list:
        return entries(case, question.doc.field)
    scope, path = split_field(question)
    target = case if scope is None else entries(case, scope)[_need(index, question)]
    return _get_path(target, path)


def answer_state(
    case: AllianceCase,
    question: Question,
    index: int | None = None,
    said_unknown: frozenset[str] | set[str] | None = None,
) -> State:
    """``known``, ``unknown`` (asked, nobody knew) or ``open`` (not reached yet).

    ``said_unknown``: ``set(case.meta.unknown)``, when the caller asks for many answers.
    """
    said = said_unknown if said_unknown is not None else set(case.meta.unknown)
    return state_of(get_answer(case, question, index), question, index, said)


def state_of(
    value: object, question: Question, index: int | None, said: frozenset[str] | set[str]
) -> State:
    """The state of an answer already read (``said``: the paths said unknown)."""
    if question.is_list or value is not None:
        return "known"
    return "unknown" if said and field_path(question, index) in said else "open"


def set_answer(
    case: AllianceCase,
    question: Question,
    value: Any,
    index: int | None = None,
    lang: str = "en",
) -> AllianceCase:
    """A new case with the answer stored, validated as a whole.

    ``None`` is the answer "unknown", said by the adviser: it is recorded in
    ``meta.unknown``; any other value takes the field out of that list.

    Raises:
        AnswerError: the value does not fit the field (a sentence in ``lang``).
    """
    scope, path = split_field(question)
    data = case.model_dump(mode="python")
    target = data if scope is None else _dig(data, scope)[_need(index, question)]
    *parents, last = path.split(".")
    for p in parents:
        target = target[p]
    target[last] = value
    where = field_path(question, index)
    said = [p for p in data["meta"]["unknown"] if p != where]
    if value is None:
        said.append(where)
    data["meta"]["unknown"] = said
    return validated(data, lang)


def validated(data: dict, lang: str = "en") -> AllianceCase:
    """The case of ``data``, or an :class:`AnswerError` saying what is wrong, in ``lang``."""
    try:
        return AllianceCase.model_validate(data)
    except ValidationError as exc:
        names = {
            str(p.get("id")): str(p.get("name") or p.get("id"))
            for p in data.get("partners") or []
            if isinstance(p, dict)
        }
        found = problems(exc, AllianceCase, lang, names)
        raise AnswerError(found[0].text if found else str(exc)) from None


# ---- lists -------------------------------------------------------------------------


def add_entry(
    case: AllianceCase, scope: str, values: dict[str, Any] | None = None, lang: str = "en"
) -> tuple[AllianceCase, int]:
    """A new case with an entry appended to list ``scope``; returns it and its index.

    A new partner gets an id and a provisional name in ``lang`` ("Partenaire 3").
    """
    data = case.model_dump(mode="python")
    items = _dig(data, scope)
    entry = dict(values or {})
    if scope == "partners":
        taken = {p["id"] for p in items}
        n = len(items) + 1
        while f"partner-{n}" in taken:
            n += 1
        entry.setdefault("id", f"partner-{n}")
        entry.setdefault("name", catalogue.text(lang, "tui.default_partner", n=n))
    items.append(entry)
    return validated(data, lang), len(items) - 1


def provisional_name(case: AllianceCase, question: Question, index: int | None) -> str | None:
    """The provisional name :func:`add_entry` gave the partner asked about, while it still
    has it (in either language): the interview shows it as a hint, so that what is typed
    replaces it rather than being appended to it."""
    spec = question.spec
    if spec is None or spec.scope != "partners" or spec.path != "name" or index is None:
        return None
    if not 0 <= index < len(case.partners):
        return None
    partner = case.partners[index]
    n = partner.id.removeprefix("partner-")
    if not n.isdigit():
        return None
    given = {catalogue.text(lang, "tui.default_partner", n=int(n)) for lang in catalogue.LANGUAGES}
    return partner.name if partner.name in given else None


def remove_entry(
    case: AllianceCase,
    scope: str,
    index: int,
    *,
    lang: str = "en",
    rb: RulesBase | None = None,
) -> AllianceCase:
    """A new case without entry ``index``; a partner still named elsewhere cannot be removed.

    Answers said unknown about later entries follow them (their index moves down by one).
    """
    data = case.model_dump(mode="python")
    items = _dig(data, scope)
    if not 0 <= index < len(items):
        raise AnswerError(catalogue.text(lang, "tui.no_such_entry", n=index + 1))
    if scope == "partners":
        _check_unused(case, items[index], lang, rb)
    del items[index]
    data["meta"]["unknown"] = _renumbered(data["meta"]["unknown"], scope, index)
    return validated(data, lang)


def _check_unused(case: AllianceCase, partner: dict, lang: str, rb: RulesBase | None) -> None:
    from ..facts import entry_label

    users = []
    for scope, fields in REFERENCES.items():
        label = rb.scope_label(scope, lang) if rb is not None else scope
        for item in entries(case, scope):
            if any(getattr(item, f) == partner["id"] for f in fields):
                users.append(f"{label} ({entry_label(case, scope, item, lang=lang, rb=rb)})")
    if users:
        raise AnswerError(
            catalogue.text(
                lang,
                "tui.partner_in_use",
                name=partner["name"],
                uses="\n".join(f"• {u}" for u in users),  # one entry a line
            )
        )


def _renumbered(paths: list[str], scope: str, removed: int) -> list[str]:
    head = f"{scope}["
    out = []
    for path in paths:
        if not path.startswith(head):
            out.append(path)
            continue
        number, _, rest = path[len(head) :].partition("]")
        if not number.isdigit() or int(number) == removed:
            continue  # about the removed entry (or not a path of ours): dropped
        n = int(number)
        out.append(f"{head}{n - 1 if n > removed else n}]{rest}")
    return out


# ---- answer types ------------------------------------------------------------------


def choices(
    rb: RulesBase,
    question: Question,
    lang: str,
    case: AllianceCase | None = None,
    index: int | None = None,
) -> list[Choice]:
    """The options of a yes/no, choice or multiple-choice question ("unknown" last);
    ``index``: the entry a partner question is about, whose other party is not offered."""
    spec = question.spec
    if spec is None:
        return []
    unknown = Choice(None, catalogue.text(lang, "core.unknown"))
    if spec.kind == "bool":
        yes, no = catalogue.text(lang, "tui.yes"), catalogue.text(lang, "tui.no")
        return [Choice(True, yes), Choice(False, no), unknown]
    if spec.kind in ("enum", "multi"):
        opts = [Choice(v, rb.value_label(spec.absolute, v, lang)) for v in spec.values]
        return opts + [unknown]
    if spec.kind == "text" and case is not None and _is_partner_ref(spec):
        return [Choice(p.id, p.name) for p in _eligible(case, spec, index)] + [unknown]
    return []


def _eligible(case: AllianceCase, spec: FieldSpec, index: int | None = None) -> list[Any]:
    """The partners a reference field may name; one already named stays offered. In entry
    ``index``, the partner at the entry's other end is left out: a partner does not lend
    its staff to, fund, pay or buy from itself (the model refuses it)."""
    partners = list(case.partners)
    if spec.absolute in PUBLIC_REFERENCES:
        named = {getattr(e, spec.path) for e in entries(case, spec.scope)}
        partners = [
            p for p in partners if p.kind is None or p.kind in PUBLIC_KINDS or p.id in named
        ]
    others = _other_ends(case, spec, index)
    return [p for p in partners if p.id not in others]


def _other_ends(case: AllianceCase, spec: FieldSpec, index: int | None) -> set[str]:
    """The partners the other reference fields of entry ``index`` name."""
    fields = REFERENCES.get(spec.scope, ())
    if index is None or spec.path not in fields:
        return set()
    found = entries(case, spec.scope)
    if not 0 <= index < len(found):
        return set()
    entry = found[index]
    return {v for f in fields if f != spec.path and (v := getattr(entry, f, None)) is not None}


def _is_partner_ref(spec: FieldSpec) -> bool:
    return spec.path in REFERENCE_FIELDS


def answer_kind(question: Question) -> str:
    """One of: list, bool, enum, multi, eur, pct, number, date, text, partner."""
    spec = question.spec
    if spec is None:
        return "list"
    if spec.kind == "number":
        return {"eur": "eur", "pct": "pct"}.get(spec.unit or "", "number")
    if spec.kind == "text" and _is_partner_ref(spec):
        return "partner"
    return spec.kind
