"""The catalogue of words: every key in both languages, the same placeholders, plurals
that agree, and templates that cannot reach Python internals."""

from __future__ import annotations

import pytest

from advisor import catalogue
from advisor.template import TemplateError, check, fill, placeholders


def test_every_entry_exists_in_both_languages_with_the_same_placeholders():
    assert catalogue.problems() == []


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 risque"),
        ("fr", 1, "1 risque"),
        ("fr", 2, "2 risques"),
        ("fr", 1500, "1\u202f500 risques"),
        ("en", 0, "0 findings"),
        ("en", 1, "1 finding"),
        ("en", 2, "2 findings"),
    ],
)
def test_counts_agree_in_number(lang, n, expected):
    assert catalogue.count(lang, "core.findings.count", n) == expected


def test_a_missing_key_is_an_error_not_english():
    with pytest.raises(catalogue.CatalogueError, match="no text 'core.nothing-here' in fr"):
        catalogue.text("fr", "core.nothing-here")


def test_a_plural_entry_cannot_be_read_as_a_single_text():
    with pytest.raises(catalogue.CatalogueError, match="use count"):
        catalogue.text("fr", "core.findings.count")


@pytest.mark.parametrize(
    "template",
    [
        "{partners.__class__.__mro__}",
        "{partners:>999999999}",
        "a lone { brace",
        "a lone } brace",
        "{Name}",
        "{0}",
        "{}",
        "{x!r}",
        "{other:thing}",
    ],
)
def test_templates_refuse_anything_but_named_placeholders(template):
    assert check(template), template
    with pytest.raises(TemplateError):
        placeholders(template)
    with pytest.raises(TemplateError):
        fill(template, {"partners": "x", "x": "y", "other": "z", "name": "n"})


def test_templates_fill_names_params_and_literal_braces():
    text = "{who} gives {param:franchise} {{not a placeholder}}"
    assert placeholders(text) == [("who", None), ("param", "franchise")]
    assert fill(text, {"who": "Orange"}, param=lambda name: f"<{name}>") == (
        "Orange gives <franchise> {not a placeholder}"
    )
    with pytest.raises(TemplateError, match="no value for placeholder"):
        fill("{missing}", {})
    assert check("{who}", allowed={"partners"}) == [
        "unknown placeholder {who}; allowed: {partners}"
    ]
