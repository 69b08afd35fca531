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
