"""What an assessment returns: findings, challenge statuses, recommendations.

These models are the contract with the reports, the interview and other programs (the
JSON output is their ``model_dump``). Texts are already in the requested language.
"""

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .defaults import new_list

Status = Literal["flagged", "to_verify"]
ChallengeState = Literal["clear", "flagged", "to_verify"]


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Evidence(Out):
    """A fact that made the rule's condition true (or, for ``to_verify``, that is unknown)."""

    field: str
    """Path of the fact in the case, with the entry index (``money.gifts[0].amount_eur``)."""
    label: str
    """Name of the fact in the chosen language."""
    entry: Optional[str] = None
    """For a list entry: which one (``Orange → Unis-Cité``)."""
    value: Any = None
    """The case's value (``null`` when unknown)."""
    shown: str
    """The value as a reader sees it (``40 %``, ``oui``, ``inconnu``)."""
    test: str
    """What the rule checks (``> 25 %``)."""


class Question(Out):
    id: str
    text: str


class Unknown(Out):
    """An unknown fact that decides whether the rule applies."""

    field: str
    label: str
    entry: Optional[str] = None
    test: str
    questions: list[Question] = Field(default_factory=new_list)
    """The interview questions that answer it."""


class ReferenceOut(Out):
    text: str
    url: Optional[str] = None
    unverified: bool = False
    see_also: bool = False
    """Not law (a guide, the source note, a bill): « see also », never a legal basis."""
    note: Optional[str] = None

    @classmethod
    def of(cls, r: Any) -> "ReferenceOut":
        """The output form of a reference the rules base resolved (one place for its
        fields: each citation a finding, a fact or a measure gives reads the same)."""
        return cls(
            text=r.text, url=r.url, unverified=r.unverified, see_also=r.see_also, note=r.note
        )


class ParamUsed(Out):
    name: str
    value: float
    since: dt.date
    unverified: bool = False


class Change(Out):
    """One action that changes a fact toward a secured state (a cure, never a retreat)."""

    field: str
    label: str
    entry: Optional[str] = None
    current: Any = None
    target: Any = None
    text: str
    """The action in words, naming who acts ("PSA et FARE signent une convention de mise
    à disposition")."""
    who: list[str] = Field(default_factory=new_list)
    """Names of the partners who act."""
    when: str = "before_signing"
    """When it is due: before_signing, before_start, before_first_payment, within_year,
    at_once, with_tax_return."""


class ClearOption(Out):
    """A set of actions that, taken together, clears the finding."""

    changes: list[Change]


class Exposure(Out):
    """What a flagged issue may cost, computed from the case and the rule: an estimate."""

    label: str
    amount_eur: float
    shown: str
    """The amount as a reader sees it (``24 000 €``)."""
    rule_id: str
    """The rule that gives the estimate."""
    amount_high_eur: Optional[float] = None
    """The top of the range when the rate is not known for sure (a donor of unknown kind:
    companies' or individuals' rate); ``None`` when ``amount_eur`` is the estimate."""
    note: str = ""
    """How the estimate is computed and what it assumes, for the reader."""


class Finding(Out):
    """One issue: the findings that rest on the same decisive facts and call for the same
    remedy, merged (``rules``), with the highest severity among them."""

    rule_id: str
    """The leading rule (the most severe of the merged ones)."""
    rules: list[str] = Field(default_factory=new_list)
    """Every rule merged into this issue, the leading one first."""
    version: str
    """Effective dates of the rule version applied."""
    challenge: str
    challenge_label: str
    challenges: list[str] = Field(default_factory=new_list)
    """Every challenge the issue bears on, the leading rule's first: a merged issue counts in
    the challenge of each rule it holds (filled by the findings layer)."""
    framework: str
    framework_label: str
    severity: str
    likelihood: Optional[str]
    """How likely the risk is once its facts are established; ``None`` for an issue to
    verify (its facts are not established)."""
    status: Status
    severity_label: str = ""
    likelihood_label: str = ""
    status_label: str = ""
    """Severity, likelihood and status in the chosen language."""
    title: str
    """For an issue to verify, a conditional title ("If no written agreement...")."""
    explanation: str
    advice: str
    rank: int = 0
    """Position among the issues (1 = first), by severity weighed with status."""
    partners: list[str] = Field(default_factory=new_list)
    """Names of the partners the issue falls on (empty: the alliance as a whole)."""
    exposure: list[Exposure] = Field(default_factory=new_list)
    """What the issue may cost, where the case and its rules say it (estimates)."""
    evidence: list[Evidence] = Field(default_factory=new_list)
    unknowns: list[Unknown] = Field(default_factory=new_list)
    references: list[ReferenceOut] = Field(default_factory=new_list)
    recommendations: list[str] = Field(default_factory=new_list)
    unverified: bool = False
    """The rule rests on a fact marked unverified."""
    parameters: list[ParamUsed] = Field(default_factory=new_list)
    clear_by: list[ClearOption] = Field(default_factory=new_list)
    action: Optional[Change] = None
    """The rule's advice as an action (who acts, when): the action plan's row when no cure
    clears the issue (a duty to fulfil, a point only the advice answers)."""
    source: str
    """Rules base file the rule comes from."""


class Assumption(Out):
    """A presumption the assessment relied on: the findings it covers are not risks while
    it holds; the question confirms it, and an answer against it brings them back."""

    id: str
    """The presumption's id in the rules base."""
    field: str
    """Path of the presumed fact (``partners[1].distributes_surplus``)."""
    label: str
    """The assumption in words."""
    entry: Optional[str] = None
    value: Any = None
    """The presumed value."""
    shown: str = ""
    basis: str
    references: list[ReferenceOut] = Field(default_factory=new_list)
    question: Optional[Question] = None
    covers: list[str] = Field(default_factory=new_list)
    """Rule ids of the findings it covers."""


class OpenQuestion(Out):
    """A question whose answer settles possible issues, ranked by the risk weight it
    settles."""

    field: str
    """Path of the unknown fact (``people.staff_loans[0].loan_agreement_signed``)."""
    entry: Optional[str] = None
    """For a list entry: which one (``PSA → FARE``)."""
    question: Question
    label: str = ""
    """The fact asked, as a label."""
    decides: list[str] = Field(default_factory=new_list)
    """Rule ids of the issues (and of the findings not yet raised) its answer decides."""
    worst_severity: str
    weight: float
    """The risk weight its answer settles (sum of the severities it decides)."""
    partners: list[str] = Field(default_factory=new_list)
    """Names of the partners the question is about (empty: the alliance as a whole)."""
    topic: bool = False
    """It opens a topic no answer has brought in yet (volunteers, a joint vehicle...)."""


class RuleVerdict(Out):
    """The engine's verdict on one rule, and what became of it in the consolidated view."""

    rule_id: str
    challenge: str
    severity: str
    status: Status
    """The engine's verdict on the answers as given."""
    disposition: Literal["issue", "assumed", "not_raised"]
    """``issue``: part of an issue (``issue`` names its leading rule); ``assumed``:
    covered by an assumption; ``not_raised``: decided by a fact no answer has brought in
    (the open questions ask it)."""
    issue: Optional[str] = None


class ChallengeStatus(Out):
    id: str
    framework: str
    framework_label: str
    label: str
    status: ChallengeState
    flagged: int = 0
    to_verify: int = 0
    worst: Optional[str] = None
    """The gravest severity of the established issues (of the issues to verify when none is)."""
    worst_to_verify: Optional[str] = None
    """The gravest issue to verify's severity when graver than ``worst`` (else ``None``):
    a « ? critique » beside an established « élevée » must not go unseen."""


class ClauseOut(Out):
    """One clause of a contract checklist, filled with the case's facts."""

    id: str
    title: str
    content: str
    answers: list[str] = Field(default_factory=new_list)
    """Labels of the challenges whose risks the clause answers."""
    findings: list[str] = Field(default_factory=new_list)
    """Issues (leading rule ids) of those challenges in this case."""
    basis: str = ""


class ConflictOut(Out):
    """Something in the set-up that conflicts with the remedy (exclusivity wanted...)."""

    id: str
    state: Literal["present", "possible"]
    text: str


class ConditionOut(Out):
    """One condition of a remedy (of the proposed experimentation right), for this case."""

    id: str
    label: str
    state: Literal["met", "missing", "unknown"]
    unknown: list[str] = Field(default_factory=new_list)
    """Labels of the unknown facts that decide it."""


class RemedyDetails(Out):
    """What a remedy brings beyond its summary: a clause checklist, conflicts, a table of
    conditions, where it stands in law."""

    enacted: Optional[bool] = None
    """Whether a statute provides for it (``None``: not a statutory scheme)."""
    status_note: Optional[str] = None
    clauses: list[ClauseOut] = Field(default_factory=new_list)
    conflicts: list[ConflictOut] = Field(default_factory=new_list)
    conditions: list[ConditionOut] = Field(default_factory=new_list)
    qualifies: Optional[Literal["yes", "maybe", "no"]] = None
    """How the set-up meets the conditions (only for a remedy with conditions)."""
    local_note: Optional[str] = None
    """A note shown when its condition holds (a local authority is a partner...)."""


class RecommendationOut(Out):
    id: str
    group: str
    title: str
    summary: str
    findings: list[str] = Field(default_factory=new_list)
    """Issues (leading rule ids) this recommendation answers."""
    references: list[ReferenceOut] = Field(default_factory=new_list)
    why: Optional[str] = None
    details: RemedyDetails = Field(default_factory=RemedyDetails)


class RulesBaseInfo(Out):
    version: str
    sha256: str


class CaseInfo(Out):
    name: str
    sha256: str
    file: Optional[str] = None
    partners: list[str] = Field(default_factory=new_list)
    adviser: Optional[str] = None
    client: Optional[str] = None


class Counts(Out):
    flagged: dict[str, int]
    to_verify: dict[str, int]
    total: int


class Assessment(Out):
    tool: dict[str, str]
    rules_base: RulesBaseInfo
    case: CaseInfo
    as_of: dt.date
    lang: str
    counts: Counts
    challenges: list[ChallengeStatus]
    findings: list[Finding]
    """The issues, ranked (``rank``)."""
    assumptions: list[Assumption] = Field(default_factory=new_list)
    open_questions: list[OpenQuestion] = Field(default_factory=new_list)
    verdicts: list[RuleVerdict] = Field(default_factory=new_list)
    """Every rule the engine fired, before consolidation."""
    recommendations: list[RecommendationOut] = Field(default_factory=new_list)
    warnings: list[str] = Field(default_factory=new_list)
    """Facts that are possible but odd (gifts going round in a circle), in ``lang``."""
    notes: list[str] = Field(default_factory=new_list)

    def statuses(self) -> dict[str, str]:
        """The engine's status of every rule that fired (before consolidation)."""
        return {v.rule_id: v.status for v in self.verdicts}

    def worst_flagged(self) -> Optional[str]:
        from .rulemodel import SEVERITIES

        ranks = [SEVERITIES.index(f.severity) for f in self.findings if f.status == "flagged"]
        return SEVERITIES[max(ranks)] if ranks else None
