"""The audit trail: append-only, each record chained to the one before by SHA-256.

Each record's ``hash`` is SHA-256 over its sequence number, time, actor, action, object and
payload and the previous record's hash (64 zeros for the first). ``audit_head`` holds the last
sequence number and hash, written in the same transaction. :func:`verify_chain` recomputes the
chain: an edited row changes its hash, an inserted or deleted row breaks the sequence or the
link to the previous hash, and removing the newest rows leaves the head pointing past the end.

The database refuses UPDATE and DELETE on ``audit_log`` (triggers created by the migration);
the chain catches whoever goes around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionwatch.store.hashing import canonical_json, sha256_text
from sanctionwatch.store.tables import audit_head, audit_log

GENESIS = "0" * 64
_HEAD_ID = 1


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome of :func:`verify_chain`: how many records, and every problem found."""

    records: int
    problems: tuple[str, ...]

    @property
    def is_intact(self) -> bool:
        return not self.problems


def record_hash(
    seq: int, at: str, actor: str, action: str, object_type: str, object_id: str,
    payload: str, prev_hash: str,
) -> str:
    fields = [seq, at, actor, action, object_type, object_id, payload, prev_hash]
    return sha256_text(canonical_json(fields))


def append(
    conn: sa.Connection,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    payload: Mapping[str, Any],
) -> AuditRecord:
    """Append one record. Call inside a write transaction (``database.write_transaction``)."""
    head = conn.execute(
        sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == _HEAD_ID)
    ).first()
    seq, prev = (head.seq + 1, head.hash) if head is not None else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    text = canonical_json(dict(payload))
    digest = record_hash(seq, at, actor, action, object_type, str(object_id), text, prev)
    record = AuditRecord(seq, at, actor, action, object_type, str(object_id), text, prev, digest)
    conn.execute(sa.insert(audit_log).values(
        seq=seq, at=at, actor=actor, action=action, object_type=object_type,
        object_id=str(object_id), payload=text, prev_hash=prev, hash=digest,
    ))
    if head is None:
        conn.execute(sa.insert(audit_head).values(id=_HEAD_ID, seq=seq, hash=digest))
    else:
        conn.execute(
            sa.update(audit_head).where(audit_head.c.id == _HEAD_ID).values(seq=seq, hash=digest)
        )
    return record


def read_records(
    conn: sa.Connection, object_type: str | None = None, object_id: str | None = None,
    limit: int | None = None,
) -> list[AuditRecord]:
    """Audit records in order, optionally those about one object."""
    query = sa.select(audit_log).order_by(audit_log.c.seq)
    if object_type is not None:
        query = query.where(audit_log.c.object_type == object_type)
    if object_id is not None:
        query = query.where(audit_log.c.object_id == object_id)
    if limit is not None:
        query = query.limit(limit)
    return [AuditRecord(**row._mapping) for row in conn.execute(query)]


def verify_chain(conn: sa.Connection) -> ChainReport:
    """Recompute the whole chain and report every break, naming the record."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)):
        rec = AuditRecord(**row._mapping)
        count += 1
        if rec.seq != expected_seq:
            problems.append(f"record {rec.seq}: expected sequence number {expected_seq} "
                            "(a record was deleted or inserted)")
        if rec.prev_hash != prev:
            problems.append(f"record {rec.seq}: does not link to the record before it "
                            "(a record was deleted, inserted or edited)")
        fields = (rec.seq, rec.at, rec.actor, rec.action, rec.object_type, rec.object_id,
                  rec.payload, rec.prev_hash)
        if record_hash(*fields) != rec.hash:
            problems.append(f"record {rec.seq}: content does not match its hash (edited)")
        prev, expected_seq = rec.hash, rec.seq + 1
    head = conn.execute(sa.select(audit_head).where(audit_head.c.id == _HEAD_ID)).first()
    if head is None and count:
        problems.append("audit head is missing")
    elif head is not None and (head.seq != expected_seq - 1 or head.hash != prev):
        problems.append(f"chain ends at record {expected_seq - 1} but the head says record "
                        f"{head.seq} (the newest records were deleted or the head was edited)")
    return ChainReport(records=count, problems=tuple(problems))
