"""Questions that earlier answers have made pointless are not asked (issue 12, report E)."""

from __future__ import annotations

from advisor import interview
from advisor.casefile import loads_case

from .conftest import AS_OF

CASE = """
meta: {name: Test}
partners:
  - {id: pme, name: PME, kind: company, ess_company: false}
  - {id: aci, name: ACI, kind: insertion_structure}
  - {id: coop, name: Coop, kind: cooperative}
agreements: {written: false}
people:
  staff_loans:
    - {lender: pme, host: aci, kind: paid_staff_loan, loan_agreement_signed: false,
       contract_amendment_signed: false}
    - {lender: pme, host: aci, kind: paid_staff_loan, loan_agreement_signed: true}
"""


def _ids(questions) -> set[str]:
    return {q.id for q in questions}


def test_no_question_about_a_writing_after_no_writing(rb):
    case = loads_case(CASE)
    loans = interview.questions_per_entry(rb, case, "people.staff_loans", AS_OF)
    assert "staff_loan.direction_written" not in _ids(loans[0])  # neither agreement nor rider
    assert "staff_loan.direction_written" in _ids(loans[1])  # the agreement may say it


def test_esus_is_not_asked_of_a_company_outside_the_ess(rb):
    case = loads_case(CASE)
    partners = interview.questions_per_entry(rb, case, "partners", AS_OF)
    assert "partner.ess_company" in _ids(partners[0])
    assert "partner.esus_approved" not in _ids(partners[0])  # after « ESS : non »
    assert "partner.esus_approved" in _ids(partners[2])  # a cooperative is asked
    ess = loads_case(CASE.replace("ess_company: false", "ess_company: true"))
    asked = interview.questions_per_entry(rb, ess, "partners", AS_OF)[0]
    assert "partner.esus_approved" in _ids(asked)


def test_an_insertion_structure_is_asked_what_fits_it(rb):
    case = loads_case(CASE)
    partners = interview.questions_per_entry(rb, case, "partners", AS_OF)
    aci = _ids(partners[1])
    assert "partner.company_size" not in aci  # « cette entreprise : TPE, PME... » does not fit
    assert "partner.employees" in aci
    assert "partner.company_size" in _ids(partners[0])
    kinds = {c.label for c in interview.choices(rb, _question(rb, "partner.kind"), "fr", case)}
    assert any("SIAE" in k and "ACI" in k for k in kinds)  # where an ACI is declared


def _question(rb, qid):
    return next(q for q in rb.questions if q.id == qid)
