"""One root exception, with subclasses that carry where the problem is.

Every error a user can cause (a malformed case file, a broken rules file, a wrong option)
is an :class:`AdvisorError`: the command line prints its message and exits 2, never a
traceback. Messages name the file, the field and what is allowed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class AdvisorError(Exception):
    """Base of every error caused by user input."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None):
        self.file = file
        self.field = field
        self.detail = message
        super().__init__(self._render())

    def _render(self) -> str:
        parts = []
        if self.file:
            parts.append(shown_path(self.file))
        if self.field:
            parts.append(f"field '{self.field}'")
        prefix = ": ".join(parts)
        return f"{prefix}: {self.detail}" if prefix else self.detail


class InputFileError(AdvisorError):
    """A file that cannot be read as YAML at all (size, encoding, syntax, permissions)."""


class CaseError(AdvisorError):
    """A case file whose content does not fit the case model."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        field: str | None = None,
        problems: list[str] | None = None,
    ):
        self.problems = problems or [message]
        super().__init__(message, file=file, field=field)


class RulesError(AdvisorError):
    """A rules base file that does not load (schema, types, ids, translations)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        rule: str | None = None,
        problems: list[RulesProblem] | None = None,
    ):
        self.rule = rule
        self.problems = problems or []
        super().__init__(message, file=file, field=None)

    def _render(self) -> str:
        parts = [
            p
            for p in (
                shown_path(self.file) if self.file else None,
                f"rule {self.rule}" if self.rule else None,
            )
            if p
        ]
        prefix = ": ".join(str(p) for p in parts)
        return f"{prefix}: {self.detail}" if prefix else self.detail


class RulesProblem:
    """One problem found in a rules base; lint collects all of them before failing."""

    __slots__ = ("file", "rule", "message")

    def __init__(self, file: str, rule: str | None, message: str):
        self.file = file
        self.rule = rule
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}: rule {self.rule}" if self.rule else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"RulesProblem({str(self)!r})"


class EngineError(Exception):
    """The rules engine failed on an assessment (a defect, not a user error)."""


class EngineUnavailable(AdvisorError):
    """The rules engine (durable-rules) cannot be imported: a broken installation."""


class UsageError(AdvisorError):
    """A command-line option or argument that does not make sense."""


def shown_path(path: object) -> str:
    """A file name on one line, control characters (a newline...) shown as escapes."""
    from .textsafe import one_line

    return one_line(str(path))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""
