"""Web UI fixtures: the whole app (API + UI at /ui) over the real index.

- ``index`` and ``store`` come from tests/conftest.py (the real index; a fresh store per test
  over ``sqlite`` and ``postgresql``); ``users``: an analyst and two reviewers with keys.
- ``alert_id``: an alert opened by screening the subject "Kim Jong Un" (nationality kp).
- ``webapp.sign_in`` signs a client in through the sign-in form (a session: the cookie holds its
  token, never the key) and returns the CSRF token that every POST form must carry.
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
from sanctionwatch.store import Role, Store, add_user
from sanctionwatch.store.screening import add_and_screen, screening_config

if TYPE_CHECKING:
    from sanctionwatch.index import Index

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    return {
        "analyst": add_user(store, "ana", Role.ANALYST)[1],
        "reviewer": add_user(store, "rev", Role.REVIEWER)[1],
        "reviewer2": add_user(store, "rita", Role.REVIEWER)[1],
        "viewer": add_user(store, "vic", Role.VIEWER)[1],
    }


@pytest.fixture
def web(index: Index, store: Store) -> Iterator[TestClient]:
    with TestClient(build_app(index, store), follow_redirects=True) as client:
        yield client


@pytest.fixture
def alert_id(index: Index, store: Store, users: dict[str, str]) -> int:
    from sanctionwatch.store import authenticate

    analyst = authenticate(store, users["analyst"])
    subject = Entity("s", "Person", {"name": ("Kim Jong Un",), "nationality": ("kp",)})
    outcome = add_and_screen(store, index, subject, analyst, screening_config())
    assert outcome.alert is not None
    return outcome.alert.id
