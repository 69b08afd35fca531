"""The memo's two command-line switches: ``--annex`` (every answer of the case) and
``--verbose`` (rule ids in the terminal report, for the adviser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "silver-geek.yaml"
BASE = ["assess", str(EXAMPLE), "--as-of", "2026-06-01", "--no-journal"]


def run(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "advisor.cli", *BASE, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_annex_of_answers_only_with_the_switch():
    plain = run("--format", "md", "--lang", "fr")
    full = run("--format", "md", "--lang", "fr", "--annex")
    assert "## Annexe : réponses du dossier".replace(" :", "\u00a0:") not in plain
    assert "## Annexe\u00a0: réponses du dossier" in full
    assert full.index("## Faits retenus") < full.index("## Annexe\u00a0: réponses")
    assert full.index("## Annexe\u00a0: réponses") < full.index("## Annexe technique")
    assert "Opérateur télécom" in full and len(full) > len(plain) + 2000


def test_rule_ids_only_in_the_verbose_text_report():
    plain = run("--lang", "en")
    verbose = run("--lang", "en", "--verbose")
    rule = "fiscal.incentives.gifts-declaration-required"
    assert rule not in plain and "rules base" not in plain
    assert f"rule {rule}" in verbose and "rules base 1." in verbose
