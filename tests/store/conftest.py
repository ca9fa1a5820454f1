"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

``store`` is a fresh, migrated, empty store per test (a SQLite file under tmp_path, or a new
PostgreSQL schema dropped afterwards). PostgreSQL must be running at 127.0.0.1:5432
(``make test`` starts it): when it is not, the postgresql tests fail, they do not skip.
Listed entities (``storedata.py``) are real UN listings: names, dates and ids as published.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctionwatch.store import ReviewPolicy, Role, Store, User, add_user
from sanctionwatch.store.testing import temporary_store

#: every store test runs on both; the PostgreSQL half carries the ``postgres`` marker
BACKEND_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKEND_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with temporary_store(request.param, tmp_path, policy=ReviewPolicy(high_score=0.9)) as s:
        yield s


@pytest.fixture
def analyst(store: Store) -> User:
    return add_user(store, "ana", Role.ANALYST)[0]


@pytest.fixture
def reviewer(store: Store) -> User:
    return add_user(store, "rev", Role.REVIEWER)[0]


@pytest.fixture
def reviewer2(store: Store) -> User:
    return add_user(store, "rita", Role.REVIEWER)[0]
