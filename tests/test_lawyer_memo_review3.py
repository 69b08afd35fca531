"""The avocat's third review (2 Dec. 2026), on an adviser's case: an association
d'insertion (ACI), a PME lending a technician and a commune, running since 1 Jan. 2025.
Who acts agrees with how many partners it stands for, a gift's receipt tells that its
beneficiary issues receipts, a running set-up is regularised rather than « not signed »,
and the technical annex reads as written."""

from __future__ import annotations

import datetime as dt

from advisor.assess import assess
from advisor.casefile import loads_case
from reports.memo import Memo, build_memo

AS_OF = dt.date(2026, 12, 2)

ACI = """
meta: {name: Alliance Insertion Numérique, adviser: Claire Durand, client: Association Tremplin}
partners:
  - {id: aci, name: Association Tremplin, kind: insertion_structure, insertion_form: association,
     general_interest: true, rescrit_obtained: false, employees: 25}
  - {id: pme, name: TechSud SAS, kind: company, company_size: sme, employees: 40,
     turnover_eur: 4500000}
  - {id: ville, name: Commune de Saint-Martin, kind: public_authority, public_level: municipality}
co_construction: {form: organisations_partnership, innovative: true, start_date: 2025-01-01,
                  duration_months: 24, purpose: "Un logiciel de suivi des parcours."}
agreements: {written: false}
people:
  volunteers: {involved: true, count: 10, flat_rate_allowances: true, expenses_documented: false}
  staff_loans:
    - {lender: pme, host: aci, kind: skills_sponsorship, employees: 1,
       loan_agreement_signed: false, employee_consent: false, invoicing: free}
money:
  gifts:
    - {donor: pme, beneficiary: aci, kind: cash, amount_eur: 10000, receipt_issued: true}
  subsidies:
    - {funder: ville, beneficiary: aci, amount_eur_per_year: 30000}
results: {co_developed: [software]}
"""


def _built(rb, text: str = ACI, lang: str = "fr"):
    case = loads_case(text)
    a = assess(case, as_of=AS_OF, lang=lang, rules=rb)
    return a, build_memo(a, case, rb)


def _memo(rb, text: str = ACI, lang: str = "fr") -> Memo:
    return _built(rb, text, lang)[1]


def test_one_association_is_named_not_called_the_associations(rb):
    """The volunteers' measures fall on the one association (an ACI run as an
    association): it is named, never « Les associations »."""
    for lang, group in (("fr", "Les associations"), ("en", "The associations")):
        memo = _memo(rb, lang=lang)
        volunteers = [x for x in memo.actions if "bénévoles" in x.text or "olunteer" in x.text]
        assert volunteers, lang
        for row in volunteers:
            assert row.who == "Association Tremplin", (lang, row.text, row.who)
        assert all(x.who != group for x in memo.actions), lang


def test_two_volunteer_measures_saying_the_same_are_one_row(rb):
    """Replacing flat allowances and refunding only real expenses is one action."""
    memo = _memo(rb)
    rows = [
        x
        for x in memo.actions
        if not x.measure and ("frais réels" in x.text or "forfaitaires" in x.text)
    ]
    assert len(rows) == 1, [x.text for x in rows]


def _receipt_evidence(a, name: str = "Association Tremplin"):
    return [
        e
        for f in a.findings
        for e in list(f.evidence) + list(f.unknowns)
        if e.field.endswith(".issues_tax_receipts") and e.entry in (None, name)
    ]


def test_a_receipt_given_for_a_gift_tells_that_its_beneficiary_issues_receipts(rb):
    """The gift came with a receipt: the association issues tax receipts, shown as deduced
    from the answers; the rescrit finding is no longer « to verify » and the memo does not
    ask the question again."""
    for lang, word in (("fr", "déduit des réponses"), ("en", "deduced from the answers")):
        a, memo = _built(rb, lang=lang)
        rescrit = [
            f
            for f in a.findings
            if "fiscal.general_interest.receipts-without-rescrit" in (f.rules or [f.rule_id])
        ]
        assert rescrit and rescrit[0].status == "flagged", lang
        shown = [e.shown for e in rescrit[0].evidence if e.field.endswith("issues_tax_receipts")]
        assert shown and word in shown[0], (lang, shown)
        asked = [q.text for g in memo.questions for q in g.questions]
        assert not any("reçus fiscaux pour les dons" in q for q in asked), lang
        assert not any("tax receipts for the gifts" in q for q in asked), lang


def test_an_answer_is_never_overwritten_by_a_deduction(rb):
    """Said not to issue receipts while a gift to it came with one: the answer stands, and
    the contradiction is an established finding naming the association, not settled
    silently."""
    text = ACI.replace(
        "rescrit_obtained: false,", "rescrit_obtained: false, issues_tax_receipts: false,"
    )
    a, _ = _built(rb, text)
    rescrit = [
        f
        for f in a.findings
        if "fiscal.general_interest.receipts-without-rescrit" in (f.rules or [f.rule_id])
    ]
    assert not rescrit
    (odd,) = [
        f
        for f in a.findings
        if "fiscal.general_interest.receipt-contradicts-answer" in (f.rules or [f.rule_id])
    ]
    assert odd.status == "flagged" and odd.partners == ["Association Tremplin"]


def test_a_running_set_up_is_put_in_order_not_advised_against_signing(rb):
    """Running since 1 Jan. 2025: nothing is left to sign, the view says to regularise."""
    for lang, old, new in (
        ("fr", "déconseillons de signer", "régulariser"),
        ("en", "advise against signing", "in order"),
    ):
        first = _memo(rb, lang=lang).opinion[0]
        assert old not in first and new in first, (lang, first)
    # Not started yet (a later start, nothing signed): the advice not to sign stands.
    later = ACI.replace("start_date: 2025-01-01", "start_date: 2027-06-01")
    assert "déconseillons de signer" in _memo(rb, later).opinion[0]


def test_the_annex_reproduces_the_memo_from_the_case_file_read(rb):
    """The command to reproduce the memo names the case file, not a placeholder."""
    case = loads_case(ACI)
    a = assess(case, as_of=AS_OF, lang="fr", rules=rb, file="/tmp/dossiers/tremplin 2025.yaml")
    memo = build_memo(a, case, rb)
    rerun = dict(memo.provenance)[memo.words["prov_rerun"]]
    assert rerun.startswith("advisor assess 'tremplin 2025.yaml' --as-of 2026-12-02")
    assert "CASE.yaml" not in rerun


def test_rule_ids_in_the_pdf_annex_break_at_dots_or_hyphens_only(rb):
    """One rule a line; a long id is cut after a dot or a hyphen, never mid-word, and no
    line opens on a comma."""
    import io

    from pypdf import PdfReader

    from reports.pdf import render_pdf

    a, memo = _built(rb)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(memo))).pages)
    ids = {r for row in memo.technical for r in row.rule_ids}
    lines = [x.strip() for x in text.splitlines()]
    assert not [x for x in lines if x.startswith(",")]
    for rid in ids:
        assert _laid_out(rid, lines), rid


def _laid_out(rid: str, lines: list[str]) -> bool:
    """The id stands on a line of its own, or on consecutive lines, each piece but the
    last ending on a dot or a hyphen."""
    for i in range(len(lines)):
        joined, k = "", i
        while k < len(lines) and len(joined) < len(rid):
            if joined and not joined.endswith((".", "-")):
                break
            joined += lines[k]
            k += 1
        if joined == rid:
            return True
    return False


def test_the_terminal_report_says_the_severity_as_la_gravite_does(rb):
    """« gravité élevée » in the interview and the memo: the terminal says [ÉLEVÉE]."""
    from reports.text import render

    a, _ = _built(rb)
    out = render(a)
    assert "[ÉLEVÉE]" in out and "[ÉLEVÉ]" not in out


def test_one_technician_lent_is_not_several_employees(rb):
    """One technician is lent: no title says « des salariés sont prêtés » (FR) nor
    « employees are lent » (EN)."""
    for lang, plural in (("fr", "salariés sont prêtés"), ("en", "mployees are lent")):
        a, _ = _built(rb, lang=lang)
        titles = [f.title for f in a.findings]
        assert any("prêté" in t or "lent" in t for t in titles), lang
        assert not [t for t in titles if plural in t], (lang, titles)


def test_a_partner_after_a_condition_keeps_its_article_in_lower_case(rb):
    """« Si F3 se confirme : l’Association Tremplin souscrit… », not « : L’Association »."""
    rows = [x.text for x in _memo(rb).actions if "se confirme : " in x.text]
    assert rows
    assert not [t for t in rows if "se confirme : L’" in t or "se confirme : L'" in t], rows
    assert any("se confirme : l’Association Tremplin" in t for t in rows), rows


def test_a_measure_restating_actions_of_the_table_is_no_row_of_its_own(rb):
    """The volunteers' expense policy says what « frais réels » (F8) and « ni horaires, ni
    sanctions » (F7) say, and the rescrit measure what the rescrit action says: each is
    shown in the action's row (its name and legal basis), not in a second row."""
    memo = _memo(rb)
    keys = [x.key for x in memo.actions]
    folded = [x.folded for x in memo.actions]
    for key in ("rec-volunteer_expense_policy", "rec-rescrit_mecenat"):
        assert key not in keys and key in folded, key
    numbers = [x.number for x in memo.actions]
    assert numbers == [f"A{i}" for i in range(1, len(numbers) + 1)]


def test_what_stays_to_confirm_waits_for_no_signature_once_running(rb):
    """Running since 2025: « À confirmer », not « À confirmer avant signature »."""
    from reports.markdown import render_markdown

    for lang, old in (("fr", "avant signature"), ("en", "before signing")):
        memo = _memo(rb, lang=lang)
        assert old not in memo.to_confirm and old not in render_markdown(memo), lang
    later = ACI.replace("start_date: 2025-01-01", "start_date: 2027-06-01")
    assert _memo(rb, later).to_confirm == "À confirmer avant signature"
