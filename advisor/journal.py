"""The local journal of assessments (SQLite), and re-checking past cases.

Every assessment made by ``advisor assess`` or the interview is recorded: when, which case
file, the case itself and its hash, which rules base version and hash, the findings. The
day the law or the rules base changes, ``advisor recheck`` re-assesses every journalled
case and lists the conclusions that changed.

The database lives in the user's data folder (``$XDG_DATA_HOME/alliance-advisor`` or
``~/.local/share/alliance-advisor``), or where ``--journal`` / ``$ALLIANCE_ADVISOR_JOURNAL``
says. Writes are transactions (atomic); WAL mode and a busy timeout let several processes
write at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
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
    pass


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

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Journal:
        p = Path(path) if path else default_path()
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(
                f"cannot create the journal folder: {exc.strerror or exc}", file=str(p.parent)
            ) from None
        journal = cls(p)
        with journal._connect() as db:
            db.executescript(SCHEMA)
        return journal

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            return _Closing(db)
        except sqlite3.DatabaseError as exc:
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
                return int(cur.lastrowid)
        except sqlite3.DatabaseError as exc:
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
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot write the journal: {exc}", file=str(self.path)) from None

    def entries(self, limit: int | None = None) -> list[Entry]:
        """Entries, newest first."""
        sql = "SELECT * FROM assessments ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute(sql).fetchall()
        return [Entry(**{**dict(r), "findings": json.loads(r["findings"])}) for r in rows]

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


def recheck(journal: Journal, rb, as_of: dt.date | None = None):
    """Re-assess the latest entry of every case; yields ``(entry, changes)``."""
    from .assess import assess
    from .casefile import loads_case

    day = as_of or dt.date.today()
    for entry in journal.latest_per_case():
        case = loads_case(entry.case_yaml, f"journal entry {entry.id}")
        a = assess(case, as_of=day, lang=entry.lang, rules=rb)
        after = verdict_records(a)
        yield entry, diff_findings(entry.findings, after)
