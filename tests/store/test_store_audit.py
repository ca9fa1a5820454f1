from __future__ import annotations

import pytest
import sqlalchemy as sa
from storedata import KIM, make_match, subject_entity

from sanctionwatch.store import (
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


def _fill(store: Store, analyst: User) -> None:
    subject = add_subject(store, subject_entity(), analyst)
    alert = record_screening(store, subject.id, [make_match(KIM, 0.8)], threshold=0.7,
                             algorithm="test", user=analyst).alert
    assert alert is not None
    match_id = get_alert(store, alert.id).matches[0].id
    decide(store, alert.id, match_id, analyst, "false_positive", "born 1962")
    add_user(store, "late", Role.VIEWER)


def _drop_guards(store: Store) -> None:
    """What an attacker with DDL rights does first: remove the append-only triggers."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            conn.execute(sa.text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
            conn.execute(sa.text("DROP TRIGGER audit_log_no_delete"))


def test_every_write_is_audited_and_chain_is_intact(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    actions = [r.action for r in audit_records(store)]
    assert actions == ["user.add", "subject.add", "alert.open", "subject.screen",
                       "match.decide", "user.add"]
    report = verify_audit(store)
    assert report.is_intact
    assert report.records == 6


def test_database_refuses_changes_to_audit_log(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log",
                      "UPDATE decisions SET reason = 'x'"):
        with (
            pytest.raises(sa.exc.DatabaseError, match="append-only"),
            store.engine.begin() as conn,
        ):
            conn.execute(sa.text(statement))
    assert verify_audit(store).is_intact


def test_verify_detects_edited_row(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    _drop_guards(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET payload = :p WHERE seq = 5"),
                     {"p": '{"verdict":"true_match"}'})
    report = verify_audit(store)
    assert not report.is_intact
    assert report.problems == ("record 5: content does not match its hash (edited)",)


def test_verify_detects_deleted_row(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    _drop_guards(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq = 3"))
    problems = verify_audit(store).problems
    assert any("record 4: expected sequence number 3" in p for p in problems)
    assert any("record 4: does not link" in p for p in problems)


def test_verify_detects_deleted_newest_rows(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    _drop_guards(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq >= 5"))
    problems = verify_audit(store).problems
    assert len(problems) == 1
    assert "chain ends at record 4 but the head says record 6" in problems[0]


def test_verify_detects_inserted_row(store: Store, analyst: User) -> None:
    _fill(store, analyst)
    forged = audit_records(store)[2]
    _drop_guards(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET seq = seq + 1000 WHERE seq > 3"))
        conn.execute(sa.text("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000"))
        conn.execute(
            sa.text("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, "
                    "payload, prev_hash, hash) VALUES (4, :at, 'mallory', 'match.decide', "
                    "'match', '1', '{}', :prev, :hash)"),
            {"at": forged.at, "prev": "e" * 64, "hash": "f" * 64},
        )
    problems = verify_audit(store).problems
    assert "record 4: does not link to the record before it " \
           "(a record was deleted, inserted or edited)" in problems
    assert "record 4: content does not match its hash (edited)" in problems
    assert "record 5: does not link to the record before it " \
           "(a record was deleted, inserted or edited)" in problems
