"""Hostile strings in partner names and free text: every output prints them literally."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from advisor.assess import assess
from advisor.casefile import case_from_data, dumps_case, loads_case
from reports.jsonout import assessment_json
from reports.markdown import render_markdown
from reports.memo import build_memo
from reports.text import render

HOSTILE = [
    "<b>Acme & Co</b>",
    '<font color="red">rouge</font> <para>x</para> &amp; &lt;',
    "Evil \x1b[31mRED\x1b[0m \x07bell \x08back",
    "\u202eTXT.exe mirror \u200fRTL",
    "שותפות עמותה — شراكة",
    "🤝 Alliance 👩‍🔬 ✨",
    "x" * 10_000,
    "*bold* _it_ [link](http://x) `code` # head | pipe",
]


def _case(name: str):
    return case_from_data(
        {
            "meta": {"name": name, "notes": name},
            "partners": [
                {"id": "a", "name": name, "kind": "company"},
                {"id": "b", "name": "Asso", "kind": "association", "general_interest": True},
            ],
            "agreements": {"written": False},
            "money": {
                "gifts": [
                    {
                        "donor": "a",
                        "beneficiary": "b",
                        "kind": "cash",
                        "amount_eur": 1000,
                        "counterparts_eur": 500,
                    }
                ]
            },
        },
        "hostile",
    )


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_outputs_keep_hostile_strings_harmless(rb, name):
    case = _case(name)
    a = assess(case, as_of=dt.date(2026, 6, 1), lang="fr", rules=rb)
    # JSON: valid, and the exact original text comes back.
    doc = json.loads(json.dumps(assessment_json(a, case, rb), ensure_ascii=False))
    assert doc["case"]["name"] == name and doc["case"]["partners"][0] == name
    # Terminal: no control or bidi character reaches the terminal.
    text = render(a, colour=False)
    assert not any(ch in text for ch in "\x1b\x07\x08\u202e\u200f")
    # Markdown: no raw markup from the user.
    md = render_markdown(build_memo(a, case, rb))
    assert not re.search(r"(?<!\\)<(b|font|para)\b", md) and "\x1b" not in md
    # Case files keep the text exactly.
    assert loads_case(dumps_case(case)).meta.name == name


def test_markup_in_names_prints_literally_in_markdown(rb):
    case = _case("<b>Acme & Co</b>")
    md = render_markdown(build_memo(assess(case, as_of=dt.date(2026, 6, 1), rules=rb), case, rb))
    assert "\\<b\\>Acme \\& Co\\</b\\>" in md
