"""``POST /screen/payment``: the result shape, a hold opened for each held payment and reviewed
with four eyes, the audit trail; bad input held (never a 500), an XML bomb held, a body over
the limit 413, no key 401."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sanctionwatch.store import Store, audit_records

MT103 = "{1:F01BSCHGB2LXXXX0000000000}{2:O1030925221020CLYDGB2SXXXX00000000002210200925N}" \
    "{4:\r\n:20:REF-1\r\n:32A:221020DKK591636,\r\n:50F:/NOTPROVIDED\r\n1/A Debiter\r\n" \
    "3/GB/Epping London\r\n:59F:1/@NAME@\r\n3/ES/Barcelona\r\n:71A:OUR\r\n-}"
JSON = "application/json"
LISTED = "KOREA MINING DEVELOPMENT TRADING CORPORATION"


def key(keys: dict[str, str], role: str, kind: str = "text/plain") -> dict[str, str]:
    return {"Authorization": f"ApiKey {keys[role]}", "Content-Type": kind}


def test_clean_payment_passes_without_a_hold(api: TestClient, keys: dict[str, str]) -> None:
    response = api.post("/screen/payment", content=MT103.replace("@NAME@", "B Creditor Co"),
                        headers=key(keys, "analyst"))
    assert response.status_code == 200
    body = response.json()
    assert (body["verdict"], body["hits"], "hold" in body) == ("pass", [], False)
    assert body["message"] == {"file": "request", "index": 1, "type": "MT103",
                               "reference": "REF-1", "uetr": None}


def test_held_payment_opens_a_hold_released_with_four_eyes(
        api: TestClient, keys: dict[str, str], store: Store) -> None:
    response = api.post("/screen/payment", content=MT103.replace("@NAME@", LISTED),
                        headers=key(keys, "analyst"))
    body = response.json()
    assert body["verdict"] == "hold"
    assert body["hits"][0]["field"] == ":59F: line 1"
    hold_id = body["hold"]
    detail = api.get(f"/payments/holds/{hold_id}", headers=key(keys, "viewer")).json()
    assert detail["status"] == "held" and LISTED in detail["raw"]
    decide = f"/payments/holds/{hold_id}/decisions"
    proposed = api.post(decide, json={"action": "release", "reason": "other company"},
                        headers=key(keys, "reviewer", JSON))
    assert proposed.json()["status"] == "pending_release"
    same = api.post(decide, json={"action": "confirm", "reason": "ok"},
                    headers=key(keys, "reviewer", JSON))
    assert same.status_code == 409 and "four eyes" in same.json()["detail"]
    done = api.post(decide, json={"action": "confirm", "reason": "checked"},
                    headers=key(keys, "reviewer2", JSON))
    assert done.json()["status"] == "released"
    trail = [r.action for r in audit_records(store, object_type="payment")]
    assert trail == ["payment.hold", "payment.release", "payment.confirm"]


def test_bad_input_and_bombs_are_held_never_500(api: TestClient, keys: dict[str, str]) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<Document><x>&b;</x></Document>")
    for content in (bomb, "<Document><broken>", "hello", "", "{1:F01X}{2:I103\x00"):
        response = api.post("/screen/payment", content=content, headers=key(keys, "analyst"))
        assert response.status_code == 200, content
        body = response.json()
        assert body["verdict"] == "hold" and body["reasons"][0].startswith("unreadable")
        assert body["hold"] >= 1


def test_limits_and_keys(api: TestClient, keys: dict[str, str]) -> None:
    assert api.post("/screen/payment", content="x").status_code == 401
    assert api.post("/screen/payment", content="x",
                    headers=key(keys, "viewer")).status_code == 403
    big = api.post("/screen/payment", content="<" + " " * 300_000,
                   headers=key(keys, "analyst"))
    assert big.status_code == 413
