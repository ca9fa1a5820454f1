"""Case management: subjects to screen, the alerts they open, decisions on matches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from sanctionwatch.exc import InputError
from sanctionwatch.model import make_query
from sanctionwatch.service.auth import Analyst, Viewer
from sanctionwatch.service.convert import (
    alert_detail_out,
    alert_out,
    decision_out,
    screening_out,
    subject_out,
)
from sanctionwatch.service.ownership import owner_parties, subject_ownership
from sanctionwatch.service.schemas import (
    AlertDetailOut,
    AlertList,
    AlertOut,
    AssignIn,
    DecisionIn,
    DecisionOut,
    ErrorResponse,
    ScreeningOut,
    SubjectIn,
    SubjectOut,
)
from sanctionwatch.service.scoring import check_limits
from sanctionwatch.service.state import StateDep
from sanctionwatch.store import (
    AlertFilter,
    AlertStatus,
    assign_alert,
    decide,
    get_alert,
    get_subject,
    list_alerts,
)
from sanctionwatch.store.screening import add_and_screen, screen_subject, screening_config

router = APIRouter(tags=["Cases"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 422, 503)
}
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post("/subjects", response_model=ScreeningOut, status_code=201, responses=ERRORS,
             summary="Add a subject and screen it")
async def add_subject(
    state: StateDep,
    user: Analyst,
    body: SubjectIn,
    response: Response,
) -> ScreeningOut:
    """Store a customer or counterparty and screen it now; an alert opens when any match
    reaches the threshold (a pair cleared before as a false positive does not alert again
    while neither side has changed). Idempotent on ``external_id``: posting a customer
    already stored updates its subject and screens it again (200, not 201); only matches not
    alerted before alert, and they join its open alert if it has one. With ``parties`` and
    ``ownerships`` (FtM Ownership, the subject named ``"subject"`` or by its external_id)
    every party is screened and ``ownership`` says whether listed owners hold 50% or more;
    unless it is clear, the listed owners' matches open (or join) the subject's alert, each
    with the verdict and the chains proving it (``explanation.ownership``), reviewed under
    the same four-eyes rules."""
    entity = make_query("subject", body.schema_, body.properties)
    parties = owner_parties(body)
    check_limits({"subject": entity, **parties}, state.config.limits)
    config = screening_config(state.config.threshold, state.config.algorithm)
    index = state.index.get()
    ownership, owners = (None, []) if not (body.parties or body.ownerships) else (
        await state.pool.run(lambda _budget: subject_ownership(
            index, body, parties, config, state.config.ownership_threshold)))
    outcome = await state.pool.run(lambda _budget: add_and_screen(
        state.store, index, entity, user, config, external_id=body.external_id,
        owners=owners))
    if not outcome.is_new_subject:
        response.status_code = 200
    out = screening_out(outcome)
    out.ownership = ownership
    return out


@router.get("/subjects/{subject_id}", response_model=SubjectOut, responses=ERRORS,
            summary="One subject")
def read_subject(
    state: StateDep,
    _user: Viewer,
    subject_id: Id,
) -> SubjectOut:
    return subject_out(get_subject(state.store, subject_id))


@router.post("/subjects/{subject_id}/screen", response_model=ScreeningOut, responses=ERRORS,
             summary="Screen a subject again")
async def rescreen_subject(
    state: StateDep,
    user: Analyst,
    subject_id: Id,
) -> ScreeningOut:
    """Screen a stored subject against the current lists (e.g. after a list update)."""
    config = screening_config(state.config.threshold, state.config.algorithm)
    index = state.index.get()
    return screening_out(await state.pool.run(
        lambda _budget: screen_subject(state.store, index, subject_id, user, config)))


def _status(value: str | None) -> AlertStatus | None:
    if value is None:
        return None
    try:
        return AlertStatus(value)
    except ValueError:
        known = ", ".join(s.value for s in AlertStatus)
        raise InputError(f"status {value!r} is not one of: {known}") from None


@router.get("/alerts", response_model=AlertList, responses=ERRORS, summary="The alert queue")
def alerts(
    state: StateDep,
    _user: Viewer,
    status: Annotated[str | None, Query(max_length=20, description="open, escalated, "
                                        "pending (awaiting a second reviewer) or closed")] = None,
    score: Annotated[float | None, Query(ge=0.0, le=1.0, description="lowest score")] = None,
    source: Annotated[str | None, Query(max_length=100, description="a list's name")] = None,
    assignee: Annotated[str | None, Query(max_length=200, description="a user's name")] = None,
    unassigned: Annotated[bool, Query(description="only alerts assigned to nobody")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AlertList:
    """Alerts, highest score first, filtered by status, lowest score, list and assignee."""
    if unassigned and assignee is not None:
        raise InputError("give either assignee or unassigned, not both")
    filters = AlertFilter(status=_status(status), min_score=score, source=source,
                          assignee=assignee, is_unassigned=unassigned, limit=limit,
                          offset=offset)
    found, total = list_alerts(state.store, filters)
    return AlertList(results=[alert_out(a) for a in found], total=total, limit=limit,
                     offset=offset)


@router.get("/alerts/{alert_id}", response_model=AlertDetailOut, responses=ERRORS,
            summary="One alert with its matches")
def read_alert(
    state: StateDep,
    _user: Viewer,
    alert_id: Id,
) -> AlertDetailOut:
    """The subject, each candidate as it was listed when screened, with the explanation of its
    score and every decision recorded on it."""
    collection = state.index.get().collection if state.index.is_ready else None
    return alert_detail_out(get_alert(state.store, alert_id), collection)


@router.post("/alerts/{alert_id}/decisions", response_model=DecisionOut, status_code=201,
             responses=ERRORS, summary="Decide a match")
def add_decision(
    state: StateDep,
    user: Analyst,
    alert_id: Id,
    body: DecisionIn,
) -> DecisionOut:
    """Record a verdict with a reason: ``true_match``, ``false_positive`` or ``escalate``
    (analysts); ``confirm`` or ``reject`` a pending verdict (a second, different reviewer).
    Confirming a true match, or clearing a match above the high-score line, needs four eyes;
    409 explains when a rule forbids the decision."""
    return decision_out(decide(state.store, alert_id, body.match_id, user, body.verdict,
                               body.reason))


@router.post("/alerts/{alert_id}/assign", response_model=AlertOut, responses=ERRORS,
             summary="Assign an alert")
def assign(
    state: StateDep,
    user: Analyst,
    alert_id: Id,
    body: AssignIn,
) -> AlertOut:
    return alert_out(assign_alert(state.store, alert_id, body.assignee, user))
