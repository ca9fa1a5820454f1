from __future__ import annotations

import threading

import pytest
from apihelp import KIM, auth, queries
from fastapi.testclient import TestClient

from sanctionwatch.exc import ListFileMissing
from sanctionwatch.index import Index
from sanctionwatch.service import create_app
from sanctionwatch.store import Store


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_lists_load_in_background_503_until_ready(
    index: Index, store: Store, keys: dict[str, str]
) -> None:
    release = threading.Event()

    def loader() -> Index:
        release.wait(30)
        return index

    with TestClient(create_app(loader, store)) as api:
        assert api.get("/healthz").status_code == 200
        waiting = api.get("/readyz")
        assert waiting.status_code == 503
        assert waiting.json()["detail"] == "the lists are still loading; try again in a few seconds"
        assert api.post("/match/default", json=queries(q=KIM),
                        headers=auth(keys["viewer"])).status_code == 503
        release.set()
        holder = api.app.state.sanctionwatch.index  # type: ignore[attr-defined]
        for _ in range(600):
            if holder.is_ready:
                break
            threading.Event().wait(0.05)
        assert api.get("/readyz").status_code == 200


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_failed_list_load_is_reported(store: Store) -> None:
    def loader() -> Index:
        raise ListFileMissing("data/lists/un/consolidated.xml: list file for source 'un_sc' is "
                              "missing")

    with TestClient(create_app(loader, store)) as api:
        for _ in range(600):
            response = api.get("/readyz")
            if "could not be loaded" in response.json()["detail"]:
                break
            threading.Event().wait(0.05)
        assert response.status_code == 503
        assert response.json()["detail"] == (
            "the lists could not be loaded: data/lists/un/consolidated.xml: list file for source "
            "'un_sc' is missing")


def test_injection_in_filters_is_data(api: TestClient, keys: dict[str, str]) -> None:
    headers = auth(keys["viewer"])
    for value in ("' OR 1=1 --", '"; DROP TABLE alerts; --', "%", "_"):
        response = api.get("/alerts", params={"source": value, "assignee": value},
                           headers=headers)
        assert response.status_code == 200
        assert response.json()["total"] == 0
