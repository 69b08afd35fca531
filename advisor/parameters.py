"""Dated parameters: amounts and rates that change with the law (indexed every year).

A parameter has values, each in force from a date until the next one. Rules refer to a
parameter by name instead of repeating a number, so that a yearly update is one line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ParamValue:
    """One value of a parameter, from the day it applies."""

    start: dt.date
    value: float
    unverified: bool = False
    note: str | None = None
    source: str | None = None
    """Id of the text that set this value (``sources.yaml``)."""


@dataclass(frozen=True)
class Parameter:
    """A dated parameter of the rules base (an amount, a rate, a threshold)."""

    name: str
    unit: str | None
    description: dict[str, str]
    reference: str | None
    url: str | None
    values: tuple[ParamValue, ...]
    source: str
    basis: tuple = ()
    """The legal basis (resolved ``Reference`` objects of the rules base)."""

    def at(self, day: dt.date) -> ParamValue | None:
        """The value in force on ``day`` (``None`` before the first one)."""
        current = None
        for v in self.values:
            if v.start <= day:
                current = v
            else:
                break
        return current


def format_number(value: float, unit: str | None, lang: str) -> str:
    """Format an amount the way a French or English reader expects (``80 011 €``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    elif unit == "eur":
        text = f"{value:,.2f}"  # cents in full: 1 250 000,50 €, never 1 250 000,5 €
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    suffix = {
        "eur": "\u00a0€" if lang == "fr" else " €",
        "pct": "\u00a0%" if lang == "fr" else " %",
        "months": " mois" if lang == "fr" else " months",
        "years": " ans" if lang == "fr" else " years",
        "permille": "\u00a0‰",
    }
    return text + suffix.get(unit or "", "")
