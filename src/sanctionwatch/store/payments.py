"""Held payments: each hold with its message and hits, released or rejected with four eyes.

A payment the screening holds is stored (:func:`open_hold`, ``payment.hold`` in the audit
trail) with the message as received and the result as JSON. An analyst proposes to
``release`` or ``reject`` it, with a reason (``pending_release`` / ``pending_reject``); a
reviewer who is not the proposer ``confirm``s (``released`` / ``rejected``) or ``deny``s the
proposal (back to ``held``). Every step is one write transaction with its audit record, the
same rules as the alerts' four eyes (:mod:`sanctionwatch.store.review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import orjson
import sqlalchemy as sa

from sanctionwatch.exc import Conflict, InputError, NotFound, PermissionDenied
from sanctionwatch.payments import PaymentResult
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.records import User
from sanctionwatch.store.review import Role
from sanctionwatch.store.tables import payment_holds

#: the most characters of a message kept with its hold
MAX_MESSAGE_CHARS = 1_000_000
MAX_REASON = 4000


class HoldAction(StrEnum):
    RELEASE = "release"
    REJECT = "reject"
    CONFIRM = "confirm"
    DENY = "deny"


class HoldStatus(StrEnum):
    HELD = "held"
    PENDING_RELEASE = "pending_release"
    PENDING_REJECT = "pending_reject"
    RELEASED = "released"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class PaymentHold:
    id: int
    source: str
    message_index: int
    message_type: str | None
    reference: str | None
    uetr: str | None
    message: str
    result: dict[str, Any]
    status: HoldStatus
    created_at: datetime
    proposed_by: int | None
    proposal_reason: str | None
    decided_by: int | None

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "status": self.status.value, "result": self.result,
                "created_at": self.created_at.isoformat(), "proposed_by": self.proposed_by,
                "proposal_reason": self.proposal_reason, "decided_by": self.decided_by}


def _now() -> datetime:
    return datetime.now(UTC)


def open_hold(store: Store, result: PaymentResult, message: str, user: User) -> PaymentHold:
    """Store a held payment (its message and hits) for review."""
    if not result.is_held:
        raise InputError(f"{result.source}#{result.index}: only a held payment opens a hold")
    with store.write() as conn:
        hold_id = conn.execute(sa.insert(payment_holds).values(
            source=result.source[:500], message_index=result.index,
            message_type=result.type, reference=(result.reference or "")[:200] or None,
            uetr=(result.uetr or "")[:64] or None,
            # a database text column holds no NUL (PostgreSQL refuses it): kept visible
            message=message[:MAX_MESSAGE_CHARS].replace("\x00", "\ufffd"),
            result=orjson.dumps(result.to_dict()).decode(), status=HoldStatus.HELD.value,
            created_at=_now(), created_by=user.id,
        ).returning(payment_holds.c.id)).scalar_one()
        audit.append(conn, user.name, "payment.hold", "payment", hold_id, {
            "uetr": result.uetr, "reference": result.reference, "type": result.type,
            "reasons": list(result.reasons)})
    return get_hold(store, hold_id)


def get_hold(store: Store, hold_id: int) -> PaymentHold:
    with store.read() as conn:
        row = conn.execute(sa.select(payment_holds).where(payment_holds.c.id == hold_id)).first()
    if row is None:
        raise NotFound(f"payment hold {hold_id}: no such hold")
    return _hold(row)


def list_holds(store: Store, status: HoldStatus | None = None, limit: int = 100
               ) -> list[PaymentHold]:
    query = sa.select(payment_holds).order_by(payment_holds.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(payment_holds.c.status == status.value)
    with store.read() as conn:
        return [_hold(row) for row in conn.execute(query)]


def _hold(row: Any) -> PaymentHold:
    return PaymentHold(
        id=row.id, source=row.source, message_index=row.message_index,
        message_type=row.message_type, reference=row.reference, uetr=row.uetr,
        message=row.message, result=orjson.loads(row.result), status=HoldStatus(row.status),
        created_at=row.created_at, proposed_by=row.proposed_by,
        proposal_reason=row.proposal_reason, decided_by=row.decided_by,
    )


def decide_hold(store: Store, hold_id: int, action: HoldAction | str, reason: str,
                user: User) -> PaymentHold:
    """Propose a release or rejection (analyst), or confirm or deny one (another reviewer)."""
    action = _action(action)
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InputError(f"payment hold {hold_id}: give a reason of 1 to {MAX_REASON} characters")
    with store.write() as conn:
        row = conn.execute(sa.select(payment_holds).where(payment_holds.c.id == hold_id)
                           .with_for_update()).first()
        if row is None:
            raise NotFound(f"payment hold {hold_id}: no such hold")
        status = HoldStatus(row.status)
        values = _next(hold_id, status, action, row.proposed_by, user)
        if action in (HoldAction.RELEASE, HoldAction.REJECT):
            values["proposal_reason"] = reason
        conn.execute(sa.update(payment_holds).where(payment_holds.c.id == hold_id)
                     .values(**values))
        audit.append(conn, user.name, f"payment.{action.value}", "payment", hold_id, {
            "from": status.value, "to": values["status"], "reason": reason})
    return get_hold(store, hold_id)


def _action(value: HoldAction | str) -> HoldAction:
    try:
        return HoldAction(value)
    except ValueError:
        raise InputError(f"action {value!r}: use one of "
                         f"{', '.join(a.value for a in HoldAction)}") from None


def _next(hold_id: int, status: HoldStatus, action: HoldAction, proposer: int | None,
          user: User) -> dict[str, Any]:
    """The columns a step sets, under the four-eyes rules."""
    label = f"payment hold {hold_id}"
    if action in (HoldAction.RELEASE, HoldAction.REJECT):
        if not user.role.can(Role.ANALYST):
            raise PermissionDenied(f"{label}: proposing needs the analyst role")
        if status != HoldStatus.HELD:
            raise Conflict(f"{label}: is {status.value}; only a held payment takes a proposal")
        pending = HoldStatus.PENDING_RELEASE if action == HoldAction.RELEASE else \
            HoldStatus.PENDING_REJECT
        return {"status": pending.value, "proposed_by": user.id}
    if not user.role.can(Role.REVIEWER):
        raise PermissionDenied(f"{label}: confirming or denying needs the reviewer role")
    if status not in (HoldStatus.PENDING_RELEASE, HoldStatus.PENDING_REJECT):
        raise Conflict(f"{label}: is {status.value}; nothing is proposed")
    if proposer == user.id:
        raise Conflict(f"{label}: four eyes: {user.name!r} proposed it and cannot also "
                       f"{action.value} it")
    if action == HoldAction.DENY:
        return {"status": HoldStatus.HELD.value, "proposed_by": None}
    final = HoldStatus.RELEASED if status == HoldStatus.PENDING_RELEASE else \
        HoldStatus.REJECTED
    return {"status": final.value, "decided_by": user.id, "decided_at": _now()}
