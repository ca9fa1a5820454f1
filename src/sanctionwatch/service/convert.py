"""Store records as API bodies."""

from __future__ import annotations

from typing import Any

from sanctionwatch.model import Collection
from sanctionwatch.service.schemas import (
    AlertDetailOut,
    AlertOut,
    DecisionOut,
    DelistedOut,
    EntityResponse,
    MatchOut,
    MonitorRunOut,
    OwnershipOut,
    ReloadOut,
    ScreeningOut,
    SubjectOut,
)
from sanctionwatch.service.watch import ReloadOutcome
from sanctionwatch.store import (
    Alert,
    AlertDetail,
    Decision,
    MonitorRun,
    ScreeningOutcome,
    Subject,
)


def subject_out(subject: Subject) -> SubjectOut:
    return SubjectOut.model_validate({
        "id": subject.id, "external_id": subject.external_id, "schema": subject.entity.schema,
        "caption": subject.entity.caption,
        "properties": {k: list(v) for k, v in subject.entity.properties.items()},
        "content_hash": subject.content_hash, "created_at": subject.created_at,
        "screened_at": subject.screened_at,
    })


def alert_out(alert: Alert) -> AlertOut:
    return AlertOut(
        id=alert.id, subject_id=alert.subject_id, subject=alert.subject_caption,
        status=alert.status.value, score=round(alert.score, 4), threshold=alert.threshold,
        algorithm=alert.algorithm, assignee=alert.assignee, created_at=alert.created_at,
        updated_at=alert.updated_at,
    )


def decision_out(d: Decision) -> DecisionOut:
    return DecisionOut(
        id=d.id, match_id=d.match_id, alert_id=d.alert_id, user=d.user, verdict=d.verdict.value,
        reason=d.reason, state_before=d.state_before.value, state_after=d.state_after.value,
        created_at=d.created_at,
    )


def screening_out(outcome: ScreeningOutcome) -> ScreeningOut:
    return ScreeningOut(
        subject=subject_out(outcome.subject),
        alert=alert_out(outcome.alert) if outcome.alert else None,
        candidates=outcome.candidates, suppressed=list(outcome.suppressed),
        already_alerted=list(outcome.already_alerted),
    )


def alert_detail_out(detail: AlertDetail, collection: Collection | None) -> AlertDetailOut:
    matches = []
    for m in detail.matches:
        entity: dict[str, Any] = m.entity.to_ftm()
        entity.pop("extra", None)
        if collection is not None:
            entity["referents"] = [i for i in collection.cluster(m.entity.id) if i != m.entity.id]
        entity["datasets"] = list(m.datasets) or entity["datasets"]
        matches.append(MatchOut(
            id=m.id, entity=EntityResponse.model_validate(entity), score=round(m.score, 4),
            state=m.state.value, explanation=m.explanation,
            decisions=[decision_out(d) for d in m.decisions],
            delisted=DelistedOut(at=m.delisted_at, note=m.delisted_note or "")
            if m.delisted_at is not None else None,
        ))
    owned = [m.explanation["ownership"] for m in detail.matches if "ownership" in m.explanation]
    return AlertDetailOut(alert=alert_out(detail.alert), subject=subject_out(detail.subject),
                          matches=matches,
                          ownership=OwnershipOut.model_validate(owned[-1]) if owned else None)


def monitor_run_out(run: MonitorRun) -> MonitorRunOut:
    return MonitorRunOut(
        version=run.version, previous=run.previous, runner=run.runner, status=run.status,
        started_at=run.started_at, finished_at=run.finished_at, report=run.report,
        error=run.error,
    )


def reload_out(outcome: ReloadOutcome) -> ReloadOut:
    return ReloadOut(
        status=outcome.status, version=outcome.version, previous=outcome.previous,
        at=outcome.at, seconds=outcome.seconds, changes=outcome.changes,
        monitor=monitor_run_out(outcome.monitor) if outcome.monitor else None,
        error=outcome.error,
    )
