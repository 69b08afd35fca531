"""When an action is due, given what the case says has already happened.

A cure says when it is due in general (« avant la signature », « avant le démarrage »).
Once the agreement is signed or the activity has started, that moment has passed: the
action is due at once, to put right what is already running (« sans attendre »). Once a
subsidy's agreement is signed, an action due before its first payment is due before the
next one. Aid in kind has no payment: its action is due before the aid is granted.

Content only, like :mod:`reports.memo`: the renderers print the « Quand » as decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from advisor.findings import Change, Finding
from advisor.model import AllianceCase

_ENTRY = re.compile(r"^(money\.subsidies|people\.staff_loans|money\.gifts)\[(\d+)\]")


def running(case: AllianceCase, as_of: dt.date) -> bool:
    """The set-up is already signed or under way at ``as_of``: its start date has passed, or
    its written agreement is signed."""
    start = case.co_construction.start_date
    return (start is not None and start <= as_of) or case.agreements.written is True


def due_in_case(case: AllianceCase, as_of: dt.date) -> Callable[[str, Finding, Change], str]:
    """``due(when, finding, change)``: the action's timing once the case's facts are known."""
    start = case.co_construction.start_date
    started = start is not None and start <= as_of
    signed = case.agreements.written is True

    def due(when: str, f: Finding, change: Change) -> str:
        scope, entry = _entry(f, change, case)
        if when == "before_signing" and (signed or started or _done(scope, entry)):
            return "at_once"
        if when == "before_start" and (started or _loan_running(scope, entry)):
            return "at_once"
        if when == "before_first_payment":
            if started:
                return "at_once"
            if scope == "money.subsidies" and getattr(entry, "in_kind", None) is True:
                return "before_aid"
            if signed or getattr(entry, "written_agreement", None) is True:
                # The agreement is signed: the first payment may have been made; the next
                # one is what the action can still come before.
                return "before_next_payment"
        return when

    return due


def amends(case: AllianceCase, as_of: dt.date) -> bool:
    """The set-up is running and its subsidies' agreements (or a staff-loan agreement, a
    free loan being a subsidy) are already signed: a measure asking for one amends it
    rather than signing a new one. A subsidy known to have none still needs one signed."""
    subsidies = case.money.subsidies
    if not running(case, as_of) or any(s.written_agreement is False for s in subsidies):
        return False  # a subsidy paid without an agreement: one is signed
    return (
        "subsidy_agreement" in (case.agreements.kinds or [])
        or (bool(subsidies) and all(s.written_agreement is True for s in subsidies))
        or any(x.loan_agreement_signed is True for x in case.people.staff_loans)
    )


def _entry(f: Finding, change: Change, case: AllianceCase) -> tuple[str, object]:
    """The list entry (a subsidy, a staff loan, a gift) the action is about, if any."""
    fields = [change.field, *(e.field for e in f.evidence), *(u.field for u in f.unknowns)]
    for path in fields:
        m = _ENTRY.match(path or "")
        if m:
            scope, index = m.group(1), int(m.group(2))
            group, name = scope.split(".")
            items = getattr(getattr(case, group), name)
            if index < len(items):
                return scope, items[index]
    return "", None


def _done(scope: str, entry: object) -> bool:
    """The act the action had to come before is done: the receipt issued, the staff-loan
    agreement signed or the placement pronounced."""
    if scope == "money.gifts":
        return getattr(entry, "receipt_issued", None) is True
    return _loan_running(scope, entry)


def _loan_running(scope: str, entry: object) -> bool:
    return scope == "people.staff_loans" and (
        getattr(entry, "loan_agreement_signed", None) is True
        or getattr(entry, "placement_order_issued", None) is True
    )
