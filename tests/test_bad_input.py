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


@pytest.mark.parametrize(
    "name",
    [
        "unknown-field.yaml",
        "alias-bomb.yaml",
        "latin1.yaml",
        "date-impossible.yaml",
        "absurd-amount.yaml",
    ],
)
def test_cli_exits_2_without_traceback(name):
    proc = _run("assess", str(BAD / name), "--no-journal")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("advisor: error: ")
    assert name in proc.stderr


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
