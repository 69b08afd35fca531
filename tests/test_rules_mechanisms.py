"""Rules-base mechanisms: named value sets, statutory exceptions (``unless``), conditional
titles, presumptions and cures — each loaded, checked and applied as its docs say."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from advisor import presumptions
from advisor.assess import assess
from advisor.casefile import loads_case
from advisor.errors import RulesError
from advisor.facts import build_facts
from advisor.lint import lint
from advisor.rulesbase import default_rules_path, load_rules_base

AS_OF = dt.date(2026, 6, 1)
TEST_RULE = "legal/test-rule.yaml"

RULE = """
rules:
  - id: legal.convention.test-big-gift
    challenge: legal.convention
    severity: medium
    likelihood: possible
    when:
      some: money.gifts
      where:
        all:
          - {field: amount_eur, op: gt, value: 1000}
          - {field: donor_kind, op: in, value: {set: business_kinds}}
    unless:
      - id: foundation-beneficiary
        label: {fr: Le bénéficiaire est une fondation, en: The beneficiary is a foundation}
        when:
          every: money.gifts
          where: {field: beneficiary_kind, op: eq, value: foundation}
    title: {fr: Un gros don d'entreprise, en: A big gift from a business}
    title_if: {fr: "Si une entreprise donne plus de 1 000 €", en: "If a business gives more than 1,000 €"}
    explanation: {fr: Explication du test., en: Test explanation.}
    advice: {fr: Conseil du test., en: Test advice.}
    exposure:
      label: {fr: Réduction d'impôt en jeu, en: Tax reduction at stake}
      field: money.gifts[].amount_eur
      rate: 60
    references: [{text: "Test, art. 1"}]
"""


def _copy(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the bundled rules base with ``files`` (relative path -> text) written."""
    copy = tmp_path / "rules"
    shutil.copytree(default_rules_path(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in files.items():
        (copy / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return copy


def _case(donor_kind: str | None, beneficiary_kind: str = "association") -> object:
    donor = f", kind: {donor_kind}" if donor_kind else ""
    return loads_case(
        f"""
partners:
  - {{id: d, name: Donor{donor}}}
  - {{id: b, name: Beneficiary, kind: {beneficiary_kind}}}
money:
  gifts: [{{donor: d, beneficiary: b, kind: cash, amount_eur: 5000}}]
"""
    )


@pytest.fixture(scope="module")
def test_base(tmp_path_factory):
    return load_rules_base(_copy(tmp_path_factory.mktemp("mech"), {TEST_RULE: RULE}))


@pytest.mark.parametrize("engine", ["durable", "direct"])
@pytest.mark.parametrize(
    ("donor", "beneficiary", "expected"),
    [
        ("company", "association", "flagged"),
        ("mutual", "association", "flagged"),  # business_kinds, through the named set
        ("association", "association", None),  # not in the set
        (None, "association", "to_verify"),  # the donor's nature decides it
        ("company", "foundation", None),  # the exception is met
    ],
)
def test_value_sets_and_exceptions_decide_the_rule(test_base, engine, donor, beneficiary, expected):
    period = test_base.period(AS_OF)
    values = build_facts(_case(donor, beneficiary), AS_OF).values
    statuses = period.evaluate(values) if engine == "durable" else period.evaluate_direct(values)
    assert statuses.get("legal.convention.test-big-gift") == expected


def test_an_exception_keeps_its_label_and_bound_condition(test_base):
    bound = test_base.period(AS_OF).by_id["legal.convention.test-big-gift"]
    ((doc, node),) = bound.exceptions
    assert doc.id == "foundation-beneficiary"
    assert doc.label.fr == "Le bénéficiaire est une fondation"
    assert node is not None


@pytest.mark.parametrize(
    ("replacement", "words"),
    [
        ("{set: business_kinds}", None),
        (
            "{set: busines_kinds}",
            ["unknown value set 'busines_kinds'", "did you mean 'business_kinds'"],
        ),
        ("{set: business_kinds, x: 1}", ["{set: name}"]),
    ],
)
def test_named_sets_are_checked_when_loading(tmp_path, replacement, words):
    rule = RULE.replace("{set: business_kinds}", replacement)
    copy = _copy(tmp_path, {TEST_RULE: rule})
    if words is None:
        load_rules_base(copy)
        return
    with pytest.raises(RulesError) as exc:
        load_rules_base(copy)
    assert all(w in str(exc.value) for w in words), str(exc.value)


def test_a_set_with_a_value_outside_the_vocabulary_is_refused(tmp_path):
    sets = (default_rules_path() / "value-sets.yaml").read_text(encoding="utf-8")
    sets = sets.replace("values: [company, cooperative, mutual, media]", "values: [company, bank]")
    copy = _copy(tmp_path, {"value-sets.yaml": sets})
    with pytest.raises(RulesError, match="value set 'business_kinds': bank not values of"):
        load_rules_base(copy)


def test_a_set_needs_an_operator_on_several_values(tmp_path):
    rule = RULE.replace(
        "op: in, value: {set: business_kinds}", "op: eq, value: {set: business_kinds}"
    )
    with pytest.raises(RulesError, match="compares with one value; a set needs in"):
        load_rules_base(_copy(tmp_path, {TEST_RULE: rule}))


def test_a_conditional_title_is_a_checked_template(tmp_path):
    rule = RULE.replace("Si une entreprise donne", "Si {who} donne")
    with pytest.raises(RulesError, match=r"title_if \(fr\): unknown placeholder \{who\}"):
        load_rules_base(_copy(tmp_path, {TEST_RULE: rule}))


PRESUMPTION = """
presumptions:
  - id: test-rescrit-holder-declares
    field: partners[].declares_receipts_annually
    value: true
    when: {field: rescrit_obtained, op: eq, value: true}
    label: {fr: L'association déclare ses reçus, en: The association declares its receipts}
    basis: {fr: Une base de test., en: A test basis.}
    references: [{text: "Test, art. 2"}]
"""


def test_presumptions_apply_to_unknown_facts_in_their_context_only(tmp_path):
    rb = load_rules_base(_copy(tmp_path, {"presumptions.yaml": PRESUMPTION}))
    (p,) = rb.presumptions
    case = loads_case(
        """
partners:
  - {id: a, name: A, kind: association, rescrit_obtained: true}
  - {id: b, name: B, kind: association, rescrit_obtained: true, declares_receipts_annually: false}
  - {id: c, name: C, kind: association}
"""
    )
    values = build_facts(case, AS_OF).values
    presumed, applied = presumptions.apply(rb.presumptions, values)
    assert [(a.presumption.id, a.index) for a in applied] == [(p.id, 0)]
    assert presumed["partners"][0]["declares_receipts_annually"] is True
    assert presumed["partners"][1]["declares_receipts_annually"] is False  # an answer wins
    assert presumed["partners"][2]["declares_receipts_annually"] is None  # context unknown
    assert values["partners"][0]["declares_receipts_annually"] is None  # input untouched


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ("field: partners[].declares_receipts_annually", "field: partners[].nothing"),
            "is not an answered fact",
        ),
        (("value: true\n", "value: maybe\n"), "must be true or false"),
        (
            (
                "{field: rescrit_obtained, op: eq, value: true}",
                "{field: employees, op: gt, value: {param: pss_monthly_eur}}",
            ),
            "unknown parameter 'pss_monthly_eur'",
        ),
        (('references: [{text: "Test, art. 2"}]', "references: []"), "references"),
    ],
)
def test_broken_presumptions_are_reported(tmp_path, change, words):
    text = PRESUMPTION.replace(*change)
    with pytest.raises(RulesError) as exc:
        load_rules_base(_copy(tmp_path, {"presumptions.yaml": text}))
    assert words in str(exc.value) and "presumptions.yaml" in str(exc.value)


def test_lint_refuses_a_presumption_that_would_clear_a_critical_risk(tmp_path):
    text = PRESUMPTION.replace(
        "field: partners[].declares_receipts_annually\n    value: true",
        "field: partners[].distributes_surplus\n    value: false",
    )
    copy = _copy(tmp_path, {"presumptions.yaml": text})
    shutil.rmtree(copy / "tests")
    _, problems = lint(copy)
    texts = [str(p) for p in problems]
    assert any(
        "could clear the critical risk financial.value_sharing.non-profit-distributes-surplus" in t
        for t in texts
    ), texts


CURE = """
cures:
  - field: agreements.written
    value: true
    text: {fr: "Les partenaires signent", en: "The partners sign"}
"""


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ("field: agreements.written", "field: partners[].kind"),
            "not a fact an action can change",
        ),
        (("value: true", "value: 3"), "value must be true or false"),
        (("value: true", "direction: down"), "'direction' is for numbers"),
        (("Les partenaires signent", "{lender} signe"), "unknown placeholder {lender}"),
        # Ceasing something is a retreat unless the cure says why it gives nothing up.
        (("value: true", "value: false"), "sets the fact to false"),
        (("value: true", "value: true\n    recommendation: nothing_like_it"), "no recommendation"),
    ],
)
def test_broken_cures_are_reported(tmp_path, change, words):
    text = CURE.replace(*change)
    with pytest.raises(RulesError) as exc:
        load_rules_base(_copy(tmp_path, {"cures.yaml": text}))
    assert words in str(exc.value) and "cures.yaml" in str(exc.value)


def test_no_bundled_cure_gives_up_the_receipts_the_reduction_needs(rb):
    """Issuing no receipt (or ceasing to) is a retreat, never a cure."""
    assert "money.gifts[].receipt_issued" not in rb.cures
    assert "partners[].issues_tax_receipts" not in rb.cures
    for cures in rb.cures.values():
        for c in cures:
            if c.doc.value is False:
                assert c.doc.not_a_retreat, c.doc.field


def test_the_bundled_cures_load_and_name_who_acts(rb):
    loans = rb.cures["people.staff_loans[].loan_agreement_signed"]
    assert loans[0].words("fr", {"lender": "PSA", "host": "FARE"}) == (
        "PSA et FARE signent une convention de mise à disposition"
    )
    assert loans[0].matches(True, False) and not loans[0].matches(False, True)
    assert "agreements.written" in rb.cures
    assert all(c.doc.value is not False for c in rb.cures["agreements.written"])


def test_a_flagged_finding_carries_its_exposure_as_an_estimate(test_base):
    from advisor.assess import assess

    a = assess(_case("company"), as_of=AS_OF, lang="fr", rules=test_base)
    (issue,) = [f for f in a.findings if "legal.convention.test-big-gift" in f.rules]
    (x,) = issue.exposure
    assert x.amount_eur == 3000 and x.shown == "3\u202f000\u00a0€"
    assert x.label == "Réduction d'impôt en jeu"
    unknown = assess(_case(None), as_of=AS_OF, rules=test_base)
    assert all(not f.exposure for f in unknown.findings)  # never from a point to verify


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ("field: money.gifts[].amount_eur", "field: money.gifts[].kind"),
            "not an amount in euros",
        ),
        (("rate: 60", "rate: 150"), "percentage between 0 and 100"),
        (("rate: 60", "rate: {param: pss_monthly_eur}"), "is not a percentage"),
    ],
)
def test_a_broken_exposure_is_reported(tmp_path, change, words):
    with pytest.raises(RulesError, match=words):
        load_rules_base(_copy(tmp_path, {TEST_RULE: RULE.replace(*change)}))


CO_CREATION = """
partners:
  - {id: asso, name: Asso, kind: association}
  - {id: pme, name: PME, kind: company}
co_construction: {form: collective_experimentation}
agreements: {written: false}
results: {co_developed: [software], exclusivity_wanted: %s}
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_remedy_the_partners_refused_is_not_the_first_way_to_clear(rb, lang):
    """A partner wants exclusive rights: the societal R&D convention (results published
    under a free licence) is offered after a consortium agreement, never first (the
    adviser's review: the memo's first action contradicted the answers)."""
    rule = "legal.convention.no-fitting-agreement-for-co-creation"

    def options(wanted: str) -> list[list[str]]:
        a = assess(loads_case(CO_CREATION % wanted), as_of=dt.date(2026, 6, 1), lang=lang, rules=rb)
        (f,) = [f for f in a.findings if rule in f.rules]
        return [
            [str(c.target) for c in o.changes if c.field == "agreements.kinds"] for o in f.clear_by
        ]

    assert options("true")[0] == ["['consortium_agreement']"]
    assert ["['societal_rd_convention']"] in options("true")[1:]
    assert options("false")[0] == ["['societal_rd_convention']"]


SKILLS_CASE = """
partners:
  - {id: ing, name: Ingénova, kind: company, company_size: large}
  - {id: lire, name: Lire, kind: association, general_interest: true}
people:
  staff_loans:
    - {lender: ing, host: lire, kind: skills_sponsorship, employees: 1, duration_months: 12,
       invoicing: free, monthly_gross_salary_eur: 14500, valuation: cost_price}
money:
  gifts:
    - {donor: ing, beneficiary: lire, kind: skills, amount_eur: 260000,
       valuation: cost_price, counterparts_eur: 0, receipt_issued: true}
"""


def test_an_exposure_less_what_the_law_allows_gives_the_overstatement(rb):
    """The lawyer's arithmetic on the skills memo: a 260,000 € receipt for one employee
    lent 12 months in 2026, capped at 3 × 4,005 € a month, is 115,820 € too high."""
    from advisor.assess import assess

    a = assess(loads_case(SKILLS_CASE), as_of=dt.date(2026, 12, 2), lang="fr", rules=rb)
    (issue,) = [f for f in a.findings if "fiscal.incentives.skills-salary-over-cap" in f.rules]
    (x,) = [x for x in issue.exposure if x.rule_id == "fiscal.incentives.skills-salary-over-cap"]
    assert x.amount_eur == 260_000 - 3 * 4_005 * 12 == 115_820
    assert issue.likelihood == "likely"
    # 48 months lent: a yearly gift covers twelve of them; under the cap, no estimate
    longer = SKILLS_CASE.replace("duration_months: 12", "duration_months: 48")
    a = assess(loads_case(longer), as_of=dt.date(2026, 12, 2), lang="fr", rules=rb)
    (issue,) = [f for f in a.findings if "fiscal.incentives.skills-salary-over-cap" in f.rules]
    assert [x.amount_eur for x in issue.exposure if "skills" in x.rule_id] == [115_820]
    within = SKILLS_CASE.replace("amount_eur: 260000", "amount_eur: 140000")
    a = assess(loads_case(within), as_of=dt.date(2026, 12, 2), lang="fr", rules=rb)
    (issue,) = [f for f in a.findings if "fiscal.incentives.skills-salary-over-cap" in f.rules]
    assert not [x for x in issue.exposure if "skills" in x.rule_id]


def test_an_exposure_less_with_a_bad_factor_is_reported(tmp_path):
    rule = RULE.replace(
        "      rate: 60\n",
        "      rate: 60\n      less: {param: pss_monthly_eur, per: [kind]}\n",
    )
    with pytest.raises(RulesError, match="less per 'kind'"):
        load_rules_base(_copy(tmp_path, {TEST_RULE: rule}))


def test_a_remedy_the_case_conflicts_with_is_proposed_after_the_others(rb):
    """The interview's remedies tab and the memo lead with the same remedy: the societal R&D
    convention comes after the others once a partner wants exclusive rights (the
    adviser's second review: the tab opened on it while the memo's first action was a
    consortium agreement)."""
    ids = {}
    for wanted in ("true", "false"):
        a = assess(loads_case(CO_CREATION % wanted), as_of=dt.date(2026, 6, 1), rules=rb)
        ids[wanted] = [r.id for r in a.recommendations]
    assert ids["false"][0] == "rd_societal_convention"
    assert "rd_societal_convention" in ids["true"][1:]
    assert ids["true"][0] != "rd_societal_convention"
