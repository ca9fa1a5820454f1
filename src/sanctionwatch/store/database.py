"""Opening the database: engine set-up for SQLite and PostgreSQL, migrations, transactions.

Writes are serialised: every writing transaction first takes the store's write lock
(``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on PostgreSQL). Screening
writes are few and small, and one writer at a time is what keeps the audit chain linear and
makes sure no concurrent decision is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from sanctionwatch.exc import StoreError
from sanctionwatch.store.review import ReviewPolicy

#: the advisory lock key of the write lock on PostgreSQL ("swat" in ASCII)
WRITE_LOCK_KEY = 0x73776174
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def create_engine(url: str, schema: str | None = None) -> sa.Engine:
    """An engine for a SQLite or PostgreSQL URL.

    ``schema`` (PostgreSQL only) puts every table in that schema, created if missing: one
    database can hold several independent stores (the test suite uses one per test).
    """
    url = _normalise_url(url)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"database URL {url!r}: {exc}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed, schema)
    raise StoreError(f"database URL {url!r}: only sqlite and postgresql are supported")


def _normalise_url(url: str) -> str:
    """postgresql:// and postgres:// use psycopg 3, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # let SQLAlchemy, not the driver, emit BEGIN, so that it can be BEGIN IMMEDIATE
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = "IMMEDIATE" if conn.info.get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgres_engine(url: sa.URL, schema: str | None) -> sa.Engine:
    connect_args: dict[str, Any] = {}
    if schema is not None:
        if not _SCHEMA_NAME.match(schema):
            raise StoreError(f"schema name {schema!r}: use lower-case letters, digits and _")
        connect_args["options"] = f"-csearch_path={schema}"
    engine = sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if schema is not None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    return engine


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction holding the store's write lock; commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
                yield conn
        finally:
            conn.info.pop("write", None)


def _alembic_config(conn: sa.Connection) -> Config:
    ini = resources.files("sanctionwatch.store").joinpath("alembic.ini")
    config = Config(str(ini))
    config.attributes["connection"] = conn
    return config


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (the latest by default)."""
    with write_transaction(engine) as conn:
        command.upgrade(_alembic_config(conn), revision)


def schema_revision(engine: sa.Engine) -> tuple[str | None, str | None]:
    """(the database's current revision, the latest revision the code knows)."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config(conn)).get_current_head()
    return current, head


class Store:
    """An open database: the engine and the review policy the use cases apply."""

    def __init__(self, engine: sa.Engine, policy: ReviewPolicy | None = None) -> None:
        self.engine = engine
        self.policy = policy or ReviewPolicy()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def write(self) -> AbstractContextManager[sa.Connection]:
        """A write transaction holding the write lock."""
        return write_transaction(self.engine)

    def read(self) -> AbstractContextManager[sa.Connection]:
        """A read-only transaction."""
        return self.engine.begin()

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    url: str, *, schema: str | None = None, policy: ReviewPolicy | None = None,
    upgrade: bool = True,
) -> Store:
    """Open (and by default migrate) the store at a SQLite or PostgreSQL URL."""
    engine = create_engine(url, schema=schema)
    try:
        if upgrade:
            migrate(engine)
        else:
            current, head = schema_revision(engine)
            if current != head:
                raise StoreError(
                    f"database {engine.url.render_as_string(hide_password=True)} is at schema "
                    f"revision {current}, the code needs {head}: run the migrations"
                )
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {url!r}: {exc.orig}") from exc
    return Store(engine, policy)
