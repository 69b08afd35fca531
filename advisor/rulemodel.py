"""The shapes of rules base files, as pydantic models (checked when the base is loaded)."""

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .defaults import new_list
from .rulevalues import calendar_day, parameter_number, printable_text

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

    _printable = field_validator("fr", "en", mode="before")(printable_text)

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
    see_also: bool = False
    """Not law (a practitioners' guide, the source note, a bill): cited as « see also »,
    never as a legal basis. Filled from the registry's kind of source."""
    note: Optional[str] = None

    @model_validator(mode="after")
    def _source_or_text(self) -> "Reference":
        if self.source is None and self.text is None:
            raise ValueError("a reference needs a 'source' id (or a 'text')")
        return self


class Effective(Strict):
    """Dates between which a rule version is in force (both inclusive; open when absent)."""

    from_: Optional[dt.date] = Field(default=None, alias="from")
    to: Optional[dt.date] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    _day = field_validator("from_", "to", mode="before")(calendar_day)

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.to is None or day <= self.to)

    def label(self) -> str:
        start = self.from_.isoformat() if self.from_ else "…"
        end = self.to.isoformat() if self.to else "…"
        return f"{start} → {end}"


class ExceptionDoc(Strict):
    """A statutory exception of the rule's own legal basis: when the case meets it, the
    rule does not apply (and ``advisor explain`` says which exception was met)."""

    id: str = Field(pattern=ID_PATTERN, max_length=120)
    label: Bilingual
    """The exception in words ("free loan to an SME from a lender of 5,000+ employees")."""
    when: Any
    """When the case meets the exception (same condition language as ``when``)."""
    references: list[Reference] = Field(default_factory=new_list)


class ExposureLess(Strict):
    """``param`` × ``times`` × each of the entry's ``per`` fields (a monthly cap times the
    months lent): the share of an entry's amount the law allows."""

    param: str
    times: float = 1.0
    per: list[str] = Field(default_factory=new_list)


class ExposureDoc(Strict):
    """What a flagged finding may cost, where the case and the rule say it: an amount of the
    case times a rate (the tax reduction at stake on a gift, a fine on receipts). Always
    shown as an estimate."""

    label: Bilingual
    """What the amount is ("Réduction d'impôt en jeu")."""
    field: str
    """The amount it applies to, in euros: a field of the case or of the list the rule's
    ``some`` ranges over (``money.gifts[].amount_eur``); summed over the entries that make
    the rule true."""
    rate: Any
    """A percentage: a number, or ``{param: name}`` for a dated parameter."""
    less: Optional[ExposureLess] = None
    """A part of each entry's amount that is not at stake (a cap the law allows), taken
    off before the rate is applied; an entry below it counts for nothing."""


Timing = Literal[
    "before_signing",
    "before_start",
    "before_first_payment",
    "within_year",
    "at_once",
    "with_tax_return",
]
"""When an action is due (the action plan's column)."""


class ActionDoc(Strict):
    """Who acts on a rule's advice, and when (the action plan's row for the finding)."""

    who: list[str] = Field(default_factory=new_list)
    """Partner fields of the entry the rule ranges over (``[donor]``); for a rule over the
    partners, ``[funders]``: the partners who fund the partner's subsidies (who grants an
    aid checks its ceiling); empty: the partners the finding falls on."""
    who_where: dict[str, list[Any]] = Field(default_factory=dict)
    """For a fact of the alliance as a whole (no entry): the partners who act, by facts of
    theirs (``{civic_service_approval: [true]}``: the approved bodies), as for a cure."""
    who_label: Optional[Bilingual] = None
    """With ``who_where``: who acts in words (« L'organisme agréé »), shown when no partner
    is known to fit or more than three do."""
    when: Timing = "before_signing"
    """When the action is due."""


class RuleDoc(Strict):
    """One rule (or one dated version of a rule) as written in YAML."""

    id: str = Field(pattern=ID_PATTERN, max_length=120)
    challenge: str = ""
    """The challenge the rule answers; empty in a file that names one for all its rules
    (the loader fills it in)."""
    severity: Severity
    likelihood: Likelihood
    effective: Effective = Field(default_factory=Effective)
    when: Any
    unless: list[ExceptionDoc] = Field(default_factory=new_list)
    """Statutory exceptions of the rule's own basis."""
    title: Bilingual
    title_if: Optional[Bilingual] = None
    """The title of a finding to verify, as a condition ("If no written agreement binds the
    partners, ..."): the facts the title states are not known yet."""
    explanation: Bilingual
    advice: Bilingual
    """What to do about it, in a sentence or two."""
    action: Optional[ActionDoc] = None
    """Who acts on the rule's advice and when, for the action plan when no cure clears
    the finding (a duty to fulfil, a point only the advice answers)."""
    exposure: Optional[ExposureDoc] = None
    """What the risk may cost, when it can be computed from the case (an estimate)."""
    references: list[Reference] = Field(min_length=1)
    recommendations: list[str] = Field(default_factory=new_list)
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
    """A file of rules in a framework folder."""

    challenge: Optional[str] = None
    """The challenge of every rule of the file, when they share one (a rule then need not
    repeat it, and may not name another)."""
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
    version: str = Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")
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

    _day = field_validator("from_", mode="before")(calendar_day)
    _number = field_validator("value", mode="before")(parameter_number)


class ParameterDoc(Strict):
    unit: Optional[Literal["eur", "pct", "count", "months", "years", "ratio", "permille"]]
    description: Bilingual
    reference: Optional[str] = None
    url: Optional[str] = Field(default=None, pattern=r"^https?://")
    basis: list[Reference] = Field(default_factory=new_list)
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
    answers: list[str] = Field(default_factory=new_list)
    """The rules the clause answers: rule ids (or a challenge id, for all its rules)."""
    basis: str = ""
    """The article or source behind the clause; empty for a drafting clause no legal text
    requires (a practitioners' guide is not a legal basis)."""
    include_if: Any = None


class Conflict(Strict):
    id: str = Field(pattern=ID_PATTERN)
    when: Any
    text: Bilingual


class Variant(Strict):
    """A remedy as it reads in a given set-up (a staff loan or only volunteers; a GIP or a
    SCIC): the first variant whose ``when`` holds replaces the remedy's title, summary and
    references."""

    id: str = Field(pattern=ID_PATTERN)
    when: Any
    title: Optional[Bilingual] = None
    summary: Bilingual
    references: list[Reference] = Field(default_factory=new_list)


class RecommendationDoc(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Bilingual
    summary: Bilingual
    """One line saying what the remedy is."""
    references: list[Reference] = Field(default_factory=new_list)
    group: Literal[
        "note_remedy", "contract", "tax", "social", "governance", "accounting", "finance"
    ]
    applies_if: Any = None
    """For a remedy proposed from the set-up itself: when it fits (condition language)."""
    unless: Any = None
    """Not proposed when this is certainly true (an unknown does not rule it out)."""
    proposed_when_fits: bool = False
    """Proposed from the set-up itself, when ``applies_if`` holds (and ``unless`` does not)
    and, if ``secures`` is given, an issue it secures is raised; otherwise (the default)
    proposed when an issue names it."""
    conditions_must_hold: bool = False
    """Not proposed when one of its ``conditions`` is certainly missing."""
    restates: list[str] = Field(default_factory=new_list)
    """Rule ids whose cure or advice says what this remedy says: the memo shows the remedy
    in that action's row instead of a row of its own."""
    acts_by: Optional[
        Literal[
            "recipients",
            "receipt_issuers",
            "non_profits",
            "public_buyers",
            "subsidy_beneficiaries",
        ]
    ] = None
    """Who bears the duty the measure discharges, when it is not whoever the issues it
    answers name: the non-profits that receive gifts, subsidies or staff (they record them
    in their accounts), the partners that issue tax receipts (never the donor), the
    non-profits, the public buyers (who alone place a contract), the subsidies'
    beneficiaries (who owe the VAT on a subsidy that pays for a service). Unset: those the
    issues' cures name."""
    secures: list[str] = Field(default_factory=new_list)
    """Challenge ids (or single rule ids) whose findings make the remedy worth proposing
    (with applies_if)."""
    enacted: Optional[bool] = None
    status_note: Optional[Bilingual] = None
    """Where the remedy stands in law today (e.g. not enacted)."""
    conditions: list[ConditionRow] = Field(default_factory=new_list)
    clauses: list[Clause] = Field(default_factory=new_list)
    conflicts: list[Conflict] = Field(default_factory=new_list)
    variants: list[Variant] = Field(default_factory=new_list)
    """How the remedy reads in given set-ups (the first that holds); else as above."""
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


class ValueSetDoc(Strict):
    """A named list of vocabulary values (``non_profit_kinds``), used in conditions as
    ``value: {set: non_profit_kinds}`` instead of repeating the list."""

    field: str
    """Absolute path of a field whose vocabulary the values belong to
    (``partners[].kind``)."""
    values: list[str] = Field(min_length=1)
    description: Optional[Bilingual] = None


class ValueSetsFile(Strict):
    value_sets: dict[str, ValueSetDoc]


class PresumptionDoc(Strict):
    """What the law or practice presumes about an unknown fact in a given context.

    A presumed value is neither "yes" nor "no": a finding that hangs only on presumptions is
    not a risk; it is listed among the assumptions relied on, with the question that would
    confirm it. An answer always wins over a presumption.
    """

    id: str = Field(pattern=ID_PATTERN, max_length=120)
    field: str
    """Absolute path of the fact presumed (``partners[].distributes_surplus``)."""
    value: Any
    """The presumed value."""
    when: Any = None
    """The context in which the presumption holds, read in the field's scope (for a
    partner's fact: that partner's facts)."""
    label: Bilingual
    """The assumption as the client reads it ("Budget Clair is managed disinterestedly")."""
    basis: Bilingual
    """Why the law or practice presumes it (a sentence)."""
    references: list[Reference] = Field(min_length=1)


class PresumptionsFile(Strict):
    presumptions: list[PresumptionDoc] = Field(default_factory=new_list)


class CureDoc(Strict):
    """An action a partner can take that changes one fact toward a secured state: signing,
    amending, valuing, declaring, obtaining a rescrit... "What would clear it" offers only
    cures, in these words, never a retreat (removing a partner, dropping the project,
    setting an agreement to "no")."""

    field: str
    """Absolute path of the fact the action changes (``people.staff_loans[].loan_agreement_signed``)."""
    value: Any = None
    """The value the action gives the fact (true, ``at_cost``...); for a number, omit it
    and give ``direction``."""
    direction: Optional[Literal["down", "up"]] = None
    """For a number: the action lowers or raises it (to the threshold, ``{target}``)."""
    text: Bilingual
    """The action in words, naming who acts: ``{lender} et {host} signent une convention
    de mise à disposition``. Placeholders: the partner fields of the entry (``{donor}``...),
    ``{name}`` for a partner, ``{target}`` for the value reached, ``{partners}`` for all."""
    who: list[str] = Field(default_factory=new_list)
    """Partner fields of the entry whose partners act (``[lender, host]``); empty: all."""
    who_where: dict[str, list[Any]] = Field(default_factory=dict)
    """For a fact of the alliance as a whole (no entry): the partners who act, by facts of
    theirs (``{kind: [association]}``: the associations; ``{civic_service_approval:
    [true]}``: the approved bodies); empty: every partner."""
    who_label: Optional[Bilingual] = None
    """With ``who_where``: who acts in words (« Les associations »), shown when no partner
    is known to fit or more than three do."""
    when: Timing = "before_signing"
    """When the action is due."""
    recommendation: Optional[str] = None
    """The recommendation the action carries out (``societal_rd_convention``): when one of
    its conflicts is present in the case (a partner wants exclusive rights on results the
    convention would publish), a way of clearing that needs this action is offered after
    the ways that do not."""
    not_a_retreat: Optional[str] = None
    """For a cure that sets a fact to false (stops something): why stopping it is an
    action that secures the alliance and not a retreat from what it seeks (a body that
    stops issuing receipts costs its donors their reduction: a retreat). Required then."""


class CuresFile(Strict):
    cures: list[CureDoc] = Field(default_factory=new_list)


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
