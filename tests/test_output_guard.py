"""``--output`` never destroys what the command reads or keeps (issue 11, nothing lost):
a path ending in a slash names a folder and is refused whatever follows the slash, the
journal in use and any SQLite database are refused, and so are the rules base's files.
Paths are compared after resolving links, never as strings."""

from __future__ import annotations

import sqlite3

import pytest

from tests.test_outputs import CASE, run


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("case.yaml")
    return path


@pytest.mark.parametrize(
    "output", ["case.yaml/", "case.yaml/.", "case.yaml//", "link.yaml/", "case.yaml/.."]
)
@pytest.mark.parametrize("extra", [(), ("-f", "json"), ("--summary", "-f", "csv")])
def test_a_trailing_slash_never_replaces_the_input(case, tmp_path, output, extra):
    before = case.read_bytes()
    proc = run("assess", "--no-journal", "case.yaml", *extra, "-o", output, cwd=tmp_path)
    assert proc.returncode == 2
    assert f"the output '{output}' names a folder" in proc.stderr
    assert case.read_bytes() == before
    assert (tmp_path / "link.yaml").is_symlink()


def test_a_trailing_slash_on_a_new_name_writes_no_file(case, tmp_path):
    proc = run("assess", "--no-journal", str(case), "-o", "nonexistent/", cwd=tmp_path)
    assert proc.returncode == 2 and "names a folder" in proc.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_a_folder_run_with_a_slash_after_one_of_its_cases(case, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "x.yaml").write_text(CASE, encoding="utf-8")
    proc = run("assess", "--no-journal", "--summary", "-f", "csv", "d", "-o", "d/x.yaml/",
               cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2
    assert (folder / "x.yaml").read_text(encoding="utf-8") == CASE


def test_a_symlink_to_the_input_is_the_input(case, tmp_path):
    proc = run("assess", "--no-journal", "case.yaml", "-o", "link.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "is the input case file" in proc.stderr
    assert case.read_text(encoding="utf-8") == CASE


def _journal_with_one_entry(case, journal):
    assert run("assess", "--journal", str(journal), str(case)).returncode == 0
    return journal.read_bytes()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_journal_in_use_is_refused_as_output(case, tmp_path, monkeypatch, how):
    journal = tmp_path / "j.db"
    before = _journal_with_one_entry(case, journal)
    if how == "environment":
        monkeypatch.setenv("ALLIANCE_ADVISOR_JOURNAL", str(journal))
        args = ("assess", str(case), "-o", str(journal))
    else:
        args = ("assess", "--journal", "j.db", str(case), "-o", "./j.db")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "is the journal" in proc.stderr and "j.db" in proc.stderr
    assert "history of assessments" in proc.stderr
    assert journal.read_bytes() == before
    with sqlite3.connect(journal) as db:
        assert db.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 1


def test_any_sqlite_database_is_refused_as_output(case, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    before = _journal_with_one_entry(case, other)
    for extra in [(), ("--summary", "-f", "csv")]:
        proc = run("assess", "--no-journal", str(case), *extra, "-o", str(other))
        assert proc.returncode == 2 and "is an SQLite database" in proc.stderr
    assert other.read_bytes() == before


def test_a_file_of_the_rules_base_is_refused_as_output(case, tmp_path):
    from advisor.rulesbase import default_rules_path

    target = next(p for p in default_rules_path().rglob("*.yaml"))
    before = target.read_bytes()
    proc = run("assess", "--no-journal", str(case), "-o", str(target))
    assert proc.returncode == 2 and "inside the rules base" in proc.stderr
    assert target.read_bytes() == before


def test_an_ordinary_output_is_still_written(case, tmp_path):
    proc = run("assess", "--no-journal", str(case), "-f", "json", "-o", "out/../r.json",
               cwd=tmp_path)  # fmt: skip
    # 'out' does not exist: the path is refused by the system, not by the guard.
    assert proc.returncode == 2 and "names a folder" not in proc.stderr
    proc = run("assess", "--no-journal", str(case), "-f", "json", "-o", "r.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")
