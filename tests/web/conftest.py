"""Web UI fixtures: the whole app (API + UI at /ui) over the real index.

- ``lists``: the index over every bundled list, once per test process (the shared ``index``
  fixture of tests/conftest.py when it exists, else ``load_index`` cached in .pytest_cache/).
- ``store``: fresh per test, over ``sqlite`` and ``postgresql`` (PostgreSQL must be running;
  tests fail, never skip, without it); ``users``: an analyst and two reviewers with keys.
- ``alert_id``: an alert opened by screening the subject "Kim Jong Un" (nationality kp).
Browser tests drive Debian's /usr/bin/chromium headless through Playwright (``.ci/install-browser``
installs it) and keep their screenshots in test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from webapp import build_app

from sanctionwatch.model import Entity
from sanctionwatch.store import ReviewPolicy, Role, Store, add_user
from sanctionwatch.store.screening import add_and_screen, screening_config
from sanctionwatch.store.testing import temporary_store

if TYPE_CHECKING:
    from sanctionwatch.index import Index

ROOT = Path(__file__).resolve().parents[2]


#: every store test runs on both; the PostgreSQL half carries the ``postgres`` marker
BACKEND_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def lists(request: pytest.FixtureRequest) -> Index:
    try:
        found: Index = request.getfixturevalue("index")
        return found
    except pytest.FixtureLookupError:
        from sanctionwatch.sources.snapshot import load_index

        return load_index(ROOT / "data" / "lists", ROOT / ".pytest_cache" / "sanctionwatch-index")


@pytest.fixture(params=BACKEND_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with temporary_store(request.param, tmp_path, policy=ReviewPolicy(high_score=0.9)) as s:
        yield s


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    return {
        "analyst": add_user(store, "ana", Role.ANALYST)[1],
        "reviewer": add_user(store, "rev", Role.REVIEWER)[1],
        "reviewer2": add_user(store, "rita", Role.REVIEWER)[1],
        "viewer": add_user(store, "vic", Role.VIEWER)[1],
    }


@pytest.fixture
def web(lists: Index, store: Store) -> Iterator[TestClient]:
    with TestClient(build_app(lists, store), follow_redirects=True) as client:
        yield client


@pytest.fixture
def alert_id(lists: Index, store: Store, users: dict[str, str]) -> int:
    from sanctionwatch.store import authenticate

    analyst = authenticate(store, users["analyst"])
    subject = Entity("s", "Person", {"name": ("Kim Jong Un",), "nationality": ("kp",)})
    outcome = add_and_screen(store, lists, subject, analyst, screening_config())
    assert outcome.alert is not None
    return outcome.alert.id
