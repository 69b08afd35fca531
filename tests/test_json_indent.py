"""The indented JSON writer (advisor.textsafe.indented) writes exactly what
``json.dumps(..., ensure_ascii=False, indent=n)`` writes, for any JSON-like data; what is
not plain data is left to json.dumps (same errors)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.textsafe import indented, json_text

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
_keys = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_keys, inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(data=_data, indent=st.integers(0, 4))
def test_same_text_as_json_dumps(data, indent):
    assert indented(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


def test_json_text_with_an_indent_is_unchanged():
    doc = {"a": ["é", "\u0085", "\u2028", {"b": [], "c": {}}], "d": 1.5, "e": None}
    assert json_text(doc, indent=2) == json.dumps(doc, ensure_ascii=False, indent=2).translate(
        {0x85: "\\u0085", 0x2028: "\\u2028"}
    )


def test_what_is_not_plain_data_gets_json_dumps_errors():
    with pytest.raises(TypeError):
        indented({"a": {1, 2}})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        indented(loop)
    assert json_text({"a": object()}, indent=2, default=lambda o: "x") == '{\n  "a": "x"\n}'
