"""Where a report or a case is written: never over an input, never renaming over what is
not a regular file, through symbolic links, keeping modes, following the umask, and a
clean message on a full disk (issue 11, points 1, 2 and 14)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from advisor import atomic
from advisor.atomic import atomic_write
from advisor.errors import InputFileError

CASE = """# Client: Dupont SA — confidential
meta: {name: Sortie, lang: fr}
partners:
  - {id: a, name: Acme, kind: company}
  - {id: b, name: Asso, kind: association}
money:
  gifts: [{donor: a, beneficiary: b, kind: cash, amount_eur: 10000}]
"""


def run(*args, cwd=None):
    """The command line, in this process (the rules base is loaded once for the file)."""
    import contextlib
    import io

    from advisor.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "extra",
    [
        ("-f", "json"),
        ("-f", "md"),
        ("-f", "pdf"),
        ("-f", "jsonl"),
        ("--summary",),
        ("-f", "csv"),
    ],
)
def test_output_equal_to_the_input_is_refused(case, extra):
    before = case.read_bytes()
    proc = run("assess", str(case), *extra, "-o", str(case), "--no-journal")
    assert proc.returncode == 2, proc.stderr
    assert f"the output '{case}' is the input case file '{case}'" in proc.stderr
    assert case.read_bytes() == before


def test_a_folder_run_whose_output_is_one_of_its_cases(case, tmp_path):
    (tmp_path / "d.yaml").write_text(CASE, encoding="utf-8")
    before = case.read_bytes()
    proc = run("assess", ".", "--summary", "-o", "./c.yaml", "--no-journal", cwd=tmp_path)
    assert proc.returncode == 2
    assert "the output './c.yaml' is the input case file 'c.yaml'" in proc.stderr
    assert case.read_bytes() == before
    # The same file through another name (a hard link) is the same file.
    os.link(case, tmp_path / "alias.json")
    proc = run(
        "assess", str(case), "-f", "json", "-o", str(tmp_path / "alias.json"), "--no-journal"
    )
    assert proc.returncode == 2 and case.read_bytes() == before


def test_an_existing_folder_as_output(case, tmp_path):
    proc = run("assess", str(case), "-f", "json", "-o", str(tmp_path), "--no-journal")
    assert proc.returncode == 2
    assert "is a folder; give a file name" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("assess", str(case), "--summary", "-o", str(tmp_path), "--no-journal")
    assert proc.returncode == 2 and "is a folder" in proc.stderr


def test_a_symlink_output_writes_its_target(case, tmp_path):
    target = tmp_path / "memo.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    proc = run("assess", str(case), "-f", "json", "-o", str(link), "--no-journal")
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("{")
    proc = run("assess", str(case), "--summary", "-f", "csv", "-o", str(link), "--no-journal")
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("file,")


def test_a_fifo_output_is_written_as_a_stream(case, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run("assess", str(case), "-f", "json", "-o", str(fifo), "--no-journal")
    reader.join()
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert received[0].startswith(b"{")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_gives_a_message_and_is_not_replaced(case, tmp_path):
    # Through a link in tmp_path: were the device ever renamed over, only the link would be.
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    for extra in (("-f", "json"), ("--summary", "-f", "csv")):
        proc = run("assess", str(case), *extra, "-o", str(link), "--no-journal")
        assert proc.returncode == 2, proc.stderr
        assert "no space left on the device" in proc.stderr and "Traceback" not in proc.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    proc = subprocess.run(
        f"{sys.executable} -m advisor.cli assess {case} --no-journal > /dev/full",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "no space left" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "memo.md"
    path.write_text("old memo", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(InputFileError, match="no space left on the device; the previous file"):
        atomic_write(path, "new memo")
    assert path.read_text(encoding="utf-8") == "old memo"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    old = os.umask(0o077)
    try:
        atomic_write(tmp_path / "new.json", "{}")
        kept = tmp_path / "kept.json"
        kept.write_text("x")
        os.chmod(kept, 0o640)
        atomic_write(kept, "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.json").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640
    os.umask(0o022)
    try:
        atomic_write(tmp_path / "open.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "open.json").st_mode) == 0o644


def test_a_umask_077_output_from_the_command_line(case, tmp_path):
    out = tmp_path / "memo.json"
    proc = subprocess.run(
        f"umask 077 && {sys.executable} -m advisor.cli assess {case} -f json -o {out} --no-journal",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_saving_a_case_through_a_symlink_keeps_the_link(tmp_path):
    from advisor.casefile import load_case, save_case

    real = tmp_path / "synced" / "case.yaml"
    real.parent.mkdir()
    real.write_text(CASE, encoding="utf-8")
    link = tmp_path / "case.yaml"
    link.symlink_to(real)
    case = load_case(link)
    case.meta.client = "Dupont SA"
    save_case(link, case)
    assert link.is_symlink()
    assert load_case(real).meta.client == "Dupont SA"


def test_a_device_is_never_renamed_over(tmp_path, monkeypatch):
    """atomic_write on a character device streams into it (checked on a FIFO here, with a
    reader, since a test must not touch the machine's devices)."""
    fifo = Path(tmp_path / "pipe")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, b"streamed")
    reader.join()
    assert got == [b"streamed"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
