"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

``store`` is a fresh, migrated, empty store per test (a SQLite file under tmp_path, or a new
PostgreSQL schema dropped afterwards). PostgreSQL must be running at 127.0.0.1:5432
(``make test`` starts it): when it is not, the postgresql tests fail, they do not skip.
Listed entities (``storedata.py``) are real UN listings: names, dates and ids as published.
"""

from __future__ import annotations

import pytest

from sanctionwatch.store import Role, Store, User, add_user


@pytest.fixture
def analyst(store: Store) -> User:
    return add_user(store, "ana", Role.ANALYST)[0]


@pytest.fixture
def reviewer(store: Store) -> User:
    return add_user(store, "rev", Role.REVIEWER)[0]


@pytest.fixture
def reviewer2(store: Store) -> User:
    return add_user(store, "rita", Role.REVIEWER)[0]
