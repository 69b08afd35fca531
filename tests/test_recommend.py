"""Recommendations: the note's two remedies, grouping, and the experimentation table."""

from __future__ import annotations

import datetime as dt

from advisor.assess import assess
from advisor.casefile import loads_case
from advisor.recommend import experimentation_table

AS_OF = dt.date(2026, 6, 1)

ALL_MET = """
partners:
  - {id: c, name: Entreprise, kind: company}
  - {id: a, name: Association, kind: association, general_interest: true}
  - {id: d, name: Département, kind: public_authority, public_level: department}
co_construction: {innovative: true, form: collective_experimentation}
agreements: {written: true}
vehicle: {governance_equal: true}
value_sharing: {profit_distribution: false, profit_aim: false}
"""


XP = "partnership_experimentation_right"


def _table(text, lang="en"):
    return experimentation_table(_rb(), loads_case(text), AS_OF, lang, XP)


def _rb():
    from advisor.assess import default_rules

    return default_rules()


def test_experimentation_conditions_all_met():
    t = _table(ALL_MET)
    assert t.enacted is False
    assert [c.state for c in t.conditions] == ["met"] * 5
    assert t.qualifies == "yes"
    assert "LO 1113-1" in t.local_note


def test_experimentation_conditions_some_unknown_some_missing():
    some = ALL_MET.replace("vehicle: {governance_equal: true}", "")
    t = _table(some)
    states = {c.id: c.state for c in t.conditions}
    assert states["equal-governance"] == "unknown" and t.qualifies == "maybe"
    missing = ALL_MET.replace("profit_aim: false", "profit_aim: true")
    t = _table(missing)
    assert {c.id: c.state for c in t.conditions}["not-profit-sharing"] == "missing"
    assert t.qualifies == "no"


def test_experimentation_conditions_none_met():
    t = _table("""
partners:
  - {id: a, name: A, kind: association, general_interest: false}
co_construction: {innovative: false}
agreements: {written: false}
vehicle: {governance_equal: false}
value_sharing: {profit_distribution: true, profit_aim: true}
""")
    assert [c.state for c in t.conditions] == ["missing"] * 5
    assert t.local_note is None


def test_rd_convention_checklist_names_open_source_and_the_exclusivity_conflict(rb):
    case = loads_case(
        ALL_MET
        + """
results: {co_developed: [method, design], ip_agreement: false, exclusivity_wanted: true}
"""
    )
    a = assess(case, as_of=AS_OF, lang="en", rules=rb)
    rec = next(r for r in a.recommendations if r.id == "rd_societal_convention")
    clauses = {c.id: c for c in rec.details.clauses}
    assert "open" in clauses["open-source-after"].content.lower()
    assert "Entreprise (company)" in clauses["parties"].content
    assert "{" not in "".join(c.content for c in clauses.values())
    conflicts = {c.id: c for c in rec.details.conflicts}
    assert conflicts["exclusivity-wanted"].state == "present"
    assert rec.details.enacted is False
    assert rec.findings, "the convention names the findings it answers"
    assert any("legal.intellectual_property" in f for f in rec.findings)


def test_no_rd_convention_for_a_plain_gift(rb):
    case = loads_case("""
partners:
  - {id: c, name: Entreprise, kind: company}
  - {id: a, name: Association, kind: association, general_interest: true}
co_construction: {innovative: false, form: organisations_partnership, modalities: [classic_patronage]}
money:
  gifts: [{donor: c, beneficiary: a, kind: cash, amount_eur: 5000, counterparts_eur: 0}]
""")
    a = assess(case, as_of=AS_OF, rules=rb)
    assert "rd_societal_convention" not in {r.id for r in a.recommendations}


def test_recommendations_are_grouped_and_deduplicated(rb):
    case = loads_case("""
partners:
  - {id: c, name: Entreprise, kind: company, employees: 3000, age_years: 40}
  - {id: a, name: Association, kind: association, general_interest: false}
people:
  staff_loans:
    - {lender: c, host: a, kind: paid_staff_loan, loan_agreement_signed: false,
       contract_amendment_signed: false, employee_consent: false, invoicing: free}
""")
    a = assess(case, as_of=AS_OF, rules=rb)
    ids = [r.id for r in a.recommendations]
    assert len(ids) == len(set(ids))
    loan = next(r for r in a.recommendations if r.id == "staff_loan_agreement")
    answered = set(loan.findings)
    # One staff loan without its paperwork: one issue, holding the rules it breaks.
    rules = {r for f in a.findings if f.rule_id in answered for r in f.rules}
    assert len(rules) >= 2
    for f in a.findings:
        if "staff_loan_agreement" in f.recommendations:
            assert f.rule_id in answered


def test_patent_articles_only_where_the_results_include_an_invention(rb):
    """A method and training materials are works: the IP clause rests on copyright; patent
    co-ownership is a clause of its own, for an invention (the avocat's second review)."""

    def clauses(results: str) -> dict:
        case = loads_case(
            ALL_MET + f"results: {{co_developed: [{results}], ip_agreement: false}}\n"
        )
        a = assess(case, as_of=AS_OF, lang="fr", rules=rb)
        rec = next(r for r in a.recommendations if r.id == "rd_societal_convention")
        return {c.id: c for c in rec.details.clauses}

    works = clauses("method")
    assert "613" not in works["ip-during"].basis and "L. 113-3" in works["ip-during"].basis
    assert "patents-during" not in works
    invention = clauses("method, invention")
    assert "L. 613-29" in invention["patents-during"].basis
