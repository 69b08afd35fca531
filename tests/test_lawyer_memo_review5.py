"""The avocat's fifth review (2 Dec. 2026): proof without a written agreement is hard,
not impossible, on the article that requires writing; a staff loan's host is a
« structure », not always a company, and the cap counts per employee; « Établie pour »
takes its article; a list of numbers is never cut short; and a measure cites no text that
the case does not bring in (CGI 238 bis for a public body's subsidy, the service civique
code without service civique, patent co-ownership without an invention, the rule on
negotiations for a clause binding during performance)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from advisor.assess import assess
from advisor.casefile import load_case, loads_case
from reports.markdown import render_markdown
from reports.memo import build_memo
from reports.memo_opinion import _numbers

from .conftest import EXAMPLES

AS_OF = dt.date(2026, 12, 2)
_CACHE: dict = {}
RULES = Path(__file__).resolve().parents[1] / "rules"


def _built(rb, name: str, lang: str = "fr"):
    key = (name, lang)
    if key not in _CACHE:
        case = load_case(EXAMPLES / f"{name}.yaml")
        a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
        memo = build_memo(a, case, rb)
        # Non-breaking spaces read as spaces: « art. 1359 », « L. 120-30 ».
        text = re.sub("[\u00a0\u202f]", " ", render_markdown(memo))
        _CACHE[key] = (a, memo, text)
    return _CACHE[key]


def test_proof_without_agreement_is_hard_on_the_article_requiring_writing(rb):
    """Silver Geek F1: « la preuve en sera difficile », on C. civ. art. 1359 (writing
    above the decree's amount), not art. 1353 (burden of proof)."""
    for lang, gone, said in (
        ("fr", "nul ne peut prouver", "difficile"),
        ("en", "no one can prove", "hard to prove"),
    ):
        a, _, text = _built(rb, "silver-geek", lang)
        (f,) = [f for f in a.findings if "legal.convention.no-written-agreement" in f.rules]
        assert gone not in f.explanation, lang
        assert said in f.explanation, lang
        assert gone not in text, lang
        assert "1359" in text and "1353" not in text, lang


def test_the_staff_loan_host_is_a_structure_and_the_cap_counts_per_employee(rb):
    """FARE, ADEIS, Charenton: the host is an association or a public body."""
    for name in ("fare-psa", "adeis-lyonnaise-des-eaux", "agir-ensemble-charenton"):
        _, _, fr = _built(rb, name, "fr")
        _, _, en = _built(rb, name, "en")
        for w in ("entreprise d’accueil", "entreprise d'accueil", "deux entreprises"):
            assert w not in fr, (name, w)
        for w in ("host company", "two companies"):
            assert w not in en, (name, w)
        assert not re.search(r"plafonds mensuels par mois prêté", fr), name
        assert not re.search(r"monthly ceilings per month lent", en), name
    _, _, fr = _built(rb, "fare-psa", "fr")
    assert "structure d’accueil" in fr


def test_prepared_for_takes_its_article(rb):
    case = loads_case(
        """
meta: {name: Test, client: Association Tremplin}
partners:
  - {id: aci, name: Association Tremplin, kind: association}
  - {id: pme, name: TechSud SAS, kind: company, company_size: sme}
agreements: {written: false}
"""
    )
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    memo = build_memo(a, case, rb)
    assert memo.signature.addressed.startswith("Établie pour l’Association Tremplin")
    a = assess(case, as_of=AS_OF, lang="en", rules=rb)
    assert build_memo(a, case, rb).signature.addressed.startswith(
        "Prepared for Association Tremplin"
    )


def test_a_lender_values_its_staff_without_a_gendered_pronoun():
    """« TechNord SAS valorise … le personnel qu'il met à disposition »: a company is
    « elle »; the cure is phrased without a pronoun."""
    text = (RULES / "cures.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data
    assert "qu'il met à disposition" not in text
    assert "le personnel mis à disposition" in text


def test_a_list_of_numbers_is_never_cut_short():
    class M:
        def __init__(self, n):
            self.number = n

    found = [M(f"F{i}") for i in (1, 4, 7, 8, 9)]
    assert _numbers(found, None) == "F1, F4, F7, F8, F9"  # type: ignore[arg-type]


def _action_rows(text: str, title: str) -> list[str]:
    return [line for line in text.splitlines() if title in line and line.startswith("| A")]


def test_no_donor_reduction_text_for_a_public_bodys_subsidy_in_kind(rb):
    for name in ("gip-agent-public", "scic-circuits-courts"):
        _, _, text = _built(rb, name)
        rows = _action_rows(text, "Valoriser les apports en nature")
        assert rows, name
        assert all("238 bis" not in r for r in rows), name


def test_no_service_civique_code_without_service_civique(rb):
    _, _, text = _built(rb, "insertion-achat-public")
    assert _action_rows(text, "contrat d’engagement républicain")
    assert "L. 120-30" not in text


def test_no_patent_co_ownership_without_an_invention_nor_negotiation_rule(rb):
    _, _, text = _built(rb, "silver-geek")
    assert "613-29" not in text
    assert "1112-2" not in text
    (row,) = [line for line in text.splitlines() if line.startswith("| Confidentialité")]
    assert "C. civ., art. 1103" in row
