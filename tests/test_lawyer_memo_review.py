"""The lawyer's review of the bundled memos (2 Dec. 2026), where the engine reads the rules
base: a question is not put about a fact the file already holds."""

from __future__ import annotations

import datetime as dt

from advisor.assess import assess
from advisor.casefile import loads_case

MACIF = """
partners:
  - {id: macif, name: MACIF, kind: mutual, turnover_eur: 6000000000}
  - {id: asso, name: Asso, kind: association, general_interest: true,
     issues_tax_receipts: true}
money:
  gifts:
    - {donor: macif, beneficiary: asso, kind: cash, amount_eur: 40000, counterparts_eur: 0,
       receipt_issued: true}
"""


def test_a_donors_turnover_in_the_file_is_not_asked_again(rb):
    """B10: MACIF's turnover (6 bn €) is known; only its company-wide gifts are not, so the
    ceiling's point to verify asks those gifts, never the turnover."""
    a = assess(loads_case(MACIF), as_of=dt.date(2026, 12, 2), lang="fr", rules=rb)
    (issue,) = [f for f in a.findings if "fiscal.incentives.ceiling-exceeded" in f.rules]
    asked = {q.id for u in issue.unknowns for q in u.questions}
    assert "partner.turnover" not in asked
    assert asked  # the company-wide gifts are still asked


def test_service_civique_is_not_filed_under_benevolat(rb):
    """B33: service civique is volontariat; the challenge that holds its rules says both."""
    from advisor.rulesbase import RulesBase

    assert isinstance(rb, RulesBase)
    (challenge,) = [c for c in rb.base.challenges if c.id == "social.volunteering"]
    assert challenge.label.fr == "Bénévolat et volontariat"
    assert challenge.label.en == "Volunteering and civic service"
    civic = [rid for rid in rb.rules if "civic-service" in rid]
    assert any(rb.rules[rid][0].doc.challenge == "social.volunteering" for rid in civic)


def test_the_gip_placements_findings_are_each_read(rb):
    """A2 and B24: on the GIP example the order's length, the missing ethics check and the
    unvalued free placement (a subsidy in kind) are three issues, each under its own
    title, not one issue showing only the ethics check."""
    from pathlib import Path

    from advisor.casefile import load_case

    case = load_case(Path(__file__).resolve().parent.parent / "examples" / "gip-agent-public.yaml")
    a = assess(case, as_of=dt.date(2026, 12, 2), lang="fr", rules=rb)
    leads = [f.rules[0] for f in a.findings]
    for rid in (
        "social.new_work_forms.civil-servant-placement-order-beyond-initial-term",
        "social.subordination.civil-servant-placement-without-assessment",
        "social.new_work_forms.civil-servant-free-placement-not-valued",
    ):
        assert rid in leads, rid
