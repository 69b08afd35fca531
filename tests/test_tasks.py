"""``python3 tasks.py test`` is what CI runs (.ci/run): every check in order, the first
failure stops it with that check's exit code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tasks(monkeypatch):
    spec = importlib.util.spec_from_file_location("tasks_under_test", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ensure_env", lambda: None)
    return module


def test_ci_runs_mypy_after_the_import_contracts_and_before_pytest(tasks, monkeypatch):
    ran: list[str] = []
    monkeypatch.setattr(tasks, "run", lambda *cmd: ran.append(cmd[0]) or 0)
    assert tasks.task_test([]) == 0
    assert ran.index("lint-imports") < ran.index("mypy") < ran.index("pytest")


def test_a_mypy_error_fails_ci_and_nothing_after_it_runs(tasks, monkeypatch):
    ran: list[str] = []

    def run(*cmd: str) -> int:
        ran.append(cmd[0])
        return 1 if cmd[0] == "mypy" else 0

    monkeypatch.setattr(tasks, "run", run)
    assert tasks.task_test([]) == 1
    assert ran[-1] == "mypy" and "pytest" not in ran


def test_mypy_checks_the_core_and_the_reports_whole():
    # Read as text: tomllib is Python 3.11+, the project supports 3.10.
    text = (ROOT / "pyproject.toml").read_text()
    section = text.split("[tool.mypy]\n", 1)[1].split("\n[", 1)[0]
    assert 'files = ["advisor", "reports"]' in section
    assert "exclude" not in section  # no module of the core is left out
