"""The memo model: which sections, in which order, which finding lands where."""

from __future__ import annotations

import json
import subprocess
import sys

from advisor.rulemodel import LIKELIHOODS, SEVERITIES
from reports.memo import SECTIONS, build_memo
from reports.words import _EN, _FR, long_date, words

from .conftest import AS_OF


def test_french_and_english_wording_have_the_same_keys():
    assert set(_FR) == set(_EN)
    assert words("fr")["memo_title"] != words("en")["memo_title"]
    assert long_date(AS_OF, "fr") == "1er\u00a0juin 2026"
    assert long_date(AS_OF, "en") == "1 June 2026"


def test_sections_in_memo_order_numbered_then_annex_and_disclaimer(rich_memo):
    assert [s.key for s in rich_memo.sections] == list(SECTIONS)
    titles = [s.title for s in rich_memo.sections]
    assert titles[0] == "1. Synthèse" and titles[4].startswith("5. ")
    assert not titles[5][0].isdigit() and not titles[6][0].isdigit()


def test_cover_holds_alliance_partners_date_adviser_client(rich_memo):
    m = rich_memo
    assert m.alliance == "Alliance Territoire Solidaire"
    assert [p[0] for p in m.partners] == [
        "Acme SA",
        "Les Amis du Quartier",
        "Commune de Belleville",
    ]
    assert m.adviser == "Maître Dupont" and m.client == "Commune de Belleville"
    assert m.territory == "Hauts-de-France"
    assert m.as_of == AS_OF and m.date_text == "1er\u00a0juin 2026" and m.lang == "fr"


def test_findings_numbered_in_challenge_order_then_severity(rb, synthetic_memo):
    order = rb.challenge_order()
    found = synthetic_memo.findings
    assert [f.number for f in found] == [f"F{i}" for i in range(1, len(found) + 1)]
    keys = [(order[f.finding.challenge], -SEVERITIES.index(f.finding.severity)) for f in found]
    assert keys == sorted(keys)
    for g in synthetic_memo.groups:  # grouped by challenge, framework label kept
        assert {f.finding.challenge for f in g.findings} == {g.challenge_id}
        assert g.framework_label and g.challenge_label


def test_matrix_places_each_finding_in_its_severity_and_likelihood_cell(synthetic_memo):
    m = synthetic_memo
    assert [row[0].severity for row in m.matrix] == list(reversed(SEVERITIES))
    assert [c.likelihood for c in m.matrix[0]] == list(LIKELIHOODS)
    placed = {}
    for row in m.matrix:
        for cell in row:
            assert set(cell.flagged) <= set(cell.numbers)
            assert cell.level == SEVERITIES.index(cell.severity) + LIKELIHOODS.index(
                cell.likelihood
            )
            for n in cell.numbers:
                placed[n] = (cell.severity, cell.likelihood)
    assert placed == {f.number: (f.finding.severity, f.finding.likelihood) for f in m.findings}
    critical_likely = m.matrix[0][-1]
    assert critical_likely.severity == "critical" and critical_likely.likelihood == "likely"
    flagged = {f.number for f in m.findings if f.finding.status == "flagged"}
    assert all(n in flagged for row in m.matrix for c in row for n in c.flagged)


def test_top_risks_are_flagged_first_then_most_severe(synthetic_memo):
    top = synthetic_memo.top_risks
    assert len(top) == 3
    assert all(t.finding.status == "flagged" for t in top)
    assert all(t.finding.severity == "critical" for t in top)
    assert all(t.sentence.startswith(t.number + " — ") for t in top)


def test_every_to_verify_finding_is_a_question_for_the_client(synthetic_memo):
    m = synthetic_memo
    asked = {n for q in m.questions for n in q.numbers}
    assert asked == {f.number for f in m.to_verify}
    assert all(f.finding.status == "to_verify" for f in m.to_verify)
    texts = [q.text for q in m.questions]
    assert len(texts) == len({(q.text, q.about) for q in m.questions})
    assert "Is fact 1 true?" in texts


def test_a_fact_no_question_asks_becomes_a_question(rb):
    from .conftest import synthetic_assessment

    a = synthetic_assessment(rb, n=6)
    bare = [
        f.model_copy(
            update={"unknowns": [u.model_copy(update={"questions": []}) for u in f.unknowns]}
        )
        for f in a.findings
    ]
    from advisor.casefile import loads_case

    memo = build_memo(a.model_copy(update={"findings": bare}), loads_case("{}"), rb)
    assert memo.questions and all("Fact" in q.text and q.text.endswith("?") for q in memo.questions)


def test_remedies_carry_the_numbers_of_the_findings_they_answer(synthetic_memo):
    m = synthetic_memo
    assert [r.rec.id for r in m.remedies] == [r.id for r in m.recommendations]
    rd = m.remedy("rd_societal_convention")
    assert rd.numbers == tuple(f.number for f in m.findings)
    assert [r.id for r in m.note_remedies] == [
        "rd_societal_convention",
        "partnership_experimentation_right",
    ]
    assert [r.id for r in m.other_remedies] == ["written_partnership_agreement"]


def test_annex_holds_every_answer_even_those_no_question_asks(rich_memo):
    answers = {(a.question, a.entry): a.answer for a in rich_memo.answers}
    shown = " ".join(a.answer for a in rich_memo.answers)
    assert "24" in shown  # duration, months
    assert any(a.entry == "Acme SA → Les Amis du Quartier" for a in rich_memo.answers)
    assert "Co-créer un service de mobilité solidaire." in answers.values()
    assert not any(a.answer == a.entry for a in rich_memo.answers)


def test_provenance_names_tool_rules_version_and_hashes(rich_memo, rich_fr):
    values = list(rich_memo.provenance.values())
    assert rich_fr.rules_base.sha256 in values and rich_fr.case.sha256 in values
    assert rich_fr.rules_base.version in values and "2026-06-01" in values
    assert any(v.startswith("advisor assess") and "--as-of 2026-06-01" in v for v in values)


def test_summary_is_json_and_matches_the_memo(synthetic_memo):
    s = json.loads(json.dumps(synthetic_memo.summary()))
    assert s["sections"] == list(SECTIONS)
    assert (
        len(s["numbers"]) == 60 and s["numbers"]["F1"] == synthetic_memo.findings[0].finding.rule_id
    )
    assert sum(len(v) for v in s["matrix"].values()) == 60
    assert [t["number"] for t in s["top_risks"]] == [t.number for t in synthetic_memo.top_risks]


def test_memo_without_findings_still_has_every_section(rb):
    from advisor.assess import assess
    from advisor.casefile import loads_case

    case = loads_case("meta: {name: Vide}")
    memo = build_memo(assess(case, as_of=AS_OF, lang="en", rules=rb), case, rb)
    assert [s.key for s in memo.sections] == list(SECTIONS)
    assert memo.top_risks == [] or all(t.finding for t in memo.top_risks)


def test_importing_the_memo_model_does_not_import_reportlab():
    code = (
        "import sys, reports.memo, reports.markdown, reports.jsonout; "
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
