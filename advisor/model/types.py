"""Value types and vocabularies shared by the case model.

Every answer of a case may be *unknown*: in a case file it is omitted, or written
``unknown`` (French ``inconnu`` is accepted too); in the model it is ``None``. An unknown
answer never counts as "no": the engine reports what it would change (``to_verify``).

Closed vocabularies are ``Literal`` types so that the rules loader can check, when a
rule is loaded, that a value it compares with exists.
"""

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
)
from pydantic_core import PydanticCustomError

UNKNOWN_WORDS = frozenset({"unknown", "inconnu", "inconnue", "?", "unk"})

#: Amounts above this are refused as absurd (100 billion euros).
MAX_EUR = 100_000_000_000
MAX_COUNT = 1_000_000
MAX_TEXT = 20_000
MAX_LIST = 500
#: Dates a case, an answer or ``--as-of`` may hold.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)

# ASCII digits only: ``\d`` would also match Arabic-Indic or fullwidth digits, which
# int() reads silently (issue 11).
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FRENCH_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


class DayError(ValueError):
    """A date that cannot be read; ``reason`` is ``form``, ``calendar`` or ``bounds``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def parse_day(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``, between 1900 and 2100.

    The one rule for case files, interview answers and ``--as-of``.

    Raises:
        DayError: another form, a date that is not in the calendar, or out of bounds.
    """
    raw = text.strip()
    m = _ISO_DAY.fullmatch(raw)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        m = _FRENCH_DAY.fullmatch(raw)
        parts = (m.group(3), m.group(2), m.group(1)) if m else None
    if parts is None:
        raise DayError(
            f"'{text}' is not a valid date; write YYYY-MM-DD or DD/MM/YYYY in digits 0-9",
            "form",
        )
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise DayError(
            f"'{text}' is not a valid date: there is no such day in the calendar", "calendar"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DayError(
            f"'{text}' is outside the years {FIRST_DAY.year} to {LAST_DAY.year}", "bounds"
        )
    return day


def _unknown_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
        return None
    return value


def _shown(value: Any) -> str:
    text = f"'{value}'" if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _strict_number(value: Any) -> Any:
    """Numbers are numbers: not yes/no, not text (``"+5"``, ``0x10``, ``1:30``)."""
    value = _unknown_to_none(value)
    if isinstance(value, bool):
        raise PydanticCustomError("yes_no_not_number", "a yes/no value is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("not_finite", "not a finite number", {"given": _shown(value)})
    if isinstance(value, str):
        raise PydanticCustomError(
            "number_form", "not a number written in digits", {"given": _shown(value)}
        )
    return value


def _strict_whole(value: Any) -> Any:
    """Like :func:`_strict_number`, saying that a whole number is expected."""
    value = _unknown_to_none(value)
    if isinstance(value, str):
        raise PydanticCustomError(
            "whole_form", "not a whole number written in digits", {"given": _shown(value)}
        )
    return _strict_number(value)


def _strict_yes_no(value: Any) -> Any:
    """Yes/no is true or false (or the words YAML reads so), never a number."""
    value = _unknown_to_none(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "number_not_yes_no", "a number is not yes/no", {"given": _shown(value)}
        )
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    return value


def _strict_day(value: Any) -> Any:
    value = _unknown_to_none(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, str):
        try:
            return parse_day(value)
        except DayError as exc:
            if exc.reason == "bounds":
                raise PydanticCustomError(
                    "day_bounds",
                    "out of bounds",
                    {"given": _shown(value), "first": str(FIRST_DAY), "last": str(LAST_DAY)},
                ) from None
            raise PydanticCustomError("day_form", "not a date", {"given": _shown(value)}) from None
    if value is not None:
        raise PydanticCustomError("day_form", "not a date", {"given": _shown(value)})
    return value


def _cents(value: Any) -> Any:
    """Euros have cents: a finer amount is a typing error (and ``1e-10`` crashed the
    engine)."""
    if isinstance(value, float) and round(value, 2) != value:
        raise PydanticCustomError("cents", "finer than a cent", {"given": _shown(value)})
    return value


def _hundredths(value: Any) -> Any:
    if isinstance(value, float) and round(value, 2) != value:
        raise PydanticCustomError("hundredths", "more than two decimals", {"given": _shown(value)})
    return value


class Model(BaseModel):
    """Base of every case model: unknown keys are errors, ``unknown`` means ``None``.

    The docstring under a field documents it: :func:`advisor.schema.attribute_docs` reads
    them when the field schema is built (not pydantic's ``use_attribute_docstrings``,
    which costs ~30 ms at each start)."""

    model_config = ConfigDict(extra="forbid")


Unknownable = BeforeValidator(_unknown_to_none)
StrictNumber = BeforeValidator(_strict_number)
# The before-validators refuse booleans and text; what reaches these is a real number.
_Decimal = Union[int, float]
_Whole = int

# Constraints apply to the known value; ``None`` (unknown) always passes.
Eur = Annotated[
    Optional[
        Annotated[_Decimal, Field(ge=0, le=MAX_EUR, allow_inf_nan=False), AfterValidator(_cents)]
    ],
    StrictNumber,
]
Pct = Annotated[
    Optional[
        Annotated[_Decimal, Field(ge=0, le=100, allow_inf_nan=False), AfterValidator(_hundredths)]
    ],
    StrictNumber,
]
StrictWhole = BeforeValidator(_strict_whole)
Count = Annotated[Optional[Annotated[_Whole, Field(ge=0, le=MAX_COUNT)]], StrictWhole]
Months = Annotated[Optional[Annotated[_Whole, Field(ge=0, le=1200)]], StrictWhole]
Years = Annotated[Optional[Annotated[_Whole, Field(ge=0, le=1000)]], StrictWhole]
Ratio = Annotated[
    Optional[
        Annotated[
            _Decimal, Field(ge=0, le=10_000, allow_inf_nan=False), AfterValidator(_hundredths)
        ]
    ],
    StrictNumber,
]
YesNo = Annotated[Optional[StrictBool], BeforeValidator(_strict_yes_no)]
Day = Annotated[
    Optional[Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY)]],
    BeforeValidator(_strict_day),
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
InsertionForm = Literal["association", "company", "other"]
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
