"""Screening many cases: ranked table, csv/jsonl streams, broken files, --jobs."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess

import pytest

from advisor.assess import assess
from advisor.casefile import load_case

TEMPLATE = """meta: {{name: Cas {i}}}
partners:
  - {{id: a, name: Entreprise {i}, kind: company, employees: {emp}}}
  - {{id: b, name: Association {i}, kind: association, general_interest: {gi}}}
agreements: {{written: {written}}}
people:
  volunteers: {{involved: {vol}, flat_rate_allowances: {flat}}}
money:
  gifts: [{{donor: a, beneficiary: b, kind: cash, amount_eur: 10000, counterparts_eur: {cp}}}]
"""


def write_cases(folder, n):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"case-{i:03d}.yaml").write_text(
            TEMPLATE.format(
                i=i,
                emp=[10, 300, 5000][i % 3],
                gi=["true", "false", "unknown"][i % 3],
                written=["true", "false"][i % 2],
                vol=["true", "false"][(i // 2) % 2],
                flat=["true", "false", "unknown"][(i // 3) % 3],
                cp=[0, 1000, 4000][i % 3],
            ),
            encoding="utf-8",
        )
    return folder


def run(*args):
    """``advisor assess ... --no-journal --as-of 2026-06-01`` in this process (workers of
    ``--jobs`` are forked from it), its output and exit code as a subprocess would give."""
    import contextlib

    from advisor.cli import main

    argv = ["assess", *args, "--no-journal", "--as-of", "2026-06-01"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return write_cases(tmp_path_factory.mktemp("batch") / "cases", 90)


def test_jsonl_summary_equals_single_assessments(cases, rb):
    import datetime as dt

    proc = run(str(cases), "--summary", "--format", "jsonl", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 90
    for row in rows[:30]:
        a = assess(load_case(row["file"]), as_of=dt.date(2026, 6, 1), rules=rb)
        flagged = {
            s: sum(1 for f in a.findings if f.status == "flagged" and f.severity == s)
            for s in ("critical", "high", "medium", "low")
        }
        assert {s: row[s] for s in flagged} == flagged
        assert row["to_verify"] == sum(1 for f in a.findings if f.status == "to_verify")
        assert row["recommendations"] == [r.id for r in a.recommendations]


def test_full_jsonl_lines_equal_single_json(cases):
    files = sorted(cases.glob("*.yaml"))[:5]
    batch = run(*map(str, files), "--format", "jsonl", "--lang", "fr")
    lines = batch.stdout.splitlines()
    assert len(lines) == 5
    for path, line in zip(files, lines, strict=True):
        single = run(str(path), "--format", "json", "--lang", "fr")
        assert json.loads(line) == json.loads(single.stdout)


def test_ranked_table_is_stable_and_most_at_risk_first(cases):
    one = run(str(cases), "--summary", "--format", "json")
    two = run(str(cases), "--summary", "--format", "json")
    assert one.stdout == two.stdout
    rows = json.loads(one.stdout)
    keys = [
        (
            -r["critical"],
            -r["high"],
            -r["medium"],
            -r["low"],
            -r["to_verify_high"],
            -r["to_verify"],
            r["file"],
        )
        for r in rows
    ]
    assert keys == sorted(keys)
    text = run(str(cases), "--summary", "--lang", "en")
    assert text.returncode == 0 and "cases ranked, most at-risk first" in text.stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_ranked_table_reads_as_words_not_ids(lang):
    """The table a project lead reads names challenges and measures in their language; the
    ids stay in the JSON and CSV forms."""
    from pathlib import Path

    from advisor.assess import default_rules

    rb = default_rules()
    examples = Path(__file__).resolve().parent.parent / "examples"
    proc = run(str(examples), "--summary", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    body = proc.stdout
    ids = [c.id for c in rb.base.challenges] + list(rb.recommendations)
    assert not [i for i in ids if i in body], body
    labels = [c.label.get(lang) for c in rb.base.challenges]
    assert any(label in body for label in labels)
    n = len(list(examples.glob("*.yaml")))
    assert n > 1
    ranked = {"fr": f"{n} cas classés, du plus exposé", "en": f"{n} cases ranked, most at-risk"}
    assert ranked[lang] in body
    other = {"fr": "most at-risk", "en": "du plus exposé"}[lang]
    assert other not in body


def test_jobs_two_gives_the_same_output_as_one(cases):
    one = run(str(cases), "--summary", "--format", "csv", "--jobs", "1")
    two = run(str(cases), "--summary", "--format", "csv", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    rows = list(csv.DictReader(io.StringIO(one.stdout)))
    assert len(rows) == 90 and rows[0]["file"].endswith("case-000.yaml")


def test_full_jsonl_is_the_same_with_one_or_two_processes(tmp_path, monkeypatch):
    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 8)
    monkeypatch.setattr(batch, "MIN_CASES_PER_JOB", 1)
    one = run(str(folder), "--format", "jsonl", "--lang", "fr", "--jobs", "1")
    two = run(str(folder), "--format", "jsonl", "--lang", "fr", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 8


@pytest.mark.parametrize("summary", [False, True])
def test_jsonl_with_one_process_is_written_while_cases_are_assessed(tmp_path, monkeypatch, summary):
    """Constant memory: each line is written as soon as its case is assessed, so the first
    line is out before the last case is even read (the order of the calls, not a time)."""
    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 4)
    events: list[tuple[str, str]] = []
    real = batch._work

    def work(path):
        events.append(("assess", os.path.basename(path)))
        return real(path)

    class Stream(io.StringIO):
        def write(self, text):
            doc = json.loads(text)
            path = doc["file"] if summary else doc["case"]["file"]
            events.append(("write", os.path.basename(path)))
            return super().write(text)

    monkeypatch.setattr(batch, "_work", work)
    monkeypatch.setattr("sys.stdout", Stream())
    from advisor.cli import main

    extra = ["--summary"] if summary else []
    argv = ["assess", str(folder), *extra, "-f", "jsonl", "--jobs", "1", "--no-journal"]
    assert main(argv) == 0
    assert events.index(("write", "case-000.yaml")) < events.index(("assess", "case-003.yaml"))
    assert [e for e in events if e[0] == "write"] == [
        ("write", f"case-{i:03d}.yaml") for i in range(4)
    ]


def test_a_batch_journals_each_case_as_read(tmp_path):
    from advisor.cli import main
    from advisor.journal import Journal

    folder = write_cases(tmp_path / "cases", 3)
    first = folder / "case-000.yaml"
    first.write_text("# notes kept\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "journal.sqlite3"
    argv = ["assess", str(folder), "-f", "jsonl", "--journal", str(db), "-o", str(tmp_path / "o")]
    assert main(argv) == 0
    entries = {os.path.basename(e.case_path or ""): e for e in Journal.open(db).entries()}
    assert sorted(entries) == ["case-000.yaml", "case-001.yaml", "case-002.yaml"]
    for name, entry in entries.items():
        assert entry.case_yaml == (folder / name).read_text(encoding="utf-8")
        assert entry.source == "batch"


def test_broken_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = write_cases(tmp_path / "mixed", 6)
    (folder / "case-002.yaml").write_text("partners: [{id: a, name: A, kind: asociation}]\n")
    (folder / "case-004.yaml").write_bytes(b"meta: {name: caf\xe9}\n")
    proc = run(str(folder), "--summary", "--format", "jsonl")
    assert proc.returncode == 2
    assert "case-002.yaml" in proc.stderr and "did you mean 'association'" in proc.stderr
    assert "case-004.yaml" in proc.stderr and "UTF-8" in proc.stderr
    assert "2 of 6 case files could not be assessed" in proc.stderr
    names = [json.loads(line)["file"].rsplit("/", 1)[-1] for line in proc.stdout.splitlines()]
    assert names == ["case-000.yaml", "case-001.yaml", "case-003.yaml", "case-005.yaml"]


def test_output_file_appears_whole_or_not_at_all(tmp_path):
    folder = write_cases(tmp_path / "c", 4)
    target = tmp_path / "out.csv"
    proc = run(str(folder), "--format", "csv", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert len(target.read_text().splitlines()) == 5
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv")]
    missing = run(str(folder), "--format", "csv", "-o", str(tmp_path / "nope" / "out.csv"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_no_progress_bar_when_piped(cases):
    proc = run(str(cases), "--summary", "--format", "csv")
    assert "█" not in proc.stderr and "cases (" not in proc.stderr


# ---- issue 11, points 9, 10 and 11: dying workers, odd folders -------------------------


def _batch_args(folder, *extra):
    from advisor.cli import build_parser

    return build_parser().parse_args(
        [
            "assess",
            str(folder),
            "--summary",
            "-f",
            "jsonl",
            "--no-journal",
            "--as-of",
            "2026-06-01",
            *extra,
        ]
    )


def test_a_killed_worker_costs_only_its_case(tmp_path, monkeypatch, capsys):
    """A worker assessing case-005 reports its process id, then blocks; the test kills it
    on that report (a signal, not a delay). The batch must finish every other case, report
    case-005 with the reason, and exit 2."""
    import signal
    import threading

    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 12)
    read_end, write_end = os.pipe()
    real = batch._work

    def work(path):
        if path.endswith("case-005.yaml"):
            os.write(write_end, f"{os.getpid()}\n".encode())
            threading.Event().wait()  # blocks until killed
        return real(path)

    def killer():
        with os.fdopen(read_end) as fh:
            os.kill(int(fh.readline()), signal.SIGKILL)

    monkeypatch.setattr(batch, "_work", work)
    monkeypatch.setattr(batch, "MIN_CASES_PER_JOB", 1)
    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    code = batch.run_batch(_batch_args(folder, "--jobs", "2"))
    thread.join()
    out, err = capsys.readouterr()
    assert code == 2
    assert "case-005.yaml: the worker process assessing it died (killed by signal SIGKILL)" in err
    assert "1 of 12 case files could not be assessed" in err
    names = [json.loads(line)["file"].rsplit("/", 1)[-1] for line in out.splitlines()]
    assert names == [f"case-{i:03d}.yaml" for i in range(12) if i != 5]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_case_that_hangs_is_given_up_after_the_time_limit(tmp_path, monkeypatch, capsys, jobs):
    """With --case-timeout, a case that never finishes is reported and its worker killed;
    the other cases are assessed, in order, and the batch exits 2. The limit (10 s) is a
    hundred times what one of these small cases costs even on a loaded machine, and the
    hung case blocks for good: the test waits for the watchdog, not for a delay."""
    import threading

    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 4)
    real = batch._work

    def work(path):
        if path.endswith("case-002.yaml"):
            threading.Event().wait()  # never returns
        return real(path)

    monkeypatch.setattr(batch, "_work", work)
    code = batch.run_batch(_batch_args(folder, "--jobs", jobs, "--case-timeout", "10"))
    out, err = capsys.readouterr()
    assert code == 2
    assert "case-002.yaml: took longer than 10 s (--case-timeout)" in err, err
    assert "1 of 4 case files could not be assessed" in err
    names = [json.loads(line)["file"].rsplit("/", 1)[-1] for line in out.splitlines()]
    assert names == ["case-000.yaml", "case-001.yaml", "case-003.yaml"]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1e3", "90000"])
def test_case_timeout_takes_seconds_in_range(value, capsys):
    from advisor.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["assess", ".", "--summary", "--case-timeout", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--case-timeout" in err and "Traceback" not in err


def test_a_failing_worker_costs_only_its_case(tmp_path, monkeypatch, capsys):
    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 6)
    real = batch._work

    def work(path):
        if path.endswith("case-002.yaml"):
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(batch, "_work", work)
    monkeypatch.setattr(batch, "MIN_CASES_PER_JOB", 1)
    code = batch.run_batch(_batch_args(folder, "--jobs", "2"))
    out, err = capsys.readouterr()
    assert code == 2
    assert "case-002.yaml: could not be assessed (RuntimeError: boom)" in err
    assert len(out.splitlines()) == 5


def test_a_huge_integer_in_a_parallel_batch_costs_only_its_case(tmp_path, monkeypatch, capsys):
    from advisor.cli import batch

    folder = write_cases(tmp_path / "cases", 12)
    (folder / "case-007.yaml").write_text(
        "partners: [{id: a, name: A, employees: " + "9" * 5000 + "}]\n", encoding="utf-8"
    )
    monkeypatch.setattr(batch, "MIN_CASES_PER_JOB", 1)
    code = batch.run_batch(_batch_args(folder, "--jobs", "2"))
    out, err = capsys.readouterr()
    assert code == 2
    assert "case-007.yaml: line 1: field 'partners[0].employees': a number of 5000 digits" in err
    assert len(out.splitlines()) == 11


def test_every_skipped_path_of_a_folder_is_reported(tmp_path):
    folder = write_cases(tmp_path / "cases", 2)
    (folder / "UPPER.YAML").write_text("meta: {name: Majuscules}\n", encoding="utf-8")
    (folder / "dangling.yaml").symlink_to(folder / "gone.yaml")
    os.mkfifo(folder / "pipe.yaml")
    proc = run(str(folder), "--summary", "--format", "jsonl")
    assert proc.returncode == 2
    assert "dangling.yaml: symbolic link to" in proc.stderr and "does not exist" in proc.stderr
    assert "pipe.yaml: a FIFO (named pipe), not a file" in proc.stderr
    names = {json.loads(line)["case"] for line in proc.stdout.splitlines()}
    assert names == {"Cas 0", "Cas 1", "Majuscules"}
    assert "2 of 5 case files could not be assessed" in proc.stderr
