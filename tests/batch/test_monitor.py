"""Delta re-screening and monitoring on the store (SQLite and PostgreSQL).

The update: the real UN list where KIM YONG CHOL (un-KPi.024) is newly listed, KIM KWANG-IL
(un-KPi.009) is delisted and ERIC BADEGE (un-CDi.001) gets a corrected birth date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.batch.delta import delta_index, rescreen_delta, to_match
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.batch.monitor import DELISTED, run_monitor
from sanctionwatch.batch.subjects import refresh
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
from sanctionwatch.model import Collection, Entity
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.sources.diff import CollectionDiff, diff_collections
from sanctionwatch.store import Role, Store, add_subject, add_user, audit_records, record_screening
from sanctionwatch.store.testing import BACKENDS, temporary_store

ADDED, REMOVED, CHANGED = "un-KPi.024", "un-KPi.009", "un-CDi.001"


def _person(name: str, birth: str | None = None) -> Entity:
    props = {"name": (name,)} | ({"birthDate": (birth,)} if birth else {})
    return Entity(id="subject", schema="Person", properties=props)


SUBJECTS = {
    "badege": _person("Eric Badege", "1971"),
    "kim_yong": _person("Kim Yong Chol", "1962-02-18"),
    "kim_kwang": _person("Kim Kwang Il", "1969-09-01"),
    "smith": _person("Jane Smith", "1980-04-01"),
}


@pytest.fixture(scope="module")
def update(un_collection: Collection) -> tuple[Collection, Collection, CollectionDiff]:
    entities = un_collection.entities
    old = Collection({k: v for k, v in entities.items() if k != ADDED}, un_collection.sources)
    changed = entities[CHANGED]
    new_entities = {k: v for k, v in entities.items() if k != REMOVED}
    new_entities[CHANGED] = replace(changed, properties={**changed.properties,
                                                         "birthDate": ("1971-05-12",)})
    new = Collection(new_entities, un_collection.sources)
    return old, new, diff_collections(old, new)


def test_the_update_is_one_added_one_removed_one_changed(
        update: tuple[Collection, Collection, CollectionDiff]) -> None:
    _, _, diff = update
    assert [e.id for e in diff.added] == [ADDED]
    assert [e.id for e in diff.removed] == [REMOVED]
    assert [(c.new.id, c.fields) for c in diff.changed] == [(CHANGED, ("birthDate",))]


def test_delta_rescreening_finds_only_the_updated_entities(
        update: tuple[Collection, Collection, CollectionDiff], tmp_path: Path) -> None:
    _, new, diff = update
    subjects = [(key, e) for key, e in SUBJECTS.items()]
    result = rescreen_delta(subjects, diff.updated(), new, LocalEngine(workers=0), tmp_path,
                            algorithm=DEFAULT_ALGORITHM, threshold=DEFAULT_THRESHOLD)
    assert {(h.subject, h.entity_id) for h in result.hits} == {("badege", CHANGED),
                                                               ("kim_yong", ADDED)}
    assert (result.subjects, result.screened, result.entities) == (4, 4, 2)
    match = to_match(result.hits[0], new)
    assert match.entity is new.entities[CHANGED]
    assert match.datasets == ("un_sc",) and match.explanation.features
    assert list(tmp_path.iterdir()) == []  # the delta snapshot is removed


def test_nothing_updated_screens_nothing(un_collection: Collection, tmp_path: Path) -> None:
    result = rescreen_delta([("a", SUBJECTS["badege"])], [], un_collection,
                            LocalEngine(workers=0), tmp_path, algorithm=DEFAULT_ALGORITHM,
                            threshold=DEFAULT_THRESHOLD)
    assert (result.hits, result.screened) == ((), 0)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with temporary_store(request.param, tmp_path) as opened:
        yield opened


def test_monitoring_alerts_new_and_changed_and_annotates_delisted(
        store: Store, update: tuple[Collection, Collection, CollectionDiff], un_index: Index,
        tmp_path: Path) -> None:
    _, new, diff = update
    analyst = add_user(store, "ana", Role.ANALYST)[0]
    ids = {key: add_subject(store, e, analyst).id for key, e in SUBJECTS.items()}
    before = screen(un_index, SUBJECTS["kim_kwang"], ScreeningConfig())
    earlier = record_screening(store, ids["kim_kwang"], before.matches,
                               threshold=DEFAULT_THRESHOLD, algorithm=DEFAULT_ALGORITHM,
                               user=analyst)
    assert earlier.alert is not None

    report = run_monitor(store, diff, new, LocalEngine(workers=0), tmp_path,
                         algorithm=DEFAULT_ALGORITHM, threshold=DEFAULT_THRESHOLD,
                         keys_path=tmp_path / "keys.pkl")
    # only the subjects sharing a key with the change are screened (not Jane Smith)
    assert (report.subjects, report.screened, report.updated_entities) == (4, 3, 2)
    assert len(report.alerts) == 2
    assert [(a, e) for a, _, e in report.delisted] == [(earlier.alert.id, REMOVED)]
    delisted = [r for r in audit_records(store) if r.action == DELISTED]
    assert len(delisted) == 1 and delisted[0].actor == "monitor"

    again = run_monitor(store, diff, new, LocalEngine(workers=0), tmp_path,
                        algorithm=DEFAULT_ALGORITHM, threshold=DEFAULT_THRESHOLD)
    assert (again.alerts, again.delisted) == ([], [])
    assert again.already_alerted == 2


def test_subject_keys_screen_only_candidates_with_the_same_hits(
        update: tuple[Collection, Collection, CollectionDiff], tmp_path: Path) -> None:
    _, new, diff = update
    subjects = [(key, e) for key, e in SUBJECTS.items()]
    subjects += [(f"other{i}", _person(name)) for i, name in enumerate(
        ["Ирина Петрова", "王伟", "Hans Müller", "محمد علي", "Erik Badeg", "김영철"])]
    path = tmp_path / "keys.pkl"
    keys = refresh(path, subjects)
    assert len(keys) == len(subjects)
    engine = LocalEngine(workers=0)
    options: dict[str, Any] = {"algorithm": DEFAULT_ALGORITHM, "threshold": DEFAULT_THRESHOLD}
    everyone = rescreen_delta(subjects, diff.updated(), new, engine, tmp_path / "a", **options)
    filtered = rescreen_delta(subjects, diff.updated(), new, engine, tmp_path / "b", keys=keys,
                              **options)
    assert filtered.hits == everyone.hits
    assert filtered.screened < everyone.screened == len(subjects)
    for subject in ("badege", "kim_yong", "other4", "other5"):  # typo and Hangul included
        assert subject in keys.candidates(delta_index(diff.updated(), new))  # type: ignore[arg-type]
    assert "other0" not in keys.candidates(delta_index(diff.updated(), new))  # type: ignore[arg-type]
    edited = [(k, _person("Jane Smyth") if k == "smith" else e) for k, e in subjects]
    again = refresh(path, edited)
    assert again.hashes != keys.hashes and again.subjects == keys.subjects
