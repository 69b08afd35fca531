"""Nothing lost: a process killed at random points while saving leaves the old file or
the new one, whole; never a truncated or mixed file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from advisor.casefile import load_case, save_case
from advisor.journal import Journal
from advisor.model import AllianceCase

ROOT = Path(__file__).resolve().parent.parent
KILLS = 25

# Each script prepares once (imports, the case, the assessment), then forks one writer per
# "go" line on its standard input: the writer prints its pid, then a line per completed
# write, until the test kills it; the parent prints "reaped" once it has collected it. One
# start-up for all the kills, instead of one Python start-up (and rules base) per kill.
FORK_SERVER = """
import os, sys
def serve(write):
    for _ in sys.stdin:
        pid = os.fork()
        if pid == 0:
            print(os.getpid(), flush=True)
            write()
        os.waitpid(pid, 0)
        print("reaped", flush=True)
"""

WRITER = (
    FORK_SERVER
    + """
from advisor.casefile import loads_case, save_case
path = sys.argv[1]
partners = "\\n".join(f"  - {{id: p{i}, name: Partenaire {i} {'x' * 200}, kind: company}}"
                      for i in range(60))
def write():
    i = 0
    while True:
        i += 1
        case = loads_case(f"meta: {{name: version {i}}}\\npartners:\\n{partners}\\n")
        save_case(path, case)
        print(i, flush=True)
serve(write)
"""
)

JOURNALER = (
    FORK_SERVER
    + """
import datetime
from advisor.journal import Journal
from advisor.casefile import loads_case
from advisor.assess import assess
j = Journal.open(sys.argv[1])
case = loads_case("meta: {name: journal}")
a = assess(case, as_of=datetime.date(2026, 6, 1))
def write():
    while True:
        j.record(None, case, a)
        print("recorded", flush=True)
serve(write)
"""
)


def _kill_loop(script: str, target: Path, check) -> int:
    """Start a writer, wait until it reports a random number (1-4) of completed writes,
    then kill it while it is in the middle of the next ones. No delay is assumed: on a
    loaded machine the writer simply takes longer to report."""
    rng = random.Random(1234)
    checked = 0
    server = subprocess.Popen(
        [sys.executable, "-c", script, str(target)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        for _ in range(KILLS):
            server.stdin.write("go\n")
            server.stdin.flush()
            writer = int(server.stdout.readline())
            for _ in range(rng.randint(1, 4)):
                if not server.stdout.readline():
                    raise AssertionError("the writer stopped before writing anything")
            os.kill(writer, signal.SIGKILL)
            while server.stdout.readline().strip() != "reaped":
                pass  # reports written before the kill landed
            check()
            checked += 1
    finally:
        server.stdin.close()
        server.wait()
    return checked


def test_killed_during_case_saves_leaves_a_whole_file(tmp_path):
    target = tmp_path / "case.yaml"
    save_case(target, AllianceCase())
    versions = set()

    def check():
        case = load_case(target)  # raises if truncated or mixed
        assert case.meta.name.startswith("version ") or case.meta.name == "Untitled alliance"
        if case.partners:
            assert len(case.partners) == 60
        versions.add(case.meta.name)

    assert _kill_loop(WRITER, target, check) == KILLS
    assert len(versions) > 1, "the writer never got to save: the test proves nothing"
    leftovers = [p for p in tmp_path.iterdir() if p.name != "case.yaml"]
    # A kill between creating and renaming the temporary file may leave it behind; it is
    # never the case file itself.
    assert all(p.name.startswith(".case.yaml.") for p in leftovers)


def test_killed_during_journal_writes_keeps_every_committed_entry(tmp_path):
    db = tmp_path / "journal.sqlite3"
    counts = []

    def check():
        entries = Journal.open(db).entries()
        assert all(e.case_name == "journal" for e in entries)
        counts.append(len(entries))

    _kill_loop(JOURNALER, db, check)
    assert counts == sorted(counts), "committed entries were lost"
    assert counts[-1] > 0


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path):
    import pytest

    from advisor.errors import InputFileError

    with pytest.raises(InputFileError, match="does not exist"):
        save_case(tmp_path / "missing" / "case.yaml", AllianceCase())
    assert os.listdir(tmp_path) == []
