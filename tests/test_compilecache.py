"""The cache of compiled rules in force (advisor/compilecache.py): the same verdicts as a
fresh compile on every example, an entry used only under a key covering the code, the
rules base's content and the day, and a damaged or foreign entry ignored, never trusted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import advisor
from advisor import compilecache, period
from advisor.assess import assess
from advisor.casefile import load_case
from advisor.compilecache import CompiledCache, code_digest
from advisor.engine import Network
from advisor.rulesbase import load_rules_base

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DAYS = (dt.date(2024, 6, 30), dt.date(2026, 6, 1))


def _with_cache(folder):
    rb = load_rules_base()
    rb.compiled_cache = CompiledCache(folder)
    return rb


def _records(rb, day):
    network, used = rb.period(day)._compile()
    return [rs.record() for rs in network.rulesets], used.names, used.types, used.plan


@pytest.fixture
def hits(monkeypatch):
    """How many periods were served from the cache."""
    served = []
    real = Network.from_records.__func__  # type: ignore[attr-defined]

    def spy(cls, records):
        served.append(1)
        return real(cls, records)

    monkeypatch.setattr(Network, "from_records", classmethod(spy))
    return served


def test_cached_compiles_give_the_verdicts_of_fresh_ones_on_every_example(tmp_path, hits):
    fresh = load_rules_base()
    assert fresh.compiled_cache is None
    _with_cache(tmp_path).period(DAYS[0])._compile()  # one day written by another process
    for day in DAYS:
        _with_cache(tmp_path).period(day)._compile()
    cached = _with_cache(tmp_path)
    hits.clear()
    for day in DAYS:
        assert _records(cached, day) == _records(fresh, day)
    assert len(hits) == len(DAYS)
    for path in EXAMPLES:
        case = load_case(path)
        for day in DAYS:
            want = assess(case, as_of=day, lang="fr", rules=fresh).model_dump()
            got = assess(case, as_of=day, lang="fr", rules=cached).model_dump()
            assert got == want, (path.name, day)


def _only_entry(folder):
    (file,) = folder.glob("compiled-*.json")
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert file.name == f"compiled-{doc['key']}.json"
    return doc, doc["key"]


def _write(folder, doc, key):
    (folder / f"compiled-{key}.json").write_text(json.dumps(doc), encoding="utf-8")


def test_the_key_covers_the_code_the_rules_and_the_day(tmp_path, monkeypatch, hits):
    _with_cache(tmp_path).period(DAYS[1])._compile()
    _, key = _only_entry(tmp_path)
    rb = _with_cache(tmp_path)
    p = rb.period(DAYS[1])
    assert p._cache_key == key
    assert rb.compiled_cache.key(rb.sha256, period.period_key(rb, DAYS[0])) != key
    assert rb.compiled_cache.key("0" * 64, period.period_key(rb, DAYS[1])) != key
    with monkeypatch.context() as m:
        m.setattr(compilecache, "code_digest", lambda: "another code")
        assert rb.compiled_cache.key(rb.sha256, period.period_key(rb, DAYS[1])) != key
    with monkeypatch.context() as m:
        m.setattr(compilecache, "__version__", "0.0.0")
        assert rb.compiled_cache.key(rb.sha256, period.period_key(rb, DAYS[1])) != key
    assert rb.compiled_cache.key(rb.sha256, period.period_key(rb, DAYS[1])) == key
    hits.clear()
    p._compile()
    assert hits == [1]


def test_the_code_digest_covers_every_python_source_of_the_package():
    root = Path(advisor.__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*.py"))
    assert {"compile.py", "conditions.py", "engine.py", "period.py", "model/case.py"} <= {
        rel for rel, _ in files
    }
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    assert code_digest() == digest.hexdigest()


def test_no_cache_when_a_module_of_the_package_is_not_a_hashed_source(tmp_path, monkeypatch):
    import types

    fake = types.ModuleType("advisor.elsewhere")
    fake.__file__ = str(tmp_path / "elsewhere.cpython-311.pyc")
    monkeypatch.setitem(sys.modules, "advisor.elsewhere", fake)
    code_digest.cache_clear()
    try:
        assert code_digest() is None
        rb = _with_cache(tmp_path)
        assert rb.period(DAYS[1])._cache_key is None
        rb.period(DAYS[1])._compile()
        assert not list(tmp_path.glob("compiled-*.json"))
    finally:
        monkeypatch.undo()
        code_digest.cache_clear()
    assert code_digest() is not None


def test_an_edited_rules_base_misses(tmp_path, hits):
    import shutil

    from advisor.rulesbase import default_rules_path

    _with_cache(tmp_path / "cache").period(DAYS[1])._compile()
    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy)
    params = copy / "parameters.yaml"
    params.write_text(params.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = load_rules_base(copy)
    edited.compiled_cache = CompiledCache(tmp_path / "cache")
    hits.clear()
    edited.period(DAYS[1])._compile()
    assert hits == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc["entry"]["rulesets"][0].__setitem__(0, 42),
        lambda doc: doc["entry"]["rulesets"][0].__setitem__(3, -1),
        lambda doc: doc["entry"]["rulesets"][0].__setitem__(1, "x"),
        lambda doc: doc["entry"]["rulesets"][0].pop(),
        lambda doc: doc["entry"]["rulesets"].clear(),
        lambda doc: doc["entry"].pop("names"),
        lambda doc: doc["entry"].__setitem__("extra", 1),
        lambda doc: doc.__setitem__("entry", "text"),
        lambda doc: doc.__setitem__("format", 0),
        lambda doc: doc.__setitem__("key", "another"),
        lambda doc: doc.__setitem__("extra", []),
    ],
)
def test_an_entry_of_another_shape_is_ignored_and_compiled_again(tmp_path, damage, hits):
    _with_cache(tmp_path).period(DAYS[1])._compile()
    doc, key = _only_entry(tmp_path)
    want = _records(load_rules_base(), DAYS[1])
    damage(doc)
    _write(tmp_path, doc, key)
    rb = _with_cache(tmp_path)
    hits.clear()
    assert _records(rb, DAYS[1]) == want
    assert hits == []
    doc, again = _only_entry(tmp_path)  # written again, whole
    assert again == key and _records(_with_cache(tmp_path), DAYS[1]) == want


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 1}', b"null"])
def test_a_corrupt_or_truncated_file_is_ignored(tmp_path, content, hits):
    rb = _with_cache(tmp_path)
    (tmp_path / f"compiled-{rb.period(DAYS[1])._cache_key}.json").write_bytes(content)
    want = _records(load_rules_base(), DAYS[1])
    assert _records(rb, DAYS[1]) == want
    assert hits == []
    _only_entry(tmp_path)


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    rb = load_rules_base()
    rb.compiled_cache = CompiledCache(blocker / "cache")
    assert _records(rb, DAYS[1]) == _records(load_rules_base(), DAYS[1])
    assert CompiledCache(None).get("k") is None


def test_only_the_newest_files_are_kept(tmp_path):
    cache = CompiledCache(tmp_path)
    rb = _with_cache(tmp_path)
    _, used = rb.period(DAYS[1])._compile()
    network = rb.period(DAYS[1]).network
    compiled = compilecache.Compiled(
        tuple(rs.record() for rs in network.rulesets), used.names, used.types
    )
    for i in range(compilecache.KEEP + 3):
        cache.put(f"{i:064x}", compiled)
    kept = sorted(p.name for p in tmp_path.glob("compiled-*.json"))
    assert len(kept) == compilecache.KEEP
    assert cache.get(f"{compilecache.KEEP + 2:064x}") == compiled


def test_only_a_command_line_process_uses_it(tmp_path, monkeypatch):
    """An in-process call (a test, a program) never turns it on; ``advisor assess`` run
    as a process of its own does, in the cache folder, and gives the same output."""
    from advisor.cli import common, main

    monkeypatch.chdir(tmp_path)
    example = str(EXAMPLES[0])
    args = ["assess", example, "--format", "json", "--no-journal", "--as-of", "2026-06-01"]
    assert main(args) == 0
    assert not common.COMPILED_CACHE
    folder = tmp_path / "cache"
    env = dict(os.environ, ALLIANCE_ADVISOR_CACHE=str(folder))
    runs = [
        subprocess.run(
            [sys.executable, "-m", "advisor", *args], capture_output=True, env=env, check=True
        ).stdout
        for _ in range(2)
    ]
    assert len(list(folder.glob("compiled-*.json"))) == 1
    off = subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        env=dict(env, ALLIANCE_ADVISOR_CACHE="off"),
        check=True,
    ).stdout
    assert runs[0] == runs[1] == off


def test_the_rules_hash_is_that_of_the_bytes_loaded_even_if_a_file_changes_meanwhile(
    tmp_path, monkeypatch
):
    """The compiled rules are keyed by the rules base's hash: a file edited while the base
    loads must not leave the rules of its old bytes under the hash of its new ones."""
    import shutil

    from advisor import rulesbase
    from advisor.rulesbase import default_rules_path
    from advisor.rulesread import content_hash

    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy)
    before = content_hash(copy)
    params = copy / "parameters.yaml"
    real = rulesbase.load_sources

    def edit_then_load(col, root):  # after parameters.yaml was read, before the hash
        params.write_text(params.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        return real(col, root)

    monkeypatch.setattr(rulesbase, "load_sources", edit_then_load)
    loaded = load_rules_base(copy)
    assert loaded.sha256 == before != content_hash(copy)


def test_the_test_rules_base_compiles_the_same_from_the_cache(tmp_path, hits):
    """The frozen rules base of the interview's tests (tests/tui/rulesbase) too: the same
    compiled rules, and the same verdicts on every example, fresh or from the cache."""
    folder = ROOT / "tests" / "tui" / "rulesbase"
    fresh = load_rules_base(folder)
    first = load_rules_base(folder)
    first.compiled_cache = CompiledCache(tmp_path)
    for day in DAYS:
        first.period(day)._compile()
    cached = load_rules_base(folder)
    cached.compiled_cache = CompiledCache(tmp_path)
    hits.clear()
    for day in DAYS:
        assert _records(cached, day) == _records(fresh, day)
    assert len(hits) == len(DAYS)
    for path in EXAMPLES:
        case = load_case(path)
        for day in DAYS:
            want = assess(case, as_of=day, lang="en", rules=fresh).model_dump()
            assert assess(case, as_of=day, lang="en", rules=cached).model_dump() == want
