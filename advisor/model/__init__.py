"""The case model: an alliance set-up as pydantic v2 models (``None`` means unknown)."""

from .case import FORMAT_VERSION, PARTNER_REFERENCES, REFERENCE_FIELDS, AllianceCase, Meta, Progress
from .money import Gift, Investment, Money, PublicPurchase, Subsidy
from .partners import Partner
from .sections import (
    Agreements,
    CoConstruction,
    College,
    Holding,
    People,
    Results,
    ServiceCivique,
    StaffLoan,
    ValueSharing,
    Vehicle,
    Volunteers,
)

__all__ = [
    "FORMAT_VERSION",
    "PARTNER_REFERENCES",
    "REFERENCE_FIELDS",
    "Agreements",
    "AllianceCase",
    "CoConstruction",
    "College",
    "Gift",
    "Holding",
    "Investment",
    "Meta",
    "Money",
    "Partner",
    "People",
    "Progress",
    "PublicPurchase",
    "Results",
    "ServiceCivique",
    "StaffLoan",
    "Subsidy",
    "ValueSharing",
    "Vehicle",
    "Volunteers",
]
