"""The alert queue with its filters, one alert with the subject and each candidate side by
side, the decision form (four eyes) and assigning an alert."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionwatch import exc
from sanctionwatch.store import (
    AlertFilter,
    AlertStatus,
    Role,
    User,
    assign_alert,
    decide,
    get_alert,
    list_alerts,
)
from sanctionwatch.web.compare import side_by_side
from sanctionwatch.web.network import neighbourhood_svg
from sanctionwatch.web.ui import ASSIGNED, VERDICTS, Csrf, Ui, UiDep, http_status

router = APIRouter()


@router.get("/alerts", response_class=HTMLResponse, name="ui.alerts")
def alerts(
    request: Request, ui: UiDep,
    status: Annotated[str, Query(max_length=20)] = "",
    score: Annotated[str, Query(max_length=10)] = "",
    source: Annotated[str, Query(max_length=100)] = "",
    assigned: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    user = ui.user(request)
    if assigned not in ASSIGNED:
        raise exc.InputError(f"assigned {assigned!r} is not one of: me, none")
    filters = AlertFilter(
        status=_parse(AlertStatus, status), min_score=_score(score), source=source or None,
        assignee=user.name if assigned == "me" else None, is_unassigned=assigned == "none",
        limit=200,
    )
    found, total = list_alerts(ui.store, filters)
    sources = [s.name for s in ui.lists.get().collection.sources] if ui.lists.is_ready else []
    return ui.render(request, "alerts.html", user=user, alerts=found, total=total,
                     statuses=[s.value for s in AlertStatus], sources=sources,
                     assigned=ASSIGNED, filters={"status": status, "score": score,
                                                 "source": source, "assigned": assigned})


@router.get("/alerts/{alert_id}", response_class=HTMLResponse, name="ui.alert")
def alert(request: Request, ui: UiDep, alert_id: int, message: str = "") -> Response:
    return _alert_page(request, ui, ui.user(request), alert_id, message=message)


@router.post("/alerts/{alert_id}/decide", response_class=HTMLResponse, name="ui.decide_match")
def decide_match(
    request: Request, ui: UiDep,
    alert_id: int,
    match_id: Annotated[int, Form()],
    verdict: Annotated[str, Form(max_length=20)],
    reason: Annotated[str, Form(max_length=4000)] = "",
    csrf: Csrf = "",
) -> Response:
    user = ui.user(request, csrf)
    try:
        decision = decide(ui.store, alert_id, match_id, user, verdict, reason)
    except (exc.Conflict, exc.PermissionDenied, exc.InputError) as error:
        return _alert_page(request, ui, user, alert_id, error=str(error),
                           status=http_status(error))
    url = request.url_for("ui.alert", alert_id=alert_id).include_query_params(
        message=f"Recorded {decision.verdict.value} on match {match_id}: "
                f"now {decision.state_after.value.replace('_', ' ')}.")
    return RedirectResponse(url, status_code=303)


@router.post("/alerts/{alert_id}/assign", response_class=HTMLResponse, name="ui.assign")
def assign(
    request: Request, ui: UiDep,
    alert_id: int,
    assignee: Annotated[str, Form(max_length=200)] = "",
    csrf: Csrf = "",
) -> Response:
    user = ui.user(request, csrf)
    name = assignee.strip() or None
    try:
        if name is not None and name not in {u.name for u in ui.assignees()}:
            raise exc.InputError(f"{name!r} is not an active user with the analyst role "
                                 "or above")
        alert = assign_alert(ui.store, alert_id, name, user)
    except (exc.PermissionDenied, exc.InputError) as error:
        return _alert_page(request, ui, user, alert_id, error=str(error),
                           status=http_status(error))
    done = f"Assigned to {alert.assignee}." if alert.assignee else "Assigned to nobody."
    url = request.url_for("ui.alert", alert_id=alert_id).include_query_params(message=done)
    return RedirectResponse(url, status_code=303)


def _alert_page(request: Request, ui: Ui, user: User, alert_id: int, *, message: str = "",
                error: str = "", status: int = 200) -> Response:
    detail = get_alert(ui.store, alert_id)
    subject_props = detail.subject.entity.properties
    rows = {m.id: side_by_side(_compared(subject_props, m.explanation), m.entity.properties,
                               m.explanation) for m in detail.matches}
    lists = ui.lists.get().collection if ui.lists.is_ready else None
    networks = {m.id: neighbourhood_svg(lists, m.entity.id, lambda i: str(
        request.url_for("ui.entity", entity_id=i))) for m in detail.matches} if lists else {}
    owned = [m.explanation["ownership"] for m in detail.matches if "ownership" in m.explanation]
    return ui.render(request, "alert.html", status, user=user, detail=detail, rows=rows,
                     networks=networks, ownership=owned[-1] if owned else None,
                     verdicts={m.id: VERDICTS.get(m.state, ()) for m in detail.matches},
                     assignees=ui.assignees() if user.role.can(Role.ANALYST) else [],
                     message=message, error=error)


def _compared(subject_props: Mapping[str, Sequence[str]],
              explanation: Mapping[str, Any]) -> Mapping[str, Sequence[str]]:
    """What the listed entity was compared with: the subject, or the owner party whose
    listing an ownership verdict alerted on."""
    party = explanation.get("ownership", {}).get("party")
    return party["properties"] if party else subject_props


def _parse(kind: type[AlertStatus], value: str) -> AlertStatus | None:
    try:
        return kind(value) if value else None
    except ValueError:
        raise exc.InputError(f"status {value!r} is not one of: "
                             f"{', '.join(s.value for s in kind)}") from None


def _score(value: str) -> float | None:
    if not value:
        return None
    try:
        score = float(value)
    except ValueError:
        raise exc.InputError(f"score {value!r} is not a number") from None
    if not 0.0 <= score <= 1.0:
        raise exc.InputError(f"score {value!r} is not between 0 and 1")
    return score
