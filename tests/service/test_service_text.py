from __future__ import annotations

import pytest
from apihelp import auth
from fastapi.testclient import TestClient

ARTICLE = ("Pyongyang's arms exporter KOMID shipped missile parts through front companies, "
           "according to the UN panel of experts. Kim Jong Un inspected the launch.")


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_screen_text_finds_and_links_mentions(api: TestClient, keys: dict[str, str]) -> None:
    response = api.post("/screen/text", json={"text": ARTICLE}, headers=auth(keys["viewer"]))
    assert response.status_code == 200, response.text
    mentions = response.json()["mentions"]
    found = {m["text"]: m for m in mentions}
    assert "KOMID" in found
    assert found["KOMID"]["entity"]["caption"] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert ARTICLE[found["KOMID"]["start"]:found["KOMID"]["end"]] == "KOMID"
    assert "Kim Jong Un" in found
    assert response.json()["language"]["code"] == "en"
    assert found["KOMID"]["language"] == "en"


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_screen_text_reads_other_languages(api: TestClient, keys: dict[str, str]) -> None:
    text = ("Die Wagner-Gruppe soll nach Angaben der Ermittler erneut Waffen nach Mali "
            "geliefert haben, trotz der Sanktionen.")
    response = api.post("/screen/text", json={"text": text}, headers=auth(keys["viewer"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["language"]["code"] == "de"
    assert [(m["text"], m["entity"]["id"], m["language"]) for m in body["mentions"]] == [
        ("Wagner-Gruppe", "ofac-22543", "de")]
    assert body["mentions"][0]["risk"][0]["category"] == "sanctions"


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_screen_text_refuses_bad_input(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    assert api.post("/screen/text", json={"text": ""}, headers=headers).status_code == 422
    assert api.post("/screen/text", json={"text": ARTICLE}).status_code == 401
    assert api.post("/screen/text", json={"txt": "x"}, headers=headers).json()["detail"] == (
        "body.text: Field required; body.txt: Extra inputs are not permitted")
