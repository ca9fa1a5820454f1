"""Service fixtures: the app over the real index, on SQLite and on PostgreSQL.

- ``lists``: the screening index over every bundled official list, loaded once per test
  process (the shared ``index`` fixture of tests/conftest.py when it exists, else through
  ``load_index`` with its cache under .pytest_cache/).
- ``store``: a fresh, migrated store per test, parametrised over ``sqlite`` and
  ``postgresql`` (a new schema, dropped after); PostgreSQL must be running: tests fail, never
  skip, without it.
- ``api``: the ASGI app behind an httpx TestClient; ``keys``: one API key per role.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from sanctionwatch.service import ServiceConfig, create_app
from sanctionwatch.store import ReviewPolicy, Role, Store, add_user
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
def keys(store: Store) -> dict[str, str]:
    return {role.value: add_user(store, f"{role.value}-1", role)[1] for role in Role} | {
        "reviewer2": add_user(store, "reviewer-2", Role.REVIEWER)[1]
    }


@pytest.fixture
def api(lists: Index, store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(lists, store, ServiceConfig(max_body=200_000))) as client:
        yield client
