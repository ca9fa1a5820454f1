"""The audit trail as use cases: read it, verify it (``sanctionwatch audit verify``)."""

from __future__ import annotations

from sanctionwatch.store.audit import AuditRecord, ChainReport, read_records, verify_chain
from sanctionwatch.store.database import Store


def verify_audit(store: Store) -> ChainReport:
    """Recompute the hash chain; the report names every edited, inserted or deleted record."""
    with store.read() as conn:
        return verify_chain(conn)


def audit_records(
    store: Store, object_type: str | None = None, object_id: str | None = None,
    limit: int | None = None,
) -> list[AuditRecord]:
    with store.read() as conn:
        return read_records(conn, object_type, object_id, limit)
