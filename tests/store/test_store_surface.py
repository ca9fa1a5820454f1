"""The public surfaces of the store, service and web packages, pinned."""

from __future__ import annotations

import sanctionwatch.service
import sanctionwatch.store
import sanctionwatch.web


def test_store_surface() -> None:
    assert sorted(sanctionwatch.store.__all__) == [
        "Alert", "AlertDetail", "AlertFilter", "AlertStatus", "AuditRecord", "ChainReport",
        "Decision", "MatchState", "MonitorRun", "OwnerHit", "RESERVED_NAMES", "ReviewPolicy", "Role", "ScreeningOutcome",
        "Store", "StoredMatch", "Subject", "User", "Verdict", "add_subject", "add_user",
        "assign_alert", "audit_records", "authenticate", "claim_monitor_run", "close_session",
        "create_engine", "deactivate_user", "decide", "finish_monitor_run", "get_alert", "get_subject",
        "latest_monitor_run", "list_alerts", "list_subjects", "list_users", "mark_delisted",
        "migrate", "open_session", "open_store", "record_screening", "rotate_key", "session_user",
        "system_user", "verify_audit",
    ]
    assert all(hasattr(sanctionwatch.store, name) for name in sanctionwatch.store.__all__)


def test_service_and_web_surfaces() -> None:
    assert sanctionwatch.service.__all__ == [
        "IndexHolder", "IndexNotReady", "ServiceConfig", "create_app"]
    assert sanctionwatch.web.__all__ == ["ListsProvider", "UiConfig", "create_ui", "install_ui"]
