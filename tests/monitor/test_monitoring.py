"""Monitoring on the store (SQLite and PostgreSQL), screening in-process: the real UN update of
``listupdate.py`` (KIM YONG CHOL listed, KIM KWANG-IL delisted, ERIC BADEGE's birth date)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from listupdate import ADDED, CHANGED, REMOVED, SUBJECTS, ListUpdate

from sanctionwatch.index import Index, build_index
from sanctionwatch.model import Collection
from sanctionwatch.monitor import (
    MONITOR_USER,
    DeltaScreener,
    Screened,
    monitor_version,
    run_monitor,
    screen_in_process,
)
from sanctionwatch.screen import ScreeningConfig
from sanctionwatch.sources.diff import CollectionDiff, EntityChange
from sanctionwatch.store import (
    AlertFilter,
    AlertStatus,
    Role,
    Store,
    User,
    add_subject,
    add_user,
    audit_records,
    decide,
    get_alert,
    latest_monitor_run,
    list_alerts,
)
from sanctionwatch.store.screening import screen_subject

CONFIG = ScreeningConfig()


@pytest.fixture(scope="module")
def old_index(un_update: ListUpdate) -> Index:
    return build_index(un_update.old)


@pytest.fixture
def analyst(store: Store) -> User:
    return add_user(store, "ana", Role.ANALYST)[0]


def _subjects(store: Store, analyst: User) -> dict[str, int]:
    return {key: add_subject(store, e, analyst).id for key, e in SUBJECTS.items()}


def _alert_of(store: Store, subject_id: int) -> int:
    found, total = list_alerts(store, AlertFilter(subject_id=subject_id))
    assert total == 1
    return found[0].id


def test_new_and_changed_entries_alert_removed_ones_are_noted(
        store: Store, analyst: User, un_update: ListUpdate, old_index: Index,
        tmp_path: Path) -> None:
    ids = _subjects(store, analyst)
    earlier = screen_subject(store, old_index, ids["kim_kwang"], analyst, CONFIG)
    assert earlier.alert is not None

    report = run_monitor(store, un_update.diff, un_update.new_index, screen_in_process,
                         config=CONFIG,
                         keys_path=tmp_path / "keys.pkl", note="gone")
    # only the subjects that could reach the change are screened: not Jane Smith, nor
    # Kim Kwang Il, who shares only "Kim" with the newly listed Kim Yong Chol
    assert (report.subjects, report.screened, report.updated_entities) == (4, 2, 2)
    assert sorted(report.alerts) == sorted([_alert_of(store, ids["badege"]),
                                            _alert_of(store, ids["kim_yong"])])
    assert report.extended == []
    assert [m.entity.id for m in get_alert(store, _alert_of(store, ids["kim_yong"])).matches] == [
        ADDED]
    assert report.delisted == [(earlier.alert.id, get_alert(store, earlier.alert.id)
                                .matches[0].id, REMOVED)]
    delisted = [r for r in audit_records(store) if r.action == "match.delisted"]
    assert len(delisted) == 1 and delisted[0].actor == MONITOR_USER
    match = get_alert(store, earlier.alert.id).matches[0]
    assert (match.entity.id, match.delisted_note) == (REMOVED, "gone")
    assert match.delisted_at is not None

    again = run_monitor(store, un_update.diff, un_update.new_index, screen_in_process,
                        config=CONFIG)
    assert (again.alerts, again.extended, again.delisted) == ([], [], [])
    assert again.already_alerted == 2


def test_a_changed_entry_joins_the_open_alert_and_opens_one_after_closing(
        store: Store, analyst: User, un_update: ListUpdate, old_index: Index) -> None:
    ids = _subjects(store, analyst)
    badege = screen_subject(store, old_index, ids["badege"], analyst, CONFIG).alert
    assert badege is not None and badege.status is AlertStatus.OPEN
    report = run_monitor(store, un_update.diff, un_update.new_index, screen_in_process,
                         config=CONFIG)
    assert report.extended == [badege.id]
    detail = get_alert(store, badege.id)
    # the listing as it was, and as it is now: both in the one case
    assert [m.entity.id for m in detail.matches] == [CHANGED, CHANGED]
    assert {m.entity.get("birthDate") for m in detail.matches} == {("1971",), ("1971-05-12",)}
    assert detail.alert.score == max(m.score for m in detail.matches)
    assert [r.action for r in audit_records(store, "alert", str(badege.id))] == [
        "alert.open", "alert.extend"]

    reviewer = add_user(store, "rev", Role.REVIEWER)[0]
    for m in detail.matches:  # high scores: clearing them takes a second pair of eyes
        decide(store, badege.id, m.id, analyst, "false_positive", "born in another year")
        decide(store, badege.id, m.id, reviewer, "confirm", "checked the passport")
    assert get_alert(store, badege.id).alert.status is AlertStatus.CLOSED
    now = un_update.diff.changed[0].new
    corrected = replace(now, properties={**now.properties, "birthDate": ("1971-05-13",)})
    again = CollectionDiff((), (), (EntityChange(now, corrected, ("birthDate",)),))
    current = build_index(Collection({**un_update.new.entities, CHANGED: corrected},
                                     un_update.new.sources))
    later = run_monitor(store, again, current, screen_in_process, config=CONFIG)
    assert later.extended == [] and len(later.alerts) == 1 and later.alerts[0] != badege.id


def _failing(index: Index, subjects: object, config: ScreeningConfig) -> Screened:
    raise RuntimeError("the screening step broke")


def test_each_version_is_monitored_once_and_a_failed_run_again(
        store: Store, analyst: User, un_update: ListUpdate) -> None:
    _subjects(store, analyst)
    failing: DeltaScreener = _failing  # type: ignore[assignment]
    with pytest.raises(RuntimeError, match="broke"):
        monitor_version(store, "v2", "v1", un_update.diff, un_update.new_index, failing,
                        config=CONFIG, runner="test:1")
    failed = latest_monitor_run(store)
    assert failed is not None
    assert (failed.status, failed.error) == ("failed", "RuntimeError: the screening step broke")

    run = monitor_version(store, "v2", "v1", un_update.diff, un_update.new_index,
                          screen_in_process,
                          config=CONFIG, runner="test:2")
    assert run is not None and run.status == "done" and run.runner == "test:2"
    assert run.report is not None
    assert run.report["changes"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1000}
    assert len(run.report["alerts"]) == 2
    assert monitor_version(store, "v2", "v1", un_update.diff, un_update.new_index,
                           screen_in_process, config=CONFIG, runner="test:3") is None
    delisted = get_alert(store, run.report["alerts"][0])
    assert all(m.delisted_at is None for m in delisted.matches)
    actions = [r.action for r in audit_records(store, "lists", "v2")]
    assert actions == ["monitor.start", "monitor.failed", "monitor.start", "monitor.done"]
