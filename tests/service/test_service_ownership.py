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


def test_an_ownership_of_an_unknown_party_is_a_400(api: TestClient,
                                                   keys: dict[str, str]) -> None:
    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "ownerships": [_owns("nobody", "subject", "60")]}
    response = api.post("/subjects", json=body, headers=auth(keys["analyst"]))
    assert response.status_code == 400
    assert "'nobody' is not the id of a party" in response.text
