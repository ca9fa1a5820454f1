"""The store: subjects, alerts, matches, decisions, users and the audit trail in SQL.

A SQLite file by default, PostgreSQL by URL; both through SQLAlchemy Core with bound parameters
only, the schema managed by the Alembic migrations in ``store/migrations``. :func:`open_store`
opens and migrates a database; the use cases are plain functions taking the :class:`Store` first:
users (:func:`add_user`, :func:`authenticate`, :func:`list_users`, :func:`deactivate_user`,
:func:`rotate_key`; :data:`RESERVED_NAMES` are the automated actors'), cases (:func:`add_subject`,
:func:`record_screening`, :func:`decide`, :func:`list_alerts`, :func:`get_alert`) and the audit
trail (:func:`verify_audit`). Four-eyes rules live in :mod:`sanctionwatch.store.review`;
screening a subject against the index and recording it (``add_and_screen``,
``screen_subject``) in :mod:`sanctionwatch.store.screening`; what monitoring after a list
update keeps -- one claimed run per list version, delisted notes on matches
(:func:`claim_monitor_run`, :func:`mark_delisted`) -- in :mod:`sanctionwatch.store.monitoring`;
the analyst UI's sign-in sessions (:func:`open_session`, :func:`session_user`,
:func:`close_session`) in :mod:`sanctionwatch.store.sessions`.
"""

from sanctionwatch.store.audit import AuditRecord, ChainReport
from sanctionwatch.store.cases import add_subject, assign_alert, decide, record_screening
from sanctionwatch.store.database import Store, create_engine, migrate, open_store
from sanctionwatch.store.monitoring import (
    claim_monitor_run,
    finish_monitor_run,
    latest_monitor_run,
    mark_delisted,
)
from sanctionwatch.store.reads import get_alert, get_subject, list_alerts, list_subjects
from sanctionwatch.store.records import (
    Alert,
    AlertDetail,
    AlertFilter,
    Decision,
    MonitorRun,
    OwnerHit,
    ScreeningOutcome,
    StoredMatch,
    Subject,
    User,
)
from sanctionwatch.store.review import AlertStatus, MatchState, ReviewPolicy, Role, Verdict
from sanctionwatch.store.sessions import close_session, open_session, session_user
from sanctionwatch.store.trail import audit_records, verify_audit
from sanctionwatch.store.users import (
    RESERVED_NAMES,
    add_user,
    authenticate,
    deactivate_user,
    list_users,
    rotate_key,
    system_user,
)

__all__ = [
    "RESERVED_NAMES",
    "Alert",
    "AlertDetail",
    "AlertFilter",
    "AlertStatus",
    "AuditRecord",
    "ChainReport",
    "Decision",
    "MatchState",
    "MonitorRun",
    "OwnerHit",
    "ReviewPolicy",
    "Role",
    "ScreeningOutcome",
    "Store",
    "StoredMatch",
    "Subject",
    "User",
    "Verdict",
    "add_subject",
    "add_user",
    "assign_alert",
    "audit_records",
    "authenticate",
    "claim_monitor_run",
    "close_session",
    "create_engine",
    "deactivate_user",
    "decide",
    "finish_monitor_run",
    "get_alert",
    "get_subject",
    "latest_monitor_run",
    "list_alerts",
    "list_subjects",
    "list_users",
    "mark_delisted",
    "migrate",
    "open_session",
    "open_store",
    "record_screening",
    "rotate_key",
    "session_user",
    "system_user",
    "verify_audit",
]
