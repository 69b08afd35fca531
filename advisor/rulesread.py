"""Reading the files of a rules base: each problem kept with its file, rule and line.

A rules base is checked whole before it is used: :class:`Collector` reads each file with
``safe_load`` semantics, validates it against its model and keeps every problem (file,
rule id, line, what is wrong) so that ``advisor rules lint`` lists them all at once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .errors import AdvisorError, RulesProblem
from .rulescache import load_rules_file
from .validation import problems as validation_problems
from .yamlio import MAX_RULES_BYTES, line_of, load_mapping_marked

if TYPE_CHECKING:
    from .rulescache import ParsedCache


class Collector:
    """Reads the files of one rules base and keeps every problem found in them."""

    def __init__(self, root: Path, cache: ParsedCache | None = None):
        self.root = root
        self.cache = cache
        """Parsed files kept from an earlier load (see :mod:`advisor.rulescache`)."""
        self.problems: list[RulesProblem] = []
        self.sets: dict[str, tuple[str, ...]] = {}
        """Named value sets, read first: every condition may use them."""
        self.marks: dict[str, Mapping[str, int]] = {}
        """The line of each value of each file read (``rules[3].when``), by relative path."""
        self._rels: dict[Path, str] = {}
        self.seen: dict[str, bytes] = {}
        """The bytes of each file read, by relative path: the content hash is taken over
        these, so that it is the hash of what was loaded (see :func:`content_hash`)."""

    def rel(self, path: Path) -> str:
        """``path`` relative to the rules base (asked ~6 times a file: kept)."""
        found = self._rels.get(path)
        if found is None:
            try:
                found = path.relative_to(self.root).as_posix()
            except ValueError:
                found = str(path)
            self._rels[path] = found
        return found

    def add(self, path: Path | str, rule: str | None, message: str, at: str = "") -> None:
        """Keep a problem; ``at`` (``rules[3].when``) gives it the line it is on."""
        name = self.rel(path) if isinstance(path, Path) else path
        line = line_of(self.marks.get(name, {}), at) if at else None
        where = f"line {line}: " if line else ""
        self.problems.append(RulesProblem(name, rule, where + message))

    def read(self, path: Path, model: type[BaseModel]) -> Any:
        try:
            if self.cache is not None:
                data, marks = load_rules_file(
                    self.cache, path, self.rel(path), max_bytes=MAX_RULES_BYTES, seen=self.seen
                )
            else:
                data, marks = load_mapping_marked(path, max_bytes=MAX_RULES_BYTES)
        except AdvisorError as exc:
            self.add(path, None, exc.detail)
            return None
        self.marks[self.rel(path)] = marks
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for problem in validation_problems(exc, model):
                message = str(problem)
                line = line_of(marks, problem.path)
                where = f"line {line}: " if line else ""
                self.add(path, rule_hint(data, message), where + message.replace("field '", "'"))
            return None


def rule_hint(data: Any, message: str) -> str | None:
    """The id of the rule an error is about, when the path starts with rules[i]."""
    m = re.match(r"field 'rules\[(\d+)\]", message)
    if m and isinstance(data, dict) and isinstance(data.get("rules"), list):
        i = int(m.group(1))
        if i < len(data["rules"]) and isinstance(data["rules"][i], dict):
            rid = data["rules"][i].get("id")
            return str(rid) if rid is not None else None
    return None


def content_hash(root: Path, seen: Mapping[str, bytes] | None = None) -> str:
    """SHA-256 over every YAML file of the base except tests, by relative path.

    ``seen``: the bytes already read of some files, by relative path (a loader's): the
    hash is then that of what was loaded, even if a file changed since (the compiled rules
    kept by :mod:`advisor.compilecache` are keyed by it)."""
    digest = hashlib.sha256()
    # Each relative path worked out once (it was twice, for the order and the hash).
    files = sorted((path.relative_to(root).as_posix(), path) for path in _yaml_files(root))
    for rel, path in files:
        if rel.startswith("tests/"):
            continue
        raw = seen.get(rel) if seen is not None else None
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update((raw if raw is not None else path.read_bytes()) + b"\0")
    return digest.hexdigest()


def _yaml_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.yaml") if p.is_file()]


def summary(problems: list[RulesProblem]) -> str:
    lines = [str(p) for p in problems[:20]]
    more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
    n = len(problems)
    return f"the rules base has {n} problem{'s' if n != 1 else ''}:\n  " + "\n  ".join(lines) + more
