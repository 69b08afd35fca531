"""Case files: YAML, minimal and diffable, round-tripping exactly.

A saved case holds only what is known: unknown answers and defaults are omitted, fields
keep the model's order, and every write is atomic. A file written by a newer version of
the format is refused with the version it needs; an older one is upgraded on load.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from pydantic import ValidationError

from .errors import CaseError
from .model import FORMAT_VERSION, AllianceCase
from .validation import describe
from .yamlio import (
    MAX_CASE_BYTES,
    atomic_write,
    dump,
    load_mapping,
    load_mapping_as_read,
    parse,
)

#: Older formats this version can read, with the function that upgrades each.
_UPGRADES: dict[int, Any] = {}


def case_from_data(data: dict[str, Any], name: str) -> AllianceCase:
    """Validate a mapping as a case, raising :class:`CaseError` with every problem."""
    version = data.get("format_version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CaseError(
            f"format_version must be a whole number ≥ 1, not {version!r}",
            file=name,
            field="format_version",
        )
    if version > FORMAT_VERSION:
        raise CaseError(
            f"this case was written in case format {version} by a newer version of Alliance "
            f"Advisor; this version reads format {FORMAT_VERSION} and older: upgrade the tool "
            "to open it",
            file=name,
            field="format_version",
        )
    while version < FORMAT_VERSION:
        data = _UPGRADES[version](data)
        version += 1
    _check_list_sizes(data, name)
    try:
        return AllianceCase.model_validate(data)
    except ValidationError as exc:
        problems = describe(exc, AllianceCase)
        head = problems[0]
        extra = len(problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        raise CaseError(head + more, file=name, problems=problems) from None


def _check_list_sizes(data: dict[str, Any], name: str) -> None:
    """Refuse oversized lists before validating their entries one by one."""
    from .model.types import MAX_LIST
    from .schema import case_schema

    for scope in case_schema().scopes:
        node: Any = data
        for part in scope.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list) and len(node) > MAX_LIST:
            raise CaseError(
                f"{len(node)} entries; at most {MAX_LIST} are allowed", file=name, field=scope
            )


def load_case(path: str | os.PathLike[str]) -> AllianceCase:
    """Read and validate a case file."""
    name = str(path)
    return case_from_data(load_mapping(path, max_bytes=MAX_CASE_BYTES), name)


def load_case_as_read(path: str | os.PathLike[str]) -> tuple[AllianceCase, str]:
    """Read and validate a case file; also return its text as read."""
    data, _, text = load_mapping_as_read(path, max_bytes=MAX_CASE_BYTES)
    return case_from_data(data, str(path)), text


def loads_case(text: str, name: str = "<case>") -> AllianceCase:
    """Validate a case given as YAML text."""
    data = parse(text, name)
    if not isinstance(data, dict):
        raise CaseError("top level must be a mapping of fields", file=name)
    return case_from_data(data, name)


def case_data(case: AllianceCase) -> dict[str, Any]:
    """The minimal mapping of a case: unknowns and defaults left out, format version first."""
    data = case.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    _prune(data)
    return {"format_version": FORMAT_VERSION, **data}


def _prune(data: Any) -> Any:
    """Drop empty mappings left by sections where nothing is known."""
    if isinstance(data, dict):
        for key in list(data):
            value = _prune(data[key])
            if isinstance(value, dict) and not value:
                del data[key]
        return data
    if isinstance(data, list):
        for item in data:
            _prune(item)
    return data


def dumps_case(case: AllianceCase) -> str:
    """The YAML text of a case file."""
    return dump(case_data(case))


def save_case(path: str | os.PathLike[str], case: AllianceCase) -> None:
    """Write a case file atomically."""
    atomic_write(path, dumps_case(case))


def case_sha256(case: AllianceCase) -> str:
    """Hash of the case's content (not of its formatting): same answers, same hash."""
    data = case_data(case)
    data.get("meta", {}).pop("progress", None)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
