"""Reading cases back: subjects, alert queues with filters, one alert with its matches."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sanctionwatch.exc import NotFound
from sanctionwatch.model import Entity
from sanctionwatch.store.database import Store
from sanctionwatch.store.records import (
    Alert,
    AlertDetail,
    AlertFilter,
    Decision,
    StoredMatch,
    Subject,
)
from sanctionwatch.store.review import AlertStatus, MatchState, Verdict
from sanctionwatch.store.tables import alerts, decisions, matches, subjects, users

MAX_PAGE = 500


def _subject(row: Any) -> Subject:
    entity = Entity(
        id=f"subject-{row.id}",
        schema=row.schema,
        properties={k: tuple(v) for k, v in row.properties.items()},
    )
    return Subject(row.id, entity, row.external_id, row.content_hash, row.created_at,
                   row.screened_at)


def load_subject(conn: sa.Connection, subject_id: int) -> Subject:
    row = conn.execute(sa.select(subjects).where(subjects.c.id == subject_id)).first()
    if row is None:
        raise NotFound(f"no subject {subject_id}")
    return _subject(row)


def _alert_query() -> sa.Select[Any]:
    assignee = users.alias("assignee_user")
    return sa.select(
        alerts, subjects.c.schema, subjects.c.properties, assignee.c.name.label("assignee_name")
    ).join(subjects, subjects.c.id == alerts.c.subject_id).outerjoin(
        assignee, assignee.c.id == alerts.c.assignee
    )


def _alert(row: Any) -> Alert:
    props = row.properties or {}
    names = props.get("name") or props.get("alias") or [f"subject {row.subject_id}"]
    return Alert(
        id=row.id, subject_id=row.subject_id, subject_caption=str(names[0]),
        status=AlertStatus(row.status), score=row.score, threshold=row.threshold,
        algorithm=row.algorithm, assignee=row.assignee_name, created_at=row.created_at,
        updated_at=row.updated_at,
    )


def load_alert(conn: sa.Connection, alert_id: int) -> Alert:
    row = conn.execute(_alert_query().where(alerts.c.id == alert_id)).first()
    if row is None:
        raise NotFound(f"no alert {alert_id}")
    return _alert(row)


def list_alerts(store: Store, filters: AlertFilter | None = None) -> tuple[list[Alert], int]:
    """One page of alerts, highest score first, and the total matching the filters."""
    f = filters or AlertFilter()
    query = _alert_query()
    conditions: list[sa.ColumnElement[bool]] = []
    if f.status is not None:
        conditions.append(alerts.c.status == f.status.value)
    if f.min_score is not None:
        conditions.append(alerts.c.score >= f.min_score)
    if f.subject_id is not None:
        conditions.append(alerts.c.subject_id == f.subject_id)
    if f.assignee is not None:
        assignee = users.alias("assignee_filter")
        conditions.append(
            alerts.c.assignee.in_(sa.select(assignee.c.id).where(assignee.c.name == f.assignee))
        )
    if f.is_unassigned:
        conditions.append(alerts.c.assignee.is_(None))
    if f.source is not None:
        pattern = '%"' + _escape_like(f.source) + '"%'
        conditions.append(alerts.c.id.in_(
            sa.select(matches.c.alert_id).where(
                sa.cast(matches.c.datasets, sa.Text).like(pattern, escape="\\")
            )
        ))
    limit = max(1, min(f.limit, MAX_PAGE))
    with store.read() as conn:
        total = conn.execute(
            sa.select(sa.func.count()).select_from(alerts).where(*conditions)
        ).scalar_one()
        rows = conn.execute(
            query.where(*conditions)
            .order_by(alerts.c.score.desc(), alerts.c.id.desc())
            .limit(limit)
            .offset(max(0, f.offset))
        ).all()
    return [_alert(r) for r in rows], int(total)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', "")


def get_alert(store: Store, alert_id: int) -> AlertDetail:
    """An alert with its subject, and every match with its decisions, best match first."""
    with store.read() as conn:
        alert = load_alert(conn, alert_id)
        subject = load_subject(conn, alert.subject_id)
        by_match: dict[int, list[Decision]] = {}
        for row in conn.execute(
            sa.select(decisions, users.c.name)
            .join(users, users.c.id == decisions.c.user_id)
            .where(decisions.c.alert_id == alert_id)
            .order_by(decisions.c.id)
        ):
            by_match.setdefault(row.match_id, []).append(Decision(
                row.id, row.match_id, row.alert_id, row.name, Verdict(row.verdict), row.reason,
                MatchState(row.state_before), MatchState(row.state_after), row.created_at,
            ))
        found = [
            StoredMatch(
                id=row.id, alert_id=row.alert_id, entity=Entity.from_ftm(row.entity),
                entity_hash=row.entity_hash, datasets=tuple(row.datasets), score=row.score,
                explanation=dict(row.explanation), state=MatchState(row.state),
                decisions=tuple(by_match.get(row.id, ())),
                delisted_at=row.delisted_at, delisted_note=row.delisted_note,
            )
            for row in conn.execute(
                sa.select(matches).where(matches.c.alert_id == alert_id)
                .order_by(matches.c.score.desc(), matches.c.id)
            )
        ]
    return AlertDetail(alert, subject, tuple(found))


def get_subject(store: Store, subject_id: int) -> Subject:
    with store.read() as conn:
        return load_subject(conn, subject_id)


def list_subjects(store: Store, limit: int = 1000, offset: int = 0) -> list[Subject]:
    """Subjects in creation order (e.g. to screen them all again after a list update)."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(subjects).order_by(subjects.c.id).limit(limit).offset(offset)
        ).all()
    return [_subject(r) for r in rows]
