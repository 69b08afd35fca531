"""The cache of parsed rules files (advisor/rulescache.py): plain JSON data only, used for a
file only when its bytes are the ones parsed, and a corrupt or foreign cache is ignored
and written again, never trusted."""

from __future__ import annotations

import json
import shutil

import pytest

from advisor import catalogue
from advisor.errors import RulesError
from advisor.rulesbase import default_rules_path, load_rules_base
from advisor.rulescache import ParsedCache, load_rules_file


def _read_doc(cache_file):
    """The cache file's document (its first line; the second holds the lines of values)."""
    return json.loads(cache_file.read_bytes().partition(b"\n")[0])


def _write_doc(cache_file, doc):
    """Write ``doc`` as the cache file's document, keeping its second line."""
    tail = cache_file.read_bytes().partition(b"\n")[2]
    cache_file.write_bytes(json.dumps(doc).encode("utf-8") + (b"\n" + tail if tail else b""))


def _base(rb):
    """What an assessment uses of a loaded base, comparable between two loads."""
    return (
        rb.sha256,
        {
            rid: [(v.key, v.doc, v.condition, v.exceptions) for v in vs]
            for rid, vs in rb.rules.items()
        },
        rb.params,
        rb.recommendations,
        rb.questions,
        rb.glossary,
        rb.sources,
        rb.value_sets,
        rb.presumptions,
        rb.cures,
        rb.remedy_conditions,
        rb.sections,
    )


@pytest.fixture
def rules_copy(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(default_rules_path(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", str(folder))
    return folder


def test_a_load_from_the_cache_is_the_load_from_the_files(rules_copy, cache_dir, monkeypatch):
    first = load_rules_base(rules_copy)  # parses, writes the cache
    (cache_file,) = cache_dir.glob("rules-*.json")
    doc = _read_doc(cache_file)
    assert doc["kind"] == "rules" and len(doc["files"]) >= 40
    second = load_rules_base(rules_copy)  # from the cache
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", "off")
    uncached = load_rules_base(rules_copy)
    assert _base(first) == _base(second) == _base(uncached)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 2, "advisor": "0.1.0", "kind": "rules", "root": "/elsewhere", "files": {}}',
        b'{"format": 1, "advisor": "0.1.0", "kind": "rules", "root": "/elsewhere", "files": {}}',
        b"[1, 2, 3]",
        b'{"format": 999}',
        b'{"truncated": ',
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten(
    rules_copy, cache_dir, content, monkeypatch
):
    load_rules_base(rules_copy)
    (cache_file,) = cache_dir.glob("rules-*.json")
    good = cache_file.read_bytes()
    cache_file.write_bytes(content)
    rb = load_rules_base(rules_copy)
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", "off")
    assert _base(rb) == _base(load_rules_base(rules_copy))
    assert cache_file.read_bytes() == good  # written again


def test_an_entry_whose_hash_does_not_match_is_not_used(rules_copy, cache_dir):
    """An entry kept for other bytes (the file was edited, or the entry altered) is not
    used: the file is parsed again."""
    load_rules_base(rules_copy)
    (cache_file,) = cache_dir.glob("rules-*.json")
    doc = _read_doc(cache_file)
    entry = doc["files"]["parameters.yaml"]
    entry["value"]["data"] = {"parameters": {}}
    entry["sha256"] = "0" * 64
    _write_doc(cache_file, doc)
    cache = ParsedCache("rules", rules_copy, cache_dir)
    data, _ = load_rules_file(
        cache, rules_copy / "parameters.yaml", "parameters.yaml", max_bytes=10**7
    )
    assert data["parameters"]  # the file's, not the tampered entry
    assert load_rules_base(rules_copy).params


def test_an_edited_file_is_read_again(rules_copy, cache_dir):
    load_rules_base(rules_copy)
    base = rules_copy / "base.yaml"
    base.write_text(
        base.read_text(encoding="utf-8").replace("version: 1.3.0", "version: 9.9.9", 1),
        encoding="utf-8",
    )
    assert load_rules_base(rules_copy).version == "9.9.9"


def test_problems_are_the_same_with_a_cache_and_lines_still_named(rules_copy, cache_dir):
    """A file that fails is never kept; problems found after parsing (a rule naming an
    unknown field) keep their line, read from the cache's marks."""
    load_rules_base(rules_copy)
    target = next((rules_copy / "legal").glob("convention.yaml"))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("agreements.written", "agreements.writen", 1), encoding="utf-8")

    def problems():
        with pytest.raises(RulesError) as info:
            load_rules_base(rules_copy)
        return [str(p) for p in info.value.problems]

    parsed = problems()  # the edited file parsed, kept
    cached = problems()  # now read from the cache
    assert parsed == cached and any("line " in p and "writen" in p for p in cached)
    target.write_text("rules: [unclosed\n", encoding="utf-8")
    assert problems() == problems()


def test_no_cache_is_written_when_off(rules_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_rules_base(rules_copy)
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_costs_nothing_but_time(rules_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ALLIANCE_ADVISOR_CACHE", str(blocker / "cache"))
    assert load_rules_base(rules_copy).rules


def test_only_plain_data_that_json_gives_back_unchanged_is_kept(tmp_path):
    cache = ParsedCache("rules", tmp_path, tmp_path)
    cache.put("a", "0" * 64, {True: "x"})  # a YAML key that is not text
    cache.put("b", "0" * 64, {"when": float("nan")})
    cache.put("c", "0" * 64, {"n": [1, 1.0, None, "1", False]})
    assert set(cache.used) == {"c"}
    assert cache.get("c", "0" * 64) is None  # not saved yet: entries are what was read
    cache.save()
    again = ParsedCache("rules", tmp_path, tmp_path)
    value = again.get("c", "0" * 64)
    assert value == {"n": [1, 1.0, None, "1", False]}
    assert [type(x) for x in value["n"]] == [int, float, type(None), str, bool]
    assert again.get("c", "1" * 64) is None


def test_the_catalogue_from_its_cache_is_the_catalogue(cache_dir):
    catalogue.entries.cache_clear()
    try:
        parsed = catalogue.entries()
        assert list(cache_dir.glob("catalogue-*.json"))
        catalogue.entries.cache_clear()
        assert catalogue.entries() == parsed
    finally:
        catalogue.entries.cache_clear()


_MODEL_MODULES = (
    "advisor.model.case",
    "advisor.model.money",
    "advisor.model.partners",
    "advisor.model.sections",
)


@pytest.fixture
def fresh_docs():
    """The field docstrings of the case model read afresh (through the cache of the test's
    folder), and forgotten again after the test."""
    from advisor import schema

    def clear():
        schema._module_docs.cache_clear()
        schema._DOCS_CACHES.clear()

    def read():
        clear()
        docs = {m: schema._module_docs(m) for m in _MODEL_MODULES}
        for cache in schema._DOCS_CACHES.values():
            cache.save()
        return docs

    clear()
    yield read
    clear()


def _parsed_docs():
    from advisor import schema

    return {m: schema._parse_docs(m) for m in _MODEL_MODULES}


def test_field_docstrings_from_the_cache_are_the_parsed_ones(cache_dir, fresh_docs):
    """The field docstrings of the case model (shown by ``advisor rules fields``) are kept
    by source file: read back, they are what parsing the source gives."""
    assert fresh_docs() == _parsed_docs()  # parsed, written
    (cache_file,) = cache_dir.glob("docs-*.json")
    doc = _read_doc(cache_file)
    assert doc["kind"] == "docs" and set(doc["files"]) == {
        m.rsplit(".", 1)[1] + ".py" for m in _MODEL_MODULES
    }
    assert fresh_docs() == _parsed_docs()  # from the cache
    assert any(d for docs in _parsed_docs().values() for d in docs.values())


@pytest.mark.parametrize(
    "tamper",
    ["stale", "not-docs", "corrupt-file"],
)
def test_a_stale_altered_or_corrupt_docstring_entry_is_not_used(cache_dir, fresh_docs, tamper):
    """An entry kept for other bytes of the source (an edited module), one that is not a
    mapping of texts, or a cache file that is not JSON: ignored, the source parsed again
    and the entry written again."""
    fresh_docs()
    (cache_file,) = cache_dir.glob("docs-*.json")
    if tamper == "corrupt-file":
        cache_file.write_bytes(b'{"format": 1, "files": {"case.py": ')
    else:
        doc = _read_doc(cache_file)
        entry = doc["files"]["money.py"]
        if tamper == "stale":
            entry["sha256"] = "0" * 64
            entry["value"] = {"Gift": {"amount_eur": "altered"}}
        else:
            entry["value"] = {"Gift": ["altered"]}
        _write_doc(cache_file, doc)
    assert fresh_docs() == _parsed_docs()
    assert fresh_docs() == _parsed_docs()  # the entry written again is the right one
    doc = _read_doc(cache_file)
    assert doc["files"]["money.py"]["value"] == _parsed_docs()["advisor.model.money"]


def test_an_entry_used_is_written_back_as_read_even_if_its_reader_altered_it(tmp_path):
    """Entries are objects of the cache file (read in one parse): a value handed to its
    reader and altered there is written back from the file's bytes, not as altered."""
    first = ParsedCache("rules", tmp_path, tmp_path)
    first.put("a", "0" * 64, {"rules": [{"id": "x"}]})
    first.save()
    second = ParsedCache("rules", tmp_path, tmp_path)
    value = second.get("a", "0" * 64)
    value["rules"].append({"id": "altered"})
    second.put("b", "1" * 64, {"n": 1})  # something new: the cache is written again
    second.save()
    third = ParsedCache("rules", tmp_path, tmp_path)
    assert third.get("a", "0" * 64) == {"rules": [{"id": "x"}]}
    assert third.get("b", "1" * 64) == {"n": 1}


@pytest.mark.parametrize(
    "entry",
    [
        "a JSON text, as format 1 kept it",
        ["not", "an", "entry"],
        {"sha256": "<the file's>", "value": {"data": [1, 2], "marks": "{}"}},
        {"sha256": "<the file's>", "value": {"data": "not a mapping"}},
        {"sha256": "<the file's>", "value": None},
    ],
)
def test_an_entry_of_the_wrong_shape_is_not_used(rules_copy, cache_dir, entry):
    load_rules_base(rules_copy)
    (cache_file,) = cache_dir.glob("rules-*.json")
    doc = _read_doc(cache_file)
    if isinstance(entry, dict):
        entry = dict(entry, sha256=doc["files"]["parameters.yaml"]["sha256"])
    doc["files"]["parameters.yaml"] = entry
    _write_doc(cache_file, doc)
    rb = load_rules_base(rules_copy)
    assert rb.params
    again = _read_doc(cache_file)["files"]["parameters.yaml"]
    assert isinstance(again, dict) and again["value"]["data"]["parameters"]


def _later(cache_file):
    return json.loads(cache_file.read_bytes().partition(b"\n")[2])


@pytest.mark.parametrize("damage", ["kept", "missing", "corrupt", "stale"])
def test_lines_of_problems_are_right_whatever_the_second_line_holds(rules_copy, cache_dir, damage):
    """The line of each value is the cache file's second document, read only for a
    problem: missing, damaged or kept for other bytes, the file is parsed again for it."""
    load_rules_base(rules_copy)
    target = rules_copy / "legal" / "convention.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("agreements.written", "agreements.writen", 1), encoding="utf-8")

    def problems():
        with pytest.raises(RulesError) as info:
            load_rules_base(rules_copy)
        return [str(p) for p in info.value.problems]

    parsed = problems()  # the edited file parsed, kept with its lines
    (cache_file,) = cache_dir.glob("rules-*.json")
    head, _, tail = cache_file.read_bytes().partition(b"\n")
    assert "legal/convention.yaml" in json.loads(tail)
    if damage == "missing":
        cache_file.write_bytes(head)
    elif damage == "corrupt":
        cache_file.write_bytes(head + b'\n{"legal/convention.yaml": ')
    elif damage == "stale":
        later = json.loads(tail)
        later["legal/convention.yaml"]["sha256"] = "0" * 64
        later["legal/convention.yaml"]["text"] = json.dumps({"rules[0].when": 1})
        cache_file.write_bytes(head + b"\n" + json.dumps(later).encode("utf-8"))
    assert problems() == parsed
    assert any("line " in p and "writen" in p for p in parsed)


def test_the_lines_kept_survive_a_save_for_another_file(rules_copy, cache_dir):
    load_rules_base(rules_copy)
    (cache_file,) = cache_dir.glob("rules-*.json")
    before = _later(cache_file)
    assert len(before) >= 40
    base = rules_copy / "base.yaml"
    base.write_text(
        base.read_text(encoding="utf-8").replace("version: 1.3.0", "version: 9.9.9", 1),
        encoding="utf-8",
    )
    load_rules_base(rules_copy)  # base.yaml parsed again: the cache is written again
    after = _later(cache_file)
    assert after.keys() == before.keys()
    assert after["base.yaml"] != before["base.yaml"]
    assert {k: v for k, v in after.items() if k != "base.yaml"} == {
        k: v for k, v in before.items() if k != "base.yaml"
    }
