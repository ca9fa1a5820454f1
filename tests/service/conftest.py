"""Service fixtures: the app over the real index, on SQLite and on PostgreSQL.

- ``index`` and ``store`` come from tests/conftest.py: the real index over every bundled
  list, and a fresh migrated store per test over ``sqlite`` and ``postgresql``.
- ``api``: the ASGI app behind an httpx TestClient; ``keys``: one API key per role.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.service import ServiceConfig, create_app
from sanctionwatch.store import Role, Store, add_user

if TYPE_CHECKING:
    from sanctionwatch.index import Index

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def keys(store: Store) -> dict[str, str]:
    return {role.value: add_user(store, f"{role.value}-1", role)[1] for role in Role} | {
        "reviewer2": add_user(store, "reviewer-2", Role.REVIEWER)[1]
    }


@pytest.fixture
def api(index: Index, store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(index, store, ServiceConfig(max_body=200_000))) as client:
        yield client
