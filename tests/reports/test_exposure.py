"""The financial stake a rule computes from the case reaches every reader, as an estimate
(issue 14 #6), and never from a point still to verify."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.assess import assess
from advisor.model import AllianceCase
from reports.markdown import render_markdown
from reports.memo import build_memo
from reports.pdf import render_pdf
from reports.text import render as render_text

from .conftest import normalise, pdf_text

AS_OF = dt.date(2026, 6, 1)


def _case(general_interest: bool | None) -> AllianceCase:
    club = {"id": "club", "name": "Club sportif", "kind": "association"}
    if general_interest is not None:
        club["general_interest"] = general_interest
    return AllianceCase.model_validate(
        {
            "meta": {"name": "Gift to a club"},
            "partners": [{"id": "acme", "name": "Acme", "kind": "company"}, club],
            "money": {
                "gifts": [
                    {"donor": "acme", "beneficiary": "club", "amount_eur": 40000},
                    {"donor": "acme", "beneficiary": "club", "amount_eur": 2500},
                ]
            },
        }
    )


@pytest.mark.parametrize(
    ("lang", "words", "amount"),
    [
        ("fr", ("Enjeu financier", "estimation"), "25 500 €"),
        ("en", ("Financial stake", "estimate"), "25,500 €"),
    ],
)
def test_the_reduction_at_stake_is_in_every_form(rb, lang, words, amount):
    a = assess(_case(False), as_of=AS_OF, lang=lang, rules=rb)
    (issue,) = [f for f in a.findings if "fiscal.incentives.ineligible-beneficiary" in f.rules]
    (x,) = issue.exposure
    assert x.amount_eur == 25500  # 60 % of the two gifts that make the rule true
    memo = build_memo(a, _case(False), rb)
    text, _ = pdf_text(render_pdf(memo))
    for rendered in (normalise(text), normalise(render_markdown(memo)), normalise(render_text(a))):
        assert all(w in rendered for w in words), rendered[:400]
        assert amount in rendered


def test_no_stake_before_the_rate_is_known_nor_on_a_point_to_verify(rb):
    unknown = assess(_case(None), as_of=AS_OF, lang="fr", rules=rb)
    assert not any(f.exposure for f in unknown.findings)
    old = assess(_case(False), as_of=dt.date(2015, 6, 1), lang="fr", rules=rb)
    assert any("fiscal.incentives.ineligible-beneficiary" in f.rules for f in old.findings)
    assert not any(f.exposure for f in old.findings)  # the 60 % rate is read from 2020 only
