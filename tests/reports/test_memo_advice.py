"""What the memo advises, read as the lawyer who signs it: every flagged risk leads to an
action with who and when, no action is a retreat, and nothing still to verify reads as
established. On every bundled example's memo, in both languages (built once per session)."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES, built_memo, normalise

#: Retreats the review found presented as cures (they cost the donor its reduction).
RETREATS = (
    "n’émet pas de reçu",
    "n'émet pas de reçu",
    "issues no tax receipt",
    "cesse d’émettre des reçus",
    "stops issuing tax receipts",
)


def test_no_action_is_a_retreat(example):
    for x in example.memo.actions:
        assert not any(r in x.text for r in RETREATS), (x.number, x.text)


def test_every_flagged_risk_leads_to_an_action_with_who_and_when(example):
    answered = {n for x in example.memo.actions for n in x.numbers}
    for m in example.memo.findings:
        if m.finding.status == "flagged":
            assert m.number in answered, (example.name, m.number, m.finding.title)
    for x in example.memo.actions:
        assert x.who.strip() and x.when.strip(), x.number


def test_actions_for_risks_to_verify_are_conditional(example):
    status = {m.number: m.finding.status for m in example.memo.findings}
    lead = "Si " if example.lang == "fr" else "If "
    for x in example.memo.actions:
        if x.numbers and all(status[n] == "to_verify" for n in x.numbers):
            # A measure of the table says it before its name, an action before its text
            # (also an action shown under the name of the measure that restates it).
            said = x.title if x.measure else x.text
            assert said.startswith(lead), (x.number, said)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_company_declares_its_gifts_with_its_tax_return(rb, lang):
    """Clean example: the declaration duty falls on the donor company, with its return."""
    path = next(p for p in EXAMPLES if p.stem == "alliance-bien-documentee")
    m = built_memo(rb, path, lang)
    donor = {p.id: p.name for p in m.case.partners}[m.case.money.gifts[0].donor]
    declared = [x for x in m.memo.actions if x.text.startswith(("Déclarer", "Declare"))]
    assert declared, [x.text for x in m.memo.actions]
    assert declared[0].who == donor
    assert declared[0].when == m.memo.words["when.with_tax_return"]


def test_a_risk_to_verify_never_reads_as_established(example):
    """Its explanation opens on the points it depends on, named."""
    lead = "Ce risque n’est pas établi" if example.lang == "fr" else "This risk is not established"
    for m in example.memo.findings:
        f = m.finding
        if f.status == "to_verify" and f.unknowns:
            assert f.explanation.startswith(lead), (m.number, f.explanation[:60])
            assert f.unknowns[0].label.rstrip(" ?")[1:12] in f.explanation, m.number


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unconfirmed_amount_is_named_as_the_last_known_one(rb, lang, tmp_path):
    # 2026's franchise is the last known amount: an association whose paid work competes
    # with businesses (4P) and earns more than it.
    path = tmp_path / "franchise.yaml"
    path.write_text(
        "partners:\n"
        "  - {id: a, name: Atelier, kind: association, commercial_revenue_eur: 120000,\n"
        "     commercial_like_business: true}\n"
        "  - {id: c, name: Commune, kind: public_authority, public_level: municipality}\n"
    )
    m = built_memo(rb, path, lang)
    notes = [x.unverified_note for x in m.memo.findings if x.unverified_note]
    last = "dernier montant connu" if lang == "fr" else "last known amount"
    assert any(last in n and "80" in n for n in notes), notes
    bare = m.memo.words["unverified_fact"]
    assert all(n != bare for n in notes if "80" in n)


def test_markdown_gives_the_same_priority_actions_as_the_pdf_page_one(example):
    md = example.md
    summary = md[: md.index("\n## ", md.index("\n## ") + 1)]
    for x in example.memo.priorities:
        assert f"**{x.number}**" in summary, x.number
        assert x.when in summary.replace("\\", ""), x.number


#: Rules no contract between the partners cures: a subsidy condition, a tax ceiling or
#: declaration, a service civique bar, the tax administration's view of lucrativity.
NOT_CURED_BY_CONTRACT = (
    "legal.convention.subsidy-without-republican-commitment",
    "fiscal.incentives.ceiling-exceeded",
    "fiscal.incentives.gifts-declaration-required",
    "social.volunteering.civic-service-replaces-dismissed-employee",
    "legal.status_interaction.privileged-relations-with-companies",
)


def test_the_rd_convention_answers_only_what_a_contract_can(example):
    rd = example.memo.rd
    if rd is None:
        return
    rules_of = {
        m.number: set(m.finding.rules or [m.finding.rule_id]) for m in example.memo.findings
    }
    for n in rd.numbers:
        assert not rules_of[n] & set(NOT_CURED_BY_CONTRACT), (n, rules_of[n])
    for clause in rd.clauses:
        for n in clause.numbers:
            assert not rules_of[n] & set(NOT_CURED_BY_CONTRACT), (clause.title, n)


#: Pairs of rules that judge one skills gift entered twice (as a gift and as a staff loan).
SAME_GIFT = (
    ("fiscal.incentives.in-kind-at-market-value", "fiscal.incentives.skills-at-market-value"),
    ("fiscal.incentives.ineligible-beneficiary", "fiscal.incentives.skills-host-ineligible"),
)


def test_one_skills_gift_is_one_issue(example):
    """FARE × PSA and Ingénova record each skills gift as a gift and as a staff loan."""
    fired = {r for m in example.memo.findings for r in (m.finding.rules or [m.finding.rule_id])}
    for gift_rule, loan_rule in SAME_GIFT:
        if example.name in ("fare-psa", "mecenat-competences-programme"):
            assert not (gift_rule in fired and loan_rule in fired), (gift_rule, loan_rule)


def test_what_the_rules_base_could_not_confirm_is_for_the_adviser_only(example):
    """A source or amount the rules base could not confirm is listed in the technical annex
    for the adviser to check before signing, never in the client's text (a lawyer cannot
    send « Non confirmé dans les sources consultées… »)."""
    m = example.memo
    notes = [x.unverified_note for x in m.findings if x.unverified_note]
    markers = ("Non confirmé", "Not confirmed", "dernier montant connu", "last known amount")
    assert not any(k in example.client_text for k in markers)
    md_client = example.md[: example.md.rindex(m.section("technical").title)]
    assert not any(k in md_client for k in markers)
    numbers = {x.number for x in m.findings}
    assert [r.unverified for r in m.technical if r.unverified and r.number in numbers] == notes
    # A remedy citing an unconfirmed source (a measure, the R&D agreement) has its own row.
    notes += [r.unverified for r in m.technical if r.number not in numbers]
    annex = example.text[len(example.client_text) :]
    for note in notes:
        assert normalise(note)[:40] in annex, note


def test_the_markdown_memo_has_the_pdfs_action_table(example):
    """The lawyer's review: the Markdown memo had no action table (the PDF had one)."""
    m = example.memo
    recommendations = example.md[example.md.index(f"## {m.section('recommendations').title}") :]
    for x in m.actions:
        assert f"| {x.number} |" in recommendations, x.number
    assert " :  ·" not in example.md and ":  ·" not in example.md  # no empty likelihood


def test_every_risk_of_the_memo_has_an_action_with_who_and_when(example):
    """The lawyer's review: cpie-toyota had no action plan (its two risks to verify have no
    cure) and Silver Geek's F3, of high severity, was in no action."""
    m = example.memo
    answered = {n for x in m.actions for n in x.numbers}
    for mf in m.findings:
        assert mf.number in answered, (example.name, mf.number, mf.finding.title)
    for x in m.actions:
        assert x.who and x.when, x.number
