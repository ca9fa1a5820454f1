"""Ongoing monitoring: after a list update, re-screen the stored subjects against the change.

:func:`run_monitor` takes a :class:`~sanctionwatch.sources.diff.CollectionDiff` and the new
collection. Added and changed entities: the stored subjects are screened against a small index
over just those (only those sharing a blocking key with it, when their keys are kept) (:func:`~sanctionwatch.batch.delta.rescreen_delta`, on any batch engine) and the
hits go through the store's ``record_screening``, which opens a new alert on the subject's case
and leaves out pairs already alerted with the same content or cleared before. Removed entities:
every stored match on them is annotated in the audit trail (``match.delisted``), once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlalchemy as sa

from sanctionwatch.batch.delta import rescreen_delta, to_match
from sanctionwatch.batch.engine import BatchEngine
from sanctionwatch.batch.subjects import refresh
from sanctionwatch.model import Collection, Entity
from sanctionwatch.sources.diff import CollectionDiff
from sanctionwatch.store import (
    Role,
    Store,
    User,
    add_user,
    audit,
    list_subjects,
    list_users,
    record_screening,
)
from sanctionwatch.store.tables import audit_log, matches

#: the store user monitoring runs as (created with the analyst role on first use)
MONITOR_USER = "monitor"
DELISTED = "match.delisted"


@dataclass(slots=True)
class MonitorReport:
    """What a monitoring run did."""

    subjects: int = 0
    screened: int = 0
    updated_entities: int = 0
    removed_entities: int = 0
    hits: int = 0
    alerts: list[int] = field(default_factory=list)
    suppressed: int = 0
    already_alerted: int = 0
    #: (alert id, match id, entity id) annotated as delisted by this run
    delisted: list[tuple[int, int, str]] = field(default_factory=list)
    rejected: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def monitor_user(store: Store) -> User:
    """The monitoring user, created on first use."""
    for user in list_users(store):
        if user.name == MONITOR_USER:
            return user
    user, _key = add_user(store, MONITOR_USER, Role.ANALYST)
    return user


def stored_subjects(store: Store, page: int = 5000) -> list[tuple[str, Entity]]:
    """Every stored subject as (id as text, entity)."""
    out: list[tuple[str, Entity]] = []
    offset = 0
    while batch := list_subjects(store, limit=page, offset=offset):
        out.extend((str(s.id), s.entity) for s in batch)
        offset += len(batch)
    return out


def delisted_matches(store: Store, entity_ids: Sequence[str]) -> list[tuple[int, int, str]]:
    """(alert id, match id, entity id) of every stored match on these entities."""
    found: list[tuple[int, int, str]] = []
    with store.read() as conn:
        for start in range(0, len(entity_ids), 500):
            ids = list(entity_ids[start:start + 500])
            rows = conn.execute(sa.select(matches.c.alert_id, matches.c.id, matches.c.entity_id)
                                .where(matches.c.entity_id.in_(ids))
                                .order_by(matches.c.id))
            found.extend((r.alert_id, r.id, r.entity_id) for r in rows)
    return found


def annotate_delisted(store: Store, found: Sequence[tuple[int, int, str]], user: User,
                      note: str) -> list[tuple[int, int, str]]:
    """Record ``match.delisted`` in the audit trail for each match not annotated before."""
    done: list[tuple[int, int, str]] = []
    with store.write() as conn:
        seen = {str(r.object_id) for r in conn.execute(
            sa.select(audit_log.c.object_id).where(audit_log.c.action == DELISTED))}
        for alert_id, match_id, entity_id in found:
            if str(match_id) in seen:
                continue
            audit.append(conn, user.name, DELISTED, "match", match_id,
                         {"alert": alert_id, "entity": entity_id, "note": note})
            done.append((alert_id, match_id, entity_id))
    return done


def run_monitor(store: Store, diff: CollectionDiff, collection: Collection,
                engine: BatchEngine, work_dir: Path, *, algorithm: str, threshold: float,
                limit: int = 10, note: str = "removed from the list",
                keys_path: Path | None = None) -> MonitorReport:
    """Re-screen stored subjects against the updated entities; annotate delisted matches.

    ``keys_path``: where the subjects' blocking keys are kept between runs; with it, only the
    subjects sharing a key with the change are screened (see :mod:`batch.subjects`)."""
    started = time.perf_counter()
    user = monitor_user(store)
    subjects = stored_subjects(store)
    updated = diff.updated()
    report = MonitorReport(subjects=len(subjects), updated_entities=len(updated),
                           removed_entities=len(diff.removed))
    if subjects and updated:
        keys = refresh(keys_path, subjects) if keys_path is not None else None
        result = rescreen_delta(subjects, updated, collection, engine, work_dir,
                                algorithm=algorithm, threshold=threshold, limit=limit, keys=keys)
        report.screened = result.screened
        report.rejected = len(result.rejected)
        report.hits = len(result.hits)
        # the updated entities as the diff has them, even if the collection is older
        current = Collection({**collection.entities, **{e.id: e for e in updated}},
                             collection.sources, collection.links, collection.clusters)
        for subject, hits in result.by_subject().items():
            outcome = record_screening(store, int(subject),
                                       [to_match(h, current) for h in hits],
                                       threshold=threshold, algorithm=algorithm, user=user)
            if outcome.alert is not None:
                report.alerts.append(outcome.alert.id)
            report.suppressed += len(outcome.suppressed)
            report.already_alerted += len(outcome.already_alerted)
    if diff.removed:
        found = delisted_matches(store, [e.id for e in diff.removed])
        report.delisted = annotate_delisted(store, found, user, note)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
