"""A cache of parsed files (the rules base and the catalogue of words, YAML; the field
docstrings of the case model's sources, :mod:`advisor.schema`), so that each process does
not parse the same files again.

Parsing the ~50 files of the bundled rules base with the line of every value costs ~70 ms,
an eighth of a cold ``advisor assess``, and the catalogue ~15 ms; reading them back from
this cache a few milliseconds.

What is kept is plain data only, written and read as JSON: for each file, the SHA-256 of
its bytes and what it parsed to (texts, numbers, yes/no, nulls, lists, mappings: what the
YAML loaders build; for a rules file also the line of each value). Nothing in it is ever
run or turned into objects other than those. An entry is used only for a file whose bytes
have that hash, read by the same version of this package; a file that failed to parse is
never kept (its problem is reported from the file each time), nor one whose data JSON
would not give back unchanged. A cache that is missing, corrupt, truncated, of another
version or another shape is ignored whole and written again; one that cannot be written
costs the time saved, never the load.

Where: ``$ALLIANCE_ADVISOR_CACHE`` (a folder; ``off`` or empty: no cache), else
``$XDG_CACHE_HOME/alliance-advisor``, else ``~/.cache/alliance-advisor``; one file per
folder read (``rules-``, ``catalogue-`` or ``docs-<hash of the folder's path>.json``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from . import __version__
from .errors import AdvisorError
from .yamlio import decode, mapping_marked, read_bytes

#: Changes whenever what an entry holds changes: an older cache is then ignored. Format 3:
#: each entry is a JSON object of the file, not a JSON text inside it (read in one parse:
#: 10.8 -> 6.1 ms for the bundled rules base, measured), and what is read only for a
#: problem (the line of each value of a rules file) is a second JSON document on the
#: file's second line, parsed only when asked (6.1 -> ~3 ms more).
FORMAT = 3


def cache_folder() -> Path | None:
    env = os.environ.get("ALLIANCE_ADVISOR_CACHE")
    if env is not None:
        return None if env.strip() in ("", "off") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "alliance-advisor"


class ParsedCache:
    """The parsed files of one folder, read once, written back if anything changed."""

    def __init__(self, kind: str, root: Path, folder: Path | None):
        self.kind = kind
        self.root = str(root.resolve())
        self.file = None
        if folder is not None:
            tag = hashlib.sha256(self.root.encode("utf-8", "surrogateescape")).hexdigest()[:16]
            self.file = folder / f"{kind}-{tag}.json"
        self._raw: bytes | None = None
        """The cache file's first line as read: the entries used are written back from it."""
        self._tail = b""
        """Its second line: the texts read only when asked (:meth:`later`), by path."""
        self._later: dict[str, Any] | None = None
        self.later_used: dict[str, dict[str, str] | None] = {}
        """Those to write back: a file's new one, or None for one kept as read."""
        self.entries = self._read()
        """Each file's entry (``{"sha256": ..., "value": ...}``) as read, by path."""
        self.used: dict[str, dict[str, Any] | None] = {}
        """The entries to write back: a file's new entry, or None for one used as read."""
        self.changed = False

    @classmethod
    def for_root(cls, kind: str, root: Path) -> ParsedCache:
        return cls(kind, root, cache_folder())

    def _read(self) -> dict[str, dict[str, Any]]:
        if self.file is None:
            return {}
        try:
            # JSON without indent has no raw line break: the first one ends the document.
            raw, _, tail = self.file.read_bytes().partition(b"\n")
            doc = json.loads(raw)
        except (OSError, ValueError, RecursionError):
            return {}
        if (
            not isinstance(doc, dict)
            or doc.get("format") != FORMAT
            or doc.get("advisor") != __version__
            or doc.get("kind") != self.kind
            or doc.get("root") != self.root
            or not isinstance(doc.get("files"), dict)
        ):
            return {}
        self._raw, self._tail = raw, tail
        return {k: v for k, v in doc["files"].items() if isinstance(v, dict)}

    def _later_entries(self) -> dict[str, Any]:
        if self._later is None:
            try:
                later = json.loads(self._tail) if self._tail.strip() else {}
            except (ValueError, RecursionError):
                later = {}
            self._later = later if isinstance(later, dict) else {}
        return self._later

    def later(self, key: str, digest: str) -> str | None:
        """The text kept apart for the file ``key`` whose bytes hash to ``digest`` (read
        from the cache file only now), else None."""
        entry = self._later_entries().get(key)
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            return None
        text = entry.get("text")
        return text if isinstance(text, str) else None

    def get(self, key: str, digest: str) -> Any:
        """The value kept for the file ``key`` whose bytes hash to ``digest``, else None."""
        entry = self.entries.get(key)
        if entry is None or entry.get("sha256") != digest:
            return None
        self.used[key] = None  # written back as read (its value may be altered by its reader)
        return entry.get("value")

    def put(self, key: str, digest: str, value: Any, later: str | None = None) -> None:
        """Keep ``value`` for the file ``key`` if JSON gives it back unchanged (a copy,
        taken now, before the caller could alter it); ``later``: a text kept apart, read
        only when asked (:meth:`later`)."""
        try:
            text = json.dumps({"sha256": digest, "value": value}, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return
        entry = json.loads(text)
        if entry["value"] != value:  # e.g. a mapping key that is not text
            return
        self.used[key] = entry
        self.later_used[key] = None if later is None else {"sha256": digest, "text": later}
        self.changed = True

    def save(self) -> None:
        """Write the entries of the files read this time, if any was parsed or dropped."""
        if self.file is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        # The entries used as read come from the file's bytes, not from the objects handed
        # to their readers.
        kept = json.loads(self._raw)["files"] if self._raw is not None else {}
        files = {}
        later: dict[str, Any] = {}
        for key, entry in self.used.items():
            found = entry if entry is not None else kept.get(key)
            if isinstance(found, dict):
                files[key] = found
            if key in self.later_used:
                extra = self.later_used[key]
            else:  # kept as read
                extra = self._later_entries().get(key)
            if isinstance(extra, dict):
                later[key] = extra
        doc = {
            "format": FORMAT,
            "advisor": __version__,
            "kind": self.kind,
            "root": self.root,
            "files": files,
        }
        try:
            from .atomic import atomic_write

            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            text = json.dumps(doc, ensure_ascii=False)
            if later:
                text += "\n" + json.dumps(later, ensure_ascii=False)
            atomic_write(self.file, text)
        except (OSError, AdvisorError):
            pass  # a cache is a convenience: the next load parses again


class LazyMarks(Mapping[str, int]):
    """The line of each value of a rules file, read from the cache when first asked (only
    a problem in the file asks); when the cache has none for these bytes (or a damaged
    one), from parsing the file's bytes again."""

    def __init__(self, text: Callable[[], str | None], parse: Callable[[], dict[str, int]]):
        self._text = text
        self._parse = parse
        self._marks: dict[str, int] | None = None

    def _get(self) -> dict[str, int]:
        if self._marks is not None:
            return self._marks
        try:
            text = self._text()
            marks = json.loads(text) if text is not None else None
        except (ValueError, RecursionError):
            marks = None
        ok = isinstance(marks, dict) and all(type(v) is int for v in marks.values())
        found = cast(dict[str, int], marks) if ok else self._parse()
        self._marks = found
        return found

    def __getitem__(self, key: str) -> int:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def load_rules_file(
    cache: ParsedCache,
    path: Path,
    key: str,
    *,
    max_bytes: int,
    seen: dict[str, bytes] | None = None,
) -> tuple[dict[str, Any], Mapping[str, int]]:
    """What :func:`advisor.yamlio.load_mapping_marked` returns for ``path`` (``key``: its
    path in the rules base), with the same errors, through ``cache``; ``seen`` gets the
    bytes read, by ``key``."""
    raw = read_bytes(path, max_bytes=max_bytes)
    if seen is not None:
        seen[key] = raw
    digest = hashlib.sha256(raw).hexdigest()
    value = cache.get(key, digest)
    name = str(path)
    if isinstance(value, dict) and isinstance(value.get("data"), dict):

        def parse() -> dict[str, int]:
            return mapping_marked(decode(raw, name), name)[1]

        return value["data"], LazyMarks(lambda: cache.later(key, digest), parse)
    data, marks = mapping_marked(decode(raw, name), name)
    cache.put(key, digest, {"data": data}, later=json.dumps(marks, ensure_ascii=False))
    return data, marks


def load_file(cache: ParsedCache, path: Path, parse: Callable[[Path], Any]) -> Any:
    """``parse(path)``, or what it gave for the same bytes before, through ``cache``."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    value = cache.get(path.name, digest)
    if value is not None:
        return value
    value = parse(path)
    cache.put(path.name, digest, value)
    return value
