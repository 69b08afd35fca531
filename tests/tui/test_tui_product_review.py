"""Issue 12, the adviser's product review: what the review, the entry choices, a help text,
the notices, the 80×24 layout and the 12 challenges said that they should not.

1. A list left empty reads as left empty in words, not « 0 entrée ».
2. An entry's other party is not offered (a partner neither funds nor lends to itself).
3. No withdrawn BOI reference in a help text the client reads.
4. On the review, a notice never covers the table (the answers stay readable).
5. At 80×24 the header's title is whole, and the export dialog is centred.
6. The 12 challenges say why their columns add up to more than the issues counted.
"""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._header import HeaderTitle
from textual.widgets._toast import Toast
from tui_helpers import TWO_PARTNERS, cell_text, settle, table_rows

from advisor import catalogue
from advisor.assess import default_rules
from tui.navigation import shown_path
from tui.screens.entry import EntryScreen
from tui.screens.export import ExportScreen
from tui.screens.findings import FindingsScreen
from tui.screens.review import ReviewScreen
from tui.strings import t, tn
from tui.widgets.answers import ChoiceAnswer

THREE = """\
meta: {name: Test alliance}
partners:
  - {id: acme, name: Acme, kind: company}
  - {id: asso, name: Asso, kind: association}
  - {id: ville, name: Ville, kind: public_authority}
"""


@pytest.fixture(scope="module")
def real():
    return default_rules()


async def _review(app, pilot):
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen)
    return app.screen.query_one("#review", DataTable)


# ---- 1 -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_a_list_left_empty_reads_as_such_in_the_review(opened, lang):
    async with opened(TWO_PARTNERS, lang=lang) as (app, pilot, _):
        table = await _review(app, pilot)
        label = app.session.rb.scope_label("money.gifts", lang)
        (row,) = [r for r in table_rows(table) if r[0].strip() == label]
        assert row[1] == t(lang, "list_left_empty")
        assert not re.search(r"\d", row[1])  # no « 0 entrée »: nobody said « none »
        title = str(app.screen.query_one("#review-title", Static).render())
        tally = app.session.tally()  # the list is in none of the title's counts
        assert tn(lang, "answers_n", tally.answered) in title
        assert tn(lang, "not_reached_n", tally.asked - tally.answered) in title


# ---- 2 -------------------------------------------------------------------------------


def _offered(app) -> list[str]:
    assert isinstance(app.screen, EntryScreen)
    box = app.screen.view.query_one(ChoiceAnswer)
    return [o.prompt.plain[2:] for o in box.options]


@pytest.mark.parametrize(
    ("entries", "question", "other"),
    [
        ("people:\n  staff_loans:\n    - {lender: acme}\n", "staff_loan.host", "Acme"),
        ("money:\n  subsidies:\n    - {funder: ville}\n", "subsidy.beneficiary", "Ville"),
    ],
    ids=["loan-host", "subsidy-beneficiary"],
)
async def test_an_entry_does_not_offer_its_other_party(
    tmp_path, make_app, real, entries, question, other
):
    path = tmp_path / "case.yaml"
    path.write_text(THREE + entries)
    app = make_app(path, lang="fr", rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.jump(question, 0)
        await settle(pilot)
        offered = _offered(app)
        assert other not in offered, offered
        assert "Asso" in offered and offered[-1] == "inconnu"


# ---- 3 -------------------------------------------------------------------------------

WITHDRAWN = re.compile(r"\bBOI \d+ [A-Z]-")
"""The pre-2012 instructions (« BOI 4 C-5-04 »), replaced by the BOFiP."""


def test_no_help_text_cites_a_withdrawn_instruction(real):
    for q in real.questions:
        for lang in ("fr", "en"):
            for text in (q.doc.text.get(lang), q.doc.help.get(lang)):
                assert not WITHDRAWN.search(text or ""), (q.id, lang, text)


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_counterparts_help_cites_the_bofip(tmp_path, make_app, real, lang):
    path = tmp_path / "case.yaml"
    path.write_text(THREE + "money:\n  gifts:\n    - {donor: acme, beneficiary: asso}\n")
    app = make_app(path, lang=lang, rules=real)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.jump("gift.counterparts", 0)
        await settle(pilot)
        shown = str(app.screen.view.query_one(".q-help").render())
        assert "25" in shown and "BOI-BIC-RICI-20-30-10-20" in shown, shown
        assert not WITHDRAWN.search(shown), shown


# ---- 4 -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
async def test_a_notice_leaves_the_review_readable(tmp_path, make_app, size):
    path = tmp_path / "case.yaml"
    path.write_text(TWO_PARTNERS + "co_construction: {form: collective_experimentation}\n")
    app = make_app(path, lang="fr")
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        table = await _review(app, pilot)
        app.notify(t("fr", "new_risk", title="Convention de partenariat absente " * 2))
        app.notify(t("fr", "ctrl_c_body"), title=t("fr", "ctrl_c_title"))
        await settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert len(toasts) >= 2
        for toast in toasts:
            assert not toast.region.overlaps(table.region), (toast.region, table.region)
        assert table.region.height >= 5  # still a table to read


# ---- 5 -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_header_title_is_whole_at_80_columns(opened, lang):
    async with opened(TWO_PARTNERS, lang=lang, size=(80, 24)) as (app, pilot, path):
        title = app.screen.query_one(HeaderTitle)
        shown = title.render()
        words = getattr(shown, "plain", str(shown))
        assert "…" not in words, words
        assert len(words) <= title.size.width, (words, title.size.width)
        assert "Alliance Advisor" in words and path.name in words
        assert catalogue.text(lang, "tui.lang_name") not in words  # the other language's
        assert t(lang, "lang_option").split(" ")[0] in words  # this one's, in words
        await pilot.press("f2")  # another language, another reason: still whole
        await settle(pilot)
        shown = title.render()
        assert "…" not in getattr(shown, "plain", str(shown))
        await pilot.resize_terminal(200, 60)  # room again: the full path comes back
        await settle(pilot)
        assert app.sub_title.startswith(f"{shown_path(path)} · "), app.sub_title


async def test_the_export_dialog_is_centred_at_80x24(opened):
    async with opened(lang="fr", size=(80, 24), export=True) as (app, pilot, _):
        assert isinstance(app.screen, ExportScreen)
        box = app.screen.query_one(".dialog").region
        screen = app.screen.region
        left, right = box.x, screen.right - box.right
        top, bottom = box.y, screen.bottom - box.bottom
        assert abs(left - right) <= 1 and left > 0, (left, right)
        assert abs(top - bottom) <= 1, (top, bottom)


# ---- 6 -------------------------------------------------------------------------------

LOAN = """\
meta: {name: Test alliance}
partners:
  - {id: psa, name: PSA, kind: company}
  - {id: fare, name: FARE, kind: association}
co_construction: {form: organisations_partnership}
people:
  staff_loans:
    - {lender: psa, host: fare, kind: skills_sponsorship, employees: 3,
       loan_agreement_signed: false, contract_amendment_signed: true, employee_consent: true,
       invoicing: free, duration_months: 12, directs_work: host, direction_written: false,
       lender_cse_consulted: true}
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_challenges_say_an_issue_counts_under_each_challenge(
    tmp_path, make_app, real, lang
):
    path = tmp_path / "case.yaml"
    path.write_text(LOAN)
    app = make_app(path, lang=lang, rules=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        a = app.session.assessment
        flagged = [f for f in a.findings if f.status == "flagged"]
        shared = [f for f in a.findings if len(set(f.challenges)) > 1]
        assert shared  # the staff loan's issue bears on two challenges
        table = app.screen.query_one("#challenges", DataTable)
        column = [cell_text(table.get_row_at(r)[2]) for r in range(table.row_count)]
        assert sum(int(n) for n in column if n.strip()) > len(flagged)  # counted under each
        note = str(app.screen.query_one("#challenges-note", Static).render())
        assert t(lang, "challenges_columns") in note
        assert tn(lang, "challenges_shared_n", len(shared)) in note
        assert note.count(str(len(shared))) >= 1


@pytest.mark.parametrize(
    ("lang", "n", "start"),
    [
        ("fr", 1, "1 risque touche plusieurs défis et compte"),
        ("fr", 2, "2 risques touchent plusieurs défis et comptent"),
        ("en", 1, "1 issue bears on several challenges and counts"),
        ("en", 2, "2 issues bear on several challenges and count"),
    ],
)
def test_the_shared_issues_agree_in_number(lang, n, start):
    assert tn(lang, "challenges_shared_n", n).startswith(start)
