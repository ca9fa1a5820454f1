"""The payments pages: a pasted held message opens a hold and its page shows the message with
the hit's field highlighted; release needs a second reviewer; a clean message opens nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient
from webapp import sign_in

from sanctionwatch.store import Store
from sanctionwatch.store.payments import HoldStatus, list_holds
from sanctionwatch.web.routers.payments import marked_lines

MT103 = ("{1:F01BSCHGB2LXXXX0000000000}{2:O1030925221020CLYDGB2SXXXX00000000002210200925N}{4:\n"
         ":20:REF-1\n:32A:221020DKK591636,\n:50F:/NOTPROVIDED\n1/A Debiter\n3/GB/Epping\n"
         ":59F:1/@NAME@\n3/ES/Barcelona\n:71A:OUR\n-}")
LISTED = "KOREA MINING DEVELOPMENT TRADING CORPORATION"


def test_held_message_page_highlights_the_hit_field_and_needs_four_eyes(
        web: TestClient, store: Store, users: dict[str, str]) -> None:
    csrf = sign_in(web, users["reviewer"])
    page = web.post("/ui/payments", data={"message": MT103.replace("@NAME@", LISTED),
                                          "csrf": csrf})
    assert page.status_code == 200
    (hold,) = list_holds(store)
    assert page.url.path == f"/ui/payments/{hold.id}"
    assert f'title="party :59F: line 1 (creditor)">:59F:1/{LISTED}</mark>' in page.text
    assert "ofac_sdn" in page.text
    decide = f"/ui/payments/{hold.id}/decide"
    web.post(decide, data={"action": "release", "reason": "not them", "csrf": csrf})
    refused = web.post(decide, data={"action": "confirm", "reason": "ok", "csrf": csrf})
    assert refused.status_code == 409 and "four eyes" in refused.text
    csrf = sign_in(web, users["reviewer2"])
    web.post(decide, data={"action": "confirm", "reason": "checked", "csrf": csrf})
    assert list_holds(store)[0].status == HoldStatus.RELEASED
    assert "released" in web.get("/ui/payments?status=released").text


def test_clean_message_opens_no_hold(web: TestClient, store: Store,
                                     users: dict[str, str]) -> None:
    csrf = sign_in(web, users["analyst"])
    page = web.post("/ui/payments", data={"message": MT103.replace("@NAME@", "B Creditor Co"),
                                          "csrf": csrf})
    assert page.status_code == 200 and '<span class="badge pass">pass</span>' in page.text
    assert list_holds(store) == []
    assert web.get("/ui/payments?status=nope").status_code == 400


def test_marked_lines_find_mt_lines_and_xml_values() -> None:
    xml = "<Cdtr>\n  <Nm>A &amp; B</Nm>\n</Cdtr>"
    hits = [{"kind": "party", "field": "CdtTrfTxInf/Cdtr/Nm", "role": "creditor",
             "value": "A & B"}]
    assert [bool(m) for _, m in marked_lines(xml, hits)] == [False, True, False]
    mt = ":50F:/NOTPROVIDED\n1/X\n:59F:1/Y\n3/KP/Pyongyang"
    hits = [{"kind": "jurisdiction", "field": ":59F: line 2", "role": "creditor",
             "value": "KP"}]
    assert [bool(m) for _, m in marked_lines(mt, hits)] == [False, False, False, True]
