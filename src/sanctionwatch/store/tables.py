"""The database tables (SQLAlchemy Core), one place for every column.

The Alembic migrations under ``store/migrations/versions`` create exactly these tables; a test
compares the migrated schema with this metadata so the two never drift. Every timestamp is a
:class:`UtcDateTime`: aware, in UTC, on SQLite as on PostgreSQL.

- ``users``: analysts and API clients; ``key_hash`` is the SHA-256 of the API key, never the key.
- ``subjects``: the customers and counterparties being screened (FtM schema + properties), with
  ``content_hash`` over both so a change to the subject is visible.
- ``alerts``: one per screening of a subject that found matches at or above the threshold.
- ``matches``: the candidates of an alert, with a snapshot of the listed entity, its content
  hash, score and explanation, and the match's review ``state``; ``delisted_at`` and
  ``delisted_note`` once monitoring saw the entity removed from its list.
- ``decisions``: append-only; every verdict an analyst or reviewer recorded.
- ``cleared``: the false-positive memory: (subject hash, entity id, entity hash) cleared once.
- ``monitor_runs``: one row per list version monitored (unique ``version``): the claim that
  makes one process, of many, re-screen the subjects after an update, and its outcome.
- ``sessions``: the analyst UI's sign-ins: ``token_hash`` is the SHA-256 of the random token in
  the browser's cookie, never the token; the session ends at ``expires_at`` or on sign-out.
- ``payment_holds``: one per held payment (``POST /screen/payment``): the message as received,
  the screening result (verdict, reasons, hits) as JSON, and its review: ``status`` held,
  pending_release or pending_reject (proposed by ``proposed_by``), then released or rejected
  (confirmed by ``decided_by``, another user: four eyes).
- ``audit_log``: append-only and hash-chained; ``audit_head`` holds the chain's last link so that
  removing the newest rows is detected too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timestamp that is always read back in UTC, with its offset, on every backend.

    PostgreSQL keeps the offset (``timestamptz``); SQLite keeps none, so a value read there
    would come back naive. Values are stored in UTC (a naive one is taken as UTC already) and
    read back as aware UTC datetimes, so every API body and page shows ``+00:00``/``Z``."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return _in_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return _in_utc(value)


def _in_utc(value: datetime | None) -> datetime | None:
    """Aware, in UTC (a naive value is taken as UTC already)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("is_active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

subjects = sa.Table(
    "subjects",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("external_id", sa.String(200), nullable=True, index=True),
    sa.Column("schema", sa.String(50), nullable=False),
    sa.Column("properties", sa.JSON, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("screened_at", UtcDateTime(), nullable=True),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("subject_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("algorithm", sa.String(50), nullable=False),
    sa.Column("assignee", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

matches = sa.Table(
    "matches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False, index=True),
    sa.Column("entity_id", sa.String(200), nullable=False),
    sa.Column("entity_hash", sa.String(64), nullable=False),
    sa.Column("entity", sa.JSON, nullable=False),
    sa.Column("datasets", sa.JSON, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("explanation", sa.JSON, nullable=False),
    sa.Column("state", sa.String(30), nullable=False),
    sa.Column("delisted_at", UtcDateTime(), nullable=True),
    sa.Column("delisted_note", sa.Text, nullable=True),
)

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("match_id", sa.Integer, sa.ForeignKey("matches.id"), nullable=False, index=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False, index=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("verdict", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("state_before", sa.String(30), nullable=False),
    sa.Column("state_after", sa.String(30), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
)

cleared = sa.Table(
    "cleared",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("subject_hash", sa.String(64), nullable=False),
    sa.Column("entity_id", sa.String(200), nullable=False),
    sa.Column("entity_hash", sa.String(64), nullable=False),
    sa.Column("match_id", sa.Integer, sa.ForeignKey("matches.id"), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.UniqueConstraint("subject_hash", "entity_id", "entity_hash", name="uq_cleared_pair"),
)

monitor_runs = sa.Table(
    "monitor_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.String(200), nullable=False, unique=True),
    sa.Column("previous", sa.String(200), nullable=True),
    sa.Column("runner", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("started_at", UtcDateTime(), nullable=False),
    sa.Column("finished_at", UtcDateTime(), nullable=True),
    sa.Column("report", sa.JSON, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False, index=True),
    sa.Column("last_seen_at", UtcDateTime(), nullable=False),
)

payment_holds = sa.Table(
    "payment_holds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("message_index", sa.Integer, nullable=False),
    sa.Column("message_type", sa.String(50), nullable=True),
    sa.Column("reference", sa.String(200), nullable=True),
    sa.Column("uetr", sa.String(64), nullable=True, index=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("result", sa.Text, nullable=False),
    sa.Column("status", sa.String(30), nullable=False, index=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("proposed_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
    sa.Column("proposal_reason", sa.Text, nullable=True),
    sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
    sa.Column("decided_at", UtcDateTime(), nullable=True),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(50), nullable=False),
    sa.Column("object_type", sa.String(30), nullable=False),
    sa.Column("object_id", sa.String(200), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
)

audit_head = sa.Table(
    "audit_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
