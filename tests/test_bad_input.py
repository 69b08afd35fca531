"""Bad case files: a clear message naming file, field and what is allowed; exit 2; no
traceback. The corpus is tests/data/bad/ with the words each message must contain."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advisor.casefile import load_case
from advisor.errors import AdvisorError

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


def _message(path: Path) -> str:
    with pytest.raises(AdvisorError) as info:
        load_case(path)
    return str(info.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_case_message_names_what_is_wrong(name):
    message = _message(BAD / name)
    for words in EXPECTED[name]:
        assert words.lower() in message.lower(), f"{name}: {words!r} not in {message!r}"


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_message_is_one_line(name):
    """A message is one line: NUL bytes, control characters or a newline in a value never
    split it (a script reading stderr line by line gets one error per line)."""
    message = _message(BAD / name)
    assert "\n" not in message and "\r" not in message, repr(message)


def test_commands_exit_2_without_traceback():
    """Every command that reads a case: a bad file is a message and exit 2. One process
    per command, each given several bad files where it takes several."""
    names = [
        "unknown-field.yaml",
        "alias-bomb.yaml",
        "latin1.yaml",
        "date-impossible.yaml",
        "absurd-amount.yaml",
        "huge-integer.yaml",
        "tiny-exponent.yaml",
        "duplicate-key.yaml",
        "utf16-bom.yaml",
        "nul-byte.yaml",
    ]
    files = [str(BAD / n) for n in names]
    proc = _run("assess", *files, "--no-journal", "--format", "jsonl")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    for name in names:
        assert f"advisor: skipped {BAD / name}" in proc.stderr, name
    for args in (
        ("assess", files[5], "--no-journal"),
        ("explain", files[6], "legal.convention.no-written-agreement"),
        ("compare", str(BAD / "gift-to-itself.yaml"), files[5]),
        ("assess", files[5], "--summary", "--no-journal"),
    ):
        proc = _run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith("advisor: error: ") or "advisor: skipped" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_five_hundred_bad_partners_print_twenty_problems_and_a_count(tmp_path):
    path = tmp_path / "many.yaml"
    rows = "".join(
        f"  - {{id: p{i}, name: P, kind: asociation, employees: many}}\n" for i in range(500)
    )
    path.write_text("partners:\n" + rows, encoding="utf-8")
    proc = _run("assess", str(path), "--no-journal")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 22, lines[:3]
    assert lines[-1] == "advisor: error:   ... and 979 more problems"


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    path = tmp_path / "two\nlines.yaml"
    path.write_text("meta: {name: [x]}\n", encoding="utf-8")
    proc = _run("assess", str(path), "--no-journal")
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1
    assert "two\\x0alines.yaml" in proc.stderr


def test_a_fifo_given_as_a_case_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    message = _message(fifo)  # no writer: opening it for reading must not wait for one
    assert "FIFO" in message and "not a file" in message


def test_a_dangling_link_names_its_target(tmp_path):
    link = tmp_path / "case.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert "gone.yaml', which does not exist" in _message(link)


def test_huge_partner_list_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "many.yaml"
    entries = ",".join("{}" for _ in range(100_000))
    path.write_text(f"partners: [{entries}]\n", encoding="utf-8")
    assert path.stat().st_size < 2 * 1024 * 1024
    message = _message(path)
    assert "'partners'" in message and "100000 entries" in message and "at most 500" in message


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.write(b"meta:\n  notes: '")
        fh.write(b"x" * (50 * 1024 * 1024))
        fh.write(b"'\n")
    message = _message(path)
    assert "50.0 MB" in message and "limit of 2.0 MB" in message and "before parsing" in message


def test_directory_given_as_a_case(tmp_path):
    assert "is a directory" in _message(tmp_path)


def test_unreadable_file_message_via_open_error(tmp_path, monkeypatch):
    """Whoever runs the tests (root included), a permission error reads as such."""
    path = tmp_path / "secret.yaml"
    path.write_text("meta: {name: x}\n")
    real_open = os.open

    def deny(file, *a, **k):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **k)

    monkeypatch.setattr(os, "open", deny)
    assert "permission denied" in _message(path)


def test_missing_file():
    assert "no such file" in _message(BAD / "does-not-exist.yaml")


@pytest.mark.parametrize("target", ["no-such-dir/memo.json", "ro/memo.json"])
def test_output_path_that_cannot_be_written(tmp_path, target):
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    case = tmp_path / "case.yaml"
    case.write_text("meta: {name: x}\n")
    proc = _run(
        "assess", str(case), "--format", "json", "-o", str(tmp_path / target), "--no-journal"
    )
    if target.startswith("ro") and os.geteuid() == 0:
        return  # root may write anywhere
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert ("does not exist" in proc.stderr) or ("permission denied" in proc.stderr)
