"""API keys: ``Authorization: ApiKey <key>`` (as yente's hosted API expects; ``Bearer`` too).

Every write needs a key with the right role (401 without a valid key, 403 with the wrong
role). Reads of /match, /search and /entities need a key too unless ``open_reads`` is set.
Keys are looked up by their SHA-256; a verified key is remembered for a few seconds so that
screening traffic does not hit the database on every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from sanctionwatch.exc import AuthError, PermissionDenied
from sanctionwatch.service.state import StateDep
from sanctionwatch.store import Role, Store, User, authenticate

SCHEMES = ("apikey", "bearer", "token")
CACHE_SECONDS = 10.0
_header = APIKeyHeader(
    name="Authorization", auto_error=False,
    description="`ApiKey <key>`: a key from `sanctionwatch users add NAME --role ROLE`",
)


class KeyCache:
    """Recently verified keys (by hash of the header value) for a few seconds."""

    def __init__(self, seconds: float = CACHE_SECONDS, size: int = 1024) -> None:
        self.seconds = seconds
        self.size = size
        self._entries: dict[str, tuple[float, User]] = {}
        self._lock = threading.Lock()

    def lookup(self, store: Store, key: str) -> User:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        user = authenticate(store, key)
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (now + self.seconds, user)
        return user

    def forget(self, user_id: int) -> None:
        """Drop a user's verified keys (deactivated, or given a new key)."""
        with self._lock:
            self._entries = {k: v for k, v in self._entries.items() if v[1].id != user_id}


def parse_authorization(value: str | None) -> str | None:
    """The key from an Authorization header value, None when absent; AuthError if malformed."""
    if value is None or not value.strip():
        return None
    scheme, _, key = value.strip().partition(" ")
    if scheme.lower() not in SCHEMES or not key.strip():
        raise AuthError("Authorization header: expected 'ApiKey <key>'")
    return key.strip()


async def optional_user(
    request: Request, header: Annotated[str | None, Depends(_header)], state: StateDep
) -> User | None:
    """The caller by API key (None without one). Async on purpose: a verified key comes from
    the cache without a thread hop; a miss costs one indexed look-up."""
    key = parse_authorization(header)
    if key is None:
        return None
    cache: KeyCache = request.app.state.key_cache
    return cache.lookup(state.store, key)


async def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise AuthError("an API key is required: send 'Authorization: ApiKey <key>'")
    return user


def require(role: Role) -> Callable[..., Awaitable[User]]:
    """A dependency giving the caller, who must hold ``role`` or a higher one."""

    async def dependency(user: Annotated[User, Depends(current_user)]) -> User:
        if not user.role.can(role):
            raise PermissionDenied(
                f"this needs the {role.value} role; {user.name!r} is {user.role.value}"
            )
        return user

    return dependency


async def read_access(
    user: Annotated[User | None, Depends(optional_user)], state: StateDep
) -> User | None:
    """Reads of the lists: open when configured, else any valid key."""
    if user is None and not state.config.open_reads:
        raise AuthError("an API key is required: send 'Authorization: ApiKey <key>'")
    return user


#: route parameters: the caller, holding at least the named role
Viewer = Annotated[User, Depends(require(Role.VIEWER))]
Analyst = Annotated[User, Depends(require(Role.ANALYST))]
#: the caller of a list read (None when reads are open and no key was sent)
Reader = Annotated[User | None, Depends(read_access)]
