"""What the store returns: frozen records read from its tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sanctionwatch.model import Entity, Match
from sanctionwatch.store.review import AlertStatus, MatchState, Role, Verdict


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class Subject:
    """A customer or counterparty under screening."""

    id: int
    entity: Entity
    external_id: str | None
    content_hash: str
    created_at: datetime
    screened_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    match_id: int
    alert_id: int
    user: str
    verdict: Verdict
    reason: str
    state_before: MatchState
    state_after: MatchState
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredMatch:
    """One candidate of an alert: the listed entity as it was when screened, and its review."""

    id: int
    alert_id: int
    entity: Entity
    entity_hash: str
    datasets: tuple[str, ...]
    score: float
    explanation: dict[str, Any]
    state: MatchState
    decisions: tuple[Decision, ...] = ()
    #: when monitoring saw the entity removed from its list, and its note saying so
    delisted_at: datetime | None = None
    delisted_note: str | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    subject_id: int
    subject_caption: str
    status: AlertStatus
    score: float
    threshold: float
    algorithm: str
    assignee: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AlertDetail:
    alert: Alert
    subject: Subject
    matches: tuple[StoredMatch, ...]


@dataclass(frozen=True, slots=True)
class OwnerHit:
    """A listed owner's match, alerted on the subject it owns: ``ownership`` is the verdict
    that proves it (status, blocked share, chains, notes, the owner party), kept as the
    match's explanation beside the name comparison."""

    match: Match
    ownership: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """What recording a screening did: the alert opened or extended (if any) and what it left
    out."""

    subject: Subject
    alert: Alert | None
    #: entity ids at or above the threshold not alerted: cleared before with the same content
    suppressed: tuple[str, ...] = ()
    #: entity ids already on an alert of this subject with the same content
    already_alerted: tuple[str, ...] = ()
    candidates: int = 0
    #: whether the new matches joined the subject's alert that was not closed yet (else the
    #: alert is a new one)
    is_extension: bool = False
    #: whether the subject was stored by this call (else it was there: same external id)
    is_new_subject: bool = False


@dataclass(frozen=True, slots=True)
class MonitorRun:
    """Monitoring of one list version: who claimed it, how it went, what it did."""

    id: int
    version: str
    previous: str | None
    #: the process that claimed it (host:pid, or the CLI)
    runner: str
    status: str
    started_at: datetime
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class AlertFilter:
    status: AlertStatus | None = None
    min_score: float | None = None
    source: str | None = None
    assignee: str | None = None
    #: only the alerts nobody is assigned to
    is_unassigned: bool = False
    subject_id: int | None = None
    limit: int = 50
    offset: int = 0
