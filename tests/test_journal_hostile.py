"""A journal is a file anyone may have edited: a row that cannot be read is reported and
skipped (exit 2 at the end), never a traceback, and nothing stored reaches the terminal
raw (issue 11)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from advisor.assess import assess
from advisor.casefile import loads_case
from advisor.journal import Journal
from tests.test_journal import AS_OF, CASE, _cli


@pytest.fixture
def journal(tmp_path, rb):
    """A journal of two entries of two cases."""
    path = tmp_path / "j.sqlite3"
    j = Journal.open(path)
    for name in ("Premier", "Second"):
        case = loads_case(CASE.replace("Cas journalisé", name))
        j.record(tmp_path / f"{name}.yaml", case, assess(case, as_of=AS_OF, rules=rb))
    return path


def _update(path, sql, *params):
    db = sqlite3.connect(path)
    db.execute(sql, params)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "findings",
    [
        "[" * 100_000 + "]" * 100_000,  # nested past json's recursion limit
        json.dumps([{"rule_id": 1, "status": "flagged", "severity": "high"}]),
        json.dumps([{"rule_id": "r", "status": None, "severity": "high"}]),
    ],
    ids=["deep", "id-not-text", "status-null"],
)
@pytest.mark.parametrize("command", ["history", "recheck"])
def test_an_unreadable_findings_row_is_skipped(journal, findings, command):
    _update(journal, "UPDATE assessments SET findings = ? WHERE id = 1", findings)
    extra = ["--as-of", "2026-06-01"] if command == "recheck" else []
    proc = _cli(command, "--journal", str(journal), *extra)
    assert proc.returncode == 2, proc.stderr
    assert "skipped journal entry 1" in proc.stderr and "unreadable findings" in proc.stderr
    assert "Traceback" not in proc.stderr and "Second" in proc.stdout


def test_history_does_not_count_an_unreadable_entry_as_shown(journal):
    """Both entries unreadable: the count says none was shown, not '2 entries' alone."""
    _update(journal, "UPDATE assessments SET findings = 'not json'")
    proc = _cli("history", "--journal", str(journal))
    assert proc.returncode == 2
    assert proc.stdout.splitlines()[-1] == (
        f"2 entries in {journal}; none of these 2 could be read (listed below)"
    )
    _update(journal, "DELETE FROM assessments WHERE id = 2")
    proc = _cli("history", "--journal", str(journal))
    assert proc.stdout.splitlines() == [f"1 entry in {journal}; it could not be read (see below)"]
    assert "skipped journal entry 1" in proc.stderr


@pytest.mark.parametrize("column", ["at", "source", "rules_version", "as_of", "rules_sha256"])
def test_a_column_of_the_wrong_type_is_skipped(journal, column):
    _update(journal, f"UPDATE assessments SET {column} = ? WHERE id = 1", b"\x1b[2J")  # a BLOB
    proc = _cli("history", "--journal", str(journal))
    assert proc.returncode == 2
    assert f"not text: {column}" in proc.stderr and "Second" in proc.stdout
