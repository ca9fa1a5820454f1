"""Liveness and readiness; the list version loaded, and reloading it (``/lists``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sanctionwatch.service.auth import Viewer, require
from sanctionwatch.service.convert import monitor_run_out, reload_out
from sanctionwatch.service.schemas import (
    ErrorResponse,
    ListsStatusOut,
    ReloadOut,
    StatusResponse,
)
from sanctionwatch.service.state import StateDep
from sanctionwatch.store import Role, User, latest_monitor_run

router = APIRouter(tags=["System information"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 409, 503)
}


@router.get("/healthz", response_model=StatusResponse, summary="Liveness")
async def healthz() -> StatusResponse:
    """The process is up (it may still be loading the lists: see /readyz)."""
    return StatusResponse()


@router.get(
    "/readyz", response_model=StatusResponse, summary="Readiness",
    responses={503: {"model": ErrorResponse, "description": "the lists are still loading"}},
)
async def readyz(state: StateDep) -> StatusResponse:
    """The lists are loaded and screening requests will be answered."""
    state.index.get()
    return StatusResponse()


@router.get("/lists", response_model=ListsStatusOut, responses=ERRORS,
            summary="The list version loaded, the last reload and monitoring run")
def lists_status(state: StateDep, _user: Viewer) -> ListsStatusOut:
    """The list version this process serves, its last reload (which swapped in a new version,
    or failed to) and the last monitoring run of any process (stored subjects re-screened
    against what a list update changed)."""
    watcher = state.watcher
    run = latest_monitor_run(state.store)
    return ListsStatusOut(
        version=state.index.version, is_watching=state.index.is_watching,
        reload_seconds=state.config.reload_seconds, checked_at=watcher.checked_at,
        last_reload=reload_out(watcher.last) if watcher.last else None,
        last_monitor=monitor_run_out(run) if run else None,
    )


@router.post("/lists/reload", response_model=ReloadOut, responses=ERRORS,
             summary="Look for a new list version now (admins)")
def reload_lists(
    state: StateDep,
    _user: Annotated[User, Depends(require(Role.ADMIN))],
) -> ReloadOut:
    """Swap in the current list version if it is new (after ``sanctionwatch lists update``)
    and re-screen the stored subjects against what changed, once across all processes;
    answers when done. 409 when the service was given fixed lists."""
    return reload_out(state.watcher.check())
