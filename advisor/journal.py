"""The local journal of assessments (SQLite), and re-checking past cases.

Every assessment made by ``advisor assess`` or the interview is recorded: when, which case
file, the case itself and its hash, which rules base version and hash, the findings. The
day the law or the rules base changes, ``advisor recheck`` re-assesses every journalled
case and lists the conclusions that changed.

The database lives in the user's data folder (``$XDG_DATA_HOME/alliance-advisor`` or
``~/.local/share/alliance-advisor``), or where ``--journal`` / ``$ALLIANCE_ADVISOR_JOURNAL``
says. Writes are transactions (atomic); WAL mode and a busy timeout let several processes
write at once. It holds every client's case (names, amounts, notes): a new journal is
created readable by its owner only (0600), in a folder of its own created 0700. Every
failure (another schema, a full disk, a device given as the journal) is a
:class:`JournalError`; a row that cannot be read is skipped and reported, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AdvisorError

SCHEMA = """
CREATE TABLE IF NOT EXISTS assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    case_path TEXT,
    case_name TEXT NOT NULL,
    case_sha256 TEXT NOT NULL,
    case_yaml TEXT NOT NULL,
    as_of TEXT NOT NULL,
    lang TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    rules_sha256 TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    findings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS assessments_case ON assessments (case_path, case_sha256);
"""


class JournalError(AdvisorError):
    """The journal cannot be opened, read or written."""


#: Columns an entry needs; a database without them has another schema.
COLUMNS = frozenset(
    {
        "id",
        "at",
        "source",
        "case_path",
        "case_name",
        "case_sha256",
        "case_yaml",
        "as_of",
        "lang",
        "rules_version",
        "rules_sha256",
        "tool_version",
        "findings",
    }
)


def default_path() -> Path:
    env = os.environ.get("ALLIANCE_ADVISOR_JOURNAL")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "alliance-advisor" / "journal.sqlite3"


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    source: str
    case_path: str | None
    case_name: str
    case_sha256: str
    case_yaml: str
    as_of: str
    lang: str
    rules_version: str
    rules_sha256: str
    tool_version: str
    findings: list[dict[str, Any]]


class Journal:
    """A journal database."""

    def __init__(self, path: Path):
        self.path = path
        self.skipped: list[tuple[int | None, str]] = []
        """Rows the last read could not use: ``(id, why)``."""

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Journal:
        p = Path(path) if path else default_path()
        _make_private_folder(p.parent)
        journal = cls(p)
        journal._create_private_file()
        try:
            with journal._connect() as db:
                have = {row[1] for row in db.execute("PRAGMA table_info(assessments)")}
                missing = COLUMNS - have if have else set()
                if not missing:
                    db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise JournalError(f"cannot use the journal: {exc}", file=str(p)) from None
        if missing:
            raise JournalError(
                "this database is not an Alliance Advisor journal (its 'assessments' table "
                f"lacks {', '.join(sorted(missing))}); give another file with --journal",
                file=str(p),
            )
        return journal

    def _create_private_file(self) -> None:
        """Create the database file 0600 before SQLite does (its -wal and -shm files take
        the same mode); an existing file is left as it is."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
            except FileExistsError:
                pass
            except OSError as exc:
                raise JournalError(
                    f"cannot create the journal: {(exc.strerror or str(exc)).lower()}",
                    file=str(self.path),
                ) from None
            return
        except OSError as exc:
            raise JournalError(
                f"cannot use the journal: {(exc.strerror or str(exc)).lower()}",
                file=str(self.path),
            ) from None
        if not stat.S_ISREG(st.st_mode):
            raise JournalError(
                "is not a regular file; give a file name with --journal", file=str(self.path)
            )

    def _connect(self) -> _Closing:
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            return _Closing(db)
        except sqlite3.Error as exc:
            raise JournalError(f"cannot open the journal: {exc}", file=str(self.path)) from None

    def record(
        self, case_path: str | os.PathLike[str] | None, case, assessment, source: str = "assess"
    ) -> int:
        """Add one assessment; returns its id."""
        from .casefile import dumps_case

        findings = verdict_records(assessment)
        row = (
            dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            source,
            str(Path(case_path).resolve()) if case_path else None,
            assessment.case.name,
            assessment.case.sha256,
            dumps_case(case),
            assessment.as_of.isoformat(),
            assessment.lang,
            assessment.rules_base.version,
            assessment.rules_base.sha256,
            assessment.tool["version"],
            json.dumps(findings, ensure_ascii=False),
        )
        try:
            with self._connect() as db:
                db.execute("BEGIN IMMEDIATE")
                cur = db.execute(
                    "INSERT INTO assessments (at, source, case_path, case_name, case_sha256, "
                    "case_yaml, as_of, lang, rules_version, rules_sha256, tool_version, "
                    "findings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    row,
                )
                db.execute("COMMIT")
                return int(cur.lastrowid or 0)
        except sqlite3.Error as exc:
            raise JournalError(f"cannot write the journal: {exc}", file=str(self.path)) from None

    def record_many(self, entries: list[dict[str, Any]], rb, source: str = "batch") -> None:
        """Add many assessments in one transaction (``entries`` as built by the batch)."""
        from . import __version__

        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        rows = [
            (
                now,
                source,
                str(Path(e["case_path"]).resolve()),
                e["case_name"],
                e["case_sha256"],
                e["case_yaml"],
                e["as_of"],
                e["lang"],
                rb.version,
                rb.sha256,
                __version__,
                json.dumps(e["findings"], ensure_ascii=False),
            )
            for e in entries
        ]
        try:
            with self._connect() as db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT INTO assessments (at, source, case_path, case_name, case_sha256, "
                    "case_yaml, as_of, lang, rules_version, rules_sha256, tool_version, "
                    "findings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise JournalError(f"cannot write the journal: {exc}", file=str(self.path)) from None

    def count(self) -> int:
        """How many entries the journal holds."""
        try:
            with self._connect() as db:
                return int(db.execute("SELECT COUNT(*) FROM assessments").fetchone()[0])
        except sqlite3.Error as exc:
            raise JournalError(f"cannot read the journal: {exc}", file=str(self.path)) from None

    def entries(self, limit: int | None = None) -> list[Entry]:
        """Entries, newest first; rows that cannot be read go to :attr:`skipped`."""
        self.skipped = []
        sql = "SELECT * FROM assessments ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        try:
            with self._connect() as db:
                db.row_factory = sqlite3.Row
                rows = db.execute(sql).fetchall()
        except sqlite3.Error as exc:
            raise JournalError(f"cannot read the journal: {exc}", file=str(self.path)) from None
        return list(self._read(rows))

    def _read(self, rows) -> Iterator[Entry]:
        for r in rows:
            values = {k: r[k] for k in COLUMNS}
            try:
                yield Entry(**{**values, "findings": _readable(values)})
            except (TypeError, ValueError, RecursionError) as exc:
                # RecursionError: findings nested thousands deep overflow json's decoder.
                why = "nested too deep" if isinstance(exc, RecursionError) else str(exc)
                self.skipped.append((values.get("id"), f"unreadable findings or case ({why})"))

    def latest_per_case(self) -> list[Entry]:
        """The most recent entry of each case (by file, or by content when no file)."""
        seen: set[str] = set()
        out = []
        for e in self.entries():
            key = e.case_path or e.case_sha256
            if key not in seen:
                seen.add(key)
                out.append(e)
        return sorted(out, key=lambda e: (e.case_name, e.case_path or ""))


#: Columns shown as text; a row holding anything else there was not written by us.
_TEXT_COLUMNS = COLUMNS - {"id", "case_path", "findings"}


def _readable(values: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of a row, after checking the row is one we could have written.

    Raises:
        ValueError: a column of the wrong type, findings that are not a list of findings.
        RecursionError: findings nested too deep for json's decoder.
    """
    if not isinstance(values["id"], int):
        raise ValueError("no entry number")
    wrong = sorted(k for k in _TEXT_COLUMNS if not isinstance(values[k], str))
    if not isinstance(values["case_path"], (str, type(None))):
        wrong.append("case_path")
    if wrong or not values["case_name"]:
        raise ValueError(f"not text: {', '.join(wrong) or 'case_name'}")
    if not isinstance(values["findings"], str):
        raise ValueError("findings are not text")
    findings = json.loads(values["findings"])
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and all(isinstance(f.get(k), str) for k in FINDING_KEYS)
        for f in findings
    ):
        raise ValueError("not a list of findings")
    return findings


#: What every stored finding holds, as text.
FINDING_KEYS = ("rule_id", "status", "severity")


def _make_private_folder(folder: Path) -> None:
    """Create the journal's folder 0700 (only the folders created here; an existing
    folder such as /tmp keeps its mode)."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        for f in reversed(missing):
            f.mkdir(mode=0o700)
            os.chmod(f, 0o700)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass
    except OSError as exc:
        raise JournalError(
            f"cannot create the journal folder: {(exc.strerror or str(exc)).lower()}",
            file=str(folder),
        ) from None
    if not folder.is_dir():
        raise JournalError("is not a folder", file=str(folder))


class _Closing:
    """A connection usable in ``with`` that is closed afterwards (sqlite3's is not)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc) -> None:
        self.db.close()


@dataclass(frozen=True)
class Change:
    rule_id: str
    kind: str
    """``new``, ``gone``, ``severity`` or ``status``."""
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def verdict_records(assessment) -> list[dict[str, Any]]:
    """What the journal keeps of an assessment: the engine's verdict on each rule (rule by
    rule, so that a re-check after a rules change says exactly which conclusion moved)."""
    return [
        {
            "rule_id": v.rule_id,
            "status": v.status,
            "severity": v.severity,
            "challenge": v.challenge,
            "disposition": v.disposition,
        }
        for v in assessment.verdicts
    ]


def diff_findings(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    """Conclusions that changed between two lists of findings."""
    old = {f["rule_id"]: f for f in before}
    new = {f["rule_id"]: f for f in after}
    changes = []
    for rid in sorted(set(old) | set(new)):
        a, b = old.get(rid), new.get(rid)
        if a is None:
            changes.append(Change(rid, "new", None, b))
        elif b is None:
            changes.append(Change(rid, "gone", a, None))
        elif a["severity"] != b["severity"]:
            changes.append(Change(rid, "severity", a, b))
        elif a["status"] != b["status"]:
            changes.append(Change(rid, "status", a, b))
    return changes


def recheck(journal: Journal, rb, as_of: dt.date | None = None, skipped=None):
    """Re-assess the latest entry of every case; yields ``(entry, changes)``.

    An entry whose case no longer loads (a rule of the case format changed, a damaged
    row) is added to ``skipped`` as ``(id, why)`` and the others go on.
    """
    from .assess import assess
    from .casefile import loads_case

    day = as_of or dt.date.today()
    entries = journal.latest_per_case()
    if skipped is not None:
        skipped.extend(journal.skipped)
    for entry in entries:
        try:
            case = loads_case(entry.case_yaml, f"journal entry {entry.id}")
        except AdvisorError as exc:
            if skipped is not None:
                skipped.append((entry.id, str(exc)))
            continue
        lang = entry.lang if entry.lang in ("fr", "en") else "en"
        a = assess(case, as_of=day, lang=lang, rules=rb)
        after = verdict_records(a)
        yield entry, diff_findings(entry.findings, after)
