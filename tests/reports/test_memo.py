"""The memo model: which sections, in which order, which finding lands where, what the
client reads and what only the technical annex holds."""

from __future__ import annotations

import json
import subprocess
import sys

from advisor import catalogue
from advisor.rulemodel import LIKELIHOODS, SEVERITIES
from reports.memo import SECTIONS, build_memo
from reports.words import long_date, words

from .conftest import AS_OF


def test_words_come_from_the_catalogue_in_both_languages():
    keys = [k for k in catalogue.entries() if k.startswith("memo.")]
    assert len(keys) > 100 and catalogue.problems() == []
    assert words("fr")["memo_title"] != words("en")["memo_title"]
    assert words("fr").severity("high") == "élevée" and words("fr").severity("medium") == "moyenne"
    assert words("fr").severity("high", gender="m") == "élevé"
    assert words("fr").count("flagged_n", 1) == "1 risque signalé"
    assert words("fr").count("flagged_n", 2) == "2 risques signalés"
    assert words("en").count("answers_n", 1) == "answers 1 risk"
    assert long_date(AS_OF, "fr") == "1er\u00a0juin 2026"
    assert long_date(AS_OF.replace(month=11, day=30), "fr") == "30\u00a0novembre 2026"
    assert long_date(AS_OF, "en") == "1\u00a0June 2026"


def test_sections_in_memo_order_technical_annex_last(rich_memo):
    keys = [s.key for s in rich_memo.sections]
    assert rich_memo.advocacy is None  # the experimentation right does not fit this case
    assert keys == [k for k in SECTIONS if k not in ("annex", "advocacy")]
    assert keys[0] == "summary" and keys[1] == "questions" and keys[-1] == "technical"


def test_the_annex_of_answers_only_when_asked(rb, rich_case, rich_fr):
    memo = build_memo(rich_fr, rich_case, rb, annex=True)
    assert [s.key for s in memo.sections] == [k for k in SECTIONS if k != "advocacy"]
    answers = {(a.question, a.entry): a.answer for a in memo.answers}
    assert any(a.entry == "Acme SA → Les Amis du Quartier" for a in memo.answers)
    assert "Co-créer un service de mobilité solidaire." in answers.values()
    assert not any(a.answer == a.entry for a in memo.answers)


def test_signature_block_from_the_case_and_no_disclaimer_when_an_adviser_signs(rich_memo):
    sig = rich_memo.signature
    assert sig.adviser == "Maître Dupont" and sig.firm == "Cabinet Dupont & Associés"
    assert sig.client == "Commune de Belleville" and sig.addressee == "Mme la Maire"
    assert sig.date_text == "1er\u00a0juin 2026"
    assert rich_memo.disclaimer is None


def test_disclaimer_only_when_no_adviser_signs(rb):
    from advisor.assess import assess
    from advisor.casefile import loads_case

    case = loads_case("meta: {name: Sans conseil}")
    memo = build_memo(assess(case, as_of=AS_OF, lang="fr", rules=rb), case, rb)
    assert memo.signature.adviser is None and "ne remplace pas" in memo.disclaimer


def test_internal_notes_stay_internal_and_the_client_note_is_printed(rich_memo):
    assert rich_memo.client_note.startswith("Première ligne")
    assert "INTERNE" not in json.dumps(rich_memo.summary(), ensure_ascii=False)
    assert not hasattr(rich_memo, "adviser_notes")


def test_findings_numbered_in_challenge_order_then_severity(rb, synthetic_memo):
    order = rb.challenge_order()
    found = synthetic_memo.findings
    assert [f.number for f in found] == [f"F{i}" for i in range(1, len(found) + 1)]
    keys = [(order[f.finding.challenge], -SEVERITIES.index(f.finding.severity)) for f in found]
    assert keys == sorted(keys)
    for g in synthetic_memo.groups:
        assert {f.finding.challenge for f in g.findings} == {g.challenge_id}
    assert found[0].outline.startswith("F1 — ")


def test_a_finding_reads_without_machine_notation(synthetic_memo):
    f = next(f for f in synthetic_memo.findings if f.unknowns)
    assert f.facts[0].label == "Counterparts" and f.facts[0].shown == "40 %"
    assert f.facts[0].entry == "Acme → Asso"
    assert f.unknowns and f.unknowns[0].shown == "unknown" and f.unknowns[0].questions
    assert all("≠" not in x.label and "=" not in x.label for x in f.facts + f.unknowns)
    refs = [text for text, _ in f.references]
    # An English memo: the code is named in English, its abbreviation kept.
    assert refs[0].startswith("Civil Code (C. civ.), art. 1101") and "BOI-SYNTH-01" in refs


def test_matrix_places_each_finding_in_its_severity_and_likelihood_cell(synthetic_memo):
    m = synthetic_memo
    assert [row[0].severity for row in m.matrix] == list(reversed(SEVERITIES))
    assert [c.likelihood for c in m.matrix[0]] == list(LIKELIHOODS)
    placed = {}
    for row in m.matrix:
        for cell in row:
            assert set(cell.flagged) <= set(cell.numbers)
            for n in cell.numbers:
                placed[n] = (cell.severity, cell.likelihood)
    assert placed == {f.number: (f.finding.severity, f.finding.likelihood) for f in m.findings}


def test_top_risks_rank_severity_then_flagged_first(synthetic_memo):
    # The three most serious, then any other serious risk a priority action answers.
    top = synthetic_memo.top_risks[:3]
    assert len(top) == 3 and all(t.finding.severity == "critical" for t in top)
    assert top[0].finding.status == "flagged"
    ranks = [(-SEVERITIES.index(t.finding.severity), t.finding.status != "flagged") for t in top]
    assert ranks == sorted(ranks)


def test_a_high_risk_to_verify_outranks_a_low_flagged_one(rb):
    from .conftest import synthetic_assessment

    a = synthetic_assessment(rb, n=2)
    low_flagged = a.findings[0].model_copy(update={"severity": "low", "status": "flagged"})
    high_open = a.findings[1].model_copy(update={"severity": "high", "status": "to_verify"})
    from advisor.casefile import loads_case

    memo = build_memo(
        a.model_copy(update={"findings": [low_flagged, high_open]}), loads_case("{}"), rb
    )
    assert [t.finding.severity for t in memo.top_risks] == ["high", "low"]


def test_every_to_verify_finding_is_a_question_asked_once(synthetic_memo):
    m = synthetic_memo
    asked = {n for g in m.questions for q in g.questions for n in q.numbers}
    assert asked == {f.number for f in m.findings if f.finding.status == "to_verify"}
    keys = [(q.text, q.entry, g.title) for g in m.questions for q in g.questions]
    assert len(keys) == len(set(keys))
    numbers = [q.number for g in m.questions for q in g.questions]
    assert numbers == [f"Q{i}" for i in range(1, len(numbers) + 1)]


def test_questions_are_grouped_by_the_partner_who_can_answer(rb):
    from advisor.assess import assess
    from advisor.casefile import loads_case

    case = loads_case("""
meta: {name: Deux partenaires}
partners:
  - {id: c, name: Entreprise, kind: company}
  - {id: a, name: Association, kind: association}
co_construction: {innovative: true, form: collective_experimentation}
money:
  gifts: [{donor: c, beneficiary: a, kind: in_kind, amount_eur: 30000}]
""")
    memo = build_memo(assess(case, as_of=AS_OF, lang="fr", rules=rb), case, rb)
    titles = [g.title for g in memo.questions]
    assert titles[0] == "Deux partenaires" and "Entreprise" in titles
    assert (
        titles.index("Entreprise") < titles.index("Association")
        if "Association" in titles
        else True
    )
    gift = [q for g in memo.questions if g.title == "Entreprise" for q in g.questions]
    assert any(q.entry == "Entreprise → Association" for q in gift)


def test_a_fact_no_question_asks_becomes_a_question(rb):
    from advisor.casefile import loads_case

    from .conftest import synthetic_assessment

    a = synthetic_assessment(rb, n=6)
    bare = [
        f.model_copy(
            update={"unknowns": [u.model_copy(update={"questions": []}) for u in f.unknowns]}
        )
        for f in a.findings
    ]
    memo = build_memo(a.model_copy(update={"findings": bare}), loads_case("{}"), rb)
    texts = [q.text for g in memo.questions for q in g.questions]
    # The fact's label goes on after the colon in lower case (« …this point: fact 3. »).
    assert texts and all("this point: fact" in t and t.startswith("Please confirm") for t in texts)


def test_remedies_rd_convention_measures_and_advocacy(synthetic_memo):
    m = synthetic_memo
    assert m.rd is not None and m.rd.numbers == tuple(f.number for f in m.findings)
    assert "unnamed contract" in m.rd.nature.lower()
    assert [x.anchor for x in m.measures] == ["rec-written_partnership_agreement"]
    assert m.advocacy is not None and m.advocacy.qualifies.startswith("Perhaps: 1 condition")
    assert [c.state for c in m.advocacy.conditions] == ["met", "unknown", "missing"]
    # The experimentation right is advocated, never offered as a cure for a finding.
    assert all(x.key != "rec-partnership_experimentation_right" for x in m.actions)


def test_rd_clause_checklist_is_filled_for_the_case_with_the_clauses_an_adviser_expects(rb):
    from advisor.assess import assess
    from advisor.casefile import load_case

    case = load_case("examples/silver-geek.yaml")
    memo = build_memo(assess(case, as_of=AS_OF, lang="fr", rules=rb), case, rb)
    clauses = {c.title: c for c in memo.rd.clauses}
    for title in (
        "Responsabilité et assurances",
        "Données personnelles des bénéficiaires",
        "Usage des noms et logos",
        "Règlement des différends",
        "Licence libre après l’expérimentation",
    ):
        assert title.replace("’", "'") in clauses or title in clauses, title
    parties = clauses["Parties et statuts"].content
    assert "Orange (entreprise)" in parties and "((" not in parties and "))" not in parties
    contributions = clauses["Apports et leur valorisation"].content
    assert "MACIF (numéraire, 40\u202f000\u00a0€)" in contributions
    assert "Creative Commons" in clauses["Licence libre après l'expérimentation"].content
    assert "open source" not in " ".join(c.content for c in memo.rd.clauses)


def test_technical_annex_holds_rule_ids_hashes_and_the_command(rich_memo, rich_fr):
    values = dict(rich_memo.provenance).values()
    assert rich_fr.rules_base.sha256 in values and rich_fr.case.sha256 in values
    assert any(v.startswith("advisor assess") and "--as-of 2026-06-01" in v for v in values)
    # A row per finding, then a row per remedy citing an unconfirmed source.
    numbers = {m.number for m in rich_memo.findings}
    rows = [r for r in rich_memo.technical if r.number in numbers]
    assert {r.rule_ids[0] for r in rows} == {f.rule_id for f in rich_fr.findings}
    assert all(r.unverified for r in rich_memo.technical if r.number not in numbers)


def test_opinion_in_two_sentences_that_agree_in_number(rich_memo, rb):
    assert len(rich_memo.opinion) == 2
    assert "(s)" not in " ".join(rich_memo.opinion)


def test_summary_is_json_and_matches_the_memo(synthetic_memo):
    s = json.loads(json.dumps(synthetic_memo.summary()))
    assert s["sections"] == [x.key for x in synthetic_memo.sections]
    assert len(s["numbers"]) == 60
    assert s["numbers"]["F1"] == synthetic_memo.findings[0].finding.rule_id
    assert sum(len(v) for v in s["matrix"].values()) == 60
    assert [t["number"] for t in s["top_risks"]] == [t.number for t in synthetic_memo.top_risks]


def test_memo_without_findings(rb):
    from advisor.assess import assess
    from advisor.casefile import loads_case

    case = loads_case("meta: {name: Vide}")
    memo = build_memo(assess(case, as_of=AS_OF, lang="en", rules=rb), case, rb)
    assert memo.sections[0].key == "summary" and memo.sections[-1].key == "technical"


def test_importing_the_memo_model_does_not_import_reportlab():
    code = (
        "import sys, reports.memo, reports.markdown, reports.jsonout; "
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
