"""Held payments in the store, on sqlite and postgresql: opened with the result, released or
rejected only by a second user (four eyes), every step in the audit trail."""

from __future__ import annotations

import pytest

from sanctionwatch.exc import Conflict, InputError, PaymentError, PermissionDenied
from sanctionwatch.payments import unreadable
from sanctionwatch.store import Store, User, add_user, audit_records, list_users, verify_audit
from sanctionwatch.store.payments import (
    HoldStatus,
    decide_hold,
    get_hold,
    list_holds,
    open_hold,
)

MESSAGE = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:X\n-}"


def held(store: Store) -> int:
    analyst, _ = add_user(store, "ana", "analyst")
    result = unreadable(PaymentError("in.fin#1", ":32A:", "not a currency and amount"))
    hold = open_hold(store, result, MESSAGE, analyst)
    assert hold.status == HoldStatus.HELD and hold.message == MESSAGE
    assert hold.result["verdict"] == "hold" and hold.result["message"]["file"] == "in.fin"
    return hold.id


def test_release_needs_a_second_reviewer(store: Store) -> None:
    hold_id = held(store)
    analyst = next(u for u in _users(store) if u.name == "ana")
    reviewer, _ = add_user(store, "rev", "reviewer")
    with pytest.raises(PermissionDenied):
        decide_hold(store, hold_id, "confirm", "ok", analyst)
    assert decide_hold(store, hold_id, "release", "customer known", reviewer).status == \
        HoldStatus.PENDING_RELEASE
    with pytest.raises(Conflict, match="four eyes"):
        decide_hold(store, hold_id, "confirm", "ok", reviewer)
    second, _ = add_user(store, "rev2", "reviewer")
    hold = decide_hold(store, hold_id, "confirm", "checked", second)
    assert (hold.status, hold.decided_by, hold.proposed_by) == (HoldStatus.RELEASED, second.id,
                                                                reviewer.id)
    with pytest.raises(Conflict, match="nothing is proposed"):
        decide_hold(store, hold_id, "deny", "late", second)
    actions = [r.action for r in audit_records(store) if r.object_type == "payment"]
    assert actions == ["payment.hold", "payment.release", "payment.confirm"]
    assert verify_audit(store).is_intact


def test_denied_rejection_goes_back_to_held_then_rejected(store: Store) -> None:
    hold_id = held(store)
    analyst = next(u for u in _users(store) if u.name == "ana")
    reviewer, _ = add_user(store, "rev", "reviewer")
    decide_hold(store, hold_id, "reject", "listed beneficiary", analyst)
    assert decide_hold(store, hold_id, "deny", "not enough", reviewer).status == HoldStatus.HELD
    decide_hold(store, hold_id, "reject", "listed beneficiary, checked", analyst)
    assert decide_hold(store, hold_id, "confirm", "agreed", reviewer).status == \
        HoldStatus.REJECTED
    assert [h.id for h in list_holds(store, HoldStatus.REJECTED)] == [hold_id]
    assert get_hold(store, hold_id).proposal_reason == "listed beneficiary, checked"


def test_bad_action_and_empty_reason_are_input_errors(store: Store) -> None:
    hold_id = held(store)
    analyst = next(u for u in _users(store) if u.name == "ana")
    with pytest.raises(InputError, match="use one of release, reject, confirm, deny"):
        decide_hold(store, hold_id, "pay", "x", analyst)
    with pytest.raises(InputError, match="give a reason"):
        decide_hold(store, hold_id, "release", "  ", analyst)


def _users(store: Store) -> list[User]:
    return list_users(store)
