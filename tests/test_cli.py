"""The advisor command line: formats, exit codes, dates, JSON keys."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

CASE = """
meta: {name: Essai CLI, lang: fr}
partners:
  - {id: a, name: Acme, kind: company}
  - {id: b, name: Asso, kind: association, general_interest: true}
agreements: {written: false}
money:
  gifts: [{donor: a, beneficiary: b, kind: cash, amount_eur: 10000, counterparts_eur: 4000}]
"""


def run(*args):
    """The command line in this process (its output and exit code, as a subprocess's)."""
    import contextlib
    import io

    from advisor.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing an option
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_text_report(case_file):
    proc = run("assess", str(case_file), "--as-of", "2026-06-01", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    # English typography: no space before % (the memo's words, reports/typography.py)
    assert "Counterparts above 25% of the gift" in proc.stdout
    assert "law as of 1 June 2026" in proc.stdout


def test_json_keys_documented_in_readme(case_file):
    proc = run(
        "assess", str(case_file), "--format", "json", "--as-of", "2026-06-01", "--lang", "fr"
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc["rules_base"]) >= {"version", "sha256"}
    assert doc["as_of"] == "2026-06-01"
    finding = doc["findings"][0]
    for key in (
        "rule_id",
        "challenge",
        "framework",
        "severity",
        "likelihood",
        "status",
        "title",
        "evidence",
        "references",
    ):
        assert key in finding
    assert all("id" in r for r in doc["recommendations"])
    titles = [f["title"] for f in doc["findings"]]
    assert "Des contreparties au-delà de 25\u00a0% du don : du parrainage, pas du mécénat" in titles


def test_jsonl_one_assessment_per_line(case_file, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("meta: {name: Autre}\n", encoding="utf-8")
    proc = run("assess", str(case_file), str(other), "--format", "jsonl", "--no-journal")
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(x)["case"]["name"] for x in lines] == ["Essai CLI", "Autre"]


@pytest.mark.parametrize("fail_on,code", [("never", 0), ("critical", 0), ("high", 1), ("low", 1)])
def test_fail_on(case_file, fail_on, code):
    proc = run(
        "assess",
        str(case_file),
        "--fail-on",
        fail_on,
        "--as-of",
        "2026-06-01",
        "--no-journal",
        "--format",
        "json",
    )
    assert proc.returncode == code, proc.stderr


def test_as_of_picks_the_rules_in_force(tmp_path):
    path = tmp_path / "insurer.yaml"
    path.write_text(
        """
partners:
  - {id: m, name: Mutuelle, kind: mutual}
  - {id: s, name: SCIC, kind: cooperative}
money:
  investments:
    - {investor: m, investor_type: insurer, investee: s, instrument: equity,
       amount_eur: 200000, governance_seat: false}
""",
        encoding="utf-8",
    )
    before = json.loads(
        run("assess", str(path), "--format", "json", "--as-of", "2027-01-29", "--no-journal").stdout
    )
    after = json.loads(
        run("assess", str(path), "--format", "json", "--as-of", "2027-01-30", "--no-journal").stdout
    )
    rule = "financial.investment_guarantee.insurer-without-seat"
    f_before = next(f for f in before["findings"] if f["rule_id"] == rule)
    f_after = next(f for f in after["findings"] if f["rule_id"] == rule)
    assert f_before["version"].endswith("2027-01-29")
    assert f_after["version"].startswith("2027-01-30")
    assert f_after["unverified"] and not f_before["unverified"]


def test_bad_date_option_exits_2(case_file):
    proc = run("assess", str(case_file), "--as-of", "2025-02-30")
    assert proc.returncode == 2
    assert "not a valid date" in proc.stderr and "Traceback" not in proc.stderr


def test_broken_file_in_a_batch_is_reported_and_others_assessed(case_file, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("partners: [{id: a, name: A, kind: asociation}]\n", encoding="utf-8")
    proc = run("assess", str(case_file), str(bad), "--format", "jsonl", "--no-journal")
    assert proc.returncode == 2
    assert "bad.yaml" in proc.stderr and "did you mean 'association'" in proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_hostile_names_do_not_reach_the_terminal_raw(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text('meta: {name: "Evil \\e[31mRED\\e[0m \\u202eTXT"}\n', encoding="utf-8")
    proc = run("assess", str(path), "--no-journal")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[31m" not in proc.stdout and "\u202e" not in proc.stdout
    assert "\\x1b[31mRED" in proc.stdout


def test_explain_and_compare(case_file, tmp_path):
    proc = run(
        "explain",
        str(case_file),
        "legal.convention.counterparts-over-tolerance",
        "--lang",
        "en",
        "--as-of",
        "2026-06-01",
    )
    assert proc.returncode == 0, proc.stderr
    assert "✔" in proc.stdout and "40 %" in proc.stdout
    assert "bring the counterparts down to 25 % of the gift at most" in proc.stdout
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(CASE.replace("counterparts_eur: 4000", "counterparts_eur: 1000"))
    proc = run("compare", str(case_file), str(fixed), "--format", "json", "--as-of", "2026-06-01")
    diff = json.loads(proc.stdout)
    gone = {d["rule_id"] for d in diff["findings"] if d["kind"] == "disappears"}
    assert "legal.convention.counterparts-over-tolerance" in gone


def test_unknown_rule_is_a_usage_error(case_file):
    proc = run("explain", str(case_file), "legal.convention.counterpart-over-tolerance")
    assert proc.returncode == 2
    assert "did you mean 'legal.convention.counterparts-over-tolerance'" in proc.stderr


def test_core_does_not_import_ui_or_pdf_libraries():
    """Every module of the core (``advisor`` without its command line) imported, and a case
    assessed: neither Textual, reportlab, rich nor our own ``tui`` and ``reports`` load."""
    code = (
        "import sys, datetime, importlib, pkgutil, advisor; "
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(advisor.__path__, "
        "'advisor.') if not m.name.startswith(('advisor.cli', 'advisor.__main__'))]; "
        "from advisor.assess import assess; from advisor.casefile import loads_case; "
        "assess(loads_case('meta: {name: x}'), as_of=datetime.date(2026,1,1)); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'reportlab', "
        "'rich', 'tui', 'reports')]; print(','.join(bad))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_rules_list_fills_the_figures_of_titles():
    """Issue 17, point 10: no raw ``{param:…}`` placeholder in a listed title."""
    out = run("rules", "list").stdout
    assert "{param" not in out
    line = next(t for t in out.splitlines() if "commercial-revenue-over-franchise" in t)
    # The franchise is indexed every year: any figure of it, never the placeholder.
    assert re.search(r"exceeds the [0-9][0-9,]* € exemption threshold", line), line


def test_every_option_and_argument_has_help_text():
    """Issue 17, point 10: ``--help`` explains every option of every command."""
    import argparse

    from advisor.cli import build_parser

    def bare(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, child in action.choices.items():
                    yield from bare(child, f"{name} {sub}")
            elif not isinstance(action, argparse._HelpAction) and not action.help:
                yield f"{name} {'/'.join(action.option_strings) or action.dest}"

    assert list(bare(build_parser(), "advisor")) == []


def test_rules_coverage_fails_on_an_untested_rule_without_min(tmp_path):
    """Issue 17, point 9: an untested rule fails coverage with no option; --min accepts less."""
    import shutil

    from advisor.rulesbase import default_rules_path

    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "legal" / "untested.yaml").write_text(
        "challenge: legal.convention\n"
        "rules:\n"
        "  - id: legal.convention.untested\n"
        # Written and not written: no test case can flag it.
        "    when: {all: [{field: agreements.written, op: eq, value: true},\n"
        "                 {field: agreements.written, op: eq, value: false}]}\n"
        "    severity: low\n"
        "    likelihood: possible\n"
        "    title: {fr: Un titre, en: A title}\n"
        "    explanation: {fr: Une explication., en: An explanation.}\n"
        "    advice: {fr: Un conseil., en: Some advice.}\n"
        "    references: [{text: Loi 1901 art. 1}]\n",
        encoding="utf-8",
    )
    failed = run("--rules", str(copy), "rules", "coverage")
    assert failed.returncode == 1
    assert "not both flagged and clear in a test" in failed.stderr
    assert "uncovered legal.convention.untested@origin: never flagged" in (failed.stdout)
    assert run("--rules", str(copy), "rules", "coverage", "--min", "50").returncode == 0


_COMMAND_LINE = """
import contextlib, gc, io, json, sys
sys.argv = ["advisor", *sys.argv[1:]]
from advisor.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main()
loader = sys.modules.get("pydantic.plugin._loader")
sys.stderr.write(json.dumps({
    "code": code,
    "gc": gc.isenabled(),
    "metadata": "importlib.metadata" in sys.modules,
    "loader": getattr(loader, "__doc__", None),
}))
sys.stdout.write(out.getvalue())
"""


@pytest.mark.parametrize("command", [("assess", "--format", "json"), ("rules", "list")])
def test_command_line_process_finds_no_pydantic_plugins_and_collects_again(case_file, command):
    """A process of the command line: pydantic's plugin lookup (importlib.metadata) is
    skipped, the output is the same as a call of ``main`` with its arguments, and the
    garbage collector, held while the modules and the rules base load, is on again."""
    args = [*command, str(case_file), "--no-journal"] if command[0] == "assess" else command
    proc = subprocess.run(
        [sys.executable, "-c", _COMMAND_LINE, *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    state = json.loads(proc.stderr)
    assert state["code"] == 0
    assert state["gc"] is True
    assert state["metadata"] is False
    assert state["loader"] == "No pydantic plugins (advisor.cli.common)."
    assert proc.stdout == run(*args).stdout


def test_pydantic_takes_only_get_plugins_from_its_plugin_loader():
    """What stands in for pydantic's plugin loader (``advisor.cli.common``) gives
    ``get_plugins`` only: nothing else of that module is used by the pydantic installed."""
    import pydantic

    root = Path(pydantic.__file__).resolve().parent
    used = set()
    for path in root.rglob("*.py"):
        if "v1" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for names in re.findall(r"from (?:\.|pydantic\.plugin\.)_loader import ([\w, ]+)", text):
            used.update(n.strip() for n in names.split(","))
        used.update(re.findall(r"\b_loader\.(\w+)", text))
        assert "import _loader" not in text, path
    assert used == {"get_plugins"}
