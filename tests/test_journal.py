"""The journal of assessments, history, and re-checking past cases after a rules change."""

from __future__ import annotations

import datetime as dt
import json
import os
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
    assert "value: 25," in text
    params.write_text(text.replace("value: 25,", "value: 15,", 1), encoding="utf-8")
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
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert len(Journal.open(db).entries()) == 80


def test_history_and_recheck_commands(tmp_path):
    db = tmp_path / "cli.sqlite3"
    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    env = {**os.environ, "ALLIANCE_ADVISOR_JOURNAL": str(db)}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "advisor.cli", *args], text=True, capture_output=True, env=env
        )

    assert run("assess", str(case), "--as-of", "2026-06-01").returncode == 0
    hist = json.loads(run("history", "--format", "json").stdout)
    assert len(hist) == 1 and hist[0]["case"] == "Cas journalisé"
    out = run("recheck", "--as-of", "2026-06-01")
    assert out.returncode == 0 and "no change" in out.stdout
    assert run("assess", str(case), "--no-journal").returncode == 0
    assert len(json.loads(run("history", "--format", "json").stdout)) == 1
