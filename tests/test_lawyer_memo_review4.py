"""The avocat's fourth review (2 Dec. 2026): a rule text never states a fact the case
leaves open, a foundation donor is not told to give up a reduction it never had, a
cooperative beneficiary is not by itself a reason to advise against signing, an
unverified source is listed as such, and a mécénat reduction is never « déduite »."""

from __future__ import annotations

import datetime as dt
import re

from advisor.assess import assess
from advisor.casefile import load_case
from reports.markdown import render_markdown
from reports.memo import build_memo

from .conftest import EXAMPLES

AS_OF = dt.date(2026, 12, 2)
_CACHE: dict = {}


def _built(rb, name: str, lang: str = "fr"):
    key = (name, lang)
    if key not in _CACHE:
        case = load_case(EXAMPLES / f"{name}.yaml")
        a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
        memo = build_memo(a, case, rb)
        _CACHE[key] = (a, memo, render_markdown(memo))
    return _CACHE[key]


def test_the_salary_cap_text_states_no_salary_the_case_leaves_open(rb):
    """FARE × PSA: the lent engineer's salary is unknown; the text never says it stays
    under the cap, only what follows if the cost exceeds it."""
    for lang, said in (("fr", "reste ici sous"), ("en", "here stays under")):
        a, _, text = _built(rb, "fare-psa", lang)
        (f,) = [f for f in a.findings if "skills-charges-carry-pay-over-cap" in " ".join(f.rules)]
        assert f.status == "to_verify"
        assert said not in f.explanation, lang
        assert said not in text, lang


def _receipt_finding(a):
    return [
        f
        for f in a.findings
        if any(r.startswith("fiscal.incentives.receipt-issued-by-ineligible") for r in f.rules)
    ]


def test_a_foundation_donor_is_not_told_to_give_up_a_reduction(rb):
    """Collectif pour l'Emploi: the donors are foundations, which claim no mécénat
    reduction on their grants: no lost reduction, no return to correct."""
    for lang, words in (
        ("fr", ("perdrait la réduction", "renonce à la réduction", "rectifie sa déclaration")),
        ("en", ("lose the reduction", "gives up the reduction", "correcting its return")),
    ):
        a, memo, text = _built(rb, "collectif-pour-l-emploi", lang)
        found = _receipt_finding(a)
        assert found, lang
        for w in words:
            assert w not in text, (lang, w)
        for f in found:
            assert "1740 A" in f.explanation, lang


def test_a_company_donor_still_loses_the_reduction(rb):
    """Mécénat de compétences: a company relying on a worthless receipt loses the
    reduction; the company-side text is kept for a donor liable to the tax."""
    from advisor.casefile import loads_case

    case = loads_case(
        """
meta: {name: Test}
partners:
  - {id: pme, name: TechSud SAS, kind: company, company_size: sme}
  - {id: coop, name: Coop Sud, kind: cooperative}
money:
  gifts:
    - {donor: pme, beneficiary: coop, kind: cash, amount_eur: 10000, receipt_issued: true}
"""
    )
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    (f,) = _receipt_finding(a)
    assert f.status == "flagged"
    assert "fiscal.incentives.receipt-issued-by-ineligible-beneficiary" in f.rules
    assert "fiscal.incentives.receipt-issued-by-ineligible-beneficiary-to-foundation" not in (
        f.rules
    )


def test_a_cooperative_beneficiary_alone_does_not_advise_against_signing(rb):
    """A coopérative may run a general-interest programme: a foundation funding one is
    to verify, and the memo does not advise against signing on that basis."""
    for lang, said in (("fr", "signature est déconseillée"), ("en", "advise against signing")):
        a, memo, text = _built(rb, "collectif-pour-l-emploi", lang)
        rule = "fiscal.general_interest.foundation-funds-ineligible"
        assert a.statuses().get(rule) == "to_verify", lang
        assert not [f for f in a.findings if rule in f.rules and f.status == "flagged"]
        # The beneficiaries' general-interest purpose is asked, and decides it.
        assert any(rule in q.decides for q in a.open_questions), lang
        assert said not in text, lang
    # The foundation's own regime is cited, not the endowment fund's.
    refs = [r.source for r in rb.rules[rule][0].doc.references]
    assert "loi-87-571-art-18" in refs and "loi-2008-776-art-140" not in refs


def test_a_beneficiary_said_not_of_general_interest_is_flagged(rb):
    from advisor.casefile import loads_case

    case = loads_case(
        """
meta: {name: Test}
partners:
  - {id: fd, name: Fonds Avenir, kind: endowment_fund}
  - {id: coop, name: Coop Sud, kind: cooperative, general_interest: false}
money:
  gifts:
    - {donor: fd, beneficiary: coop, kind: cash, amount_eur: 10000}
"""
    )
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
    found = [f for f in a.findings if any("funds-ineligible" in r for r in f.rules)]
    assert [f.status for f in found] == ["flagged"]
    assert "fiscal.general_interest.endowment-fund-funds-ineligible" in found[0].rules
    assert any("2008-776" in r.text for r in found[0].references)


_FOUNDATION = re.compile(r"\*(?:Fondement|Basis) ?:\*[^|\n]*")


def test_a_practitioners_guide_is_never_a_basis(rb):
    """The MEDEF – Le RAMEAU guide is practice, not law: « Voir aussi », never
    « Fondement »."""
    for name in ("silver-geek", "collectif-pour-l-emploi"):
        for lang in ("fr", "en"):
            _, _, text = _built(rb, name, lang)
            for m in _FOUNDATION.finditer(text):
                assert "RAMEAU" not in m.group(0), (name, lang, m.group(0))


def _split_annex(text: str) -> tuple[str, str]:
    """The memo before its technical annex, and the annex's table of rules."""
    at = text.index("| N° | Règle |") if "| N° | Règle |" in text else text.index("| No. | Rule |")
    return text[:at].replace("\\", ""), text[at:].replace("\\", "")


def test_every_unverified_source_cited_is_to_confirm(rb):
    """Each source the rules base marks unverified that the memo cites anywhere (a
    finding, a measure, the R&D agreement's clauses, the experimentation right) is listed
    in the annex column « À confirmer avant signature »."""
    from reports.citations import cite

    checked = 0
    for name in ("silver-geek", "collectif-pour-l-emploi"):
        for lang in ("fr", "en"):
            _, _, text = _built(rb, name, lang)
            body, annex = _split_annex(text)
            for src in rb.sources.values():
                if src.verified:
                    continue
                shown = cite(src.citation.get("fr"), lang)
                if shown and shown in body:
                    checked += 1
                    assert shown in annex, (name, lang, shown)
    assert checked >= 6  # the guide, the BOI pages, the bill and the amendment at least


# « déduit des réponses » marks a fact the memo deduced, « en déduire » a reasoning: neither
# is about tax.
_DEDUCT_FR = re.compile(r"(?<!en )\bdédui(?:re|t|te|ts|tes)\b(?! des réponses)")
_DEDUCT_EN = re.compile(r"\bdeduct(?:s|ed|ing)?\b")


def test_a_mecenat_reduction_is_never_deducted(rb):
    """A 238 bis reduction is applied against the tax (« pratiquée, imputée »), never
    « déduite »."""
    for name in (
        "silver-geek",
        "collectif-pour-l-emploi",
        "fondation-fonds-mutualise",
        "mecenat-competences-programme",
    ):
        _, _, fr = _built(rb, name, "fr")
        assert not _DEDUCT_FR.findall(fr), (name, _DEDUCT_FR.findall(fr))
        _, _, en = _built(rb, name, "en")
        assert not _DEDUCT_EN.findall(en), (name, _DEDUCT_EN.findall(en))


def test_a_guide_stays_beside_a_measure_folded_into_an_action(rb):
    """Silver Geek A1: the written-agreement measure is shown in the action's row; its guide
    (« Voir aussi ») went with it nowhere. It ends that row, after a full stop, and is
    never under « Fondement »."""
    for lang, word in (("fr", "Voir aussi"), ("en", "See also")):
        _, memo, text = _built(rb, "silver-geek", lang)
        (row,) = [x for x in memo.actions if x.number == "A1"]
        assert row.folded and f". {word} : MEDEF" in row.text.replace("\u202f", " ").replace(
            f"{word}:", f"{word} :"
        ), row.text
        assert not any("MEDEF" in ref for ref, _ in row.references), row.references
