"""The shapes of rules base files, as pydantic models (checked when the base is loaded)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["low", "medium", "high", "critical"]
Likelihood = Literal["unlikely", "possible", "likely"]
SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")
LIKELIHOODS: tuple[str, ...] = ("unlikely", "possible", "likely")
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """A text in French and English; both are required."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Reference(Strict):
    """A legal basis: a source of the registry (``sources.yaml``) cited by id, or a text."""

    source: Optional[str] = Field(default=None, pattern=ID_PATTERN)
    """Id of the source in ``sources.yaml``; loading fills ``text``, ``url`` and
    ``unverified`` from it."""
    pin: Optional[str] = Field(default=None, min_length=1, max_length=80)
    """Where in the source (``1, a–g``), appended to its citation."""
    text: Optional[str] = Field(default=None, min_length=1)
    """The citation as shown (filled from the registry when ``source`` is given)."""
    url: Optional[str] = Field(default=None, pattern=r"^https?://")
    unverified: bool = False
    """The point cited could not be confirmed: say so wherever it is shown."""
    note: Optional[str] = None

    @model_validator(mode="after")
    def _source_or_text(self) -> Reference:
        if self.source is None and self.text is None:
            raise ValueError("a reference needs a 'source' id (or a 'text')")
        return self


class Effective(Strict):
    """Dates between which a rule version is in force (both inclusive; open when absent)."""

    from_: Optional[dt.date] = Field(default=None, alias="from")
    to: Optional[dt.date] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.to is None or day <= self.to)

    def label(self) -> str:
        start = self.from_.isoformat() if self.from_ else "…"
        end = self.to.isoformat() if self.to else "…"
        return f"{start} → {end}"


class RuleDoc(Strict):
    """One rule (or one dated version of a rule) as written in YAML."""

    id: str = Field(pattern=ID_PATTERN, max_length=120)
    challenge: str
    severity: Severity
    likelihood: Likelihood
    effective: Effective = Field(default_factory=Effective)
    when: Any
    title: Bilingual
    explanation: Bilingual
    advice: Bilingual
    """What to do about it, in a sentence or two."""
    references: list[Reference] = Field(min_length=1)
    recommendations: list[str] = Field(default_factory=list)
    unverified: bool = False
    """The rule rests on a fact the brief marks unverified."""
    version_note: Optional[str] = None
    """What changed in this version (shown with effective dates)."""

    @field_validator("when")
    @classmethod
    def _when_present(cls, v: Any) -> Any:
        if v is None:
            raise ValueError("a rule needs a 'when' condition")
        return v


class RuleFile(Strict):
    rules: list[RuleDoc] = Field(min_length=1)


class ChallengeDoc(Strict):
    id: str
    framework: Literal["legal", "social", "fiscal", "financial"]
    label: Bilingual
    seed_label: str
    note: Optional[Bilingual] = None


class ChangelogEntry(Strict):
    version: str
    date: dt.date
    changes: list[str] = Field(min_length=1)


class BaseDoc(Strict):
    name: Bilingual
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    frameworks: dict[Literal["legal", "social", "fiscal", "financial"], Bilingual]
    challenges: list[ChallengeDoc] = Field(min_length=12, max_length=12)
    severities: dict[Severity, Bilingual]
    likelihoods: dict[Likelihood, Bilingual]
    statuses: dict[Literal["flagged", "to_verify", "clear"], Bilingual]
    changelog: list[ChangelogEntry] = Field(min_length=1)


class IndexDoc(Strict):
    framework: Literal["legal", "social", "fiscal", "financial"]
    description: Bilingual


class ParamValueDoc(Strict):
    from_: dt.date = Field(alias="from")
    value: float
    unverified: bool = False
    note: Optional[str] = None
    source: Optional[str] = Field(default=None, pattern=ID_PATTERN)
    """Id (``sources.yaml``) of the text that set this value from this date."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ParameterDoc(Strict):
    unit: Optional[Literal["eur", "pct", "count", "months", "years", "ratio", "permille"]]
    description: Bilingual
    reference: Optional[str] = None
    url: Optional[str] = Field(default=None, pattern=r"^https?://")
    basis: list[Reference] = Field(default_factory=list)
    """The legal basis of the amount, cited by source id."""
    values: list[ParamValueDoc] = Field(min_length=1)


class ParametersFile(Strict):
    parameters: dict[str, ParameterDoc]


class ConditionRow(Strict):
    """One condition of a remedy (e.g. of the proposed experimentation scheme)."""

    id: str = Field(pattern=ID_PATTERN)
    label: Bilingual
    when: Any


class Clause(Strict):
    """One clause of a contract checklist, with the risks it answers."""

    id: str = Field(pattern=ID_PATTERN)
    title: Bilingual
    content: Bilingual
    """What the clause says; may use {partners}, {duration}, {results}, {contributions},
    {people} to show the case's own facts."""
    answers: list[str] = Field(default_factory=list)
    """Challenge ids whose risks the clause answers."""
    basis: str
    """The article or source behind the clause."""
    include_if: Any = None


class Conflict(Strict):
    id: str = Field(pattern=ID_PATTERN)
    when: Any
    text: Bilingual


class RecommendationDoc(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Bilingual
    summary: Bilingual
    """One line saying what the remedy is."""
    references: list[Reference] = Field(default_factory=list)
    group: Literal[
        "note_remedy", "contract", "tax", "social", "governance", "accounting", "finance"
    ]
    applies_if: Any = None
    """For a remedy proposed from the set-up itself: when it fits (condition language)."""
    unless: Any = None
    """Not proposed when this is certainly true (an unknown does not rule it out)."""
    secures: list[str] = Field(default_factory=list)
    """Challenge ids (or single rule ids) whose findings make the remedy worth proposing
    (with applies_if)."""
    enacted: Optional[bool] = None
    status_note: Optional[Bilingual] = None
    """Where the remedy stands in law today (e.g. not enacted)."""
    conditions: list[ConditionRow] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    local_note: Optional[Bilingual] = None
    local_if: Any = None
    """A note shown when this condition holds (e.g. a local authority partner)."""


class RecommendationsFile(Strict):
    recommendations: list[RecommendationDoc] = Field(min_length=1)


class FieldLabelDoc(Strict):
    label: Bilingual
    values: dict[str, Bilingual] = Field(default_factory=dict)


class GlossaryFile(Strict):
    fields: dict[str, FieldLabelDoc]
    scopes: dict[str, FieldLabelDoc] = Field(default_factory=dict)


class QuestionDoc(Strict):
    """One interview question, bound to a field of the case model."""

    id: str = Field(pattern=ID_PATTERN)
    field: str
    """Absolute field path (``agreements.written``, ``partners[].kind``) or a list scope."""
    text: Bilingual
    help: Bilingual
    """Why the question matters: the legal stake and the article."""
    ask_if: Any = None
    """Condition (same language as rules) under which the question is asked."""
    informational: bool = False
    """Asked for the memo and the clause checklist only: no rule reads the answer."""


class SectionDoc(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Bilingual
    intro: Optional[Bilingual] = None


class QuestionsFile(Strict):
    section: SectionDoc
    questions: list[QuestionDoc] = Field(min_length=1)
