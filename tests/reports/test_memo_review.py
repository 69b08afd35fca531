"""The French lawyer's review of the memos (eleven points), on the text the client reads:
the PDF's extracted text, the Markdown and the JSON of every bundled example, in French
and English (``example`` builds each memo once per session)."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.articles import with_article, with_articles
from advisor.assess import assess
from advisor.casefile import load_case
from reports.citations import cite
from reports.jsonout import assessment_json
from reports.memo import build_memo
from reports.pdf import render_pdf
from reports.typography import typeset

from .conftest import AS_OF, EXAMPLES, BuiltMemo, built_memo, normalise

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


def _example(rb, name: str, lang: str) -> BuiltMemo:
    return built_memo(rb, EXAMPLES_DIR / f"{name}.yaml", lang)


def _client_md(b: BuiltMemo) -> str:
    title = b.memo.section("technical").title
    return b.md[: b.md.rindex(title)]


# ---- 1. the opinion ------------------------------------------------------------------------


def test_opinion_never_says_nothing_is_left_while_something_is(example: BuiltMemo):
    m = example.memo
    opinion = normalise(" ".join(m.opinion))
    closed = normalise(m.words["opinion.closed"])
    for old in ("Aucun point ne reste à vérifier", "Nothing remains to verify"):
        assert old not in example.text
    open_ = any(g.questions for g in m.questions) or any(
        f.finding.status != "flagged" for f in m.findings
    )
    assert (closed in opinion) is (not open_ and bool(m.findings) or not m.findings)
    assert len(m.opinion) == 2
    assert normalise(typeset(m.opinion[0], m.lang)) in example.text


def test_opinion_names_the_most_serious_established_and_open_issues(example: BuiltMemo):
    m = example.memo
    first, second = m.opinion
    flagged = [f for f in m.findings if f.finding.status == "flagged"]
    if flagged:
        order = ("low", "medium", "high", "critical")
        worst = max(order.index(f.finding.severity) for f in flagged)
        top = [f.number for f in flagged if order.index(f.finding.severity) == worst]
        assert top[0] in first
        # « nous déconseillons » when an adviser signs, « la signature est déconseillée »
        # otherwise (no view in a memo that no adviser has reviewed).
        # A set-up already signed or under way is put in order instead (« régulariser »).
        against = (
            ("déconseill", "régularis")
            if m.lang == "fr"
            else ("advise against", "not advisable", "in order")
        )
        assert any(x in first for x in against) is (order[worst] in ("high", "critical"))
    serious = [
        f.number
        for f in m.findings
        if f.finding.status != "flagged" and f.finding.severity in ("high", "critical")
    ]
    if serious:
        assert serious[0] in second


# ---- 2. measures for the case --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_staff_loan_measure_is_a_condition_when_no_staff_is_loaned(rb, lang):
    b = _example(rb, "adeis-lyonnaise-des-eaux", lang)
    assert not b.case.people.staff_loans
    measure = next(x for x in b.memo.measures if x.anchor == "rec-staff_loan_agreement")
    lead = (
        "Si du personnel d’un partenaire est mis à disposition d’un autre"
        if lang == "fr"
        else "If one partner’s staff is loaned to another"
    )
    assert measure.summary.startswith(lead)
    assert normalise(lead) in b.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_measure_names_the_partners_it_concerns(rb, lang):
    """Once a sentence under the measure (« Concerne la mutuelle MACIF et… »); now the
    « who » of its row in the one table of what to do."""
    b = _example(rb, "silver-geek", lang)
    # The donor alone declares its gifts (CGI 238 bis, 6), not the beneficiary.
    # (Its row is the declaration action it restates, since measures fold into them.)
    row = next(x for x in b.memo.actions if "rec-mecenat_declaration" in (x.key, x.folded))
    assert row.who == "MACIF"
    assert normalise(row.who) in normalise(b.text)


# ---- 3. questions asked once, naming their subject -----------------------------------------


def test_a_question_alike_for_several_partners_is_asked_once(example: BuiltMemo):
    rows = [(q.text, q.entry) for g in example.memo.questions for q in g.questions]
    assert [r for r, n in Counter(rows).items() if n > 1] == []
    plain = [q.text for g in example.memo.questions for q in g.questions if not q.entry]
    assert [t for t, n in Counter(plain).items() if n > 1] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_silver_geek_asks_seventeen_questions_naming_the_partners(rb, lang):
    """35 questions before the review; 19 once a question alike for several partners was
    asked once; 16 once the associations' ESUS approval (a topic nothing in the file brings
    in, settling none of the memo's risks) was no longer asked; 17 since the Département,
    a public party to the alliance, is asked whether it pays a partner for a service meeting
    its own needs (the agreement would then be a public contract, CCP L. 1111-1). The
    Association de service civique has subscribed the contrat d'engagement républicain (its
    example file says so): its approval no longer settles that point, and is asked of the
    three others."""
    b = _example(rb, "silver-geek", lang)
    assert sum(len(g.questions) for g in b.memo.questions) == 17
    dep = next(g for g in b.memo.questions if g.title == "Département")
    assert len(dep.questions) == 1
    several = next(g for g in b.memo.questions if g.title == b.memo.words["several_partners"])
    assert not any("ESUS" in q.text for g in b.memo.questions for q in g.questions)
    approval = next(q for q in several.questions if "service civique" in q.text)
    names = ["URIOPSS", "CRESS", "Centre socioculturel"]
    assert all(n in approval.entry for n in names)
    if lang == "fr":
        assert "l’URIOPSS et la CRESS" in approval.entry
    subject = "Volontaires en service civique" if lang == "fr" else "Service civique volunteers"
    assert subject in b.text


# ---- 4. staff-loan wording -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_staff_loan_may_be_characterised_and_states_its_conditions(rb, lang):
    memos = [built_memo(rb, path, lang) for path in EXAMPLES]
    concerned = [
        b for b in memos if any(x.anchor == "rec-staff_loan_agreement" for x in b.memo.measures)
    ]
    assert concerned, "no bundled example has the staff-loan measure any more"
    words = (
        (
            "peut être qualifié de prêt de main-d’œuvre illicite",
            "marchandage",
            "frais professionnels",
        )
        if lang == "fr"
        else (
            "may be characterised as an unlawful supply of labour",
            "marchandage",
            "professional expenses",
        )
    )
    for b in concerned:
        text = normalise(b.text)
        for w in words:
            assert w in text, (b.name, w)
        assert "L. 8241-1" in text and "L. 8241-2" in text, b.name


# ---- 5. articles before names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "case", "expected"),
    [
        ("Lumière", "association", "of", "de l’association Lumière"),
        ("CCAS de Lyon", "public_establishment", "of", "du CCAS de Lyon"),
        # A name keeps its author's capital (the lawyer's third review: not « la ville »).
        ("Commune de Niort", "public_authority", "to", "à la Commune de Niort"),
        ("Département", "public_authority", "of", "du Département"),
        ("Kiosque SAS", "company", "the", "la société Kiosque SAS"),
        ("SAS Kiosque", "company", "of", "de la SAS Kiosque"),
        ("Habitat 76", "association", "to", "à l’association Habitat 76"),
        ("Fonds Patrimoine", "endowment_fund", "of", "du Fonds Patrimoine"),
        ("X", None, "of", "du partenaire X"),
        ("X", None, "to", "au partenaire X"),
    ],
)
def test_french_article_before_a_partner_name(name, kind, case, expected):
    assert with_article(name, kind, case, "fr") == expected
    assert with_article(name, kind, case, "en") in (name, f"of {name}", f"to {name}")


def test_articles_are_repeated_and_joined():
    got = with_articles([("Lumière", "association"), ("CCAS", "public_establishment")], "of", "fr")
    assert got == "de l’association Lumière et du CCAS"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_article_mismatch_in_french_memos(rb, path):
    example = built_memo(rb, path, "fr")
    assert not re.search(r"\b(?:de|à) (?:le|les) [A-ZÉ]", example.text)
    assert not re.search(r"\bde la (?:CCAS|commune de le)\b", example.text)


# ---- 6. one citation style per language ----------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_english_memo_cites_in_english(rb, path):
    example = built_memo(rb, path, "en")
    text = normalise(example.client_text)
    assert not re.search(r"\bet s\.", text)
    assert not re.search(r"(?<!\()C\. trav\., art\.", text)
    assert not re.search(r"(?<!\()CGI, art\.", text)
    assert " n° " not in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_french_memo_keeps_french_citations(rb, path):
    example = built_memo(rb, path, "fr")
    text = normalise(example.client_text)
    assert "Labour Code" not in text and "et seq." not in text and "General Tax Code" not in text


def test_citation_in_each_style():
    assert cite("C. trav., art. L. 8241-1 et L. 8241-2", "en") == (
        "Labour Code (C. trav.), art. L. 8241-1 and L. 8241-2"
    )
    assert cite("C. civ., art. 1101 et s.", "en") == "Civil Code (C. civ.), art. 1101 et seq."
    assert cite("Cass. soc., 13 novembre 1996", "en") == "Cass. soc., 13 Nov. 1996"
    assert cite("Code du travail L8241-1") == "C. trav., art. L. 8241-1"


# ---- 7. signature and technical annex ------------------------------------------------------


def _pages(pdf: bytes) -> list[str]:
    return [normalise(p.extract_text()).strip() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_technical_annex_starts_its_own_page(example: BuiltMemo):
    title = normalise(typeset(example.memo.section("technical").title, example.lang))
    pages = _pages(example.pdf)
    starts = [i for i, p in enumerate(pages) if title in p]
    assert starts, "no technical annex"
    assert pages[starts[0]].startswith(title)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_signature_block_from_the_case(rb, lang):
    case = load_case(EXAMPLES_DIR / "silver-geek.yaml")
    meta = case.meta.model_copy(
        update={
            "adviser": "Me Claire Dupont",
            "firm": "Cabinet Dupont Avocats",
            "client": "Association de service civique",
            "addressee": "Mme Martin, directrice",
        }
    )
    case = case.model_copy(update={"meta": meta})
    a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
    memo = build_memo(a, case, rb)
    pages = _pages(render_pdf(memo))
    text = " ".join(pages)
    technical = normalise(typeset(memo.section("technical").title, lang))
    body = text[: text.rindex(technical)]
    for x in ("Me Claire Dupont", "Cabinet Dupont Avocats", "Mme Martin, directrice"):
        assert x in body[-600:]
    assert normalise(memo.signature.date_text) in body[-600:]
    assert normalise(typeset(memo.words["disclaimer"], lang))[:40] not in text
    assert len(pages) <= 13


# ---- 8. evidence once, « À vérifier : » ----------------------------------------------------


def test_evidence_listed_once_per_finding(example: BuiltMemo):
    for m in example.memo.findings:
        assert len(set(m.facts)) == len(m.facts), m.number
    for block in re.split(r"^#### ", example.md, flags=re.M)[1:]:
        lines = [ln for ln in block.splitlines() if ln.startswith("- ")]
        assert len(lines) == len(set(lines)), block[:60]


def test_possible_conflicts_read_to_verify(example: BuiltMemo):
    assert "! possible" not in example.text and "**possible** —" not in example.md
    rd = example.memo.rd
    if rd is None or not any(not c.present for c in rd.conflicts):
        return
    label = "À vérifier :" if example.lang == "fr" else "To verify:"
    assert label in normalise(example.text)


# ---- 9. the fine for wrongly issued receipts -----------------------------------------------


def test_receipts_fine_estimated_from_the_case(rb):
    b = _example(rb, "fondation-fonds-mutualise", "fr")
    fines = [x for f in b.json["findings"] for x in f["exposure"] if "1740 A" in x["label"]]
    assert fines
    fine = fines[0]
    assert fine["amount_eur"] > 0 and fine["amount_high_eur"] is None
    assert "60" in fine["note"] and "66" in fine["note"]
    assert "Amende pour reçus indûment délivrés" in b.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_receipts_fine_is_a_range_when_the_donor_kind_is_unknown(rb, lang):
    case = load_case(EXAMPLES_DIR / "fondation-fonds-mutualise.yaml")
    known = {
        f["rule_id"]: x
        for f in _example(rb, "fondation-fonds-mutualise", lang).json["findings"]
        for x in f["exposure"]
        if "1740 A" in x["label"]
    }
    donors = {g.donor for g in case.money.gifts}
    partners = [p.model_copy(update={"kind": None}) if p.id in donors else p for p in case.partners]
    case = case.model_copy(update={"partners": partners})
    a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
    found = [
        x
        for f in assessment_json(a, case, rb)["findings"]
        for x in f["exposure"]
        if "1740 A" in x["label"]
    ]
    assert found, "no fine estimated when the donor's kind is unknown"
    fine = found[0]
    assert fine["amount_high_eur"] == pytest.approx(fine["amount_eur"] * 66 / 60)
    assert (" à " if lang == "fr" else " to ") in fine["shown"]
    assert known


# ---- 10. typography ------------------------------------------------------------------------


def test_no_straight_apostrophe_in_client_text(example: BuiltMemo):
    assert "'" not in example.client_text
    assert "'" not in _client_md(example).replace("`", "")


# ---- 11. list entries in the memo's language -----------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_annex_entry_labels_in_the_memo_language(rb, lang):
    """An investment with no partner at either end, every answer listed under its entry's
    label in the memo's language (the annex listed ``solidarity_fund → vehicle``)."""
    from reports.memo_parts import _answered

    case = load_case(EXAMPLES_DIR / "assureur-entreprise-sociale.yaml")
    gifts = list(case.money.investments)
    gifts[1] = gifts[1].model_copy(update={"investee": None})
    case = case.model_copy(update={"money": case.money.model_copy(update={"investments": gifts})})
    partners = {p.id: p for p in case.partners}
    labels = {entry for _, _, entry, _ in _answered(case, partners, rb, lang) if entry}
    expected = (
        "fonds solidaire (90/10) → structure commune"
        if lang == "fr"
        else "solidarity fund (90/10) → joint vehicle"
    )
    assert not any("solidarity_fund" in e or e.endswith("→ vehicle") for e in labels), labels
    assert any(e.startswith(expected.split(" → ")[0]) for e in labels), labels
    a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
    memo = build_memo(a, case, rb, annex=True)
    assert not any("solidarity_fund" in (ln.entry or "") for ln in memo.answers)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_silver_geek_stays_within_twelve_pages(rb, lang):
    # Still twelve with the gift that has no receipt as a finding of its own (the lawyer's
    # review): each finding's measures are rows of the action table, named by number.
    assert _example(rb, "silver-geek", lang).pages <= 12


def test_every_example_is_covered():
    assert len(EXAMPLES) >= 16


SUBSIDIES = """\
partners:
  - {id: commune, name: Commune de Valbourg, kind: public_authority}
  - {id: aci, name: Val Emploi, kind: association}
money:
  subsidies:
    - {funder: commune, beneficiary: aci}
    - {funder: commune, beneficiary: aci, amount_eur_per_year: 18000, in_kind: true}
"""


@pytest.mark.parametrize(
    ("lang", "unknown", "in_kind"),
    [
        ("fr", "subvention, montant à préciser", "18 000 € par an, dont une aide en nature"),
        ("en", "subsidy, amount to be confirmed", "18,000 € a year, including aid in kind"),
    ],
)
def test_a_subsidy_line_reads_whole_with_or_without_its_amount(rb, lang, unknown, in_kind):
    from advisor.casefile import loads_case

    case = loads_case(SUBSIDIES)
    flows = build_memo(assess(case, as_of=AS_OF, lang=lang, rules=rb), case, rb).facts.flows
    assert any(x.endswith(unknown) for x in flows), flows
    assert any(in_kind in x.replace("\u202f", " ").replace("\u00a0", " ") for x in flows), flows
    assert not any(" de à " in x or " of to " in x for x in flows), flows
