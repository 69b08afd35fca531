"""Navigation and layout: Esc goes straight back, a challenge opens its findings, every key
of the footer shows at 80 columns, the risks get the width of a wide terminal, ticks read
without colour."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey
from tui_helpers import TWO_PARTNERS, settle

from advisor.assess import default_rules
from tui.screens.challenge import ChallengeScreen
from tui.screens.findings import FindingsScreen
from tui.screens.interview import InterviewScreen
from tui.widgets.answers import ChoiceAnswer, MultiAnswer
from tui.widgets.risk_panel import FindingList, RiskPanel

CASE = (
    TWO_PARTNERS
    + """\
agreements: {written: false}
"""
)


async def test_escape_goes_straight_back_to_the_question(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("f3", "f4", "f3", "f4", "f3"):
            await pilot.press(key)
            await settle(pilot)
        assert len(app.screen_stack) == 3  # default screen, interview, review
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)


async def test_enter_on_a_challenge_opens_its_findings(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4", "2")
        await settle(pilot)
        table = app.screen.query_one("#challenges", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index("legal.convention"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChallengeScreen)
        shown = app.screen.query_one(FindingList)
        assert set(shown.by_id) == {"legal.convention.no-written-agreement"}
        await pilot.press("enter")  # the finding in full
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)


LOAN = """\
partners:
  - {id: psa, name: PSA, kind: company, employees: 40000, age_years: 100}
  - {id: fare, name: FARE, kind: association, general_interest: true}
people:
  staff_loans:
    - {lender: psa, host: fare, kind: skills_sponsorship, employees: 3,
       loan_agreement_signed: false, directs_work: host}
"""


async def test_a_challenge_shows_the_issue_led_by_another_challenges_rule(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(LOAN)
    app = make_app(path, lang="fr", rules=default_rules())  # the real base's merged issue
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4", "2")
        await settle(pilot)
        table = app.screen.query_one("#challenges", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index("social.subordination"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChallengeScreen)
        # The missing loan agreement is led by a labour rule and holds a subordination one.
        shown = app.screen.query_one(FindingList).by_id
        assert "social.new_work_forms.staff-loan-without-agreement" in shown


async def test_the_footer_keeps_every_key_at_80_columns(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    app = make_app(path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in ((), ("f3",), ("f4",), ("escape", "f7"), ("escape",)):
            await pilot.press(*keys)
            await settle(pilot)
            if keys == ("escape",):
                await app.jump("partners.list")
                await settle(pilot)
                await pilot.press("enter")  # the list editor
                await settle(pilot)
            shown = [k for k in app.screen.query(FooterKey) if k.display]
            assert {k.key for k in shown} >= {"f1", "f2", "f3", "f4", "f5", "f7", "ctrl+q"}
            assert all(k.region.right <= 80 and k.region.width > 0 for k in shown), (
                app.screen,
                [(k.key, k.region) for k in shown],
            )


async def test_a_wide_terminal_gives_its_width_to_the_risks(tmp_path, make_app):
    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(RiskPanel).region.width >= 80
    app = make_app(tmp_path / "case.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(RiskPanel).region.width <= 34


async def test_ticks_and_choices_read_without_colour(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(
        TWO_PARTNERS.replace(
            "meta: {name: Test alliance}",
            "meta:\n  name: Test alliance\n  progress: {question: alliance.modalities}",
        )
    )
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.view.query_one(MultiAnswer)
        assert {o.prompt.plain[:1] for o in box.options} == {"☐"}
        await pilot.press("down", "space")
        await settle(pilot)
        assert [o.prompt.plain[:1] for o in box.options][:2] == ["☒", "☐"]
        await pilot.press("enter")
        await settle(pilot)
        choice = app.screen.view.query_one(ChoiceAnswer)
        assert choice.region.width <= 96  # the answers do not stretch over the width
