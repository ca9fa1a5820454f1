from __future__ import annotations

from apihelp import KIM, KOMID, auth, queries
from fastapi.testclient import TestClient

from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM
from sanctionwatch.service import ServiceConfig, create_app
from sanctionwatch.store import Store


def test_match_finds_kim_jong_un_in_three_scripts(api: TestClient, keys: dict[str, str]) -> None:
    body = queries(
        latin=KIM,
        hangul={"schema": "Person", "properties": {"name": ["김정은"]}},
        cyrillic={"schema": "Person", "properties": {"name": ["Ким Чен Ын"]}},
    )
    response = api.post("/match/default", json=body, headers=auth(keys["viewer"]))
    assert response.status_code == 200
    data = response.json()
    assert data["limit"] == 5
    assert data["matcher"]["algorithm"] == DEFAULT_ALGORITHM
    for key in ("latin", "hangul", "cyrillic"):
        result = data["responses"][key]
        assert result["status"] == 200
        top = result["results"][0]
        assert top["id"] == "ofac-20157"
        assert top["caption"] == "KIM, Jong Un"
        assert top["match"] is True
        assert top["score"] >= 0.9
        assert top["features"]
        assert top["explanation"]["summary"]
        assert result["total"]["value"] == len(result["results"])
    assert data["responses"]["hangul"]["query"]["properties"]["name"] == ["김정은"]


def test_match_limit_threshold_cutoff_and_datasets(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    data = api.post("/match/default?limit=2&threshold=0.99", json=queries(q=KOMID),
                    headers=headers).json()
    results = data["responses"]["q"]["results"]
    assert len(results) == 2
    assert not any(r["match"] for r in results)
    only_un = api.post("/match/un_sc?cutoff=0.5", json=queries(q=KOMID), headers=headers).json()
    un_results = only_un["responses"]["q"]["results"]
    assert un_results
    assert all("un_sc" in r["datasets"] for r in un_results)
    assert un_results[0]["id"] == "un-KPe.001"
    assert all(r["score"] >= 0.5 for r in un_results)
    both = api.post("/match/default", json=queries(q=KOMID), headers=headers).json()
    top = both["responses"]["q"]["results"][0]
    assert top["id"] in {"ofac-9345", "un-KPe.001"}
    assert {"ofac_sdn", "un_sc"} <= set(top["datasets"])  # every list the party is on
    excluded = api.post("/match/default?exclude_entity_ids=un-KPe.001", json=queries(q=KOMID),
                        headers=headers).json()
    assert "un-KPe.001" not in [r["id"] for r in excluded["responses"]["q"]["results"]]


def test_search_entities_catalog_algorithms(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    found = api.get("/search/default", params={"q": "Korea Mining Development"},
                    headers=headers).json()
    assert "un-KPe.001" in [r["id"] for r in found["results"]]
    entity = api.get("/entities/un-KPe.001", headers=headers).json()
    assert entity["schema"] == "Organization"
    assert "KOMID" in entity["properties"]["alias"] + entity["properties"].get("weakAlias", [])
    assert entity["datasets"] == ["un_sc"]
    catalog = api.get("/catalog", headers=headers).json()
    names = [d["name"] for d in catalog["datasets"]]
    assert names[0] == "default"
    assert {"ofac_sdn", "un_sc"} <= set(names)
    un = next(d for d in catalog["datasets"] if d["name"] == "un_sc")
    assert un["version"] == "2026-02-27"
    assert un["entity_count"] == 1003
    algorithms = api.get("/algorithms", headers=headers).json()
    assert algorithms["default"] == DEFAULT_ALGORITHM
    assert DEFAULT_ALGORITHM in [a["name"] for a in algorithms["algorithms"]]
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/readyz").json() == {"status": "ok"}


def test_reads_need_a_key_unless_opened(index: Index, store: Store, keys: dict[str, str]) -> None:
    with TestClient(create_app(index, store)) as closed:
        response = closed.post("/match/default", json=queries(q=KIM))
        assert response.status_code == 401
        assert response.json() == {
            "status": 401,
            "detail": "an API key is required: send 'Authorization: ApiKey <key>'",
        }
        assert response.headers["www-authenticate"] == "ApiKey"
        assert closed.get("/entities/un-KPe.001", headers=auth("sw_wrong")).status_code == 401
        assert closed.get("/search/default?q=x", headers={"Authorization": "Basic x"}) \
            .json()["detail"] == "Authorization header: expected 'ApiKey <key>'"
    with TestClient(create_app(index, store, ServiceConfig(open_reads=True))) as opened:
        assert opened.post("/match/default", json=queries(q=KIM)).status_code == 200
        assert opened.get("/entities/un-KPe.001").status_code == 200
        assert opened.post("/subjects", json=KIM).status_code == 401
        assert opened.get("/alerts").status_code == 401


def test_bad_input_gets_4xx_with_clear_message(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])

    def post(body: object, path: str = "/match/default") -> tuple[int, str]:
        response = api.post(path, json=body, headers=headers)
        return response.status_code, response.json()["detail"]

    status, detail = post({"queries": {"q": {"schema": "Dragon", "properties": {"name": ["x"]}}}})
    assert status == 400
    assert detail.startswith("schema 'Dragon' is not a FollowTheMoney schema (e.g. ")
    status, detail = post({"queries": {"q": {"schema": "Person", "properties": {"wings": ["2"]}}}})
    assert (status, detail) == (400, "query 'q': 'wings' is not a property of schema 'Person'")
    status, detail = post({"queries": {}})
    assert status == 422
    assert "body.queries" in detail
    status, detail = post({"queries": {"q": {"properties": {"name": ["x"]}}}})
    assert (status, detail) == (422, "body.queries.q.schema: Field required")
    status, detail = post({"queries": {"q": {"schema": "Person", "properties": {"name": "x\x00"}}}})
    assert status == 422
    assert "NUL" in detail
    status, detail = post(queries(q=KIM), "/match/nowhere")
    assert (status, detail) == (404, "dataset 'nowhere' does not exist; known: default, "
                                + ", ".join(d for d in _sources(api, keys)))
    status, detail = post(queries(q=KIM), "/match/default?algorithm=magic")
    assert status == 400
    assert detail.startswith("algorithm 'magic' is unknown; known: ")
    status, detail = post(queries(q=KIM), "/match/default?limit=100000")
    assert status == 422
    assert detail.startswith("query.limit: ")
    bad_json = api.post("/match/default", content=b'{"queries": {', headers={
        **headers, "Content-Type": "application/json"})
    assert bad_json.status_code == 400
    assert bad_json.json()["detail"].startswith("request body is not valid JSON")
    lone_surrogate = b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["\\ud800"]}}}}'
    odd = api.post("/match/default", content=lone_surrogate,
                   headers={**headers, "Content-Type": "application/json"})
    assert odd.status_code == 422
    assert "unicode string" in odd.json()["detail"]
    huge = api.post("/match/default", json=queries(q={"schema": "Person", "properties": {
        "name": ["x" * 1000] * 50}}) | {"pad": "y" * 300_000}, headers=headers)
    assert huge.status_code == 413
    assert huge.json()["detail"] == "request body is larger than 200000 bytes"
    assert api.get("/entities/nobody", headers=headers).json() == {
        "status": 404, "detail": "entity 'nobody' is not on any loaded list"}


def test_odd_unicode_names_are_screened_not_crashed(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    for name in ("ＫＩＭ　ＪＯＮＧ　ＵＮ", "K\u200bim Jong\u00adUn", "🙂🙂", "\u202enU gnoJ miK", " ", "x" * 1000,
                 "'; DROP TABLE users; --"):
        response = api.post("/match/default", json=queries(q={"schema": "Person",
                                                                "properties": {"name": [name]}}),
                            headers=headers)
        assert response.status_code in (200, 400), name
        assert "detail" in response.json() or "responses" in response.json()


def _sources(api: TestClient, keys: dict[str, str]) -> list[str]:
    return [d["name"] for d in api.get("/catalog", headers=auth(keys["viewer"])).json()
            ["datasets"][1:]]


def test_match_response_has_the_documented_shape(api: TestClient, keys: dict[str, str]) -> None:
    from sanctionwatch.service.schemas import EntityMatchResponse

    body = api.post("/match/default", json=queries(q=KIM, k=KOMID),
                    headers=auth(keys["viewer"])).json()
    assert EntityMatchResponse.model_validate(body).model_dump(by_alias=True, exclude_unset=True) \
        == body


def test_match_carries_related_and_entities_nest_them(api: TestClient,
                                                      keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    body = api.post("/match/default", json=queries(r={"schema": "Person", "properties": {
        "name": ["Rim Yong Hyok"], "birthDate": ["1972-03-04"]}}), headers=headers).json()
    top = body["responses"]["r"]["results"][0]
    assert top["id"] == "ofac-44294"
    assert top["related"][0]["id"] == "ofac-21171"
    assert top["related"][0]["reason"] == "Linked To: PRIGOZHIN, Yevgeniy Viktorovich"
    entity = api.get("/entities/un-KPe.001", headers=headers).json()
    employees = entity["properties"]["employees"]
    assert {e["properties"]["employee"][0]["id"] for e in employees} >= {"un-KPi.011"}
    assert all(e["properties"]["employer"] == ["un-KPe.001"] for e in employees)
