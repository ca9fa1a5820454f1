from __future__ import annotations

import re

from fastapi.testclient import TestClient
from webapp import sign_in

from sanctionwatch.store import (
    Store,
    claim_monitor_run,
    finish_monitor_run,
    get_alert,
    mark_delisted,
)


def test_queue_and_alert_side_by_side(web: TestClient, users: dict[str, str],
                                      alert_id: int) -> None:
    sign_in(web, users["viewer"])
    queue = web.get("/ui/alerts").text
    assert f'href="http://testserver/ui/alerts/{alert_id}"' in queue
    assert "Kim Jong Un" in queue
    assert "No alerts match" in web.get("/ui/alerts?status=closed").text
    assert web.get("/ui/alerts?score=2").status_code == 400
    page = web.get(f"/ui/alerts/{alert_id}").text
    assert "KIM, Jong Un" in page
    assert "ofac-20157" in page
    assert re.search(r'<span class="value agree">Kim Jong Un</span>', page)
    assert "Why this score" in page
    assert "Record decision" not in page  # a viewer sees no decision form


def test_decision_and_four_eyes_confirmation(web: TestClient, store: Store,
                                             users: dict[str, str], alert_id: int) -> None:
    match_id = get_alert(store, alert_id).matches[0].id
    url = f"/ui/alerts/{alert_id}/decide"
    csrf = sign_in(web, users["reviewer"])
    done = web.post(url, data={"match_id": match_id, "verdict": "true_match",
                               "reason": "name and nationality agree", "csrf": csrf})
    assert done.status_code == 200
    assert "Recorded true_match" in done.text
    assert "Awaiting a second, different reviewer" in done.text
    same = web.post(url, data={"match_id": match_id, "verdict": "confirm", "reason": "me again",
                               "csrf": csrf})
    assert same.status_code == 409
    assert "second, different reviewer" in same.text
    csrf = sign_in(web, users["reviewer2"])
    confirmed = web.post(url, data={"match_id": match_id, "verdict": "confirm",
                                    "reason": "passport checked", "csrf": csrf})
    assert "now true match" in confirmed.text
    assert get_alert(store, alert_id).matches[0].state.value == "true_match"


def test_lists_and_text_pages(web: TestClient, users: dict[str, str]) -> None:
    csrf = sign_in(web, users["analyst"])
    lists = web.get("/ui/lists").text
    assert "un_sc" in lists
    assert "2026-02-27" in lists
    text = web.post("/ui/text", data={"text": "KOMID sold missiles. <b>bold</b>",
                                      "csrf": csrf}).text
    assert '<mark class="mention"' in text
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in text
    assert "<b>bold</b>" not in text  # pasted markup is shown as text, never rendered
    missing = web.get("/ui/alerts/999999")
    assert missing.status_code == 404
    assert "no alert 999999" in missing.text


def test_entity_page_and_links(web: TestClient, users: dict[str, str], alert_id: int) -> None:
    sign_in(web, users["viewer"])
    page = web.get(f"/ui/alerts/{alert_id}").text
    assert 'href="http://testserver/ui/entities/ofac-20157"' in page
    entity = web.get("/ui/entities/un-KPe.001")
    assert entity.status_code == 200
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in entity.text
    assert "un_sc" in entity.text
    assert web.get("/ui/entities/nobody").status_code == 404
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", web.get("/ui/lists").text)


def test_monitoring_shows_on_the_lists_page_and_delisted_matches_on_the_alert(
        web: TestClient, store: Store, users: dict[str, str], alert_id: int) -> None:
    sign_in(web, users["viewer"])
    assert "No list update has been monitored yet." in web.get("/ui/lists").text
    run = claim_monitor_run(store, "2026-03-01T060000Z", "bundled", "host:7", "monitor")
    assert run is not None
    finish_monitor_run(store, run.id, "monitor", report={
        "subjects": 1, "screened": 1, "updated_entities": 2, "removed_entities": 1,
        "alerts": [], "extended": [alert_id], "delisted": [[alert_id, 1, "ofac-20157"]]})
    lists = web.get("/ui/lists").text
    assert "List version 2026-03-01T060000Z (after bundled)" in lists
    assert "Re-screened 1 of 1 subjects against 2 new or changed entries" in lists
    assert "0 alerts opened, 1 extended" in lists
    assert "Removed entries: 1; matches noted as delisted: 1." in lists
    assert "Delisted" not in web.get(f"/ui/alerts/{alert_id}").text
    mark_delisted(store, ["ofac-20157"], "removed from the list (list version 2026-03-01T060000Z)",
                  "monitor")
    page = web.get(f"/ui/alerts/{alert_id}").text
    assert re.search(r'<p class="delisted" role="note"><strong>Delisted</strong> '
                     r"\d{4}-\d\d-\d\d \d\d:\d\d: removed from the list \(list version "
                     r"2026-03-01T060000Z\)</p>", page)
