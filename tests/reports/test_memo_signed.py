"""The memo a lawyer signs, third reading: one table of what to do (the recommended measures
folded into the action plan, each with who acts and when), labels of facts that read as
words and not as field names, no capital after a colon inside a sentence, and Silver Geek
within twelve pages without a nearly empty page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.display import lead_lower
from reports.memo_actions import WHEN
from reports.typography import typeset

from .conftest import BuiltMemo, built_memo, normalise

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


def _example(rb, name: str, lang: str) -> BuiltMemo:
    return built_memo(rb, EXAMPLES_DIR / f"{name}.yaml", lang)


def _client_md(b: BuiltMemo) -> str:
    return b.md[: b.md.rindex(b.memo.section("technical").title)]


# ---- 1. one table of measures ----------------------------------------------------------------


def test_every_measure_is_a_row_of_the_action_table_with_who_and_when(example: BuiltMemo):
    m = example.memo
    # A measure that restates an action is shown in that action's row.
    rows = {x.key or x.folded: x for x in m.actions if x.measure or x.folded}
    assert set(rows) == {x.anchor for x in m.measures}
    whens = {m.words[f"when.{k}"] for k in ("at_once", "before_signing", "before_start")} | {
        m.words[f"when.{k}"]
        for k in (
            "before_first_payment",
            "before_next_payment",
            "before_aid",
            "within_year",
            "with_tax_return",
        )
    }
    for x in m.actions:
        assert x.who and x.when in whens, x.number
    # Numbered on from the actions that cure the issues: one sequence A1, A2...
    assert [x.number for x in m.actions] == [f"A{i}" for i in range(1, len(m.actions) + 1)]
    assert [x.measure for x in m.actions] == sorted(x.measure for x in m.actions)


def test_no_second_table_of_other_measures(example: BuiltMemo):
    for words in ("Autres mesures", "Other measures"):
        assert words not in example.text
        assert words not in example.md
    if example.memo.measures:
        # The measure's name and its legal basis are in the one table, in both forms.
        x = next(x for x in example.memo.actions if x.measure or x.folded)
        assert normalise(typeset(x.text, example.lang))[:40] in example.text
        assert normalise(typeset(x.title, example.lang))[:30] in example.text
        assert x.number in _client_md(example)


def test_priority_actions_on_page_one_are_the_cures_as_before(example: BuiltMemo):
    m = example.memo
    cures = [x for x in m.actions if not x.measure]
    assert m.priorities == cures[:5]
    first = normalise(PdfReader(io.BytesIO(example.pdf)).pages[0].extract_text())
    for x in m.actions:
        if x.measure:
            assert normalise(typeset(x.text, example.lang))[:40] not in first


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_measure_is_done_by_the_partners_its_issues_fall_on_when_its_actions_are_due(rb, lang):
    """Silver Geek: declaring the company's gifts falls on MACIF, the donor, alone (not the
    association it gives to: CGI 238 bis), with the tax return (as the declaration action
    of the same issue); the tax receipts on the association Orange gives in kind to (the
    beneficiary issues them, never the donor), when the last action curing the same issues
    is due."""
    m = _example(rb, "silver-geek", lang).memo
    rows = {x.key: x for x in m.actions if x.measure}
    # The declaration measure says what the declaration action says: shown in its row.
    (gifts,) = [x for x in m.actions if "rec-mecenat_declaration" in (x.key, x.folded)]
    assert gifts.who == "MACIF"
    assert gifts.when == m.words["when.with_tax_return"]
    receipts = rows["rec-receipts_compliance"]
    assert receipts.who == "Association de médiation numérique"
    cures = [x for x in m.actions if not x.measure and set(x.numbers) & set(receipts.numbers)]
    assert receipts.when == max(cures, key=lambda x: WHEN.index(x.due)).when
    # A measure answering only issues to verify depends on the check, as an action does.
    # (The written agreement restates the alliance's own action A1: it is shown in that
    # row, whose text carries the condition; the service civique measure has a row.)
    civic = rows["rec-civic_service_framework"]
    lead = "Si F3 ou F4 se confirme : cadrer" if lang == "fr" else "If F3 or F4 is confirmed: "
    assert civic.title.startswith(lead)
    (agreement,) = [x for x in m.actions if x.folded == "rec-written_partnership_agreement"]
    assert agreement.text.startswith("Si F1 ou F2 se confirme" if lang == "fr" else "If F1 or F2")


# ---- 2. labels of facts read as words ----------------------------------------------------------

#: What a field name looks like: a unit in brackets or per mille, snake_case, a dotted path,
#: an article number glued to a code's abbreviation.
FIELD_LIKE = re.compile(
    r"‰|\((?:€|%|mois|months|années|years)[^)]*\)|\b[a-z]+_[a-z0-9_]+\b"
    r"|\b[a-z_]+(?:\[\])?\.[a-z_]+\b|\bCMF L\d"
)


def _labels(b: BuiltMemo) -> list[str]:
    m = b.memo
    found = [x.label for f in m.findings for x in (*f.facts, *f.unknowns)]
    found += [x.label for x in m.assumptions]
    found += [q.entry for g in m.questions for q in g.questions if q.entry]
    found += [c.label for c in (m.advocacy.conditions if m.advocacy else ())]
    return found


def test_no_label_a_client_reads_looks_like_a_field_name(example: BuiltMemo):
    bad = sorted({x for x in _labels(example) if FIELD_LIKE.search(x)})
    assert bad == []


def test_no_field_name_in_what_the_client_reads(example: BuiltMemo):
    text = example.client_text
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", text)
    assert not re.search(
        r"\b(?:partners|money|people|results|agreements|vehicle)(?:\[\d*\])?\.[a-z]", text
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_gifts_ceiling_point_reads_as_words(rb, lang):
    b = _example(rb, "silver-geek", lang)
    said = (
        "Dons de l’exercice, rapportés au chiffre d’affaires du donateur"
        if lang == "fr"
        else "Gifts of the year, as a share of the donor’s turnover"
    )
    assert normalise(said) in b.text
    assert "en ‰ du chiffre" not in b.text and "in ‰ of turnover" not in b.text
    # The people a contract must direct are named in words, not by their fields' labels.
    people = (
        "Personnes impliquées : des bénévoles ; des volontaires en service civique"
        if lang == "fr"
        else "People involved: volunteers; service civique volunteers"
    )
    assert people in b.text


# ---- 3. no capital after a colon inside a sentence ---------------------------------------------


def test_lead_lower():
    assert lead_lower("A service civique contract") == "a service civique contract"
    assert lead_lower("À défaut, rien") == "à défaut, rien"
    assert lead_lower("Sans convention commune") == "sans convention commune"
    assert lead_lower("MACIF donne") == "MACIF donne"
    assert lead_lower("R&D sociétale") == "R&D sociétale"
    assert lead_lower("Orange valorise", ("Orange",)) == "Orange valorise"
    assert lead_lower("") == ""


#: Words that keep their capital after a colon: proper nouns of the texts.
PROPER = {"Creative", "Établi", "Established"}


def test_no_capital_after_a_colon_inside_a_sentence(example: BuiltMemo):
    """« If they confirm it: A staff loan… » read as two sentences glued together."""
    names = [normalise(typeset(n, example.lang)) for n in example.user_strings()]
    text = example.client_text
    bad = []
    for m in re.finditer(r" ?: (\S+)", text):
        word, rest = m.group(1), text[m.start(1) :]
        if not word[:1].isupper() or len(word) > 1 and not word[1:2].islower():
            continue  # lower case, an acronym (MACIF, R&D) or a number
        if word.rstrip(".,;") in PROPER or any(rest.startswith(n) for n in names if n):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if re.search(r"(?:Fondements?|Basis|Legal basis)$", before):
            continue  # a run-in heading: the citation that follows keeps its capital
        bad.append(f"…{before}: {word}")
    assert bad == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_silver_geek_if_they_confirm_it_goes_on_in_lower_case(rb, lang):
    b = _example(rb, "silver-geek", lang)
    leads = (
        ("Si la réponse le confirme : ", "Si les réponses le confirment : ")
        if lang == "fr"
        else ("If the answer confirms it: ", "If the answers confirm it: ")
    )
    pattern = "|".join(re.escape(normalise(x)) for x in leads)
    after = [b.text[m.end()] for m in re.finditer(pattern, b.text)]
    assert after and all(c.islower() for c in after), after


# ---- 4. length ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_silver_geek_within_twelve_pages_and_the_page_before_the_annex_is_not_nearly_empty(
    rb, lang
):
    b = _example(rb, "silver-geek", lang)
    assert b.pages <= 12
    reader = PdfReader(io.BytesIO(b.pdf))
    texts = [normalise(p.extract_text()) for p in reader.pages]
    technical = normalise(typeset(b.memo.section("technical").title, lang))
    annex = next(i for i, t in enumerate(texts) if t.strip().startswith(technical))
    assert annex == len(texts) - 1  # the technical annex on a page of its own, last
    assert len(texts[annex - 1]) > 1200, len(texts[annex - 1])


def test_french_memos_say_licence_libre_never_open_source(example: BuiltMemo):
    if example.lang == "fr":
        assert "open source" not in example.client_text.lower()


def test_the_same_action_for_two_issues_to_verify_is_one_row(example: BuiltMemo):
    """Silver Geek listed « Si F1 se confirme : les partenaires signent une convention
    écrite » and the same action again for F2, as two rows."""
    lead = re.compile(
        r"^(?:Si|If) F\d+(?:, F\d+)*(?: (?:ou|or) F\d+)? (?:se confirme|is confirmed) ?: "
    )
    bare = [lead.sub("", x.text) for x in example.memo.actions if not x.measure]
    assert len(bare) == len(set(bare))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_silver_geek_signs_one_agreement_if_f1_or_f2_is_confirmed(rb, lang):
    first = _example(rb, "silver-geek", lang).memo.actions[0]
    lead = "Si F1 ou F2 se confirme : " if lang == "fr" else "If F1 or F2 is confirmed: "
    assert first.text.startswith(lead) and first.numbers == ("F1", "F2")


def test_three_issues_are_joined_as_a_list(example: BuiltMemo):
    """« Si F1, F2 ou F3 se confirme », never « Si F1 ou F2 ou F3 »."""
    for x in example.memo.actions:
        assert not re.search(r"F\d+ (?:ou|or) F\d+ (?:ou|or) ", x.title or x.text), x.number
