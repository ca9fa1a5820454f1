"""Payment screening: hold or pass a payment message before it moves, and the review of holds.

``POST /screen/payment`` takes the raw message (SWIFT MT text or ISO 20022 XML) as the body.
A held payment -- a hit, a stripped cover, or a message that cannot be read (fail closed) --
opens a hold in the store for review: an analyst proposes to release or reject it, another
reviewer confirms (four eyes), each step in the audit trail.
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sanctionwatch.payments import HOLD, PASS, PaymentConfig, PaymentScreener
from sanctionwatch.service.auth import Analyst, Viewer
from sanctionwatch.service.schemas import ErrorResponse
from sanctionwatch.service.scoring import Budget
from sanctionwatch.service.state import StateDep
from sanctionwatch.store.payments import (
    HoldStatus,
    decide_hold,
    get_hold,
    list_holds,
    open_hold,
)

router = APIRouter(tags=["Payments"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 503)
}
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
_BODY = {"requestBody": {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}, "example": (
        "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:REF1\n:32A:241231EUR100,\n"
        ":50K:/DE89370400440532013000\nJOHN DOE\n:59:/FR7630006000011234567890189\n"
        "ACME SARL\n:71A:SHA\n-}")},
    "application/xml": {"schema": {"type": "string"}}}}}


class HoldDecisionIn(BaseModel):
    """A step of a hold's review (kept beside its router: the only body of this area)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"action": "release", "reason": "beneficiary is the Seoul bank, not the listed one"}]})

    action: str = Field(description="release or reject (analyst); confirm or deny (another "
                                    "reviewer)")
    reason: str = Field(min_length=1, max_length=4000)


def _json(payload: object, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type="application/json")


@router.post("/screen/payment", responses=ERRORS, summary="Screen a payment message",
             openapi_extra=_BODY)
async def screen_payment(request: Request, state: StateDep, user: Analyst) -> Response:
    """Screen the payment(s) of a raw SWIFT MT or ISO 20022 message. One payment: its result
    ``{"message", "verdict", "reasons", "hits"}``, with ``hold`` (the id of the hold opened
    for review) when held; several (an RJE file, a pain.001 batch): ``{"verdict",
    "payments": [...]}``. An unreadable message is held with the reason, never refused: 413
    only for a body over the size limit."""
    data = await request.body()
    holder = state.index
    message = data.decode("utf-8", "replace")

    def work(_budget: Budget) -> list[dict[str, object]]:
        screener = PaymentScreener(holder.get(), holder.text_screener(),
                                   config=PaymentConfig(max_bytes=state.config.max_body))
        bodies = []
        for result in screener.screen_bytes(data, "request"):
            body = result.to_dict()
            if result.is_held:
                body["hold"] = open_hold(state.store, result, message, user).id
            bodies.append(body)
        return bodies

    bodies = await state.pool.run(work)
    if len(bodies) == 1:
        return _json(bodies[0])
    held = any(b["verdict"] == HOLD for b in bodies)
    return _json({"verdict": HOLD if held else PASS, "payments": bodies})


@router.get("/payments/holds", responses=ERRORS, summary="Held payments")
def holds(state: StateDep, _user: Viewer,
          status: Annotated[HoldStatus | None, Query()] = None,
          limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
    return _json([h.to_dict() for h in list_holds(state.store, status, limit)])


@router.get("/payments/holds/{hold_id}", responses=ERRORS, summary="One held payment")
def hold(state: StateDep, _user: Viewer, hold_id: Id) -> Response:
    found = get_hold(state.store, hold_id)
    return _json({**found.to_dict(), "raw": found.message})


@router.post("/payments/holds/{hold_id}/decisions", responses=ERRORS,
             summary="Propose, confirm or deny a release or rejection")
def decide(state: StateDep, user: Analyst, hold_id: Id, body: HoldDecisionIn) -> Response:
    """An analyst proposes ``release`` or ``reject``; a reviewer other than the proposer
    ``confirm``s it (released / rejected) or ``deny``s it (held again). 409 for a step the
    four-eyes rules refuse."""
    return _json(decide_hold(state.store, hold_id, body.action, body.reason, user).to_dict())
