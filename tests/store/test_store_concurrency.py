from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from storedata import KIM, make_match, subject_entity

from sanctionwatch.exc import Conflict
from sanctionwatch.model import Entity
from sanctionwatch.store import (
    AlertStatus,
    Role,
    Store,
    User,
    add_subject,
    add_user,
    audit_records,
    decide,
    get_alert,
    record_screening,
    verify_audit,
)

WRITERS = 8


def _alert_with_matches(store: Store, user: User, count: int) -> int:
    subject = add_subject(store, subject_entity(), user)
    listed = [Entity(f"{KIM.id}-{i}", KIM.schema, KIM.properties, KIM.datasets)
              for i in range(count)]
    alert = record_screening(store, subject.id, [make_match(e, 0.8) for e in listed],
                             threshold=0.7, algorithm="test", user=user).alert
    assert alert is not None
    return alert.id


def test_concurrent_writers_never_lose_a_decision(store: Store) -> None:
    analysts = [add_user(store, f"analyst{i}", Role.ANALYST)[0] for i in range(WRITERS)]
    alert_id = _alert_with_matches(store, analysts[0], 3 * WRITERS)
    match_ids = [m.id for m in get_alert(store, alert_id).matches]

    def work(i: int) -> list[int]:
        done = []
        for match_id in match_ids[i::WRITERS]:
            done.append(decide(store, alert_id, match_id, analysts[i], "false_positive",
                               f"cleared by writer {i}").id)
        return done

    with ThreadPoolExecutor(WRITERS) as pool:
        recorded = [d for ids in pool.map(work, range(WRITERS)) for d in ids]
    detail = get_alert(store, alert_id)
    assert len(recorded) == len(set(recorded)) == len(match_ids)
    assert sorted(d.id for m in detail.matches for d in m.decisions) == sorted(recorded)
    assert detail.alert.status is AlertStatus.CLOSED
    assert verify_audit(store).is_intact


def test_racing_reviewers_on_one_match_one_wins_the_rest_conflict(store: Store) -> None:
    reviewers = [add_user(store, f"reviewer{i}", Role.REVIEWER)[0] for i in range(WRITERS)]
    alert_id = _alert_with_matches(store, reviewers[0], 1)
    match_id = get_alert(store, alert_id).matches[0].id

    def work(i: int) -> str:
        try:
            decide(store, alert_id, match_id, reviewers[i], "escalate", f"reviewer {i}")
        except Conflict:
            return "conflict"
        return "recorded"

    with ThreadPoolExecutor(WRITERS) as pool:
        outcomes = list(pool.map(work, range(WRITERS)))
    assert outcomes.count("recorded") == 1
    assert outcomes.count("conflict") == WRITERS - 1
    decisions = get_alert(store, alert_id).matches[0].decisions
    assert len(decisions) == 1
    assert [r.action for r in audit_records(store)].count("match.decide") == 1
    assert verify_audit(store).is_intact
