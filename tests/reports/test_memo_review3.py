"""The lawyer's third review of the memos (writing, not the law), on the text the client
reads: page 1's heading and opinion, the facts relied on, the action plan (who, when, no
duplicates), the risk map and the challenge tiles, and English left in French (and the
reverse). Bundled examples are built once per session (``built_memo``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.assess import assess
from advisor.casefile import load_case
from reports.markdown import render_markdown
from reports.memo import build_memo
from reports.typography import typeset

from .conftest import AS_OF, BuiltMemo, built_memo, normalise

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


def _example(rb, name: str, lang: str) -> BuiltMemo:
    return built_memo(rb, EXAMPLES_DIR / f"{name}.yaml", lang)


def _signed(rb, name: str, lang: str):
    """The example's memo with an adviser who signs it."""
    case = load_case(EXAMPLES_DIR / f"{name}.yaml")
    meta = case.meta.model_copy(update={"adviser": "Me Claire Dupont", "firm": "Cabinet Dupont"})
    case = case.model_copy(update={"meta": meta})
    return build_memo(assess(case, as_of=AS_OF, lang=lang, rules=rb), case, rb)


# ---- A1. nobody gives a view in a memo no adviser has reviewed ------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_one_speaks_as_counsel_only_when_an_adviser_signs(rb, lang):
    b = _example(rb, "insertion-achat-public", lang)
    first = b.text[: b.text.index(normalise(typeset(b.memo.section("questions").title, lang)))]
    counsel = ("Notre avis", "nous déconseillons") if lang == "fr" else ("Our view", "we advise")
    assert b.memo.disclaimer
    for x in counsel:
        assert x not in first, x
        assert x not in render_markdown(b.memo), x
    heading = "Résultat de l’analyse" if lang == "fr" else "What the analysis finds"
    assert normalise(typeset(heading, lang)) in first
    signed = _signed(rb, "insertion-achat-public", lang)
    assert signed.disclaimer is None
    assert signed.opinion_title == counsel[0]
    assert counsel[1] in signed.opinion[0] and counsel[0] in signed.opinion[1]


# ---- 39. a singular « le plus sérieux » beside several numbers ------------------------------


def test_opinion_agrees_in_number_with_the_risks_it_names(rb):
    ia = _example(rb, "insertion-achat-public", "fr").memo
    # Three high risks established, one possible risk of high severity.
    assert "3 risques de gravité élevée sont établis (F1, F2, F3)" in ia.opinion[0]
    assert "1 risque possible, de gravité élevée (F4)" in ia.opinion[1]
    for m in (ia, _example(rb, "scic-circuits-courts", "fr").memo):
        text = " ".join(m.opinion)
        assert "dont 1 " not in text
        assert "le plus sérieux est de gravité élevée (F1, F" not in text
    en = _example(rb, "insertion-achat-public", "en").memo
    assert "3 risks of high severity are established (F1, F2, F3)" in en.opinion[0]
    assert "1 possible risk, of high severity (F4)" in en.opinion[1]
