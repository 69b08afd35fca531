"""Value types and vocabularies shared by the case model.

Every answer of a case may be *unknown*: in a case file it is omitted, or written
``unknown`` (French ``inconnu`` is accepted too); in the model it is ``None``. An unknown
answer never counts as "no": the engine reports what it would change (``to_verify``).

Closed vocabularies are ``Literal`` types so that the rules loader can check, when a
rule is loaded, that a value it compares with exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

UNKNOWN_WORDS = frozenset({"unknown", "inconnu", "inconnue", "?", "unk"})

#: Amounts above this are refused as absurd (100 billion euros).
MAX_EUR = 100_000_000_000
MAX_COUNT = 1_000_000
MAX_TEXT = 20_000
MAX_LIST = 500


def _unknown_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
        return None
    return value


class Model(BaseModel):
    """Base of every case model: unknown keys are errors, ``unknown`` means ``None``."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


Unknownable = BeforeValidator(_unknown_to_none)

# Constraints apply to the known value; ``None`` (unknown) always passes.
Eur = Annotated[
    Optional[Annotated[Union[int, float], Field(ge=0, le=MAX_EUR, allow_inf_nan=False)]],
    Unknownable,
]
Pct = Annotated[
    Optional[Annotated[Union[int, float], Field(ge=0, le=100, allow_inf_nan=False)]], Unknownable
]
Count = Annotated[Optional[Annotated[int, Field(ge=0, le=MAX_COUNT)]], Unknownable]
Months = Annotated[Optional[Annotated[int, Field(ge=0, le=1200)]], Unknownable]
Years = Annotated[Optional[Annotated[int, Field(ge=0, le=1000)]], Unknownable]
Ratio = Annotated[
    Optional[Annotated[Union[int, float], Field(ge=0, le=10_000, allow_inf_nan=False)]], Unknownable
]
YesNo = Annotated[Optional[bool], Unknownable]
Day = Annotated[
    Optional[Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31))]],
    Unknownable,
]
Text = Optional[Annotated[str, Field(max_length=MAX_TEXT)]]
PartnerRef = Annotated[
    Optional[Annotated[str, Field(max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]], Unknownable
]

# ---- vocabularies -------------------------------------------------------------------

PartnerKind = Literal[
    "association",
    "foundation",
    "endowment_fund",
    "company",
    "cooperative",
    "mutual",
    "insertion_structure",
    "public_authority",
    "public_establishment",
    "university",
    "media",
    "citizens",
]
CompanySize = Literal["micro", "sme", "mid_cap", "large"]
PublicLevel = Literal["state", "region", "department", "municipality", "epci", "other"]
Form = Literal["territorial_dialogue", "collective_experimentation", "organisations_partnership"]
Modality = Literal[
    "classic_patronage",
    "active_engagement",  # mécénat
    "societal_rd",
    "expertise_sharing",  # innovation sociétale
    "hybrid_model",
    "economic_cooperation",  # coopération économique
    "general_interest_alternative",
    "practices_audit",
    "service_provision",  # pratiques resp.
]
AgreementKind = Literal[
    "patronage_agreement",
    "sponsorship_contract",
    "rd_collaboration_agreement",
    "societal_rd_convention",
    "subsidy_agreement",
    "multi_year_objectives_agreement",
    "public_contract",
    "consortium_agreement",
    "vehicle_statutes",
    "staff_loan_agreement",
    "service_contract",
    "ip_agreement",
    "memorandum_of_understanding",
]
GiftKind = Literal["cash", "in_kind", "skills"]
Valuation = Literal["cost_price", "market_value", "not_valued"]
StaffLoanKind = Literal["skills_sponsorship", "paid_staff_loan", "civil_servant_placement"]
Invoicing = Literal["above_cost", "at_cost", "below_cost", "free"]
Director = Literal["lender", "host", "shared", "unclear"]
ProjectDefiner = Literal["beneficiary", "funder", "jointly"]
InvestorType = Literal[
    "insurer",
    "bank",
    "solidarity_fund",
    "foundation",
    "company",
    "public",
    "citizens",
    "association",
]
Instrument = Literal["equity", "quasi_equity", "associative_bonds", "loan", "guarantee"]
PurchaseKind = Literal["supplies_services", "works"]
ResultKind = Literal[
    "method",
    "training_materials",
    "software",
    "design",
    "invention",
    "data",
    "written_content",
    "brand",
    "biodiversity_inventory",
]
VehicleKind = Literal[
    "none",
    "association",
    "gie",
    "gip",
    "scic",
    "endowment_fund",
    "foundation",
    "company",
    "ptce",
    "employer_group",
    "other",
]
Language = Literal["fr", "en"]

PUBLIC_KINDS = frozenset({"public_authority", "public_establishment", "university"})
NON_PROFIT_KINDS = frozenset({"association", "foundation", "endowment_fund"})
LOCAL_LEVELS = frozenset({"region", "department", "municipality", "epci"})
