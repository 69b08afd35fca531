"""The signing avocat's fourth review of the action plan (2 Dec. 2026), on the bundled
examples: a set-up already running is put in order (« sans attendre », « avant le prochain
versement », an agreement amended rather than signed anew), and each action is given to
the partner who bears the duty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from advisor.assess import assess
from advisor.casefile import load_case
from reports.memo import Memo, build_memo

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 12, 2)
_MEMOS: dict[tuple[str, str], Memo] = {}


def _memo(rb, name: str, lang: str = "fr") -> Memo:
    key = (name, lang)
    if key not in _MEMOS:
        case = load_case(EXAMPLES_DIR / f"{name}.yaml")
        _MEMOS[key] = build_memo(assess(case, as_of=TODAY, lang=lang, rules=rb), case, rb)
    return _MEMOS[key]


# ---- 1. tense on a set-up already running -----------------------------------------------


def test_no_first_payment_once_the_subsidy_agreements_are_signed(rb):
    """The insertion example's subsidies are paid under signed agreements: what comes
    before a payment comes before the next one."""
    for lang, first, nxt in (
        ("fr", "avant le premier versement", "avant le prochain versement"),
        ("en", "before the first payment", "before the next payment"),
    ):
        m = _memo(rb, "insertion-achat-public", lang)
        assert all(x.when != first for x in m.actions), lang
        assert any(x.when == nxt for x in m.actions), lang


def test_a_signed_subsidy_agreement_is_amended_not_signed_anew(rb):
    for name in ("insertion-achat-public", "scic-circuits-courts", "gip-agent-public"):
        for lang, sign, amend in (("fr", "Signer une", "avenant"), ("en", "Sign a", "Amend")):
            m = _memo(rb, name, lang)
            row = next(x for x in m.actions if "rec-subsidy_agreement" in (x.key, x.folded))
            assert not row.text.startswith(sign), (name, lang, row.text)
            assert amend in row.text, (name, lang, row.text)
            # Amended now: not « dans l'année » for a placement already running.
            assert row.when not in ("dans l’année", "within the year"), (name, lang)


def test_a_subsidy_agreement_still_to_sign_is_signed(rb):
    """Nothing signed yet (Silver Geek): the measure keeps its wording."""
    m = _memo(rb, "silver-geek")
    assert all("avenant" not in x.text for x in m.actions)


# ---- 2. « Qui »: the partner who bears the duty ------------------------------------------


def _row(m: Memo, words: str):
    return next(x for x in m.actions if words in x.text)


def test_the_donor_alone_spreads_gifts_over_the_ceiling(rb):
    for name, donor in (
        ("silver-geek", "MACIF"),
        ("agir-ensemble-charenton", "Cabinet Évalua Conseil"),
        ("fonds-de-dotation-patrimoine", "Pierres et Bâti du Quercy SAS"),
    ):
        assert _row(_memo(rb, name), "taler les versements").who == donor, name
        assert _row(_memo(rb, name, "en"), "pread the payments").who == donor, name


def test_the_approved_body_redefines_a_civic_service_mission(rb):
    """C. serv. nat. L. 120-9 binds the host organisation, not every partner."""
    for lang, words, everyone in (
        ("fr", "edéfinir la mission", "Tous les partenaires"),
        ("en", "edefine the mission", "All partners"),
    ):
        row = _row(_memo(rb, "silver-geek", lang), words)
        assert (
            row.who != everyone and row.who != _memo(rb, "silver-geek", lang).words["all_partners"]
        ), (lang, row.who)


def test_only_the_public_buyer_places_a_contract_and_the_seller_reviews_vat(rb):
    for lang in ("fr", "en"):
        m = _memo(rb, "insertion-achat-public", lang)
        buy = next(x for x in m.actions if x.key == "rec-public_procurement_procedure")
        assert buy.who == "Ville de Saint-Aubin-des-Prés", (lang, buy.who)
        vat = next(x for x in m.actions if x.key == "rec-subsidy_vat_review")
        assert vat.who == "Vert Demain", (lang, vat.who)


def test_the_granting_authority_checks_the_de_minimis_ceiling(rb):
    """The aid to the cooperative is granted by the Région: it checks the ceiling, by an
    amendment since the subsidy is already granted (never « before granting it »)."""
    for lang, words, before in (
        ("fr", "de minimis", "avant de l’accorder"),
        ("en", "de minimis", "before granting"),
    ):
        m = _memo(rb, "scic-circuits-courts", lang)
        rows = [x for x in m.actions if not x.measure and words in x.text]
        assert len(rows) == 2, (lang, [x.text for x in m.actions])
        for row in rows:
            assert row.who == "Conseil régional", (lang, row.who)
            assert before not in row.text, (lang, row.text)


# ---- 3. a heading stays with what follows it in the PDF -------------------------------------


def _pdf_pages(rb, name: str) -> list[str]:
    import io

    from pypdf import PdfReader

    from reports.pdf import render_pdf

    reader = PdfReader(io.BytesIO(render_pdf(_memo(rb, name))))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_the_facts_heading_its_table_and_the_disclaimer_share_a_page(rb):
    """A short facts section moves on whole with the disclaimer: neither the heading apart
    from its table (ADEIS) nor a page holding only the flows and the disclaimer (SCIC,
    Université, alliance bien documentée)."""
    for name in (
        "adeis-lyonnaise-des-eaux",
        "scic-circuits-courts",
        "universite-pme-orthese",
        "alliance-bien-documentee",
    ):
        pages = _pdf_pages(rb, name)
        page = next(p for p in pages if "Avertissement Cette note" in p)
        assert "Faits retenus" in page and "Partenaire Nature Rôle" in page, name


def test_the_advocacy_basis_stays_with_its_conditions(rb):
    pages = _pdf_pages(rb, "silver-geek")
    assert len(pages) <= 12
    page = next(p for p in pages if "Fondements. Const., art. 37-1" in p)
    assert "Conditions proposées" in page
    assert not page.split("Note d’analyse des risques", 1)[-1].lstrip().startswith("Fondements")


# ---- 4. Markdown escapes only what Markdown reads as markup ------------------------------


def test_names_with_hyphens_and_parentheses_print_as_typed_in_markdown(rb):
    from reports.markdown import render_markdown

    md = render_markdown(_memo(rb, "insertion-achat-public"))
    assert "Saint\\-Aubin" not in md and "\\(" not in md
    who = next(line for line in md.splitlines() if line.startswith("| A1 |"))
    assert "| Ville de Saint-Aubin-des-Prés |" in who
    md = render_markdown(_memo(rb, "silver-geek"))
    assert "Poitou-Charentes (Nouvelle-Aquitaine)" in md


def test_what_would_start_a_block_or_make_markup_is_still_escaped():
    from advisor.textsafe import markdown

    assert markdown("Saint-Aubin (Essonne)") == "Saint-Aubin (Essonne)"
    assert markdown("- liste") == "\\- liste"
    assert markdown("# titre") == "\\# titre"
    assert markdown("1. premier") == "1\\. premier"
    assert markdown("  + plus") == "  \\+ plus"
    assert markdown("![img](x) [lien](y)") == "!\\[img\\](x) \\[lien\\](y)"
    assert markdown("<b>A & B</b> *g* _i_ `c` | ~") == (
        "\\<b\\>A \\& B\\</b\\> \\*g\\* \\_i\\_ \\`c\\` \\| \\~"
    )


def test_no_framework_or_challenge_heading_ends_a_page(rb):
    """A framework's or a challenge's heading moves on with its first finding (SCIC p. 4
    ended on « Bénévolat et volontariat », the programme's on « Incitations fiscales »)."""
    for name in (
        "scic-circuits-courts",
        "mecenat-competences-programme",
        "playground-sme-association",
        "silver-geek",
    ):
        memo = _memo(rb, name)
        labels = {g.framework_label for g in memo.groups} | {g.challenge_label for g in memo.groups}
        for i, page in enumerate(_pdf_pages(rb, name), start=1):
            body = page.rsplit("Note d’analyse des risques", 1)[0].strip()
            assert not any(body.endswith(x) for x in labels), (name, i, body[-80:])


def test_a_subsidy_paid_without_an_agreement_still_gets_one_signed(rb):
    """Running, but the commune's subsidy has no written agreement: « Signer », not an
    amendment of an agreement that does not exist."""
    from advisor.casefile import loads_case

    text = (EXAMPLES_DIR / "insertion-achat-public.yaml").read_text("utf-8")
    text = text.replace(
        "written_agreement: true, project_defined_by: funder",
        ("written_agreement: false, project_defined_by: funder"),
        1,
    )
    case = loads_case(text)
    m = build_memo(assess(case, as_of=TODAY, lang="fr", rules=rb), case, rb)
    row = next(x for x in m.actions if "rec-subsidy_agreement" in (x.key, x.folded))
    assert row.text.startswith("Signer une convention"), row.text
