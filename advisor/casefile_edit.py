"""Saving a changed case into the user's own file, keeping what the user wrote.

An adviser's case file carries comments (``# Client: Dupont SA — confidential``), flow
mappings, blank lines and an order of their own. When the interview saves an answer, only
what changed is written into the file: the rest keeps its comments and layout
(ruamel.yaml's round-trip mode edits the document in place). A value the file writes
differently but means the same (``unknown``, ``yes``, a default) is left as written.

After editing, the new text is read back with the tool's own strict loader and must give
exactly the case being saved; if it does not (an exotic layout), the case is written in
the plain format instead, so a save is never wrong. A file that does not exist yet is
written in the plain format. Writing goes through :func:`advisor.atomic.atomic_write`
(atomic, through a symbolic link to its target, keeping the file's mode).
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from .atomic import atomic_write, resolved
from .casefile import case_data, case_from_data, dumps_case
from .errors import AdvisorError, InputFileError
from .model import AllianceCase
from .yamlio import MAX_CASE_BYTES, parse, read_text


def save_case_keeping_layout(path: str | os.PathLike[str], case: AllianceCase) -> None:
    """Write ``case`` into ``path``, changing only what differs from the file's content."""
    atomic_write(path, edited_text(path, case))


def edited_text(path: str | os.PathLike[str], case: AllianceCase) -> str:
    """The text ``path`` should hold for ``case`` (its current text, edited)."""
    name = str(path)
    new = case_data(case)
    try:
        text = read_text(resolved(path), max_bytes=MAX_CASE_BYTES)
        old = case_data(case_from_data(parse(text, name), name))
    except InputFileError:
        return dumps_case(case)  # no file yet (or unreadable): the plain format
    except AdvisorError:
        return dumps_case(case)  # the file was broken from outside meanwhile
    if old == new:
        return text
    try:
        edited = _edit(text, old, new)
        if case_data(case_from_data(parse(edited, name), name)) == new:
            return edited
    except (YAMLError, AdvisorError, ValueError, TypeError, KeyError, IndexError):
        pass
    return dumps_case(case)


def _yaml(text: str) -> tuple[YAML, Any]:
    doc, seq_indent, dash_offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = max(80, max((len(line) for line in text.splitlines()), default=80))
    mapping = _mapping_indent(text)
    seq_indent = seq_indent or mapping
    yaml.indent(mapping=mapping, sequence=seq_indent, offset=dash_offset or 0)
    yaml.explicit_start = text.lstrip().startswith("---")
    return yaml, doc


def _mapping_indent(text: str) -> int:
    """How deep the file indents a block mapping under a top-level key (2 when none)."""
    previous = ""
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        opens = previous[:1] not in (" ", "-") and previous.split("#")[0].rstrip().endswith(":")
        if opens and depth and not stripped.startswith("-"):
            return depth
        previous = line
    return 2


def _edit(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The edited document: sections (top-level keys) whose content did not change are
    copied from the original text as they are; the others come from ruamel's output."""
    fast = _edit_sections(text, old, new)
    if fast is not None:
        return fast
    yaml, doc = _yaml(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("not a mapping")
    original = _sections(text, doc)
    _apply_map(doc, old, new)
    out = io.StringIO()
    yaml.dump(doc, out)
    dumped = out.getvalue()
    edited = _sections(dumped, yaml.load(dumped))
    head = original.pop("", "") if "" in original else ""
    edited.pop("", None)
    parts = [head]
    for key in doc:
        same = key in original and old.get(key, _MISSING) == new.get(key, _MISSING)
        parts.append(original[key] if same else edited[key])
    return "".join(parts)


_MISSING = object()
#: A top-level key of a block mapping: at the start of its line.
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)")


def _edit_sections(text: str, old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The edit done on the changed sections alone (an answer changes one section and the
    position): round-tripping the whole file at each answer took most of an answer's time
    on a real case. ``None`` when a key is added or removed, or the file's layout is not
    plain top-level keys: the whole document is edited then."""
    head, sections = _top_sections(text)
    if sections is None:
        return None
    changed = [k for k in {*old, *new} if old.get(k, _MISSING) != new.get(k, _MISSING)]
    if any(k not in sections or k not in old or k not in new for k in changed):
        return None
    for key in changed:
        yaml, doc = _yaml(sections[key])
        if not isinstance(doc, CommentedMap) or list(doc) != [key]:
            return None
        _apply_map(doc, {key: old[key]}, {key: new[key]})
        out = io.StringIO()
        yaml.dump(doc, out)
        sections[key] = out.getvalue()
    return head + "".join(sections.values())


def _top_sections(text: str) -> tuple[str, dict[str, str] | None]:
    """``(what precedes the first key, {key: its lines})`` by the lines that start with a
    key; ``None`` when a key repeats or a document marker follows the first key."""
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = _TOP_KEY.match(line)
        if match:
            key = match.group(1)
            if key in sections:
                return "", None
            current = sections[key] = []
        elif current is not None and line.startswith(("---", "...")):
            return "", None
        (head if current is None else current).append(line)
    if sections and not text.endswith("\n"):
        last = next(reversed(sections.values()))
        last[-1] += "\n"
    return "".join(head), {k: "".join(v) for k, v in sections.items()}


def _sections(text: str, doc: CommentedMap) -> dict[str, str]:
    """The text of each top-level key (from its line to the next key's), and ``""`` for
    what comes before the first key."""
    lines = text.splitlines(keepends=True)
    starts = [(doc.lc.key(k)[0], k) for k in doc]
    out = {"": "".join(lines[: starts[0][0]])} if starts else {"": text}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        out[key] = "".join(lines[line:end])
    if out and not text.endswith("\n") and starts:
        last = starts[-1][1]
        out[last] += "\n"
    return out


def _apply_map(node: CommentedMap, old: dict[str, Any], new: dict[str, Any]) -> None:
    for key in list(old):
        if key not in new and key in node:
            del node[key]
    order = list(new)
    for i, (key, value) in enumerate(new.items()):
        before = old.get(key)
        if key in old and before == value:
            continue  # unchanged: left as the user wrote it
        current = node.get(key) if key in node else None
        if (
            isinstance(value, dict)
            and isinstance(current, CommentedMap)
            and isinstance(before, dict)
        ):
            _apply_map(current, before, value)
        elif (
            isinstance(value, list)
            and isinstance(current, CommentedSeq)
            and isinstance(before, list)
        ):
            _apply_seq(current, before, value)
        elif key in node:
            node[key] = value
        else:
            node.insert(_position(node, order[:i]), key, value)


def _position(node: CommentedMap, previous: list[str]) -> int:
    """Where a new key goes: after the nearest key that precedes it in the model."""
    keys = list(node)
    for key in reversed(previous):
        if key in node:
            return keys.index(key) + 1
    return 0


def _apply_seq(node: CommentedSeq, old: list[Any], new: list[Any]) -> None:
    if len(node) != len(old):
        node[:] = new
        return
    if len(new) == len(old) - 1:
        for i in range(len(old)):
            if old[:i] + old[i + 1 :] == new:
                del node[i]  # one entry removed: the others keep their comments
                return
    for i in range(min(len(old), len(new))):
        if old[i] == new[i]:
            continue
        if (
            isinstance(new[i], dict)
            and isinstance(node[i], CommentedMap)
            and isinstance(old[i], dict)
        ):
            _apply_map(node[i], old[i], new[i])
        else:
            node[i] = new[i]
    del node[len(new) :]
    for value in new[len(old) :]:
        node.append(value)


__all__ = ["edited_text", "save_case_keeping_layout"]
