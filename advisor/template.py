"""Text templates with named placeholders only: ``{name}`` and ``{param:name}``.

Rule texts and the catalogue of words are written by people, not programmers, and read
from YAML. ``str.format`` would let such a text reach Python internals
(``{partners.__class__.__mro__}``), allocate a gigabyte (``{x:>999999999}``) or crash at
assessment time on a lone ``{``. A template here is a plain text with named holes:

* ``{name}`` where ``name`` is lower-case letters, digits and ``_``;
* ``{param:name}`` for a dated parameter of the rules base (rule texts only);
* ``{{`` and ``}}`` for literal braces.

Anything else between braces is refused by :func:`check` (which ``advisor rules lint`` and
the catalogue's tests call), so a template that loads always fills.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}|[{}]")


class TemplateError(ValueError):
    """A template that uses braces for anything but a named placeholder."""


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """The placeholders of ``text`` in order, as ``(name, None)`` or ``("param", name)``.

    Raises:
        TemplateError: a brace that opens no valid placeholder (with its position).
    """
    out: list[tuple[str, str | None]] = []
    if "{" not in text and "}" not in text:
        # Every token holds a brace; most texts have none (~4 in 5 of the rules base's
        # ~2,300 checked at each load): scanning them costs ~3 ms of a cold start.
        return out
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            end = text.find("}", m.start())
            shown = text[m.start() : end + 1] if end != -1 and end - m.start() < 40 else token
            raise TemplateError(
                f"'{shown}' at character {m.start() + 1} is not a placeholder; write "
                "{name} (lower-case letters, digits, _), {param:name}, or {{ and }} for "
                "literal braces"
            )
        if m.group(2) is not None and m.group(1) != "param":
            raise TemplateError(
                f"'{token}' at character {m.start() + 1}: only {{param:name}} may have a "
                "colon; format specifications are not allowed"
            )
        out.append((m.group(1), m.group(2)))
    return out


def check(text: str, allowed: set[str] | None = None) -> list[str]:
    """Problems of a template, in words (empty when it is sound).

    ``allowed`` restricts plain ``{name}`` placeholders to these names.
    """
    try:
        found = placeholders(text)
    except TemplateError as exc:
        return [str(exc)]
    if allowed is None:
        return []
    return [
        f"unknown placeholder {{{name}}}; allowed: "
        + (", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none")
        for name, sub in found
        if sub is None and name not in allowed
    ]


def fill(
    text: str,
    values: Mapping[str, object] | None = None,
    param: Callable[[str], str] | None = None,
) -> str:
    """``text`` with its placeholders replaced.

    Args:
        values: the text of each ``{name}``.
        param: the text of each ``{param:name}``.

    Raises:
        TemplateError: a malformed template, or a placeholder with no value.
    """
    values = values or {}

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name, sub_name = m.group(1), m.group(2)
        if name is None:
            placeholders(text)  # raises with the position
            raise TemplateError(f"malformed template: {text!r}")  # pragma: no cover
        if sub_name is not None:
            if name != "param" or param is None:
                raise TemplateError(f"'{token}' cannot be filled here")
            return param(sub_name)
        if name not in values:
            raise TemplateError(f"no value for placeholder {{{name}}}")
        return str(values[name])

    return _TOKEN.sub(sub, text)


__all__ = ["TemplateError", "check", "fill", "placeholders"]
