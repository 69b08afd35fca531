"""A rules base version names one content (issue 17, point 7): lint fails when the content
changed and the version did not, and says what to do; ``advisor rules lock`` records a
new version's content hash and refuses to record a second content under one version."""

from __future__ import annotations

import contextlib
import io
import shutil

import pytest

from advisor.cli import main
from advisor.rulesbase import default_rules_path, load_rules_base
from advisor.versionlock import LOCK, problems


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(default_rules_path(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bump(root, version="9.0.0"):
    base = root / "base.yaml"
    current = load_rules_base(root, strict=False).version
    _edit(base, f"version: {current}\n", f"version: {version}\n")
    _edit(
        base,
        "changelog:\n",
        f"changelog:\n  - version: {version}\n    date: 2030-01-01\n    changes: [A test.]\n",
    )


def _lock(root) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["rules", "lock", str(root)])
    return code, out.getvalue() + err.getvalue()


def test_the_bundled_version_names_its_content():
    assert problems(load_rules_base()) == []


def test_a_changed_rule_without_a_bump_fails_lint_saying_what_to_do(copy):
    _edit(copy / "legal" / "convention.yaml", "severity: high", "severity: medium")
    texts = [str(p) for p in problems(load_rules_base(copy, strict=False))]
    assert len(texts) == 1, texts
    assert texts[0].startswith(f"{LOCK}: the rules base changed since version")
    assert "bump 'version' in base.yaml" in texts[0] and "advisor rules lock" in texts[0]


def test_a_bump_without_a_changelog_entry_is_refused(copy):
    _edit(copy / "base.yaml", "version: 1.", "version: 7.")
    texts = [str(p) for p in problems(load_rules_base(copy, strict=False))]
    assert any("has no changelog entry" in t for t in texts), texts


def test_bump_then_lock_makes_lint_clean_and_a_second_content_is_refused(copy):
    _edit(copy / "legal" / "convention.yaml", "severity: high", "severity: medium")
    _bump(copy)
    texts = [str(p) for p in problems(load_rules_base(copy, strict=False))]
    assert texts == [
        f"{LOCK}: version 9.0.0 is not recorded: once its changelog says what "
        "changed, run `advisor rules lock` to record its content hash"
    ]
    code, said = _lock(copy)
    assert code == 0 and "9.0.0" in said and "recorded in versions.lock" in said
    assert problems(load_rules_base(copy, strict=False)) == []
    # The same version cannot name another content: the lock refuses, nothing is written.
    before = (copy / LOCK).read_text(encoding="utf-8")
    _edit(copy / "legal" / "convention.yaml", "severity: medium", "severity: low")
    code, said = _lock(copy)
    assert code != 0 and "recorded with other content" in said and "Traceback" not in said
    assert (copy / LOCK).read_text(encoding="utf-8") == before
