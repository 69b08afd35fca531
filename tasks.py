#!/usr/bin/env python3
"""Set up and run Alliance Advisor from a fresh clone, with nothing but Python 3.10-3.13.

    python3 tasks.py interview     # the main job: the interview, on a bundled example
    python3 tasks.py test          # the whole test suite (what CI runs)
    python3 tasks.py bench         # the benchmarks (not part of the tests)

Each command creates ``.venv`` on first use and installs the project into it (durable-rules
is compiled there: a C compiler is needed). On Python 3.13 durable-rules needs
``-DPyEval_CallObject=PyObject_CallObject`` to build; this script passes it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".alliance-advisor-installed"
EXAMPLE = ROOT / "examples" / "silver-geek.yaml"
WORKDIR = ROOT / "work"
CODE = ["advisor", "tui", "reports", "rules", "tests", "benchmarks", "tasks.py"]


def _say(msg: str) -> None:
    print(f"[tasks] {msg}", flush=True)


def _fingerprint() -> str:
    pins = ROOT / "constraints.txt"
    text = (ROOT / "pyproject.toml").read_bytes() + (pins.read_bytes() if pins.exists() else b"")
    return hashlib.sha256(text + sys.version.encode()).hexdigest()


def ensure_env() -> None:
    """Create the virtual environment and install the project with its test extras."""
    if sys.version_info < (3, 10) or sys.version_info >= (3, 14):
        sys.exit(f"Python 3.10 to 3.13 is needed; this is {sys.version.split()[0]}")
    if STAMP.exists() and STAMP.read_text() == _fingerprint() and PY.exists():
        return
    if not PY.exists():
        _say(f"creating {VENV.relative_to(ROOT)} with Python {sys.version.split()[0]}")
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    env = dict(os.environ)
    if sys.version_info >= (3, 13):
        # durable-rules 2.0.28 calls PyEval_CallObject, removed in 3.13 (docs/engine.md).
        env["CPPFLAGS"] = (
            env.get("CPPFLAGS", "") + " -DPyEval_CallObject=PyObject_CallObject"
        ).strip()
    _say("installing the project and its test tools (first run compiles durable-rules)")
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, env=env
    )
    subprocess.run(
        # The versions CI tested (constraints.txt), whatever the registry holds today.
        [
            str(PY),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(ROOT / "constraints.txt"),
            "-e",
            f"{ROOT}[test]",
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    STAMP.write_text(_fingerprint())


def run(*cmd: str) -> int:
    return subprocess.call([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT)


def task_interview(args: list[str]) -> int:
    ensure_env()
    if args:
        return run("advisor", "interview", *args)
    WORKDIR.mkdir(exist_ok=True)
    case = WORKDIR / EXAMPLE.name
    if not case.exists():
        shutil.copyfile(EXAMPLE, case)
        _say(
            f"copied the bundled example to {case.relative_to(ROOT)} (your answers are "
            "autosaved there; the bundled file is left untouched)"
        )
    return run("advisor", "interview", str(case))


def task_test(args: list[str]) -> int:
    ensure_env()
    steps = [
        ("ruff", ["ruff", "check", *CODE]),
        ("ruff format", ["ruff", "format", "--check", *CODE]),
        ("import contracts", ["lint-imports"]),
        # Types of the core and the reports; what is checked is in pyproject's [tool.mypy].
        ("mypy", ["mypy"]),
        ("rules lint", ["advisor", "rules", "lint"]),
        ("rules coverage", ["advisor", "rules", "coverage", "--min", "100"]),
        ("pytest", ["pytest", "-q", *args]),
    ]
    for name, cmd in steps:
        _say(f"{name}: {' '.join(cmd)}")
        code = run(*cmd)
        if code != 0:
            _say(f"{name} failed (exit {code})")
            return code
    _say("all checks passed")
    return 0


def task_bench(args: list[str]) -> int:
    ensure_env()
    if subprocess.call([str(PY), "-c", "import matplotlib"], stderr=subprocess.DEVNULL) != 0:
        _say("installing matplotlib for the benchmark plots")
        subprocess.run(
            [str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[bench]"],
            check=True,
            cwd=ROOT,
        )
    return run("python", str(ROOT / "benchmarks" / "run.py"), *args)


TASKS = {"interview": task_interview, "run": task_interview, "test": task_test, "bench": task_bench}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        return 2
    return TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
