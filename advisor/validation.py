"""Turning pydantic validation errors into sentences a lawyer can act on.

Each message names the field path (``partners[2].kind``), what was given, and what is
allowed, with a "did you mean" for near misses.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import did_you_mean

_YAML_HINTS = {
    "bool_type": "must be yes/no: true, false or unknown",
    "bool_parsing": "must be yes/no: true, false or unknown",
    "int_type": "must be a whole number (or unknown)",
    "int_parsing": "must be a whole number (or unknown)",
    "int_from_float": "must be a whole number (or unknown)",
    "float_type": "must be a number (or unknown)",
    "float_parsing": "must be a number (or unknown)",
    "finite_number": "must be a finite number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of fields",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "date_type": "must be a date written YYYY-MM-DD",
    "missing": "is required",
}


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


def describe(error: ValidationError, model: type[BaseModel]) -> list[str]:
    """One sentence per problem, de-duplicated, in document order."""
    messages: list[str] = []
    for err in error.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        ctx = err.get("ctx") or {}
        given = err.get("input")
        path = path_of(loc)
        where = f"field '{path}'" if path else "case"
        if kind == "extra_forbidden":
            owner = _model_at(model, loc)
            known = list(owner.model_fields) if owner else []
            name = str(loc[-1])
            hint = did_you_mean(name, known)
            listing = f"; known fields here: {', '.join(known)}" if known else ""
            messages.append(f"{where}: unknown field '{name}'{hint}{listing}")
        elif kind == "literal_error":
            allowed = str(ctx.get("expected", "")).replace("'", "")
            choices = [a.strip() for a in allowed.replace(" or ", ",").split(",") if a.strip()]
            messages.append(
                f"{where}: {_shown(given)} is not allowed"
                f"{did_you_mean(given, choices)}; allowed: {', '.join(choices)}"
                ", or unknown"
            )
        elif kind in ("greater_than_equal", "greater_than"):
            bound = ctx.get("ge", ctx.get("gt"))
            messages.append(
                f"{where}: {_shown(given)} is too small; the minimum is {_bound(bound)}"
            )
        elif kind in ("less_than_equal", "less_than"):
            bound = ctx.get("le", ctx.get("lt"))
            messages.append(
                f"{where}: {_shown(given)} is too large; the maximum is {_bound(bound)}"
            )
        elif kind == "too_long":
            messages.append(
                f"{where}: {ctx.get('actual_length')} entries; at most "
                f"{ctx.get('max_length')} are allowed"
            )
        elif kind == "string_too_long":
            messages.append(
                f"{where}: text is too long; at most {ctx.get('max_length')} characters"
            )
        elif kind == "string_too_short":
            messages.append(f"{where}: must not be empty")
        elif kind == "string_pattern_mismatch":
            messages.append(
                f"{where}: {_shown(given)} is not a valid identifier; use "
                "lower-case letters, digits, '-' and '_'"
            )
        elif kind.startswith("date") or kind.startswith("datetime"):
            messages.append(
                f"{where}: {_shown(given)} is not a valid date; write a real "
                "calendar date as YYYY-MM-DD (e.g. 2025-02-28)"
            )
        elif kind == "value_error":
            messages.append(str(err.get("msg", "")).removeprefix("Value error, "))
        elif kind in _YAML_HINTS:
            shown = f", not {_shown(given)}" if kind != "missing" else ""
            messages.append(f"{where}: {_YAML_HINTS[kind]}{shown}")
        else:
            messages.append(f"{where}: {err.get('msg')}")
    # A union of int and float reports both parsings: keep the general one.
    numbers = {m.split(": must be a number")[0] for m in messages if ": must be a number" in m}
    messages = [
        m
        for m in messages
        if not (
            ": must be a whole number" in m and m.split(": must be a whole number")[0] in numbers
        )
    ]
    seen: set[str] = set()
    return [m for m in messages if not (m in seen or seen.add(m))]


def _bound(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1e6:
        return f"{value:,.0f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
