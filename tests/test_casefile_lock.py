"""The interview's case file: one interview at a time, nothing written until an answer
changes, the user's comments and layout kept, links followed (issue 11, points 3 and 4)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.casefile import load_case
from advisor.casefile_edit import edited_text
from advisor.casefile_lock import CaseLock, Holder, lock_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

COMMENTED = """# Client: Dupont SA — confidential
format_version: 1
meta: {name: Dupont, lang: fr}   # the memo is in French
partners:
  - {id: a, name: Acme, kind: company}  # the funder
  - id: b
    name: Asso
    kind: association
    general_interest: unknown  # ask about the rescrit
agreements:
  written: yes
money:
  gifts:
    - {donor: a, beneficiary: b, amount_eur: 10000}
"""

HOLDER = """
import sys
from advisor.casefile_lock import CaseLock
lock = CaseLock(sys.argv[1])
print("free" if lock.acquire() is None else "busy", flush=True)
sys.stdin.readline()
lock.release()
"""


def _hold(path: Path) -> subprocess.Popen:
    """Another process that takes the case's lock and keeps it until told (or killed)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "free"  # waits for its report, not a delay
    return proc


def test_a_second_holder_is_told_who_holds_the_case(tmp_path):
    case = tmp_path / "case.yaml"
    other = _hold(case)
    try:
        holder = CaseLock(case).acquire()
        assert isinstance(holder, Holder) and holder.pid == other.pid
        assert f"process {other.pid} on " in holder.describe() and ", since 20" in holder.describe()
    finally:
        other.stdin.write("\n")
        other.stdin.flush()
        other.wait()
    assert not lock_path(case).exists()  # released by its holder
    mine = CaseLock(case)
    assert mine.acquire() is None and lock_path(case).exists()
    mine.release()
    assert not lock_path(case).exists()


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    case = tmp_path / "case.yaml"
    other = _hold(case)
    other.send_signal(signal.SIGKILL)
    other.wait()
    assert lock_path(case).exists()  # the dead process could not clean up
    mine = CaseLock(case)
    assert mine.acquire() is None
    assert f'"pid": {os.getpid()}' in lock_path(case).read_text()


def test_a_takeover_happens_only_if_the_lock_is_still_the_stale_one(tmp_path):
    """Two interviews find one stale lock: the first replaces it; the second, re-reading
    under the lock file's flock, sees a live holder and does not take it."""
    case = tmp_path / "case.yaml"
    dead = _hold(case)
    dead.send_signal(signal.SIGKILL)
    dead.wait()
    first, second = CaseLock(case), CaseLock(case)
    import json

    found = json.loads(lock_path(case).read_text())
    stale = Holder(found["pid"], found["host"], found["since"], found["token"])
    assert first._take_over(stale) is True
    assert second._take_over(stale) is False
    assert first.mine.token in lock_path(case).read_text()


def test_a_lock_follows_a_symlinked_case_to_its_target(tmp_path):
    real = tmp_path / "synced" / "case.yaml"
    real.parent.mkdir()
    link = tmp_path / "case.yaml"
    link.symlink_to(real)
    assert lock_path(link) == real.parent / ".case.yaml.lock"


# ---- the session: what the interview writes -------------------------------------------


@pytest.fixture
def session_for(rb):
    from tui.session import Options, Session

    made = []

    def make(path: Path) -> Session:
        s = Session(Options(path=path, rules=rb, as_of=dt.date(2026, 6, 1), no_journal=True))
        made.append(s)
        return s

    yield make
    for s in made:
        s._lock.release()


def _question(session, field):
    return next(q for q in session.rb.questions if q.doc.field == field)


def test_opening_and_moving_write_nothing(tmp_path, session_for):
    path = tmp_path / "case.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    before = path.stat()
    s = session_for(path)
    s.move_to("agreements.written")
    s.move_to("agreements.exit_clause")
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_an_answer_keeps_comments_and_layout(tmp_path, session_for):
    path = tmp_path / "case.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    s = session_for(path)
    s.answer(_question(s, "agreements.exit_clause"), False)
    text = path.read_text(encoding="utf-8")
    for line in COMMENTED.splitlines():
        if not line.startswith(("agreements:", "  written", "meta:")):
            assert line in text, line  # every untouched line, comments included
    assert "  written: yes\n  exit_clause: false\n" in text
    assert "progress: {question: agreements.exit_clause}" in text
    assert load_case(path).agreements.exit_clause is False


def test_a_symlinked_case_stays_a_link(tmp_path, session_for):
    real = tmp_path / "synced" / "case.yaml"
    real.parent.mkdir()
    real.write_text(COMMENTED, encoding="utf-8")
    link = tmp_path / "case.yaml"
    link.symlink_to(real)
    s = session_for(link)
    s.answer(_question(s, "agreements.exit_clause"), True)
    assert link.is_symlink()
    assert load_case(real).agreements.exit_clause is True


def test_a_second_interview_is_read_only(tmp_path, session_for):
    path = tmp_path / "case.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    other = _hold(path)
    try:
        s = session_for(path)
        assert s.read_only is not None and s.read_only.pid == other.pid
        s.lang = "fr"
        said = s.read_only_text()
        assert f"processus {other.pid} sur " in said and "lecture seule" in said
        assert "process " not in said and " on " not in said  # no English in French
        s.move_to("agreements.written")  # silent: said once, by the interview, at opening
        s.answer(_question(s, "agreements.exit_clause"), False)  # no error after an answer
        assert s.case.agreements.exit_clause is False  # kept in memory...
        assert s.unsaved is not None  # ...and quitting will ask before losing the answer
        assert path.read_text(encoding="utf-8") == COMMENTED
    finally:
        other.stdin.write("\n")
        other.stdin.flush()
        other.wait()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_keeps_its_layout_when_one_answer_changes(example):
    original = example.read_text(encoding="utf-8")
    case = load_case(example)
    case.agreements.exit_clause = not case.agreements.exit_clause
    text = edited_text(example, case)
    kept = [line for line in original.splitlines() if line.strip()]
    lost = [line for line in kept if line not in text.splitlines()]
    assert len(lost) <= 2, lost  # at most the agreements lines that changed
