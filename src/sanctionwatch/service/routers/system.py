"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from sanctionwatch.service.schemas import ErrorResponse, StatusResponse
from sanctionwatch.service.state import StateDep

router = APIRouter(tags=["System information"])


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
