"""Users and API keys: keys are random 32-byte tokens, stored only as their SHA-256."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa

from sanctionwatch.exc import AuthError, Conflict, InputError
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.hashing import sha256_text
from sanctionwatch.store.records import User
from sanctionwatch.store.review import Role
from sanctionwatch.store.tables import users

KEY_PREFIX = "sw_"
SYSTEM_ACTOR = "system"


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError(f"role {value!r} is not one of: {known}") from None


def add_user(store: Store, name: str, role: Role | str, actor: str = SYSTEM_ACTOR) -> tuple[User, str]:
    """Create a user with a new API key; returns the user and the key (shown once, never stored)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InputError("user name: 1 to 200 characters")
    role = parse_role(role) if isinstance(role, str) else role
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with store.write() as conn:
        exists = conn.execute(sa.select(users.c.id).where(users.c.name == name)).first()
        if exists is not None:
            raise Conflict(f"user {name!r} already exists")
        user_id = conn.execute(
            sa.insert(users).values(
                name=name, role=role.value, key_hash=sha256_text(key), is_active=True,
                created_at=datetime.now(UTC),
            ).returning(users.c.id)
        ).scalar_one()
        audit.append(conn, actor, "user.add", "user", user_id, {"name": name, "role": role.value})
    return User(id=user_id, name=name, role=role), key


def authenticate(store: Store, key: str) -> User:
    """The active user holding this API key; AuthError otherwise."""
    if not key or len(key) > 200:
        raise AuthError("invalid API key")
    with store.read() as conn:
        row = conn.execute(
            sa.select(users.c.id, users.c.name, users.c.role, users.c.is_active).where(
                users.c.key_hash == sha256_text(key)
            )
        ).first()
    if row is None or not row.is_active:
        raise AuthError("invalid API key")
    return User(id=row.id, name=row.name, role=Role(row.role), is_active=row.is_active)


def list_users(store: Store) -> list[User]:
    with store.read() as conn:
        rows = conn.execute(sa.select(users).order_by(users.c.id)).all()
    return [User(id=r.id, name=r.name, role=Role(r.role), is_active=r.is_active) for r in rows]


def system_user(store: Store, name: str = SYSTEM_ACTOR, role: Role = Role.ADMIN) -> User:
    """A user that automated work acts as: ``system`` (admin) by default; ``monitor``
    (analyst) re-screens the subjects after a list update.

    Created on first use with a random key that is never shown, so nobody can sign in as it."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(users.c.id, users.c.name, users.c.role).where(users.c.name == name)
        ).first()
    if row is not None:
        return User(id=row.id, name=row.name, role=Role(row.role))
    try:
        return add_user(store, name, role)[0]
    except Conflict:  # created meanwhile by another process
        return system_user(store, name, role)
