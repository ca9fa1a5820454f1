"""Case management: subjects, the alerts their screenings open, and decisions on matches.

- :func:`record_screening` raises an alert when any match reaches the threshold, leaving out
  pairs cleared before as false positives while neither side has changed (content hashes) and
  pairs already on one of the subject's alerts. One open case per subject: when the subject
  already has an alert that is not closed (open, escalated or pending), the new matches join
  that alert (its score becomes the highest, its status is worked out again: ``alert.extend``
  in the audit trail); otherwise a new alert opens (``alert.open``). The rule is the same for
  every screening -- an analyst's (``POST /subjects/{id}/screen``, the UI) and monitoring's
  after a list update -- so everything still undecided about a subject is reviewed together.
  A subject owned by listed parties (``POST /subjects`` with ``parties`` and ``ownerships``)
  alerts on its listed owners' matches too, each with the ownership verdict and its chains
  stored in the match's explanation (``"ownership"``), reviewed like any other match.
- :func:`decide` records a verdict under the four-eyes rules of :mod:`store.review`, inside
  one write transaction with its audit record, so concurrent reviewers never lose a decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionwatch.exc import InputError, NotFound, PermissionDenied
from sanctionwatch.model import Entity, Match
from sanctionwatch.store import audit
from sanctionwatch.store.database import Store
from sanctionwatch.store.hashing import entity_hash, subject_hash
from sanctionwatch.store.reads import load_alert, load_subject
from sanctionwatch.store.records import (
    Alert,
    Decision,
    OwnerHit,
    ScreeningOutcome,
    Subject,
    User,
)
from sanctionwatch.store.review import (
    AlertStatus,
    MatchState,
    Role,
    Verdict,
    alert_status,
    next_state,
)
from sanctionwatch.store.tables import alerts, cleared, decisions, matches, subjects, users

MAX_REASON = 4000


def _now() -> datetime:
    return datetime.now(UTC)


def _require(user: User, role: Role, action: str) -> None:
    if not user.role.can(role):
        raise PermissionDenied(
            f"{action} needs the {role.value} role; {user.name!r} is {user.role.value}"
        )


def add_subject(
    store: Store, entity: Entity, user: User, external_id: str | None = None
) -> Subject:
    """Store a customer or counterparty to screen now and on every list update (with an
    ``external_id`` already stored: that subject, updated; see :func:`save_subject`)."""
    return save_subject(store, entity, user, external_id)[0]


def save_subject(
    store: Store, entity: Entity, user: User, external_id: str | None = None
) -> tuple[Subject, bool]:
    """The subject stored for this entity, and whether it is new.

    A subject is one customer: with an ``external_id`` that is already stored, that subject
    takes the new schema and properties (``subject.update`` in the audit trail, when anything
    changed) instead of a second subject being added. The write lock makes the look-up and
    the insert one step, so concurrent posts of one customer still give one subject."""
    _require(user, Role.ANALYST, "adding a subject")
    props = {k: list(v) for k, v in entity.properties.items() if v}
    if not props:
        raise InputError("subject: at least one property (e.g. name) is required")
    digest = subject_hash(entity.schema, entity.properties)
    with store.write() as conn:
        existing = None if external_id is None else conn.execute(
            sa.select(subjects.c.id, subjects.c.content_hash)
            .where(subjects.c.external_id == external_id)
            .order_by(subjects.c.id).limit(1)
        ).first()
        if existing is not None:
            if existing.content_hash != digest:
                conn.execute(sa.update(subjects).where(subjects.c.id == existing.id).values(
                    schema=entity.schema, properties=props, content_hash=digest))
                audit.append(conn, user.name, "subject.update", "subject", existing.id,
                             {"schema": entity.schema, "properties": props,
                              "external_id": external_id, "content_hash": digest,
                              "previous_hash": existing.content_hash})
            return load_subject(conn, existing.id), False
        subject_id = conn.execute(
            sa.insert(subjects).values(
                external_id=external_id, schema=entity.schema, properties=props,
                content_hash=digest, created_by=user.id, created_at=_now(),
            ).returning(subjects.c.id)
        ).scalar_one()
        audit.append(conn, user.name, "subject.add", "subject", subject_id,
                     {"schema": entity.schema, "properties": props, "external_id": external_id,
                      "content_hash": digest})
        return load_subject(conn, subject_id), True


def record_screening(
    store: Store,
    subject_id: int,
    found: Sequence[Match],
    *,
    threshold: float,
    algorithm: str,
    user: User,
    owners: Sequence[OwnerHit] = (),
) -> ScreeningOutcome:
    """Record a screening of a subject; open an alert for new matches at the threshold and
    for the listed owners' matches (``owners``: the ownership verdict their explanation)."""
    _require(user, Role.ANALYST, "screening a subject")
    hits = _hits(found, threshold, owners)
    with store.write() as conn:
        subject = load_subject(conn, subject_id)
        known = _known_pairs(conn, subject)
        fresh: list[_Fresh] = []
        suppressed: list[str] = []
        already: list[str] = []
        for match, explanation in hits:
            digest = entity_hash(match.entity)
            status = known.get((match.entity.id, digest))
            if status == "cleared":
                suppressed.append(match.entity.id)
            elif status == "alerted":
                already.append(match.entity.id)
            else:
                fresh.append((match, digest, explanation))
        now = _now()
        conn.execute(sa.update(subjects).where(subjects.c.id == subject.id).values(screened_at=now))
        alert = None
        pending = _unclosed_alert(conn, subject.id) if fresh else None
        if pending is not None:
            alert = _extend_alert(conn, subject, pending, fresh, now)
        elif fresh:
            alert = _open_alert(conn, subject, fresh, threshold, algorithm, now)
        payload: dict[str, Any] = {
            "candidates": len(found), "threshold": threshold, "algorithm": algorithm,
            "alert": alert.id if alert else None, "extended": pending is not None,
            "suppressed": suppressed, "already_alerted": already,
        }
        if owners:
            payload["ownership"] = owners[0].ownership.get("status")
        audit.append(conn, user.name, "subject.screen", "subject", subject.id, payload)
        subject = load_subject(conn, subject_id)
    return ScreeningOutcome(subject, alert, tuple(suppressed), tuple(already), len(found),
                            is_extension=pending is not None)


#: a match to insert: the match, its entity's content hash, its explanation as stored
_Fresh = tuple[Match, str, dict[str, Any]]


def _hits(found: Sequence[Match], threshold: float,
          owners: Sequence[OwnerHit]) -> list[tuple[Match, dict[str, Any]]]:
    """The subject's own matches at the threshold, then its listed owners' (an owner's
    listing the subject matches too is kept once, with the ownership verdict)."""
    owned = {h.match.entity.id: h for h in owners}
    out: list[tuple[Match, dict[str, Any]]] = [
        (m, m.explanation.to_dict()) for m in found
        if m.score >= threshold and m.entity.id not in owned]
    out.extend((h.match, {**h.match.explanation.to_dict(), "ownership": h.ownership})
               for h in owned.values())
    return out


def _known_pairs(conn: sa.Connection, subject: Subject) -> dict[tuple[str, str], str]:
    """(entity id, entity hash) -> "cleared" or "alerted" for this subject's content."""
    out: dict[tuple[str, str], str] = {}
    rows = conn.execute(
        sa.select(matches.c.entity_id, matches.c.entity_hash, matches.c.state)
        .join(alerts, alerts.c.id == matches.c.alert_id)
        .join(subjects, subjects.c.id == alerts.c.subject_id)
        .where(subjects.c.content_hash == subject.content_hash)
    )
    for entity_id, digest, state in rows:
        if state != MatchState.FALSE_POSITIVE:
            out[(entity_id, digest)] = "alerted"
    for entity_id, digest in conn.execute(
        sa.select(cleared.c.entity_id, cleared.c.entity_hash).where(
            cleared.c.subject_hash == subject.content_hash
        )
    ):
        out[(entity_id, digest)] = "cleared"
    return out


def _unclosed_alert(conn: sa.Connection, subject_id: int) -> int | None:
    """The subject's newest alert that is not closed, if any."""
    return conn.execute(
        sa.select(alerts.c.id)
        .where(alerts.c.subject_id == subject_id, alerts.c.status != AlertStatus.CLOSED.value)
        .order_by(alerts.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _add_matches(conn: sa.Connection, alert_id: int, fresh: list[_Fresh],
                 action: str, subject: Subject) -> None:
    """Insert the new matches (open) into an alert, with the audit record of the action."""
    conn.execute(sa.insert(matches), [
        {
            "alert_id": alert_id, "entity_id": m.entity.id, "entity_hash": digest,
            "entity": m.entity.to_ftm(), "datasets": list(m.datasets), "score": m.score,
            "explanation": explanation, "state": MatchState.OPEN.value,
        }
        for m, digest, explanation in fresh
    ])
    audit.append(conn, "system", action, "alert", alert_id, {
        "subject": subject.id, "score": max(m.score for m, _, _ in fresh),
        "matches": [{"entity": m.entity.id, "entity_hash": d, "score": m.score}
                    for m, d, _ in fresh],
    })


def _open_alert(
    conn: sa.Connection, subject: Subject, fresh: list[_Fresh], threshold: float,
    algorithm: str, now: datetime,
) -> Alert:
    alert_id = conn.execute(
        sa.insert(alerts).values(
            subject_id=subject.id, status=AlertStatus.OPEN.value,
            score=max(m.score for m, _, _ in fresh), threshold=threshold, algorithm=algorithm,
            created_at=now, updated_at=now,
        ).returning(alerts.c.id)
    ).scalar_one()
    _add_matches(conn, alert_id, fresh, "alert.open", subject)
    return load_alert(conn, alert_id)


def _extend_alert(
    conn: sa.Connection, subject: Subject, alert_id: int, fresh: list[_Fresh],
    now: datetime,
) -> Alert:
    _add_matches(conn, alert_id, fresh, "alert.extend", subject)
    rows = conn.execute(
        sa.select(matches.c.state, matches.c.score).where(matches.c.alert_id == alert_id)
    ).all()
    status = alert_status(MatchState(r.state) for r in rows)
    conn.execute(sa.update(alerts).where(alerts.c.id == alert_id).values(
        score=max(r.score for r in rows), status=status.value, updated_at=now))
    return load_alert(conn, alert_id)


def decide(
    store: Store, alert_id: int, match_id: int, user: User, verdict: Verdict | str, reason: str,
) -> Decision:
    """Record a verdict on one match of an alert (four-eyes rules in :mod:`store.review`)."""
    verdict = _parse_verdict(verdict)
    reason = reason.strip()
    if not reason:
        raise InputError("decision: a reason is required")
    if len(reason) > MAX_REASON:
        raise InputError(f"decision: the reason is longer than {MAX_REASON} characters")
    with store.write() as conn:
        row = conn.execute(
            sa.select(matches.c.state, matches.c.score, matches.c.entity_id,
                      matches.c.entity_hash)
            .where(matches.c.id == match_id, matches.c.alert_id == alert_id)
            .with_for_update()
        ).first()
        if row is None:
            raise NotFound(f"alert {alert_id} has no match {match_id}")
        before = MatchState(row.state)
        after = next_state(
            before, verdict, score=row.score, role=user.role, user_id=user.id,
            proposer_id=_proposer(conn, match_id) if before.is_pending else None,
            policy=store.policy,
        )
        now = _now()
        decision_id = conn.execute(
            sa.insert(decisions).values(
                match_id=match_id, alert_id=alert_id, user_id=user.id, verdict=verdict.value,
                reason=reason, state_before=before.value, state_after=after.value, created_at=now,
            ).returning(decisions.c.id)
        ).scalar_one()
        conn.execute(sa.update(matches).where(matches.c.id == match_id).values(state=after.value))
        if after is MatchState.FALSE_POSITIVE:
            _remember_cleared(conn, alert_id, match_id, row.entity_id, row.entity_hash, now)
        states = conn.execute(sa.select(matches.c.state).where(matches.c.alert_id == alert_id))
        status = alert_status(MatchState(s) for (s,) in states)
        conn.execute(sa.update(alerts).where(alerts.c.id == alert_id).values(
            status=status.value, updated_at=now))
        audit.append(conn, user.name, "match.decide", "match", match_id, {
            "alert": alert_id, "decision": decision_id, "verdict": verdict.value,
            "reason": reason, "state_before": before.value, "state_after": after.value,
            "alert_status": status.value,
        })
    return Decision(decision_id, match_id, alert_id, user.name, verdict, reason, before, after, now)


def _parse_verdict(value: Verdict | str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        known = ", ".join(v.value for v in Verdict)
        raise InputError(f"decision: verdict {value!r} is not one of: {known}") from None


def _proposer(conn: sa.Connection, match_id: int) -> int | None:
    """Who moved the match into its pending state (the first pair of eyes)."""
    return conn.execute(
        sa.select(decisions.c.user_id)
        .where(decisions.c.match_id == match_id)
        .order_by(decisions.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _remember_cleared(
    conn: sa.Connection, alert_id: int, match_id: int, entity_id: str, digest: str,
    now: datetime,
) -> None:
    subject_digest = conn.execute(
        sa.select(subjects.c.content_hash)
        .join(alerts, alerts.c.subject_id == subjects.c.id)
        .where(alerts.c.id == alert_id)
    ).scalar_one()
    exists = conn.execute(sa.select(cleared.c.id).where(
        cleared.c.subject_hash == subject_digest, cleared.c.entity_id == entity_id,
        cleared.c.entity_hash == digest,
    )).first()
    if exists is None:
        conn.execute(sa.insert(cleared).values(
            subject_hash=subject_digest, entity_id=entity_id, entity_hash=digest,
            match_id=match_id, created_at=now,
        ))


def assign_alert(store: Store, alert_id: int, assignee: str | None, user: User) -> Alert:
    """Assign an alert to a user by name (None: unassign): an active analyst, reviewer or
    admin (a viewer cannot decide it, a deactivated user would never see it)."""
    _require(user, Role.ANALYST, "assigning an alert")
    with store.write() as conn:
        assignee_id = None
        if assignee is not None:
            found = conn.execute(
                sa.select(users.c.id, users.c.role, users.c.is_active)
                .where(users.c.name == assignee)
            ).one_or_none()
            if found is None:
                raise NotFound(f"no user named {assignee!r}")
            if not found.is_active or not Role(found.role).can(Role.ANALYST):
                raise InputError(f"assignee {assignee!r}: alerts go to active users with the "
                                 f"analyst role or above")
            assignee_id = found.id
        updated = conn.execute(sa.update(alerts).where(alerts.c.id == alert_id).values(
            assignee=assignee_id, updated_at=_now()))
        if updated.rowcount == 0:
            raise NotFound(f"no alert {alert_id}")
        payload: dict[str, Any] = {"assignee": assignee}
        audit.append(conn, user.name, "alert.assign", "alert", alert_id, payload)
        return load_alert(conn, alert_id)
