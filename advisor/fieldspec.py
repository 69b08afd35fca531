"""A readable fact of a case: its path, list scope, type, unit and vocabulary.

Kept apart from :mod:`advisor.schema` (which walks the case model to list every fact) so
that the derived facts of :mod:`advisor.derived` can declare theirs without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["bool", "enum", "multi", "number", "date", "text"]
#: The scope of the case itself (list entries have their list's path as scope).
ROOT = ""

#: Fields that describe who the partners are and what the alliance sets out to do, rather
#: than how it is secured: a "what would clear this flag" suggestion never asks to change
#: them (dropping the project is not a remedy).


@dataclass(frozen=True)
class FieldSpec:
    """One readable fact."""

    path: str
    """Path relative to its scope."""
    scope: str
    """``""`` for the case itself, else the path of the list the field belongs to."""
    kind: Kind
    unit: str | None = None
    values: tuple[str, ...] = ()
    doc: str = ""
    derived: bool = False
    actionable: bool = True
    inputs: tuple[str, ...] = ()
    """For a derived field: the answered fields it is computed from (absolute paths)."""

    @property
    def absolute(self) -> str:
        """Path of the field from the case root (list scopes written ``scope[].field``)."""
        return f"{self.scope}[].{self.path}" if self.scope else self.path
