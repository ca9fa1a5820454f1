"""/match and POST /subjects read query values by their type, and no well-formed entity gets a
500: entities from the whole FollowTheMoney model (tests/ftm_strategies.py) answer 200 with
scores in [0, 1], or our own 4xx error with a message.

Vladimir Putin is listed by OFAC (ofac-35096, nationality ru, gender male)."""

from __future__ import annotations

from typing import Any

import pytest
from apihelp import auth, queries
from fastapi.testclient import TestClient
from ftm_strategies import ftm_queries
from hypothesis import HealthCheck, given, settings

PUTIN = "ofac-35096"


def _putin(api: TestClient, key: str, **props: str) -> float:
    query = {"schema": "Person",
             "properties": {"name": ["Vladimir Putin"], **{k: [v] for k, v in props.items()}}}
    data = api.post("/match/default", json=queries(q=query), headers=auth(key)).json()
    top = data["responses"]["q"]["results"][0]
    assert top["id"] == PUTIN
    score: float = top["score"]
    return score


@pytest.mark.parametrize("written", ["Russia", "RUS", "643", "Russian", "Russian Federation"])
def test_match_reads_a_country_as_written(api: TestClient, keys: dict[str, str],
                                          written: str) -> None:
    key = keys["viewer"]
    assert _putin(api, key, country=written) == _putin(api, key, country="ru")
    assert _putin(api, key, nationality=written) == _putin(api, key, nationality="ru")


def test_match_reads_gender_m_as_male(api: TestClient, keys: dict[str, str]) -> None:
    key = keys["viewer"]
    assert _putin(api, key, gender="M") == _putin(api, key, gender="male")
    assert _putin(api, key, gender="M") > _putin(api, key, gender="female")


def test_subject_with_a_country_name_alerts_as_with_its_code(api: TestClient,
                                                             keys: dict[str, str]) -> None:
    scores = []
    for written in ("ru", "Russia"):
        subject = {"schema": "Person", "external_id": f"C-{written}",
                   "properties": {"name": ["Vladimir Putin"], "nationality": [written],
                                  "gender": ["M"]}}
        response = api.post("/subjects", json=subject, headers=auth(keys["analyst"]))
        assert response.status_code == 201, response.text
        scores.append(response.json()["alert"]["score"])
    assert scores[0] == scores[1] and scores[0] >= 0.9


def test_an_unreadable_value_is_noted_not_a_conflict(api: TestClient,
                                                     keys: dict[str, str]) -> None:
    key = keys["viewer"]
    query = {"schema": "Person", "properties": {"name": ["Vladimir Putin"],
                                                "nationality": ["Atlantis"]}}
    data = api.post("/match/default", json=queries(q=query), headers=auth(key)).json()
    top = data["responses"]["q"]["results"][0]
    assert "nationality 'Atlantis' is not a country" in top["explanation"]["summary"]
    assert top["score"] == _putin(api, key)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(ftm_queries())
def test_no_entity_gets_a_500(api: TestClient, keys: dict[str, str], data: dict[str, Any]) -> None:
    response = api.post("/match/default", json=queries(q=data), headers=auth(keys["viewer"]))
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code == 200:
        answer = body["responses"]["q"]
        assert answer["status"] < 500, answer
        assert all(0.0 <= r["score"] <= 1.0 for r in answer.get("results", []))
    else:
        assert body
