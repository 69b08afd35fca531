"""The journal of assessments, history, and re-checking past cases after a rules change."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from advisor.assess import assess
from advisor.casefile import loads_case
from advisor.journal import Journal, recheck
from advisor.rulesbase import default_rules_path, load_rules_base

AS_OF = dt.date(2026, 6, 1)
CASE = """
meta: {name: Cas journalisé}
partners:
  - {id: a, name: Acme, kind: company}
  - {id: b, name: Asso, kind: association, general_interest: true}
agreements: {written: false}
money:
  gifts: [{donor: a, beneficiary: b, kind: cash, amount_eur: 10000, counterparts_eur: 2000}]
"""


def test_record_and_list(tmp_path, rb):
    journal = Journal.open(tmp_path / "j.sqlite3")
    case = loads_case(CASE)
    a = assess(case, as_of=AS_OF, rules=rb)
    journal.record(tmp_path / "case.yaml", case, a)
    (entry,) = journal.entries()
    assert entry.case_name == "Cas journalisé"
    assert entry.rules_sha256 == rb.sha256 and entry.case_sha256 == a.case.sha256
    assert {f["rule_id"]: f["status"] for f in entry.findings} == a.statuses()


def test_recheck_reports_exactly_what_a_rule_edit_changed(tmp_path, rb):
    journal = Journal.open(tmp_path / "j.sqlite3")
    case = loads_case(CASE)
    journal.record(tmp_path / "case.yaml", case, assess(case, as_of=AS_OF, rules=rb))
    # Same rules: nothing changes.
    ((_, changes),) = list(recheck(journal, rb, AS_OF))
    assert changes == []
    # Lower the counterpart tolerance to 15 % in a copy of the rules base.
    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy)
    params = copy / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    # The tolerance's value, however the file is laid out (one line or a block).
    at = text.index("mecenat_counterpart_tolerance_pct:")
    head, tail = text[:at], text[at:]
    assert re.search(r"value: 25\b", tail)
    params.write_text(head + re.sub(r"value: 25\b", "value: 15", tail, count=1), encoding="utf-8")
    edited = load_rules_base(copy)
    assert edited.sha256 != rb.sha256
    ((entry, changes),) = list(recheck(journal, edited, AS_OF))
    before = assess(case, as_of=AS_OF, rules=rb)
    after = assess(case, as_of=AS_OF, rules=edited)
    expected_new = set(after.statuses()) - set(before.statuses())
    assert expected_new, "the edit should raise new findings"
    assert {c.rule_id for c in changes if c.kind == "new"} == expected_new
    assert "legal.convention.counterparts-over-tolerance" in expected_new
    # An edit may also settle a finding that was open before: those are reported as gone.
    expected_gone = set(before.statuses()) - set(after.statuses())
    assert {c.rule_id for c in changes if c.kind == "gone"} == expected_gone
    assert all(c.kind in ("new", "gone") for c in changes)


def test_two_processes_write_at_once(tmp_path):
    db = tmp_path / "shared.sqlite3"
    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    script = (
        "import sys, datetime; from advisor.journal import Journal; "
        "from advisor.casefile import load_case; from advisor.assess import assess; "
        "j = Journal.open(sys.argv[1]); c = load_case(sys.argv[2]); "
        "a = assess(c, as_of=datetime.date(2026, 6, 1)); "
        "[j.record(sys.argv[2], c, a) for _ in range(40)]"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db), str(case)],
            cwd=Path(__file__).resolve().parent.parent,
        )
        for _ in range(2)
    ]
    assert [p.wait() for p in procs] == [0, 0]
    assert len(Journal.open(db).entries()) == 80


def test_history_and_recheck_commands(tmp_path):
    db = tmp_path / "cli.sqlite3"
    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    env = {"ALLIANCE_ADVISOR_JOURNAL": str(db)}

    def run(*args):
        return _cli(*args, env=env)

    assert run("assess", str(case), "--as-of", "2026-06-01").returncode == 0
    hist = json.loads(run("history", "--format", "json").stdout)
    assert len(hist) == 1 and hist[0]["case"] == "Cas journalisé"
    out = run("recheck", "--as-of", "2026-06-01")
    assert out.returncode == 0 and "no change" in out.stdout
    assert run("assess", str(case), "--no-journal").returncode == 0
    assert len(json.loads(run("history", "--format", "json").stdout)) == 1


# ---- issue 11, points 13 and 14: failures, bad rows, permissions ---------------------


def _cli(*args, env=None):
    """The command line, in this process (with ``env`` set for the call)."""
    import contextlib
    import io

    from advisor.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_a_journal_failure_never_loses_the_assessment(tmp_path):
    import sqlite3

    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE assessments (id INTEGER PRIMARY KEY, something TEXT)")
    db.commit()
    db.close()
    alone = _cli("assess", str(case), "-f", "json", "--as-of", "2026-06-01", "--no-journal")
    targets = [str(other), str(tmp_path)]  # another schema; a folder
    if os.path.exists("/dev/full"):
        targets.append("/dev/full")
    for target in targets:
        proc = _cli("assess", str(case), "-f", "json", "--as-of", "2026-06-01", "--journal", target)
        assert proc.returncode == alone.returncode == 0, proc.stderr
        assert proc.stdout == alone.stdout
        warnings = proc.stderr.splitlines()
        assert len(warnings) == 1 and warnings[0].startswith(
            "advisor: warning: assessment not journalled:"
        ), proc.stderr
    batch = _cli(
        "assess",
        str(case),
        "--summary",
        "--lang",
        "en",
        "--as-of",
        "2026-06-01",
        "--journal",
        str(other),
    )
    assert batch.returncode == 0 and "most at-risk first" in batch.stdout
    assert "advisor: warning: assessments not journalled" in batch.stderr
    assert "lacks" in batch.stderr and "Traceback" not in batch.stderr


def test_history_and_recheck_skip_and_report_bad_rows(tmp_path, rb):
    import sqlite3

    path = tmp_path / "j.sqlite3"
    journal = Journal.open(path)
    case = loads_case(CASE)
    for _ in range(5):
        journal.record(tmp_path / "case.yaml", case, assess(case, as_of=AS_OF, rules=rb))
    other = loads_case(CASE.replace("Cas journalisé", "Autre cas"))
    journal.record(tmp_path / "other.yaml", other, assess(other, as_of=AS_OF, rules=rb))
    db = sqlite3.connect(path)
    db.execute("UPDATE assessments SET findings = 'not json' WHERE id = 2")
    db.execute("UPDATE assessments SET case_yaml = 'partners: [{id: 1}]' WHERE id = 6")
    db.commit()
    db.close()
    env = {"ALLIANCE_ADVISOR_JOURNAL": str(path)}
    hist = _cli("history", "--limit", "3", env=env)
    assert hist.returncode == 0, hist.stderr
    assert f"the 3 most recent of 6 entries in {path}" in hist.stdout
    full = _cli("history", env=env)
    assert full.returncode == 2
    assert "skipped journal entry 2" in full.stderr and "unreadable findings" in full.stderr
    assert f"6 entries in {path}; 1 could not be read (listed below)" in full.stdout
    assert len([x for x in full.stdout.splitlines() if "as of" in x]) == 5
    check = _cli("recheck", "--as-of", "2026-06-01", env=env)
    assert check.returncode == 2
    assert "skipped journal entry 6" in check.stderr and "partners[0]" in check.stderr
    assert "1 case re-checked" in check.stdout and "Traceback" not in check.stderr


def test_the_journal_is_private(tmp_path):
    import stat

    path = tmp_path / "new" / "folder" / "journal.sqlite3"
    old = os.umask(0o022)
    try:
        journal = Journal.open(path)
        case = loads_case(CASE)
        journal.record(None, case, assess(case, as_of=AS_OF))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    for extra in path.parent.glob("journal.sqlite3-*"):  # WAL and shared-memory files
        assert stat.S_IMODE(extra.stat().st_mode) == 0o600, extra
    # An existing folder (e.g. /tmp) keeps its mode.
    before = stat.S_IMODE(tmp_path.stat().st_mode)
    Journal.open(tmp_path / "j2.sqlite3")
    assert stat.S_IMODE(tmp_path.stat().st_mode) == before
