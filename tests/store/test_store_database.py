from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sanctionwatch.exc import StoreError
from sanctionwatch.store import Store, open_store
from sanctionwatch.store.database import schema_revision
from sanctionwatch.store.tables import metadata


def test_migrations_build_exactly_the_declared_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    current, head = schema_revision(store.engine)
    assert current == head == "0001"


def test_migrating_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    open_store(url).close()
    store = open_store(url)
    assert schema_revision(store.engine) == ("0001", "0001")
    store.close()


def test_unmigrated_database_is_refused_when_not_upgrading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="revision None, the code needs 0001"):
        open_store(f"sqlite:///{tmp_path / 'new.db'}", upgrade=False)


def test_unknown_database_urls_are_refused() -> None:
    with pytest.raises(StoreError, match="only sqlite and postgresql"):
        open_store("mysql://root@localhost/db")
    with pytest.raises(StoreError, match="database URL"):
        open_store("not a url")


def test_unreachable_postgresql_is_a_clear_error_not_a_skip() -> None:
    with pytest.raises(StoreError, match="cannot open database 'postgresql://postgres@127.0.0.1:1/test'"):
        open_store("postgresql://postgres@127.0.0.1:1/test")
