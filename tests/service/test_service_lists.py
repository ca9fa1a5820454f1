"""The service watches the lists on its own: a new version is swapped in, monitored once
however many workers run, and shown (``GET /lists``, ``POST /lists/reload``).

The lists are the real UN list in two versions (``listupdate.py``): the old one stands in for
the bundled snapshot, the new one is swapped in as ``lists update`` does it
(``ListStore.set_current``): KIM YONG CHOL listed, KIM KWANG-IL delisted, ERIC BADEGE's birth
date corrected.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from apihelp import auth, queries
from fastapi import FastAPI
from fastapi.testclient import TestClient
from listupdate import ADDED, CHANGED, REMOVED, SUBJECTS, un_version, write_version

from sanctionwatch.index import Index
from sanctionwatch.service import IndexHolder, ServiceConfig, create_app
from sanctionwatch.sources import load_specs
from sanctionwatch.sources.fetch import ListStore
from sanctionwatch.sources.snapshot import ListVersions, LoadPolicy
from sanctionwatch.store import AlertFilter, Store, audit_records, list_alerts


@pytest.fixture
def lists(tmp_path: Path) -> ListStore:
    bundled = write_version(tmp_path / "bundled", un_version(is_old=True))
    return ListStore(tmp_path / "home", bundled)


def publish(lists: ListStore, data: bytes) -> str:
    """Swap in a version of the UN list as ``lists update`` does; the lists' new version."""
    spec = next(s for s in load_specs() if s.name == "un_sc")
    name = f"download-{len(lists.versions(spec.name)) + 1}"
    write_version(lists.root / spec.name / name, data)
    lists.set_current(spec, name, {"records": 0}, [spec])
    return lists.active_version()


def make_app(lists: ListStore, store: Store, **options: Any) -> FastAPI:
    holder = IndexHolder(ListVersions(lists, lists.root.parent / "cache",
                                      LoadPolicy(sources=("un_sc",))))
    holder.load_now()
    return create_app(holder, store, ServiceConfig(**options))


def add_subjects(api: TestClient, key: str, names: list[str]) -> dict[str, int | None]:
    """Store and screen subjects; the alert each opened (None: none)."""
    out: dict[str, int | None] = {}
    for name in names:
        entity = SUBJECTS[name]
        body = api.post("/subjects", headers=auth(key), json={
            "schema": entity.schema,
            "properties": {k: list(v) for k, v in entity.properties.items()}}).json()
        out[name] = body["alert"]["id"] if body["alert"] else None
    return out


def matched(api: TestClient, key: str, name: str) -> list[str]:
    query = {"schema": "Person", "properties": {"name": [name]}}
    body = api.post("/match/default", json=queries(q=query), headers=auth(key)).json()
    return [r["id"] for r in body["responses"]["q"]["results"]]


def test_a_new_list_version_is_swapped_in_and_monitored(
        lists: ListStore, store: Store, keys: dict[str, str], tmp_path: Path) -> None:
    app = make_app(lists, store, monitor_dir=tmp_path / "monitor")
    with TestClient(app) as api:
        admin, viewer = auth(keys["admin"]), auth(keys["viewer"])
        alerts = add_subjects(api, keys["analyst"], list(SUBJECTS))
        assert {k for k, v in alerts.items() if v} == {"badege", "kim_kwang"}
        status = api.get("/lists", headers=viewer).json()
        assert status["version"] == "bundled" and status["is_watching"]
        assert (status["last_reload"], status["last_monitor"]) == (None, None)
        assert ADDED not in matched(api, keys["viewer"], "Kim Yong Chol")

        version = publish(lists, un_version(is_old=False))
        assert api.post("/lists/reload", headers=auth(keys["analyst"])).status_code == 403
        reload = api.post("/lists/reload", headers=admin).json()
        assert (reload["status"], reload["version"], reload["previous"]) == (
            "reloaded", version, "bundled")
        assert reload["changes"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1000}
        assert reload["monitor"]["status"] == "done" and reload["error"] is None
        report = reload["monitor"]["report"]
        # KIM YONG CHOL: a new alert; BADEGE's changed listing joins his open alert
        assert report["extended"] == [alerts["badege"]] and len(report["alerts"]) == 1
        assert [alert for alert, _, _ in report["delisted"]] == [alerts["kim_kwang"]]
        assert ADDED in matched(api, keys["viewer"], "Kim Yong Chol")  # the new lists serve

        kim_kwang = api.get(f"/alerts/{alerts['kim_kwang']}", headers=viewer).json()
        removed = next(m for m in kim_kwang["matches"] if m["entity"]["id"] == REMOVED)
        assert removed["delisted"]["note"] == f"removed from the list (list version {version})"
        badege = api.get(f"/alerts/{alerts['badege']}", headers=viewer).json()
        assert sorted(m["entity"]["properties"]["birthDate"][0] for m in badege["matches"]
                      if m["entity"]["id"] == CHANGED) == ["1971", "1971-05-12"]
        assert all(m["delisted"] is None for m in badege["matches"])

        assert api.post("/lists/reload", headers=admin).json()["status"] == "unchanged"
        status = api.get("/lists", headers=viewer).json()
        assert status["version"] == version and status["last_reload"]["status"] == "reloaded"
        assert (status["last_monitor"]["version"], status["last_monitor"]["status"]) == (
            version, "done")


def test_two_workers_reload_but_monitor_a_version_once(
        lists: ListStore, store: Store, keys: dict[str, str]) -> None:
    workers = [make_app(lists, store), make_app(lists, store)]
    with TestClient(workers[0]) as one, TestClient(workers[1]) as two:
        subject = add_subjects(one, keys["analyst"], ["kim_yong"])
        assert subject == {"kim_yong": None}
        version = publish(lists, un_version(is_old=False))
        outcomes: list[dict[str, Any]] = []
        together = threading.Barrier(2)

        def reload(api: TestClient) -> None:
            together.wait()
            outcomes.append(api.post("/lists/reload", headers=auth(keys["admin"])).json())

        threads = [threading.Thread(target=reload, args=(api,)) for api in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [(o["status"], o["version"]) for o in outcomes] == [("reloaded", version)] * 2
        assert sorted(o["monitor"] is None for o in outcomes) == [False, True]
        assert list_alerts(store, AlertFilter())[1] == 1
        assert [r.action for r in audit_records(store, "lists", version)] == [
            "monitor.start", "monitor.done"]
        for api in (one, two):  # each worker shows the one run
            shown = api.get("/lists", headers=auth(keys["viewer"])).json()["last_monitor"]
            assert (shown["version"], shown["status"]) == (version, "done")


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_service_notices_a_new_version_on_its_own(
        lists: ListStore, store: Store, keys: dict[str, str]) -> None:
    app = make_app(lists, store, reload_seconds=0.05)
    with TestClient(app) as api:
        add_subjects(api, keys["analyst"], ["kim_yong"])
        version = publish(lists, un_version(is_old=False))
        watcher = api.app.state.sanctionwatch.watcher  # type: ignore[attr-defined]
        for _ in range(1200):
            if watcher.last is not None:
                break
            threading.Event().wait(0.05)
        assert (watcher.last.status, watcher.last.version) == ("reloaded", version)
        assert watcher.last.monitor.report["alerts"] == [
            a.id for a in list_alerts(store, AlertFilter())[0]]


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_a_version_that_does_not_load_leaves_the_old_one_serving(
        lists: ListStore, store: Store, keys: dict[str, str]) -> None:
    app = make_app(lists, store)
    with TestClient(app) as api:
        admin = auth(keys["admin"])
        broken = publish(lists, un_version(is_old=False)[:50_000])
        failed = api.post("/lists/reload", headers=admin).json()
        assert (failed["status"], failed["version"], failed["monitor"]) == (
            "failed", "bundled", None)
        assert "consolidated.xml" in failed["error"]
        assert "un-CDi.001" in matched(api, keys["viewer"], "Eric Badege")
        assert api.get("/lists", headers=auth(keys["viewer"])).json()["last_reload"][
            "status"] == "failed"
        fixed = publish(lists, un_version(is_old=False))
        assert fixed != broken
        done = api.post("/lists/reload", headers=admin).json()
        assert (done["status"], done["version"]) == ("reloaded", fixed)


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_lists_given_to_the_service_are_not_reloaded(
        un_index: Index, store: Store, keys: dict[str, str]) -> None:
    with TestClient(create_app(un_index, store)) as api:
        response = api.post("/lists/reload", headers=auth(keys["admin"]))
        assert response.status_code == 409
        assert response.json()["detail"] == (
            "the service runs over lists it was given: nothing to reload")
        status = api.get("/lists", headers=auth(keys["viewer"])).json()
        assert (status["version"], status["is_watching"]) == (None, False)
