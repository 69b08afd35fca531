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


# The adviser's Vélo Solidaire interview (questions5): an ACI, a 35-employee SAS lending two
# mechanics for free without any agreement, a commune subsidising the ACI, an app
# co-developed, no written agreement at all.
VELO = """
meta: {name: Vélo Solidaire}
partners:
  - {id: velo, name: Vélo Solidaire, kind: insertion_structure, rescrit_obtained: false,
     issues_tax_receipts: false}
  - {id: cycles, name: Cycles Durables SAS, kind: company, employees: 35, ess_company: false}
  - {id: commune, name: Saint-Martin, kind: public_authority, public_level: municipality}
agreements: {written: false}
people:
  staff_loans:
    - {lender: cycles, host: velo, kind: paid_staff_loan, invoicing: free,
       loan_agreement_signed: false}
results: {co_developed: [software], collective_work: false}
money:
  subsidies:
    - {funder: commune, beneficiary: velo, amount_eur_per_year: 30000}
"""


def _velo_partners(rb, text=VELO):
    return interview.questions_per_entry(rb, loads_case(text), "partners", AS_OF)


def test_sgei_amount_is_asked_only_of_a_subsidised_partner_entrusted_with_an_sgei(rb):
    velo, cycles, _ = (_ids(qs) for qs in _velo_partners(rb))
    assert "partner.sgei_entrusted" not in cycles  # no public partner subsidises the SAS
    assert "partner.sieg_aid" not in cycles
    assert "partner.sgei_entrusted" in velo  # the commune does subsidise the ACI...
    assert "partner.sieg_aid" not in velo  # ...but nothing says it entrusted it with an SGEI
    assert "partner.state_aid" in cycles  # the general de minimis question is untouched
    entrusted = VELO.replace(
        "issues_tax_receipts: false}", "issues_tax_receipts: false,\n     sgei_entrusted: true}"
    )
    assert "partner.sieg_aid" in _ids(_velo_partners(rb, entrusted)[0])
    refused = entrusted.replace("sgei_entrusted: true", "sgei_entrusted: false")
    assert "partner.sieg_aid" not in _ids(_velo_partners(rb, refused)[0])


def test_esus_conditions_are_asked_where_the_approval_matters(rb):
    case = loads_case(
        """
meta: {name: ESUS}
partners:
  - {id: co, name: Société solidaire, kind: company, ess_company: true, seeks_solidarity_funds: true,
     listed_esus_body: false}
  - {id: asso, name: Association, kind: association, seeks_solidarity_funds: false,
     esus_approved: false}
  - {id: aci, name: ACI, kind: insertion_structure, seeks_solidarity_funds: true}
  - {id: dep, name: Département, kind: public_authority, public_level: department}
"""
    )
    co, asso, aci, dep = (
        _ids(qs) for qs in interview.questions_per_entry(rb, case, "partners", AS_OF)
    )
    assert {
        "partner.social_utility_purpose",
        "partner.equity_listed",
        "partner.esus_terms_in_statutes",
    } <= co
    assert not {"partner.social_utility_purpose", "partner.esus_terms_in_statutes"} & asso
    assert "partner.equity_listed" not in asso  # an association has no equity securities
    assert "partner.esus_terms_in_statutes" not in aci  # approved by law
    assert "partner.insertion_form" in aci and "partner.insertion_form" not in co
    assert "partner.buys_services" in dep  # a public buyer: procurement on the agreement


def test_rescrit_date_is_not_asked_of_a_body_issuing_no_receipts(rb):
    velo = _ids(_velo_partners(rb)[0])
    assert "partner.rescrit_obtained" in velo
    assert "partner.rescrit_requested_on" not in velo
    issuing = VELO.replace("issues_tax_receipts: false", "issues_tax_receipts: true")
    assert "partner.rescrit_requested_on" in _ids(_velo_partners(rb, issuing)[0])


def test_age_is_asked_of_the_host_of_a_free_loan_not_of_the_lender(rb):
    velo, cycles, _ = (_ids(qs) for qs in _velo_partners(rb))
    assert "partner.age" not in cycles  # it lends the mechanics
    assert "partner.age" in velo  # it hosts them for free
    at_cost = VELO.replace("invoicing: free", "invoicing: at_cost")
    assert "partner.age" not in _ids(_velo_partners(rb, at_cost)[0])


def test_turnover_is_asked_only_of_a_partner_that_gives(rb):
    velo, cycles, _ = (_ids(qs) for qs in _velo_partners(rb))
    assert "partner.turnover" not in velo
    assert "partner.turnover" not in cycles
    giving = VELO.replace(
        "  subsidies:",
        "  gifts:\n    - {donor: cycles, beneficiary: velo, amount_eur: 5000}\n  subsidies:",
    )
    velo, cycles, _ = (_ids(qs) for qs in _velo_partners(rb, giving))
    assert "partner.turnover" in cycles
    assert "partner.turnover" not in velo  # the ACI receives, it does not give


def test_no_question_on_an_agreement_about_results_after_no_writing(rb):
    asked = _ids(interview.steps(rb, loads_case(VELO), AS_OF))
    assert "results.co_developed" in asked
    assert "results.ip_agreement" not in asked
    written = VELO.replace("agreements: {written: false}", "agreements: {written: true}")
    assert "results.ip_agreement" in _ids(interview.steps(rb, loads_case(written), AS_OF))
    unsaid = VELO.replace("agreements: {written: false}", "agreements: {}")
    assert "results.ip_agreement" in _ids(interview.steps(rb, loads_case(unsaid), AS_OF))


def test_no_writing_at_all_still_flags_results_without_an_agreement(rb):
    from advisor.assess import assess

    report = assess(loads_case(VELO), as_of=AS_OF, rules=rb, clear_by=False)
    status = report.statuses()
    assert status["legal.intellectual_property.copyright-results-without-agreement"] == "flagged"


def test_the_subsidy_funder_is_chosen_among_public_partners(rb):
    case = loads_case(VELO)
    offered = [c.value for c in interview.choices(rb, _question(rb, "subsidy.funder"), "fr", case)]
    assert offered == ["commune", None]  # not the SAS nor the ACI; « inconnu » last
    beneficiary = _question(rb, "subsidy.beneficiary")
    offered = [c.value for c in interview.choices(rb, beneficiary, "fr", case)]
    assert offered == ["velo", "cycles", "commune", None]
    unsaid = loads_case(VELO.replace("kind: company, ", ""))  # the SAS's nature not said yet
    offered = [
        c.value for c in interview.choices(rb, _question(rb, "subsidy.funder"), "fr", unsaid)
    ]
    assert offered == ["cycles", "commune", None]


SUBSIDY_RULE = "legal.convention.subsidy-without-written-agreement"


def test_a_large_subsidy_with_its_agreement_unknown_is_to_verify(rb):
    """The rule itself is right: 30 000 € a year to the ACI, agreement unknown, to verify."""
    from advisor.assess import assess

    report = assess(loads_case(VELO), as_of=AS_OF, rules=rb, clear_by=False)
    assert report.statuses()[SUBSIDY_RULE] == "to_verify"
    asked = {q.field for q in report.open_questions}
    assert "money.subsidies[0].written_agreement" in asked


def test_a_large_subsidy_with_its_agreement_unknown_is_an_issue_of_its_own(rb):
    from advisor.assess import assess

    report = assess(loads_case(VELO), as_of=AS_OF, rules=rb, clear_by=False)
    issue = next(f for f in report.findings if SUBSIDY_RULE in f.rules)
    assert issue.rule_id == SUBSIDY_RULE


def test_the_vehicles_assets_on_dissolution_are_asked_only_of_a_non_profit_vehicle(rb):
    base = "partners:\n  - {id: a, name: A, kind: association}\nvehicle: {kind: %s}\n"

    def asked(kind: str) -> bool:
        steps = interview.steps(rb, loads_case(base % kind), AS_OF)
        return "value_sharing.assets_to_members_on_exit" in _ids(steps)

    assert not asked("none")  # « aucune structure commune » (the adviser's review)
    assert not asked("gie")
    assert asked("association") and asked("endowment_fund")


def test_a_subsidised_insertion_association_is_asked_about_the_republican_contract(rb):
    case = """
partners:
  - {id: aci, name: ACI, kind: insertion_structure, insertion_form: %s}
  - {id: dep, name: Département, kind: public_authority, public_level: department}
money:
  subsidies:
    - {funder: dep, beneficiary: aci, amount_eur_per_year: 60000}
"""

    def asked(form: str) -> set[str]:
        return _ids(
            interview.questions_per_entry(rb, loads_case(case % form), "partners", AS_OF)[0]
        )

    assert "partner.public_utility" in asked("association")
    # once it is known not to be recognised of public utility, the contract itself
    assert "partner.republican_contract" in asked("association, public_utility_recognised: false")
    assert not {"partner.public_utility", "partner.republican_contract"} & asked(
        "company, public_utility_recognised: false"
    )
