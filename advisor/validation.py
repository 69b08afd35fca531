"""Turning pydantic validation errors into sentences a lawyer can act on, in French or
English.

Each problem names the field path (``partners[2].kind``), what was given, and what is
allowed, with a "did you mean" for near misses. The words come from the catalogue
(``advisor/catalogue/errors.yaml``); a model validator that wants its own sentence raises
``PydanticCustomError("<catalogue key>", ...)`` with the values the sentence needs.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from . import catalogue
from .errors import did_you_mean

#: pydantic error types -> catalogue key (``errors.<key>``) of the sentence.
_SIMPLE = {
    "bool_type": "yes_no",
    "bool_parsing": "yes_no",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "finite_number",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date_type",
    "missing": "required",
}


@dataclass(frozen=True)
class Problem:
    """One problem of a document: where it is and what is wrong, in one language."""

    path: str
    """Field path (``partners[2].kind``); empty for the document as a whole."""
    text: str
    """What is wrong and what is allowed, without the path (for the interview)."""
    lang: str = "en"

    def __str__(self) -> str:
        if not self.path:
            return self.text
        return catalogue.text(self.lang, "errors.at_field", path=self.path, text=self.text)


def path_of(loc: tuple[Any, ...]) -> str:
    """``('partners', 2, 'kind')`` -> ``partners[2].kind``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and (
            part.startswith("function-")
            or part in ("int", "float", "bool", "str", "date", "list[str]", "none", "literal")
        ):
            continue
        elif part.startswith("literal[") or part.startswith("list[") or ":" in part:
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def problems(
    error: ValidationError,
    model: type[BaseModel],
    lang: str = "en",
    names: Mapping[str, str] | None = None,
) -> list[Problem]:
    """One problem per error, de-duplicated, in document order, in ``lang``.

    ``names``: partner id -> name, to name a partner as the adviser typed it.
    """
    w = catalogue.Words(lang)
    out: list[Problem] = []
    whole_numbers: list[Problem] = []
    numbers: set[str] = set()
    for err in error.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        ctx = err.get("ctx") or {}
        given = _shown(err.get("input"))
        path = path_of(loc)
        if kind == "extra_forbidden":
            owner = _model_at(model, loc)
            known = list(owner.model_fields) if owner else []
            name = str(loc[-1])
            text = w("errors.unknown_field", name=name, hint=_hint(w, name, known))
            if known:
                text += w("errors.known_fields", fields=", ".join(known))
        elif kind == "literal_error":
            allowed = str(ctx.get("expected", "")).replace("'", "")
            choices = [a.strip() for a in allowed.replace(" or ", ",").split(",") if a.strip()]
            text = w(
                "errors.not_allowed",
                given=given,
                hint=_hint(w, err.get("input"), choices),
                allowed=", ".join(choices),
            )
        elif kind in ("greater_than_equal", "greater_than"):
            text = w("errors.too_small", given=given, bound=_bound(ctx.get("ge", ctx.get("gt"))))
        elif kind in ("less_than_equal", "less_than"):
            text = w("errors.too_large", given=given, bound=_bound(ctx.get("le", ctx.get("lt"))))
        elif kind == "too_long":
            text = w.count(
                "errors.too_many_entries",
                ctx.get("max_length") or 0,
                actual=ctx.get("actual_length"),
            )
        elif kind == "string_too_long":
            text = w.count("errors.text_too_long", ctx.get("max_length") or 0)
        elif kind == "string_too_short":
            text = w("errors.empty")
        elif kind == "string_pattern_mismatch" and "https?" in str(ctx.get("pattern", "")):
            text = w("errors.url", given=given)
        elif kind == "string_pattern_mismatch":
            text = w("errors.identifier", given=given)
        elif kind.startswith("date") or kind.startswith("datetime"):
            text = w("errors.date", given=given)
        elif kind == "same_partner":
            # A file's author reads its keys; the interview's, the roles in words and the
            # partner by its name.
            roles = {k: str(ctx.get(k)) for k in ("a", "b")}
            partner = str(ctx.get("partner"))
            if names is not None:
                roles = {k: w(f"errors.role_{v}") for k, v in roles.items()}
                partner = names.get(partner, partner)
            text = w("errors.same_partner", partner=partner, **roles)
        elif catalogue.has(f"errors.{kind}"):
            # A model validator's own sentence (PydanticCustomError with a catalogue key).
            text = w(f"errors.{kind}", **{k: str(v) for k, v in ctx.items()})
        elif kind == "value_error":
            text = str(err.get("msg", "")).removeprefix("Value error, ")
        elif kind in _SIMPLE:
            text = w(f"errors.{_SIMPLE[kind]}")
            if kind != "missing":
                text += w("errors.not_given", given=given)
        else:
            text = str(err.get("msg"))
        problem = Problem(path, text, lang)
        if kind in ("float_type", "float_parsing"):
            numbers.add(path)
        if kind in ("int_type", "int_parsing", "int_from_float"):
            whole_numbers.append(problem)
        out.append(problem)
    # A union of int and float reports both parsings: keep the general one.
    out = [p for p in out if not (p in whole_numbers and p.path in numbers)]
    return list(dict.fromkeys(out))


def describe(error: ValidationError, model: type[BaseModel], lang: str = "en") -> list[str]:
    """One sentence per problem (path included), de-duplicated, in document order."""
    return [str(p) for p in problems(error, model, lang)]


def _hint(w: catalogue.Words, word: Any, choices: list[str]) -> str:
    match = did_you_mean(str(word), choices)
    if not match:
        return ""
    return w("errors.did_you_mean", word=match.split("'")[1])


def _bound(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1e6:
        return f"{value:,.0f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
