"""Text screening: the listed parties an article or a note mentions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sanctionwatch.exc import DocumentError
from sanctionwatch.service.auth import Reader
from sanctionwatch.service.schemas import ErrorResponse, TextIn, TextOut
from sanctionwatch.service.scoring import Budget
from sanctionwatch.service.state import StateDep
from sanctionwatch.text import TextResult, parse_text

router = APIRouter(tags=["Text"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 413, 422, 503)
}


@router.post("/screen/text", response_model=TextOut, responses=ERRORS,
             summary="Screen free text")
async def screen_text(
    state: StateDep,
    _user: Reader,
    body: TextIn,
) -> TextOut:
    """Find mentions of listed parties in a text (plain or HTML): each with its position, the
    listing it links to, a confidence score, and the risk words around it. Scored on the
    scoring pool: 503 with ``Retry-After`` when the service is too busy."""
    index = state.index

    def work(_budget: Budget) -> TextResult:
        return index.text_screener().screen(parse_text(body.text, "request"))

    result = await state.pool.run(work)
    if result.error is not None:
        raise DocumentError(result.error)
    return TextOut.model_validate(result.to_dict())
