"""What an assessment returns: findings, challenge statuses, recommendations.

These models are the contract with the reports, the interview and other programs (the
JSON output is their ``model_dump``). Texts are already in the requested language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

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
    questions: list[Question] = Field(default_factory=list)
    """The interview questions that answer it."""


class ReferenceOut(Out):
    text: str
    url: Optional[str] = None
    unverified: bool = False
    note: Optional[str] = None


class ParamUsed(Out):
    name: str
    value: float
    since: dt.date
    unverified: bool = False


class Change(Out):
    """One answer change that would make a rule's condition false."""

    field: str
    label: str
    entry: Optional[str] = None
    current: Any = None
    target: Any = None
    text: str
    """The change in words (``counterparts ≤ 25 % of the gift``)."""


class ClearOption(Out):
    """A set of changes that, made together, clears the finding."""

    changes: list[Change]


class Finding(Out):
    rule_id: str
    version: str
    """Effective dates of the rule version applied."""
    challenge: str
    challenge_label: str
    framework: str
    framework_label: str
    severity: str
    likelihood: str
    status: Status
    severity_label: str = ""
    likelihood_label: str = ""
    status_label: str = ""
    """Severity, likelihood and status in the chosen language."""
    title: str
    explanation: str
    advice: str
    evidence: list[Evidence] = Field(default_factory=list)
    unknowns: list[Unknown] = Field(default_factory=list)
    references: list[ReferenceOut] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    unverified: bool = False
    """The rule rests on a fact marked unverified."""
    parameters: list[ParamUsed] = Field(default_factory=list)
    clear_by: list[ClearOption] = Field(default_factory=list)
    source: str
    """Rules base file the rule comes from."""


class ChallengeStatus(Out):
    id: str
    framework: str
    framework_label: str
    label: str
    status: ChallengeState
    flagged: int = 0
    to_verify: int = 0
    worst: Optional[str] = None


class RecommendationOut(Out):
    id: str
    group: str
    title: str
    summary: str
    findings: list[str] = Field(default_factory=list)
    """Rule ids of the findings this recommendation answers."""
    references: list[ReferenceOut] = Field(default_factory=list)
    why: Optional[str] = None
    details: dict[str, Any] = Field(default_factory=dict)
    """Remedy-specific content (clause checklist, conditions table...)."""


class RulesBaseInfo(Out):
    version: str
    sha256: str


class CaseInfo(Out):
    name: str
    sha256: str
    file: Optional[str] = None
    partners: list[str] = Field(default_factory=list)
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
    recommendations: list[RecommendationOut] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def worst_flagged(self) -> Optional[str]:
        from .rulemodel import SEVERITIES

        ranks = [SEVERITIES.index(f.severity) for f in self.findings if f.status == "flagged"]
        return SEVERITIES[max(ranks)] if ranks else None
