"""Nothing a file holds reaches the terminal raw (issue 11): case names in the CSV
summary, journal columns in ``history``, stored findings in ``recheck``, rule titles; JSON
escapes C1 controls; a spreadsheet runs no formula from the CSV summary."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from tests.test_journal import CASE as JOURNAL_CASE
from tests.test_journal import _cli
from tests.test_outputs import CASE, run

ESCAPES = "\x1b]0;PWNED\x07\x1b[31mRED\x9b2J"
RAW = ("\x1b", "\x07", "\x9b")


def _case(tmp_path, name: str, file: str = "c.yaml"):
    path = tmp_path / file
    path.write_text(CASE.replace("name: Sortie", f"name: {json.dumps(name)}"), "utf-8")
    return path


def _no_raw(text: str) -> None:
    assert not any(ch in text for ch in RAW), repr(text)


@pytest.mark.parametrize("fmt", ["csv", "text", "json", "jsonl"])
def test_escapes_in_a_case_name_are_shown_not_run_by_the_summary(tmp_path, fmt):
    path = _case(tmp_path, ESCAPES)
    proc = run("assess", "--no-journal", "--summary", "-f", fmt, str(path))
    assert proc.returncode == 0, proc.stderr
    _no_raw(proc.stdout + proc.stderr)
    if fmt == "json":
        assert json.loads(proc.stdout)[0]["case"] == ESCAPES  # escaped, not altered
        assert "\\u009b2J" in proc.stdout


def test_json_reports_escape_c1_controls(tmp_path):
    path = _case(tmp_path, "Caf\u00e9 \x9b2J \u2028")
    proc = run("assess", "--no-journal", "-f", "json", str(path))
    assert proc.returncode == 0, proc.stderr
    _no_raw(proc.stdout)
    assert "\\u009b2J \\u2028" in proc.stdout and "Café" in proc.stdout
    assert json.loads(proc.stdout)["case"]["name"] == "Caf\u00e9 \x9b2J \u2028"


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "@SUM(A1)", "+1", "-1", "\tx"])
def test_a_formula_in_a_case_name_is_neutralised_in_the_csv(tmp_path, name):
    path = _case(tmp_path, name)
    proc = run("assess", "--no-journal", "--summary", "-f", "csv", str(path))
    assert proc.returncode == 0, proc.stderr
    (row,) = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert row["case"].startswith("'")
    assert row["case"][1:] in (name, name.replace("\t", "\\x09"))


def test_history_and_recheck_show_stored_text_escaped(tmp_path, rb):
    from advisor.assess import assess
    from advisor.casefile import loads_case
    from advisor.journal import Journal
    from tests.test_journal import AS_OF

    path = tmp_path / "j.sqlite3"
    case = loads_case(JOURNAL_CASE)
    a = assess(case, as_of=AS_OF, rules=rb)
    Journal.open(path).record(tmp_path / "case.yaml", case, a)
    db = sqlite3.connect(path)
    (stored,) = db.execute("SELECT findings FROM assessments").fetchone()
    findings = json.loads(stored)
    findings[0]["status"] = ESCAPES  # a finding the re-check will find with another status
    db.execute(
        "UPDATE assessments SET at = ?, source = ?, rules_version = ?, as_of = ?, findings = ?",
        (ESCAPES, ESCAPES, ESCAPES, ESCAPES, json.dumps(findings)),
    )
    db.commit()
    db.close()
    hist = _cli("history", "--journal", str(path))
    assert hist.returncode == 0, hist.stderr
    _no_raw(hist.stdout)
    assert hist.stdout.count("\\x1b]0;PWNED\\x07") == 4
    check = _cli("recheck", "--journal", str(path), "--as-of", "2026-06-01")
    assert check.returncode == 0, check.stderr
    _no_raw(check.stdout)
    assert "status \\x1b]0;PWNED\\x07\\x1b[31mRED\\x9b2J -> " in check.stdout
    as_json = _cli("history", "--journal", str(path), "-f", "json")
    _no_raw(as_json.stdout)
    assert json.loads(as_json.stdout)[0]["at"] == ESCAPES


def test_a_rule_title_with_escapes_is_refused_by_every_command(tmp_path):
    import shutil
    from pathlib import Path

    from advisor.rulesbase import default_rules_path

    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    bad = Path(__file__).parent / "data" / "bad_rules" / "title-escape.yaml"
    shutil.copyfile(bad, copy / "legal" / "broken.yaml")
    listing = run("--rules", str(copy), "rules", "list")
    assert listing.returncode == 2
    _no_raw(listing.stdout + listing.stderr)
    assert "control character U+001B" in listing.stderr
