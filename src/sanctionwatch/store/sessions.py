"""Sign-in sessions of the analyst UI: a random token in the browser, its SHA-256 here.

:func:`open_session` signs a user in with their API key: it checks the key
(:func:`~sanctionwatch.store.users.authenticate`), purges the sessions that have expired and
stores the new one -- the SHA-256 of a random token, the user, when it was created, when it
expires and when it was last seen -- and returns the token, which is shown once and never
stored, like an API key. :func:`session_user` is the user a token signs in: refused
(``AuthError``) when the token is unknown, the session has expired or its user was deactivated.
:func:`close_session` signs out. Signing in and out are in the audit trail
(``session.sign_in``, ``session.sign_out``).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from sanctionwatch.exc import AuthError
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.hashing import sha256_text
from sanctionwatch.store.records import User
from sanctionwatch.store.review import Role
from sanctionwatch.store.tables import sessions, users
from sanctionwatch.store.users import authenticate

SIGN_IN, SIGN_OUT = "session.sign_in", "session.sign_out"
#: a session's ``last_seen_at`` is brought up to date at most this often (a write each time)
SEEN_EVERY = timedelta(minutes=1)
#: tokens are 43 characters (32 random bytes); anything much longer is not one
_MAX_TOKEN = 100


def open_session(store: Store, key: str, lifetime: timedelta) -> tuple[User, str]:
    """Sign in with an API key: the user and the new session's token (AuthError for a key
    that is not valid)."""
    user = authenticate(store, key)
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    expires = now + lifetime
    with store.write() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.expires_at <= now))
        session_id = conn.execute(sa.insert(sessions).values(
            token_hash=sha256_text(token), user_id=user.id, created_at=now, expires_at=expires,
            last_seen_at=now,
        ).returning(sessions.c.id)).scalar_one()
        audit.append(conn, user.name, SIGN_IN, "session", session_id,
                     {"user": user.id, "expires_at": expires.isoformat()})
    return user, token


def session_user(store: Store, token: str) -> User:
    """The user a session token signs in; AuthError when the token is unknown, the session
    has expired or the user was deactivated."""
    if not token or len(token) > _MAX_TOKEN:
        raise AuthError("not signed in")
    now = datetime.now(UTC)
    query = sa.select(
        sessions.c.id, users.c.id.label("user_id"), users.c.name, users.c.role,
        users.c.is_active, (sessions.c.expires_at > now).label("is_live"),
        (sessions.c.last_seen_at < now - SEEN_EVERY).label("is_stale"),
    ).join(users, users.c.id == sessions.c.user_id).where(sessions.c.token_hash == sha256_text(token))
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise AuthError("no such session (signed out, or never signed in)")
    if not row.is_live:
        raise AuthError("the session has expired")
    if not row.is_active:
        raise AuthError(f"user {row.name!r} is deactivated")
    if row.is_stale:
        with store.write() as conn:
            conn.execute(sa.update(sessions).where(sessions.c.id == row.id)
                         .values(last_seen_at=now))
    return User(id=row.user_id, name=row.name, role=Role(row.role), is_active=row.is_active)


def close_session(store: Store, token: str) -> None:
    """Sign out: the session ends (nothing happens for a token of no session)."""
    if not token or len(token) > _MAX_TOKEN:
        return
    with store.write() as conn:
        row = conn.execute(
            sa.select(sessions.c.id, sessions.c.user_id, users.c.name)
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.token_hash == sha256_text(token))
        ).first()
        if row is None:
            return
        conn.execute(sa.delete(sessions).where(sessions.c.id == row.id))
        audit.append(conn, row.name, SIGN_OUT, "session", row.id, {"user": row.user_id})
