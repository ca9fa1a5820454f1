"""Users and API keys: keys are random 32-byte tokens, stored only as their SHA-256.

A user is added (:func:`add_user`), listed, deactivated (:func:`deactivate_user`: the key and
every sign-in stop working) or given a new key (:func:`rotate_key`: the old one and its
sign-ins stop working), each step in the audit trail. The automated actors
(:data:`RESERVED_NAMES`: ``system``, ``monitor``) are created by :func:`system_user` only; no
person may take their names, however spelt, nor be deactivated or re-keyed in their place.
"""

from __future__ import annotations

import secrets
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa

from sanctionwatch.exc import AuthError, Conflict, InputError, NotFound
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.hashing import sha256_text
from sanctionwatch.store.records import User
from sanctionwatch.store.review import Role
from sanctionwatch.store.tables import sessions, users

KEY_PREFIX = "sw_"
SYSTEM_ACTOR = "system"
#: the user monitoring re-screens subjects as after a list update
MONITOR_ACTOR = "monitor"
#: the names automated work acts under in the audit trail: never a person's
RESERVED_NAMES = frozenset({SYSTEM_ACTOR, MONITOR_ACTOR})


def _skeleton(name: str) -> str:
    """A name as compared with the reserved ones: compatibility forms, case, spaces and
    punctuation do not count (``System``, ``ＳＹＳＴＥＭ`` and ``sys-tem`` are ``system``)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in folded if c.isalnum())


def is_reserved(name: str) -> bool:
    """Whether a name is, or reads as, one of the automated actors'."""
    return _skeleton(name) in {_skeleton(n) for n in RESERVED_NAMES}


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError(f"role {value!r} is not one of: {known}") from None


def add_user(store: Store, name: str, role: Role | str, actor: str = SYSTEM_ACTOR) -> tuple[User, str]:
    """Create a user with a new API key; returns the user and the key (shown once, never stored).

    The automated actors' names are refused (Conflict): see :func:`system_user`."""
    if is_reserved(name):
        raise Conflict(f"user name {name.strip()!r} is reserved for automated work "
                       f"({', '.join(sorted(RESERVED_NAMES))}): choose another")
    return _insert_user(store, name, role, actor)


def _new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def _insert_user(store: Store, name: str, role: Role | str, actor: str) -> tuple[User, str]:
    name = name.strip()
    if not name or len(name) > 200 or not name.isprintable():
        raise InputError("user name: 1 to 200 printable characters")
    role = parse_role(role) if isinstance(role, str) else role
    key = _new_key()
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


def _person(conn: sa.Connection, name: str, doing: str) -> User:
    """The user a person's account step is about: NotFound, or Conflict for an automated
    actor."""
    row = conn.execute(sa.select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"no user named {name!r}")
    if is_reserved(row.name):
        raise Conflict(f"user {name!r} is an automated actor: it cannot be {doing}")
    return User(id=row.id, name=row.name, role=Role(row.role), is_active=row.is_active)


def deactivate_user(store: Store, name: str, actor: str = SYSTEM_ACTOR) -> User:
    """Deactivate a user: the API key stops working and every UI sign-in ends
    (``user.deactivate`` in the audit trail); their decisions stay as recorded."""
    with store.write() as conn:
        user = _person(conn, name, "deactivated")
        if not user.is_active:
            raise Conflict(f"user {name!r} is already deactivated")
        conn.execute(sa.update(users).where(users.c.id == user.id).values(is_active=False))
        ended = conn.execute(sa.delete(sessions).where(sessions.c.user_id == user.id)).rowcount
        audit.append(conn, actor, "user.deactivate", "user", user.id,
                     {"name": user.name, "sessions_ended": ended})
    return User(id=user.id, name=user.name, role=user.role, is_active=False)


def rotate_key(store: Store, name: str, actor: str = SYSTEM_ACTOR) -> tuple[User, str]:
    """A new API key for an active user: the old key stops working and every UI sign-in
    made with it ends (``user.rotate_key`` in the audit trail). Returns the user and the new
    key (shown once, never stored)."""
    key = _new_key()
    with store.write() as conn:
        user = _person(conn, name, "given a new key")
        if not user.is_active:
            raise Conflict(f"user {name!r} is deactivated: add a new user instead")
        conn.execute(sa.update(users).where(users.c.id == user.id)
                     .values(key_hash=sha256_text(key)))
        ended = conn.execute(sa.delete(sessions).where(sessions.c.user_id == user.id)).rowcount
        audit.append(conn, actor, "user.rotate_key", "user", user.id,
                     {"name": user.name, "sessions_ended": ended})
    return user, key


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
    if name not in RESERVED_NAMES:
        raise InputError(f"{name!r} is not an automated actor: "
                         f"{', '.join(sorted(RESERVED_NAMES))}")
    try:
        return _insert_user(store, name, role, SYSTEM_ACTOR)[0]
    except Conflict:  # created meanwhile by another process
        return system_user(store, name, role)
