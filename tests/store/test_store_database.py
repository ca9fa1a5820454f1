from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from storedata import KIM, make_match, subject_entity

from sanctionwatch.exc import StoreError
from sanctionwatch.store import Store, open_store
from sanctionwatch.store.database import schema_revision
from sanctionwatch.store.tables import metadata


def test_migrations_build_exactly_the_declared_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    current, head = schema_revision(store.engine)
    assert current == head == "0004"


def test_migrating_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    open_store(url).close()
    store = open_store(url)
    assert schema_revision(store.engine) == ("0004", "0004")
    store.close()


def test_a_store_of_the_first_revision_upgrades_with_its_cases(store: Store) -> None:
    from sanctionwatch.store import Role, add_subject, add_user, get_alert, record_screening
    from sanctionwatch.store.database import migrate
    from sanctionwatch.store.tables import monitor_runs

    analyst = add_user(store, "ana", Role.ANALYST)[0]
    subject = add_subject(store, subject_entity(), analyst)
    alert = record_screening(store, subject.id, [make_match(KIM, 0.8)], threshold=0.7,
                             algorithm="test", user=analyst).alert
    assert alert is not None
    with store.write() as conn:
        conn.execute(sa.text("DROP TABLE payment_holds"))
        conn.execute(sa.text("DROP TABLE sessions"))
        conn.execute(sa.text("DROP TABLE monitor_runs"))
        conn.execute(sa.text("ALTER TABLE matches DROP COLUMN delisted_note"))
        conn.execute(sa.text("ALTER TABLE matches DROP COLUMN delisted_at"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
    assert schema_revision(store.engine) == ("0001", "0004")
    migrate(store.engine)
    assert schema_revision(store.engine) == ("0004", "0004")
    match = get_alert(store, alert.id).matches[0]
    assert (match.entity.id, match.delisted_at, match.delisted_note) == (KIM.id, None, None)
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(monitor_runs)).scalar() == 0


def test_a_store_of_the_second_revision_upgrades_with_its_users(store: Store) -> None:
    from sanctionwatch.store import Role, add_user, open_session, session_user
    from sanctionwatch.store.database import migrate

    user, key = add_user(store, "ana", Role.ANALYST)
    with store.write() as conn:
        conn.execute(sa.text("DROP TABLE payment_holds"))
        conn.execute(sa.text("DROP TABLE sessions"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0002'"))
    assert schema_revision(store.engine) == ("0002", "0004")
    migrate(store.engine)
    assert schema_revision(store.engine) == ("0004", "0004")
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    _, token = open_session(store, key, timedelta(hours=8))
    assert session_user(store, token) == user


def test_unmigrated_database_is_refused_when_not_upgrading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="revision None, the code needs 0004"):
        open_store(f"sqlite:///{tmp_path / 'new.db'}", upgrade=False)


def test_unknown_database_urls_are_refused() -> None:
    with pytest.raises(StoreError, match="only sqlite and postgresql"):
        open_store("mysql://root@localhost/db")
    with pytest.raises(StoreError, match="database URL"):
        open_store("not a url")


def test_unreachable_postgresql_is_a_clear_error_not_a_skip() -> None:
    with pytest.raises(StoreError, match="cannot open database 'postgresql://postgres@127.0.0.1:1/test'"):
        open_store("postgresql://postgres@127.0.0.1:1/test")


def test_a_store_of_the_third_revision_upgrades_with_its_sessions(store: Store) -> None:
    from sanctionwatch.store import Role, add_user, open_session, session_user
    from sanctionwatch.store.database import migrate

    user, key = add_user(store, "ana", Role.ANALYST)
    _, token = open_session(store, key, timedelta(hours=8))
    with store.write() as conn:
        conn.execute(sa.text("DROP TABLE payment_holds"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0003'"))
    assert schema_revision(store.engine) == ("0003", "0004")
    migrate(store.engine)
    assert schema_revision(store.engine) == ("0004", "0004")
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert session_user(store, token) == user
