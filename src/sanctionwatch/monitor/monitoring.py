"""Ongoing monitoring: after a list update, re-screen the stored subjects against the change.

:func:`run_monitor` takes a :class:`~sanctionwatch.sources.diff.CollectionDiff`, the new
index and a screening step. Added and changed entities: the stored subjects are screened
against a small index over just those (only the subjects that could get one of them as a
candidate, when their keys are kept) by :func:`~sanctionwatch.monitor.delta.rescreen_delta`, and the hits go
through the store's ``record_screening`` -- into the subject's alert that is not closed yet, or
a new alert, leaving out pairs already alerted with the same content or cleared before.
Removed entities: every stored match on them gets a delisted note (``match.delisted``), once.
All of it is done as the store user ``monitor``.

:func:`monitor_version` does that once per list version however many processes try: it claims
the version in the store first (:func:`~sanctionwatch.store.claim_monitor_run`) and records the
report, or the error, on the claimed run.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sanctionwatch.index import Index
from sanctionwatch.model import Collection, Entity
from sanctionwatch.monitor.delta import DeltaResult, DeltaScreener, rescreen_delta, to_match
from sanctionwatch.monitor.subjects import refresh
from sanctionwatch.screen import ScreeningConfig
from sanctionwatch.sources.diff import CollectionDiff
from sanctionwatch.store import (
    MonitorRun,
    Role,
    Store,
    User,
    claim_monitor_run,
    finish_monitor_run,
    list_subjects,
    mark_delisted,
    record_screening,
    system_user,
)
from sanctionwatch.store.users import MONITOR_ACTOR

#: the store user monitoring runs as (created with the analyst role on first use)
MONITOR_USER = MONITOR_ACTOR
DELISTED_NOTE = "removed from the list"


@dataclass(slots=True)
class MonitorReport:
    """What a monitoring run did."""

    #: stored subjects considered (0 when nothing was added or changed: none are read)
    subjects: int = 0
    screened: int = 0
    updated_entities: int = 0
    removed_entities: int = 0
    hits: int = 0
    #: alerts opened by this run
    alerts: list[int] = field(default_factory=list)
    #: alerts, not closed yet, that this run's new matches joined
    extended: list[int] = field(default_factory=list)
    suppressed: int = 0
    already_alerted: int = 0
    #: (alert id, match id, entity id) noted as delisted by this run
    delisted: list[tuple[int, int, str]] = field(default_factory=list)
    rejected: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def monitor_user(store: Store) -> User:
    """The monitoring user, created on first use."""
    return system_user(store, MONITOR_USER, Role.ANALYST)


def stored_subjects(store: Store, page: int = 5000) -> list[tuple[str, Entity]]:
    """Every stored subject as (id as text, entity)."""
    out: list[tuple[str, Entity]] = []
    offset = 0
    while batch := list_subjects(store, limit=page, offset=offset):
        out.extend((str(s.id), s.entity) for s in batch)
        offset += len(batch)
    return out


def _record(store: Store, result: DeltaResult, collection: Collection, config: ScreeningConfig,
            user: User, report: MonitorReport) -> None:
    """Record each subject's hits as a screening (into its open alert, or a new one)."""
    for subject, hits in result.by_subject().items():
        outcome = record_screening(store, int(subject), [to_match(h, collection) for h in hits],
                                   threshold=config.threshold, algorithm=config.algorithm,
                                   user=user)
        if outcome.alert is not None:
            (report.extended if outcome.is_extension else report.alerts).append(outcome.alert.id)
        report.suppressed += len(outcome.suppressed)
        report.already_alerted += len(outcome.already_alerted)


def run_monitor(store: Store, diff: CollectionDiff, index: Index,
                screener: DeltaScreener, *, config: ScreeningConfig,
                keys_path: Path | None = None, note: str = DELISTED_NOTE) -> MonitorReport:
    """Re-screen stored subjects against the updated entities of the new version's ``index``;
    note delisted matches.

    ``keys_path``: where the subjects' blocking keys are kept between runs; with it, only the
    subjects that could get an updated entity as a candidate are screened (see
    :mod:`monitor.subjects`)."""
    started = time.perf_counter()
    user = monitor_user(store)
    updated = diff.updated()
    report = MonitorReport(updated_entities=len(updated), removed_entities=len(diff.removed))
    subjects = stored_subjects(store) if updated else []
    report.subjects = len(subjects)
    if subjects:
        keys = refresh(keys_path, subjects) if keys_path is not None else None
        result = rescreen_delta(subjects, updated, index, screener, config=config, keys=keys)
        report.screened = result.screened
        report.rejected = len(result.rejected)
        report.hits = len(result.hits)
        # the updated entities as the diff has them, even if the collection is older
        collection = index.collection
        current = Collection({**collection.entities, **{e.id: e for e in updated}},
                             collection.sources, collection.links, collection.clusters,
                             collection.relations)
        _record(store, result, current, config, user, report)
    if diff.removed:
        report.delisted = mark_delisted(store, [e.id for e in diff.removed], note, user.name)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def monitor_version(store: Store, version: str, previous: str | None, diff: CollectionDiff,
                    index: Index, screener: DeltaScreener, *, config: ScreeningConfig,
                    runner: str, keys_path: Path | None = None) -> MonitorRun | None:
    """Monitor the change to list ``version`` unless another process has claimed it: the
    finished run (its report as :meth:`MonitorReport.to_dict`), or None when claimed
    elsewhere. A failure is recorded on the run (which may then be claimed again) and
    raised."""
    actor = monitor_user(store).name
    claimed = claim_monitor_run(store, version, previous, runner, actor)
    if claimed is None:
        return None
    try:
        report = run_monitor(store, diff, index, screener, config=config,
                             keys_path=keys_path,
                             note=f"{DELISTED_NOTE} (list version {version})")
    except Exception as exc:
        finish_monitor_run(store, claimed.id, actor, error=f"{type(exc).__name__}: {exc}")
        raise
    return finish_monitor_run(store, claimed.id, actor,
                              report={"changes": diff.counts(), **report.to_dict()})
