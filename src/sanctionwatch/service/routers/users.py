"""Users and their API keys, for admins: list, add, deactivate, give a new key.

Every step is in the audit trail under the admin's name. A new key is in the response once
and never again (the store keeps only its hash). A deactivated or re-keyed user's old key stops
working at once in this process and within ``auth.CACHE_SECONDS`` in the service's other
worker processes (each remembers verified keys that long).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from sanctionwatch.service.auth import KeyCache, require
from sanctionwatch.service.schemas import ErrorResponse, KeyOut, UserIn, UserOut
from sanctionwatch.service.state import StateDep
from sanctionwatch.store import (
    Role,
    User,
    add_user,
    deactivate_user,
    list_users,
    rotate_key,
)

router = APIRouter(tags=["Users"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 422)
}
Admin = Annotated[User, Depends(require(Role.ADMIN))]
Name = Annotated[str, Path(min_length=1, max_length=200, description="the user's name")]


def user_out(user: User) -> UserOut:
    return UserOut(id=user.id, name=user.name, role=user.role.value, is_active=user.is_active)


def _forget(request: Request, user: User) -> None:
    cache: KeyCache = request.app.state.key_cache
    cache.forget(user.id)


@router.get("/users", response_model=list[UserOut], responses=ERRORS, summary="The users")
def users(state: StateDep, _admin: Admin) -> list[UserOut]:
    """Every user, active or not, the automated actors (``system``, ``monitor``) included."""
    return [user_out(u) for u in list_users(state.store)]


@router.post("/users", response_model=KeyOut, status_code=201, responses=ERRORS,
             summary="Add a user")
def add(state: StateDep, admin: Admin, body: UserIn) -> KeyOut:
    """A new user with a new API key (shown in this response only); 409 for a name taken or
    reserved for automated work."""
    user, key = add_user(state.store, body.name, body.role, actor=admin.name)
    return KeyOut(user=user_out(user), key=key)


@router.post("/users/{name}/deactivate", response_model=UserOut, responses=ERRORS,
             summary="Deactivate a user")
def deactivate(state: StateDep, admin: Admin, name: Name, request: Request) -> UserOut:
    """The user's key stops working and their UI sign-ins end; 409 for an automated actor or
    a user already deactivated."""
    user = deactivate_user(state.store, name, actor=admin.name)
    _forget(request, user)
    return user_out(user)


@router.post("/users/{name}/rotate-key", response_model=KeyOut, responses=ERRORS,
             summary="Give a user a new API key")
def rotate(state: StateDep, admin: Admin, name: Name, request: Request) -> KeyOut:
    """A new key (shown in this response only); the old one stops working and its UI
    sign-ins end; 409 for an automated actor or a deactivated user."""
    user, key = rotate_key(state.store, name, actor=admin.name)
    _forget(request, user)
    return KeyOut(user=user_out(user), key=key)
