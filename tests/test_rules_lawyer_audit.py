"""What the interview asks after the lawyer's audit (rules base 1.3.0): a question is asked
when its answer can decide a risk, and only then. The findings themselves are checked by
the YAML rule tests (rules/tests/lawyer-audit.yaml); these tests check the open questions
the same cases leave."""

from __future__ import annotations

from advisor.assess import assess
from advisor.casefile import loads_case

from .conftest import AS_OF

GOVERNANCE = "agreements.governance_written"
EMPLOYER_COST = "people.staff_loans[0].monthly_employer_cost_eur"


def _open_fields(rb, text: str) -> set[str]:
    a = assess(loads_case(text), as_of=AS_OF, lang="fr", rules=rb)
    return {q.field for q in a.open_questions}


def _status(rb, text: str, rule_id: str) -> str:
    a = assess(loads_case(text), as_of=AS_OF, lang="fr", rules=rb)
    return next(v.status for v in a.verdicts if v.rule_id == rule_id)


POOLED = """
partners:
  - {id: f1, name: Fondation 1, kind: foundation}
  - {id: f2, name: Fondation 2, kind: foundation}
value_sharing: {pooled_funds: true}
agreements: {written: %s}
"""


def test_no_written_agreement_establishes_unwritten_governance_without_asking(rb):
    text = POOLED % "false"
    assert _status(rb, text, "financial.value_sharing.pooled-funds-without-governance") == (
        "flagged"
    )
    assert GOVERNANCE not in _open_fields(rb, text)


def test_a_written_agreement_leaves_the_governance_question_open(rb):
    text = POOLED % "true"
    assert GOVERNANCE in _open_fields(rb, text)


SKILLS = """
partners:
  - {id: psa, name: PSA, kind: company}
  - {id: fare, name: FARE, kind: association, general_interest: true}
people:
  staff_loans:
    - {lender: psa, host: fare, kind: skills_sponsorship, valuation: cost_price,
       monthly_gross_salary_eur: %d}
"""


def test_the_employer_cost_is_asked_when_charges_could_cross_the_cap(rb):
    # 2026: the cap is 3 x 4 005 = 12 015 EUR a month; 9 000 EUR gross plus charges may pass it
    assert EMPLOYER_COST in _open_fields(rb, SKILLS % 9000)


def test_the_employer_cost_is_not_asked_of_a_salary_far_under_the_cap(rb):
    assert EMPLOYER_COST not in _open_fields(rb, SKILLS % 6000)
    assert EMPLOYER_COST not in _open_fields(rb, SKILLS % 15000)


# Follow-up of the audit of 1.3.0 (rules/tests/lawyer-audit-followup.yaml): the questions
# the new facts bring, and those they make pointless.
ESUS = """
partners:
  - {id: p, name: Partenaire, kind: %s, seeks_solidarity_funds: true%s}
  - {id: dep, name: Département, kind: public_authority, public_level: department}
"""
LISTED = "partners[0].listed_esus_body"
CHARGES = "partners[0].social_purpose_charges_pct"


def test_a_body_seeking_solidarity_funds_is_asked_whether_the_law_approves_it(rb):
    fields = _open_fields(rb, ESUS % ("association", ""))
    assert LISTED in fields


def test_a_body_approved_by_law_is_not_asked_the_approval_figures(rb):
    assert CHARGES not in _open_fields(rb, ESUS % ("association", ", listed_esus_body: true"))
    assert CHARGES not in _open_fields(rb, ESUS % ("insertion_structure", ""))
    assert LISTED not in _open_fields(rb, ESUS % ("insertion_structure", ""))


def test_an_ordinary_applicant_is_still_asked_the_figures(rb):
    assert CHARGES in _open_fields(rb, ESUS % ("association", ", listed_esus_body: false"))


POOLED_WRITTEN = """
partners:
  - {id: f1, name: Fondation 1, kind: foundation}
  - {id: f2, name: Fondation 2, kind: foundation}
value_sharing: {pooled_funds: true}
agreements: {written: true, governance_written: false}
vehicle: {kind: association}
"""


def test_pooled_funds_ask_whether_the_vehicle_holds_them(rb):
    rule = "financial.value_sharing.pooled-funds-without-governance"
    assert "vehicle.holds_pooled_funds" in _open_fields(rb, POOLED_WRITTEN)
    assert _status(rb, POOLED_WRITTEN, rule) == "to_verify"
    held = POOLED_WRITTEN.replace(
        "{kind: association}", "{kind: association, holds_pooled_funds: true}"
    )
    assert all(v.rule_id != rule or v.status == "clear" for v in _verdicts(rb, held))


def _verdicts(rb, text: str):
    return assess(loads_case(text), as_of=AS_OF, lang="fr", rules=rb).verdicts
