"""Assigning alerts in the UI (analysts and up, to active analysts and up) and the queue's
filter on the assignee."""

from __future__ import annotations

import re

import sqlalchemy as sa
from fastapi.testclient import TestClient
from markupsafe import escape
from webapp import sign_in

from sanctionwatch.monitor import MONITOR_USER
from sanctionwatch.store import Role, Store, audit_records, get_alert, system_user
from sanctionwatch.store.tables import users as user_rows

OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*)</option>')


def _queue(web: TestClient, assigned: str) -> list[str]:
    """The alert ids the queue lists with this assignee filter."""
    page = web.get("/ui/alerts", params={"assigned": assigned})
    assert page.status_code == 200
    return re.findall(r'/ui/alerts/(\d+)">\1</a>', page.text)


def _assignees(page: str) -> list[str]:
    form = page.split('class="assign-to"', 1)[1].split("</form>", 1)[0]
    return [label for _, label in OPTION.findall(form)]


def test_analyst_assigns_an_alert_and_filters_the_queue(
        web: TestClient, store: Store, users: dict[str, str], alert_id: int) -> None:
    system_user(store)
    system_user(store, MONITOR_USER, Role.ANALYST)
    with store.write() as conn:
        conn.execute(sa.update(user_rows).where(user_rows.c.name == "rita")
                     .values(is_active=False))
    csrf = sign_in(web, users["analyst"])
    page = web.get(f"/ui/alerts/{alert_id}").text
    assert '<strong id="assignee">nobody</strong>' in page
    assert "Assign to me" in page
    # active analysts and up only: no viewer, no deactivated user, no automated user
    assert _assignees(page) == ["nobody", "ana (analyst)", "rev (reviewer)"]
    assert _queue(web, "none") == [str(alert_id)]
    assert _queue(web, "me") == []

    url = f"/ui/alerts/{alert_id}/assign"
    mine = web.post(url, data={"assignee": "ana", "csrf": csrf})
    assert mine.url.path == f"/ui/alerts/{alert_id}"
    assert "Assigned to ana." in mine.text
    assert '<strong id="assignee">ana</strong>' in mine.text
    assert "Assign to me" not in mine.text
    assert get_alert(store, alert_id).alert.assignee == "ana"
    assert _queue(web, "me") == [str(alert_id)]
    assert _queue(web, "none") == []
    assert _queue(web, "") == [str(alert_id)]

    for name in ("vic", "rita", "system", "nobody-at-all"):
        refused = web.post(url, data={"assignee": name, "csrf": csrf})
        assert refused.status_code == 400
        assert escape(f"{name!r} is not an active user with the analyst role or above") \
            in refused.text
    assert get_alert(store, alert_id).alert.assignee == "ana"

    to_rev = web.post(url, data={"assignee": "rev", "csrf": csrf})
    assert "Assigned to rev." in to_rev.text
    assert '<option value="rev" selected>' in to_rev.text
    assert _queue(web, "me") == []
    cleared = web.post(url, data={"assignee": "", "csrf": csrf})
    assert "Assigned to nobody." in cleared.text
    assert _queue(web, "none") == [str(alert_id)]
    trail = [(r.actor, r.payload) for r in audit_records(store, "alert", str(alert_id))
             if r.action == "alert.assign"]
    assert trail == [("ana", '{"assignee":"ana"}'), ("ana", '{"assignee":"rev"}'),
                     ("ana", '{"assignee":null}')]
    assert web.get("/ui/alerts", params={"assigned": "everyone"}).status_code == 400


def test_a_viewer_sees_the_assignee_but_cannot_assign(
        web: TestClient, store: Store, users: dict[str, str], alert_id: int) -> None:
    csrf = sign_in(web, users["viewer"])
    page = web.get(f"/ui/alerts/{alert_id}").text
    assert '<strong id="assignee">nobody</strong>' in page
    assert "Assign to me" not in page
    assert 'class="assign-to"' not in page
    refused = web.post(f"/ui/alerts/{alert_id}/assign", data={"assignee": "ana", "csrf": csrf})
    assert refused.status_code == 403
    assert escape("assigning an alert needs the analyst role; 'vic' is viewer") in refused.text
    assert get_alert(store, alert_id).alert.assignee is None
