"""The audit trail, for admins: read it, verify its hash chain."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from sanctionwatch.service.auth import require
from sanctionwatch.service.schemas import ErrorResponse
from sanctionwatch.service.state import StateDep
from sanctionwatch.store import Role, User, audit_records, verify_audit

router = APIRouter(tags=["Audit"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 422)
}
Admin = Annotated[User, Depends(require(Role.ADMIN))]


class AuditRecordOut(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    payload: str
    prev_hash: str
    hash: str


class ChainOut(BaseModel):
    intact: bool
    records: int
    problems: list[str]


@router.get("/audit", response_model=list[AuditRecordOut], responses=ERRORS,
            summary="Audit records")
def audit(
    state: StateDep,
    _user: Admin,
    object_type: Annotated[str | None, Query(max_length=30)] = None,
    object_id: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[AuditRecordOut]:
    """Audit records in order, optionally those about one object (``alert``, ``match``,
    ``subject``, ``user`` and its id)."""
    return [AuditRecordOut.model_validate(r, from_attributes=True)
            for r in audit_records(state.store, object_type, object_id, limit)]


@router.get("/audit/verify", response_model=ChainOut, responses=ERRORS,
            summary="Verify the audit trail")
def verify(state: StateDep, _user: Admin) -> ChainOut:
    """Recompute the hash chain; every edited, inserted or deleted record is named."""
    report = verify_audit(state.store)
    return ChainOut(intact=report.is_intact, records=report.records,
                    problems=list(report.problems))
