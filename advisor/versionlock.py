"""The rules base's version names one content: a bump on every change, checked by lint.

``rules/versions.lock`` records, for each released version, the content hash of the base
(:func:`advisor.rulesread.content_hash`: every YAML file but the rule tests). Lint fails
when the content changed but the version did not, or when the version has no changelog
entry, saying what to do; ``advisor rules lock`` records the hash of a new version. A
journalled assessment names the version and hash it was made with, so one version must
never name two contents.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RulesError, RulesProblem
from .rulesbase import RulesBase

LOCK = "versions.lock"
_HOW = (
    "bump 'version' in base.yaml, say what changed in a new first entry of its "
    "'changelog', then run `advisor rules lock`"
)


def recorded(root: Path) -> dict[str, str]:
    """The content hash recorded for each version (``<version> <sha256>`` per line)."""
    path = root / LOCK
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[1]) != 64:
            raise RulesError(f"{LOCK}: line {n}: expected '<version> <sha256>', got {line!r}")
        out[parts[0]] = parts[1]
    return out


def problems(rb: RulesBase) -> list[RulesProblem]:
    """What is wrong between the version, its changelog and the content it names."""
    out = []
    latest = rb.base.changelog[0].version
    if latest != rb.version:
        out.append(
            RulesProblem(
                "base.yaml",
                None,
                f"version {rb.version} has no changelog entry (the first entry is {latest}): "
                "add one at the top of 'changelog' saying what changed",
            )
        )
    try:
        lock = recorded(rb.path)
    except RulesError as exc:
        return [*out, RulesProblem(LOCK, None, exc.detail)]
    known = lock.get(rb.version)
    if known is None:
        out.append(
            RulesProblem(
                LOCK,
                None,
                f"version {rb.version} is not recorded: once its changelog says what "
                "changed, run `advisor rules lock` to record its content hash",
            )
        )
    elif known != rb.sha256:
        out.append(
            RulesProblem(
                LOCK,
                None,
                f"the rules base changed since version {rb.version} was recorded "
                f"(content {known[:12]} then, {rb.sha256[:12]} now): {_HOW}",
            )
        )
    return out


def record(rb: RulesBase) -> bool:
    """Record the content hash of ``rb``'s version; ``False`` when it already was.

    Raises:
        RulesError: the version was recorded with another content (bump it first).
    """
    lock = recorded(rb.path)
    known = lock.get(rb.version)
    if known == rb.sha256:
        return False
    if known is not None:
        raise RulesError(
            f"version {rb.version} was recorded with other content ({known[:12]}); {_HOW}"
        )
    path = rb.path / LOCK
    head = (
        "" if path.exists() else "# version  content hash of the rules base (advisor rules lock)\n"
    )
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{head}{rb.version} {rb.sha256}\n")
    return True
