"""A cache of the rules in force on a day as compiled for durable_rules, for the command
line: each process does not compile the same rules again.

Compiling the rules in force (binding their parameters, the disjunctive forms, the
partition into rulesets, the JSON text of each ruleset and the properties it reads) costs
~17 ms of a cold ``advisor assess``; reading the result back ~1 ms, plus ~1.5 ms to hash
the code that would compile it. durable's own compile of each text (its C code) is done
in every process all the same.

A stale entry would give wrong verdicts in silence, so an entry is used only under a key
that covers everything the compiled rules follow from: the SHA-256 of the bytes of every
Python source of the :mod:`advisor` package (the compiler, the conditions, the case model,
the engine...: any change of code misses), the rules base's content hash (every rules
file but its tests), the day's period key (the rule versions in force and the start of
each parameter value they use), this cache's format, the package version and the
interpreter's version. What is kept is plain data, written and read as JSON: for each
ruleset its text, the properties it reads, its fact types and its number of rules; for
the whole, the fields and fact types the rules read. Nothing in it is run; an entry of
another shape (damaged, truncated, edited into nonsense) is ignored and compiled again; a
cache that cannot be read or written costs the time saved, never the assessment.

Only the command line turns it on (:func:`advisor.cli.common.rules_base`, for the rules
base it loads): a rules base changed in memory after its load (as tests do) is never
looked up by its files' hash. Where: the folder of :mod:`advisor.rulescache`
(``$ALLIANCE_ADVISOR_CACHE``, ``off`` for none), one file ``compiled-<key>.json`` per
key, the 8 most recently written kept.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .engine import RulesetRecord
from .errors import AdvisorError
from .rulescache import cache_folder

FORMAT = 1
KEEP = 8
"""Files kept (the most recently written)."""


@functools.lru_cache(maxsize=1)
def code_digest() -> str | None:
    """SHA-256 over every ``.py`` file of the :mod:`advisor` package, by relative path;
    None (no cache) when a module of the package loaded in this process is not one of
    those sources (a package installed without them: its code would go unchecked)."""
    root = Path(__file__).parent  # as the package's modules were found
    files = sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*.py"))
    hashed = {str(path) for _, path in files}
    real = None
    for name, module in list(sys.modules.items()):
        if name != "advisor" and not name.startswith("advisor."):
            continue
        origin = getattr(module, "__file__", None)
        if origin is None or origin in hashed or origin.endswith((".so", ".pyd")):
            continue  # a namespace, a hashed source, or the C shim (built, not compiled)
        if real is None:
            real = {os.path.realpath(h) for h in hashed}
        if os.path.realpath(origin) not in real:
            return None
    digest = hashlib.sha256()
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Compiled:
    """The compiled rules in force on a day, as plain data."""

    rulesets: tuple[RulesetRecord, ...]
    names: frozenset[str]
    """The fact properties the rules read (``advisor.compile.Used``)."""
    types: frozenset[str]
    """The fact types they test."""


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _decode(entry: Any) -> Compiled | None:
    """The entry as kept, or None for anything of another shape."""
    if not isinstance(entry, dict) or set(entry) != {"rulesets", "names", "types"}:
        return None
    rulesets = entry["rulesets"]
    if not isinstance(rulesets, list) or not rulesets:
        return None
    if not (_texts(entry["names"]) and _texts(entry["types"])):
        return None
    records = []
    for r in rulesets:
        if not isinstance(r, list) or len(r) != 4:
            return None
        text, reads, types, size = r
        if not (isinstance(text, str) and text and _texts(reads) and _texts(types)):
            return None
        if type(size) is not int or size < 0:
            return None
        records.append(RulesetRecord(text, tuple(reads), tuple(types), size))
    return Compiled(tuple(records), frozenset(entry["names"]), frozenset(entry["types"]))


class CompiledCache:
    """The compiled rules of the days assessed, one file per key in the cache folder."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def default(cls) -> CompiledCache:
        return cls(cache_folder())

    def key(self, rules_sha256: str, period_key: tuple) -> str | None:
        """The key of the rules in force under ``period_key`` in the rules base whose
        content hashes to ``rules_sha256``, compiled by this code; None when this code
        cannot be hashed (see :func:`code_digest`)."""
        code = code_digest()
        if code is None:
            return None
        payload = [
            FORMAT,
            __version__,
            list(sys.version_info[:2]),
            code,
            rules_sha256,
            _plain(period_key),
        ]
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def file(self, key: str) -> Path | None:
        return self.folder / f"compiled-{key}.json" if self.folder is not None else None

    def get(self, key: str) -> Compiled | None:
        """The entry kept under ``key``, else None (none, or of another shape)."""
        file = self.file(key)
        if file is None:
            return None
        try:
            doc = json.loads(file.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(doc, dict) or set(doc) != {"format", "key", "entry"}:
            return None
        if doc["format"] != FORMAT or doc["key"] != key:
            return None
        return _decode(doc["entry"])

    def put(self, key: str, compiled: Compiled) -> None:
        """Keep ``compiled`` under ``key``; only the :data:`KEEP` newest files stay."""
        file = self.file(key)
        if file is None:
            return
        entry = {
            "rulesets": [[r.text, list(r.reads), list(r.types), r.size] for r in compiled.rulesets],
            "names": sorted(compiled.names),
            "types": sorted(compiled.types),
        }
        try:
            from .atomic import atomic_write

            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            text = json.dumps({"format": FORMAT, "key": key, "entry": entry}, ensure_ascii=False)
            atomic_write(file, text)
            # Never the file just written (file times are coarse: ties are common).
            others = sorted(
                (p for p in file.parent.glob("compiled-*.json") if p != file),
                key=lambda p: p.stat().st_mtime_ns,
            )
            for old in others[: max(0, len(others) - (KEEP - 1))]:
                old.unlink(missing_ok=True)
        except (OSError, AdvisorError):
            pass  # a cache is a convenience: the next process compiles again
