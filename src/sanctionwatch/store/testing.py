"""Throw-away stores for test suites: a SQLite file or a fresh PostgreSQL schema.

Each PostgreSQL store lives in its own schema (``sw_test_<random>``), dropped afterwards, so
parallel test workers never see each other's tables. When the server is down, opening fails
with :class:`~sanctionwatch.exc.StoreError`: tests fail, never skip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from sanctionwatch.store.database import Store, create_engine, open_store
from sanctionwatch.store.review import ReviewPolicy

#: the machine's test server (``make test`` starts it): trust auth, database ``test``
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def temporary_store(
    backend: str, directory: Path, policy: ReviewPolicy | None = None,
    postgres_url: str = POSTGRES_URL,
) -> Iterator[Store]:
    """A migrated, empty store on ``backend`` (``sqlite`` or ``postgresql``), removed after."""
    if backend == "sqlite":
        store = open_store(f"sqlite:///{directory / 'store.db'}", policy=policy)
        try:
            yield store
        finally:
            store.close()
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
    schema = f"sw_test_{uuid.uuid4().hex[:12]}"
    store = open_store(postgres_url, schema=schema, policy=policy)
    try:
        yield store
    finally:
        store.close()
        _drop_schema(postgres_url, schema)


def _drop_schema(url: str, schema: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        engine.dispose()
