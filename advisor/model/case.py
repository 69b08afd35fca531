"""The alliance case: everything the adviser learns about a proposed set-up."""

from typing import Annotated, Optional

from pydantic import Field, model_validator

from ..defaults import new_list
from .money import Money
from .partners import Partner
from .sections import Agreements, CoConstruction, People, Results, ValueSharing, Vehicle
from .types import MAX_LIST, MAX_TEXT, Language, Model, Text, Unknownable

#: Version of the case file format this tool writes and reads.
FORMAT_VERSION = 1

#: The fields of list entries that name a partner (by id), per list.
PARTNER_REFERENCES: dict[str, tuple[str, ...]] = {
    "people.staff_loans": ("lender", "host"),
    "money.gifts": ("donor", "beneficiary"),
    "money.subsidies": ("funder", "beneficiary"),
    "money.investments": ("investor", "investee"),
    "money.public_purchases": ("buyer", "supplier"),
    "vehicle.holdings": ("partner",),
}
#: A field path as the interview names answers: ``agreements.written``, ``partners[2].kind``.
FIELD_PATH = r"^[a-z_][a-z0-9_]*(\[\d+\])?(\.[a-z_][a-z0-9_]*(\[\d+\])?)*$"
#: Every field name that holds a partner id.
REFERENCE_FIELDS = frozenset(f for fields in PARTNER_REFERENCES.values() for f in fields)


class Progress(Model):
    """Where the interview stopped, so that it resumes there."""

    question: Optional[str] = Field(default=None, max_length=200)
    """Id of the last question shown."""
    item: Optional[int] = Field(default=None, ge=0, le=MAX_LIST)
    """Index of the list entry being edited, when the question is about one."""


class Meta(Model):
    """Who and what the case is about (printed on the memo's cover)."""

    name: str = Field(default="Untitled alliance", min_length=1, max_length=MAX_TEXT)
    """Name of the alliance."""
    adviser: Text = None
    """Name of the adviser running the assessment (signs the memo)."""
    firm: Text = None
    """Firm or organisation of the adviser (in the memo's signature block)."""
    client: Text = None
    """Name of the client the memo is for."""
    addressee: Text = None
    """Person the memo is addressed to, at the client (e.g. its director)."""
    territory: Text = None
    """Territory where the alliance acts."""
    notes: Text = None
    """Internal notes of the adviser: kept in the case file, never printed in the memo."""
    client_note: Text = None
    """A note the adviser writes to the client on purpose: printed in the memo."""
    lang: Annotated[Optional[Language], Unknownable] = None
    """Preferred language of the memo (fr or en)."""
    progress: Progress = Field(default_factory=Progress)
    """Interview position (written by the interview)."""
    unknown: list[Annotated[str, Field(max_length=200, pattern=FIELD_PATH)]] = Field(
        default_factory=new_list, max_length=MAX_LIST * 100
    )
    """Questions answered "unknown" in the interview, by field path (``agreements.written``,
    ``money.gifts[0].amount_eur``): asked, and nobody knew. A field with no value that is
    not listed here was never reached (written by the interview)."""


class AllianceCase(Model):
    """A proposed alliance set-up, as assessed by the rules base."""

    format_version: int = Field(default=FORMAT_VERSION, ge=1)
    """Version of the case file format."""
    meta: Meta = Field(default_factory=Meta)
    partners: list[Partner] = Field(default_factory=new_list, max_length=MAX_LIST)
    """The partners of the alliance."""
    co_construction: CoConstruction = Field(default_factory=CoConstruction)
    agreements: Agreements = Field(default_factory=Agreements)
    people: People = Field(default_factory=People)
    money: Money = Field(default_factory=Money)
    results: Results = Field(default_factory=Results)
    vehicle: Vehicle = Field(default_factory=Vehicle)
    value_sharing: ValueSharing = Field(default_factory=ValueSharing)

    @model_validator(mode="after")
    def _check_references(self) -> "AllianceCase":
        """Partner ids are unique, and every reference names an existing partner."""
        ids = [p.id for p in self.partners]
        seen: set[str] = set()
        for i, pid in enumerate(ids):
            if pid in seen:
                raise ValueError(f"partners[{i}].id: partner id '{pid}' is used twice")
            seen.add(pid)
        for where, value in self._references():
            if value is not None and value not in seen:
                known = ", ".join(ids) if ids else "none yet"
                raise ValueError(f"{where}: no partner with id '{value}'; partners: {known}")
        return self

    def _references(self):
        for path, fields in PARTNER_REFERENCES.items():
            section, name = path.split(".")
            for i, item in enumerate(getattr(getattr(self, section), name)):
                for f in fields:
                    yield f"{path}[{i}].{f}", getattr(item, f)

    def partner(self, pid: str | None) -> Partner | None:
        """The partner with this id, or ``None``."""
        if pid is None:
            return None
        for p in self.partners:
            if p.id == pid:
                return p
        return None
