from __future__ import annotations

from typing import Any

from apihelp import KIM, auth
from fastapi.testclient import TestClient

SUBJECT = {**KIM, "external_id": "CUST-0042"}


def _open_alert(api: TestClient, key: str, subject: dict[str, Any] = SUBJECT) -> dict[str, Any]:
    response = api.post("/subjects", json=subject, headers=auth(key))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_subject_screening_opens_alert(api: TestClient, keys: dict[str, str]) -> None:
    body = _open_alert(api, keys["analyst"])
    assert body["subject"]["external_id"] == "CUST-0042"
    assert body["subject"]["caption"] == "Kim Jong Un"
    assert body["candidates"] >= 1
    alert = body["alert"]
    assert alert["status"] == "open"
    assert alert["score"] >= 0.9
    detail = api.get(f"/alerts/{alert['id']}", headers=auth(keys["viewer"])).json()
    assert detail["subject"]["properties"]["name"] == ["Kim Jong Un"]
    top = detail["matches"][0]
    assert top["entity"]["id"] == "ofac-20157"
    assert top["state"] == "open"
    assert top["explanation"]["features"]
    again = api.post(f"/subjects/{body['subject']['id']}/screen", headers=auth(keys["analyst"]))
    assert again.json()["alert"] is None
    assert "ofac-20157" in again.json()["already_alerted"]


def test_alert_queue_filters(api: TestClient, keys: dict[str, str]) -> None:
    first = _open_alert(api, keys["analyst"])["alert"]
    second = _open_alert(api, keys["analyst"], {"schema": "Organization", "properties": {
        "name": ["Korea Mining Development Trading Corporation"]}})["alert"]
    headers = auth(keys["viewer"])
    everything = api.get("/alerts", headers=headers).json()
    assert everything["total"] == 2
    assert {a["id"] for a in everything["results"]} == {first["id"], second["id"]}
    un_only = api.get("/alerts", params={"source": "un_sc"}, headers=headers).json()
    with_un = {
        alert_id for alert_id in (first["id"], second["id"])
        if any("un_sc" in m["entity"]["datasets"] for m in api.get(
            f"/alerts/{alert_id}", headers=headers).json()["matches"])
    }
    assert second["id"] in with_un
    assert {a["id"] for a in un_only["results"]} == with_un
    assert api.get("/alerts", params={"source": "eu_fsf"}, headers=headers).json()["total"] == 0
    assert api.get("/alerts?status=closed", headers=headers).json()["total"] == 0
    assert api.get("/alerts?status=nonsense", headers=headers).json()["detail"] == (
        "status 'nonsense' is not one of: open, escalated, pending, closed")
    assigned = api.post(f"/alerts/{first['id']}/assign", json={"assignee": "reviewer-1"},
                        headers=auth(keys["analyst"]))
    assert assigned.json()["assignee"] == "reviewer-1"
    mine = api.get("/alerts", params={"assignee": "reviewer-1"}, headers=headers).json()
    assert [a["id"] for a in mine["results"]] == [first["id"]]
    nobody = api.get("/alerts", params={"unassigned": "true"}, headers=headers).json()
    assert [a["id"] for a in nobody["results"]] == [second["id"]]
    both = api.get("/alerts", params={"unassigned": "true", "assignee": "reviewer-1"},
                   headers=headers)
    assert both.status_code == 400
    assert both.json()["detail"] == "give either assignee or unassigned, not both"
    to_viewer = api.post(f"/alerts/{first['id']}/assign", json={"assignee": "viewer-1"},
                         headers=auth(keys["analyst"]))
    assert to_viewer.status_code == 400
    assert "analyst role" in to_viewer.json()["detail"]


def test_four_eyes_through_the_api(api: TestClient, keys: dict[str, str]) -> None:
    alert_id = _open_alert(api, keys["analyst"])["alert"]["id"]
    match_id = api.get(f"/alerts/{alert_id}", headers=auth(keys["viewer"])).json()[
        "matches"][0]["id"]
    url = f"/alerts/{alert_id}/decisions"

    def post(key: str, verdict: str, reason: str = "checked") -> Any:
        return api.post(url, json={"match_id": match_id, "verdict": verdict, "reason": reason},
                        headers=auth(key))

    assert post(keys["viewer"], "true_match").status_code == 403
    proposed = post(keys["reviewer"], "true_match", "name, nationality agree")
    assert proposed.status_code == 201
    assert proposed.json()["state_after"] == "pending_true_match"
    same = post(keys["reviewer"], "confirm")
    assert same.status_code == 409
    assert "second, different reviewer" in same.json()["detail"]
    confirmed = post(keys["reviewer2"], "confirm", "passport matches")
    assert confirmed.status_code == 201
    assert confirmed.json()["state_after"] == "true_match"
    detail = api.get(f"/alerts/{alert_id}", headers=auth(keys["viewer"])).json()
    assert detail["alert"]["status"] in ("closed", "open")
    assert [d["verdict"] for d in detail["matches"][0]["decisions"]] == ["true_match", "confirm"]
    assert post(keys["admin"], "reject").status_code == 409


def test_cleared_match_is_remembered(api: TestClient, keys: dict[str, str]) -> None:
    subject = {"schema": "Person", "properties": {"name": ["Kim Jong Un"], "nationality": ["kp"]}}
    body = _open_alert(api, keys["analyst"], subject)
    alert = body["alert"]
    detail = api.get(f"/alerts/{alert['id']}", headers=auth(keys["viewer"])).json()
    for match in detail["matches"]:
        verdict = "false_positive"
        response = api.post(f"/alerts/{alert['id']}/decisions", headers=auth(keys["analyst"]),
                            json={"match_id": match["id"], "verdict": verdict,
                                  "reason": "customer born 1950"})
        if response.json().get("state_after") == "pending_false_positive":
            api.post(f"/alerts/{alert['id']}/decisions", headers=auth(keys["reviewer"]),
                     json={"match_id": match["id"], "verdict": "confirm", "reason": "agreed"})
    closed = api.get(f"/alerts/{alert['id']}", headers=auth(keys["viewer"])).json()
    assert closed["alert"]["status"] == "closed"
    again = _open_alert(api, keys["analyst"], subject)
    assert again["alert"] is None
    assert set(again["suppressed"]) == {m["entity"]["id"] for m in detail["matches"]}


def test_writes_need_the_right_role(api: TestClient, keys: dict[str, str]) -> None:
    assert api.post("/subjects", json=SUBJECT).status_code == 401
    denied = api.post("/subjects", json=SUBJECT, headers=auth(keys["viewer"]))
    assert denied.status_code == 403
    assert denied.json()["detail"] == "this needs the analyst role; 'viewer-1' is viewer"
    assert api.get("/alerts").status_code == 401
    assert api.get("/alerts/999", headers=auth(keys["viewer"])).json() == {
        "status": 404, "detail": "no alert 999"}
    assert api.post("/alerts/999/decisions", headers=auth(keys["analyst"]), json={
        "match_id": 1, "verdict": "escalate", "reason": "x"}).status_code == 404
    bad = api.post("/subjects", json={"schema": "Person", "properties": {}},
                   headers=auth(keys["analyst"]))
    assert bad.status_code == 400
    assert bad.json()["detail"] == "query 'subject': give at least one property, e.g. a name"
    verdict = api.post("/alerts/1/decisions", headers=auth(keys["analyst"]), json={
        "match_id": 1, "verdict": "maybe", "reason": "x"})
    assert verdict.status_code in (400, 404)


def test_audit_trail_through_the_api(api: TestClient, keys: dict[str, str]) -> None:
    alert_id = _open_alert(api, keys["analyst"])["alert"]["id"]
    assert api.get("/audit", headers=auth(keys["reviewer"])).status_code == 403
    records = api.get("/audit", params={"object_type": "alert", "object_id": str(alert_id)},
                      headers=auth(keys["admin"])).json()
    assert [r["action"] for r in records] == ["alert.open"]
    everything = api.get("/audit", headers=auth(keys["admin"])).json()
    assert [r["action"] for r in everything][:2] == ["user.add", "user.add"]
    assert everything[-1]["action"] == "subject.screen"
    assert api.get("/audit/verify", headers=auth(keys["admin"])).json() == {
        "intact": True, "records": len(everything), "problems": []}
