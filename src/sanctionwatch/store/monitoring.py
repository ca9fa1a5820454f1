"""What monitoring keeps in the store: one claimed run per list version, and delisted matches.

Several processes watch the lists (every worker of the service, the ``monitor`` command), but
each list version is monitored once: :func:`claim_monitor_run` inserts the version's row in
``monitor_runs`` inside a write transaction (which holds the store's write lock, and the version
column is unique), so of many claimants exactly one gets it; the others get None. A run that
failed may be claimed again, and so may one still ``running`` long after it started (its process
ended before finishing it: ``stale_after``); a finished one may not. :func:`finish_monitor_run`
records the outcome. :func:`mark_delisted` notes on every match of a removed entity that it
left the list (``match.delisted`` in the audit trail), once per match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from sanctionwatch.exc import NotFound
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.records import MonitorRun
from sanctionwatch.store.tables import matches, monitor_runs

RUNNING, DONE, FAILED = "running", "done", "failed"
DELISTED = "match.delisted"
#: a run still running this long after it started is taken as abandoned
STALE_AFTER = timedelta(hours=6)
#: entity ids per IN (...) clause
_IDS_PER_QUERY = 500


def _run(row: Any) -> MonitorRun:
    return MonitorRun(
        id=row.id, version=row.version, previous=row.previous, runner=row.runner,
        status=row.status, started_at=row.started_at, finished_at=row.finished_at,
        report=dict(row.report) if row.report is not None else None, error=row.error,
    )


def _is_claimable(row: Any, cutoff: datetime) -> bool:
    """Whether a run may be claimed again: it failed, or it is running since before cutoff."""
    started: datetime = row.started_at
    return row.status == FAILED or (row.status == RUNNING and started < cutoff)


def claim_monitor_run(store: Store, version: str, previous: str | None, runner: str,
                      actor: str, stale_after: timedelta = STALE_AFTER) -> MonitorRun | None:
    """Claim the monitoring of a list version: the new run, or None when another process
    has it (done, or running for less than ``stale_after``)."""
    now = datetime.now(UTC)
    values = {"previous": previous, "runner": runner, "status": RUNNING, "started_at": now,
              "finished_at": None, "report": None, "error": None}
    with store.write() as conn:
        row = conn.execute(sa.select(monitor_runs).where(monitor_runs.c.version == version)).first()
        if row is not None and not _is_claimable(row, now - stale_after):
            return None
        if row is None:
            run_id = conn.execute(sa.insert(monitor_runs).values(version=version, **values)
                                  .returning(monitor_runs.c.id)).scalar_one()
        else:
            run_id = row.id
            conn.execute(sa.update(monitor_runs).where(monitor_runs.c.id == run_id).values(**values))
        audit.append(conn, actor, "monitor.start", "lists", version,
                     {"run": run_id, "previous": previous, "runner": runner})
        return _run(conn.execute(sa.select(monitor_runs).where(monitor_runs.c.id == run_id)).one())


def finish_monitor_run(store: Store, run_id: int, actor: str, *,
                       report: Mapping[str, Any] | None = None,
                       error: str | None = None) -> MonitorRun:
    """Record how a claimed run ended: ``done`` with its report, or ``failed`` with the error."""
    status = DONE if error is None else FAILED
    with store.write() as conn:
        updated = conn.execute(sa.update(monitor_runs).where(monitor_runs.c.id == run_id).values(
            status=status, finished_at=datetime.now(UTC),
            report=dict(report) if report is not None else None, error=error))
        if updated.rowcount == 0:
            raise NotFound(f"no monitoring run {run_id}")
        row = conn.execute(sa.select(monitor_runs).where(monitor_runs.c.id == run_id)).one()
        audit.append(conn, actor, f"monitor.{status}", "lists", row.version,
                     {"run": run_id, "error": error})
        return _run(row)


def latest_monitor_run(store: Store) -> MonitorRun | None:
    """The run started last, whoever ran it; None before any."""
    with store.read() as conn:
        row = conn.execute(sa.select(monitor_runs)
                           .order_by(monitor_runs.c.started_at.desc(), monitor_runs.c.id.desc())
                           .limit(1)).first()
    return _run(row) if row is not None else None


def mark_delisted(store: Store, entity_ids: Sequence[str], note: str,
                  actor: str) -> list[tuple[int, int, str]]:
    """Note on every match of these entities, not noted before, that they left their list;
    the (alert id, match id, entity id) of each match noted now."""
    done: list[tuple[int, int, str]] = []
    now = datetime.now(UTC)
    with store.write() as conn:
        for start in range(0, len(entity_ids), _IDS_PER_QUERY):
            ids = list(entity_ids[start:start + _IDS_PER_QUERY])
            rows = conn.execute(
                sa.select(matches.c.alert_id, matches.c.id, matches.c.entity_id)
                .where(matches.c.entity_id.in_(ids), matches.c.delisted_at.is_(None))
                .order_by(matches.c.id)
            ).all()
            for alert_id, match_id, entity_id in rows:
                conn.execute(sa.update(matches).where(matches.c.id == match_id)
                             .values(delisted_at=now, delisted_note=note))
                audit.append(conn, actor, DELISTED, "match", match_id,
                             {"alert": alert_id, "entity": entity_id, "note": note})
                done.append((alert_id, match_id, entity_id))
    return done
