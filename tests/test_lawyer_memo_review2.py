"""The avocat's second review of the bundled memos (2 Dec. 2026): who acts on a measure is
who bears the duty, the direction clause fits the people involved, each vehicle gets its
own measure, the action table holds no near-twins, the agricultural de minimis ceiling and
the republican commitment are asked when they apply, and no page holds the disclaimer
alone."""

from __future__ import annotations

from reports.memo import Memo

from .conftest import EXAMPLES
from .reports.conftest import built_memo


def _memo(rb, name: str, lang: str = "fr") -> Memo:
    return built_memo(rb, EXAMPLES / f"{name}.yaml", lang).memo


def _row(memo: Memo, key: str):
    """The row of a measure: its own, or the action's that says the same."""
    (row,) = [x for x in memo.actions if f"rec-{key}" in (x.key, x.folded)]
    return row


def test_the_accounts_measure_falls_on_the_association_that_receives(rb):
    """The free placement of an agent is a subsidy in kind to the association hosting her:
    the association records it in its accounts, not the Département that lends her."""
    row = _row(_memo(rb, "gip-agent-public"), "in_kind_valuation")
    assert row.who == "Tremplin Emploi Lorraine"
    # The SCIC's in-kind subsidy is recorded by the association receiving it.
    row = _row(_memo(rb, "scic-circuits-courts"), "in_kind_valuation")
    assert row.who == "Les Mangeurs du Marmandais"


def test_receipts_are_secured_by_the_beneficiary_never_the_donor(rb):
    """Orange gives in kind; the association receiving the gift issues the receipt."""
    row = _row(_memo(rb, "silver-geek"), "receipts_compliance")
    assert "Orange" not in row.who
    assert "Association de médiation numérique" in row.who
    row = _row(_memo(rb, "mecenat-competences-programme"), "receipts_compliance")
    assert "Groupe Ingénova" not in row.who


def test_volunteer_time_is_recorded_by_the_non_profits(rb):
    """Volunteer time is shown in the accounts of the non-profits; when it is every one of
    them, the table says so once instead of listing six associations."""
    memo = _memo(rb, "silver-geek")
    (row,) = [x for x in memo.actions if "rec-volunteering_valuation" in (x.key, x.folded)]
    assert row.who in (memo.words["all_non_profits"], "Les associations")
    row = _row(_memo(rb, "playground-sme-association"), "volunteering_valuation")
    assert row.who == "Jouons Ensemble 35"


def _staff_loan_articles(text: str) -> bool:
    return "8241" in text


def test_the_direction_clause_cites_the_staff_loan_articles_only_for_a_staff_loan(rb):
    """Silver Geek and the playground have volunteers and no staff loan: neither the
    measure nor the convention's clause cites the staff-loan articles, and their words fit
    volunteers (no sanction to give, no loan agreement to annex)."""
    for name in ("silver-geek", "playground-sme-association"):
        memo = _memo(rb, name)
        rows = [x for x in memo.actions if x.key == "rec-direction_clause"]
        for row in rows:
            assert not any(_staff_loan_articles(c) for c, _ in row.references), name
            assert "bénévoles" in row.text
        if memo.rd is not None:
            (clause,) = [
                c for c in memo.rd.clauses if "dirige" in c.title or "coordonne" in c.title
            ]
            assert not _staff_loan_articles(clause.basis), name
            assert "mise à disposition" not in clause.content
            assert "bénévoles" in clause.title and "bénévoles" in clause.content
    # FARE × PSA has a staff loan: the articles stay.
    memo = _memo(rb, "fare-psa")
    (row,) = [x for x in memo.actions if x.key == "rec-direction_clause"]
    assert any(_staff_loan_articles(c) for c, _ in row.references)


def test_each_vehicle_gets_its_own_statutes_measure(rb):
    """The GIP and the SCIC memos no longer share one measure listing every form: each
    names its vehicle and cites its own law."""
    gip = _row(_memo(rb, "gip-agent-public"), "vehicle_statutes_review")
    scic = _row(_memo(rb, "scic-circuits-courts"), "vehicle_statutes_review")
    assert "GIP" in gip.title and "SCIC" in scic.title
    assert "SCIC" not in gip.title and "GIP" not in scic.title
    assert all("1947" not in c for c, _ in gip.references)
    assert all("2011-525" not in c for c, _ in scic.references)


def test_no_measure_restates_an_action_of_the_table(rb):
    """A measure that says what an action of the table already says, for the same issues,
    is one row: the action, under the measure's name and with its legal basis."""
    cases = {
        "alliance-bien-documentee": "rec-mecenat_declaration",
        "assureur-entreprise-sociale": "rec-investor_governance_seat",
        "gip-agent-public": "rec-vehicle_statutes_review",
        "scic-circuits-courts": "rec-vehicle_statutes_review",
        "fondation-fonds-mutualise": "rec-mecenat_counterparts_review",
        "fonds-de-dotation-patrimoine": "rec-rescrit_mecenat",
        "playground-sme-association": "rec-value_sharing_agreement",
        "silver-geek": "rec-volunteering_valuation",
    }
    for name, key in cases.items():
        memo = _memo(rb, name)
        assert not [x for x in memo.actions if x.key == key], name
        (row,) = [x for x in memo.actions if x.folded == key]
        assert not row.measure and row.title and row.references, name
        numbers = [x.number for x in memo.actions]
        assert numbers == [f"A{i}" for i in range(1, len(numbers) + 1)]


def test_the_written_agreement_is_folded_into_the_signing_not_into_who_decides(rb):
    """Collectif pour l'Emploi: the written agreement restates « signent une convention
    écrite », not the governance clause merged into the same issue; the consortium
    agreement of the playground reads as the form of that agreement, not a second one."""
    memo = _memo(rb, "collectif-pour-l-emploi")
    row = _row(memo, "written_partnership_agreement")
    assert "signent une convention écrite" in row.text
    memo = _memo(rb, "playground-sme-association")
    (row,) = [x for x in memo.actions if "consortium" in x.text and not x.title]
    assert "forme d’un accord de consortium" in row.text or "forme d'un accord" in row.text


def test_two_cures_saying_the_same_thing_are_one_action(rb):
    """SCIC: flat-rate allowances and undocumented refunds are cured by one act, not by two
    rows saying it twice."""
    memo = _memo(rb, "scic-circuits-courts")
    rows = [x for x in memo.actions if "bénévoles" in x.text and "justificatifs" in x.text]
    assert len(rows) == 1


def test_the_agricultural_de_minimis_ceiling_is_asked_of_the_producers_cooperative(rb):
    """The SCIC's producers' cooperative is subsidised: whether it is in primary
    agricultural production (a ceiling of 50,000 € over three years, not 300,000 €) is a
    point to verify and a question of the memo; Orthésia, an orthosis maker, said no."""
    rid = "legal.status_interaction.agricultural-de-minimis-ceiling-exceeded"
    memo = _memo(rb, "scic-circuits-courts")
    (issue,) = [m for m in memo.findings if rid in (m.finding.rules or [m.finding.rule_id])]
    assert issue.finding.status == "to_verify"
    assert "50\u202f000" in issue.finding.title
    asked = [q.text for g in memo.questions for q in g.questions]
    assert any("production agricole primaire" in q for q in asked)
    memo = _memo(rb, "universite-pme-orthese")
    assert not [m for m in memo.findings if rid in (m.finding.rules or [m.finding.rule_id])]


def test_the_disclaimer_never_opens_a_page_of_its_own(rb):
    """The GIP memo's last body page held only the disclaimer box: the box now keeps to
    the page of the content before it (the last flows, or a short last table), in every
    example and both languages."""
    import io

    from pypdf import PdfReader

    for path in sorted(EXAMPLES.glob("*.yaml")):
        for lang in ("fr", "en"):
            b = built_memo(rb, path, lang)
            if not b.memo.disclaimer:
                continue
            title = b.memo.words["disclaimer_title"]
            opening = b.memo.disclaimer[:30]
            pages = [p.extract_text() for p in PdfReader(io.BytesIO(b.pdf)).pages]
            (page,) = [t for t in pages if opening in t.replace("\n", " ")]
            before = page[: page.find(title)].strip()
            assert len(before) > 80, (path.stem, lang, before)


SUBSIDISED = """
partners:
  - {id: ville, name: Ville, kind: public_authority, public_level: municipality}
  - {id: asso, name: Asso, kind: association}
money:
  subsidies:
    - {funder: ville, beneficiary: asso, amount_eur_per_year: 12000}
"""


def test_the_republican_commitment_is_asked_of_any_subsidised_association(rb):
    """Loi 2000-321 art. 10-1 (from loi 2021-1109 art. 12): an association that receives a
    public subsidy is asked about the contrat d'engagement républicain without first
    having to say that it is not recognised of public utility."""
    import datetime as dt

    from advisor.assess import assess
    from advisor.casefile import loads_case

    a = assess(loads_case(SUBSIDISED), as_of=dt.date(2026, 6, 1), lang="fr", rules=rb)
    asked = {q.field for q in a.open_questions}
    assert "partners[1].republican_contract" in asked
    (q,) = [q for q in a.open_questions if q.field == "partners[1].republican_contract"]
    assert "utilité publique" in q.question.text
