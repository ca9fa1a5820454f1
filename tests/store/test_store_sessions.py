"""Sign-in sessions: only the token's hash is stored; expired, ended and deactivated sessions
are refused; signing in and out is in the audit trail."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from sanctionwatch.exc import AuthError
from sanctionwatch.store import (
    Role,
    Store,
    add_user,
    audit_records,
    close_session,
    open_session,
    session_user,
    verify_audit,
)
from sanctionwatch.store.tables import sessions, users

HOURS_8 = timedelta(hours=8)


def _rows(store: Store) -> list[sa.Row[tuple[object, ...]]]:
    with store.read() as conn:
        return list(conn.execute(sa.select(sessions).order_by(sessions.c.id)))


def _age(store: Store, token: str, **columns: datetime) -> None:
    """Move a session's times (what the passing of time would do)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    with store.write() as conn:
        conn.execute(sa.update(sessions).where(sessions.c.token_hash == digest).values(**columns))


def test_a_session_stores_only_the_hash_of_its_token(store: Store) -> None:
    user, key = add_user(store, "ana", Role.ANALYST)
    signed, token = open_session(store, key, HOURS_8)
    assert signed == user
    assert token != key
    assert len(token) >= 43
    [row] = _rows(store)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in [str(value) for value in row]
    assert row.user_id == user.id
    assert row.expires_at - row.created_at == HOURS_8
    assert row.last_seen_at == row.created_at
    assert session_user(store, token) == user
    _, other = open_session(store, key, HOURS_8)
    assert other != token
    assert session_user(store, other) == user


def test_keys_and_unknown_tokens_open_no_session(store: Store) -> None:
    _, key = add_user(store, "ana", Role.ANALYST)
    with pytest.raises(AuthError, match="invalid API key"):
        open_session(store, "sw_not-a-key", HOURS_8)
    assert _rows(store) == []
    open_session(store, key, HOURS_8)
    for token in (key, "", "x" * 500, "' OR 1=1 --"):
        with pytest.raises(AuthError, match="not signed in|no such session"):
            session_user(store, token)


def test_sign_out_ends_the_session_and_both_are_audited(store: Store) -> None:
    user, key = add_user(store, "ana", Role.ANALYST)
    _, token = open_session(store, key, HOURS_8)
    [row] = _rows(store)
    close_session(store, token)
    assert _rows(store) == []
    with pytest.raises(AuthError, match="no such session"):
        session_user(store, token)
    close_session(store, token)  # signing out twice changes nothing
    trail = audit_records(store, "session")
    assert [(r.actor, r.action, r.object_id) for r in trail] == [
        ("ana", "session.sign_in", str(row.id)), ("ana", "session.sign_out", str(row.id))]
    assert f'"user":{user.id}' in trail[0].payload
    assert '"expires_at":"' in trail[0].payload
    assert token not in "".join(r.payload for r in trail)
    assert verify_audit(store).is_intact


def test_an_expired_session_is_refused_and_purged_at_the_next_sign_in(store: Store) -> None:
    _, key = add_user(store, "ana", Role.ANALYST)
    _, old = open_session(store, key, HOURS_8)
    _, live = open_session(store, key, HOURS_8)
    _age(store, old, expires_at=datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(AuthError, match="expired"):
        session_user(store, old)
    assert session_user(store, live).name == "ana"
    assert len(_rows(store)) == 2
    _, newest = open_session(store, key, HOURS_8)
    remaining = {r.token_hash for r in _rows(store)}
    assert remaining == {hashlib.sha256(t.encode()).hexdigest() for t in (live, newest)}


def test_a_deactivated_users_sessions_stop_working(store: Store) -> None:
    user, key = add_user(store, "ana", Role.ANALYST)
    _, token = open_session(store, key, HOURS_8)
    with store.write() as conn:
        conn.execute(sa.update(users).where(users.c.id == user.id).values(is_active=False))
    with pytest.raises(AuthError, match="'ana' is deactivated"):
        session_user(store, token)
    with pytest.raises(AuthError, match="invalid API key"):
        open_session(store, key, HOURS_8)


def test_last_seen_is_kept_up_to_date(store: Store) -> None:
    _, key = add_user(store, "ana", Role.ANALYST)
    _, token = open_session(store, key, HOURS_8)
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    _age(store, token, last_seen_at=hour_ago)
    session_user(store, token)
    [row] = _rows(store)
    seen = row.last_seen_at if row.last_seen_at.tzinfo else row.last_seen_at.replace(tzinfo=UTC)
    assert seen > hour_ago + timedelta(minutes=30)
