from __future__ import annotations

import pytest
import sqlalchemy as sa
from storedata import KIM, KOMID, make_match, subject_entity

from sanctionwatch.exc import Conflict, InputError, NotFound, PermissionDenied
from sanctionwatch.model import Entity
from sanctionwatch.store import (
    AlertFilter,
    AlertStatus,
    MatchState,
    OwnerHit,
    Role,
    Store,
    User,
    add_subject,
    add_user,
    audit_records,
    decide,
    get_alert,
    list_alerts,
    record_screening,
    verify_audit,
)


def screen(store: Store, user: User, entity: Entity, *scored: tuple[Entity, float]) -> int:
    subject = add_subject(store, entity, user)
    outcome = record_screening(
        store, subject.id, [make_match(e, s) for e, s in scored],
        threshold=0.7, algorithm="test", user=user,
    )
    assert outcome.alert is not None
    return outcome.alert.id


def test_screening_opens_alert_only_at_threshold(store: Store, analyst: User) -> None:
    subject = add_subject(store, subject_entity(), analyst)
    low = record_screening(store, subject.id, [make_match(KIM, 0.5)], threshold=0.7,
                           algorithm="test", user=analyst)
    assert low.alert is None
    assert low.candidates == 1
    high = record_screening(store, subject.id, [make_match(KIM, 0.95), make_match(KOMID, 0.3)],
                            threshold=0.7, algorithm="test", user=analyst)
    assert high.alert is not None
    detail = get_alert(store, high.alert.id)
    assert [m.entity.id for m in detail.matches] == ["un-KPi.033"]
    assert detail.matches[0].entity.get("alias") == ("김정은", "Ким Чен Ын")
    assert detail.alert.status is AlertStatus.OPEN
    assert detail.alert.subject_caption == "Kim Jong-un"


def test_rescreening_does_not_duplicate_open_alert(store: Store, analyst: User) -> None:
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.95))
    subject_id = get_alert(store, alert_id).subject.id
    again = record_screening(store, subject_id, [make_match(KIM, 0.95)], threshold=0.7,
                             algorithm="test", user=analyst)
    assert again.alert is None
    assert again.already_alerted == ("un-KPi.033",)


def test_new_matches_join_the_subjects_alert_until_it_is_closed(
    store: Store, analyst: User, reviewer: User
) -> None:
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.8))
    subject_id = get_alert(store, alert_id).subject.id
    first = get_alert(store, alert_id).matches[0].id
    decide(store, alert_id, first, analyst, "escalate", "same name, no birth date")
    assert get_alert(store, alert_id).alert.status is AlertStatus.ESCALATED
    joined = record_screening(store, subject_id, [make_match(KOMID, 0.85)], threshold=0.7,
                              algorithm="test", user=analyst)
    assert joined.alert is not None and joined.is_extension
    assert joined.alert.id == alert_id
    detail = get_alert(store, alert_id)
    assert [m.entity.id for m in detail.matches] == ["un-KPe.001", "un-KPi.033"]  # best first
    # an undecided match again: the alert is open, and scores its best match
    assert (detail.alert.status, detail.alert.score) == (AlertStatus.OPEN, 0.85)
    assert [r.action for r in audit_records(store, "alert", str(alert_id))] == [
        "alert.open", "alert.extend"]
    for m in detail.matches:
        decide(store, alert_id, m.id, reviewer, "false_positive", "a different person")
    assert get_alert(store, alert_id).alert.status is AlertStatus.CLOSED
    relisted = Entity(KIM.id, KIM.schema, {**KIM.properties, "alias": ("Kim Jong-eun",)},
                      KIM.datasets)
    later = record_screening(store, subject_id, [make_match(relisted, 0.8)], threshold=0.7,
                             algorithm="test", user=analyst)
    assert later.alert is not None and not later.is_extension
    assert later.alert.id != alert_id
    assert list_alerts(store, AlertFilter(subject_id=subject_id))[1] == 2


def test_true_match_needs_second_different_reviewer(
    store: Store, analyst: User, reviewer: User, reviewer2: User
) -> None:
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.95))
    match_id = get_alert(store, alert_id).matches[0].id
    first = decide(store, alert_id, match_id, reviewer, "true_match", "same name and birth date")
    assert first.state_after is MatchState.PENDING_TRUE_MATCH
    assert get_alert(store, alert_id).alert.status is AlertStatus.PENDING
    with pytest.raises(Conflict, match="four eyes"):
        decide(store, alert_id, match_id, reviewer, "confirm", "I agree with myself")
    with pytest.raises(PermissionDenied):
        decide(store, alert_id, match_id, analyst, "confirm", "analysts cannot confirm")
    done = decide(store, alert_id, match_id, reviewer2, "confirm", "checked the passport")
    assert done.state_after is MatchState.TRUE_MATCH
    detail = get_alert(store, alert_id)
    assert detail.alert.status is AlertStatus.CLOSED
    assert [d.verdict.value for d in detail.matches[0].decisions] == ["true_match", "confirm"]
    with pytest.raises(Conflict, match="final"):
        decide(store, alert_id, match_id, reviewer, "false_positive", "changed my mind")


def test_clearing_low_score_is_final_high_score_needs_confirmation(
    store: Store, analyst: User, reviewer: User
) -> None:
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.95), (KOMID, 0.75))
    detail = get_alert(store, alert_id)
    high, low = detail.matches
    assert decide(store, alert_id, low.id, analyst, "false_positive", "a company, not him") \
        .state_after is MatchState.FALSE_POSITIVE
    assert decide(store, alert_id, high.id, analyst, "false_positive", "born 1962") \
        .state_after is MatchState.PENDING_FALSE_POSITIVE
    rejected = decide(store, alert_id, high.id, reviewer, "reject", "birth date unverified")
    assert rejected.state_after is MatchState.OPEN
    assert get_alert(store, alert_id).alert.status is AlertStatus.OPEN


def test_escalated_match_is_decided_by_reviewer(
    store: Store, analyst: User, reviewer: User
) -> None:
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.8))
    match_id = get_alert(store, alert_id).matches[0].id
    decide(store, alert_id, match_id, analyst, "escalate", "not sure")
    assert get_alert(store, alert_id).alert.status is AlertStatus.ESCALATED
    with pytest.raises(PermissionDenied, match="reviewer"):
        decide(store, alert_id, match_id, analyst, "false_positive", "still not sure")
    decide(store, alert_id, match_id, reviewer, "false_positive", "different person")
    assert get_alert(store, alert_id).alert.status is AlertStatus.CLOSED


def test_cleared_pair_does_not_alert_again_until_a_side_changes(
    store: Store, analyst: User
) -> None:
    subject = subject_entity(birthDate=("1962-03-01",))
    alert_id = screen(store, analyst, subject, (KIM, 0.8))
    match_id = get_alert(store, alert_id).matches[0].id
    decide(store, alert_id, match_id, analyst, "false_positive", "born 1962, not 1984")
    same = add_subject(store, subject, analyst)
    outcome = record_screening(store, same.id, [make_match(KIM, 0.8)], threshold=0.7,
                               algorithm="test", user=analyst)
    assert outcome.alert is None
    assert outcome.suppressed == ("un-KPi.033",)
    relisted = Entity(KIM.id, KIM.schema, {**KIM.properties, "alias": ("Kim Jong-eun",)},
                      KIM.datasets)
    changed_list = record_screening(store, same.id, [make_match(relisted, 0.8)], threshold=0.7,
                                    algorithm="test", user=analyst)
    assert changed_list.alert is not None
    changed_subject = add_subject(store, subject_entity(birthDate=("1984",)), analyst)
    assert record_screening(store, changed_subject.id, [make_match(KIM, 0.8)], threshold=0.7,
                            algorithm="test", user=analyst).alert is not None
    # the history stays: the first alert and its decision are still there
    assert get_alert(store, alert_id).matches[0].decisions[0].reason == "born 1962, not 1984"


def test_bad_decisions_are_refused(store: Store, analyst: User) -> None:
    viewer = add_user(store, "vic", Role.VIEWER)[0]
    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.8))
    match_id = get_alert(store, alert_id).matches[0].id
    with pytest.raises(InputError, match="reason"):
        decide(store, alert_id, match_id, analyst, "false_positive", "   ")
    with pytest.raises(InputError, match="verdict"):
        decide(store, alert_id, match_id, analyst, "maybe", "hmm")
    with pytest.raises(NotFound):
        decide(store, alert_id + 1, match_id, analyst, "escalate", "x")
    with pytest.raises(PermissionDenied):
        decide(store, alert_id, match_id, viewer, "escalate", "x")
    with pytest.raises(Conflict, match="not pending"):
        decide(store, alert_id, match_id, analyst, "confirm", "x")


def test_alert_filters(store: Store, analyst: User, reviewer: User) -> None:
    a1 = screen(store, analyst, subject_entity(), (KIM, 0.95))
    a2 = screen(store, analyst, subject_entity("Korea Mining"),
                (Entity(KOMID.id, KOMID.schema, KOMID.properties, ("ofac_sdn",)), 0.75))
    alerts, total = list_alerts(store)
    assert total == 2
    assert [a.id for a in alerts] == [a1, a2]
    assert [a.id for a in list_alerts(store, AlertFilter(min_score=0.9))[0]] == [a1]
    assert [a.id for a in list_alerts(store, AlertFilter(source="ofac_sdn"))[0]] == [a2]
    assert list_alerts(store, AlertFilter(source="%"))[1] == 0
    from sanctionwatch.store import assign_alert

    assign_alert(store, a2, "rev", analyst)
    assert [a.id for a in list_alerts(store, AlertFilter(assignee="rev"))[0]] == [a2]
    assert [a.id for a in list_alerts(store, AlertFilter(is_unassigned=True))[0]] == [a1]
    match_id = get_alert(store, a1).matches[0].id
    decide(store, a1, match_id, analyst, "true_match", "same person")
    pending = list_alerts(store, AlertFilter(status=AlertStatus.PENDING))[0]
    assert [a.id for a in pending] == [a1]
    assert verify_audit(store).is_intact


def test_alerts_go_only_to_active_users_who_can_decide_them(
        store: Store, analyst: User, reviewer: User) -> None:
    from sanctionwatch.store import assign_alert
    from sanctionwatch.store.tables import users

    alert_id = screen(store, analyst, subject_entity(), (KIM, 0.95))
    add_user(store, "vera", Role.VIEWER)
    with pytest.raises(InputError, match="'vera'.*analyst role"):
        assign_alert(store, alert_id, "vera", analyst)
    with store.write() as conn:
        conn.execute(sa.update(users).where(users.c.name == "rev").values(is_active=False))
    with pytest.raises(InputError, match="'rev'"):
        assign_alert(store, alert_id, "rev", analyst)
    with pytest.raises(NotFound, match="no user named 'nobody'"):
        assign_alert(store, alert_id, "nobody", analyst)
    assert assign_alert(store, alert_id, "ana", analyst).assignee == "ana"
    assert assign_alert(store, alert_id, None, analyst).assignee is None


def test_injection_attempts_are_plain_data(store: Store, analyst: User) -> None:
    evil = "x'); DROP TABLE alerts; --"
    alert_id = screen(store, analyst, subject_entity(evil), (KIM, 0.9))
    assert get_alert(store, alert_id).subject.entity.first("name") == evil
    assert list_alerts(store, AlertFilter(source=evil, assignee=evil))[1] == 0
    assert list_alerts(store)[1] == 1


def test_system_user_is_created_once_and_cannot_sign_in(store: Store) -> None:
    from sanctionwatch.store import list_users, system_user

    first = system_user(store)
    assert first.role is Role.ADMIN
    assert system_user(store) == first
    assert [u.name for u in list_users(store)] == ["system"]


def test_a_listed_owner_alerts_with_its_ownership_verdict(store: Store, analyst: User,
                                                          reviewer: User) -> None:
    subject = add_subject(store, Entity("s", "Company", {"name": ("Example Trading Ltd",)}),
                          analyst)
    verdict = {"status": "blocked by ownership", "blocked_share": 0.6, "blocked": True,
               "chains": [["komid", "subject"]], "party": {"id": "komid"}}
    owner = OwnerHit(make_match(KOMID, 0.75), verdict)
    outcome = record_screening(store, subject.id, [make_match(KIM, 0.5)], threshold=0.7,
                               algorithm="test", user=analyst, owners=[owner])
    assert outcome.alert is not None
    (stored,) = get_alert(store, outcome.alert.id).matches  # KIM stays below the threshold
    assert stored.entity.id == KOMID.id and stored.explanation["ownership"] == verdict
    assert stored.explanation["summary"]  # the name comparison is kept beside it
    decide(store, outcome.alert.id, stored.id, reviewer, "false_positive", "not that KOMID")
    again = record_screening(store, subject.id, [], threshold=0.7, algorithm="test",
                             user=analyst, owners=[owner])
    assert again.alert is None and again.suppressed == (KOMID.id,)
