"""Monitoring runs claimed once per list version, and delisted notes on matches (SQLite and
PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from storedata import KIM, KOMID, make_match, subject_entity

from sanctionwatch.exc import NotFound
from sanctionwatch.store import (
    Store,
    User,
    add_subject,
    audit_records,
    claim_monitor_run,
    finish_monitor_run,
    get_alert,
    latest_monitor_run,
    mark_delisted,
    record_screening,
)


def test_a_version_is_claimed_once_a_failed_one_again(store: Store) -> None:
    assert latest_monitor_run(store) is None
    run = claim_monitor_run(store, "v2", "v1", "host:1", "monitor")
    assert run is not None and (run.version, run.status, run.runner) == ("v2", "running", "host:1")
    assert claim_monitor_run(store, "v2", "v1", "host:2", "monitor") is None
    failed = finish_monitor_run(store, run.id, "monitor", error="boom")
    assert (failed.status, failed.error) == ("failed", "boom")
    again = claim_monitor_run(store, "v2", "v1", "host:2", "monitor")
    assert again is not None and again.id == run.id and again.runner == "host:2"
    done = finish_monitor_run(store, again.id, "monitor", report={"alerts": [3]})
    assert (done.status, done.report, done.error) == ("done", {"alerts": [3]}, None)
    assert claim_monitor_run(store, "v2", "v1", "host:3", "monitor") is None
    assert latest_monitor_run(store) == done
    with pytest.raises(NotFound, match="no monitoring run 99"):
        finish_monitor_run(store, 99, "monitor")


def test_a_run_abandoned_while_running_may_be_claimed_again(store: Store) -> None:
    run = claim_monitor_run(store, "v3", None, "host:1", "monitor")
    assert run is not None
    assert claim_monitor_run(store, "v3", None, "host:2", "monitor") is None
    taken = claim_monitor_run(store, "v3", None, "host:2", "monitor", stale_after=timedelta(0))
    assert taken is not None and taken.runner == "host:2"


def test_concurrent_claims_give_the_version_to_exactly_one(store: Store) -> None:
    won: list[str] = []
    start = threading.Barrier(4)

    def claim(runner: str) -> None:
        start.wait()
        if claim_monitor_run(store, "v9", "v8", runner, "monitor") is not None:
            won.append(runner)

    threads = [threading.Thread(target=claim, args=(f"host:{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    assert [r.action for r in audit_records(store, "lists", "v9")] == ["monitor.start"]


def test_delisted_matches_are_noted_once(store: Store, analyst: User) -> None:
    subject = add_subject(store, subject_entity(), analyst)
    alert = record_screening(store, subject.id, [make_match(KIM, 0.9), make_match(KOMID, 0.8)],
                             threshold=0.7, algorithm="test", user=analyst).alert
    assert alert is not None
    kim = next(m for m in get_alert(store, alert.id).matches if m.entity.id == KIM.id)
    noted = mark_delisted(store, [KIM.id, "un-nobody"], "removed (list version v2)", "monitor")
    assert noted == [(alert.id, kim.id, KIM.id)]
    assert mark_delisted(store, [KIM.id], "removed again", "monitor") == []
    matches = {m.entity.id: m for m in get_alert(store, alert.id).matches}
    assert matches[KIM.id].delisted_note == "removed (list version v2)"
    assert matches[KIM.id].delisted_at is not None
    assert matches[KOMID.id].delisted_at is None and matches[KOMID.id].delisted_note is None
    records = audit_records(store, "match", str(kim.id))
    assert [(r.actor, r.action) for r in records] == [("monitor", "match.delisted")]
