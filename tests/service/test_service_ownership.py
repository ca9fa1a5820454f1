"""POST /subjects with owners: every owner screened, the 50% rule through chains."""

from __future__ import annotations

from typing import Any

from apihelp import auth
from fastapi.testclient import TestClient


def _party(party_id: str, schema: str, name: str) -> dict[str, Any]:
    return {"id": party_id, "schema": schema, "properties": {"name": [name]}}


def _owns(owner: str, asset: str, percent: str) -> dict[str, Any]:
    return {"schema": "Ownership",
            "properties": {"owner": [owner], "asset": [asset], "percentage": [percent]}}


def test_a_subject_owned_through_a_listed_party_s_holding_is_blocked(
        api: TestClient, keys: dict[str, str]) -> None:
    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "external_id": "CUST-7",
            "parties": [_party("komid", "Organization",
                               "Korea Mining Development Trading Corporation"),
                        _party("holding", "Company", "Pyongyang Example Holdings Ltd")],
            "ownerships": [_owns("komid", "holding", "60"), _owns("holding", "CUST-7", "50")]}
    response = api.post("/subjects", json=body, headers=auth(keys["analyst"]))
    assert response.status_code == 201, response.text
    ownership = response.json()["ownership"]
    assert ownership["status"] == "blocked by ownership"
    assert ownership["chains"] == [["komid", "holding", "subject"]]
    assert "ofac-9345" in ownership["listed_owners"]["komid"]
    below = {**body, "external_id": "CUST-8", "ownerships": [_owns("komid", "subject", "40")]}
    verdict = api.post("/subjects", json=below, headers=auth(keys["analyst"])).json()
    assert verdict["ownership"]["status"] == "alert: listed owner"
    assert verdict["ownership"]["blocked"] is False


def test_a_blocked_owner_opens_an_alert_with_the_chain_reviewed_by_four_eyes(
        api: TestClient, keys: dict[str, str]) -> None:
    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "external_id": "CUST-9",
            "parties": [_party("komid", "Organization",
                               "Korea Mining Development Trading Corporation"),
                        _party("holding", "Company", "Pyongyang Example Holdings Ltd")],
            "ownerships": [_owns("komid", "holding", "60"), _owns("holding", "subject", "50")]}
    posted = api.post("/subjects", json=body, headers=auth(keys["analyst"])).json()
    assert posted["alert"] is not None, "the owned subject opened no alert"
    alert_id = posted["alert"]["id"]
    detail = api.get(f"/alerts/{alert_id}", headers=auth(keys["viewer"])).json()
    assert detail["ownership"]["status"] == "blocked by ownership"
    assert detail["ownership"]["chains"] == [["komid", "holding", "subject"]]
    assert detail["ownership"]["names"]["holding"] == "Pyongyang Example Holdings Ltd"
    owned = [m for m in detail["matches"] if "ownership" in m["explanation"]]
    assert "ofac-9345" in {m["entity"]["id"] for m in owned}
    assert {m["explanation"]["ownership"]["party"]["id"] for m in owned} == {"komid"}
    match_id = owned[0]["id"]
    url = f"/alerts/{alert_id}/decisions"
    proposed = api.post(url, headers=auth(keys["reviewer"]), json={
        "match_id": match_id, "verdict": "true_match", "reason": "KOMID owns 60% of holding"})
    assert proposed.json()["state_after"] == "pending_true_match"
    same = api.post(url, headers=auth(keys["reviewer"]),
                    json={"match_id": match_id, "verdict": "confirm", "reason": "again"})
    assert same.status_code == 409
    confirmed = api.post(url, headers=auth(keys["reviewer2"]), json={
        "match_id": match_id, "verdict": "confirm", "reason": "registry extract agrees"})
    assert confirmed.json()["state_after"] == "true_match"
    again = api.post("/subjects", json=body, headers=auth(keys["analyst"])).json()
    assert again["alert"] is None and "ofac-9345" in again["already_alerted"]


def test_a_subject_whose_listed_party_owns_something_else_opens_no_alert(
        api: TestClient, keys: dict[str, str]) -> None:
    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "parties": [_party("komid", "Organization",
                               "Korea Mining Development Trading Corporation"),
                        _party("other", "Company", "Other Example Ltd")],
            "ownerships": [_owns("komid", "other", "100")]}
    posted = api.post("/subjects", json=body, headers=auth(keys["analyst"])).json()
    assert posted["ownership"]["status"] == "clear"
    assert posted["alert"] is None


def test_an_ownership_of_an_unknown_party_is_a_400(api: TestClient,
                                                   keys: dict[str, str]) -> None:
    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "ownerships": [_owns("nobody", "subject", "60")]}
    response = api.post("/subjects", json=body, headers=auth(keys["analyst"]))
    assert response.status_code == 400
    assert "'nobody' is not the id of a party" in response.text
