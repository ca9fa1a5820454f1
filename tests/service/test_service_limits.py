"""Issue 10: no request stalls the service; users and keys; one customer, one subject;
keys everywhere but health; no server paths; UTC offsets; 413 for every oversize body."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from apihelp import KIM, auth, queries
from fastapi.testclient import TestClient

from sanctionwatch.service import IndexHolder, ServiceConfig, create_app
from sanctionwatch.sources import load_collection
from sanctionwatch.store import Store, audit_records

if TYPE_CHECKING:
    from sanctionwatch.index import Index

NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "abbreviation")


def heavy_body(count: int, values: int) -> dict[str, object]:
    """The issue's body: queries x 5 name properties x values names."""
    return queries(**{f"q{i}": {"schema": "Organization", "properties": {
        p: [f"T{i} {p[:2]}{v}" for v in range(values)] for p in NAME_PROPS}}
        for i in range(count)})


def test_too_many_names_is_413_naming_the_limit(api: TestClient, keys: dict[str, str]) -> None:
    response = api.post("/match/default", json=heavy_body(50, 20), headers=auth(keys["viewer"]))
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "5000 names in one request; at most 250 in all queries together: split it into "
        "smaller requests")


def test_configured_limits_on_queries_and_values(index: Index, store: Store,
                                                 keys: dict[str, str]) -> None:
    from sanctionwatch.service.scoring import RequestLimits

    config = ServiceConfig(limits=RequestLimits(queries=2, values=3, names=250))
    with TestClient(create_app(index, store, config)) as client:
        three = queries(a=KIM, b=KIM, c=KIM)
        response = client.post("/match/default", json=three, headers=auth(keys["viewer"]))
        assert (response.status_code, response.json()["detail"]) == (
            413, "3 queries in one request; at most 2")
        many = queries(a={"schema": "Person", "properties": {"name": ["a", "b", "c", "d"]}})
        response = client.post("/match/default", json=many, headers=auth(keys["viewer"]))
        assert (response.status_code, response.json()["detail"]) == (
            413, "query 'a': name has 4 values; at most 3 per property")


def test_spent_budget_and_full_queue_answer_503(index: Index, store: Store,
                                                keys: dict[str, str]) -> None:
    config = ServiceConfig(score_seconds=0.0)
    with TestClient(create_app(index, store, config)) as client:
        response = client.post("/match/default", json=queries(q=KIM),
                               headers=auth(keys["viewer"]))
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert "time budget" in response.json()["detail"]
    config = ServiceConfig(score_threads=1, score_queue=0)
    app = create_app(index, store, config)
    with TestClient(app) as client:
        pool = app.state.sanctionwatch.pool
        pool._pending = pool.limit  # every place taken (as by requests in flight)
        response = client.get("/search/default", params={"q": "KOMID"},
                              headers=auth(keys["viewer"]))
        assert response.status_code == 503
        assert response.json()["detail"].startswith("the service is busy")


def test_scoring_runs_off_the_event_loop(api: TestClient, keys: dict[str, str]) -> None:
    import threading

    from sanctionwatch.service.scoring import ScoringPool

    seen: list[str] = []
    original = ScoringPool.run

    async def spy(self: ScoringPool, work):  # type: ignore[no-untyped-def]
        def wrapped(budget):  # type: ignore[no-untyped-def]
            seen.append(threading.current_thread().name)
            return work(budget)
        return await original(self, wrapped)

    ScoringPool.run = spy  # type: ignore[method-assign]
    try:
        assert api.post("/match/default", json=queries(q=KIM),
                        headers=auth(keys["viewer"])).status_code == 200
    finally:
        ScoringPool.run = original  # type: ignore[method-assign]
    assert seen and all(name.startswith("sanctionwatch-score") for name in seen)


def test_users_list_deactivate_rotate_are_audited(api: TestClient, keys: dict[str, str],
                                                  store: Store) -> None:
    admin = auth(keys["admin"])
    names = [u["name"] for u in api.get("/users", headers=admin).json()]
    assert "analyst-1" in names
    assert api.get("/users", headers=auth(keys["analyst"])).status_code == 403
    rotated = api.post("/users/analyst-1/rotate-key", headers=admin)
    assert rotated.status_code == 200
    new_key = rotated.json()["key"]
    assert api.get("/alerts", headers=auth(keys["analyst"])).status_code == 401
    assert api.get("/alerts", headers=auth(new_key)).status_code == 200
    off = api.post("/users/analyst-1/deactivate", headers=admin)
    assert off.json()["is_active"] is False
    assert api.get("/alerts", headers=auth(new_key)).status_code == 401
    actions = [r.action for r in audit_records(store, "user", None, 1000)]
    assert "user.rotate_key" in actions and "user.deactivate" in actions
    again = api.post("/users/analyst-1/deactivate", headers=admin)
    assert again.status_code == 409


def test_reserved_actor_names_cannot_be_claimed(api: TestClient, keys: dict[str, str]) -> None:
    admin = auth(keys["admin"])
    for name in ("system", "System", " MONITOR ", "sys-tem", "ｓｙｓｔｅｍ"):
        response = api.post("/users", json={"name": name, "role": "admin"}, headers=admin)
        assert response.status_code == 409, name
        assert "reserved for automated work" in response.json()["detail"]
    assert api.post("/users", json={"name": "ana", "role": "analyst"},
                    headers=admin).status_code == 201


def test_same_external_id_three_times_is_one_subject_one_alert(
        api: TestClient, keys: dict[str, str]) -> None:
    body = {**KIM, "external_id": "CUST-7"}
    answers = [api.post("/subjects", json=body, headers=auth(keys["analyst"]))
               for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 200, 200]
    assert len({a.json()["subject"]["id"] for a in answers}) == 1
    assert answers[0].json()["alert"] is not None
    assert [a.json()["alert"] for a in answers[1:]] == [None, None]
    alerts = api.get("/alerts", headers=auth(keys["viewer"])).json()
    assert alerts["total"] == 1


def test_timestamps_carry_a_utc_offset(api: TestClient, keys: dict[str, str]) -> None:
    outcome = api.post("/subjects", json=KIM, headers=auth(keys["analyst"])).json()
    stamps = [outcome["subject"]["created_at"], outcome["subject"]["screened_at"],
              outcome["alert"]["created_at"], outcome["alert"]["updated_at"]]
    alert = api.get(f"/alerts/{outcome['alert']['id']}", headers=auth(keys["viewer"])).json()
    stamps += [alert["subject"]["created_at"], alert["alert"]["updated_at"]]
    assert all(s.endswith(("Z", "+00:00")) for s in stamps), stamps


def test_catalog_and_algorithms_need_a_key(api: TestClient, keys: dict[str, str]) -> None:
    for path in ("/catalog", "/algorithms"):
        assert api.get(path).status_code == 401, path
        assert api.get(path, headers=auth(keys["viewer"])).status_code == 200, path
    assert api.get("/healthz").status_code == 200


def test_chunked_body_over_the_limit_is_413(api: TestClient, keys: dict[str, str]) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["'
        for _ in range(300):
            yield b"x" * 1000
        yield b'"]}}}}'

    response = api.post("/match/default", content=chunks(),
                        headers={**auth(keys["viewer"]), "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"] == "request body is larger than 200000 bytes"


def test_lists_that_fail_to_load_show_no_server_path(data_dir: Path, tmp_path: Path,
                                                     store: Store, keys: dict[str, str]) -> None:
    broken = tmp_path / "lists"
    broken.mkdir()
    (broken / "un").mkdir()
    (broken / "un" / "consolidated.xml").write_text("<CONSOLIDATED_LIST><INDIVIDUALS>")
    holder = IndexHolder(lambda: __import__("sanctionwatch.index", fromlist=["build_index"])
                         .build_index(load_collection(broken, only=["un_sc"])))
    with TestClient(create_app(holder, store)) as client:
        import time

        for _ in range(100):
            response = client.get("/catalog", headers=auth(keys["viewer"]))
            if "still loading" not in response.text:
                break
            time.sleep(0.1)
        assert response.status_code == 503
        assert str(tmp_path) not in response.text
        assert "consolidated.xml" in response.text
